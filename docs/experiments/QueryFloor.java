import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.Filter;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Endpoint;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.fuseki.servlets.ActionService;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.system.Txn;
import org.treatygraph.load.Store;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.NamedQuery;
import org.treatygraph.query.QueryContext;
import org.treatygraph.serve.Limits;
import org.treatygraph.serve.TreatyServer;

/**
 * The per-request floor of a small SPARQL query over HTTP (docs/scale.md, "The per-request floor"):
 * the same query texts POSTed (application/sparql-query, JSON results, keep-alive, one client) to a
 * ladder of servers over ONE TDB2 database, interleaved round by round, p50 per server:
 * <ol>
 * <li>{@code fuseki} — a plain FusekiServer, read-only dataset (its context: union default graph, as
 *     the database is opened), nothing else;</li>
 * <li>{@code +context} — the same with the product's query semantics as the endpoint's context
 *     (timeout, SERVICE allow-list registry, optimizer rewrite);</li>
 * <li>{@code +service} — and the product's query operation (QueryService: text checks, result buffer);</li>
 * <li>{@code +filters} — and the product's filters (RequestGuard, FairUse, DatasetPage,
 *     ServiceDescription, UnionDefaultGraphRead, ClientRequests, WholeResponse);</li>
 * <li>{@code treaty} — TreatyServer as `serve` builds it (the named queries, pages, processors).</li>
 * </ol>
 * Then the same pieces in-process, without HTTP: a read transaction, parsing, execution, writing JSON.
 * <pre>
 *   java -Xmx2g -cp target/treatygraph.jar docs/experiments/QueryFloor.java DATABASE_DIR [ROUNDS] [QUERIES...] 2&gt;/tmp/floor.log
 * </pre>
 * Run it from the project root (it reads queries/). {@code -Dservers=fuseki,treaty} keeps only those
 * servers; {@code -DbenchOrder=true} runs instead the bench's order and counts twice over (pass 1 in a
 * cold JVM) on treaty and plain Fuseki. The server-side figure is Jetty's handler entry to the
 * response's completion.
 * QUERIES: named queries of queries/ to time besides the trivial ones (parameters: the bench's
 * choices for the database, org.treatygraph.bench.QueryParams).
 */
public class QueryFloor {
    static final Map<String, String> LOGGING = Map.of(
        "org.slf4j.simpleLogger.defaultLogLevel", "info",
        "org.slf4j.simpleLogger.showDateTime", "true",
        "org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS",
        "org.slf4j.simpleLogger.showThreadName", "false",
        "org.slf4j.simpleLogger.showShortLogName", "true",
        "org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");

