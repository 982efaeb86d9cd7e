package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Table;
import org.apache.jena.sparql.algebra.TableFactory;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphMapLink;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.vocabulary.RDF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixpoint: runs the rules stratum by stratum over an in-memory copy of the asserted data
 * (the union of every graph but the inferred and meta graphs), semi-naively, and collects the
 * triples that are not already there. Rules see the union (asserted + derived so far) as their
 * default graph and the asserted named graphs by name.
 */
final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final List<Rule> rules;
    /** Asserted union + everything derived so far. */
    private final Graph all = GraphMemFactory.createDefaultGraph();
    /** The derived triples, in the order found. */
    private final List<Triple> derived = new ArrayList<>();
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, long[]> nanos = new LinkedHashMap<>();
    private final DatasetGraphMapLink work = new DatasetGraphMapLink(all);
    /** Re-run every rule whole in every round (the reference semantics the semi-naive rounds must equal). */
    private final boolean naive;
    int rounds;

    Engine(List<Rule> rules) {
        this(rules, false);
    }

    Engine(List<Rule> rules, boolean naive) {
        this.rules = rules;
        this.naive = naive;
        rules.forEach(r -> counts.put(r.name, new long[1]));
        rules.forEach(r -> nanos.put(r.name, new long[1]));
    }

    /** Copy in one asserted triple. */
    void addAsserted(Triple t) {
        all.add(t);
    }

    /** Make a named graph of the source dataset visible to rules (GRAPH ?g { … }). */
    void linkNamedGraph(Node name, Graph graph) {
        work.addGraph(name, graph);
    }

    List<Triple> derived() {
        return derived;
    }

    Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k, v[0]));
        return m;
    }

    /**
     * Called with the new triples of each rule evaluation as soon as it ends: a triple is new only
     * if it is in no earlier result, and nothing is ever retracted, so each one is final.
     */
    private Consumer<List<Triple>> onNew = chunk -> {};
    private volatile boolean cancelled;

    /** Stop at the next rule evaluation (another thread gave up on the result). */
    void cancel() {
        cancelled = true;
    }

    void run(Consumer<List<Triple>> onNew) {
        this.onNew = onNew;
        run();
    }

    void run() {
        TreeMap<Integer, List<Rule>> strata = new TreeMap<>();
        rules.forEach(r -> strata.computeIfAbsent(r.stratum, k -> new ArrayList<>()).add(r));
        strata.forEach(this::runStratum);
        if (LOG.isDebugEnabled())
            nanos.forEach((rule, n) -> LOG.debug("rule {}: {} ms, {} new triple(s)", rule, n[0] / 1_000_000, counts.get(rule)[0]));
    }

    private void runStratum(int stratum, List<Rule> stratumRules) {
        // Round 1: every rule over all the data.
        long t0 = System.nanoTime();
        Graph fresh = GraphMemFactory.createDefaultGraph();
        for (Rule r : stratumRules)
            fire(r, r.pattern, fresh);
        int round = 1;
        logRound(stratum, round, fresh, t0);
        Graph delta = commit(fresh);
        // Rounds 2…: only what can use a triple of the previous round.
        while (!delta.isEmpty()) {
            round++;
            t0 = System.nanoTime();
            DeltaStats stats = new DeltaStats(delta);
            guardValues.clear();
            work.removeGraph(DeltaRewrite.DELTA);
            work.addGraph(DeltaRewrite.DELTA, delta);
            fresh = GraphMemFactory.createDefaultGraph();
            for (Rule r : stratumRules) {
                if (naive || !r.incremental()) {
                    fire(r, r.pattern, fresh);
                    continue;
                }
                for (DeltaRewrite.Variant v : r.variants) {
                    if (!stats.canMatch(v.atom()))
                        continue;
                    if (v.guard() == null) {
                        fire(r, v.op(), fresh);
                        continue;
                    }
                    // ?x ?p ?y from the delta: only the predicates that the guard (?p rdfs:domain ?c, …) allows
                    Node pv = v.atom().getPredicate();
                    Set<Node> allowed = new HashSet<>(guardValues.computeIfAbsent(List.of(v.guard(), pv), k -> guardValues(v.guard(), pv)));
                    allowed.retainAll(stats.predicates);
                    if (allowed.isEmpty())
                        continue;
                    Var p = v.predicateVar();
                    Table values = TableFactory.create(List.of(p));
                    allowed.forEach(n -> values.addBinding(BindingFactory.binding(p, n)));
                    fire(r, OpSequence.create(OpTable.create(values), v.op()), fresh);
                }
            }
            work.removeGraph(DeltaRewrite.DELTA);
            logRound(stratum, round, fresh, t0);
            delta = commit(fresh);
        }
        rounds += round;
    }

    private void logRound(int stratum, int round, Graph fresh, long t0) {
        if (LOG.isDebugEnabled())
            LOG.debug("stratum {} round {}: {} new triple(s) in {} ms", stratum, round, fresh.size(),
                      (System.nanoTime() - t0) / 1_000_000);
    }

    /** Per round: (guard, variable) → the values the guard allows. */
    private final Map<List<Object>, Set<Node>> guardValues = new HashMap<>();

    /** The values of {@code var} (subject or object of {@code guard}) that the guard pattern allows in the data. */
    private Set<Node> guardValues(Triple guard, Node var) {
        Node s = guard.getSubject(), o = guard.getObject();
        boolean atSubject = s.equals(var);
        Set<Node> values = new HashSet<>();
        all.find(s.isVariable() ? Node.ANY : s, guard.getPredicate(), o.isVariable() ? Node.ANY : o)
           .forEachRemaining(t -> values.add(atSubject ? t.getSubject() : t.getObject()));
        return values;
    }

    /** Add a round's new triples to the data; they are the next round's delta. */
    private Graph commit(Graph fresh) {
        fresh.find().forEachRemaining(t -> {
            all.add(t);
            derived.add(t);
        });
        return fresh;
    }

    /** Evaluate one pattern (the rule's, or a delta variant) and keep the new conclusions. */
    private void fire(Rule r, Op op, Graph fresh) {
        if (cancelled)
            throw new DeriveException("derivation cancelled");
        long t0 = System.nanoTime();
        long[] count = counts.get(r.name);
        QueryIterator it;
        try {
            it = Algebra.exec(op, work);
        } catch (RuntimeException e) {
            throw new DeriveException(r.file + ": " + e.getMessage(), e);
        }
        List<Triple> found = new ArrayList<>();
        try {
            while (it.hasNext()) {
                Binding b = it.next();
                for (Triple tt : r.template) {
                    Triple t = Substitute.substitute(tt, b);
                    if (!valid(t) || all.contains(t) || fresh.contains(t))
                        continue;
                    fresh.add(t);
                    found.add(t);
                    count[0]++;
                }
            }
            if (!found.isEmpty())
                onNew.accept(found);
        } catch (DeriveException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DeriveException(r.file + ": " + e.getMessage(), e);
        } finally {
            it.close();
            nanos.get(r.name)[0] += System.nanoTime() - t0;
        }
    }

    private static boolean valid(Triple t) {
        return t.isConcrete()
            && (t.getSubject().isURI() || t.getSubject().isBlank())
            && t.getPredicate().isURI();
    }

    /** Which predicates (and which rdf:type classes) a delta holds: a variant whose atom cannot match is skipped. */
    private static final class DeltaStats {
        final Set<Node> predicates = new HashSet<>();
        final Set<Node> types = new HashSet<>();

        DeltaStats(Graph delta) {
            delta.find().forEachRemaining(t -> {
                predicates.add(t.getPredicate());
                if (t.getPredicate().equals(RDF.Nodes.type))
                    types.add(t.getObject());
            });
        }

        boolean canMatch(Triple atom) {
            Node p = atom.getPredicate();
            if (p.isVariable())
                return true;
            if (!predicates.contains(p))
                return false;
            Node o = atom.getObject();
            return !(p.equals(RDF.Nodes.type) && o.isConcrete()) || types.contains(o);
        }
    }
}
