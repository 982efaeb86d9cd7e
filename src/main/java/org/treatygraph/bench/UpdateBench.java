package org.treatygraph.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.load.Change;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Inference;
import org.treatygraph.load.Project;

/**
 * The benchmark of issue 13: incremental updates of the inferred graph against a derivation from
 * scratch of the same state, on the real data and on a generated dataset, and the derivation from
 * scratch against TDB2's stock loader loading the same asserted triples. Four updates, each run
 * {@code runs} times on a different instance (p50 printed): insert a 10-triple meeting of two
 * people; delete one participant of a meeting; delete an agreement in the middle of a lineage
 * chain; change a tenure's end date. Each is one write transaction — the change, then the update
 * of the inferred graph ({@link Reasoner#update}), then the commit — and is undone afterwards (not
 * measured). Figures, not assertions: not a test. Peak heap: the heap pools' peak use during the
 * phase (garbage included).
 */
public final class UpdateBench {
    private UpdateBench() {}

    /**
     * @param project the project whose ontology/, rules and data/ are the real data
     * @param work    folder for the databases and generated data; results-updates.md is written there
     * @param size    triples of the generated dataset (0: real data only)
     * @param seed    generator seed
     * @param runs    measured runs of each update
     * @param scratchRuns measured runs of the derivation from scratch
     * @param loads   runs of the stock loader (each into a new database)
     */
    public record Config(Path project, Path work, long size, long seed, int runs, int scratchRuns, int loads) {}

    private static final String TG = Graphs.TG;

    /** One update kind's figures. */
    private record Figures(String what, List<Double> inference, List<Double> transaction, long added, long removed,
                           int empty) {}

    private record Dataset(String name, long asserted, long inferred, List<Double> load, List<Double> scratch, long scratchHeap,
                           long updateHeap, List<Figures> updates) {}

