package org.treatygraph.derive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.treatygraph.load.Graphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materializes the inferences of the rules (ontology/rules/*.rq) into the inferred graph.
 * Clears {@link #INFERRED_GRAPH} and recomputes it from scratch from all other graphs but the
 * meta graph; only triples that are not already asserted are written.
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
 * transactional dataset, it runs in a write transaction of its own.
 */
public final class Deriver {
    private static final Logger LOG = LoggerFactory.getLogger(Deriver.class);

    /** The named graph that holds every derived triple. */
    public static final String INFERRED_GRAPH = Graphs.INFERRED;

    private static final Node INFERRED = Graphs.node(Graphs.INFERRED);

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
     * @throws DeriveException if a rule file cannot be read or run (the message names it)
     */
    public static Report derive(DatasetGraph dsg, Path rulesDir) {
        List<Rule> rules = Rule.loadAll(rulesDir);
        if (dsg.supportsTransactions() && !dsg.isInTransaction())
            return Txn.calculateWrite(dsg, () -> run(dsg, rules));
        return run(dsg, rules);
    }

    static Report run(DatasetGraph dsg, List<Rule> rules) {
        return run(dsg, rules, false);
    }

    /** @param naive re-run every rule whole in every round (reference semantics, for tests) */
    static Report run(DatasetGraph dsg, List<Rule> rules, boolean naive) {
        long t0 = System.nanoTime();
        Engine engine = new Engine(rules, naive);
        long[] asserted = {0};
        // one pass over the database: the union for the rules' default graph, and an in-memory copy
        // of each named graph for GRAPH patterns (reading TDB2 again per rule would be slower)
        Map<Node, Graph> named = new HashMap<>();
        dsg.find().forEachRemaining(q -> {
            Node g = q.getGraph();
            if (!isInput(g))
                return;
            Triple t = q.asTriple();
            engine.addAsserted(t);
            if (!q.isDefaultGraph())
                named.computeIfAbsent(g, k -> GraphMemFactory.createDefaultGraph()).add(t);
            asserted[0]++;
        });
        named.forEach(engine::linkNamedGraph);
        long tRead = System.nanoTime();
        long[] tRules = {0};
        long[] delta;
        if (!dsg.find(INFERRED, Node.ANY, Node.ANY, Node.ANY).hasNext()) {
            writeWhileDeriving(dsg, engine, tRules);
            delta = new long[] {engine.derived().size(), 0};
        } else {
            engine.run();
            tRules[0] = System.nanoTime();
            delta = writeDifference(dsg, engine.derived());
        }
        long tEnd = System.nanoTime();
        LOG.info("Derived {} triple(s) from {} asserted quad(s) with {} rule(s) in {} round(s) in {} ms:"
                 + " read {} ms, rules {} ms, writing done {} ms after the rules",
                 engine.derived().size(), asserted[0], rules.size(), engine.rounds, (tEnd - t0) / 1_000_000,
                 (tRead - t0) / 1_000_000, (tRules[0] - tRead) / 1_000_000, (tEnd - tRules[0]) / 1_000_000);
        return new Report(engine.counts(), engine.derived().size(), (tEnd - t0) / 1_000_000, delta[0], delta[1]);
    }

    private static final List<Triple> END = new ArrayList<>();

    /**
     * Into an empty inferred graph: the rules run in a worker thread (they read only the in-memory
     * copy), while this thread — the one that holds the write transaction — writes the new triples
     * of each rule evaluation as soon as it ends. The write, the larger part of the work, runs
     * alongside the rules.
     */
    private static void writeWhileDeriving(DatasetGraph dsg, Engine engine, long[] tRules) {
        BlockingQueue<List<Triple>> queue = new LinkedBlockingQueue<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "derive-rules");
            t.setDaemon(true);
            return t;
        });
        Future<?> rules = worker.submit(() -> {
            try {
                engine.run(queue::add);
            } finally {
                tRules[0] = System.nanoTime();
                queue.add(END);
            }
        });
        try {
            for (List<Triple> chunk = queue.take(); chunk != END; chunk = queue.take()) {
                for (Triple t : chunk)   // in the order found: rule by rule, so TDB2's index inserts have locality
                    dsg.add(INFERRED, t.getSubject(), t.getPredicate(), t.getObject());
            }
            rules.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re)
                throw re;
            throw new DeriveException("derivation failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeriveException("derivation interrupted", e);
        } finally {
            engine.cancel();
            worker.shutdown();
        }
    }

    /**
     * Make the inferred graph, which holds an earlier derivation, hold exactly {@code derived}:
     * only the difference is written (a re-derivation of unchanged data writes nothing).
     */
    private static long[] writeDifference(DatasetGraph dsg, List<Triple> derived) {
        Graph wanted = GraphMemFactory.createDefaultGraph();
        derived.forEach(wanted::add);
        List<Quad> stale = new ArrayList<>();
        dsg.find(INFERRED, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            Triple t = q.asTriple();
            if (wanted.contains(t))
                wanted.delete(t);
            else
                stale.add(q);
        });
        stale.forEach(dsg::delete);
        long added = wanted.size();
        wanted.find().forEachRemaining(t -> dsg.add(INFERRED, t.getSubject(), t.getPredicate(), t.getObject()));
        return new long[] {added, stale.size()};
    }

    private static boolean isInput(Node g) {
        return !Graphs.isReserved(g);
    }

}
