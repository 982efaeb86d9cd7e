package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphBaseFind;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.TransactionalNotSupportedMixin;
import org.apache.jena.sparql.graph.GraphZero;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;
import org.treatygraph.load.Graphs;

/**
 * The dataset the rules of one stratum run over, read straight from the database (TDB2 inside the
 * write transaction; nothing is copied into memory):
 * <ul>
 * <li>the default graph is the union of the asserted graphs (every named graph the pipeline does
 *     not write) and of the inferred triples the stratum may see — those derived by it or by an
 *     earlier stratum, known from their predicate ({@link Strata.Signatures});</li>
 * <li>the named graphs are the asserted graphs only: {@code GRAPH} reads what the texts and
 *     references state, never a derivation;</li>
 * <li>in-memory graphs of new or deleted triples ({@link DeltaGraph}) can be linked under private
 *     names for the delta variants;</li>
 * <li>an overlay can show the state before a change (hide what the change added, show what it
 *     removed), or before and after at once.</li>
 * </ul>
 */
final class View extends DatasetGraphBaseFind implements TransactionalNotSupportedMixin {
    private static final Node INFERRED = Graphs.node(Graphs.INFERRED);

    private final DatasetGraph base;
    /** Which inferred triples the stratum sees (null: all). */
    private final Predicate<Triple> inferredVisible;
    private final boolean tdb;
    private final Map<Node, Boolean> asserted = new HashMap<>();
    private final Map<Node, Graph> linked = new HashMap<>();
    private final Context context = new Context();
    private final Graph union = new Union();

    // the overlay (empty: the state as it is)
    private Set<Triple> hidden = Set.of();
    private Graph extra = GraphZero.instance();
    private Set<Quad> hiddenQuads = Set.of();
    private Map<Node, Graph> extraQuads = Map.of();

    View(DatasetGraph base, Predicate<Triple> inferredVisible) {
        this.base = base;
        this.inferredVisible = inferredVisible;
        this.tdb = TDBInternal.isTDB2(base);
    }

    /** The same data seen with an overlay: {@code hidden} triples and quads are not in it, {@code extra} ones are. */
    View overlay(Set<Triple> hidden, Set<Triple> extra, Set<Quad> hiddenQuads, Set<Quad> extraQuads) {
        View v = new View(base, inferredVisible);
        v.hidden = hidden;
        Graph g = GraphMemFactory.createDefaultGraph();
        extra.forEach(g::add);
        v.extra = g;
        v.hiddenQuads = hiddenQuads;
        Map<Node, Graph> eq = new HashMap<>();
        extraQuads.forEach(q -> eq.computeIfAbsent(q.getGraph(), k -> GraphMemFactory.createDefaultGraph()).add(q.asTriple()));
        v.extraQuads = eq;
        return v;
    }

    /** Link an in-memory graph under a private name (for a delta variant's {@code GRAPH <name>}). */
    void link(Node name, Graph graph) {
        linked.put(name, graph);
    }

    void unlink(Node name) {
        linked.remove(name);
    }

    DatasetGraph base() {
        return base;
    }

    /** Whether {@code g} is an asserted graph: a named graph the pipeline does not write. */
    boolean isAsserted(Node g) {
        return asserted.computeIfAbsent(g, k -> !Quad.isDefaultGraph(k) && !Graphs.isReserved(k) && !k.isBlank());
    }

    private boolean visibleQuad(Quad q) {
        Node g = q.getGraph();
        if (INFERRED.equals(g))
            return inferredVisible == null || inferredVisible.test(q.asTriple());
        return isAsserted(g);
    }

    /** Whether the triple is in the default graph of this view. */
    boolean holds(Triple t) {
        return union.contains(t);
    }

    /** Whether an asserted graph states the triple (overlay not applied: the database as it is). */
    boolean assertedNow(Triple t) {
        for (Iterator<Quad> it = base.findNG(Node.ANY, t.getSubject(), t.getPredicate(), t.getObject()); it.hasNext(); )
            if (isAsserted(it.next().getGraph()))
                return true;
        return false;
    }

    /** The asserted graphs that state the triple (the database as it is). */
    List<Node> assertedGraphs(Triple t) {
        List<Node> out = new ArrayList<>();
        base.findNG(Node.ANY, t.getSubject(), t.getPredicate(), t.getObject()).forEachRemaining(q -> {
            if (isAsserted(q.getGraph()))
                out.add(q.getGraph());
        });
        return out;
    }

    @Override
    public Graph getDefaultGraph() {
        return union;
    }

    @Override
    public Graph getUnionGraph() {
        return union;
    }

    @Override
    public Graph getGraph(Node g) {
        Graph l = linked.get(g);
        if (l != null)
            return l;
        if (Quad.isDefaultGraph(g) || Quad.isUnionGraph(g))
            return union;
        if (!isAsserted(g))
            return GraphZero.instance();
        return new Named(g);
    }

    @Override
    public boolean containsGraph(Node g) {
        return linked.containsKey(g) || Quad.isDefaultGraph(g) || Quad.isUnionGraph(g)
               || (isAsserted(g) && (base.containsGraph(g) || extraQuads.containsKey(g)));
    }

