package org.treatygraph.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.treatygraph.derive.Deriver;
import org.treatygraph.load.BuildRecord;
import org.treatygraph.load.Database;
import org.treatygraph.load.Inference;
import org.treatygraph.load.Project;
import org.treatygraph.serve.TreatyServer;

/**
 * The benchmark of issue 5: the same queries (bench/*.rq) in one run on one machine against
 * (a) the materialized TDB2 database through the Treaty Graph HTTP endpoint ({@link TreatyServer})
 * and (b) stock Fuseki with Jena's live OWL reasoner (ja:InfModel) over the asserted graphs only,
 * on the real data and on a generated dataset of the same shape; it prints p50/p99 latency per
 * query, the ratio (b)/(a), the load and derivation times. Figures, not assertions: not a test.
 * <pre>
 *   Bench.run(new Bench.Config(Path.of("."), Path.of("run/bench"), 1_000_000, …), System.out);
 * </pre>
 */
public final class Bench {
    private Bench() {}

    /**
     * @param project      the project whose ontology/, rules and data/ are benchmarked ("real")
     * @param work         folder for the databases, generated data and results.md
     * @param size         triples of the generated dataset (0: real data only)
     * @param seed         generator seed
     * @param warmup       unmeasured runs of each query before measuring (both sides)
     * @param iterationsA  measured runs per query on side (a)
     * @param iterationsB  measured runs per query on side (b)
     * @param cap          limit per (b) query; a capped query counts as at least this
     * @param buildCap     limit on building the (b) reasoner (its first query)
     * @param owlHeap      -Xmx of the stock Fuseki process, e.g. "8g"
     * @param reasoner     Jena reasoner URL for (b)
     * @param minSize      smallest generated size tried when (b) cannot be built at {@code size}
     */
    public record Config(Path project, Path work, long size, long seed, int warmup, int iterationsA, int iterationsB,
                         Duration cap, Duration buildCap, String owlHeap, String reasoner, long minSize) {}

    /** Run the benchmark, print the report to {@code out} and write it to WORK/results.md. */
    public static void run(Config cfg, PrintStream out) {
        Printer p = new Printer(out);
        p.line("# Treaty Graph benchmark, " + LocalDate.now());
        p.line("");
        p.line("Machine: " + Machine.describe() + ". Cap per (b) query: " + cfg.cap.toSeconds() + " s; (b) build cap: "
               + cfg.buildCap.toSeconds() + " s; runs per query: " + cfg.warmup + " warm-up + " + cfg.iterationsA
               + " measured (a), " + cfg.warmup + " + " + cfg.iterationsB + " (b).");
        p.line("(a) Treaty Graph: materialized TDB2, HTTP /kg/sparql (org.treatygraph.serve.TreatyServer).");
        p.line("(b) stock Fuseki (" + OwlFuseki.MAIN + ", -Xmx" + cfg.owlHeap + ") with ja:InfModel, reasoner <"
               + cfg.reasoner + ">, over a TDB2 copy of the asserted graphs only.");
        Project project = new Project(cfg.project);
        Path rules = project.rulesDir();
        Result real = dataset(cfg, p, "real data (ontology/ + data/)", project, rules, cfg.work.resolve("real"));
        List<Result> results = new ArrayList<>(List.of(real));
        if (cfg.size > 0) {
            Result big = generated(cfg, p, cfg.size, rules);
            results.add(big);
            if (!big.owlBuilt) {
                for (long s = cfg.size / 2; s >= cfg.minSize; s /= 2) {
                    Result smaller = generated(cfg, p, s, rules);
                    results.add(smaller);
                    if (smaller.owlBuilt)
                        break;
                }
            }
        }
        p.line("");
        p.line("## Summary");
        p.line("");
        p.line("| dataset | asserted | inferred | load | derivation | derivation/load | (b) built | median (b)/(a) |");
        p.line("|---|---:|---:|---:|---:|---:|---|---:|");
        for (Result r : results)
            p.line("| " + r.name + " | " + count(r.asserted) + " | " + count(r.inferred) + " | " + ms(r.loadMs) + " | "
                   + ms(r.deriveMs) + " | " + String.format(Locale.ROOT, "%.2f", r.deriveMs / r.loadMs) + " | "
                   + (r.owlBuilt ? "yes, " + ms(r.owlBuildMs) : "no: " + r.owlProblem) + " | " + r.medianRatio() + " |");
        p.writeTo(cfg.work.resolve("results.md"));
    }

