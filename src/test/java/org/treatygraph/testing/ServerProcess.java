package org.treatygraph.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.treatygraph.load.Store;

/**
 * {@code treatygraph serve …} in a process of its own (the test's classpath), for what only a
 * second process can show: a database lock held by a server, a kill -9 in the middle of a write.
 * Its output lines are collected; {@link #awaitLine} waits for one.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path db;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ServerProcess(Process process, Path db) {
        this.process = process;
        this.db = db;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine())
                    lines.add(l);
            } catch (IOException e) {
                // the process ended
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Start {@code serve --project P --db D --port 0 ARGS} and wait until it announces its URL. */
    public static ServerProcess serve(Path project, Path db, String... args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp", classpath,
            "org.treatygraph.cli.Main", "serve", "--project", project.toString(), "--db", db.toString(), "--port", "0"));
        cmd.addAll(List.of(args));
        Files.deleteIfExists(db.resolve("server.url"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ServerProcess s = new ServerProcess(p, db);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (Store.announced(db).isEmpty()) {
            if (!p.isAlive())
                throw new IllegalStateException("serve exited with " + p.exitValue() + ":\n" + String.join("\n", s.lines));
            if (System.nanoTime() > deadline)
                throw new IllegalStateException("serve did not start in 120 s:\n" + String.join("\n", s.lines));
            Thread.sleep(50);
        }
        return s;
    }

    /** The base URL the server announced. */
    public String baseUrl() {
        return Store.announced(db).orElseThrow();
    }

    /** Wait (up to {@code seconds}) for an output line that {@code test} accepts; true when one came. */
    public boolean awaitLine(Predicate<String> test, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int seen = 0;
        while (System.nanoTime() < deadline) {
            for (; seen < lines.size(); seen++)
                if (test.test(lines.get(seen)))
                    return true;
            Thread.sleep(2);
        }
        return false;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** kill -9. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS))
                kill();
        }
    }
}
