package org.treatygraph.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.treatygraph.derive.Fixtures.ask;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-derivation over a real TDB2 database: no stale inferences, and readers never see a mix. */
class ReloadTest {
    static final String TG = "https://w3id.org/treatygraph/ontology#";
    static final Node KONO_LAVROV = NodeFactory.createURI("https://w3id.org/treatygraph/id/event/2019-01-14-kono-lavrov-moscow");
    static final Node ABE_PUTIN = NodeFactory.createURI("https://w3id.org/treatygraph/id/event/2019-01-22-abe-putin-moscow");
    static final Node STATUS = NodeFactory.createURI(TG + "eventStatus");
    static final Node HELD = NodeFactory.createURI(TG + "Held");
    static final Node PLANNED = NodeFactory.createURI(TG + "Planned");
    static final Node SOURCE_001 = NodeFactory.createURI("https://w3id.org/treatygraph/graph/source/001");

    @TempDir Path dir;
    DatasetGraph tdb;

    @AfterEach void close() {
        if (tdb != null)
            TDBInternal.expel(tdb);
    }

    /** The scenario data (version A: Kono–Lavrov held, Abe–Putin planned). */
    static List<Quad> versionA() {
        DatasetGraph d = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(d, () -> {
            Fixtures.addOntology(d);
            RDFDataMgr.read(d, Fixtures.SCENARIO.toString());
        });
        return Txn.calculateRead(d, () -> { List<Quad> q = new ArrayList<>(); d.find().forEachRemaining(q::add); return q; });
    }

    /** Version B: the other way round (Kono–Lavrov planned, Abe–Putin held). */
    static List<Quad> versionB() {
        List<Quad> quads = new ArrayList<>(versionA());
        quads.removeIf(q -> q.getPredicate().equals(STATUS)
                            && (q.getSubject().equals(KONO_LAVROV) || q.getSubject().equals(ABE_PUTIN)));
        quads.add(Quad.create(SOURCE_001, KONO_LAVROV, STATUS, PLANNED));
        quads.add(Quad.create(SOURCE_001, ABE_PUTIN, STATUS, HELD));
        return quads;
    }

    /** Replace everything in the database with {@code quads} and re-derive: ONE write transaction. */
    static void reload(DatasetGraph dsg, List<Quad> quads) {
        Txn.executeWrite(dsg, () -> {
            dsg.clear();
            quads.forEach(dsg::add);
            Deriver.derive(dsg, Fixtures.RULES);
        });
    }

    @Test void reloading_after_deleting_a_fact_removes_the_inferences_that_depended_on_it() {
        tdb = DatabaseMgr.connectDatasetGraph(dir.toString());
        reload(tdb, versionA());
        assertTrue(Txn.calculateRead(tdb, () -> ask(tdb,
            "person:taro-kono tg:metWith person:sergey-lavrov . ?enc tg:encounterEvent event:2019-01-14-kono-lavrov-moscow")));

        // delete "the Kono–Lavrov meeting was held" (stated in two graphs) and reload
        List<Quad> without = new ArrayList<>(versionA());
        without.removeIf(q -> q.getSubject().equals(KONO_LAVROV) && q.getPredicate().equals(STATUS));
        reload(tdb, without);

        Txn.executeRead(tdb, () -> {
            assertFalse(ask(tdb, "person:taro-kono tg:metWith ?x"));
            assertFalse(ask(tdb, "?enc tg:encounterEvent event:2019-01-14-kono-lavrov-moscow"));
            assertFalse(ask(tdb, "event:2019-01-14-kono-lavrov-moscow schema:eventStatus ?s"));
            // what did not depend on the status stays
            assertTrue(ask(tdb, "part:2019-01-14-kono-lavrov-moscow--taro-kono tg:postHeldOnDate post:japan-minister-for-foreign-affairs"));
        });
        // and the inferred graph is exactly what a fresh derivation of the remaining data gives
        DatasetGraph fresh = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(fresh, () -> without.forEach(fresh::add));
        Deriver.derive(fresh, Fixtures.RULES);
        Fixtures.assertIsomorphic(Fixtures.inferred(fresh), Fixtures.inferred(tdb), "after reload");
    }