    private static Result generated(Config cfg, Printer p, long size, Path rules) {
        Path root = cfg.work.resolve("gen-" + size);
        deleteTree(root);
        Generator.Stats s = Generator.generate(root.resolve("project"), cfg.project.resolve("ontology"), size, cfg.seed);
        String name = "generated, " + count(s.triples()) + " triples (" + s.states() + " states, " + count(s.persons())
                      + " persons, " + count(s.tenures()) + " tenures, " + count(s.meetings()) + " meetings, "
                      + s.agreements() + " agreements, " + s.sourceGraphs() + " source graphs)";
        return dataset(cfg, p, name, new Project(root.resolve("project")), rules, root);
    }

    // ------------------------------------------------------------------ one dataset

    private static final class Result {
        String name;
        long asserted, inferred;
        double loadMs, deriveMs, owlBuildMs;
        boolean owlBuilt;
        String owlProblem = "";
        final List<Double> ratios = new ArrayList<>();

        String medianRatio() {
            if (ratios.isEmpty())
                return "–";
            List<Double> r = new ArrayList<>(ratios);
            r.sort(Comparator.naturalOrder());
            return String.format(Locale.ROOT, "%,.0f×", r.get(r.size() / 2));
        }
    }

    private static Result dataset(Config cfg, Printer p, String name, Project project, Path rules, Path dir) {
        Result r = new Result();
        r.name = name;
        p.line("");
        p.line("## " + name);
        p.line("");
        Path tdb = dir.resolve("tdb2");
        Path asserted = dir.resolve("tdb2-asserted");
        deleteTree(tdb);
        deleteTree(asserted);
        double[] derive = {0};
        long[] inferred = {0};
        long t0 = System.nanoTime();
        Database db = Database.open(tdb, project, d -> {
            long d0 = System.nanoTime();
            Deriver.Report report = Deriver.derive(d, rules);
            derive[0] = (System.nanoTime() - d0) / 1e6;
            inferred[0] = report.totalTriples();
            return new Inference.Report(report.added(), report.removed(), report.millis(), "");
        });
        DatasetGraph dsg = db.dataset();
        BuildRecord record = db.rebuild(Database.OnError.WARN).record();
        double total = (System.nanoTime() - t0) / 1e6;
        r.deriveMs = derive[0];
        r.loadMs = total - derive[0];
        r.inferred = inferred[0];
        r.asserted = record.totalTriples() - inferred[0];
        p.line(String.format(Locale.ROOT, "Asserted %s triples, inferred %s. Load (parse, SHACL, write, build record) %s;"
                             + " derivation %s (derivation/load %.2f).", count(r.asserted), count(r.inferred),
                             ms(r.loadMs), ms(r.deriveMs), r.deriveMs / r.loadMs));
        copyAsserted(dsg, asserted);
        Map<String, List<String>> params = pickParameters(dsg);
        p.line("Parameters (run i of a query uses value i of each list; the first is shown): "
               + params.entrySet().stream().map(e -> "<" + e.getValue().get(0) + "> (" + e.getValue().size() + " values)").toList() + ".");
        p.line("");

        List<BenchQuery> queries = BenchQuery.NAMES.stream().map(BenchQuery::load).toList();
        Map<String, Measured> a = new LinkedHashMap<>();
        TreatyServer server = TreatyServer.builder(dsg).port(0).timeout(cfg.cap).build().start();
        try {
            SparqlHttp http = new SparqlHttp(server.sparqlUrl());
            for (BenchQuery q : queries)
                a.put(q.name(), measure(http, q, params, cfg.warmup, cfg.iterationsA, cfg.cap));
        } finally {
            server.stop();
        }
        TDBInternal.expel(dsg);

        Map<String, Measured> b = new LinkedHashMap<>();
        OwlFuseki owl = new OwlFuseki(dir, asserted, cfg.reasoner, cfg.owlHeap, cfg.cap);
        try {
            r.owlBuilt = startAndBuild(owl, cfg, r);
            for (BenchQuery q : queries) {
                if (!r.owlBuilt)
                    break;
                Measured m = measure(new SparqlHttp(owl.sparqlUrl()), q, params, cfg.warmup, cfg.iterationsB, cfg.cap);
                b.put(q.name(), m);
                if (m.capped && q != queries.get(queries.size() - 1)) {
                    // the reasoner may still be busy with the capped query: restart before the next one
                    owl.close();
                    if (!startAndBuild(owl, cfg, r))
                        break;
                }
            }
        } finally {
            owl.close();
        }
        if (r.owlBuilt)
            p.line("(b) built (first query answered) in " + ms(r.owlBuildMs) + ".");
        else
            p.line("(b) could NOT be built at this size: " + r.owlProblem + ".");
        p.line("");
        p.line("| query | rows (a) | first (a) | p50 (a) | p99 (a) | rows (b) | first (b) | p50 (b) | p99 (b) | p50 (b)/(a) |");
        p.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (BenchQuery q : queries) {
            Measured ma = a.get(q.name()), mb = b.get(q.name());
            String ratio = "–";
            if (mb != null && ma.error == null && mb.error == null) {
                double x = mb.p50() / ma.p50();
                r.ratios.add(x);
                ratio = (mb.capped ? "≥ " : "") + String.format(Locale.ROOT, "%,.0f×", x);
            }
            p.line("| " + q.name() + ": " + q.title() + " | " + ma.rowsText() + " | " + ma.firstText() + " | " + ma.p50Text()
                   + " | " + ma.p99Text() + " | "
                   + (mb == null ? "not run" : mb.rowsText() + compare(ma, mb))
                   + " | " + (mb == null ? "–" : mb.firstText()) + " | " + (mb == null ? "–" : mb.p50Text())
                   + " | " + (mb == null ? "–" : mb.p99Text()) + " | " + ratio + " |");
        }
        return r;
    }

