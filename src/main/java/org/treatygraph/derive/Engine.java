package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.atlas.lib.Bytes;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Table;
import org.apache.jena.sparql.algebra.TableFactory;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
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
    /** Per rule: evaluating (with checking what is new), writing (ns), and solutions' candidate triples. */
    private final Map<String, long[]> nanos = new LinkedHashMap<>();
    /** Called with every triple written into the inferred graph. */
    private final Consumer<Triple> written;
    long derived;
    int rounds;
    /**
     * The TDB2 store under {@code dsg} when whole rules may run on TDB2's own engine (from scratch,
     * not naive), else null; and the graphs its union default graph must not show.
     */
    private final DatasetGraph tdbStore;
    private static final Set<Node> NOT_IN_VIEW = Set.of(Graphs.node(Graphs.META), Graphs.node(Graphs.JOURNAL));
    /** Time spent evaluating (with checking what is new) and writing (ns), for logs. */
    long evalNanos, writeNanos;

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
        this.tdbStore = naive ? null : tdbStore(dsg);
        strata.rules.forEach(r -> {
            counts.put(r.name, new long[1]);
            nanos.put(r.name, new long[3]);
        });
    }

    /** The TDB2 store under {@code dsg} (through wrappers that read as the store does), or null. */
    static DatasetGraph tdbStore(DatasetGraph dsg) {
        DatasetGraph d = dsg;
        while (d instanceof DatasetGraphWrapper w && !TDBInternal.isBackedByTDB(d))
            d = w.getWrapped();
        return TDBInternal.isBackedByTDB(d) ? d : null;
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
            nanos.forEach((rule, n) -> LOG.debug("rule {}: {} ms (evaluating and checking {}, writing {}), {} candidate(s), {} new triple(s)",
                                                 rule, (n[0] + n[1]) / 1_000_000, n[0] / 1_000_000, n[1] / 1_000_000,
                                                 n[2], counts.get(rule)[0]));
        LOG.debug("evaluating and checking {} ms, writing {} ms", evalNanos / 1_000_000, writeNanos / 1_000_000);
    }

    /** The view of stratum {@code k} (what it sees of the inferred graph: its own and earlier strata). */
    static View viewOf(Strata strata, Strata.Signatures sigs, DatasetGraph dsg, int k) {
        return new View(dsg, k == strata.top ? null : t -> sigs.visibleIn(k, t));
    }

    /** The view of what stratum {@code k} starts from (earlier strata only). */
    static View inputOf(Strata strata, Strata.Signatures sigs, DatasetGraph dsg, int k) {
        return new View(dsg, t -> sigs.stratumOf(t) < k);
    }

    /**
     * One stratum to its fixpoint. Every rule runs once over all the data, in the order results flow
     * (a rule before those that read what it derives); then, as long as any rule has not joined
     * every triple derived since its last run, it runs again through its delta variants, over those
     * triples only ({@link TripleLog}).
     */
    private void runStratum(int k) {
        signatures.start(k, inputOf(strata, signatures, dsg, k));
        View view = viewOf(strata, signatures, dsg, k);
        List<Rule> rules = naive ? strata.byStratum.get(k) : signatures.order(k);
        TripleLog log = new TripleLog();
        Map<Rule, Integer> joined = new HashMap<>();
        int passes = 0;
        boolean again = true;
        while (again) {
            passes++;
            long t0 = System.nanoTime();
            int before = log.size();
            for (Rule r : rules) {
                Integer from = joined.get(r);
                int to = log.size();
                if (from != null && from == to)
                    continue;
                joined.put(r, to);
                if (from == null || naive) {
                    fire(r, r.pattern, view, log);
                    continue;
                }
                TripleLog.Range delta = log.range(from, to);
                Map<List<Object>, Set<Node>> guards = new HashMap<>();
                view.link(DeltaRewrite.DELTA, delta);
                for (DeltaRewrite.Variant v : r.variants) {
                    Op op = variantOp(v, delta, view, guards);
                    if (op != null)
                        fire(r, op, view, log);
                }
                view.unlink(DeltaRewrite.DELTA);
            }
            if (LOG.isDebugEnabled())
                LOG.debug("stratum {} pass {}: {} new triple(s) in {} ms", k, passes, log.size() - before,
                          (System.nanoTime() - t0) / 1_000_000);
            again = rules.stream().anyMatch(r -> joined.get(r) < log.size());
        }
        rounds += passes;
    }

    /**
     * The algebra of a delta variant for {@code delta}, or null when its delta pattern cannot match
     * (its predicate or class is not among the delta's). A pattern with a variable predicate
     * guarded by a schema pattern ({@code ?x ?p ?y} with {@code ?p rdfs:domain ?c}) reads only the
     * delta triples of the predicates the guard allows.
     */
    static Op variantOp(DeltaRewrite.Variant v, TripleLog.Delta delta, View view, Map<List<Object>, Set<Node>> guards) {
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

    /**
     * Evaluate one pattern (the rule's, or a delta variant); add its conclusions that the stratum
     * does not see yet to {@code fresh} as they come; then write them into the inferred graph (after
     * the evaluation: TDB2 iterators do not survive a write). Nothing is held per solution but the
     * compact log (and, for a whole rule on TDB2, the node ids of the solutions concluded).
     */
    private void fire(Rule r, Op op, View view, TripleLog fresh) {
        long t0 = System.nanoTime();
        int start = fresh.size();
        long[] candidates = {0};
        Consumer<Triple> check = t -> {
            candidates[0]++;
            if (!fresh.contains(t) && !view.holds(t))
                fresh.add(t);
        };
        try {
            // a whole rule over a TDB2 store: on TDB2's own engine (node ids, the store's indexes);
            // what the view shows is, from scratch, the store's named graphs but META and JOURNAL
            if (op == r.pattern && tdbStore != null && r.nativeSafe) {
                // solutions that bind the template's variables to the same node ids conclude the
                // same triples: concluded once, without decoding the terms again (prp-dom: 2.27 M
                // solutions, 471 k distinct at 1M)
                LongTuples seen = new LongTuples(r.templateVars.size());
                long[] ids = new long[r.templateVars.size()];
                Eval.forEachNative(op, tdbStore, NOT_IN_VIEW, b -> {
                    if (!nodeIds(b, r.templateVars, ids) || seen.add(ids))
                        conclude(r, b, check);
                });
            }
            else
                Eval.forEach(op, view, b -> conclude(r, b, check));
        } catch (DeriveException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DeriveException(r.file + ": " + e.getMessage(), e);
        }
        long t1 = System.nanoTime();
        int end = fresh.size();
        // in subject order: the indexes' pages are visited in turn, not at random (about 1.4×
        // faster than the order found, measured on TDB2 at 1M)
        for (int pos : fresh.inTermOrder(start, end)) {
            Triple t = fresh.get(pos);
            dsg.add(INFERRED, t.getSubject(), t.getPredicate(), t.getObject());
            written.accept(t);
        }
        long t2 = System.nanoTime();
        evalNanos += t1 - t0;
        writeNanos += t2 - t1;
        int found = end - start;
        counts.get(r.name)[0] += found;
        derived += found;
        long[] n = nanos.get(r.name);
        n[0] += t1 - t0;
        n[1] += t2 - t1;
        n[2] += candidates[0];
    }

    /**
     * Puts into {@code ids} the node ids {@code b} binds {@code vars} to; false when it is not a
     * TDB2 solution that binds each by id.
     */
    private static boolean nodeIds(Binding b, List<Var> vars, long[] ids) {
        if (!(b instanceof BindingTDB tb))
            return false;
        for (int i = 0; i < ids.length; i++) {
            NodeId id = tb.getNodeId(vars.get(i));
            if (id == null)
                return false;
            ids[i] = asLong(id);
        }
        return true;
    }

    /** A node id as the 64 bits TDB2 stores. */
    private static long asLong(NodeId id) {
        if (id.isPtr())
            return id.getPtrLocation();
        byte[] b = new byte[Long.BYTES];
        NodeIdFactory.set(id, b);
        return Bytes.getLong(b, 0);
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
