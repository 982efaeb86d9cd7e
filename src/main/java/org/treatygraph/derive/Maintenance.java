package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.path.P_Alt;
import org.apache.jena.sparql.path.P_Inverse;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.sparql.path.P_ZeroOrMore1;
import org.apache.jena.sparql.path.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treatygraph.load.Change;

/**
 * Brings the inferred graph up to date after a change of the asserted graphs, inside the write
 * transaction, stratum by stratum, with DRed (delete and re-derive, Gupta, Mumick and
 * Subrahmanian 1993) extended to the scoped patterns of SPARQL rules:
 *
 * <ol>
 * <li><b>Over-delete</b>, in the state before the change: every derived triple of the stratum
 *     that has a derivation touched by the change — a visible pattern matching a removed triple,
 *     or a scoped pattern (NOT EXISTS, OPTIONAL, MINUS, GRAPH, path) whose result may differ for
 *     its key — and, semi-naively, everything derived from those.</li>
 * <li>Delete them.</li>
 * <li><b>Re-derive</b> those that still have a derivation in the new state (one step, the rule
 *     evaluated with the triple's values), and the removed input triples that the stratum can
 *     derive now.</li>
 * <li><b>Insert</b>, semi-naively, from the re-derived triples, the added input triples, and the
 *     solutions of the rules for the keys of changed scoped patterns, in the new state.</li>
 * </ol>
 *
 * The net change of a stratum's derived triples is part of the change the next stratum sees.
 * A rule whose scoped part cannot be analysed (an aggregate, LIMIT…) is evaluated whole, before
 * and after, when data it reads there changes. When the change alters what a stratum derives
 * (its signatures: e.g. a new sub-property), this gives up ({@link Fallback}) and the caller
 * derives from scratch.
 */
final class Maintenance {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    private static final Node INFERRED = Engine.INFERRED;

