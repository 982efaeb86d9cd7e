package org.treatygraph.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * The net effect of a write on the asserted graphs: the quads it added and the quads it
 * removed (disjoint; a quad added then removed in one write is in neither). Only quads that
 * really changed the data are recorded: adding a quad that was there, or removing one that was
 * not, is no change. This is what validation checks, what inference starts from, and what the
 * journal keeps.
 */
public final class Change {
    private final Set<Quad> added = new LinkedHashSet<>();
    private final Set<Quad> removed = new LinkedHashSet<>();

    /** A quad that was not in the data is now in it. */
    public void added(Quad q) {
        if (!removed.remove(q))
            added.add(q);
    }

    /** A quad that was in the data is no longer in it. */
    public void removed(Quad q) {
        if (!added.remove(q))
            removed.add(q);
    }

    public Set<Quad> added() {
        return Collections.unmodifiableSet(added);
    }

    public Set<Quad> removed() {
        return Collections.unmodifiableSet(removed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }

    public int size() {
        return added.size() + removed.size();
    }

    /** The graphs the change touches. */
    public Set<Node> graphs() {
        Set<Node> g = new LinkedHashSet<>();
        added.forEach(q -> g.add(q.getGraph()));
        removed.forEach(q -> g.add(q.getGraph()));
        return g;
    }

    /** Subjects and (non-literal) objects of every changed quad: the nodes whose description changed. */
    public Set<Node> nodes() {
        Set<Node> n = new HashSet<>();
        for (Set<Quad> side : List.of(added, removed)) {
            for (Quad q : side) {
                n.add(q.getSubject());
                if (!q.getObject().isLiteral())
                    n.add(q.getObject());
            }
        }
        return n;
    }

    /** Apply to {@code dsg} (the caller holds its write transaction). */
    public void applyTo(DatasetGraph dsg) {
        removed.forEach(dsg::delete);
        added.forEach(dsg::add);
    }

    /** Undo on {@code dsg}: the state before the change. */
    public void revert(DatasetGraph dsg) {
        added.forEach(dsg::delete);
        removed.forEach(dsg::add);
    }

    /** This change followed by {@code next}, as one net change. */
    public Change then(Change next) {
        Change c = copy();
        next.removed.forEach(c::removed);
        next.added.forEach(c::added);
        return c;
    }

    public Change copy() {
        Change c = new Change();
        c.added.addAll(added);
        c.removed.addAll(removed);
        return c;
    }

    /**
     * What turns the asserted graphs of {@code from} into those of {@code to}: graph by graph,
     * the quads only one of them holds. The pipeline's own graphs are left out.
     */
    public static Change between(DatasetGraph from, DatasetGraph to) {
        Change c = new Change();
        Set<Node> graphs = new LinkedHashSet<>();
        from.listGraphNodes().forEachRemaining(graphs::add);
        to.listGraphNodes().forEachRemaining(graphs::add);
        for (Node g : graphs) {
            if (Graphs.isReserved(g) || Quad.isDefaultGraph(g))
                continue;
            // Quads with blank nodes: a parse gives new blank nodes each time, so they are compared as a
            // graph (isomorphism) and replaced only when they differ.
            Graph oldBlank = GraphMemFactory.createDefaultGraph(), newBlank = GraphMemFactory.createDefaultGraph();
            List<Quad> oldBlankQuads = new ArrayList<>(), newBlankQuads = new ArrayList<>();
            for (Iterator<Quad> it = from.find(g, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); ) {
                Quad q = it.next();
                if (hasBlank(q)) {
                    oldBlank.add(q.asTriple());
                    oldBlankQuads.add(q);
                } else if (!to.contains(q))
                    c.removed.add(q);
            }
            for (Iterator<Quad> it = to.find(g, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); ) {
                Quad q = it.next();
                if (hasBlank(q)) {
                    newBlank.add(q.asTriple());
                    newBlankQuads.add(q);
                } else if (!from.contains(q))
                    c.added.add(q);
            }
            if (!oldBlank.isIsomorphicWith(newBlank)) {
                c.removed.addAll(oldBlankQuads);
                c.added.addAll(newBlankQuads);
            }
        }
        return c;
    }

    private static boolean hasBlank(Quad q) {
        return q.getSubject().isBlank() || q.getObject().isBlank();
    }

    @Override
    public String toString() {
        return "+" + added.size() + " -" + removed.size();
    }
}
