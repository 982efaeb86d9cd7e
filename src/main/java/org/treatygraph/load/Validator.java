package org.treatygraph.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Everything a write is checked against: the SHACL shapes (ontology/shapes.ttl) and the checks
 * (ontology/checks/*-violation.rq), over the asserted data only. Two ways:
 * <ul>
 * <li>{@link #all}: every finding in the data (a build from files, {@code validate});</li>
 * <li>{@link #introduced}: only the findings a change brings — SHACL on the nodes whose
 * description the change touched (and the nodes that point at them), every check; a finding
 * that was already there before the change is not the change's fault and does not refuse it.</li>
 * </ul>
 */
final class Validator {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Validator.class);
    /** Above this many touched nodes, SHACL validates the whole data (faster than node by node). */
    private static final int NODE_BY_NODE_LIMIT = 2_000;

    private final Shapes shapes;
    private final Checks checks;

    private Validator(Shapes shapes, Checks checks) {
        this.shapes = shapes;
        this.checks = checks;
    }

    /** The project's shapes and checks, read now. */
    static Validator of(Project project) {
        return new Validator(Validation.shapes(project), Checks.load(project, project.checksDir()));
    }

    boolean hasShapes() {
        return shapes != null;
    }

    /** Every finding of the shapes and checks in the asserted graphs of {@code data}, in report order. */
    List<Problem> all(DatasetGraph data, Locations where, PrefixMapping prefixes) {
        AssertedView view = AssertedView.of(data);
        List<Problem> out = new ArrayList<>(Validation.all(shapes, view.union(), where, prefixes));
        out.addAll(checks.run(view, where, prefixes));
        out.sort(Problem.ORDER);
        return out;
    }

    /**
     * Every finding of the shapes and checks in {@code store}, a TDB2 store (inside the caller's
     * transaction) that holds asserted graphs only: SHACL over TDB2's union graph and the checks
     * with TDB2's own query engine (what {@link #all} gives on the same data, without the view).
     */
    List<Problem> allOnAssertedStore(DatasetGraph store, Locations where, PrefixMapping prefixes) {
        for (String reserved : List.of(Graphs.INFERRED, Graphs.META))
            if (store.find(Graphs.node(reserved), Node.ANY, Node.ANY, Node.ANY).hasNext())
                throw new IllegalStateException("the store holds the reserved graph <" + reserved + ">");
        long t0 = System.nanoTime();
        List<Problem> out = new ArrayList<>(Validation.all(shapes, store.getUnionGraph(), where, prefixes));
        long t1 = System.nanoTime();
        out.addAll(checks.runOnAssertedStore(store, where, prefixes));
        LOG.debug("SHACL {} ms, checks {} ms", (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        out.sort(Problem.ORDER);
        return out;
    }

    /**
     * The findings that {@code change}, already applied to {@code data}, brings: those of the data
     * after it that the data before it did not have. {@code data} must be writable (the caller's
     * write transaction, or memory): to compare, the change is reverted and re-applied in place.
     */
    List<Problem> introduced(DatasetGraph data, Change change, Locations where, PrefixMapping prefixes) {
        if (change.isEmpty())
            return List.of();
        Set<Node> focus = touched(data, change);
        Set<Node> scope = scope(change);
        List<Problem> after = run(data, focus, scope, where, prefixes);
        if (after.isEmpty())
            return after;
        List<Problem> before;
        change.revert(data);
        try {
            before = run(data, focus, scope, where, prefixes);
        } finally {
            change.applyTo(data);
        }
        Set<String> known = new HashSet<>();
        before.forEach(p -> known.add(p.key()));
        List<Problem> out = new ArrayList<>();
        for (Problem p : after)
            if (!known.contains(p.key()))
                out.add(p);
        out.sort(Problem.ORDER);
        return out;
    }

    /** Every node of the change — subjects, predicates, objects, graphs: what the checks are scoped to. */
    private static Set<Node> scope(Change change) {
        Set<Node> nodes = new LinkedHashSet<>();
        for (java.util.Set<org.apache.jena.sparql.core.Quad> side : List.of(change.added(), change.removed()))
            for (org.apache.jena.sparql.core.Quad q : side) {
                nodes.add(q.getGraph());
                nodes.add(q.getSubject());
                nodes.add(q.getPredicate());
                nodes.add(q.getObject());
            }
        return nodes;
    }

    private List<Problem> run(DatasetGraph data, Set<Node> focus, Set<Node> scope, Locations where, PrefixMapping prefixes) {
        long t0 = System.nanoTime();
        AssertedView view = AssertedView.of(data);
        List<Problem> out = new ArrayList<>(focus.size() > NODE_BY_NODE_LIMIT
            ? Validation.all(shapes, view.union(), where, prefixes)
            : Validation.nodes(shapes, view.union(), focus, where, prefixes));
        long t1 = System.nanoTime();
        out.addAll(checks.run(view, where, prefixes, scope));
        LOG.debug("SHACL on {} node(s) {} ms, checks {} ms", focus.size(), (t1 - t0) / 1_000_000,
                  (System.nanoTime() - t1) / 1_000_000);
        return out;
    }

    /** The nodes whose description a change touched, and the nodes that link to them. */
    private static Set<Node> touched(DatasetGraph data, Change change) {
        Set<Node> nodes = new LinkedHashSet<>(change.nodes());
        if (nodes.size() > NODE_BY_NODE_LIMIT)
            return nodes;
        AssertedView view = AssertedView.of(data);
        for (Node n : List.copyOf(nodes)) {
            view.find(Node.ANY, Node.ANY, Node.ANY, n).forEachRemaining(q -> nodes.add(q.getSubject()));
            if (nodes.size() > NODE_BY_NODE_LIMIT)
                break;
        }
        return nodes;
    }
}
