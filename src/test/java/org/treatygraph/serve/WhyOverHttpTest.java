package org.treatygraph.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.load.Database;
import org.treatygraph.load.Project;
import org.treatygraph.testing.TestMeeting;

/** GET /kg/why over real HTTP, on the real project: JSON, text and HTML answers, and what a bad question gets. */
class WhyOverHttpTest {
    @TempDir static Path tmp;
    static Database db;
    static TreatyServer server;

    @BeforeAll static void start() throws IOException {
        Project project = TestMeeting.copyOfTheRealProject(tmp.resolve("project"));
        db = Database.open(tmp.resolve("tdb2"), project, new Reasoner(project.rulesDir()));
        db.rebuild(Database.OnError.REFUSE);
        server = TreatyServer.builder(db).port(0).build().start();
    }

    @AfterAll static void stop() {
        server.stop();
        TDBInternal.expel(db.dataset());
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
        <https://w3id.org/treatygraph/id/encounter/2019-01-14-kono-lavrov-moscow--sergey-lavrov--taro-kono> | rdf:type | tg:Encounter | 10-encounter
        agreement:2018-singapore-agreement | tg:restsOn | agreement:1855-treaty-of-shimoda | 10-prp-trp
        person:taro-kono | schema:name | "Taro Kono"@en | 10-view-schema-name
        """)
    void a_derived_fact_is_explained_as_json_with_the_rule_and_the_source_texts_below_it(String s, String p, String o, String rule)
            throws Exception {
        HttpResponse<String> r = get(s, p, o, null, "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject answer = JSON.parse(r.body());
        assertEquals("inferred", answer.getString("status"));
        JsonObject first = answer.get("derivations").getAsArray().get(0).getAsObject();
        assertEquals(rule, first.getString("rule"), r.body());
        assertTrue(first.getString("file").endsWith("ontology/rules/" + rule + ".rq"), first.getString("file"));
        assertTrue(leavesAreStated(answer), "every leaf is stated by a graph: " + r.body());
    }

    @Test
    void the_text_form_reads_as_a_tree_down_to_the_evidence_quote() throws Exception {
        HttpResponse<String> r = get("person:taro-kono", "tg:metWith", "person:sergey-lavrov", null, "text/plain");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("person:taro-kono tg:metWith person:sergey-lavrov"), r.body());
        assertTrue(r.body().contains("derived by rule 10-met-with"), r.body());
        assertTrue(r.body().contains("source text src:001: \"Japan-Russia Foreign Ministers’ Meeting\", 2019-01-14"), r.body());
        assertTrue(r.body().contains("evidence: \"On January 14, Mr. Taro Kono"), r.body());
    }

    @Test
    void the_html_form_is_a_page_and_format_chooses_the_form_over_accept() throws Exception {
        HttpResponse<String> r = get("person:taro-kono", "schema:name", "\"Taro Kono\"@en", "html", "application/json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("<h1>Why?</h1>") && r.body().contains("derived by rule <b>10-view-schema-name</b>"), r.body());
    }

    @Test
    void an_asserted_triple_answers_asserted_in_its_graph() throws Exception {
        HttpResponse<String> r = get("event:2019-01-14-kono-lavrov-moscow", "tg:eventStatus", "tg:Held", "text", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("asserted in graph <https://w3id.org/treatygraph/graph/source/001>"), r.body());
    }

    @Test
    void a_missing_term_or_an_unknown_format_is_a_bad_request_that_says_what_to_give() throws Exception {
        HttpResponse<String> r = send("/kg/why?s=" + enc("person:taro-kono") + "&p=" + enc("tg:metWith"), "application/json");
        assertEquals(400, r.statusCode());
        assertTrue(JSON.parse(r.body()).getString("message").contains("o is missing"), r.body());
        HttpResponse<String> f = get("person:taro-kono", "tg:metWith", "person:sergey-lavrov", "xml", null);
        assertEquals(400, f.statusCode());
        HttpResponse<String> lit = get("\"Kono\"", "tg:metWith", "person:sergey-lavrov", "json", null);
        assertEquals(400, lit.statusCode());
        assertTrue(lit.body().contains("only an object can be one"), lit.body());
    }

    @Test
    void a_triple_that_is_not_in_the_data_says_so() throws Exception {
        HttpResponse<String> r = get("person:taro-kono", "tg:metWith", "person:vladimir-putin", "json", null);
        assertEquals(200, r.statusCode());
        assertEquals("absent", JSON.parse(r.body()).getString("status"));
    }

    static boolean leavesAreStated(JsonObject node) {
        String status = node.getString("status");
        if (status.equals("asserted"))
            return node.hasKey("statedIn");
        if (status.equals("absent"))
            return false;
        if (node.hasKey("see"))
            return true;
        if (!node.hasKey("derivations"))
            return false;
        for (JsonValue d : node.get("derivations").getAsArray())
            for (JsonValue p : d.getAsObject().get("premises").getAsArray())
                if (!leavesAreStated(p.getAsObject()))
                    return false;
        return true;
    }

    HttpResponse<String> get(String s, String p, String o, String format, String accept) throws Exception {
        return send("/kg/why?s=" + enc(s) + "&p=" + enc(p) + "&o=" + enc(o) + (format == null ? "" : "&format=" + format), accept);
    }

    HttpResponse<String> send(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (accept != null)
            b.header("Accept", accept);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
