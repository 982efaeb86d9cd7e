package org.treatygraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.treatygraph.testing.CommandLine.run;

import java.nio.file.Path;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.testing.CommandLine.Result;

/** The {@code why} verb on a database built from the real project. */
class WhyCommandTest {
    @TempDir static Path tmp;
    static String db;

    @BeforeAll static void build() {
        db = tmp.resolve("tdb2").toString();
        Result load = run("load", "--project", ".", "--db", db);
        assertEquals(0, load.exit(), load.err());
    }

    @Test
    void why_prints_the_rule_and_its_premises_down_to_the_source_texts() {
        Result r = run("why", "--project", ".", "--db", db, "person:taro-kono", "tg:metWith", "person:sergey-lavrov");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("person:taro-kono tg:metWith person:sergey-lavrov"), r.out());
        assertTrue(r.out().contains("derived by rule 10-met-with — Who met whom (ontology/rules/10-met-with.rq)"), r.out());
        assertTrue(r.out().contains("asserted in graph <https://w3id.org/treatygraph/graph/source/001>"), r.out());
    }

    @Test
    void why_prints_json_on_request_and_an_asserted_triple_names_its_graph() {
        Result r = run("why", "--project", ".", "--db", db, "--format", "json",
                       "agreement:2018-singapore-agreement", "tg:basedOn", "agreement:1956-joint-declaration");
        assertEquals(0, r.exit(), r.err());
        JsonObject o = JSON.parse(r.out());
        assertEquals("asserted", o.getString("status"));
        assertTrue(o.get("statedIn").getAsArray().size() >= 1, r.out());
    }

    @Test
    void a_literal_in_the_subject_position_is_a_usage_error() {
        Result r = run("why", "--project", ".", "--db", db, "\"Kono\"", "tg:metWith", "person:sergey-lavrov");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("SUBJECT: '\"Kono\"' is a literal"), r.err());
    }
}