    /** This change alters the signatures of a stratum: derive from scratch. */
    static final class Fallback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fallback(String message) {
            super(message, null, false, false);
        }
    }

    private final Strata strata;
    private final DatasetGraph dsg;
    private final Set<Quad> quadsAdded, quadsRemoved;
    private final Strata.Signatures now, before;
    /** The inferred graph's net change. */
    private final Set<Triple> inferredAdded = new HashSet<>(), inferredRemoved = new HashSet<>();
    private final Map<String, long[]> evaluations = new LinkedHashMap<>();
    private long evaluationsRun;

    Maintenance(Strata strata, DatasetGraph dsg, Change change) {
        this.strata = strata;
        this.dsg = dsg;
        this.quadsAdded = change.added();
        this.quadsRemoved = change.removed();
        this.now = strata.new Signatures();
        this.before = strata.new Signatures();
    }

    long added() {
        return inferredAdded.size();
    }

    long removed() {
        return inferredRemoved.size();
    }

    /** Undo what this update wrote into the inferred graph (before deriving from scratch instead). */
    void revert() {
        inferredAdded.forEach(t -> dsg.delete(INFERRED, t.getSubject(), t.getPredicate(), t.getObject()));
        inferredRemoved.forEach(t -> dsg.add(INFERRED, t.getSubject(), t.getPredicate(), t.getObject()));
        inferredAdded.clear();
        inferredRemoved.clear();
    }

    long evaluations() {
        return evaluationsRun;
    }

    void run() {
        // the change of the asserted union (a triple added to one graph while another states it is no change)
        Set<Triple> plus = new LinkedHashSet<>(), minus = new LinkedHashSet<>();
        View asserted = new View(dsg, t -> false);
        Set<Triple> removedTriples = new HashSet<>();
        quadsRemoved.forEach(q -> removedTriples.add(q.asTriple()));
        for (Set<Quad> side : List.of(quadsAdded, quadsRemoved)) {
            for (Quad q : side) {
                Triple t = q.asTriple();
                if (plus.contains(t) || minus.contains(t))
                    continue;
                List<Node> graphs = asserted.assertedGraphs(t);
                boolean wasIn = removedTriples.contains(t);
                for (Node g : graphs)
                    wasIn |= !quadsAdded.contains(Quad.create(g, t));
                boolean nowIn = !graphs.isEmpty();
                if (nowIn && !wasIn)
                    plus.add(t);
                else if (wasIn && !nowIn)
                    minus.add(t);
            }
        }
        for (int k : strata.byStratum.keySet()) {
            Set<Triple>[] next = stratum(k, plus, minus);
            plus = next[0];
            minus = next[1];
        }
    }

    // ------------------------------------------------------------------ one stratum

    /** Maintain stratum {@code k} for the change {@code plus}/{@code minus} of its input; returns the change of its output. */
    @SuppressWarnings("unchecked")
    private Set<Triple>[] stratum(int k, Set<Triple> plus, Set<Triple> minus) {
        long t0 = System.nanoTime();
        evaluations.clear();
        List<Rule> rules = strata.byStratum.get(k);
        View inputNow = Engine.inputOf(strata, now, dsg, k);
        View inputBefore = Engine.inputOf(strata, before, dsg, k)
            .overlay(plus, minus, quadsAdded, quadsRemoved);
        Strata.SigSet sigNow = now.start(k, inputNow);
        Strata.SigSet sigBefore = before.start(k, inputBefore);
        if (!sigNow.equals(sigBefore))
            throw new Fallback("what stratum " + Strata.pad(k) + " derives changes");

        View P = Engine.viewOf(strata, now, dsg, k);
        // the state before: what the input gained is hidden (unless the stratum had derived it), what it lost shown
        Set<Triple> hidden = new HashSet<>(), moved = new HashSet<>();
        for (Triple t : plus) {
            if (mine(k, t))
                moved.add(t);
            else
                hidden.add(t);
        }
        View O = P.overlay(hidden, minus, quadsAdded, quadsRemoved);
        View U = P.overlay(Set.of(), minus, Set.of(), quadsRemoved);
        DeltaGraph plusDelta = new DeltaGraph(plus), minusDelta = new DeltaGraph(minus);

        // keys of the scoped patterns the change touches, per rule
        Map<Rule, Set<Binding>> keys = new LinkedHashMap<>();
        for (Rule r : rules) {
            Set<Binding> ks = keys(r, plus, minus, U);
            if (!ks.isEmpty())
                keys.put(r, ks);
        }

        long tKeys = System.nanoTime();
        // 1. over-delete, in the state before
        Set<Triple> od = new LinkedHashSet<>();
        List<Triple> wave = new ArrayList<>();
        java.util.function.Consumer<Triple> overDelete = t -> {
            if (!od.contains(t) && !plus.contains(t) && mine(k, t)) {
                od.add(t);
                wave.add(t);
            }
        };
        for (Rule r : rules) {
            O.link(DeltaRewrite.DELTA, minusDelta);
            for (DeltaRewrite.Variant v : r.variants) {
                Op op = Engine.variantOp(v, minusDelta, O, new HashMap<>());
                if (op != null)
                    conclusions(r, op, O, overDelete);
            }
            O.unlink(DeltaRewrite.DELTA);
            Set<Binding> ks = keys.get(r);
            if (ks != null)
                for (Op op : Eval.withKeysByDomain(ks, r.pattern))
                    conclusions(r, op, O, overDelete);
        }
        while (!wave.isEmpty()) {
            DeltaGraph delta = new DeltaGraph(wave);
            wave.clear();
            O.link(DeltaRewrite.DELTA, delta);
            Map<List<Object>, Set<Node>> guards = new HashMap<>();
            for (Rule r : rules)
                for (DeltaRewrite.Variant v : r.variants) {
                    Op op = Engine.variantOp(v, delta, O, guards);
                    if (op != null)
                        conclusions(r, op, O, overDelete);
                }
            O.unlink(DeltaRewrite.DELTA);
        }

        long tOver = System.nanoTime();
        // 2. delete
        Set<Triple> iPlus = new LinkedHashSet<>(), iMinus = new LinkedHashSet<>();
        for (Triple t : od) {
            removeInferred(t);
            iMinus.add(t);
        }

        // 3. re-derive: what was over-deleted, and what the input lost, if the stratum derives it now
        Set<Triple> gone = new LinkedHashSet<>(od);
        gone.addAll(minus);
        View lookups = P.overlay(hidden, union(minus, od), quadsAdded, quadsRemoved);
        DeltaGraph fresh = new DeltaGraph();
        Set<Triple> targets = new LinkedHashSet<>();
        for (Triple t : gone)
            if (!P.holds(t))
                targets.add(t);
        for (Triple t : derivable(rules, targets, P, lookups)) {
            addInferred(t);
            record(t, iPlus, iMinus);
            fresh.put(t);
        }

        long tRe = System.nanoTime();
        // 4. insert, in the new state
        for (Rule r : rules) {
            P.link(DeltaRewrite.DELTA, plusDelta);
            for (DeltaRewrite.Variant v : r.variants) {
                Op op = Engine.variantOp(v, plusDelta, P, new HashMap<>());
                if (op != null)
                    insert(r, op, P, iPlus, iMinus, fresh);
            }
            P.unlink(DeltaRewrite.DELTA);
            Set<Binding> ks = keys.get(r);
            if (ks != null)
                for (Op op : Eval.withKeysByDomain(ks, r.pattern))
                    insert(r, op, P, iPlus, iMinus, fresh);
        }
        while (!fresh.isEmptyDelta()) {
            DeltaGraph delta = fresh;
            fresh = new DeltaGraph();
            P.link(DeltaRewrite.DELTA, delta);
            Map<List<Object>, Set<Node>> guards = new HashMap<>();
            for (Rule r : rules)
                for (DeltaRewrite.Variant v : r.variants) {
                    Op op = Engine.variantOp(v, delta, P, guards);
                    if (op != null)
                        insert(r, op, P, iPlus, iMinus, fresh);
                }
            P.unlink(DeltaRewrite.DELTA);
        }

        long tIns = System.nanoTime();
        // 5. what the stratum had derived and is now asserted leaves the inferred graph
        for (Triple t : moved) {
            removeInferred(t);
            record(t, iMinus, iPlus);
        }

        // the change of the stratum's output: input ⊎ derived, before and after
        Set<Triple> nextPlus = new LinkedHashSet<>(), nextMinus = new LinkedHashSet<>();
        Set<Triple> candidates = new LinkedHashSet<>(plus);
        candidates.addAll(minus);
        candidates.addAll(iPlus);
        candidates.addAll(iMinus);
        for (Triple t : candidates) {
            boolean fNow = inputNow.holds(t);
            boolean fBefore = minus.contains(t) || (fNow && !plus.contains(t));
            boolean iNow = mine(k, t);
            boolean iBefore = iMinus.contains(t) || (iNow && !iPlus.contains(t));
            boolean was = fBefore || iBefore, is = fNow || iNow;
            if (is && !was)
                nextPlus.add(t);
            else if (was && !is)
                nextMinus.add(t);
        }
        if (LOG.isDebugEnabled())
            LOG.debug("stratum {}: input +{} -{}, over-deleted {}, derived +{} -{}; keys {} ms, over-delete {} ms,"
                      + " re-derive {} ms, insert {} ms; per rule {}", Strata.pad(k), plus.size(),
                      minus.size(), od.size(), iPlus.size(), iMinus.size(), (tKeys - t0) / 1_000_000,
                      (tOver - tKeys) / 1_000_000, (tRe - tOver) / 1_000_000, (tIns - tRe) / 1_000_000, evaluationsPerRule());
        return new Set[] {nextPlus, nextMinus};
    }

    /** Whether the inferred graph holds {@code t} as a triple of stratum {@code k}. */
    private boolean mine(int k, Triple t) {
        return now.stratumOf(t) == k && dsg.contains(INFERRED, t.getSubject(), t.getPredicate(), t.getObject());
    }

    private void insert(Rule r, Op op, View P, Set<Triple> iPlus, Set<Triple> iMinus, DeltaGraph fresh) {
        Set<Triple> found = new LinkedHashSet<>();
        conclusions(r, op, P, t -> {
            if (!found.contains(t) && !P.holds(t))
                found.add(t);
        });
        for (Triple t : found) {
            if (P.holds(t))
                continue;
            addInferred(t);
            record(t, iPlus, iMinus);
            fresh.put(t);
        }
    }

    /** {@code t} joined {@code into}; if it had left it ({@code from}) in this update, that cancels out. */
    private static void record(Triple t, Set<Triple> into, Set<Triple> from) {
        if (!from.remove(t))
            into.add(t);
    }

    private void addInferred(Triple t) {
        dsg.add(INFERRED, t.getSubject(), t.getPredicate(), t.getObject());
        record(t, inferredAdded, inferredRemoved);
    }

    private void removeInferred(Triple t) {
        dsg.delete(INFERRED, t.getSubject(), t.getPredicate(), t.getObject());
        record(t, inferredRemoved, inferredAdded);
    }

    private static Set<Triple> union(Set<Triple> a, Set<Triple> b) {
        Set<Triple> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** The conclusions of every solution of {@code op} (evaluated completely before any write). */
    private void conclusions(Rule r, Op op, View view, java.util.function.Consumer<Triple> each) {
        evaluationsRun++;
        long t0 = System.nanoTime();
        List<Triple> out = new ArrayList<>();
        try {
            Eval.forEach(op, view, b -> Engine.conclude(r, b, out::add));
        } catch (RuntimeException e) {
            throw new DeriveException(r.file + ": " + e.getMessage(), e);
        }
        evaluations.computeIfAbsent(r.name, x -> new long[2])[1] += System.nanoTime() - t0;
        evaluations.get(r.name)[0]++;
        if (LOG.isTraceEnabled() && System.nanoTime() - t0 > 5_000_000)
            LOG.trace("{}: {} ms for {}", r.name, (System.nanoTime() - t0) / 1_000_000, op);
        out.forEach(each);
    }

    // ------------------------------------------------------------------ re-derivation

    /**
     * Which of {@code targets} a rule of the stratum derives in {@code view} (one step): each rule
     * evaluated once, for the values of the variables that the derivations of the targets bind
     * ({@link TemplateJoin}, looked up in the state before, where those derivations held).
     */
    private Set<Triple> derivable(List<Rule> rules, Set<Triple> targets, View view, View lookups) {
        Set<Triple> yes = new LinkedHashSet<>();
        if (targets.isEmpty())
            return yes;
        for (Rule r : rules) {
            long t0 = System.nanoTime();
            Set<Binding> rows = new LinkedHashSet<>();
            boolean any = false;
            targets:
            for (Triple t : targets) {
                if (yes.contains(t))
                    continue;
                for (Triple tt : r.template) {
                    Binding mu = Shape.unify(tt, t, null, null);
                    if (mu == null)
                        continue;
                    any = true;
                    rows.addAll(TemplateJoin.candidates(r, mu, lookups));
                    if (rows.contains(BindingFactory.empty()))
                        break targets;           // the rule is evaluated whole anyway
                }
            }
            if (!any || rows.isEmpty())
                continue;
            if (rows.contains(BindingFactory.empty()))
                rows = Set.of(BindingFactory.empty());
            for (Op op : Eval.withKeysByDomain(rows, r.pattern)) {
                evaluationsRun++;
                Eval.forEach(op, view, b -> Engine.conclude(r, b, t -> {
                    if (targets.contains(t))
                        yes.add(t);
                }));
            }
            evaluations.computeIfAbsent(r.name, x -> new long[2])[1] += System.nanoTime() - t0;
            if (LOG.isTraceEnabled() && System.nanoTime() - t0 > 5_000_000)
                LOG.trace("re-derive by {}: {} ms, {} candidate binding(s)", r.name, (System.nanoTime() - t0) / 1_000_000, rows.size());
        }
        return yes;
    }

    // ------------------------------------------------------------------ keys

    /**
     * The keys of {@code r}'s scoped patterns that the change touches: bindings of variables the
     * rule binds in every solution, such that every solution whose scoped parts may evaluate
     * differently before and after the change agrees with one of them. The empty binding stands
     * for all solutions (the rule is then evaluated whole).
     */
    private Set<Binding> keys(Rule r, Set<Triple> plus, Set<Triple> minus, View U) {
        Set<Binding> out = new LinkedHashSet<>();
        for (Shape.Atom a : r.shape.scopedAtoms()) {
            List<Binding> start = a.readsAssertedOnly() ? quadBindings(a) : tripleBindings(a, plus, minus, U);
            if (start == null) {
                out.add(BindingFactory.empty());
                return out;
            }
            if (start.isEmpty())
                continue;
            if (a.scopes().stream().anyMatch(s -> s.skeleton() == null)) {
                out.add(BindingFactory.empty());
                return out;
            }
            Set<Binding> bindings = new LinkedHashSet<>(start);
            java.util.function.Predicate<Op> inner = op -> Shape.holdsAtom(op, a);
            for (int i = a.scopes().size() - 1; i >= 0 && !bindings.isEmpty(); i--) {
                Shape.Scope s = a.scopes().get(i);
                // the solutions that use the changed triple come from the UNION branches that hold it
                Op skeleton = Shape.skeleton(Shape.branchesHolding(s.op(), inner));
                if (skeleton == null)
                    skeleton = s.skeleton();
                Set<Binding> next = new LinkedHashSet<>();
                evaluationsRun++;
                for (Op op : Eval.withKeysByDomain(bindings, skeleton))
                    Eval.forEach(op, U, b -> next.add(Eval.project(b, s.keyVars())));
                bindings = next;
                Op scopeOp = s.op();
                inner = op -> op.equals(scopeOp);
            }
            int before = out.size();
            for (Binding b : bindings)
                out.add(Eval.project(b, r.shape.fixed));
            if (LOG.isDebugEnabled())
                LOG.debug("keys of {}: {} changed match(es) of {} give {} key(s), e.g. {}", r.name, start.size(), a,
                          out.size() - before, bindings.stream().limit(3).toList());
            if (out.contains(BindingFactory.empty()))
                return Set.of(BindingFactory.empty());
        }
        return out;
    }

    /** The bindings of a pattern of the default graph for each changed triple it matches (null: cannot say). */
    private static List<Binding> tripleBindings(Shape.Atom a, Set<Triple> plus, Set<Triple> minus, View U) {
        List<Binding> out = new ArrayList<>();
        if (a.triple() != null) {
            for (Set<Triple> side : List.of(plus, minus))
                for (Triple t : side) {
                    Binding b = Shape.unify(a.triple(), t, null, null);
                    if (b != null)
                        out.add(b);
                }
            return out;
        }
        return pathBindings(a.path(), null, null, plus, minus, U);
    }

    /** The same for a pattern inside GRAPH, from the changed quads. */
    private List<Binding> quadBindings(Shape.Atom a) {
        List<Binding> out = new ArrayList<>();
        Node g = a.graph();
        for (Set<Quad> side : List.of(quadsAdded, quadsRemoved))
            for (Quad q : side) {
                if (g.isURI() && !g.equals(q.getGraph()))
                    continue;
                if (a.triple() != null) {
                    Binding b = Shape.unify(a.triple(), q.asTriple(), g.isVariable() ? g : null, q.getGraph());
                    if (b != null)
                        out.add(b);
                }
            }
        if (a.path() != null) {
            Set<Triple> plus = new HashSet<>(), minus = new HashSet<>();
            quadsAdded.forEach(q -> plus.add(q.asTriple()));
            quadsRemoved.forEach(q -> minus.add(q.asTriple()));
            // a path inside GRAPH: reach over the union (an over-approximation of the graph's own)
            return pathBindings(a.path(), g.isVariable() ? Var.alloc(g) : null, null, plus, minus, null);
        }
        return out;
    }

    /**
     * A property path {@code S path O} and a changed triple that is one of its steps a→b: every
     * solution that uses the step has S among the nodes that reach a (or, for a constant S, O
     * among the nodes b reaches). Null when the path reads any predicate.
     */
    private static List<Binding> pathBindings(TriplePath tp, Var graphVar, Node graph, Set<Triple> plus,
                                              Set<Triple> minus, View U) {
        Set<List<Object>> steps = Shape.steps(tp.getPath());
        if (steps == null)
            return null;
        Path closure = null;
        for (List<Object> st : steps) {
            Path link = new P_Link((Node) st.get(0));
            Path step = (Boolean) st.get(1) ? new P_Inverse(link) : link;
            closure = closure == null ? step : new P_Alt(closure, step);
        }
        closure = new P_ZeroOrMore1(closure);
        Node s = tp.getSubject(), o = tp.getObject();
        List<Binding> out = new ArrayList<>();
        Set<Node> starts = new LinkedHashSet<>();
        for (Set<Triple> side : List.of(plus, minus))
            for (Triple t : side)
                for (List<Object> st : steps) {
                    if (!st.get(0).equals(t.getPredicate()))
                        continue;
                    boolean inverse = (Boolean) st.get(1);
                    Node from = inverse ? t.getObject() : t.getSubject(), to = inverse ? t.getSubject() : t.getObject();
                    starts.add(s.isVariable() ? from : to);
                }
        if (starts.isEmpty())
            return out;
        if (!s.isVariable() && !o.isVariable()) {
            out.add(BindingFactory.empty());
            return out;
        }
        if (U == null) {
            out.add(BindingFactory.empty());
            return out;
        }
        Var v = Var.alloc(s.isVariable() ? s : o);
        Var x = Var.alloc("__x");
        for (Node start : starts) {
            TriplePath reach = s.isVariable() ? new TriplePath(x, closure, start) : new TriplePath(start, closure, x);
            Eval.forEach(new OpPath(reach), U, b -> out.add(BindingFactory.binding(v, b.get(x))));
        }
        return out;
    }

    /** For logs: evaluations per rule. */
    Map<String, Long> evaluationsPerRule() {
        Map<String, Long> m = new LinkedHashMap<>();
        evaluations.forEach((k, v) -> m.put(k, v[1] / 1_000_000));
        return m;
    }

}
