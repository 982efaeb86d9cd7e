package org.treatygraph.load;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphReadOnly;
import org.apache.jena.sparql.graph.GraphZero;

/**
 * The asserted part of a dataset, read-only: every named graph but the ones the pipeline writes
 * (inferred, meta), with a default graph that is the union of those graphs — what the checks and
 * SHACL see, whether the dataset is the in-memory parse of the files or TDB2 inside a write
 * transaction (then it shows the transaction's own state). The graph names are taken when the
 * view is made.
 */
final class AssertedView extends DatasetGraphWrapper {
    private final List<Node> names;
    private final java.util.Set<Node> nameSet;

    private AssertedView(DatasetGraph base, List<Node> names) {
        super(base);
        this.names = names;
        this.nameSet = new java.util.HashSet<>(names);
    }

    static AssertedView of(DatasetGraph base) {
        List<Node> names = new ArrayList<>();
        base.listGraphNodes().forEachRemaining(g -> {
            if (!Graphs.isReserved(g) && !Quad.isDefaultGraph(g))
                names.add(g);
        });
        return new AssertedView(base, List.copyOf(names));
    }

    /** The asserted graphs. */
    List<Node> graphNames() {
        return names;
    }

    /** The union of the asserted graphs. */
    Graph union() {
        return new AssertedUnion(get());
    }

    @Override public Graph getDefaultGraph() { return union(); }
    @Override public Graph getUnionGraph()   { return union(); }

    @Override public Graph getGraph(Node g) {
        if (Quad.isDefaultGraph(g) || Quad.isUnionGraph(g))
            return union();
        return nameSet.contains(g) ? new GraphReadOnly(get().getGraph(g)) : GraphZero.instance();
    }

    @Override public boolean containsGraph(Node g) {
        return Quad.isDefaultGraph(g) || Quad.isUnionGraph(g) || nameSet.contains(g);
    }

    @Override public Iterator<Node> listGraphNodes() { return names.iterator(); }

    @Override public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
        if (g != null && g.isConcrete() && (Quad.isDefaultGraph(g) || Quad.isUnionGraph(g)))
            return Iter.map(union().find(s, p, o), t -> Quad.create(Quad.defaultGraphIRI, t));
        return Iter.filter(get().find(g, s, p, o), q -> nameSet.contains(q.getGraph()));
    }

    @Override public Iterator<Quad> find() { return find(Node.ANY, Node.ANY, Node.ANY, Node.ANY); }
    @Override public Iterator<Quad> find(Quad q) { return find(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()); }

    @Override public Iterator<Quad> findNG(Node g, Node s, Node p, Node o) {
        return Iter.filter(get().findNG(g, s, p, o), q -> nameSet.contains(q.getGraph()));
    }

    @Override public boolean contains(Node g, Node s, Node p, Node o) { return find(g, s, p, o).hasNext(); }
    @Override public boolean contains(Quad q) { return find(q).hasNext(); }
    @Override public boolean isEmpty() { return !find().hasNext(); }
    @Override public long size() { return names.size(); }

    @Override public void add(Quad q) { throw readOnly(); }
    @Override public void delete(Quad q) { throw readOnly(); }
    @Override public void add(Node g, Node s, Node p, Node o) { throw readOnly(); }
    @Override public void delete(Node g, Node s, Node p, Node o) { throw readOnly(); }
    @Override public void deleteAny(Node g, Node s, Node p, Node o) { throw readOnly(); }
    @Override public void clear() { throw readOnly(); }
    @Override public void addGraph(Node g, Graph graph) { throw readOnly(); }
    @Override public void removeGraph(Node g) { throw readOnly(); }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("the asserted view is read-only");
    }
}
