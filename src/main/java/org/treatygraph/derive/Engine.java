package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Table;
import org.apache.jena.sparql.algebra.TableFactory;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treatygraph.load.Graphs;

/**
 * The fixpoint from scratch: runs the rules stratum by stratum over the database itself (a
 * {@link View}: asserted graphs + what the stratum may see of the inferred graph; nothing copied
 * into memory) and writes each rule evaluation's new triples into the inferred graph as soon as
 * it ends. Round 1 of a stratum runs every rule over all the data; every later round is
 * semi-naive: each rule once per visible triple pattern that can match the previous round's new
 * triples (the only triples held in memory), that pattern read from them first.
 */
final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    static final Node INFERRED = Graphs.node(Graphs.INFERRED);

    private final Strata strata;
    private final DatasetGraph dsg;
    final Strata.Signatures signatures;
    private final boolean naive;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, long[]> nanos = new LinkedHashMap<>();
    /** Called with every triple written into the inferred graph. */
    private final Consumer<Triple> written;
    long derived;
    int rounds;
    /** Time spent evaluating, checking what is new, and writing (ns), for logs. */
    long evalNanos, checkNanos, writeNanos;

    /**
     * @param naive re-run every rule whole in every round (the reference semantics the semi-naive
     *              rounds must equal; for tests)
     */
    Engine(Strata strata, DatasetGraph dsg, boolean naive, Consumer<Triple> written) {
        this.strata = strata;
        this.dsg = dsg;
        this.signatures = strata.new Signatures();
        this.naive = naive;
        this.written = written;
        strata.rules.forEach(r -> {
            counts.put(r.name, new long[1]);
            nanos.put(r.name, new long[1]);
        });
    }

    Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k, v[0]));
        return m;
    }

    void run() {
        for (int k : strata.byStratum.keySet())
            runStratum(k);
        if (LOG.isDebugEnabled())
            nanos.forEach((rule, n) -> LOG.debug("rule {}: {} ms, {} new triple(s)", rule, n[0] / 1_000_000, counts.get(rule)[0]));
        LOG.debug("evaluating {} ms, checking {} ms, writing {} ms", evalNanos / 1_000_000, checkNanos / 1_000_000,
                  writeNanos / 1_000_000);
    }

    /** The view of stratum {@code k} (what it sees of the inferred graph: its own and earlier strata). */
    static View viewOf(Strata strata, Strata.Signatures sigs, DatasetGraph dsg, int k) {
        return new View(dsg, k == strata.top ? null : t -> sigs.visibleIn(k, t));
    }

    /** The view of what stratum {@code k} starts from (earlier strata only). */
    static View inputOf(Strata strata, Strata.Signatures sigs, DatasetGraph dsg, int k) {
        return new View(dsg, t -> sigs.stratumOf(t) < k);
    }

    private void runStratum(int k) {
        signatures.start(k, inputOf(strata, signatures, dsg, k));
        View view = viewOf(strata, signatures, dsg, k);
        List<Rule> rules = strata.byStratum.get(k);
        long t0 = System.nanoTime();
        DeltaGraph delta = new DeltaGraph();
        for (Rule r : rules)
            fire(r, r.pattern, view, delta);
        int round = 1;
        logRound(k, round, delta, t0);
        while (!delta.isEmptyDelta()) {
            round++;
            t0 = System.nanoTime();
            view.link(DeltaRewrite.DELTA, delta);
            DeltaGraph next = new DeltaGraph();
            Map<List<Object>, Set<Node>> guards = new HashMap<>();
            for (Rule r : rules) {
                if (naive) {
                    fire(r, r.pattern, view, next);
                    continue;
                }
                for (DeltaRewrite.Variant v : r.variants) {
                    Op op = variantOp(v, delta, view, guards);
                    if (op != null)
                        fire(r, op, view, next);
                }
            }
            view.unlink(DeltaRewrite.DELTA);
            logRound(k, round, next, t0);
            delta = next;
        }
        rounds += round;
    }

    /**
     * The algebra of a delta variant for {@code delta}, or null when its delta pattern cannot match
     * (its predicate or class is not among the delta's). A pattern with a variable predicate
     * guarded by a schema pattern ({@code ?x ?p ?y} with {@code ?p rdfs:domain ?c}) reads only the
     * delta triples of the predicates the guard allows.
     */
    static Op variantOp(DeltaRewrite.Variant v, DeltaGraph delta, View view, Map<List<Object>, Set<Node>> guards) {
        if (!delta.canMatch(v.atom()))
            return null;
        if (v.guard() == null)
            return v.op();
        Node pv = v.atom().getPredicate();
        Set<Node> allowed = new HashSet<>(guards.computeIfAbsent(List.of(v.guard(), pv), x -> guardValues(view, v.guard(), pv)));
        allowed.retainAll(delta.predicates());
        if (allowed.isEmpty())
            return null;
        Var p = v.predicateVar();
        Table values = TableFactory.create(List.of(p));
        allowed.forEach(n -> values.addBinding(BindingFactory.binding(p, n)));
        return OpSequence.create(OpTable.create(values), v.op());
    }

    /** The values of {@code var} (subject or object of {@code guard}) that the guard pattern allows in the data. */
    private static Set<Node> guardValues(View view, Triple guard, Node var) {
        Node s = guard.getSubject(), o = guard.getObject();
        boolean atSubject = s.equals(var);
        Set<Node> values = new HashSet<>();
        view.getDefaultGraph().find(s.isVariable() ? Node.ANY : s, guard.getPredicate(), o.isVariable() ? Node.ANY : o)
            .forEachRemaining(t -> values.add(atSubject ? t.getSubject() : t.getObject()));
        return values;
    }

    private void logRound(int stratum, int round, DeltaGraph fresh, long t0) {
        if (LOG.isDebugEnabled())
            LOG.debug("stratum {} round {}: {} new triple(s) in {} ms", stratum, round, fresh.size(),
                      (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Evaluate one pattern (the rule's, or a delta variant), then write its conclusions that the
     * stratum does not see yet into the inferred graph (after the evaluation: TDB2 iterators do not
     * survive a write) and add them to {@code fresh}.
     */
    private void fire(Rule r, Op op, View view, DeltaGraph fresh) {
        long t0 = System.nanoTime();
        Set<Triple> candidates = new java.util.LinkedHashSet<>();
        try {
            Eval.forEach(op, view, b -> conclude(r, b, candidates::add));
        } catch (DeriveException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DeriveException(r.file + ": " + e.getMessage(), e);
        }
        long t1 = System.nanoTime();
        List<Triple> found = new ArrayList<>();
        for (Triple t : candidates)
            if (!view.holds(t))
                found.add(t);
        long t2 = System.nanoTime();
        for (Triple t : found) {
            dsg.add(INFERRED, t.getSubject(), t.getPredicate(), t.getObject());
            fresh.put(t);
            written.accept(t);
        }
        long t3 = System.nanoTime();
        evalNanos += t1 - t0;
        checkNanos += t2 - t1;
        writeNanos += t3 - t2;
        counts.get(r.name)[0] += found.size();
        derived += found.size();
        nanos.get(r.name)[0] += t3 - t0;
    }

    /** The triples a solution concludes: the template instantiated, skipping what is not a valid triple. */
    static void conclude(Rule r, Binding b, Consumer<Triple> out) {
        for (Triple tt : r.template) {
            Triple t = Substitute.substitute(tt, b);
            if (valid(t))
                out.accept(t);
        }
    }

    static boolean valid(Triple t) {
        return t.isConcrete()
            && (t.getSubject().isURI() || t.getSubject().isBlank())
            && t.getPredicate().isURI();
    }
}
