package org.treatygraph.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;

/** The derivation's compact sets: tuples of longs, and the stratum log of triples built on them. */
class LongTuplesTest {
    static {
        // Jena initialises itself before the first test touches a vocabulary class
        org.apache.jena.sys.JenaSystem.init();
    }


    @Test void aTupleIsKeptOnceAtThePositionItWasFirstAdded() {
        LongTuples set = new LongTuples(3);
        Map<List<Long>, Integer> reference = new HashMap<>();
        Random random = new Random(7);
        // more than one chunk (65,536 tuples) and several table growths; values collide often
        for (int i = 0; i < 300_000; i++) {
            long[] t = {random.nextInt(100), random.nextInt(100) - 50L, random.nextLong() % 40};
            List<Long> key = List.of(t[0], t[1], t[2]);
            boolean isNew = !reference.containsKey(key);
            assertEquals(isNew, set.add(t), "add " + key);
            if (isNew)
                reference.put(key, reference.size());
        }
        assertEquals(reference.size(), set.size());
        reference.forEach((key, pos) -> {
            assertEquals(pos, set.find(new long[] {key.get(0), key.get(1), key.get(2)}));
            for (int i = 0; i < 3; i++)
                assertEquals(key.get(i), set.get(pos, i));
        });
        assertEquals(-1, set.find(new long[] {1000, 0, 0}));
    }

    @Test void tuplesOfNoValuesAreOneTuple() {
        LongTuples set = new LongTuples(0);
        assertTrue(set.add(new long[0]));
        assertFalse(set.add(new long[0]));
        assertEquals(1, set.size());
    }

    @Test void theLogGivesBackItsTriplesByPositionPredicateAndClass() {
        TripleLog log = new TripleLog();
        Node type = RDF.Nodes.type, knows = NodeFactory.createURI("urn:knows");
        Node person = NodeFactory.createURI("urn:Person"), place = NodeFactory.createURI("urn:Place");
        List<Triple> added = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Node s = NodeFactory.createURI("urn:x" + i);
            added.add(Triple.create(s, type, i % 2 == 0 ? person : place));
            added.add(Triple.create(s, knows, NodeFactory.createLiteralString("x" + (i / 3))));
        }
        added.forEach(t -> assertTrue(log.add(t)));
        added.forEach(t -> assertFalse(log.add(Triple.create(t.getSubject(), t.getPredicate(), t.getObject()))));
        assertEquals(2000, log.size());
        for (int i = 0; i < added.size(); i++)
            assertEquals(added.get(i), log.get(i));
        assertTrue(log.contains(added.get(5)));
        assertFalse(log.contains(Triple.create(person, knows, place)));

        TripleLog.Range upper = log.range(1000, 2000);
        assertEquals(250, upper.find(Node.ANY, type, person).toList().size());
        assertEquals(500, upper.find(Node.ANY, knows, Node.ANY).toList().size());
        assertEquals(added.subList(1000, 2000), upper.find().toList());
        assertTrue(upper.canMatch(Triple.create(var("s"), type, place)));
        assertFalse(log.range(0, 0).canMatch(Triple.create(var("s"), knows, var("o"))));
    }

    @Test void theLogOrdersARangeBySubjectThenPredicateThenObject() {
        TripleLog log = new TripleLog();
        Node p = NodeFactory.createURI("urn:p");
        for (String s : List.of("urn:c", "urn:a", "urn:b", "urn:a"))
            log.add(Triple.create(NodeFactory.createURI(s), p, NodeFactory.createLiteralString(s + log.size())));
        int[] order = log.inTermOrder(0, 4);
        List<String> subjects = new ArrayList<>();
        for (int pos : order)
            subjects.add(log.get(pos).getSubject().getURI());
        assertEquals(List.of("urn:a", "urn:a", "urn:b", "urn:c"), subjects);
        assertEquals(1, order[0]);
        assertEquals(0, log.inTermOrder(2, 2).length);
    }

    private static Node var(String name) {
        return org.apache.jena.sparql.core.Var.alloc(name);
    }
}