    public static void main(String[] args) throws Exception {
        LOGGING.forEach((k, v) -> { if (System.getProperty(k) == null) System.setProperty(k, v); });   // as `serve` (cli.Logging)
        Path db = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        List<String> named = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        DatasetGraph dsg = Store.open(db);
        NamedQueries catalog = NamedQueries.load(Path.of("queries"));
        QueryContext semantics = QueryContext.defaults();
        Limits limits = Limits.defaults().withBudget(Duration.ofDays(1));

        Map<String, String> servers = new LinkedHashMap<>();
        List<Runnable> stops = new ArrayList<>();
        servers.put("fuseki", start(stops, "fuseki", plain(dsg, null, null, false)));
        servers.put("+context", start(stops, "+context", plain(dsg, semantics.context(), null, false)));
        servers.put("+service", start(stops, "+service", plain(dsg, semantics.context(), limits, false)));
        servers.put("+filters", start(stops, "+filters", plain(dsg, semantics.context(), limits, true)));
        TreatyServer t = TreatyServer.builder(dsg).port(0).namedQueries(catalog).limits(limits).build();
        java.lang.reflect.Field f = TreatyServer.class.getDeclaredField("fuseki");
        f.setAccessible(true);
        org.eclipse.jetty.server.Server jetty = ((FusekiServer) f.get(t)).getJettyServer();
        jetty.setHandler(new Timing(jetty.getHandler(), "treaty"));
        t.start();
        stops.add(t::stop);
        servers.put("treaty", t.baseUrl());

        Map<String, List<String>> texts = new LinkedHashMap<>();
        texts.put("ASK {}", List.of("ASK {}"));
        texts.put("SELECT * { <x> <y> ?o }", List.of("SELECT * { <http://example.org/x> <http://example.org/y> ?o }"));
        Map<String, List<String>> gets = new LinkedHashMap<>();
        for (String n : named) {
            List<Map<String, String>> values = new ArrayList<>();
            texts.put(n, choices(catalog.get(n).orElseThrow(), dsg, values));
            gets.put(n, values.stream().map(v -> "/kg/queries/" + n + query(v)).toList());
        }

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (Boolean.getBoolean("benchOrder")) {
            benchOrder(client, catalog, dsg, servers.get("fuseki"), t.baseUrl());
            stops.forEach(Runnable::run);
            System.exit(0);
        }
        System.out.println("uptime: " + uptime());
        // /$/ping: Jetty and the filters, no dataset
        if (System.getProperty("servers") != null) {        // e.g. -Dservers=fuseki,treaty
            List<String> keep = List.of(System.getProperty("servers").split(","));
            servers.keySet().retainAll(keep);
        }
        System.out.printf(Locale.ROOT, "%-34s %s%n", "p50 ms over " + rounds + " rounds (interleaved)", String.join("  ", servers.keySet().stream().map(s -> String.format("%9s", s)).toList()));
        Map<String, List<Double>> ping = new LinkedHashMap<>();
        kind = "GET /$/ping";
        for (int r = 0; r < rounds + 50; r++)
            for (var s : rotated(servers, r)) {
                double ms = time(client, HttpRequest.newBuilder(URI.create(s.getValue() + "/$/ping")).GET().build());
                if (r >= 50) ping.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(ms);
            }
        row("GET /$/ping", servers.keySet(), ping);
        serverRow("GET /$/ping", servers.keySet());
        for (var e : texts.entrySet()) {
            Map<String, List<Double>> times = new LinkedHashMap<>();
            List<String> qs = e.getValue();
            kind = e.getKey();
            for (int r = 0; r < rounds + 50; r++)
                for (var s : rotated(servers, r)) {
                    String q = qs.get(r % qs.size());
                    double ms = time(client, HttpRequest.newBuilder(URI.create(s.getValue() + "/kg/sparql"))
                        .header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                        .POST(HttpRequest.BodyPublishers.ofString(q)).build());
                    if (r >= 50) times.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(ms);
                }
            row(e.getKey(), servers.keySet(), times);
            serverRow(e.getKey(), servers.keySet());
        }

        // The named-query API of TreatyServer (GET /kg/queries/NAME?param=value) against the same text at /kg/sparql
        if (!gets.isEmpty()) {
            System.out.println();
            System.out.printf(Locale.ROOT, "%-34s %12s %12s%n", "treaty, p50 ms", "/kg/sparql", "/kg/queries");
        }
        for (var e : gets.entrySet()) {
            List<String> qs = texts.get(e.getKey()), urls = e.getValue();
            List<Double> post = new ArrayList<>(), get = new ArrayList<>();
            kind = "api " + e.getKey();
            for (int r = 0; r < rounds + 50; r++) {
                double a = time(client, HttpRequest.newBuilder(URI.create(t.baseUrl() + "/kg/sparql"))
                    .header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                    .POST(HttpRequest.BodyPublishers.ofString(qs.get(r % qs.size()))).build());
                double b = time(client, HttpRequest.newBuilder(URI.create(t.baseUrl() + urls.get(r % urls.size())))
                    .header("Accept", "application/sparql-results+json").GET().build());
                if (r >= 50) { post.add(a); get.add(b); }
            }
            System.out.printf(Locale.ROOT, "%-34s %12.3f %12.3f%n", e.getKey(), p50(post), p50(get));
        }

        // In-process: the same pieces without HTTP
        System.out.println();
        System.out.println("in-process p50 (µs): plain = the dataset's context; ours = QueryContext.forDataset");
        inProcess("read txn begin/end", rounds * 4, () -> () -> Txn.executeRead(dsg, () -> {}));
        for (var e : texts.entrySet()) {
            List<String> qs = e.getValue();
            int[] i = {0};
            inProcess(e.getKey() + ": parse", rounds * 2, () -> {
                String q = qs.get(i[0]++ % qs.size());
                return () -> QueryFactory.create(q, "http://localhost/", Syntax.syntaxARQ);
            });
            for (String mode : List.of("plain", "ours")) {
                inProcess(e.getKey() + ": txn+exec+json " + mode, rounds * 2, () -> {
                    Query q = QueryFactory.create(qs.get(i[0]++ % qs.size()), "http://localhost/", Syntax.syntaxARQ);
                    Context cxt = mode.equals("plain") ? Context.mergeCopy(org.apache.jena.query.ARQ.getContext(), dsg.getContext())
                                                       : semantics.forDataset(dsg);
                    return () -> Txn.executeRead(dsg, () -> {
                        try (QueryExec qe = QueryExec.dataset(dsg).query(q).context(cxt).build()) {
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            if (q.isAskType())
                                ResultSetMgr.write(out, qe.ask(), ResultSetLang.RS_JSON);
                            else
                                ResultSetMgr.write(out, org.apache.jena.query.ResultSet.adapt(qe.select()), ResultSetLang.RS_JSON);
                        }
                    });
                });
            }
        }
        System.out.println("uptime: " + uptime());
        stops.forEach(Runnable::run);
        System.exit(0);
    }