    public static void run(Config cfg, PrintStream out) {
        Printer p = new Printer(out);
        p.line("# Treaty Graph: incremental updates of the inferred graph, " + LocalDate.now());
        p.line("");
        p.line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, JVM -Xmx "
               + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, Java " + System.getProperty("java.version")
               + ". Runs: " + cfg.runs + " per update, " + cfg.scratchRuns + " of the derivation from scratch (p50), " + cfg.loads
               + " of the stock loader.");
        List<Dataset> results = new ArrayList<>();
        Project real = new Project(cfg.project);
        results.add(dataset(cfg, p, "real data (ontology/ + data/)", real, cfg.work.resolve("updates-real")));
        if (cfg.size > 0) {
            Path root = cfg.work.resolve("updates-gen-" + cfg.size);
            Bench.deleteTree(root);
            Generator.Stats s = Generator.generate(root.resolve("project"), cfg.project.resolve("ontology"), cfg.size, cfg.seed);
            Path rules = root.resolve("project").resolve("ontology").resolve("rules");
            copyRules(real.rulesDir(), rules);
            results.add(dataset(cfg, p, "generated, " + Bench.count(s.triples()) + " triples", new Project(root.resolve("project")),
                                root));
        }
        p.line("");
        p.line("## Summary (p50)");
        p.line("");
        p.line("| dataset | asserted | inferred | stock loader | from scratch | peak heap (from scratch / updates) | insert meeting"
               + " | delete participant | delete lineage agreement | change tenure end |");
        p.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Dataset d : results) {
            StringBuilder row = new StringBuilder("| " + d.name + " | " + Bench.count(d.asserted) + " | " + Bench.count(d.inferred)
                + " | " + Bench.ms(p50(d.load)) + " | " + Bench.ms(p50(d.scratch)) + " | " + d.scratchHeap + " / " + d.updateHeap + " MB");
            for (Figures f : d.updates)
                row.append(" | ").append(f.inference.isEmpty() ? "no change" : Bench.ms(p50(f.inference)) + " ("
                    + String.format(Locale.ROOT, "%,.0f×", p50(d.scratch) / p50(f.inference)) + ")");
            p.line(row.append(" |").toString());
        }
        p.line("");
        p.line("Update: the inference update inside the write transaction (the change applied, the inferred graph brought"
               + " up to date); in brackets how many times faster than the derivation from scratch.");
        p.writeTo(cfg.work.resolve("results-updates.md"));
    }

    // ------------------------------------------------------------------ one dataset

    private static Dataset dataset(Config cfg, Printer p, String name, Project project, Path dir) {
        p.line("");
        p.line("## " + name);
        p.line("");
        p.line("Load average at the start: " + Machine.loadAverage() + " (other processes share the machine).");
        p.line("");
        List<Path> ontology = project.ontologyFiles(), data = project.dataFiles();
        // the stock loader, into new databases
        List<Double> load = new ArrayList<>();
        Path tdb = dir.resolve("tdb2");
        for (int i = 0; i < Math.max(1, cfg.loads); i++) {
            Bench.deleteTree(tdb);
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(tdb.toString());
            long t0 = System.nanoTime();
            stockLoad(dsg, ontology, data);
            load.add((System.nanoTime() - t0) / 1e6);
            TDBInternal.expel(dsg);
        }
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(tdb.toString());
        long asserted = Txn.calculateRead(dsg, () -> Stream.of(1).mapToLong(x -> {
            long[] n = {0};
            dsg.find().forEachRemaining(q -> n[0]++);
            return n[0];
        }).sum());
        p.line("Asserted " + Bench.count(asserted) + " quads. TDB2's stock loader (" + LoaderFactory.class.getSimpleName()
               + ".createLoader: phased) loads them in " + Bench.ms(p50(load)) + " (p50 of " + load.size() + ").");

        // the derivation from scratch: into an empty inferred graph, in a write transaction that is then aborted
        Reasoner reasoner = new Reasoner(project.rulesDir());
        Txn.executeWrite(dsg, () -> reasoner.derive(dsg));       // the state the updates start from
        long inferred = Txn.calculateRead(dsg, () -> dsg.getGraph(Graphs.node(Graphs.INFERRED)).size());
        List<Double> scratch = new ArrayList<>();
        HeapWatch scratchWatch = HeapWatch.start();
        for (int i = 0; i < cfg.scratchRuns; i++) {
            dsg.begin(org.apache.jena.query.TxnType.WRITE);
            try {
                dsg.deleteAny(Graphs.node(Graphs.INFERRED), Node.ANY, Node.ANY, Node.ANY);
                long t0 = System.nanoTime();
                Inference.Report r = reasoner.derive(dsg);
                scratch.add((System.nanoTime() - t0) / 1e6);
                if (r.added() != inferred)
                    throw new IllegalStateException("the derivation from scratch gave " + r.added() + " triples, not " + inferred);
            } finally {
                dsg.abort();
                dsg.end();
            }
        }
        long scratchHeap = Math.round(scratchWatch.peakMB());
        p.line("Derivation from scratch: " + Bench.count(inferred) + " inferred triples in " + Bench.ms(p50(scratch)) + " (p50 of "
               + scratch.size() + "; runs " + list(scratch) + "); peak heap " + scratchHeap + " MB.");

        // the updates
        HeapWatch updateWatch = HeapWatch.start();
        List<Figures> updates = new ArrayList<>();
        Edits edits = Txn.calculateRead(dsg, () -> new Edits(dsg));
        updates.add(measure(dsg, reasoner, "insert a 10-triple meeting of two people", cfg.runs, edits::meeting));
        updates.add(measure(dsg, reasoner, "delete one participant of a meeting", cfg.runs, edits::participant));
        updates.add(measure(dsg, reasoner, "delete an agreement in the middle of a lineage chain", cfg.runs, edits::agreement));
        updates.add(measure(dsg, reasoner, "change a tenure's end date", cfg.runs, edits::tenureEnd));
        long updateHeap = Math.round(updateWatch.peakMB());
        p.line("");
        p.line("| update | runs | inferred +/− (first run) | p50 inference update | p50 write transaction | from scratch / update |");
        p.line("|---|---:|---|---:|---:|---:|");
        for (Figures f : updates) {
            if (f.inference.isEmpty()) {
                p.line("| " + f.what + " | 0 | no instance changed the data: not a figure | – | – | – |");
                continue;
            }
            p.line("| " + f.what + " | " + f.inference.size() + (f.empty > 0 ? " (+" + f.empty + " without change, not counted)" : "")
                   + " | +" + f.added + " −" + f.removed + " | " + Bench.ms(p50(f.inference)) + " | " + Bench.ms(p50(f.transaction))
                   + " | " + String.format(Locale.ROOT, "%,.0f×", p50(scratch) / p50(f.inference)) + " |");
        }
        p.line("");
        p.line("Peak heap during the updates: " + updateHeap + " MB. Load average at the end: " + Machine.loadAverage() + ".");
        TDBInternal.expel(dsg);
        return new Dataset(name, asserted, inferred, load, scratch, scratchHeap, updateHeap, updates);
    }

    private static void stockLoad(DatasetGraph dsg, List<Path> ontology, List<Path> data) {
        org.apache.jena.system.progress.MonitorOutput quiet = (fmt, args) -> {};
        DataLoader l1 = LoaderFactory.createLoader(dsg, Graphs.node(Graphs.ONTOLOGY), quiet);
        l1.startBulk();
        l1.load(ontology.stream().map(Path::toString).toList());
        l1.finishBulk();
        DataLoader l2 = LoaderFactory.createLoader(dsg, quiet);
        l2.startBulk();
        l2.load(data.stream().map(Path::toString).toList());
        l2.finishBulk();
    }

    /** An edit and how to undo it. */
    private record Edit(List<Quad> add, List<Quad> remove) {
        Edit undo() {
            return new Edit(remove, add);
        }
    }

    private interface EditSource {
        Edit next(int i);
    }

    private static Figures measure(DatasetGraph dsg, Reasoner reasoner, String what, int runs, EditSource source) {
        List<Double> inference = new ArrayList<>(), transaction = new ArrayList<>();
        long[] first = {-1, -1};
        int empty = 0;
        for (int tries = 0; inference.size() < runs && tries < runs * 3; tries++) {
            int k = tries;
            Edit e = Txn.calculateRead(dsg, () -> source.next(k));
            if (e == null)
                break;
            double[] inf = {0};
            long t0 = System.nanoTime();
            Inference.Report r = Txn.calculateWrite(dsg, () -> {
                Change c = apply(dsg, e);
                long t1 = System.nanoTime();
                Inference.Report rep = reasoner.update(dsg, c);
                inf[0] = (System.nanoTime() - t1) / 1e6;
                return c.isEmpty() ? null : rep;
            });
            double tx = (System.nanoTime() - t0) / 1e6;
            Txn.executeWrite(dsg, () -> reasoner.update(dsg, apply(dsg, e.undo())));
            if (r == null || r.added() + r.removed() == 0) {
                empty++;
                continue;
            }
            if (!r.summary().startsWith("incremental"))
                throw new IllegalStateException(what + ": the update was not incremental (" + r.summary() + ")");
            inference.add(inf[0]);
            transaction.add(tx);
            if (first[0] < 0) {
                first[0] = r.added();
                first[1] = r.removed();
            }
        }
        return new Figures(what, inference, transaction, first[0], first[1], empty);
    }

    private static Change apply(DatasetGraph dsg, Edit e) {
        Change c = new Change();
        for (Quad q : e.remove())
            if (dsg.contains(q)) {
                dsg.delete(q);
                c.removed(q);
            }
        for (Quad q : e.add())
            if (!dsg.contains(q)) {
                dsg.add(q);
                c.added(q);
            }
        return c;
    }

    /** Instances of the four edits, found in the data (a different one per run). */
    private static final class Edits {
        final List<Node[]> meetings = new ArrayList<>();        // {event, participation, person, other person}
        final List<Node> agreements = new ArrayList<>();
        final List<Quad> tenureEnds = new ArrayList<>();
        final DatasetGraph dsg;

        Edits(DatasetGraph dsg) {
            this.dsg = dsg;
            Node status = node(TG + "eventStatus"), held = node(TG + "Held"), participation = node(TG + "participation"),
                 agent = node(TG + "agent");
            Set<Node> seen = new HashSet<>();
            dsg.find(Node.ANY, Node.ANY, status, held).forEachRemaining(q -> {
                if (meetings.size() >= 200 || !seen.add(q.getSubject()))
                    return;
                List<Node[]> parts = new ArrayList<>();
                dsg.find(Node.ANY, q.getSubject(), participation, Node.ANY).forEachRemaining(pq -> {
                    var a = dsg.find(Node.ANY, pq.getObject(), agent, Node.ANY);
                    if (a.hasNext())
                        parts.add(new Node[] {q.getSubject(), pq.getObject(), a.next().getObject()});
                });
                if (parts.size() >= 2)
                    meetings.add(new Node[] {parts.get(0)[0], parts.get(0)[1], parts.get(0)[2], parts.get(1)[2]});
            });
            // agreements that rest on one and are rested on by another: the middle of a chain
            Set<String> steps = Set.of("basedOn", "reaffirms", "amends", "supersedes", "respondsTo");
            Set<Node> restsOn = new HashSet<>(), restedOn = new HashSet<>();
            for (String s : steps)
                dsg.find(Node.ANY, Node.ANY, node(TG + s), Node.ANY).forEachRemaining(q -> {
                    restsOn.add(q.getSubject());
                    restedOn.add(q.getObject());
                });
            restsOn.stream().filter(restedOn::contains).sorted(Comparator.comparing(Node::getURI)).limit(200).forEach(agreements::add);
            dsg.find(Node.ANY, Node.ANY, node(TG + "endDate"), Node.ANY).forEachRemaining(q -> {
                if (tenureEnds.size() < 200 && q.getObject().isLiteral() && dsg.contains(Node.ANY, q.getSubject(), RDF.Nodes.type,
                                                                                           node(TG + "Tenure")))
                    tenureEnds.add(q);
            });
        }

        /** A new meeting (10 triples) of the two people of the i-th held meeting, in a graph of its own. */
        Edit meeting(int i) {
            if (meetings.isEmpty())
                return null;
            Node[] m = meetings.get(i % meetings.size());
            String id = Graphs.BASE + "id/";
            Node g = node(Graphs.GRAPH + "source/bench-" + i);
            Node e = node(id + "event/bench-meeting-" + i);
            Node pa = node(id + "participation/bench-meeting-" + i + "--a"), pb = node(id + "participation/bench-meeting-" + i + "--b");
            List<Quad> q = List.of(
                Quad.create(g, e, RDF.Nodes.type, node(TG + "ForeignMinistersMeeting")),
                Quad.create(g, e, node(TG + "eventStatus"), node(TG + "Held")),
                Quad.create(g, e, node(TG + "startDate"), NodeFactory.createLiteralDT("2019-06-" + (10 + i % 20), XSDDatatype.XSDdate)),
                Quad.create(g, e, RDFS.label.asNode(), NodeFactory.createLiteralLang("Benchmark meeting " + i, "en")),
                Quad.create(g, e, node(TG + "participation"), pa),
                Quad.create(g, e, node(TG + "participation"), pb),
                Quad.create(g, pa, RDF.Nodes.type, node(TG + "Participation")),
                Quad.create(g, pa, node(TG + "agent"), m[2]),
                Quad.create(g, pb, RDF.Nodes.type, node(TG + "Participation")),
                Quad.create(g, pb, node(TG + "agent"), m[3]));
            return new Edit(q, List.of());
        }

        /** Delete the i-th meeting's first participant: its participation and what describes it. */
        Edit participant(int i) {
            if (meetings.isEmpty())
                return null;
            Node[] m = meetings.get(i % meetings.size());
            List<Quad> q = new ArrayList<>();
            dsg.find(Node.ANY, m[0], node(TG + "participation"), m[1]).forEachRemaining(q::add);
            dsg.find(Node.ANY, m[1], Node.ANY, Node.ANY).forEachRemaining(x -> {
                if (!Graphs.isReserved(x.getGraph()))
                    q.add(x);
            });
            return new Edit(List.of(), q);
        }

        /** Delete the i-th agreement in the middle of a lineage chain: every stated triple about it or pointing to it. */
        Edit agreement(int i) {
            if (agreements.isEmpty())
                return null;
            Node a = agreements.get(i % agreements.size());
            List<Quad> q = new ArrayList<>();
            dsg.find(Node.ANY, a, Node.ANY, Node.ANY).forEachRemaining(x -> {
                if (!Graphs.isReserved(x.getGraph()))
                    q.add(x);
            });
            dsg.find(Node.ANY, Node.ANY, Node.ANY, a).forEachRemaining(x -> {
                if (!Graphs.isReserved(x.getGraph()))
                    q.add(x);
            });
            return new Edit(List.of(), q);
        }

        /** The i-th tenure ends a year later. */
        Edit tenureEnd(int i) {
            if (tenureEnds.isEmpty())
                return null;
            Quad q = tenureEnds.get(i % tenureEnds.size());
            String lexical = q.getObject().getLiteralLexicalForm();
            String later;
            try {
                later = LocalDate.parse(lexical).plusYears(1).toString();
            } catch (RuntimeException e) {
                return null;
            }
            Quad n = Quad.create(q.getGraph(), q.getSubject(), q.getPredicate(), NodeFactory.createLiteralDT(later, XSDDatatype.XSDdate));
            return new Edit(List.of(n), List.of(q));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Node node(String iri) {
        return NodeFactory.createURI(iri);
    }

    static double p50(List<Double> values) {
        if (values.isEmpty())
            return Double.NaN;
        List<Double> s = new ArrayList<>(values);
        s.sort(Comparator.naturalOrder());
        return s.get((int) Math.ceil(0.5 * s.size()) - 1);
    }

    private static String list(List<Double> values) {
        return values.stream().map(Bench::ms).toList().toString();
    }

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
    private static void copyRules(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> s = Files.list(from)) {
                for (Path f : s.filter(f -> f.toString().endsWith(".rq")).toList())
                    Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
