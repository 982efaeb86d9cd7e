package org.treatygraph.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ARQ;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over real HTTP: queries that name entities by their Wikidata IRIs and schema.org terms by either
 * namespace get the answers the Treaty Graph IRIs would (see {@link org.treatygraph.query.QueryContext}).
 */
class WikidataIrisInQueriesTest {
    private static final String DATA = """
        PREFIX schema: <http://schema.org/>
        PREFIX owl:    <http://www.w3.org/2002/07/owl#>
        PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
        PREFIX wd:     <http://www.wikidata.org/entity/>
        PREFIX wdt:    <http://www.wikidata.org/prop/direct/>
        PREFIX id:     <https://w3id.org/treatygraph/id/>
        GRAPH <https://w3id.org/treatygraph/graph/background> {
          id:person-lavrov owl:sameAs wd:Q58217 ; schema:name "Sergey Lavrov"@en .
          id:person-kono owl:sameAs wd:Q1161024 ; schema:name "Taro Kono"@en .
          id:place-moscow owl:sameAs wd:Q649 ; schema:name "Moscow"@en .
        }
        GRAPH <https://w3id.org/treatygraph/graph/inferred> {
          id:person-lavrov schema:sameAs wd:Q58217 .
          id:meeting a schema:Event ; schema:attendee id:person-lavrov , id:person-kono ;
              schema:location id:place-moscow ; schema:startDate "2019-01-14"^^xsd:date .
          id:summit a schema:Event ; schema:attendee id:person-putin ; schema:location id:place-moscow .
        }
        GRAPH <https://w3id.org/treatygraph/graph/wikidata> {
          wd:Q58217 wdt:P569 "1950-03-21"^^xsd:date .
        }
        """;
    private static final String PREFIXES = """
        PREFIX schema: <http://schema.org/>
        PREFIX owl:    <http://www.w3.org/2002/07/owl#>
        PREFIX wd:     <http://www.wikidata.org/entity/>
        PREFIX wdt:    <http://www.wikidata.org/prop/direct/>
        """;

    static DatasetGraph dsg;
    static TreatyServer server;

    @BeforeAll
    static void start() {
        dsg = DatabaseMgr.createDatasetGraph();   // TDB2 in memory: the union default graph is TDB2's
        Txn.executeWrite(dsg, () -> RDFParser.create().source(new StringReader(DATA)).lang(Lang.TRIG).parse(dsg));
        server = TreatyServer.startForTest(dsg);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static List<String> column(String query) {
        List<String> out = new ArrayList<>();
        try (QueryExecHTTP qe = QueryExecHTTP.service(server.sparqlUrl()).query(PREFIXES + query).build()) {
            qe.select().forEachRemaining(b -> {
                Node n = b.get(b.vars().next());
                out.add(n.isURI() ? n.getURI() : n.getLiteralLexicalForm());
            });
        }
        return out;
    }

    static String id(String local) {
        return "https://w3id.org/treatygraph/id/" + local;
    }

    @Test
    void a_wikidata_item_in_a_pattern_stands_for_the_entity_linked_to_it() {
        assertEquals(List.of(id("meeting")), column("SELECT ?e WHERE { ?e schema:attendee wd:Q58217 } ORDER BY ?e"));
        assertEquals(List.of(id("meeting"), id("summit")),
                     column("SELECT ?e WHERE { ?e a schema:Event ; schema:location wd:Q649 } ORDER BY ?e"));
        assertEquals(List.of("Sergey Lavrov"), column("SELECT ?n WHERE { wd:Q58217 schema:name ?n }"));
    }

    @Test
    void two_wikidata_items_in_one_pattern_are_both_resolved() {
        assertEquals(List.of(id("meeting")),
                     column("SELECT ?e WHERE { ?e schema:attendee wd:Q58217 , wd:Q1161024 ; schema:location wd:Q649 }"));
    }

    @Test
    void a_link_pattern_still_matches_the_wikidata_iri_itself() {
        assertEquals(List.of(id("person-lavrov")), column("SELECT ?p WHERE { ?p owl:sameAs wd:Q58217 }"));
        assertEquals(List.of(id("person-lavrov")), column("SELECT ?p WHERE { ?p schema:sameAs wd:Q58217 }"));
        assertEquals(List.of(id("meeting")),
                     column("SELECT ?e WHERE { ?p owl:sameAs wd:Q58217 . ?e schema:attendee ?p }"));
    }

    @Test
    void statements_of_the_wikidata_snapshot_keep_the_wikidata_item() {
        assertEquals(List.of("1950-03-21"), column("SELECT ?b WHERE { wd:Q58217 wdt:P569 ?b }"));
        assertEquals(List.of("1950-03-21"),
                     column("SELECT ?b WHERE { GRAPH <https://w3id.org/treatygraph/graph/wikidata> { wd:Q58217 ?p ?b } }"));
    }

    @Test
    void an_item_nobody_links_to_matches_nothing() {
        assertEquals(List.of(), column("SELECT ?e WHERE { ?e schema:attendee wd:Q1 }"));
    }

    @Test
    void schema_org_terms_may_be_written_with_https() {
        assertEquals(List.of(id("meeting")), column("""
            SELECT ?e WHERE { ?e a <https://schema.org/Event> ; <https://schema.org/attendee> wd:Q58217 }"""));
        assertEquals(List.of(id("meeting"), id("summit")), column("""
            SELECT ?e WHERE { ?e a ?t FILTER(?t = <https://schema.org/Event>) } ORDER BY ?e"""));
    }

    @Test
    void the_dataset_url_answers_like_the_sparql_endpoint() {
        List<String> out = new ArrayList<>();
        try (QueryExecHTTP qe = QueryExecHTTP.service(server.datasetUrl())
                 .query(PREFIXES + "SELECT ?e WHERE { ?e <https://schema.org/attendee> wd:Q58217 } ORDER BY ?e").build()) {
            qe.select().forEachRemaining(b -> out.add(b.get("e").getURI()));
        }
        assertEquals(List.of(id("meeting")), out);
    }

    @Test
    void the_server_applies_the_rewrites_per_endpoint_and_leaves_the_dataset_context_as_it_was() {
        Context cxt = dsg.getContext();
        assertFalse(cxt.isDefined(ARQConstants.sysOptimizerFactory), "optimizer on the dataset's context");
        assertFalse(cxt.isDefined(ARQ.queryTimeout), "timeout on the dataset's context");
        assertFalse(cxt.isDefined(ARQConstants.registryServiceExecutors), "SERVICE registry on the dataset's context");
        assertFalse(cxt.isTrue(TDB2.symUnionDefaultGraph), "union default graph on the dataset's context");
        // and yet the default graph is the union over HTTP
        assertEquals(List.of("Sergey Lavrov"), column("SELECT ?n WHERE { ?p owl:sameAs wd:Q58217 ; schema:name ?n }"));
    }

    @Test
    void the_literal_iri_of_an_item_is_unchanged_in_results_and_values() {
        Node wd = NodeFactory.createURI("http://www.wikidata.org/entity/Q58217");
        assertEquals(List.of(wd.getURI()), column("SELECT ?x WHERE { VALUES ?x { wd:Q58217 } }"));
    }
}
