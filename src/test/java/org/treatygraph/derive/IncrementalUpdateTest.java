package org.treatygraph.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.treatygraph.load.Change;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Inference;

/**
 * Incremental maintenance gives exactly what a derivation from scratch gives: random sequences of
 * inserts and deletes, on generated data with generated rules (recursion, FILTER NOT EXISTS,
 * EXISTS, OPTIONAL, MINUS, property paths, GRAPH, minted IRIs, a variable class, grouped aggregates
 * maintained by their group keys, an aggregate over all the data)
 * and on the real data with the real rules, each step applied to a real TDB2 database inside a
 * write transaction and its inferred graph compared with a from-scratch derivation of the same
 * asserted graphs: isomorphic, and the update's report counts exactly how the inferred graph
 * changed.
 */
class IncrementalUpdateTest {
    static final Path GENERATED_RULES = Path.of("src/test/resources/derive/incremental/rules");
    static final Node INFERRED = Graphs.node(Graphs.INFERRED);
    static final String EX = "http://example.org/";

    @TempDir Path dir;
    DatasetGraph tdb;

    @AfterEach void close() {
        if (tdb != null)
            TDBInternal.expel(tdb);
    }

    // ------------------------------------------------------------------ generated data, generated rules

    /** Seeds 1…6; {@code -Dincremental.seeds=N} runs more. */
    static java.util.stream.LongStream seeds() {
        return java.util.stream.LongStream.rangeClosed(1, Integer.getInteger("incremental.seeds", 6));
    }

