package org.treatygraph.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.treatygraph.testing.WikidataStandIn;

class LinkingTest {
    static WikidataStandIn wikidata;

    @BeforeAll
    static void start() {
        wikidata = WikidataStandIn.start();
    }

    @AfterAll
    static void stop() {
        wikidata.close();
    }

    static LinkConfig config() {
        return LinkConfig.defaults(URI.create(wikidata.sparqlUrl()));
    }

    static Map<String, Proposal> proposals() {
        return Linking.propose(OurData.with("/wikidata/entities.trig"), config()).stream()
                      .collect(Collectors.toMap(Proposal::entity, Function.identity()));
    }

    static final String ID = "https://w3id.org/treatygraph/id/";

    @Test
    void link_ranks_the_right_item_first_for_each_unlinked_entity() {
        Map<String, Proposal> ps = proposals();
        assertEquals("Q1161024", ps.get(ID + "person/taro-kono").accepted().get(0).qid());
        assertEquals("Q215727", ps.get(ID + "island/iturup").accepted().get(0).qid());
        assertEquals("Q649", ps.get(ID + "place/moscow").accepted().get(0).qid());
        assertEquals("Q15180", ps.get(ID + "state/soviet-union").accepted().get(0).qid());
    }

    @Test
    void decoys_of_the_wrong_type_are_rejected() {
        Map<String, Proposal> ps = proposals();
        Map<String, Candidate> kono = byQid(ps.get(ID + "person/taro-kono"));
        assertTrue(kono.get("Q900000001").rejected(), "the film called Taro Kono");
        assertTrue(kono.get("Q900000001").reasons().contains("type differs (P31 Q900000202; not an instance of Q5)"));
        assertTrue(byQid(ps.get(ID + "island/iturup")).get("Q900000003").rejected(), "the ship called Iturup");
        assertTrue(byQid(ps.get(ID + "state/soviet-union")).get("Q900000006").rejected(), "the album called Soviet Union");
    }

    @Test
    void a_decoy_of_the_right_type_with_fewer_matching_languages_ranks_below_the_real_item() {
        Map<String, Proposal> ps = proposals();
        assertEquals(List.of("Q1161024", "Q900000002"), qids(ps.get(ID + "person/taro-kono").accepted()));
        assertEquals(List.of("Q649", "Q900000004"), qids(ps.get(ID + "place/moscow").accepted()));
        Proposal moscow = ps.get(ID + "place/moscow");
        assertTrue(moscow.accepted().get(0).score() > moscow.accepted().get(1).score());
    }

    @Test
    void an_entity_that_wikidata_has_no_item_for_gets_no_candidate_and_structural_nodes_are_not_searched() {
        Map<String, Proposal> ps = proposals();
        assertTrue(ps.get(ID + "event/2019-01-14-kono-lavrov-moscow").candidates().isEmpty());
        assertFalse(ps.containsKey(ID + "participation/2019-01-14-kono-lavrov-moscow--taro-kono"));
        assertEquals(5, ps.size());
    }

    @Test
    void the_review_file_lists_the_candidates_exactly() {
        StringWriter out = new StringWriter();
        Linking.writeReview(Linking.propose(OurData.with("/wikidata/entities.trig"), config()), out, false);
        assertEquals(expected("review.tsv", out.toString()), out.toString());
    }

    @Test
    void the_review_file_with_all_candidates_also_lists_the_rejected_ones() {
        StringWriter out = new StringWriter();
        Linking.writeReview(Linking.propose(OurData.with("/wikidata/entities.trig"), config()), out, true);
        assertEquals(expected("review-all.tsv", out.toString()), out.toString());
    }

    @Test
    void link_check_passes_for_correct_links() {
        List<LinkCheck> checks = Linking.check(OurData.with("/wikidata/links-correct.trig"), config());
        assertEquals(3, checks.size());
        assertTrue(checks.stream().allMatch(LinkCheck::ok), checks::toString);
        StringWriter out = new StringWriter();
        Linking.writeCheck(checks, out);
        assertEquals(expected("check-correct.tsv", out.toString()), out.toString());
    }

    @Test
    void link_check_flags_a_wrong_label_a_wrong_type_and_a_missing_item() {
        Map<String, LinkCheck> checks = Linking.check(OurData.with("/wikidata/links-wrong.trig"), config()).stream()
            .collect(Collectors.toMap(LinkCheck::entity, Function.identity()));
        assertTrue(checks.get(ID + "island/iturup").ok());
        LinkCheck abe = checks.get(ID + "person/shinzo-abe");
        assertEquals(LinkCheck.Verdict.DIFFERS, abe.labelVerdict());
        assertEquals(LinkCheck.Verdict.AGREES, abe.typeVerdict());
        assertFalse(abe.ok());
        LinkCheck tokyo = checks.get(ID + "place/tokyo");
        assertEquals(LinkCheck.Verdict.AGREES, tokyo.labelVerdict());
        assertEquals(LinkCheck.Verdict.DIFFERS, tokyo.typeVerdict());
        assertFalse(tokyo.ok());
        LinkCheck shikotan = checks.get(ID + "island/shikotan");
        assertEquals(LinkCheck.Verdict.MISSING, shikotan.labelVerdict());
        assertFalse(shikotan.ok());
        StringWriter out = new StringWriter();
        Linking.writeCheck(Linking.check(OurData.with("/wikidata/links-wrong.trig"), config()), out);
        assertEquals(expected("check-wrong.tsv", out.toString()), out.toString());
    }

    private static Map<String, Candidate> byQid(Proposal p) {
        return p.candidates().stream().collect(Collectors.toMap(Candidate::qid, Function.identity()));
    }

    private static List<String> qids(List<Candidate> cs) {
        return cs.stream().map(Candidate::qid).toList();
    }

    @Test
    void accents_and_case_do_not_hide_a_match() {
        Proposal p = Linking.propose(OurData.with("/wikidata/entities-accents.trig"), config()).get(0);
        Candidate best = p.accepted().get(0);
        assertEquals("Q1161024", best.qid());
        assertEquals(List.of("label normalised (en)", "type agrees (P31/P279* Q5)", "description mentions \"japanese\""),
                     best.reasons());
        assertEquals(0.75, best.score());
    }

    /**
     * The expected file src/test/resources/wikidata/expected/NAME. Run the tests with
     * {@code -Dlink.regenerate=true} to rewrite them from the actual output (then review the diff).
     */
    static String expected(String name, String actual) {
        Path file = Path.of("src/test/resources/wikidata/expected", name);
        try {
            if (Boolean.getBoolean("link.regenerate")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expected(name);
    }

    /** The expected file src/test/resources/wikidata/expected/NAME (read only). */
    static String expected(String name) {
        Path file = Path.of("src/test/resources/wikidata/expected", name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
