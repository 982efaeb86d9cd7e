package org.treatygraph.derive;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treatygraph.load.Graphs;

/**
 * Materializes the inferences of the rules (ontology/rules/*.rq) into the inferred graph, from
 * scratch: empties {@link #INFERRED_GRAPH} and derives it again from every other graph but the
 * meta graph; only triples that are not already asserted are written. The rules read the
 * database itself (no copy of the data in memory): see {@link Engine}.
 *
 * <pre>
 *   Txn.executeWrite(dsg, () -> {
 *       // … load the asserted graphs …
 *       Deriver.Report r = Deriver.derive(dsg, Path.of("ontology/rules"));
 *   });
 * </pre>
 *
 * Call it inside the write transaction that loads the data, so that readers see the old data
 * with the old inferences or the new data with the new ones. Called outside a transaction on a
 * transactional dataset, it runs in a write transaction of its own. It records the digest of the
 * rules in the meta graph ({@code <…/graph/inferred> tg:rulesDigest "…"}), so that an incremental
 * update ({@link Reasoner}) knows which rules the inferred graph comes from.
 */
public final class Deriver {
    private static final Logger LOG = LoggerFactory.getLogger(Deriver.class);

    /** The named graph that holds every derived triple. */
    public static final String INFERRED_GRAPH = Graphs.INFERRED;

    private static final Node INFERRED = Graphs.node(Graphs.INFERRED);
    private static final Node META = Graphs.node(Graphs.META);
    private static final Node DIGEST = Graphs.node(Graphs.RULES_DIGEST);

    private Deriver() {}

    /**
     * Result of one derivation: new triples produced per rule (file stem; a triple two rules
     * conclude counts for the first that found it), their total, the time taken, and how the
     * inferred graph changed (triples written and deleted).
     */
    public record Report(Map<String, Long> triplesPerRule, long totalTriples, long millis, long added, long removed) {}

    /**
     * Re-derive the inferred graph of {@code dsg} with the rules of {@code rulesDir}.
     *
     * @throws DeriveException if a rule file cannot be read or run, or breaks a rule of the loader
     *         (the message names the file)
     */
    public static Report derive(DatasetGraph dsg, Path rulesDir) {
        Strata strata = Strata.load(rulesDir);
        if (dsg.supportsTransactions() && !dsg.isInTransaction())
            return Txn.calculateWrite(dsg, () -> run(dsg, strata, false));
        return run(dsg, strata, false);
    }

    static Report run(DatasetGraph dsg, List<Rule> rules) {
        return run(dsg, rules, false);
    }

    static Report run(DatasetGraph dsg, List<Rule> rules, boolean naive) {
        return run(dsg, new Strata(rules, Strata.digest(rules)), naive);
    }

    /** @param naive re-run every rule whole in every round (reference semantics, for tests) */
    static Report run(DatasetGraph dsg, Strata strata, boolean naive) {
        long t0 = System.nanoTime();
        // what the inferred graph holds now, as 64-bit fingerprints (not the triples): to report
        // how it changed after it is emptied and derived again
        long[] before = fingerprints(dsg);
        if (before.length > 0)
            dsg.deleteAny(INFERRED, Node.ANY, Node.ANY, Node.ANY);
        long[] kept = {0};
        Engine engine = new Engine(strata, dsg, naive, t -> {
            if (before.length > 0 && Arrays.binarySearch(before, fingerprint(t)) >= 0)
                kept[0]++;
        });
        engine.run();
        recordDigest(dsg, strata.digest);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Derived {} triple(s) with {} rule(s) in {} round(s) in {} ms", engine.derived, strata.rules.size(),
                 engine.rounds, millis);
        return new Report(engine.counts(), engine.derived, millis, engine.derived - kept[0], before.length - kept[0]);
    }

    /** Record which rules the inferred graph was derived with (inside the caller's write transaction). */
    static void recordDigest(DatasetGraph dsg, String digest) {
        dsg.deleteAny(META, INFERRED, DIGEST, Node.ANY);
        dsg.add(META, INFERRED, DIGEST, NodeFactory.createLiteralString(digest));
    }

    /** The digest recorded by the last derivation, or null. */
    static String recordedDigest(DatasetGraph dsg) {
        Iterator<Quad> it = dsg.find(META, INFERRED, DIGEST, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }

    private static long[] fingerprints(DatasetGraph dsg) {
        Graph g = dsg.getGraph(INFERRED);
        long n = g.size();
        if (n == 0)
            return new long[0];
        long[] out = new long[(int) n];
        int[] i = {0};
        g.find().forEachRemaining(t -> {
            if (i[0] < out.length)
                out[i[0]++] = fingerprint(t);
        });
        long[] sorted = Arrays.copyOf(out, i[0]);
        Arrays.sort(sorted);
        return sorted;
    }

    /** FNV-1a, 64 bits, over the terms of a triple (IRI, blank node label, or lexical form, datatype and language). */
    static long fingerprint(Triple t) {
        long h = 0xcbf29ce484222325L;
        for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
            if (n.isURI())
                h = fnv(h, n.getURI(), 'U');
            else if (n.isBlank())
                h = fnv(h, n.getBlankNodeLabel(), 'B');
            else if (n.isLiteral())
                h = fnv(fnv(fnv(h, n.getLiteralLexicalForm(), 'L'), n.getLiteralDatatypeURI(), 'D'), n.getLiteralLanguage(), 'A');
            else
                h = fnv(h, n.toString(), 'O');
        }
        return h;
    }

    private static long fnv(long h, String s, char kind) {
        h ^= kind;
        h *= 0x100000001b3L;
        if (s == null)
            return h;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= 0xff;
        h *= 0x100000001b3L;
        return h;
    }
}
