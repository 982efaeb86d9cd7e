package org.treatygraph.load;

import java.time.Instant;
import java.util.HashMap;
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
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * The build record kept in graph {@code …/graph/meta}: the content hash of ontology/ + data/
 * ({@code tg:contentHash}), when the dataset was built from them ({@code tg:builtAt}), when it
 * last changed in any way ({@code dct:modified}), the last journaled HTTP write it includes
 * ({@code tg:journalHead}), and the triples of every other graph, as a VoID description
 * ({@code void:Dataset}, {@code void:subset}, {@code void:triples}).
 *
 * @param contentHash hash recorded by the last full build; null when the database was only
 *                    filled with {@code load FILE…}
 * @param built       the last build from files (or load of files)
 * @param modified    the last change of any kind (a build, a load, an HTTP write)
 * @param journalHead sequence number of the last journal entry included (0: none)
 */
public record BuildRecord(String contentHash, Instant built, Instant modified, Map<String, Long> triplesPerGraph,
                          long journalHead) {

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

    /** The record of a database, if it has one (in a read transaction of its own if needed). */
    public static Optional<BuildRecord> read(DatasetGraph dsg) {
        return Txn.calculateRead(dsg, () -> readIn(dsg));
    }

    /** The record (inside the caller's transaction). */
    static Optional<BuildRecord> readIn(DatasetGraph dsg) {
        Graph meta = dsg.getGraph(Graphs.node(Graphs.META));
        Node ds = Graphs.node(Graphs.DATASET);
        Node modified = object(meta, ds, DCTerms.modified.asNode());
        if (modified == null)
            return Optional.empty();
        Node hash = object(meta, ds, Graphs.node(Graphs.CONTENT_HASH));
        Node built = object(meta, ds, Graphs.node(Graphs.BUILT_AT));
        Node head = object(meta, ds, Graphs.node(Graphs.JOURNAL_HEAD));
        Map<String, Long> counts = new LinkedHashMap<>();
        meta.find(ds, Graphs.node(VOID + "subset"), Node.ANY).forEachRemaining(t -> {
            Node n = object(meta, t.getObject(), Graphs.node(VOID + "triples"));
            if (t.getObject().isURI() && n != null)
                counts.put(t.getObject().getURI(), ((Number) n.getLiteralValue()).longValue());
        });
        Instant mod = Instant.parse(modified.getLiteralLexicalForm());
        return Optional.of(new BuildRecord(hash == null ? null : hash.getLiteralLexicalForm(),
                                           built == null ? mod : Instant.parse(built.getLiteralLexicalForm()), mod,
                                           counts, head == null ? 0 : ((Number) head.getLiteralValue()).longValue()));
    }

    /** Count every graph but meta (inside the caller's transaction). */
    static Map<String, Long> count(DatasetGraph dsg) {
        Map<String, Long> counts = new TreeMap<>();
        Iterator<Node> it = dsg.listGraphNodes();
        while (it.hasNext()) {
            Node g = it.next();
            if (g.isURI() && !g.getURI().equals(Graphs.META)) {
                long n = dsg.getGraph(g).size();
                if (n > 0)
                    counts.put(g.getURI(), n);
            }
        }
        return counts;
    }

    /** This record after {@code change} and an inference report: counts moved by the deltas. */
    BuildRecord after(Change change, Inference.Report inferred, Instant when, long head) {
        Map<String, Long> counts = new HashMap<>(triplesPerGraph);
        change.added().forEach(q -> counts.merge(graphName(q), 1L, Long::sum));
        change.removed().forEach(q -> counts.merge(graphName(q), -1L, Long::sum));
        counts.merge(Graphs.INFERRED, inferred.added() - inferred.removed(), Long::sum);
        counts.values().removeIf(n -> n <= 0);
        return new BuildRecord(contentHash, built, when, counts, head);
    }

    private static String graphName(Quad q) {
        return q.getGraph().getURI();
    }

    /** Replace the meta graph with this record (inside the caller's write transaction). */
    void write(DatasetGraph dsg) {
        Node metaName = Graphs.node(Graphs.META);
        Graph meta = dsg.getGraph(metaName);
        // everything but what the inference layer keeps here (the digest of the rules it derived with)
        Node digest = Graphs.node(Graphs.RULES_DIGEST);
        java.util.List<Triple> old = meta.find().filterDrop(t -> t.getPredicate().equals(digest)).toList();
        old.forEach(meta::delete);
        Node ds = Graphs.node(Graphs.DATASET);
        Node voidDataset = Graphs.node(VOID + "Dataset");
        meta.add(Triple.create(ds, RDF.type.asNode(), voidDataset));
        meta.add(Triple.create(ds, DCTerms.title.asNode(), NodeFactory.createLiteralString("Treaty Graph")));
        meta.add(Triple.create(ds, DCTerms.modified.asNode(), dateTime(modified)));
        meta.add(Triple.create(ds, Graphs.node(Graphs.BUILT_AT), dateTime(built)));
        if (contentHash != null)
            meta.add(Triple.create(ds, Graphs.node(Graphs.CONTENT_HASH), NodeFactory.createLiteralString(contentHash)));
        meta.add(Triple.create(ds, Graphs.node(Graphs.JOURNAL_HEAD), integer(journalHead)));
        meta.add(Triple.create(ds, Graphs.node(VOID + "triples"), integer(totalTriples())));
        triplesPerGraph.forEach((g, n) -> {
            Node graph = Graphs.node(g);
            meta.add(Triple.create(ds, Graphs.node(VOID + "subset"), graph));
            meta.add(Triple.create(graph, RDF.type.asNode(), voidDataset));
            meta.add(Triple.create(graph, Graphs.node(VOID + "triples"), integer(n)));
        });
    }

    private static Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static Node object(Graph g, Node s, Node p) {
        Iterator<Triple> it = g.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }
}
