package org.treatygraph.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;

/**
 * The dataset's description in {@code …/graph/meta}, as VoID and DCAT, regenerated at every
 * build from files (and restore): title, description, licence, creator, version, the knowledge
 * horizon the data states, the SPARQL endpoint, the dumps ({@code /kg/dumps/…}, N-Quads and TriG,
 * gzip), the URI space, the vocabularies its predicates come from, and how many entities each
 * class has ({@code void:classPartition}). Writes between builds change only the build record's
 * counts (VoID triples per graph), not this description. The public addresses are under
 * {@link Graphs#BASE}, which the w3id.org redirect rule sends to the service (docs/iri-registry.md).
 */
public final class DatasetDescription {
    /** The version of the dataset and service (the Maven project's). */
    public static final String VERSION = "0.1.0";
    static final String DCAT = "http://www.w3.org/ns/dcat#";
    static final String VOID = BuildRecord.VOID;
    /** The public address of the SPARQL endpoint. */
    public static final String ENDPOINT = Graphs.BASE + "kg/sparql";
    /** The public address of the dumps: {@code DUMPS + "treatygraph.nq.gz"}, {@code "treatygraph.trig.gz"}. */
    public static final String DUMPS = Graphs.BASE + "kg/dumps/";
    static final String LICENCE = "https://creativecommons.org/licenses/by/4.0/";

    private static final Node DS = Graphs.node(Graphs.DATASET);
    private static final List<String> PREDICATES = List.of(
        DCTerms.description.getURI(), DCTerms.license.getURI(), DCTerms.creator.getURI(), DCTerms.publisher.getURI(),
        DCAT + "version", OWL.versionInfo.getURI(), DCAT + "keyword", Graphs.TG + "knowledgeHorizon",
        VOID + "sparqlEndpoint", VOID + "uriSpace", VOID + "vocabulary", VOID + "dataDump", VOID + "classPartition",
        VOID + "entities", DCAT + "distribution", DCAT + "landingPage", DCTerms.conformsTo.getURI());

    private DatasetDescription() {}