    /**
     * The bench's order and counts (2 warm-up + 50 measured runs per query, its parameter choices in
     * turn, every named query but the federated ones, by name), run by treaty and plain Fuseki in
     * alternation, twice over: pass 1 starts with a cold JVM, as the bench's does.
     */
    static void benchOrder(HttpClient client, NamedQueries catalog, DatasetGraph dsg, String fuseki, String treaty) throws Exception {
        Map<String, List<String>> texts = new LinkedHashMap<>();
        for (NamedQuery q : catalog.all())
            if (!q.federated())
                texts.put(q.name(), choices(q, dsg, new ArrayList<>()));
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int pass = 0; pass < 2; pass++)
            for (var e : texts.entrySet()) {
                List<String> qs = e.getValue();
                if (qs.isEmpty())
                    continue;
                List<Double> a = new ArrayList<>(), b = new ArrayList<>();
                for (int i = 0; i < 52; i++)
                    for (String server : i % 2 == 0 ? List.of(treaty, fuseki) : List.of(fuseki, treaty)) {
                        double ms = time(client, HttpRequest.newBuilder(URI.create(server + "/kg/sparql"))
                            .header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                            .POST(HttpRequest.BodyPublishers.ofString(qs.get(i % qs.size()))).build());
                        if (i >= 2) (server.equals(treaty) ? a : b).add(ms);
                    }
                double[] r = out.computeIfAbsent(e.getKey(), k -> new double[4]);
                r[pass * 2] = p50(a);
                r[pass * 2 + 1] = p50(b);
            }
        System.out.printf(Locale.ROOT, "%-46s %14s %14s %14s %14s%n", "p50 ms, bench order (2 + 50 runs)", "pass 1 treaty", "pass 1 fuseki", "pass 2 treaty", "pass 2 fuseki");
        out.forEach((k, r) -> System.out.printf(Locale.ROOT, "%-46s %14.2f %14.2f %14.2f %14.2f%n", k, r[0], r[1], r[2], r[3]));
        System.out.println("uptime: " + uptime());
    }

    /** A plain Fuseki server on /kg over dsg; with an endpoint context, our QueryService, our filters when asked. */
    static FusekiServer plain(DatasetGraph dsg, Context cxt, Limits limits, boolean filters) throws Exception {
        Endpoint.Builder e = Endpoint.create().operation(Operation.Query).endpointName("sparql");
        if (cxt != null)
            e.context(cxt);
        DataService.Builder kg = DataService.newBuilder(dsg).addEndpoint(e.build());
        FusekiServer.Builder b = FusekiServer.create().port(0).enablePing(true);
        if (limits != null)
            b.registerOperation(Operation.Query, (ActionService) make("org.treatygraph.serve.QueryService", new Class<?>[] {Limits.class}, limits));
        b.add("kg", kg);
        if (filters) {
            b.addFilter("/*", (Filter) make("org.treatygraph.serve.RequestGuard", new Class<?>[] {Limits.class}, limits));
            b.addFilter("/*", (Filter) make("org.treatygraph.serve.FairUse", new Class<?>[] {Limits.class}, limits));
            b.addFilter("/kg/*", (Filter) make("org.treatygraph.serve.DatasetPage", new Class<?>[] {DatasetGraph.class}, dsg));
            b.addFilter("/kg/*", (Filter) make("org.treatygraph.serve.ServiceDescription", new Class<?>[] {DatasetGraph.class, String.class}, dsg, "/kg"));
            b.addFilter("/kg/*", (Filter) make("org.treatygraph.serve.UnionDefaultGraphRead", new Class<?>[] {String.class}, "/kg/data"));
            b.addFilter("/kg/*", (Filter) make("org.treatygraph.serve.ClientRequests", new Class<?>[] {String.class}, "/kg"));
            b.addFilter("/kg/*", (Filter) make("org.treatygraph.serve.WholeResponse", new Class<?>[] {String.class}, "/kg"));
        }
        return b.build();
    }

    /** The servers, starting with the (r mod n)-th: no server always goes first in a round. */
    static List<Map.Entry<String, String>> rotated(Map<String, String> servers, int r) {
        List<Map.Entry<String, String>> all = new ArrayList<>(servers.entrySet());
        Collections.rotate(all, r % all.size());
        return all;
    }

    static Object make(String cls, Class<?>[] types, Object... args) throws Exception {
        Constructor<?> c = Class.forName(cls).getDeclaredConstructor(types);
        c.setAccessible(true);
        return c.newInstance(args);
    }

    /** Server-side time of each request: from Jetty's handler entry to the response's completion. */
    static final Map<String, List<Double>> SERVER = new java.util.concurrent.ConcurrentHashMap<>();
    static volatile String kind = "";

    static final class Timing extends org.eclipse.jetty.server.Handler.Wrapper {
        final String name;
        Timing(org.eclipse.jetty.server.Handler h, String name) { super(h); this.name = name; }
        @Override
        public boolean handle(org.eclipse.jetty.server.Request req, org.eclipse.jetty.server.Response resp,
                              org.eclipse.jetty.util.Callback cb) throws Exception {
            long t0 = System.nanoTime();
            String k = kind + "|" + name;
            return super.handle(req, resp, new org.eclipse.jetty.util.Callback.Nested(cb) {
                @Override public void succeeded() {
                    SERVER.computeIfAbsent(k, x -> java.util.Collections.synchronizedList(new ArrayList<>())).add((System.nanoTime() - t0) / 1e6);
                    super.succeeded();
                }
            });
        }
    }

    static String start(List<Runnable> stops, String name, FusekiServer s) {
        s.getJettyServer().setHandler(new Timing(s.getJettyServer().getHandler(), name));
        s.start();
        stops.add(s::stop);
        return "http://127.0.0.1:" + s.getHttpPort();
    }

    /** The bench's parameter choices for q on dsg, as query texts. */
    @SuppressWarnings("unchecked")
    static List<String> choices(NamedQuery q, DatasetGraph dsg, List<Map<String, String>> values) throws Exception {
        Method pick = Class.forName("org.treatygraph.bench.QueryParams").getDeclaredMethod("pick", NamedQuery.class, DatasetGraph.class, int.class);
        pick.setAccessible(true);
        List<?> choices = (List<?>) pick.invoke(null, q, dsg, 5);
        for (Object c : choices) {
            Method v = c.getClass().getDeclaredMethod("values");
            v.setAccessible(true);
            values.add((Map<String, String>) v.invoke(c));
        }
        Method texts = Class.forName("org.treatygraph.bench.ScaleBench").getDeclaredMethod("texts", NamedQuery.class, List.class);
        texts.setAccessible(true);
        return (List<String>) texts.invoke(null, q, choices);
    }

    static String query(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? '?' : '&').append(k).append('=')
                                   .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return sb.toString();
    }

    static double time(HttpClient client, HttpRequest req) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (resp.statusCode() != 200)
            throw new IllegalStateException(req.uri() + ": HTTP " + resp.statusCode() + " " + new String(resp.body()));
        return ms;
    }

    static void row(String label, Iterable<String> servers, Map<String, List<Double>> times) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-34s", label.length() > 34 ? label.substring(0, 34) : label));
        for (String s : servers)
            sb.append(String.format(Locale.ROOT, "  %9.3f", p50(times.get(s))));
        System.out.println(sb);
    }

    /** The server-side p50 of the last rounds (warm-up dropped). */
    static void serverRow(String label, Iterable<String> servers) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-34s", "  (server side)"));
        for (String s : servers) {
            List<Double> xs = SERVER.get(label + "|" + s);
            sb.append(String.format(Locale.ROOT, "  %9.3f", xs == null || xs.size() < 60 ? Double.NaN : p50(new ArrayList<>(xs).subList(50, xs.size()))));
        }
        System.out.println(sb);
    }

    static double p50(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    /** p50 of n runs of the task that make() prepares (preparation not timed), after n/4 warm-up runs. */
    static void inProcess(String label, int n, Supplier<Runnable> make) {
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < n + n / 4; i++) {
            Runnable task = make.get();
            long t0 = System.nanoTime();
            task.run();
            if (i >= n / 4)
                xs.add((System.nanoTime() - t0) / 1e3);
        }
        System.out.printf(Locale.ROOT, "  %-60s %9.1f%n", label, p50(xs));
    }

    static String uptime() {
        try {
            return new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
