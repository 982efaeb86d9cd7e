package org.treatygraph.load;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * The build record kept in graph {@code …/graph/meta}: the content hash of ontology/ + data/
 * ({@code tg:contentHash}), the build time ({@code dct:modified}) and the triples of every other
 * graph, as a VoID description ({@code void:Dataset}, {@code void:subset}, {@code void:triples}).
 *
 * @param contentHash hash recorded by the last full build; null when the database was only
 *                    filled with {@code load FILE…}
 */
public record BuildRecord(String contentHash, Instant built, Map<String, Long> triplesPerGraph) {

    static final String VOID = "http://rdfs.org/ns/void#";

    public BuildRecord {
        triplesPerGraph = Map.copyOf(triplesPerGraph);
    }

    /** Triples in all graphs but the meta graph. */
    public long totalTriples() {
        return triplesPerGraph.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Graph → triples, sorted by graph IRI (for logs). */
    public Map<String, Long> sortedCounts() {
        return new TreeMap<>(triplesPerGraph);
    }

    /** The record of a database, if it has one. */
    public static Optional<BuildRecord> read(DatasetGraph dsg) {
        return Txn.calculateRead(dsg, () -> {
            Graph meta = dsg.getGraph(Graphs.node(Graphs.META));
            Node ds = Graphs.node(Graphs.DATASET);
            Node modified = object(meta, ds, DCTerms.modified.asNode());
            if (modified == null)
                return Optional.empty();
            Node hash = object(meta, ds, Graphs.node(Graphs.CONTENT_HASH));
            Map<String, Long> counts = new LinkedHashMap<>();
            meta.find(ds, Graphs.node(VOID + "subset"), Node.ANY).forEachRemaining(t -> {
                Node n = object(meta, t.getObject(), Graphs.node(VOID + "triples"));
                if (t.getObject().isURI() && n != null)
                    counts.put(t.getObject().getURI(), ((Number) n.getLiteralValue()).longValue());
            });
            return Optional.of(new BuildRecord(hash == null ? null : hash.getLiteralLexicalForm(),
                                               Instant.parse(modified.getLiteralLexicalForm()), counts));
        });
    }

    /** Count every graph but meta (inside the caller's transaction). */
    static BuildRecord count(DatasetGraph dsg, String contentHash, Instant built) {
        Map<String, Long> counts = new TreeMap<>();
        Iterator<Node> it = dsg.listGraphNodes();
        while (it.hasNext()) {
            Node g = it.next();
            if (g.isURI() && !g.getURI().equals(Graphs.META))
                counts.put(g.getURI(), (long) dsg.getGraph(g).size());
        }
        return new BuildRecord(contentHash, built, counts);
    }

    /** Replace the meta graph with this record (inside the caller's write transaction). */
    void write(DatasetGraph dsg) {
        Node metaName = Graphs.node(Graphs.META);
        dsg.removeGraph(metaName);
        Graph meta = dsg.getGraph(metaName);
        Node ds = Graphs.node(Graphs.DATASET);
        Node voidDataset = Graphs.node(VOID + "Dataset");
        meta.add(Triple.create(ds, RDF.type.asNode(), voidDataset));
        meta.add(Triple.create(ds, DCTerms.title.asNode(), NodeFactory.createLiteralString("Treaty Graph")));
        meta.add(Triple.create(ds, DCTerms.modified.asNode(),
                               NodeFactory.createLiteralDT(built.toString(), XSDDatatype.XSDdateTime)));
        if (contentHash != null)
            meta.add(Triple.create(ds, Graphs.node(Graphs.CONTENT_HASH), NodeFactory.createLiteralString(contentHash)));
        meta.add(Triple.create(ds, Graphs.node(VOID + "triples"), integer(totalTriples())));
        triplesPerGraph.forEach((g, n) -> {
            Node graph = Graphs.node(g);
            meta.add(Triple.create(ds, Graphs.node(VOID + "subset"), graph));
            meta.add(Triple.create(graph, RDF.type.asNode(), voidDataset));
            meta.add(Triple.create(graph, Graphs.node(VOID + "triples"), integer(n)));
        });
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static Node object(Graph g, Node s, Node p) {
        Iterator<Triple> it = g.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }
}
