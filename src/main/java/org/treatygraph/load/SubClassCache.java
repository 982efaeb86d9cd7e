package org.treatygraph.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * A read-only view of a data graph whose rdfs:subClassOf triples are answered from memory: SHACL
 * walks the class hierarchy for every sh:class and sh:targetClass check (the types of each value
 * node and all their superclasses), and on a store each step is an index lookup; the hierarchy is
 * small and read once here. The types of a node ({@code find(node, rdf:type, …)}) are kept too,
 * for the {@link #TYPED_NODES} nodes last asked about: the same values are tested again and again
 * (every event's status, every participation's role and agent). The graph must not change while
 * the view is used (it serves one validation run).
 */
final class SubClassCache extends GraphBase {
    private static final Node SUB_CLASS_OF = RDFS.subClassOf.asNode();
    private static final Node TYPE = RDF.type.asNode();
    /** Nodes whose types are kept (the least recently asked about go first). */
    static final int TYPED_NODES = 100_000;
    private final Graph data;
    private Graph hierarchy;
    private final LinkedHashMap<Node, List<Triple>> types = new LinkedHashMap<>(1 << 12, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Node, List<Triple>> eldest) {
            return size() > TYPED_NODES;
        }
    };

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
        Node s = m.getMatchSubject(), o = m.getMatchObject();
        if (TYPE.equals(m.getMatchPredicate()) && s != null && s.isConcrete() && (o == null || o.isURI())) {
            List<Triple> ts = types.get(s);
            if (ts == null) {
                ts = data.find(s, TYPE, Node.ANY).toList();
                types.put(s, ts);
            }
            if (o == null)
                return WrappedIterator.createNoRemove(ts.iterator());
            List<Triple> out = new ArrayList<>(1);
            for (Triple t : ts)
                if (o.equals(t.getObject()))
                    out.add(t);
            return WrappedIterator.createNoRemove(out.iterator());
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