    @Override
    public Iterator<Node> listGraphNodes() {
        Set<Node> names = new LinkedHashSet<>();
        base.listGraphNodes().forEachRemaining(g -> {
            if (isAsserted(g))
                names.add(g);
        });
        names.addAll(extraQuads.keySet());
        return names.iterator();
    }

    @Override
    protected Iterator<Quad> findInDftGraph(Node s, Node p, Node o) {
        return Iter.map(union.find(s, p, o), t -> Quad.create(Quad.defaultGraphIRI, t));
    }

    @Override
    protected Iterator<Quad> findInSpecificNamedGraph(Node g, Node s, Node p, Node o) {
        return Iter.map(getGraph(g).find(s, p, o), t -> Quad.create(g, t));
    }

    @Override
    protected Iterator<Quad> findInAnyNamedGraphs(Node s, Node p, Node o) {
        // one lookup in the quad indexes (not one per named graph), with the overlay
        Iterator<Quad> it = Iter.filter(base.findNG(Node.ANY, any(s), any(p), any(o)), q -> isAsserted(q.getGraph()));
        if (!hiddenQuads.isEmpty())
            it = Iter.filter(it, q -> !hiddenQuads.contains(q));
        if (extraQuads.isEmpty())
            return it;
        List<Iterator<Quad>> more = new ArrayList<>();
        more.add(it);
        extraQuads.forEach((g, graph) -> more.add(Iter.map(graph.find(any(s), any(p), any(o)), t -> Quad.create(g, t))));
        return Iter.flatMap(more.iterator(), x -> x);
    }

    @Override public void addGraph(Node graphName, Graph graph) { throw readOnly(); }
    @Override public void removeGraph(Node graphName) { throw readOnly(); }
    @Override public void add(Quad q) { throw readOnly(); }
    @Override public void delete(Quad q) { throw readOnly(); }
    @Override public PrefixMap prefixes() { return PrefixMapFactory.emptyPrefixMap(); }
    @Override public boolean supportsTransactions() { return false; }
    @Override public boolean supportsTransactionAbort() { return false; }
    @Override public Context getContext() { return context; }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("the rules' view of the data is read-only");
    }

    private static Node any(Node n) {
        return n == null || !n.isConcrete() ? Node.ANY : n;
    }

    /** The default graph: asserted graphs ∪ visible inferred triples, each triple once, with the overlay. */
    private final class Union extends GraphBase {
        @Override
        protected ExtendedIterator<Triple> graphBaseFind(Triple m) {
            Node s = any(m.getSubject()), p = any(m.getPredicate()), o = any(m.getObject());
            Iterator<Triple> it = Iter.map(Iter.filter(base.findNG(Node.ANY, s, p, o), View.this::visibleQuad), Quad::asTriple);
            // TDB2 reads a pattern with any graph from an index that has the graph last (SPOG, POSG,
            // OSPG): the same triple in several graphs comes out in a row
            boolean adjacent = tdb && (s != Node.ANY || p != Node.ANY || o != Node.ANY);
            it = adjacent ? Iter.distinctAdjacent(it) : Iter.distinct(it);
            if (!hidden.isEmpty())
                it = Iter.filter(it, t -> !hidden.contains(t));
            if (!extra.isEmpty())
                it = Iter.concat(it, extra.find(s, p, o));
            return WrappedIterator.create(it);
        }

        @Override
        protected boolean graphBaseContains(Triple t) {
            if (t.isConcrete()) {
                if (hidden.contains(t))
                    return false;
                if (extra.contains(t))
                    return true;
                for (Iterator<Quad> it = base.findNG(Node.ANY, t.getSubject(), t.getPredicate(), t.getObject()); it.hasNext(); )
                    if (visibleQuad(it.next()))
                        return true;
                return false;
            }
            return graphBaseFind(t).hasNext();
        }

        @Override
        protected int graphBaseSize() {
            int[] n = {0};
            graphBaseFind(Triple.ANY).forEachRemaining(t -> n[0]++);
            return n[0];
        }
    }

    /** An asserted named graph, with the overlay. */
    private final class Named extends GraphBase {
        private final Node name;

        Named(Node name) {
            this.name = name;
        }

        @Override
        protected ExtendedIterator<Triple> graphBaseFind(Triple m) {
            Node s = any(m.getSubject()), p = any(m.getPredicate()), o = any(m.getObject());
            Iterator<Triple> it = Iter.map(base.findNG(name, s, p, o), Quad::asTriple);
            if (!hiddenQuads.isEmpty())
                it = Iter.filter(it, t -> !hiddenQuads.contains(Quad.create(name, t)));
            Graph more = extraQuads.get(name);
            if (more != null)
                it = Iter.concat(it, more.find(s, p, o));
            return WrappedIterator.create(it);
        }

        @Override
        protected int graphBaseSize() {
            int[] n = {0};
            graphBaseFind(Triple.ANY).forEachRemaining(t -> n[0]++);
            return n[0];
        }
    }
}
