package org.treatygraph.derive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphMapLink;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;

/** Shared by the derive tests: the real ontology and rules, the scenario data, small query helpers. */
final class Fixtures {
    static final Path RULES = Path.of("ontology/rules");
    static final Path SCENARIO = Path.of("src/test/resources/derive/scenario/data.trig");
    static final Node ONTOLOGY = NodeFactory.createURI("https://w3id.org/treatygraph/graph/ontology");
    static final Node INFERRED = NodeFactory.createURI(Deriver.INFERRED_GRAPH);
    static final String PREFIXES = """
        PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX owl:    <http://www.w3.org/2002/07/owl#>
        PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
        PREFIX schema: <http://schema.org/>
        PREFIX skos:   <http://www.w3.org/2004/02/skos/core#>
        PREFIX tg:     <https://w3id.org/treatygraph/ontology#>
        PREFIX person: <https://w3id.org/treatygraph/id/person/>
        PREFIX post:   <https://w3id.org/treatygraph/id/post/>
        PREFIX event:  <https://w3id.org/treatygraph/id/event/>
        PREFIX part:   <https://w3id.org/treatygraph/id/participation/>
        PREFIX agreement: <https://w3id.org/treatygraph/id/agreement/>
        PREFIX state:  <https://w3id.org/treatygraph/id/state/>
        PREFIX island: <https://w3id.org/treatygraph/id/island/>
        PREFIX wd:     <http://www.wikidata.org/entity/>
        PREFIX graph:  <https://w3id.org/treatygraph/graph/>
        """;

    private Fixtures() {}

    private static Graph ontology;

    /** ontology/treatygraph.ttl + alignments.ttl, read once per test run (the files may change meanwhile). */
    static synchronized Graph ontology() {
        if (ontology == null) {
            ontology = GraphMemFactory.createDefaultGraph();
            for (String f : new String[] {"ontology/treatygraph.ttl", "ontology/alignments.ttl"})
                RDFDataMgr.read(ontology, f);
        }
        return ontology;
    }

    /** Add the ontology to the ontology graph (inside a write transaction). */
    static void addOntology(DatasetGraph dsg) {
        ontology().find().forEachRemaining(t -> dsg.add(ONTOLOGY, t.getSubject(), t.getPredicate(), t.getObject()));
    }

    /** The dataset as the service shows it: default graph = union of the named graphs, named graphs as they are. */
    static DatasetGraph served(DatasetGraph dsg) {
        DatasetGraphMapLink view = new DatasetGraphMapLink(dsg.getUnionGraph());
        dsg.listGraphNodes().forEachRemaining(g -> view.addGraph(g, dsg.getGraph(g)));
        return view;
    }

    /** ASK over the served view of the dataset, inside the caller's transaction. */
    static boolean ask(DatasetGraph dsg, String where) {
        try (QueryExec qe = QueryExec.dataset(served(dsg)).query(PREFIXES + "ASK { " + where + " }").build()) {
            return qe.ask();
        }
    }

    /** The number of rows of a SELECT over the served view, inside the caller's transaction. */
    static long count(DatasetGraph dsg, String select) {
        try (QueryExec qe = QueryExec.dataset(served(dsg)).query(PREFIXES + select).build()) {
            long[] n = {0};
            qe.select().forEachRemaining(b -> n[0]++);
            return n[0];
        }
    }

    /** A copy of the inferred graph. */
    static Graph inferred(DatasetGraph dsg) {
        Graph copy = GraphMemFactory.createDefaultGraph();
        Txn.executeRead(dsg, () -> dsg.getGraph(NodeFactory.createURI(Deriver.INFERRED_GRAPH)).find().forEachRemaining(copy::add));
        return copy;
    }

    static void assertIsomorphic(Graph expected, Graph actual, String what) {
        if (expected.isIsomorphicWith(actual))
            return;
        List<Triple> missing = expected.find().filterDrop(actual::contains).toList();
        List<Triple> extra = actual.find().filterDrop(expected::contains).toList();
        assertTrue(false, what + ": inferred graph differs from the expected one\n  missing: " + missing + "\n  extra:   " + extra);
    }
}
