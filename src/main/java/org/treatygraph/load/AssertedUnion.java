package org.treatygraph.load;

import java.util.Iterator;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;

/**
 * The union of the asserted graphs of a dataset, read-only: one {@code find} over the quads of
 * all graphs (graph unbound), the pipeline's graphs left out, each triple once. On TDB2 the quad
 * indexes that serve an unbound graph end with the graph (SPOG, POSG, OSPG), so the copies of a
 * triple in several graphs come one after the other and are dropped as they stream by; elsewhere
 * a set removes them.
 */
final class AssertedUnion extends GraphBase {
    private final DatasetGraph dsg;
    private final boolean ordered;

    AssertedUnion(DatasetGraph dsg) {
        this.dsg = dsg;
        this.ordered = backedByTDB(dsg);
    }

    /** Whether {@code dsg}, or the dataset it wraps (a write-through layer), is TDB2's. */
    static boolean backedByTDB(DatasetGraph dsg) {
        DatasetGraph d = dsg;
        for (int i = 0; i < 16 && d != null; i++) {
            if (TDBInternal.isBackedByTDB(d))
                return true;
            if (!(d instanceof org.apache.jena.sparql.core.DatasetGraphWrapper w))
                return false;
            d = w.getWrapped();
        }
        return false;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple m) {
        Iterator<Quad> quads = dsg.find(Node.ANY, m.getMatchSubject(), m.getMatchPredicate(), m.getMatchObject());
        Iterator<Triple> triples = Iter.map(Iter.filter(quads, q -> !q.isDefaultGraph() && !Graphs.isReserved(q.getGraph())),
                                            Quad::asTriple);
        return WrappedIterator.createNoRemove(ordered ? Iter.distinctAdjacent(triples) : Iter.distinct(triples));
    }

    @Override
    public void performAdd(Triple t) {
        throw new UnsupportedOperationException("the union of the asserted graphs is read-only");
    }

    @Override
    public void performDelete(Triple t) {
        throw new UnsupportedOperationException("the union of the asserted graphs is read-only");
    }
}
