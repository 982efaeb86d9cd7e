package org.treatygraph.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.system.progress.MonitorOutput;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.index.LabelIndex;
import org.treatygraph.load.BuildRecord;
import org.treatygraph.load.Database;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.LoadException;
import org.treatygraph.load.Progress;
import org.treatygraph.load.Project;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.NamedQuery;
import org.treatygraph.serve.Limits;
import org.treatygraph.serve.TreatyServer;

/**
 * The benchmark of issue 18, "at scale": for each size, a generated dataset (valid: the build
 * refuses any ERROR finding) is built by the product's write path ({@link Database#rebuild} with
 * the label index and the rules, as {@code serve} and {@code load} build) and, in the same run,
 * loaded by TDB2's stock loader; then every named query of queries/ (but the federated ones) runs
 * over HTTP with parameter values taken from the data ({@link QueryParams}), and, with peers, the
 * same queries run on RDF4J and Oxigraph over the same materialized data ({@link Peers}). Prints
 * and writes WORK/scale.md (tables) and WORK/scale.svg (build time and query p50 against size).
 * Figures, not assertions: not a test.
 */
public final class ScaleBench {
    private ScaleBench() {}

    /**
     * @param project   the project whose ontology/, rules and queries/ are benchmarked
     * @param work      folder for generated data, databases and the results
     * @param sizes     asserted triples of each generated dataset
     * @param seed      generator seed
     * @param warmup    unmeasured runs of each query
     * @param runs      measured runs of each query (cycling over its parameter choices)
     * @param choices   parameter choices per query (spread from small to large answers)
     * @param cap       limit per query run
     * @param peers     also run RDF4J and Oxigraph over the same data (see {@link Peers})
     * @param peerMaxSize largest size the peers (in-memory stores) are run at
     */
    public record Config(Path project, Path work, List<Long> sizes, long seed, int warmup, int runs, int choices,
                         Duration cap, boolean peers, long peerMaxSize) {}

    /** One size's results. */
    static final class SizeResult {
        long size, asserted, inferred;
        double stockMs, buildMs, peakHeapMb;
        final Map<Progress.Phase, Double> phaseMs = new EnumMap<>(Progress.Phase.class);
        String buildNote = "";
        final Map<String, QueryResult> queries = new LinkedHashMap<>();
        final Map<String, Map<String, Measure>> peers = new LinkedHashMap<>();
        String peerNote = "";
        /** Every choice a peer answered, compared with Treaty Graph's answer once ({@link #peerAnswers}). */
        final List<PeerAnswer> compared = new ArrayList<>();

        /** This size as a point of the plot: seconds for the build, its derivation and the stock loader; each query's p50 (NaN without a figure). */
        Plot.Point point() {
            Map<String, Double> p50 = new LinkedHashMap<>();
            queries.forEach((q, qr) -> p50.put(q, qr.measure == null || !qr.measure.ok() ? Double.NaN : qr.measure.p50()));
            return new Plot.Point(asserted, buildMs / 1000, phaseMs.getOrDefault(Progress.Phase.DERIVE, 0.0) / 1000, stockMs / 1000, p50);
        }
    }

    /** One named query at one size. */
    static final class QueryResult {
        String name;
        List<QueryParams.Choice> choices = List.of();
        /** The query text of each choice (the same texts the peers are asked). */
        List<String> texts = List.of();
        /** The variables the query binds to a GROUP_CONCAT, with their separators (the same for every choice). */
        Map<String, String> groupConcat = Map.of();
        Measure measure;
    }

