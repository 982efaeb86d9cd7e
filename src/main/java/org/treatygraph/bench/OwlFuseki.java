package org.treatygraph.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Side (b) of the benchmark: STOCK Fuseki ({@code org.apache.jena.fuseki.main.cmds.FusekiMainCmd},
 * the command-line server of jena-fuseki-main) in a JVM of its own, configured by
 * fuseki-owl.ttl: a ja:InfModel with Jena's OWL rule reasoner over the asserted graphs of a TDB2
 * database (its union graph). A child process, so that an out-of-memory reasoner or a query that
 * will not stop cannot take the benchmark down; it is stopped through its own process handle.
 */
final class OwlFuseki implements AutoCloseable {
    static final String MAIN = "org.apache.jena.fuseki.main.cmds.FusekiMainCmd";

    private final Path dir;
    private final Path database;
    private final String reasoner;
    private final String heap;
    private final Duration cap;
    private Process process;
    private int port;
    /** Where this start's lines begin in the (appended) log. */
    private long logStart;

    /**
     * @param dir      folder for the configuration and the server log
     * @param database TDB2 folder holding the asserted graphs only
     * @param reasoner a Jena reasoner URL, e.g. http://jena.hpl.hp.com/2003/OWLFBRuleReasoner
     * @param heap     the child's -Xmx, e.g. "8g"
     * @param cap      the server-side query timeout
     */
    OwlFuseki(Path dir, Path database, String reasoner, String heap, Duration cap) {
        this.dir = dir;
        this.database = database;
        this.reasoner = reasoner;
        this.heap = heap;
        this.cap = cap;
    }

    String sparqlUrl() {
        return "http://127.0.0.1:" + port + "/kg/sparql";
    }

    Path log() {
        return dir.resolve("owl-fuseki.log");
    }

    /** Start the child and wait (up to {@code wait}) until it answers HTTP; the reasoner itself is built lazily. */
    void start(Duration wait) {
        try {
            Path config = dir.resolve("fuseki-owl.ttl");
            Files.writeString(config, BenchQuery.resource("fuseki-owl.ttl")
                .replace("@LOCATION@", database.toAbsolutePath().toString().replace("\\", "/"))
                .replace("@REASONER@", reasoner)
                .replace("@TIMEOUT_MS@", Long.toString(cap.toMillis())), StandardCharsets.UTF_8);
            port = freePort();
            logStart = Files.exists(log()) ? Files.size(log()) : 0;
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx" + heap);
            // Fuseki's command line sets up log4j2, which is not on our class path: we log through slf4j-simple
            cmd.add("-Dlog4j.configurationFile=slf4j-simple");
            cmd.add("-Dlog4j2.configurationFile=slf4j-simple");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(MAIN);
            cmd.add("--config=" + config.toAbsolutePath());
            cmd.add("--port=" + port);
            cmd.add("--localhost");
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start stock Fuseki", e);
        }
        SparqlHttp http = new SparqlHttp(sparqlUrl());
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive())
                throw new IllegalStateException("stock Fuseki exited (code " + process.exitValue() + "), see " + log());
            if (http.answers())
                return;
            sleep(250);
        }
        throw new IllegalStateException("stock Fuseki did not answer within " + wait.toSeconds() + " s, see " + log());
    }

    /** Whether the server's log reports an OutOfMemoryError since it was last started. */
    boolean outOfMemory() {
        try {
            if (!Files.exists(log()))
                return false;
            byte[] all = Files.readAllBytes(log());
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).contains("OutOfMemoryError");
        } catch (IOException e) {
            return false;
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        if (process == null)
            return;
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