    @ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.MethodSource("seeds")
    void random_changes_of_generated_data_under_generated_rules_leave_what_a_derivation_from_scratch_gives(long seed) {
        Random random = new Random(seed);
        Steps steps = new Steps(GENERATED_RULES);
        List<Quad> initial = new ArrayList<>();
        for (int i = 0; i < 60; i++)
            initial.add(randomQuad(random));
        initial.add(Quad.create(node("g0"), node("g0"), RDF.Nodes.type, node("Source")));
        initial.add(Quad.create(node("g1"), node("g1"), RDF.Nodes.type, node("Source")));
        steps.build(initial);
        for (int step = 0; step < 25; step++) {
            List<Quad> add = new ArrayList<>(), remove = new ArrayList<>();
            List<Quad> present = steps.asserted();
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(10);
                if (kind < 5 || present.isEmpty())
                    add.add(randomQuad(random));
                else if (kind < 9)
                    remove.add(present.get(random.nextInt(present.size())));
                else {
                    // the same triple in another graph: no change of the union
                    Quad q = present.get(random.nextInt(present.size()));
                    add.add(Quad.create(node("g" + random.nextInt(3)), q.asTriple()));
                }
            }
            steps.apply("seed " + seed + " step " + step, add, remove);
        }
        assertTrue(steps.incremental > steps.fromScratch, "most updates were incremental: " + steps);
        // the grouped aggregates were exercised: their conclusions came and went
        for (String p : List.of("only", "ancestors"))
            assertTrue(steps.changed.contains(node(p)), "some step changed ex:" + p + ": " + steps.changed);
    }

    /**
     * The template join reaches the values a minted IRI was made of through the other template
     * triples of the node minted from its prefix — only when that prefix is itself an IRI.
     */
    @Test
    void a_minted_iri_gives_the_node_minted_from_its_prefix_when_that_prefix_is_an_iri() {
        org.apache.jena.sparql.core.Var interval = org.apache.jena.sparql.core.Var.alloc("interval"),
            start = org.apache.jena.sparql.core.Var.alloc("start");
        TemplateJoin.Facts event = Rule.load(Fixtures.RULES.resolve("10-time-event.rq")).facts();
        List<TemplateJoin.Prefix> ps = event.prefixes.getOrDefault(interval, List.of());
        assertEquals(List.of(start), ps.stream().map(TemplateJoin.Prefix::v).toList(), "?start is minted from a prefix of ?interval");
        TemplateJoin.Prefix p = ps.get(0);
        String time = "https://w3id.org/treatygraph/id/time/";
        assertTrue(p.bindsFor(NodeFactory.createURI(time + "2019-01-01--2019-02-01")));
        assertTrue(!p.bindsFor(NodeFactory.createURI("http://example.org/other")), "not minted by this BIND");
        assertTrue(!p.bindsFor(NodeFactory.createLiteralString(time + "2019-01-01--2019-02-01")));

        TemplateJoin.Facts code = Rule.load(GENERATED_RULES.resolve("10-code.rq")).facts();
        TemplateJoin.Prefix c = code.prefixes.get(org.apache.jena.sparql.core.Var.alloc("m")).get(0);
        assertTrue(!c.bindsFor(NodeFactory.createURI("http://example.org/c/%1021")), "<c/%1> is not an IRI");
        // ?a is minted after ?span: a solution may bind ?span without reaching it
        TemplateJoin.Facts later = Rule.parse(Path.of("x.rq"), "x", 10, """
            PREFIX ex: <http://example.org/>
            CONSTRUCT { ?s ex:p ?a } WHERE { ?n ex:since ?x
              BIND(IRI(CONCAT("http://example.org/t/", STR(?x), "--")) AS ?s)
              OPTIONAL { ?n ex:q ?z BIND(IRI(CONCAT("http://example.org/t/", STR(?x))) AS ?a) } }
            """).facts();
        assertTrue(later.prefixes.isEmpty(), "a BIND in another part of the pattern: " + later.prefixes);
    }

    static Quad randomQuad(Random r) {
        Node g = node("g" + r.nextInt(3));
        Node s = node("n" + r.nextInt(8));
        // anc, reach and knows are also derived (by strata 00, 05 and 10): asserting them moves a derived
        // triple out of the inferred graph, retracting them brings it back
        String[] predicates = {"par", "par", "link", "back", "start", "succOf", "q", "q", "ended", "since", "name",
                               "knows", "knows", "blocked", "type", "type", "subC", "anc", "reach"};
        String p = predicates[r.nextInt(predicates.length)];
        Node o = switch (p) {
            case "start" -> NodeFactory.createLiteralByValue(true);
            case "ended", "since" -> NodeFactory.createLiteralByValue(1 + r.nextInt(4));
            case "name" -> NodeFactory.createLiteralString(r.nextBoolean() ? "x" : "y");
            case "q" -> r.nextBoolean() ? NodeFactory.createLiteralString("v" + r.nextInt(3)) : node("n" + r.nextInt(8));
            case "type" -> node(new String[] {"C0", "C1", "C2", "D0"}[r.nextInt(4)]);
            case "subC" -> node(new String[] {"C0", "C1", "D0", "D1"}[r.nextInt(4)]);
            default -> node("n" + r.nextInt(8));
        };
        if (p.equals("subC"))
            s = node(new String[] {"C0", "C1", "C2"}[r.nextInt(3)]);
        return Quad.create(g, s, p.equals("type") ? RDF.Nodes.type : node(p), o);
    }

    static Node node(String local) {
        return NodeFactory.createURI(EX + local);
    }

    // ------------------------------------------------------------------ the real data, the real rules

    @Test
    void random_changes_of_the_real_data_under_the_real_rules_leave_what_a_derivation_from_scratch_gives() throws IOException {
        Steps steps = new Steps(Fixtures.RULES);
        List<Quad> real = realData();
        steps.build(real);
        Random random = new Random(13);
        Mutations m = new Mutations(real);
        for (int step = 0; step < 14; step++) {
            Mutations.Edit e = m.random(random, steps.asserted());
            steps.apply("step " + step + " (" + e.what() + ")", e.add(), e.remove());
        }
        assertTrue(steps.incremental >= 12, "the updates were incremental: " + steps);
    }

    @Test
    void deleting_an_agreement_in_the_middle_of_a_lineage_chain_removes_every_path_through_it_and_nothing_else() throws IOException {
        Steps steps = new Steps(Fixtures.RULES);
        List<Quad> real = realData();
        steps.build(real);
        Node sanFrancisco = NodeFactory.createURI("https://w3id.org/treatygraph/id/agreement/1951-treaty-of-san-francisco");
        List<Quad> about = real.stream().filter(q -> q.getSubject().equals(sanFrancisco) || q.getObject().equals(sanFrancisco)).toList();
        assertTrue(about.size() > 3, "the real data describes the Treaty of San Francisco");
        Inference.Report r = steps.apply("delete the Treaty of San Francisco", List.of(), about);
        assertTrue(r.removed() > 0, "paths through it are gone");
        steps.apply("restore it", about, List.of());
    }

    @Test
    void deleting_a_succession_removes_what_the_successor_inherited_and_restoring_it_brings_it_back() throws IOException {
        Steps steps = new Steps(Fixtures.RULES);
        List<Quad> real = realData();
        steps.build(real);
        Node successorOf = NodeFactory.createURI(Graphs.TG + "successorStateOf");
        List<Quad> successions = real.stream().filter(q -> q.getPredicate().equals(successorOf)).toList();
        assertTrue(!successions.isEmpty(), "the real data states a succession");
        Inference.Report r = steps.apply("delete the successions", List.of(), successions);
        assertTrue(r.removed() > 0, "inherited parties are gone");
        steps.apply("restore them", successions, List.of());
    }

    static List<Quad> realData() throws IOException {
        DatasetGraph d = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(d, () -> Fixtures.addOntology(d));
        try (Stream<Path> files = Files.walk(Path.of("data"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".trig")).sorted().toList())
                Txn.executeWrite(d, () -> RDFDataMgr.read(d, f.toString()));
        }
        return Txn.calculateRead(d, () -> { List<Quad> q = new ArrayList<>(); d.find().forEachRemaining(q::add); return q; });
    }

    /** Random edits of the real data of the kinds users make. */
    record Mutations(List<Quad> real) {
        record Edit(String what, List<Quad> add, List<Quad> remove) {}

        static final String TG = Graphs.TG;

        Edit random(Random r, List<Quad> present) {
            List<Quad> data = present.stream().filter(q -> !q.getGraph().getURI().equals(Graphs.ONTOLOGY)).toList();
            switch (r.nextInt(8)) {
                case 0 -> {
                    List<Quad> qs = pick(r, data, 1 + r.nextInt(4));
                    return new Edit("delete " + qs.size() + " random quad(s)", List.of(), qs);
                }
                case 1 -> {
                    List<Quad> gone = new ArrayList<>(real);
                    gone.removeAll(present);
                    List<Quad> qs = pick(r, gone, 1 + r.nextInt(4));
                    return new Edit("restore " + qs.size() + " deleted quad(s)", qs, List.of());
                }
                case 2 -> {
                    List<Quad> held = withPredicate(data, TG + "eventStatus");
                    Quad q = held.get(r.nextInt(held.size()));
                    Node other = NodeFactory.createURI(TG + (q.getObject().getURI().endsWith("Held") ? "Planned" : "Held"));
                    return new Edit("status of " + q.getSubject().getLocalName() + " to " + other.getLocalName(),
                                    List.of(Quad.create(q.getGraph(), q.getSubject(), q.getPredicate(), other)), List.of(q));
                }
                case 3 -> {
                    List<Quad> ends = withPredicate(data, TG + "endDate");
                    Quad q = ends.get(r.nextInt(ends.size()));
                    Node later = NodeFactory.createLiteralDT("2030-01-01", org.apache.jena.datatypes.xsd.XSDDatatype.XSDdate);
                    return new Edit("end date of " + q.getSubject().getLocalName(),
                                    List.of(Quad.create(q.getGraph(), q.getSubject(), q.getPredicate(), later)), List.of(q));
                }
                case 4 -> {
                    List<Quad> agents = withPredicate(data, TG + "agent");
                    Quad q = agents.get(r.nextInt(agents.size()));
                    return new Edit("delete the agent of " + q.getSubject().getLocalName(), List.of(), List.of(q));
                }
                case 5 -> {
                    List<Quad> steps = data.stream().filter(q -> q.getPredicate().getURI().startsWith(TG)
                        && List.of("basedOn", "reaffirms", "amends", "supersedes", "respondsTo")
                               .contains(q.getPredicate().getLocalName())).toList();
                    Quad q = steps.get(r.nextInt(steps.size()));
                    return new Edit("break the lineage step " + q.getSubject().getLocalName(), List.of(), List.of(q));
                }
                case 6 -> {
                    List<Quad> labels = withPredicate(data, "http://www.w3.org/2000/01/rdf-schema#label");
                    Quad q = labels.get(r.nextInt(labels.size()));
                    Node other = NodeFactory.createLiteralLang("Another label", "en");
                    return new Edit("a second English label for " + q.getSubject().getLocalName(),
                                    List.of(Quad.create(q.getGraph(), q.getSubject(), q.getPredicate(), other)), List.of());
                }
                default -> {
                    List<Quad> meeting = TestMeetingQuads.meeting(r.nextInt(1000));
                    return new Edit("insert a meeting of two people", meeting, List.of());
                }
            }
        }

        static List<Quad> withPredicate(List<Quad> data, String p) {
            return data.stream().filter(q -> q.getPredicate().getURI().equals(p)).toList();
        }

        static List<Quad> pick(Random r, List<Quad> from, int n) {
            List<Quad> out = new ArrayList<>();
            for (int i = 0; i < n && !from.isEmpty(); i++)
                out.add(from.get(r.nextInt(from.size())));
            return out;
        }
    }

    /** A meeting of Kono and Lavrov in a new source graph: 10 triples of the real shape. */
    static final class TestMeetingQuads {
        static List<Quad> meeting(int n) {
            String id = "https://w3id.org/treatygraph/id/";
            Node g = NodeFactory.createURI(Graphs.GRAPH + "source/9" + n);
            Node e = NodeFactory.createURI(id + "event/2019-06-20-test-" + n);
            Node kono = NodeFactory.createURI(id + "person/taro-kono"), lavrov = NodeFactory.createURI(id + "person/sergey-lavrov");
            Node pk = NodeFactory.createURI(id + "participation/test-" + n + "--taro-kono");
            Node pl = NodeFactory.createURI(id + "participation/test-" + n + "--sergey-lavrov");
            return List.of(
                Quad.create(g, e, RDF.Nodes.type, tgNode("ForeignMinistersMeeting")),
                Quad.create(g, e, tgNode("eventStatus"), tgNode("Held")),
                Quad.create(g, e, tgNode("startDate"), NodeFactory.createLiteralDT("2019-06-20",
                    org.apache.jena.datatypes.xsd.XSDDatatype.XSDdate)),
                Quad.create(g, e, tgNode("location"), NodeFactory.createURI(id + "place/moscow")),
                Quad.create(g, e, tgNode("participation"), pk),
                Quad.create(g, e, tgNode("participation"), pl),
                Quad.create(g, pk, RDF.Nodes.type, tgNode("Participation")),
                Quad.create(g, pk, tgNode("agent"), kono),
                Quad.create(g, pl, RDF.Nodes.type, tgNode("Participation")),
                Quad.create(g, pl, tgNode("agent"), lavrov));
        }

        static Node tgNode(String local) {
            return NodeFactory.createURI(Graphs.TG + local);
        }
    }

    // ------------------------------------------------------------------ the harness

    /** A TDB2 database with a reasoner; each step is one write transaction: the change, then the update. */
    final class Steps {
        final Path rules;
        final Reasoner reasoner;
        int incremental, fromScratch;
        /** The predicates of the inferred triples the steps added or removed. */
        final java.util.Set<Node> changed = new java.util.HashSet<>();

        Steps(Path rules) {
            this.rules = rules;
            this.reasoner = new Reasoner(rules);
            tdb = DatabaseMgr.connectDatasetGraph(dir.resolve("tdb2-" + System.nanoTime()).toString());
        }

        void build(List<Quad> quads) {
            Txn.executeWrite(tdb, () -> {
                quads.forEach(tdb::add);
                reasoner.derive(tdb);
            });
            assertSameAsFromScratch("the first derivation");
        }

        List<Quad> asserted() {
            return Txn.calculateRead(tdb, () -> {
                List<Quad> out = new ArrayList<>();
                tdb.find().forEachRemaining(q -> {
                    if (!Graphs.isReserved(q.getGraph()) && !q.isDefaultGraph())
                        out.add(q);
                });
                return out;
            });
        }

        Inference.Report apply(String what, List<Quad> add, List<Quad> remove) {
            Graph before = inferred();
            Inference.Report report = Txn.calculateWrite(tdb, () -> {
                Change change = new Change();
                for (Quad q : remove)
                    if (tdb.contains(q)) {
                        tdb.delete(q);
                        change.removed(q);
                    }
                for (Quad q : add)
                    if (!tdb.contains(q)) {
                        tdb.add(q);
                        change.added(q);
                    }
                return reasoner.update(tdb, change);
            });
            if (report.summary().startsWith("incremental"))
                incremental++;
            else
                fromScratch++;
            Graph after = inferred();
            assertSameAsFromScratch(what);
            List<org.apache.jena.graph.Triple> plus = after.find().filterDrop(before::contains).toList();
            List<org.apache.jena.graph.Triple> minus = before.find().filterDrop(after::contains).toList();
            plus.forEach(t -> changed.add(t.getPredicate()));
            minus.forEach(t -> changed.add(t.getPredicate()));
            long added = plus.size(), removed = minus.size();
            assertEquals(added + " added, " + removed + " removed", report.added() + " added, " + report.removed() + " removed",
                         what + ": the report counts the inferred graph's change");
            return report;
        }

        Graph inferred() {
            return Txn.calculateRead(tdb, () -> {
                Graph g = GraphMemFactory.createDefaultGraph();
                tdb.find(INFERRED, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> g.add(q.asTriple()));
                return g;
            });
        }

        void assertSameAsFromScratch(String what) {
            DatasetGraph fresh = DatasetGraphFactory.createTxnMem();
            Txn.executeWrite(fresh, () -> asserted().forEach(fresh::add));
            Deriver.derive(fresh, rules);
            Graph expected = Fixtures.inferred(fresh);
            Fixtures.assertIsomorphic(expected, inferred(), what);
        }

        @Override
        public String toString() {
            return incremental + " incremental, " + fromScratch + " from scratch";
        }
    }
}