    public static void run(Config cfg, PrintStream out) {
        Printer p = new Printer(out);
        p.line("# Treaty Graph at scale, " + LocalDate.now());
        p.line("");
        p.line("Machine: " + Machine.describe() + ". Runs per query: " + cfg.warmup + " warm-up + " + cfg.runs
               + " measured, over up to " + cfg.choices + " parameter choices taken from the data (smallest to largest answer); cap "
               + cfg.cap.toSeconds() + " s per run, after one unmeasured pass over all queries, each choice once (each"
               + " system's JIT warm: a cold JVM answers small queries 2–4× slower). Queries over HTTP (/kg/sparql,"
               + " org.treatygraph.serve.TreatyServer).");
        NamedQueries catalog = NamedQueries.load(cfg.project.resolve("queries"));
        List<NamedQuery> queries = catalog.all().stream().filter(q -> !q.federated()).toList();
        List<SizeResult> results = new ArrayList<>();
        for (long size : cfg.sizes) {
            SizeResult r = size(cfg, p, size, queries);
            results.add(r);
            summary(new Printer(out), results);
        }
        p.line("");
        p.line("## Summary");
        summary(p, results);
        p.line("");
        p.line("## Scaling");
        p.line("");
        exponents(p, results);
        try {
            Files.createDirectories(cfg.work);
            Files.writeString(cfg.work.resolve("scale.md"), p.md().toString(), StandardCharsets.UTF_8);
            Files.writeString(cfg.work.resolve("scale.svg"), Plot.svg(results.stream().map(SizeResult::point).toList()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.println("Written to " + cfg.work.resolve("scale.md") + " and " + cfg.work.resolve("scale.svg"));
    }

    private static SizeResult size(Config cfg, Printer p, long size, List<NamedQuery> queries) {
        SizeResult r = new SizeResult();
        r.size = size;
        Path root = cfg.work.resolve("scale-" + size);
        Bench.deleteTree(root);
        long tg = System.nanoTime();
        Generator.Stats s = Generator.generate(root.resolve("project"), cfg.project.resolve("ontology"), size, cfg.seed);
        p.line("");
        p.line("## " + Bench.count(s.triples()) + " generated triples");
        p.line("");
        p.line("Generated in " + Bench.ms((System.nanoTime() - tg) / 1e6) + ": " + s.states() + " states, "
               + Bench.count(s.persons()) + " persons, " + Bench.count(s.tenures()) + " tenures, " + Bench.count(s.meetings())
               + " meetings, " + Bench.count(s.agreements()) + " agreements, " + Bench.count(s.sourceGraphs()) + " source graphs.");
        Project project = new Project(root.resolve("project"));

        // TDB2's stock loader, same files
        r.stockMs = stockLoad(project, root.resolve("stock"));
        Bench.deleteTree(root.resolve("stock"));

        // the product's build
        Path tdb = root.resolve("tdb2");
        Map<Progress.Phase, Double> phases = r.phaseMs;
        Progress timer = new Progress() {
            @Override public void update(Phase phase, long done, long total, long triples) {}
            @Override public void end(Phase phase, long triples, long millis) { phases.merge(phase, (double) millis, Double::sum); }
        };
        HeapWatch heap = HeapWatch.start();
        Database db = Database.open(tdb, project, new Reasoner(project.rulesDir()), LabelIndex.writeThrough()).progress(timer);
        long t0 = System.nanoTime();
        BuildRecord record;
        try {
            record = db.rebuild(Database.OnError.REFUSE).record();
        } catch (LoadException e) {
            r.buildNote = "REFUSED with " + e.problems().size() + " finding(s), first: " + e.problems().get(0)
                          + "; built with --violations warn";
            record = db.rebuild(Database.OnError.WARN).record();
        }
        r.buildMs = (System.nanoTime() - t0) / 1e6;
        r.peakHeapMb = heap.peakMB();
        r.inferred = record.triplesPerGraph().getOrDefault(Graphs.INFERRED, 0L);
        r.asserted = record.totalTriples() - r.inferred - record.triplesPerGraph().getOrDefault(Graphs.META, 0L);
        p.line(String.format(Locale.ROOT, "Build (the write path: parse, SHACL + checks, write, derive, in -Xmx%d MB): %s"
                             + " — %s asserted + %s inferred triples; phases %s; peak heap %,.0f MB.%s",
                             Runtime.getRuntime().maxMemory() >> 20, Bench.ms(r.buildMs), Bench.count(r.asserted),
                             Bench.count(r.inferred), phases(r), r.peakHeapMb,
                             r.buildNote.isEmpty() ? " No ERROR finding: the generated data is valid." : " " + r.buildNote));
        p.line(String.format(Locale.ROOT, "TDB2's stock loader (%s) on the same files: %s; build/stock %.2f×, build without"
                             + " derivation/stock %.2f×.", STOCK_LOADER, Bench.ms(r.stockMs), r.buildMs / r.stockMs,
                             (r.buildMs - r.phaseMs.getOrDefault(Progress.Phase.DERIVE, 0.0)) / r.stockMs));

        DatasetGraph dsg = db.dataset();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        TreatyServer server = TreatyServer.builder(dsg).port(0).timeout(cfg.cap)
            .limits(Limits.defaults().withBudget(Duration.ofDays(1))).build().start();
        try {
            SparqlHttp http = new SparqlHttp(server.sparqlUrl());
            for (NamedQuery q : queries) {
                QueryResult qr = new QueryResult();
                qr.name = q.name();
                qr.choices = QueryParams.pick(q, dsg, cfg.choices);
                if (!qr.choices.isEmpty()) {
                    texts.put(q.name(), texts(q, qr.choices));
                    qr.texts = texts.get(q.name());
                    qr.groupConcat = Answer.groupConcatVariables(q.parse());
                }
                r.queries.put(q.name(), qr);
            }
            Map<String, Measure> measured = Measure.warmThenRun(http, texts, cfg.warmup, cfg.runs, cfg.cap);
            measured.forEach((name, m) -> r.queries.get(name).measure = m);
        } finally {
            server.stop();
        }
        if (cfg.peers) {
            if (size <= cfg.peerMaxSize)
                Peers.run(cfg, root, dsg, r, texts);
            else
                r.peerNote = "peers not run at this size (in-memory stores; --peer-max-size " + Bench.count(cfg.peerMaxSize) + ")";
        }
        TDBInternal.expel(dsg);
        r.compared.addAll(peerAnswers(r));
        writeDifferences(root.resolve("answers"), r);
        queryTable(p, r);
        return r;
    }

    private static final MonitorOutput QUIET = (fmt, args) -> {};

    static final String STOCK_LOADER = "LoaderFactory.createLoader, the default plan of tdb2.tdbloader";

    /** TDB2's stock loader into a fresh database: ontology/*.ttl into the ontology graph, data/**.trig as they are. */
    private static double stockLoad(Project project, Path dir) {
        Bench.deleteTree(dir);
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        long t0 = System.nanoTime();
        DataLoader data = LoaderFactory.createLoader(dsg, QUIET);
        data.startBulk();
        try {
            data.load(project.dataFiles().stream().map(Path::toString).toList());
            data.finishBulk();
        } catch (RuntimeException e) {
            data.finishException(e);
            throw e;
        }
        DataLoader ont = LoaderFactory.createLoader(dsg, Graphs.node(Graphs.ONTOLOGY), QUIET);
        ont.startBulk();
        try {
            ont.load(project.ontologyFiles().stream().map(Path::toString).toList());
            ont.finishBulk();
        } catch (RuntimeException e) {
            ont.finishException(e);
            throw e;
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        TDBInternal.expel(dsg);
        return ms;
    }

    /** The query text for each choice: the named query with its parameters bound in the syntax tree. */
    static List<String> texts(NamedQuery q, List<QueryParams.Choice> choices) {
        List<String> out = new ArrayList<>();
        for (QueryParams.Choice c : choices) {
            Query bound = c.values().isEmpty() ? q.parse() : q.bind(c.asLists());
            out.add(bound.serialize());
        }
        return out;
    }

    private static String phases(SizeResult r) {
        List<String> parts = new ArrayList<>();
        r.phaseMs.forEach((ph, ms) -> parts.add(ph.verb() + " " + Bench.ms(ms)));
        return String.join(", ", parts);
    }

    private static void queryTable(Printer p, SizeResult r) {
        p.line("");
        boolean peers = !r.peers.isEmpty();
        List<String> systems = new ArrayList<>(r.peers.keySet());
        StringBuilder head = new StringBuilder("| query | choices | rows | p50 | p99 |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|---:|");
        for (String sys : systems) {
            head.append(' ').append(sys).append(" p50 | agree |");
            rule.append("---:|---|");
        }
        if (peers) {
            head.append(" fastest peer / Treaty Graph |");
            rule.append("---:|");
        }
        p.line(head.toString());
        p.line(rule.toString());
        for (QueryResult q : r.queries.values()) {
            Measure m = q.measure;
            StringBuilder row = new StringBuilder("| " + q.name + " | " + q.choices.size() + " | ");
            if (m == null) {
                row.append("no parameter values in the data | – | – |");
            } else {
                row.append(m.rowsText()).append(" | ").append(m.p50Text()).append(" | ").append(m.p99Text()).append(" |");
            }
            double best = Double.MAX_VALUE;
            for (String sys : systems) {
                Measure pm = r.peers.get(sys).get(q.name);
                if (pm == null) {
                    row.append(" – | – |");
                    continue;
                }
                row.append(' ').append(pm.p50Text()).append(" | ").append(m == null ? "–" : m.agreement(pm, comparisons(r, q, sys))).append(" |");
                if (pm.ok())
                    best = Math.min(best, pm.p50());
            }
            if (peers)
                row.append(' ').append(m != null && m.ok() && best < Double.MAX_VALUE
                                       ? String.format(Locale.ROOT, "%.2f", best / m.p50()) : "–").append(" |");
            p.line(row.toString());
        }
        if (!r.peerNote.isEmpty())
            p.line("\n" + r.peerNote);
        List<String> differ = differences(r);
        if (!differ.isEmpty()) {
            p.line("");
            p.line("Answers that differ (the first row, by text, that only one side has; GROUP_CONCAT values compared as"
                   + " multisets of their items; both answers of each choice that differs in any way: scale-" + r.size + "/answers/ of the work folder):");
            p.line("");
            differ.forEach(p::line);
        }
        p.line("");
        p.line("p50 per parameter choice (rows, p50), where a query has several:");
        p.line("");
        for (QueryResult q : r.queries.values()) {
            String perChoice = q.measure == null || q.choices.size() < 2 ? "" : q.measure.perChoiceText();
            if (!perChoice.isEmpty())
                p.line("- " + q.name + ": " + perChoice);
        }
        p.line("");
        p.line("Parameter choices (first and last of each query):");
        p.line("");
        for (QueryResult q : r.queries.values())
            if (!q.choices.isEmpty() && !q.choices.get(0).values().isEmpty())
                p.line("- " + q.name + ": " + q.choices.get(0) + (q.choices.size() > 1 ? " … " + q.choices.get(q.choices.size() - 1) : ""));
    }

    /** One choice of one query as Treaty Graph and one peer answered it. */
    private record PeerAnswer(QueryResult query, String peer, Measure peerMeasure, int choice, Answer.Comparison comparison) {}

    /** How {@code peer} answered the choices of {@code q}, from {@link SizeResult#compared}. */
    private static List<Answer.Comparison> comparisons(SizeResult r, QueryResult q, String peer) {
        return r.compared.stream().filter(a -> a.query() == q && a.peer().equals(peer)).map(PeerAnswer::comparison).toList();
    }

    /** Every choice of every query a peer ran to the end, with how its answer compares with Treaty Graph's. */
    private static List<PeerAnswer> peerAnswers(SizeResult r) {
        List<PeerAnswer> out = new ArrayList<>();
        for (QueryResult q : r.queries.values()) {
            if (q.measure == null)
                continue;
            for (Map.Entry<String, Map<String, Measure>> e : r.peers.entrySet()) {
                Measure pm = e.getValue().get(q.name);
                if (pm == null)
                    continue;
                List<Answer.Comparison> cs = q.measure.compare(pm, q.groupConcat);
                for (int i = 0; i < cs.size(); i++)
                    out.add(new PeerAnswer(q, e.getKey(), pm, i, cs.get(i)));
            }
        }
        return out;
    }

    /** For each query, peer and choice whose answer differs from Treaty Graph's: the first row each side alone has. */
    static List<String> differences(SizeResult r) {
        List<String> out = new ArrayList<>();
        java.util.Set<List<String>> reported = new java.util.HashSet<>();
        for (PeerAnswer a : r.compared) {
            Answer.Comparison c = a.comparison();
            if (c.kind() != Answer.Kind.DIFFERENT || !reported.add(List.of(a.query().name, a.peer())))
                continue;          // the first differing choice of each query and peer
            out.add("- " + a.query().name + ", " + a.peer() + ", choice " + (a.choice() + 1) + ": only Treaty Graph's: "
                    + code(c.onlyHere()) + "; only " + a.peer() + "'s: " + code(c.onlyThere()));
        }
        return out;
    }

    private static String code(String row) {
        if (row == null)
            return "none";
        String t = row.strip().replace('\t', ' ');
        if (t.length() > 600)
            t = t.substring(0, 600) + "…";
        return "`` " + t + " ``";
    }

    /** Both answers (rows as text, sorted) of every choice where a peer's answer is not the same as Treaty Graph's. */
    private static void writeDifferences(Path dir, SizeResult r) {
        try {
            for (PeerAnswer a : r.compared) {
                QueryResult q = a.query();
                int i = a.choice();
                if (a.comparison().kind() == Answer.Kind.SAME || q.measure.answers.get(i) == null
                    || a.peerMeasure().answers.get(i) == null)
                    continue;
                Files.createDirectories(dir);
                String base = q.name + ".choice" + (i + 1) + ".";
                Files.write(dir.resolve(base + "treatygraph.tsv"), lines(q.measure.answers.get(i)), StandardCharsets.UTF_8);
                Files.write(dir.resolve(base + a.peer().replace(' ', '-') + ".tsv"), lines(a.peerMeasure().answers.get(i)), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(base + "rq"), q.texts.get(i), StandardCharsets.UTF_8);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> lines(Answer a) {
        List<String> out = new ArrayList<>();
        out.add(String.join("\t", a.vars));
        a.rows.forEach(row -> out.add(Answer.text(row)));
        return out;
    }

    private static void summary(Printer p, List<SizeResult> results) {
        p.line("");
        p.line("| asserted | inferred | stock loader | parse | checking | writing | deriving | build | build/stock | (build − derive)/stock | peak heap | queries p50 ≤ 100 ms | slowest p50 |");
        p.line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (SizeResult r : results) {
            long fast = r.queries.values().stream().filter(q -> q.measure != null && q.measure.ok() && q.measure.p50() <= 100).count();
            long measured = r.queries.values().stream().filter(q -> q.measure != null).count();
            QueryResult slow = r.queries.values().stream().filter(q -> q.measure != null && q.measure.ok())
                .max(Comparator.comparingDouble(q -> q.measure.p50())).orElse(null);
            p.line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %.2f× | %.2f× | %,.0f MB | %d of %d | %s |",
                Bench.count(r.asserted), Bench.count(r.inferred), Bench.ms(r.stockMs),
                Bench.ms(r.phaseMs.getOrDefault(Progress.Phase.PARSE, 0.0)),
                Bench.ms(r.phaseMs.getOrDefault(Progress.Phase.VALIDATE, 0.0)),
                Bench.ms(r.phaseMs.getOrDefault(Progress.Phase.WRITE, 0.0)),
                Bench.ms(r.phaseMs.getOrDefault(Progress.Phase.DERIVE, 0.0)), Bench.ms(r.buildMs), r.buildMs / r.stockMs,
                (r.buildMs - r.phaseMs.getOrDefault(Progress.Phase.DERIVE, 0.0)) / r.stockMs, r.peakHeapMb, fast, measured,
                slow == null ? "–" : slow.name + " " + slow.measure.p50Text()));
        }
    }

    /** The exponent k of time ∝ size^k between consecutive sizes and over all of them (least squares on logs). */
    private static void exponents(Printer p, List<SizeResult> results) {
        if (results.size() < 2) {
            p.line("One size only: no exponent.");
            return;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < results.size(); i++) {
            SizeResult a = results.get(i - 1), b = results.get(i);
            parts.add(String.format(Locale.ROOT, "%s → %s: build %.2f, build without derivation %.2f, stock loader %.2f",
                Bench.count(a.asserted), Bench.count(b.asserted), exponent(a.asserted, a.buildMs, b.asserted, b.buildMs),
                exponent(a.asserted, a.buildMs - a.phaseMs.getOrDefault(Progress.Phase.DERIVE, 0.0), b.asserted,
                         b.buildMs - b.phaseMs.getOrDefault(Progress.Phase.DERIVE, 0.0)),
                exponent(a.asserted, a.stockMs, b.asserted, b.stockMs)));
        }
        p.line("Exponent k of time ∝ asserted^k (1 = linear): " + String.join("; ", parts) + ".");
    }

    static double exponent(double n1, double t1, double n2, double t2) {
        return Math.log(t2 / t1) / Math.log(n2 / n1);
    }

    // ------------------------------------------------------------------ helpers

}
