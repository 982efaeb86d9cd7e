import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.atlas.lib.tuple.TupleMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * How fast TDB2 takes one million new quads inside a write transaction (then aborted: the
 * database is left as it was), three ways: DatasetGraph.add in the order found, the same sorted
 * by subject, and straight into each of the six quad indexes sorted in that index's order.
 * The quads are copies of every third quad of the database into a new graph, with new predicates.
 * <pre>
 *   java -Xmx3g -cp target/treatygraph.jar docs/experiments/TdbWriteFloor.java DATABASE_DIR
 * </pre>
 * (docs/reasoning.md, "From scratch at scale")
 */
public class TdbWriteFloor {
    public static void main(String[] args) {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(args[0]);
        for (String mode : List.of("add, order found", "add, by subject", "per index, sorted", "add, order found", "add, by subject", "per index, sorted")) {
            dsg.begin(ReadWrite.WRITE);
            try {
                List<Quad> quads = sample(dsg);
                long t0 = System.nanoTime();
                switch (mode) {
                    case "add, order found" -> quads.forEach(dsg::add);
                    case "add, by subject" -> {
                        quads.sort(Comparator.comparing((Quad q) -> q.getSubject().toString())
                                       .thenComparing(q -> q.getPredicate().toString()).thenComparing(q -> q.getObject().toString()));
                        quads.forEach(dsg::add);
                    }
                    default -> perIndex(dsg, quads);
                }
                System.out.printf("%-18s %,d quads in %,d ms%n", mode, quads.size(), (System.nanoTime() - t0) / 1_000_000);
            } finally {
                dsg.abort();
                dsg.end();
            }
        }
    }

    static List<Quad> sample(DatasetGraph dsg) {
        Node g = NodeFactory.createURI("urn:example:write-floor");
        List<Quad> quads = new ArrayList<>();
        Iterator<Quad> it = dsg.find();
        for (int i = 0; it.hasNext() && quads.size() < 1_000_000; i++) {
            Quad q = it.next();
            if (i % 3 == 0)
                quads.add(Quad.create(g, q.getSubject(), NodeFactory.createURI(q.getPredicate().getURI() + "-copy"), q.getObject()));
        }
        Collections.shuffle(quads, new Random(1));
        return quads;
    }

    static void perIndex(DatasetGraph dsg, List<Quad> quads) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        NodeTupleTable table = tdb.getQuadTable().getNodeTupleTable();
        NodeTable nodes = table.getNodeTable();
        List<Tuple<NodeId>> tuples = new ArrayList<>(quads.size());
        for (Quad q : quads)
            tuples.add(TupleFactory.create4(nodes.getAllocateNodeId(q.getGraph()), nodes.getAllocateNodeId(q.getSubject()),
                                            nodes.getAllocateNodeId(q.getPredicate()), nodes.getAllocateNodeId(q.getObject())));
        for (TupleIndex index : table.getTupleTable().getIndexes()) {
            TupleMap map = index.getMapping();
            List<Tuple<NodeId>> sorted = new ArrayList<>(tuples);
            sorted.sort((x, y) -> {
                Tuple<NodeId> a = map.map(x), b = map.map(y);
                for (int k = 0; k < 4; k++) {
                    int c = Long.compare(a.get(k).getPtrLocation(), b.get(k).getPtrLocation());
                    if (c != 0)
                        return c;
                }
                return 0;
            });
            sorted.forEach(index::add);
        }
    }
}
