package org.treatygraph.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.tdb2.sys.TDBInternal;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.load.Database;
import org.treatygraph.load.Project;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.NamedQuery;
import org.treatygraph.serve.TreatyServer;

/**
 * The service under load, as the public endpoint meets it: 16 clients that run the named queries
 * (each with its defaults) in a loop, a client that pings every 100 ms, and — in the second phase —
 * 4 clients that send only expensive queries (cross products that run to the timeout). Each client
 * has its own address (127.0.0.x), as distinct users would. Printed: requests/s, p50/p99 of the
 * cheap queries and of the pings, errors, the expensive queries' answers, and the peak resident
 * memory of the process (the server runs in it).
 */
public final class LoadBench {
    private static final String EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o }";

    private LoadBench() {}

    /** One phase's measurements. */
    private static final class Phase {
        final List<Double> cheap = Collections.synchronizedList(new ArrayList<>());
        final List<Double> ping = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, Integer> cheapStatus = Collections.synchronizedMap(new TreeMap<>());
        final Map<Integer, Integer> expensiveStatus = Collections.synchronizedMap(new TreeMap<>());
        final Map<String, Integer> failures = Collections.synchronizedMap(new TreeMap<>());
        double seconds;
    }

    public static void run(Bench.Config cfg, Duration duration, PrintStream out) {
        Project project = new Project(cfg.project());
        Path dir = cfg.work().resolve("load/tdb2");
        Bench.deleteTree(dir);
        Database db = Database.open(dir, project, new Reasoner(project.rulesDir()));
        db.rebuild(Database.OnError.REFUSE);
        NamedQueries catalog = NamedQueries.load(project.queriesDir());
        List<String> cheap = catalog.all().stream().filter(q -> !q.federated()).map(NamedQuery::name).toList();
        TreatyServer server = TreatyServer.builder(db).port(0).namedQueries(catalog).build().start();
        try {
            out.println("# Treaty Graph under load, " + java.time.LocalDate.now());
            out.println();
            out.println("Server: defaults (timeout 30 s, --max-concurrent = cores, --query-budget 60 s/min), real data."
                        + " Clients: 16 × the " + cheap.size() + " named queries (not federated) in turn, 1 × ping every 100 ms,"
                        + " phase B adds 4 × an expensive query (" + EXPENSIVE + "). " + duration.toSeconds() + " s per phase.");
            out.println();
            Phase a = phase(server, cheap, 0, duration);
            Phase b = phase(server, cheap, 4, duration);
            out.println("| phase | cheap requests/s | cheap p50 | cheap p99 | cheap errors | ping p50 | ping p99 | expensive answers |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---|");
            row(out, "A: 16 cheap clients", a);
            row(out, "B: + 4 expensive clients", b);
            out.println();
            double ratio = p(b.cheap, 0.99) / p(a.cheap, 0.99);
            out.printf(Locale.ROOT, "Cheap p99 B/A: %.2f× (target ≤ 2×); ping p99 in B: %s (target < 50 ms); cheap errors in B: %d"
                       + " (target 0). Peak resident memory of the process: %s.%n", ratio, Bench.ms(p(b.ping, 0.99)),
                       errors(b.cheapStatus), peakRss());
            if (!a.failures.isEmpty() || !b.failures.isEmpty())
                out.println("Transport failures: A " + a.failures + ", B " + b.failures);
        } finally {
            server.stop();
            TDBInternal.expel(db.dataset());
        }
    }

    private static Phase phase(TreatyServer server, List<String> cheap, int expensiveClients, Duration duration) {
        Phase ph = new Phase();
        AtomicBoolean stop = new AtomicBoolean();
        int port = server.port();
        List<Thread> threads = new ArrayList<>();
        int address = 2;
        for (int c = 0; c < 16; c++) {
            String local = "127.0.0." + (address++);
            int first = c;
            threads.add(new Thread(() -> {
                int i = first;
                while (!stop.get()) {
                    String name = cheap.get(i++ % cheap.size());
                    Result r = get(local, port, "/kg/queries/" + name);
                    if (stop.get())
                        break;
                    if (r.status > 0) {
                        ph.cheap.add(r.millis);
                        ph.cheapStatus.merge(r.status, 1, Integer::sum);
                    } else
                        ph.failures.merge("cheap: " + r.failure, 1, Integer::sum);
                }
            }, "cheap-" + c));
        }
        for (int c = 0; c < expensiveClients; c++) {
            String local = "127.0.0." + (address++);
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    Result r = get(local, port, "/kg/sparql?query=" + URLEncoder.encode(EXPENSIVE, StandardCharsets.UTF_8));
                    if (r.status > 0)
                        ph.expensiveStatus.merge(r.status, 1, Integer::sum);
                    if (r.status == 429 || r.status == 503)
                        sleep(1000);
                }
            }, "expensive-" + c));
        }
        String pinger = "127.0.0." + (address++);
        threads.add(new Thread(() -> {
            while (!stop.get()) {
                Result r = get(pinger, port, "/$/ping");
                if (r.status == 200)
                    ph.ping.add(r.millis);
                else
                    ph.failures.merge("ping: " + (r.status > 0 ? r.status : r.failure), 1, Integer::sum);
                sleep(100);
            }
        }, "ping"));
        long t0 = System.nanoTime();
        threads.forEach(Thread::start);
        sleep(duration.toMillis());
        stop.set(true);
        ph.seconds = (System.nanoTime() - t0) / 1e9;
        for (Thread t : threads) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ph;
    }

    private record Result(int status, double millis, String failure) {}

    /** GET over a socket bound to {@code local}: one client address per simulated user. */
    private static Result get(String local, int port, String path) {
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            s.setSoTimeout(120_000);
            OutputStream o = s.getOutputStream();
            o.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/sparql-results+json\r\n"
                     + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            InputStream in = s.getInputStream();
            byte[] head = new byte[12];
            int n = in.readNBytes(head, 0, 12);
            if (n < 12)
                return new Result(-1, 0, "short response");
            int status = Integer.parseInt(new String(head, 9, 3, StandardCharsets.ISO_8859_1));
            in.transferTo(OutputStream.nullOutputStream());
            return new Result(status, (System.nanoTime() - t0) / 1e6, null);
        } catch (IOException | RuntimeException e) {
            return new Result(-1, 0, e.getClass().getSimpleName());
        }
    }

    private static void row(PrintStream out, String name, Phase ph) {
        out.printf(Locale.ROOT, "| %s | %.1f | %s | %s | %d of %d | %s | %s | %s |%n", name, ph.cheap.size() / ph.seconds,
                   Bench.ms(p(ph.cheap, 0.5)), Bench.ms(p(ph.cheap, 0.99)), errors(ph.cheapStatus), ph.cheap.size(),
                   Bench.ms(p(ph.ping, 0.5)), Bench.ms(p(ph.ping, 0.99)),
                   ph.expensiveStatus.isEmpty() ? "–" : statusCounts(ph.expensiveStatus));
    }

    private static int errors(Map<Integer, Integer> status) {
        int n = 0;
        for (Map.Entry<Integer, Integer> e : status.entrySet())
            if (e.getKey() != 200)
                n += e.getValue();
        return n;
    }

    private static String statusCounts(Map<Integer, Integer> status) {
        StringBuilder sb = new StringBuilder();
        status.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(" × ").append(k));
        return sb.toString();
    }

    private static double p(List<Double> xs, double q) {
        if (xs.isEmpty())
            return Double.NaN;
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.floor(q * s.size())));
    }

    private static String peakRss() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status")))
                if (l.startsWith("VmHWM:"))
                    return String.format(Locale.ROOT, "%,d MB", Long.parseLong(l.replaceAll("\\D", "")) / 1024);
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "n/a";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