    /** Replace the description in the meta graph of {@code dsg} (inside the caller's write transaction). */
    static void write(DatasetGraph dsg) {
        Graph meta = dsg.getGraph(Graphs.node(Graphs.META));
        // what an earlier description wrote: its own statements of the dataset and its partition and distribution nodes
        List<Node> owned = new ArrayList<>();
        for (String p : List.of(VOID + "classPartition", DCAT + "distribution"))
            meta.find(DS, Graphs.node(p), Node.ANY).forEachRemaining(t -> owned.add(t.getObject()));
        for (Node n : owned)
            meta.remove(n, Node.ANY, Node.ANY);
        for (String p : PREDICATES)
            meta.remove(DS, Graphs.node(p), Node.ANY);
        meta.delete(Triple.create(DS, RDF.type.asNode(), Graphs.node(DCAT + "Dataset")));

        add(meta, DS, RDF.type.getURI(), Graphs.node(DCAT + "Dataset"));
        add(meta, DS, RDF.type.getURI(), Graphs.node(VOID + "Dataset"));
        add(meta, DS, DCTerms.description.getURI(), NodeFactory.createLiteralLang(
            "A knowledge graph of the Japan–Russia peace-treaty negotiations and the treaties behind them (1855 to today):"
            + " treaty lineage, meetings, offices and tenures, territorial claims and names, Wikidata links — every fact"
            + " traceable to the text it came from.", "en"));
        add(meta, DS, DCTerms.license.getURI(), Graphs.node(LICENCE));
        add(meta, DS, DCTerms.creator.getURI(), NodeFactory.createLiteralString("The Treaty Graph engineers"));
        add(meta, DS, DCTerms.publisher.getURI(), NodeFactory.createLiteralString("Treaty Graph"));
        add(meta, DS, DCAT + "version", NodeFactory.createLiteralString(VERSION));
        add(meta, DS, OWL.versionInfo.getURI(), NodeFactory.createLiteralString(VERSION));
        for (String k : List.of("Japan", "Russia", "peace treaty", "Kuril Islands", "Northern Territories", "diplomacy"))
            add(meta, DS, DCAT + "keyword", NodeFactory.createLiteralLang(k, "en"));
        add(meta, DS, DCAT + "landingPage", Graphs.node(Graphs.BASE + "kg/"));
        add(meta, DS, VOID + "sparqlEndpoint", Graphs.node(ENDPOINT));
        add(meta, DS, VOID + "uriSpace", NodeFactory.createLiteralString(Graphs.BASE + "id/"));
        horizon(dsg).ifPresent(h -> add(meta, DS, Graphs.TG + "knowledgeHorizon", h));
        for (String[] dump : new String[][] {{"nq.gz", "application/n-quads", "nquads"}, {"trig.gz", "application/trig", "trig"}}) {
            Node url = Graphs.node(DUMPS + "treatygraph." + dump[0]);
            Node dist = Graphs.node(Graphs.BASE + "dataset/dump/" + dump[2]);
            add(meta, DS, VOID + "dataDump", url);
            add(meta, DS, DCAT + "distribution", dist);
            add(meta, dist, RDF.type.getURI(), Graphs.node(DCAT + "Distribution"));
            add(meta, dist, DCAT + "downloadURL", url);
            add(meta, dist, DCAT + "mediaType", NodeFactory.createLiteralString(dump[1]));
            add(meta, dist, DCAT + "compressFormat", NodeFactory.createLiteralString("application/gzip"));
            add(meta, dist, DCTerms.license.getURI(), Graphs.node(LICENCE));
        }
        Node service = Graphs.node(Graphs.BASE + "dataset/sparql");
        add(meta, DS, DCAT + "distribution", service);
        add(meta, service, RDF.type.getURI(), Graphs.node(DCAT + "Distribution"));
        add(meta, service, DCAT + "accessURL", Graphs.node(ENDPOINT));
        add(meta, service, DCTerms.conformsTo.getURI(), Graphs.node("https://www.w3.org/TR/sparql11-protocol/"));

        Map<String, Long> classes = new TreeMap<>();
        TreeSet<String> vocabularies = new TreeSet<>();
        count(dsg, classes, vocabularies);
        long entities = 0;
        for (Map.Entry<String, Long> e : classes.entrySet()) {
            Node part = Graphs.node(Graphs.BASE + "dataset/class/" + slug(e.getKey()));
            add(meta, DS, VOID + "classPartition", part);
            add(meta, part, VOID + "class", Graphs.node(e.getKey()));
            add(meta, part, VOID + "entities", integer(e.getValue()));
        }
        for (String v : vocabularies)
            add(meta, DS, VOID + "vocabulary", Graphs.node(v));
    }

