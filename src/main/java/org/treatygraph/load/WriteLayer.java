package org.treatygraph.load;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphWrapper;

/**
 * What a write from outside the pipeline (SPARQL Update, Graph Store Protocol) sees of the
 * database, inside the pipeline's write transaction: reads as the database (the default graph is
 * the union of the named graphs), writes recorded as a {@link Change} and applied — and refused
 * for the graphs that only the pipeline writes, and for the default graph (the union: name a
 * graph). Every write path goes through {@link #add}/{@link #delete}: graph views are made over
 * this layer, not over the store, so no write can pass it by.
 */
final class WriteLayer extends DatasetGraphWrapper {
    private final Change change = new Change();

    WriteLayer(DatasetGraph base) {
        super(base);
    }

    /** The net change so far. */
    Change change() {
        return change;
    }

    @Override public void add(Quad q) { add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()); }
    @Override public void delete(Quad q) { delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()); }

    @Override
    public void add(Node g, Node s, Node p, Node o) {
        Quad q = Quad.create(checkGraph(g, "insert into"), s, p, o);
        if (!get().contains(q)) {
            get().add(q);
            change.added(q);
        }
    }

    @Override
    public void delete(Node g, Node s, Node p, Node o) {
        Quad q = Quad.create(checkGraph(g, "delete from"), s, p, o);
        if (get().contains(q)) {
            get().delete(q);
            change.removed(q);
        }
    }

    @Override
    public void deleteAny(Node g, Node s, Node p, Node o) {
        if (g == null || g == Node.ANY || !g.isConcrete()) {
            // Every graph: only if none of the pipeline's graphs would lose a quad.
            for (Iterator<Node> it = get().listGraphNodes(); it.hasNext(); ) {
                Node name = it.next();
                if (Graphs.isReserved(name) && get().contains(name, s, p, o))
                    checkGraph(name, "delete from");
            }
        } else {
            checkGraph(g, "delete from");
        }
        List<Quad> victims = new ArrayList<>();
        get().find(g, s, p, o).forEachRemaining(victims::add);
        for (Quad q : victims)
            delete(q);
    }

    @Override public void removeGraph(Node g) { deleteAny(g, Node.ANY, Node.ANY, Node.ANY); }
    @Override public void clear() { deleteAny(Node.ANY, Node.ANY, Node.ANY, Node.ANY); }

    @Override
    public void addGraph(Node g, Graph graph) {
        checkGraph(g, "insert into");
        graph.find().forEachRemaining(t -> add(g, t.getSubject(), t.getPredicate(), t.getObject()));
    }

    @Override public Graph getDefaultGraph() { return new UnionDefaultGraph(get().getUnionGraph()); }
    @Override public Graph getUnionGraph() { return getDefaultGraph(); }

    /** The default graph of a write: reads the union of the named graphs; refuses every write. */
    private static final class UnionDefaultGraph extends GraphWrapper {
        UnionDefaultGraph(Graph union) { super(union); }
        @Override public void add(Triple t) { checkGraph(Quad.defaultGraphIRI, "insert into"); }
        @Override public void delete(Triple t) { checkGraph(Quad.defaultGraphIRI, "delete from"); }
        @Override public void remove(Node s, Node p, Node o) { checkGraph(Quad.defaultGraphIRI, "delete from"); }
        @Override public void clear() { checkGraph(Quad.defaultGraphIRI, "delete from"); }
    }

    @Override
    public Graph getGraph(Node g) {
        if (Quad.isDefaultGraph(g) || Quad.isUnionGraph(g))
            return getDefaultGraph();
        return GraphView.createNamedGraph(this, g);
    }

    /** {@code g}, if a write may name it. */
    private static Node checkGraph(Node g, String what) {
        if (g == null || Quad.isDefaultGraph(g) || Quad.isUnionGraph(g))
            throw forbidden("", "cannot " + what + " the default graph: it is the union of the named graphs"
                                + " (a query's view, not stored); name a graph, e.g. GRAPH <" + Graphs.GRAPH + "…> { … }");
        if (Graphs.isReserved(g))
            throw forbidden(g.getURI(), "cannot " + what + " graph <" + g.getURI() + ">: only the pipeline writes it ("
                                + (g.getURI().equals(Graphs.INFERRED)
                                   ? "it is derived from the other graphs after every write"
                                   : "it records the builds and the journal")
                                + "); write the asserted graphs instead, and leave it out of patterns"
                                + " that write (FILTER(?g != <" + g.getURI() + ">))");
        if (!g.isURI())
            throw forbidden("", "a graph name must be an IRI, not " + g);
        return g;
    }

    private static LoadException forbidden(String graph, String message) {
        return new LoadException(LoadException.Reason.FORBIDDEN,
            List.of(new Problem(Problem.Severity.ERROR, "reserved-graph", "", 0, 0, graph.isEmpty() ? "" : "<" + graph + ">",
                                "", message)));
    }
}