    /** Start stock Fuseki and build its reasoner with a first query; false (and the reason in {@code r}) if that fails. */
    private static boolean startAndBuild(OwlFuseki owl, Config cfg, Result r) {
        try {
            owl.start(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            r.owlProblem = e.getMessage();
            return false;
        }
        SparqlHttp.Timing t = new SparqlHttp(owl.sparqlUrl()).run("SELECT * WHERE { ?s ?p ?o } LIMIT 1", cfg.buildCap);
        if (t.capped()) {
            r.owlProblem = "its first query did not finish within " + cfg.buildCap.toSeconds() + " s";
            owl.close();
            return false;
        }
        if (t.error() != null) {
            r.owlProblem = owl.outOfMemory()
                ? "the reasoner ran out of memory (-Xmx" + cfg.owlHeap + ") after " + ms(t.millis()) + " on its first query"
                : (owl.alive() ? "" : "the server died: ") + t.error() + " after " + ms(t.millis()) + " (see " + owl.log() + ")";
            owl.close();
            return false;
        }
        r.owlBuildMs = t.millis();
        return true;
    }

    // ------------------------------------------------------------------ measuring

    private static final class Measured {
        final List<Double> millis = new ArrayList<>();
        /** Rows of the first run (first parameter values), comparable between the two sides. */
        long rows = -1;
        /** The first run, cold; -1 if it was capped. */
        double first = -1;
        /** Digest of the first run's answer, to compare the two sides. */
        int digest;
        boolean capped;
        String error;
        Duration cap;

        double p50() { return capped ? cap.toMillis() : percentile(0.50); }
        double p99() { return capped ? cap.toMillis() : percentile(0.99); }

        /** Nearest-rank percentile of the measured runs. */
        double percentile(double q) {
            List<Double> s = new ArrayList<>(millis);
            s.sort(Comparator.naturalOrder());
            int rank = (int) Math.ceil(q * s.size());
            return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
        }

        String rowsText() { return error != null ? "error" : rows < 0 ? "–" : count(rows); }
        String firstText() { return first < 0 ? (capped ? "≥ " + cap.toSeconds() + " s (capped)" : "–") : ms(first); }
        String p50Text() { return error != null ? error : capped ? "≥ " + cap.toSeconds() + " s (capped)" : ms(p50()); }
        String p99Text() { return error != null ? "–" : capped ? "≥ " + cap.toSeconds() + " s (capped)" : ms(p99()); }
    }

    /**
     * Run 0 is the first (cold) run, runs 1…warmup are not measured, the next {@code iterations}
     * are. Run i binds value i (modulo the list) of each parameter, so that repeated runs ask about
     * different persons, agreements, states, as users do (and a reasoner's cache of earlier answers
     * does not answer them).
     */
    /** How the first answer of (b) compares with that of (a): complete and equal, incomplete, or different. */
    private static String compare(Measured a, Measured b) {
        if (b.rows < 0 || a.rows < 0 || b.digest == a.digest)
            return "";
        return b.rows < a.rows ? " (incomplete)" : " (differs)";
    }

    private static Measured measure(SparqlHttp http, BenchQuery q, Map<String, List<String>> params, int warmup,
                                    int iterations, Duration cap) {
        Measured m = new Measured();
        m.cap = cap;
        for (int i = 0; i <= warmup + iterations; i++) {
            Map<String, String> values = new LinkedHashMap<>();
            int run = i;
            params.forEach((k, v) -> values.put(k, v.get(run % v.size())));
            SparqlHttp.Timing t = http.run(q.bind(values), cap);
            if (t.capped()) {
                m.capped = true;
                return m;
            }
            if (t.error() != null) {
                m.error = t.error();
                return m;
            }
            if (i == 0) {
                m.rows = t.rows();
                m.first = t.millis();
                m.digest = t.digest();
            } else if (i > warmup) {
                m.millis.add(t.millis());
            }
        }
        return m;
    }

    // ------------------------------------------------------------------ setup

    /** The pick-*.rq queries on the materialized database: the IRIs each parameter takes, best first. */
    private static Map<String, List<String>> pickParameters(DatasetGraph dsg) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Txn.executeRead(dsg, () -> BenchQuery.PARAMETERS.forEach((sentinel, pick) -> {
            BenchQuery q = BenchQuery.load(pick);
            try (QueryExec qe = QueryExec.dataset(dsg).query(QueryFactory.create(q.text())).build()) {
                RowSet rows = qe.select();
                String var = rows.getResultVars().get(0).getVarName();
                List<String> list = new ArrayList<>();
                while (rows.hasNext()) {
                    Binding b = rows.next();
                    Node n = b.get(var);
                    if (n != null && n.isURI())
                        list.add(n.getURI());
                }
                if (list.isEmpty())
                    list.add(sentinel);   // no such entity: the queries then return no rows
                values.put(sentinel, list);
            }
        }));
        return values;
    }

    /** A TDB2 database with the asserted graphs only (all but inferred and meta), for side (b). */
    private static void copyAsserted(DatasetGraph dsg, Path dir) {
        DatasetGraph copy = DatabaseMgr.connectDatasetGraph(dir.toString());
        Node inferred = org.apache.jena.graph.NodeFactory.createURI(Deriver.INFERRED_GRAPH);
        Node meta = org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/treatygraph/graph/meta");
        Txn.executeRead(dsg, () -> Txn.executeWrite(copy, () -> dsg.find().forEachRemaining(q -> {
            if (!inferred.equals(q.getGraph()) && !meta.equals(q.getGraph()))
                copy.add(q);
        })));
        TDBInternal.expel(copy);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir))
            return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList())
                Files.delete(f);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }


    static String ms(double millis) {
        if (millis < 10)
            return String.format(Locale.ROOT, "%.2f ms", millis);
        if (millis < 1000)
            return String.format(Locale.ROOT, "%.0f ms", millis);
        return String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

}
