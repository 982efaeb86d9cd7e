package org.treatygraph.load;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.vocabulary.RDFS;

/**
 * A read-only view of a data graph whose rdfs:subClassOf triples are answered from memory: SHACL
 * walks the class hierarchy for every sh:class and sh:targetClass check (the types of each value
 * node and all their superclasses), and on a store each step is an index lookup; the hierarchy is
 * small and read once here.
 */
final class SubClassCache extends GraphBase {
    private static final Node SUB_CLASS_OF = RDFS.subClassOf.asNode();
    private final Graph data;
    private Graph hierarchy;

    SubClassCache(Graph data) {
        this.data = data;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple m) {
        if (SUB_CLASS_OF.equals(m.getMatchPredicate())) {
            if (hierarchy == null) {
                Graph h = GraphMemFactory.createDefaultGraph();
                data.find(Node.ANY, SUB_CLASS_OF, Node.ANY).forEachRemaining(h::add);
                hierarchy = h;
            }
            return hierarchy.find(m);
        }
        return data.find(m);
    }

    @Override
    public void performAdd(Triple t) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void performDelete(Triple t) {
        throw new UnsupportedOperationException("read-only");
    }
}