    /** Per class, the distinct subjects typed with it (asserted or derived); the namespaces of the predicates. */
    private static void count(DatasetGraph dsg, Map<String, Long> classes, TreeSet<String> vocabularies) {
        DatasetGraph base = DatasetGraphWrapper.unwrap(dsg);
        if (TDBInternal.isBackedByTDB(base))
            countTypings(TDBInternal.getDatasetGraphTDB(base), classes);
        else {
            dsg.find(Node.ANY, Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(q -> {
                if (described(q.getGraph()) && q.getObject().isURI())
                    classes.merge(q.getObject().getURI(), 1L, Long::sum);
            });
            recount(dsg, classes);
        }
        for (Node p : predicates(dsg, base)) {
            String iri = p.getURI();
            int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
            vocabularies.add(iri.substring(0, cut));
        }
    }

    /**
     * The rdf:type quads of TDB2, as node ids, in the order of its POSG index: the typings of one
     * class and one subject in several graphs come together, so each is counted once; only the
     * graphs and classes are decoded.
     */
    private static void countTypings(DatasetGraphTDB tdb, Map<String, Long> classes) {
        NodeTupleTable quads = tdb.getQuadTable().getNodeTupleTable();
        NodeTable nodes = quads.getNodeTable();
        NodeId type = nodes.getNodeIdForNode(RDF.type.asNode());
        if (NodeId.isDoesNotExist(type))
            return;
        Map<NodeId, Boolean> graphs = new HashMap<>();
        Map<NodeId, Node> classNodes = new HashMap<>();
        NodeId[] last = {null, null};
        quads.find(NodeId.NodeIdAny, NodeId.NodeIdAny, type, NodeId.NodeIdAny).forEachRemaining(t -> {
            NodeId s = t.get(1), c = t.get(3);
            if (!graphs.computeIfAbsent(t.get(0), g -> described(nodes.getNodeForNodeId(g))))
                return;
            Node cls = classNodes.computeIfAbsent(c, nodes::getNodeForNodeId);
            if (!cls.isURI() || (c.equals(last[0]) && s.equals(last[1])))
                return;               // the same typing in another graph
            last[0] = c;
            last[1] = s;
            classes.merge(cls.getURI(), 1L, Long::sum);
        });
    }

    /**
     * The predicates of every graph but the pipeline's own records (the inferred graph included).
     * On TDB2 the quads are read as node ids and only the distinct graphs and predicates are
     * decoded: at 10M (38 M quads) reading every quad as terms took minutes of the build.
     */
    private static Set<Node> predicates(DatasetGraph dsg, DatasetGraph base) {
        Set<Node> out = new HashSet<>();
        if (!TDBInternal.isBackedByTDB(base)) {
            dsg.find().forEachRemaining(q -> {
                if (described(q.getGraph()))
                    out.add(q.getPredicate());
            });
            return out;
        }
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(base);
        NodeTable nodes = tdb.getQuadTable().getNodeTupleTable().getNodeTable();
        Map<NodeId, Boolean> graphs = new HashMap<>();
        Set<NodeId> ids = new HashSet<>();
        tdb.getQuadTable().getNodeTupleTable().findAll().forEachRemaining(t -> {
            if (graphs.computeIfAbsent(t.get(0), g -> described(nodes.getNodeForNodeId(g))))
                ids.add(t.get(2));
        });
        tdb.getTripleTable().getNodeTupleTable().findAll().forEachRemaining(t -> ids.add(t.get(1)));
        ids.forEach(id -> out.add(nodes.getNodeForNodeId(id)));
        return out;
    }

    /** Whether the description counts what a graph holds (not the pipeline's records; the inferred graph yes). */
    private static boolean described(Node g) {
        return !Graphs.isReserved(g) || g.getURI().equals(Graphs.INFERRED);
    }

    /** Exact distinct counts when the store's order does not keep a class's subjects together. */
    private static void recount(DatasetGraph dsg, Map<String, Long> classes) {
        for (String c : List.copyOf(classes.keySet())) {
            java.util.Set<Node> subjects = new java.util.HashSet<>();
            dsg.find(Node.ANY, Node.ANY, RDF.type.asNode(), Graphs.node(c)).forEachRemaining(q -> {
                if (described(q.getGraph()))
                    subjects.add(q.getSubject());
            });
            classes.put(c, (long) subjects.size());
        }
    }

    private static java.util.Optional<Node> horizon(DatasetGraph dsg) {
        Iterator<Quad> it = dsg.find(Node.ANY, DS, Graphs.node(Graphs.TG + "knowledgeHorizon"), Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            if (!Graphs.isReserved(q.getGraph()))
                return java.util.Optional.of(q.getObject());
        }
        return java.util.Optional.empty();
    }

    /** A readable, stable name for a class: {@code tg-Person}, {@code schema-Event}, else the escaped IRI's tail. */
    private static String slug(String iri) {
        Map<String, String> known = Map.of(Graphs.TG, "tg-", "http://schema.org/", "schema-", "http://www.w3.org/ns/org#", "org-",
            "http://www.w3.org/ns/prov#", "prov-", "http://www.w3.org/2004/02/skos/core#", "skos-",
            "http://www.w3.org/2006/time#", "time-", "http://www.w3.org/2002/07/owl#", "owl-",
            "http://www.w3.org/2000/01/rdf-schema#", "rdfs-", "http://rdfs.org/ns/void#", "void-");
        for (Map.Entry<String, String> e : known.entrySet())
            if (iri.startsWith(e.getKey()))
                return e.getValue() + iri.substring(e.getKey().length()).replaceAll("[^A-Za-z0-9_-]", "_");
        return "x-" + Integer.toHexString(iri.hashCode()) + "-" + iri.replaceFirst("^.*[/#]", "").replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static void add(Graph g, Node s, String p, Node o) {
        g.add(Triple.create(s, Graphs.node(p), o));
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }
}
