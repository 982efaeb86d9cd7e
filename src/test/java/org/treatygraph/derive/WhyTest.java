package org.treatygraph.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.treatygraph.load.Graphs;

/**
 * Why-explanations of real derived facts of the real data, in a real TDB2 database: the rule that
 * derives them, their premises, down to the graphs that state them with the source text's title,
 * date and evidence quotes, or the background's references.
 */
class WhyTest {
    static final String PREFIXES = """
        tg: https://w3id.org/treatygraph/ontology#
        rdf: http://www.w3.org/1999/02/22-rdf-syntax-ns#
        rdfs: http://www.w3.org/2000/01/rdf-schema#
        schema: http://schema.org/
        person: https://w3id.org/treatygraph/id/person/
        event: https://w3id.org/treatygraph/id/event/
        agreement: https://w3id.org/treatygraph/id/agreement/
        encounter: https://w3id.org/treatygraph/id/encounter/
        lineage: https://w3id.org/treatygraph/id/lineage/
        part: https://w3id.org/treatygraph/id/participation/
        state: https://w3id.org/treatygraph/id/state/
        """;

    @TempDir static Path dir;
    static DatasetGraph dsg;
    static PrefixMap prefixes = PrefixMapFactory.create();
    static Why why = new Why(Fixtures.RULES);