    @Test void a_reader_during_a_reload_sees_either_the_whole_old_or_the_whole_new_state() throws Exception {
        List<Quad> a = versionA(), b = versionB();
        State stateA = State.of(a), stateB = State.of(b);
        assertNotEquals(stateA, stateB);
        tdb = DatabaseMgr.connectDatasetGraph(dir.toString());
        reload(tdb, a);

        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<State> lastSeen = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        List<String> problems = new CopyOnWriteArrayList<>();
        Set<String> versionsSeen = Collections.synchronizedSet(new TreeSet<>());

        Thread reader = new Thread(() -> {
            while (!done.get() && problems.size() < 3) {
                Txn.executeRead(tdb, () -> {
                    State s = State.read(tdb);
                    // invariant: every tg:metWith has its supporting held event
                    if (askNative(tdb, "GRAPH graph:inferred { ?a tg:metWith ?b } FILTER NOT EXISTS { GRAPH ?g1 { ?e tg:eventStatus tg:Held }"
                                 + " GRAPH ?g2 { ?e tg:participation ?p1 } GRAPH ?g3 { ?p1 tg:agent ?a } FILTER(?g1 != graph:inferred) }"))
                        problems.add("a tg:metWith without its held event: " + s);
                    if (s.equals(stateA)) versionsSeen.add("A");
                    else if (s.equals(stateB)) versionsSeen.add("B");
                    else problems.add("a mixed state: " + s);
                    lastSeen.set(s);
                });
                reads.incrementAndGet();
                try {
                    Thread.sleep(2);   // leave the writer some CPU on a 2-core machine
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "reader");
        reader.start();
        try {
            for (int i = 0; i < 4; i++) {
                boolean toB = i % 2 == 0;
                reload(tdb, toB ? b : a);
                State expected = toB ? stateB : stateA;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!expected.equals(lastSeen.get()) && System.nanoTime() < deadline && problems.isEmpty())
                    Thread.sleep(5);
            }
        } finally {
            done.set(true);
            reader.join(60_000);
        }
        assertEquals(List.of(), problems);
        assertEquals(Set.of("A", "B"), versionsSeen);
        assertTrue(reads.get() > 4, "reads: " + reads.get());
    }

    /** ASK straight on the database (GRAPH patterns only), inside the caller's transaction. */
    static boolean askNative(DatasetGraph dsg, String where) {
        try (QueryExec qe = QueryExec.dataset(dsg).query(Fixtures.PREFIXES + "ASK { " + where + " }").build()) {
            return qe.ask();
        }
    }

    /** What a reader checks: the asserted statuses, the met pairs and the size of the inferred graph. */
    record State(Set<String> statuses, Set<String> metWith, long inferred) {
        static State of(List<Quad> quads) {
            DatasetGraph d = DatasetGraphFactory.createTxnMem();
            Txn.executeWrite(d, () -> quads.forEach(d::add));
            Deriver.derive(d, Fixtures.RULES);
            return Txn.calculateRead(d, () -> read(d));
        }

        /** Inside a read transaction. */
        static State read(DatasetGraph dsg) {
            Set<String> statuses = new TreeSet<>(), met = new TreeSet<>();
            Node inferred = NodeFactory.createURI(Deriver.INFERRED_GRAPH);
            dsg.find(Node.ANY, Node.ANY, STATUS, Node.ANY).forEachRemaining(q -> {
                if (!q.getGraph().equals(inferred))
                    statuses.add(q.getGraph().getURI() + " " + q.getSubject().getURI() + " " + q.getObject().getURI());
            });
            dsg.find(inferred, Node.ANY, NodeFactory.createURI(TG + "metWith"), Node.ANY)
               .forEachRemaining(q -> met.add(q.getSubject().getURI() + " " + q.getObject().getURI()));
            return new State(statuses, met, dsg.getGraph(inferred).size());
        }
    }
}
