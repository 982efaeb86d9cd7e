package org.treatygraph.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.treatygraph.derive.Fixtures.ask;
import static org.treatygraph.derive.Fixtures.count;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole rule set over the real ontology and a small dataset of the real shape (scenario/data.trig). */
class DerivationTest {
    static DatasetGraph dsg;
    static Deriver.Report report;

    @BeforeAll static void derive() {
        dsg = scenario();
        report = Deriver.derive(dsg, Fixtures.RULES);
    }

    static DatasetGraph scenario() {
        DatasetGraph d = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(d, () -> {
            Fixtures.addOntology(d);
            RDFDataMgr.read(d, Fixtures.SCENARIO.toString());
        });
        return d;
    }

    static boolean holds(String where) {
        return Txn.calculateRead(dsg, () -> ask(dsg, where));
    }

    @Test void the_report_counts_triples_for_every_rule_and_they_add_up_to_the_inferred_graph() throws IOException {
        long rules;
        try (var s = Files.list(Fixtures.RULES)) {
            rules = s.filter(p -> p.toString().endsWith(".rq")).count();
        }
        assertEquals(rules, report.triplesPerRule().size());
        assertEquals(report.totalTriples(), report.triplesPerRule().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(report.totalTriples(), (long) Txn.calculateRead(dsg, () -> dsg.getGraph(Fixtures.INFERRED).size()));
    }

    @Test void a_planned_event_yields_no_met_with_but_was_to_meet() {
        assertFalse(holds("person:shinzo-abe tg:metWith ?x"));
        assertFalse(holds("?x tg:metWith person:vladimir-putin"));
        assertTrue(holds("person:shinzo-abe tg:wasToMeet person:vladimir-putin . person:vladimir-putin tg:wasToMeet person:shinzo-abe"));
    }

    @Test void kono_met_lavrov_in_moscow_on_14_january_2019_as_foreign_ministers() {
        assertTrue(holds("person:taro-kono tg:metWith person:sergey-lavrov . person:sergey-lavrov tg:metWith person:taro-kono"));
        assertTrue(holds("""
            ?enc a tg:Encounter ; tg:encounterPerson person:taro-kono , person:sergey-lavrov ;
                 tg:encounterEvent event:2019-01-14-kono-lavrov-moscow ;
                 tg:encounterDate "2019-01-14"^^xsd:date ; tg:encounterPlace <https://w3id.org/treatygraph/id/place/moscow>
            """));
        assertTrue(holds("part:2019-01-14-kono-lavrov-moscow--taro-kono tg:postHeldOnDate post:japan-minister-for-foreign-affairs"));
        assertTrue(holds("part:2019-01-14-kono-lavrov-moscow--sergey-lavrov tg:postHeldOnDate post:russia-minister-of-foreign-affairs"));
    }

    @Test void every_foreign_ministers_meeting_is_a_schema_event_with_attendees_date_and_location() {
        assertTrue(holds("event:2019-01-14-kono-lavrov-moscow a schema:Event ; schema:attendee person:taro-kono , person:sergey-lavrov ;"
                         + " schema:startDate ?d ; schema:location ?place ; schema:name ?name ; schema:eventStatus schema:EventScheduled"));
        assertFalse(holds("?e a tg:ForeignMinistersMeeting FILTER NOT EXISTS { ?e a schema:Event ; schema:attendee ?a ; schema:startDate ?d ; schema:location ?l }"));
    }

    @Test void the_singapore_agreement_rests_on_the_1956_declaration_and_paths_give_length_and_chain() {
        assertTrue(holds("agreement:2018-buenos-aires-agreement tg:restsOn agreement:2018-singapore-agreement , agreement:1956-joint-declaration"));
        assertTrue(holds("agreement:1956-joint-declaration tg:underlies agreement:2018-buenos-aires-agreement"));
        assertTrue(holds("""
            ?p a tg:LineagePath ; tg:pathFrom agreement:2018-buenos-aires-agreement ; tg:pathTo agreement:1956-joint-declaration ;
               tg:pathLength 2 ; tg:pathVia agreement:2018-singapore-agreement ;
               tg:pathChain "Buenos Aires agreement of 2018 → Singapore agreement of 2018 → Soviet–Japanese Joint Declaration of 1956"
            """));
        // the 1960 memorandum withdraws an obligation of 1956: a property chain makes it a lineage step
        assertTrue(holds("agreement:1960-soviet-memorandum tg:withdrawsObligationOf agreement:1956-joint-declaration ; tg:restsOn agreement:1956-joint-declaration"));
    }

    @Test void the_1956_declaration_binds_russia_as_successor_of_the_soviet_union() {
        assertTrue(holds("agreement:1956-joint-declaration tg:party state:russia"));
        assertTrue(holds("?o tg:provisionOf agreement:1956-joint-declaration ; tg:obligor state:russia"));
    }

    @Test void the_islands_claimed_by_japan_and_russia_are_disputed_but_the_whole_kurils_are_not() {
        assertTrue(holds("island:iturup a tg:DisputedTerritory . island:disputed-islands a tg:DisputedTerritory"));
        assertFalse(holds("island:kuril-islands a tg:DisputedTerritory"));
    }

    @Test void owl_same_as_links_are_viewed_as_schema_same_as_but_no_fact_is_copied_to_or_from_wikidata() {
        assertTrue(holds("person:taro-kono schema:sameAs wd:Q1320734 ; skos:exactMatch wd:Q1320734"));
        // no derived triple has a Wikidata subject, and a Wikidata object only in the two link views
        assertFalse(holds("GRAPH graph:inferred { ?s ?p ?o FILTER(STRSTARTS(STR(?s), STR(wd:))) }"));
        assertFalse(holds("GRAPH graph:inferred { ?s ?p ?o FILTER(STRSTARTS(STR(?o), STR(wd:)) && ?p NOT IN (schema:sameAs, skos:exactMatch)) }"));
        assertFalse(holds("GRAPH graph:inferred { ?s owl:sameAs ?o }"));
    }

    @Test void only_triples_that_are_not_already_asserted_are_written() {
        assertFalse(holds("GRAPH graph:inferred { ?s ?p ?o } GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:inferred)"));
    }

    @Test void nodes_stated_in_a_source_graph_are_attested_by_its_text() {
        assertTrue(holds("event:2019-01-14-kono-lavrov-moscow tg:attestedBy <https://w3id.org/treatygraph/id/source/001> ;"
                         + " schema:subjectOf <https://w3id.org/treatygraph/id/source/001>"));
        assertFalse(holds("person:taro-kono tg:attestedBy ?text"));
    }

    @Test void semi_naive_rounds_derive_exactly_what_naive_rounds_derive() {
        DatasetGraph naive = scenario();
        Txn.executeWrite(naive, () -> Deriver.run(naive, Rule.loadAll(Fixtures.RULES), true));
        Fixtures.assertIsomorphic(Fixtures.inferred(naive), Fixtures.inferred(dsg), "semi-naive vs naive");
    }

    @Test void on_a_TDB2_store_the_whole_rules_run_on_TDB2s_engine_and_derive_what_the_view_derives_without_reading_the_meta_journal_or_blank_named_graphs() {
        // the same data in a TDB2 store, and in the meta and journal graphs triples that rules
        // would conclude from if they read them (a labelled meeting of two people)
        DatasetGraph tdb = org.apache.jena.tdb2.DatabaseMgr.createDatasetGraph();
        Txn.executeWrite(tdb, () -> {
            Txn.executeRead(dsg, () -> dsg.find().forEachRemaining(q -> {
                if (!org.treatygraph.load.Graphs.isReserved(q.getGraph()))
                    tdb.add(q);
            }));
            Graph notData = org.apache.jena.graph.GraphMemFactory.createDefaultGraph();
            RDFDataMgr.read(notData, new java.io.StringReader("""
                @prefix tg: <https://w3id.org/treatygraph/ontology#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                <http://example.org/m> a tg:Meeting ; rdfs:label "not data"@en ; tg:eventStatus tg:Held ;
                    tg:participation [ tg:agent <http://example.org/a> ] , [ tg:agent <http://example.org/b> ] .
                <http://example.org/a> a tg:Person . <http://example.org/b> a tg:Person .
                """), null, org.apache.jena.riot.Lang.TURTLE);
            // the pipeline's meta and journal graphs, and a graph named by a blank node (not an asserted graph)
            for (org.apache.jena.graph.Node g : List.of(org.treatygraph.load.Graphs.node(org.treatygraph.load.Graphs.META),
                                                        org.treatygraph.load.Graphs.node(org.treatygraph.load.Graphs.JOURNAL),
                                                        org.apache.jena.graph.NodeFactory.createBlankNode()))
                notData.find().forEachRemaining(t -> tdb.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
        });
        Deriver.Report onTdb = Deriver.derive(tdb, Fixtures.RULES);
        assertEquals(report.totalTriples(), onTdb.totalTriples(), "as many derived triples");
        Fixtures.assertIsomorphic(Fixtures.inferred(dsg), Fixtures.inferred(tdb), "TDB2's engine vs the view");
    }

    @Test void deriving_again_without_changes_leaves_the_inferred_graph_as_it_was() {
        DatasetGraph again = scenario();
        Deriver.derive(again, Fixtures.RULES);
        Graph first = Fixtures.inferred(again);
        Deriver.Report second = Deriver.derive(again, Fixtures.RULES);
        assertEquals(first.size(), second.totalTriples());
        Fixtures.assertIsomorphic(first, Fixtures.inferred(again), "second derivation");
    }

    @Test void a_rule_that_is_not_sparql_is_reported_with_its_file_and_line(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("10-broken.rq"), "PREFIX tg: <https://w3id.org/treatygraph/ontology#>\nCONSTRUCT { ?x tg:p ?y }\nWHERE { ?x tg:q ?y \n");
        DeriveException e = assertThrows(DeriveException.class, () -> Deriver.derive(DatasetGraphFactory.createTxnMem(), dir));
        assertTrue(e.getMessage().contains("10-broken.rq:"), e.getMessage());
    }

    @Test void a_rule_with_a_blank_node_in_its_template_is_refused() throws IOException {
        Path dir = Files.createTempDirectory("rules");
        Files.writeString(dir.resolve("10-bnode.rq"), "CONSTRUCT { _:b <http://example.org/p> ?y } WHERE { ?x <http://example.org/q> ?y }");
        DeriveException e = assertThrows(DeriveException.class, () -> Rule.loadAll(dir));
        assertTrue(e.getMessage().contains("blank node"), e.getMessage());
    }

    @Test void a_rule_file_without_a_stratum_number_is_refused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("met-with.rq"), "CONSTRUCT { ?x <http://example.org/p> ?y } WHERE { ?x <http://example.org/q> ?y }");
        DeriveException e = assertThrows(DeriveException.class, () -> Rule.loadAll(dir));
        assertTrue(e.getMessage().contains("NN-name.rq"), e.getMessage());
    }

    @Test void a_rule_of_a_later_stratum_sees_the_fixpoint_of_the_earlier_strata(@TempDir Path dir) throws IOException {
        // an aggregate in stratum 20 counts the closure that stratum 10 completed
        Files.writeString(dir.resolve("10-chain.rq"), "CONSTRUCT { ?x <http://example.org/p> ?z } WHERE { ?x <http://example.org/p> ?y . ?y <http://example.org/p> ?z }");
        Files.writeString(dir.resolve("20-count.rq"),
            "CONSTRUCT { ?x <http://example.org/reaches> ?n } WHERE { { SELECT ?x (COUNT(?y) AS ?n) { ?x <http://example.org/p> ?y } GROUP BY ?x } }");
        List<Rule> rules = Rule.loadAll(dir);
        assertTrue(rules.stream().filter(r -> r.name.equals("20-count")).findFirst().orElseThrow().incremental());
        DatasetGraph d = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(d, () -> RDFDataMgr.read(d, new java.io.StringReader(
            "<http://example.org/g> { <http://example.org/a> <http://example.org/p> <http://example.org/b> . <http://example.org/b> <http://example.org/p> <http://example.org/c> . <http://example.org/c> <http://example.org/p> <http://example.org/d> . }"), null,
            org.apache.jena.riot.Lang.TRIG));
        Deriver.derive(d, dir);
        assertTrue(Txn.calculateRead(d, () -> ask(d, "<http://example.org/a> <http://example.org/reaches> 3 . <http://example.org/b> <http://example.org/reaches> 2")));
        assertFalse(Txn.calculateRead(d, () -> ask(d, "<http://example.org/a> <http://example.org/reaches> 1")));
    }
}