    @BeforeAll static void build() throws IOException {
        PREFIXES.lines().map(String::strip).filter(l -> !l.isEmpty())
                .forEach(l -> prefixes.add(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(' ') + 1)));
        dsg = DatabaseMgr.connectDatasetGraph(dir.resolve("tdb2").toString());
        List<org.apache.jena.sparql.core.Quad> real = IncrementalUpdateTest.realData();
        Txn.executeWrite(dsg, () -> {
            real.forEach(dsg::add);
            new Reasoner(Fixtures.RULES).derive(dsg);
        });
    }

    @AfterAll static void close() {
        TDBInternal.expel(dsg);
    }

    static Triple triple(String s, String p, String o) {
        return Triple.create(Why.term(s, prefixes, false), Why.term(p, prefixes, false), Why.term(o, prefixes, true));
    }

    static Explanation explain(Triple t) {
        return Txn.calculateRead(dsg, () -> why.explain(dsg, t));
    }

    @ParameterizedTest(name = "{0} {1} {2} is derived by {3}")
    @CsvSource(delimiter = '|', textBlock = """
        encounter:2019-01-14-kono-lavrov-moscow--sergey-lavrov--taro-kono | rdf:type | tg:Encounter | 10-encounter
        encounter:2019-01-14-kono-lavrov-moscow--sergey-lavrov--taro-kono | tg:encounterDate | "2019-01-14"^^<http://www.w3.org/2001/XMLSchema#date> | 10-encounter
        person:taro-kono | tg:metWith | person:sergey-lavrov | 10-met-with
        agreement:2018-singapore-agreement | tg:restsOn | agreement:1956-joint-declaration | 10-prp-spo1
        lineage:2018-singapore-agreement--1956-joint-declaration | tg:pathTo | agreement:1956-joint-declaration | 10-lineage-path-start
        person:taro-kono | schema:name | "Taro Kono"@en | 10-view-schema-name
        event:2019-01-14-kono-lavrov-moscow | schema:attendee | person:taro-kono | 10-prp-spo1
        agreement:1956-joint-declaration | tg:party | state:russia | 10-successor-state
        """)
    void a_derived_fact_names_the_rule_that_derives_it_and_every_premise_is_explained_down_to_stated_triples(
            String s, String p, String o, String rule) {
        Explanation e = explain(triple(s, p, o));
        assertEquals(Explanation.Status.INFERRED, e.status(), e.toText(prefixes));
        assertTrue(e.derivations().stream().anyMatch(d -> d.rule().equals(rule)), rule + " in\n" + e.toText(prefixes));
        assertWellFounded(e);
    }

    @Test
    void an_encounter_rests_on_the_source_sentence_that_reports_the_meeting_with_its_title_and_date() {
        Explanation e = explain(triple("encounter:2019-01-14-kono-lavrov-moscow--sergey-lavrov--taro-kono", "rdf:type", "tg:Encounter"));
        Explanation held = premise(e, "10-encounter", t -> t.getPredicate().getURI().equals(Graphs.TG + "eventStatus"));
        Explanation.Statement s001 = held.statedIn().stream()
            .filter(st -> st.graph().getURI().equals(Graphs.GRAPH + "source/001")).findFirst().orElseThrow();
        assertEquals("Japan-Russia Foreign Ministers’ Meeting", s001.title());
        assertEquals("2019-01-14", s001.date());
        assertTrue(s001.evidence().stream().anyMatch(q -> q.startsWith("On January 14, Mr. Taro Kono")), s001.evidence().toString());
        assertTrue(e.toText(prefixes).contains("evidence: \"On January 14, Mr. Taro Kono"), e.toText(prefixes));
    }

    @Test
    void a_lineage_step_rests_on_the_stated_link_and_the_background_reference() {
        Explanation e = explain(triple("agreement:2018-singapore-agreement", "tg:restsOn", "agreement:1956-joint-declaration"));
        Explanation link = premise(e, "10-prp-spo1", t -> t.getPredicate().getURI().equals(Graphs.TG + "basedOn"));
        assertEquals(Explanation.Status.ASSERTED, link.status());
        assertTrue(link.statedIn().stream().anyMatch(st -> st.graph().getURI().equals(Graphs.GRAPH + "background")
                                                           && !st.citations().isEmpty()), e.toText(prefixes));
    }

    @Test
    void a_lineage_all_the_way_down_is_explained_as_a_chain_of_stated_links_without_going_round_in_circles() {
        Explanation e = explain(triple("agreement:2018-singapore-agreement", "tg:restsOn", "agreement:1855-treaty-of-shimoda"));
        assertWellFounded(e);
        String text = e.toText(prefixes);
        for (String a : List.of("1956-joint-declaration", "1951-treaty-of-san-francisco", "1905-treaty-of-portsmouth"))
            assertTrue(text.contains("agreement:" + a), a + " on the chain:\n" + text);
    }

    @Test
    void an_asserted_triple_answers_the_graphs_that_state_it() {
        Explanation e = explain(triple("event:2019-01-14-kono-lavrov-moscow", "tg:eventStatus", "tg:Held"));
        assertEquals(Explanation.Status.ASSERTED, e.status());
        assertTrue(e.derivations().isEmpty());
        assertTrue(e.statedIn().stream().anyMatch(st -> st.graph().getURI().equals(Graphs.GRAPH + "source/001")));
        assertTrue(e.toText(prefixes).contains("asserted in graph <" + Graphs.GRAPH + "source/001>"), e.toText(prefixes));
    }

    @Test
    void a_triple_that_is_neither_stated_nor_derived_is_absent() {
        Explanation e = explain(triple("person:taro-kono", "tg:metWith", "person:vladimir-putin"));
        assertEquals(Explanation.Status.ABSENT, e.status());
    }

    @Test
    void any_triple_of_the_inferred_graph_is_explained_down_to_stated_triples() {
        List<Triple> inferred = Txn.calculateRead(dsg, () -> {
            List<Triple> l = new ArrayList<>();
            dsg.find(Graphs.node(Graphs.INFERRED), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> l.add(q.asTriple()));
            return l;
        });
        Random random = new Random(5);
        for (int i = 0; i < 40; i++) {
            Triple t = inferred.get(random.nextInt(inferred.size()));
            Explanation e = explain(t);
            assertEquals(Explanation.Status.INFERRED, e.status(), t.toString());
            assertWellFounded(e);
        }
    }

    @Test
    void the_answer_has_a_json_form_a_text_form_and_an_html_form() {
        Explanation e = explain(triple("person:taro-kono", "schema:name", "\"Taro Kono\"@en"));
        String json = e.toJson(prefixes).toString();
        assertTrue(json.contains("\"rule\" : \"10-view-schema-name\""), json);
        assertTrue(json.contains("\"status\" : \"asserted\""), json);
        assertTrue(e.toText(prefixes).startsWith("person:taro-kono schema:name \"Taro Kono\"@en"), e.toText(prefixes));
        assertTrue(e.toHtml(prefixes).contains("derived by rule <b>10-view-schema-name</b>"), e.toHtml(prefixes));
    }

    /** The premise of the derivation by {@code rule} that matches. */
    static Explanation premise(Explanation e, String rule, Predicate<Triple> which) {
        return e.derivations().stream().filter(d -> d.rule().equals(rule)).flatMap(d -> d.premises().stream())
                .filter(p -> which.test(p.triple())).findFirst()
                .orElseThrow(() -> new AssertionError("no premise of " + rule + " in\n" + e.toText(prefixes)));
    }

    /** Every inferred node has a derivation or points to one given above; every leaf is stated by a graph. */
    static void assertWellFounded(Explanation e) {
        switch (e.status()) {
            case ABSENT -> throw new AssertionError("a premise is not in the data: " + e.triple());
            case ASSERTED -> assertFalse(e.statedIn().isEmpty(), e.triple().toString());
            case INFERRED -> {
                if (e.see() > 0)
                    return;
                assertFalse(e.derivations().isEmpty(), "no derivation for " + e.triple() + ": " + e.note());
                e.derivations().forEach(d -> d.premises().forEach(WhyTest::assertWellFounded));
            }
        }
    }
}
