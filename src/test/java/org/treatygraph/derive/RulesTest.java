package org.treatygraph.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of ontology/rules: the rule ALONE runs (to its own fixpoint) over
 * src/test/resources/derive/rules/RULE/input.trig, and the inferred graph must be exactly
 * expected.ttl (compared as graphs).
 */
class RulesTest {
    static final Path RULES = Path.of("ontology/rules");
    static final Path FIXTURES = Path.of("src/test/resources/derive/rules");

    @Test void every_rule_has_a_fixture_and_every_fixture_a_rule() throws IOException {
        Set<String> rules, fixtures;
        try (Stream<Path> s = Files.list(RULES)) {
            rules = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rq"))
                     .map(n -> n.substring(0, n.length() - 3)).collect(Collectors.toCollection(TreeSet::new));
        }
        try (Stream<Path> s = Files.list(FIXTURES)) {
            fixtures = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(rules, fixtures);
    }

    // ---- stratum 00: the schema closure

    @Test void sub_classes_are_closed_transitively_and_equivalent_classes_are_sub_classes_both_ways() { assertRule("00-scm-sco"); }

    @Test void sub_properties_are_closed_transitively_and_equivalent_properties_are_sub_properties_both_ways() { assertRule("00-scm-spo"); }

    @Test void domains_and_ranges_pass_to_super_classes_and_to_sub_properties() { assertRule("00-scm-dom-rng"); }

    @Test void an_inverse_axiom_holds_both_ways() { assertRule("00-scm-inv"); }

    // ---- stratum 05: facts the later rules build on

    @Test void an_event_at_a_venue_inside_a_city_took_place_in_that_city() { assertRule("05-location-in-city"); }

    @Test void a_sub_event_without_a_place_took_place_where_its_super_event_did() { assertRule("05-location-from-super-event"); }

    // ---- stratum 10: OWL 2 RL over the data

    @Test void an_instance_belongs_to_every_super_class() { assertRule("10-cax-sco"); }

    @Test void a_statement_holds_with_every_super_property() { assertRule("10-prp-spo1"); }

    @Test void a_two_step_property_chain_concludes_its_property() { assertRule("10-prp-spo2-chain2"); }

    @Test void a_three_step_property_chain_concludes_only_when_complete() { assertRule("10-prp-spo2-chain3"); }

    @Test void an_inverse_property_states_the_statement_the_other_way_round() { assertRule("10-prp-inv"); }

    @Test void a_symmetric_property_holds_both_ways() { assertRule("10-prp-symp"); }

    @Test void a_transitive_property_closes_a_chain_of_steps() { assertRule("10-prp-trp"); }

    @Test void a_domain_types_the_subject() { assertRule("10-prp-dom"); }

    @Test void a_range_types_a_resource_value_but_never_a_literal() { assertRule("10-prp-rng"); }

    // ---- stratum 10: Treaty Graph rules

    @Test void persons_at_a_held_event_met_each_other_and_persons_at_a_planned_event_did_not() { assertRule("10-met-with"); }

    @Test void persons_at_a_planned_event_were_to_meet_unless_a_graph_says_it_was_held() { assertRule("10-was-to-meet"); }

    @Test void each_pair_of_persons_at_a_held_event_gets_one_encounter_with_date_and_place() { assertRule("10-encounter"); }

    @Test void a_participation_gets_every_post_its_agent_surely_held_on_the_event_date() { assertRule("10-post-held-on-date"); }

    @Test void each_lineage_step_is_a_path_of_length_one_with_its_chain_of_labels() { assertRule("10-lineage-path-start"); }

    @Test void lineage_paths_grow_one_step_at_a_time_and_cycles_are_cut() { assertRule("10-lineage-path-extend"); }

    @Test void parties_of_a_predecessor_state_carry_over_to_its_successors_but_claims_and_ended_agreements_do_not() { assertRule("10-successor-state"); }

    @Test void labels_are_schema_names() { assertRule("10-view-schema-name"); }

    @Test void the_labels_of_the_posts_a_person_holds_are_schema_job_titles() { assertRule("10-view-job-title"); }

    @Test void a_source_text_has_its_publisher_headline_and_language_in_schema_org_terms() { assertRule("10-view-source-text"); }

    @Test void links_to_wikidata_become_schema_same_as_and_skos_exact_match_without_copying_facts() { assertRule("10-view-same-as"); }

    @Test void the_only_label_in_a_language_is_the_skos_preferred_label() { assertRule("10-view-skos-pref-label"); }

    @Test void names_other_than_the_label_are_alternative_labels() { assertRule("10-view-alt-labels"); }

    @Test void event_statuses_get_their_schema_org_status_value() { assertRule("10-view-event-status"); }

    @Test void event_days_become_owl_time_instants_and_intervals() { assertRule("10-time-event"); }

    @Test void a_start_a_window_start_or_an_encounter_date_is_dated_in_its_calendar_month_and_a_date_with_a_time_zone_in_the_neighbouring_months_too() { assertRule("10-calendar-month"); }

    @Test void a_calendar_month_gets_its_class_and_its_index_counted_in_months_from_year_0() { assertRule("10-calendar-month-index"); }

    @Test void tenures_become_owl_time_intervals_open_ended_while_ongoing() { assertRule("10-time-tenure"); }

    @Test void subjects_of_a_source_graph_are_attested_by_its_source_text() { assertRule("10-attested-by"); }

    @Test void a_place_claimed_by_two_states_at_the_same_time_is_a_disputed_territory() { assertRule("10-disputed-territory"); }

    @Test void coordinates_become_a_geosparql_point_geometry() { assertRule("10-view-geometry"); }

    // ---- strata 15–25: event coding (CAMEO, PLOVER)

    @Test void a_participant_acts_for_the_state_of_their_post_or_else_of_the_one_nationality_that_existed_that_day() { assertRule("15-participant-state"); }

    @Test void an_event_is_hosted_by_the_one_state_its_places_organizer_and_hosts_agree_on() { assertRule("20-host-state"); }

    @Test void each_pair_of_participants_of_two_states_gets_the_cameo_codes_and_plover_modes_of_a_visit_a_third_location_a_call_or_a_negotiation() { assertRule("25-event-codes"); }

    @Test void a_visit_without_anyone_of_the_host_state_is_a_visit_to_that_state() { assertRule("25-event-codes-visit-to-state"); }

    /** Run one rule alone over its fixture and compare the inferred graph with the expected one. */
    static void assertRule(String rule) {
        Path dir = FIXTURES.resolve(rule);
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(dsg, () -> RDFDataMgr.read(dsg, dir.resolve("input.trig").toString()));
        Rule r = Rule.load(RULES.resolve(rule + ".rq"));
        Txn.executeWrite(dsg, () -> Deriver.run(dsg, List.of(r)));
        Graph actual = Fixtures.inferred(dsg);
        Graph expected = RDFDataMgr.loadGraph(dir.resolve("expected.ttl").toString());
        Fixtures.assertIsomorphic(expected, actual, rule);
    }

}
