package org.treatygraph.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.junit.jupiter.api.Test;

/** The stand-in answers real SPARQL over HTTP, directly and as the target of a federated SERVICE call. */
class WikidataStandInTest {

    @Test
    void the_stand_in_answers_a_sparql_query_like_the_wikidata_query_service() {
        try (WikidataStandIn wd = WikidataStandIn.start();
             QueryExecution qe = QueryExecutionHTTP.service(wd.sparqlUrl()).query("""
                 PREFIX wd: <http://www.wikidata.org/entity/>
                 PREFIX wdt: <http://www.wikidata.org/prop/direct/>
                 SELECT ?born WHERE { wd:Q58217 wdt:P569 ?born }""").build()) {
            ResultSet rs = qe.execSelect();
            assertEquals("1950-03-21T00:00:00Z", rs.next().getLiteral("born").getLexicalForm());
            assertEquals(1, wd.requestCount());
        }
    }

    @Test
    void a_federated_query_reaches_the_stand_in_through_service() {
        try (WikidataStandIn wd = WikidataStandIn.start()) {
            Dataset local = DatasetFactory.create();
            String query = """
                PREFIX wd:   <http://www.wikidata.org/entity/>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?label WHERE {
                  SERVICE <%s> { wd:Q215727 rdfs:label ?label }
                } ORDER BY LANG(?label)""".formatted(wd.sparqlUrl());
            List<String> labels = new ArrayList<>();
            try (QueryExecution qe = QueryExecution.create(query, local)) {
                qe.execSelect().forEachRemaining(s -> labels.add(s.getLiteral("label").getLexicalForm()));
            }
            assertEquals(List.of("Iturup", "択捉島", "Итуруп"), labels);   // en, ja, ru
            assertEquals(1, wd.requestCount());
        }
    }

    @Test
    void with_the_snapshot_the_stand_in_also_knows_every_item_of_the_offline_snapshot() {
        try (WikidataStandIn wd = WikidataStandIn.startWithSnapshot();
             QueryExecution qe = QueryExecutionHTTP.service(wd.sparqlUrl()).query("""
                 PREFIX wd: <http://www.wikidata.org/entity/>
                 PREFIX wdt: <http://www.wikidata.org/prop/direct/>
                 SELECT ?born WHERE { wd:Q559089 wdt:P569 ?born }""").build()) {
            assertEquals("1955-10-07T00:00:00Z", qe.execSelect().next().getLiteral("born").getLexicalForm());
        }
    }
}
