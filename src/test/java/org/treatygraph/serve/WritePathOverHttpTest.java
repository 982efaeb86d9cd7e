package org.treatygraph.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.derive.Deriver;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.load.Database;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Project;
import org.treatygraph.testing.TestMeeting;

/**
 * The one write path over real HTTP, on the real ontology, rules and data (a copy of the project,
 * so that files can change): every write is validated, derived from in the same transaction,
 * journaled — or refused with its problems and nothing changed.
 */
class WritePathOverHttpTest {
    static final String USER = "admin", PASSWORD = "s3cret-for-tests";
    static final String PREFIXES = TestMeeting.PREFIXES;
    static final String SOURCE_005 = TestMeeting.SOURCE_005;
    static final String EVENT = TestMeeting.EVENT;
    static final String ENCOUNTER = TestMeeting.ENCOUNTER;
    static final String MEETING = TestMeeting.MEETING;

    @TempDir Path tmp;
    Project project;
    Database db;
    TreatyServer server;

    @BeforeEach
    void start() throws IOException {
        project = TestMeeting.copyOfTheRealProject(tmp.resolve("project"));
        db = Database.open(tmp.resolve("tdb2"), project, new Reasoner(project.rulesDir()));
        db.rebuild(Database.OnError.REFUSE);
        server = start(db);
    }

    @AfterEach
    void stop() {
        if (server != null)
            server.stop();
        TDBInternal.expel(db.dataset());
    }

    static TreatyServer start(Database db) {
        return TreatyServer.builder(db).port(0).passwordFile(Fixtures.file("passwords.txt")).build().start();
    }

    // ---- the tests

    @Test
    void an_update_inserting_a_meeting_derives_who_met_whom_and_schema_org_facts_in_the_same_response_and_a_delete_removes_them()
            throws Exception {
        HttpResponse<String> in = update("INSERT DATA { " + MEETING + " }");
        assertEquals(200, in.statusCode(), in.body());
        JsonObject report = JSON.parse(in.body());
        assertTrue(report.get("added").getAsNumber().value().intValue() > 20, in.body());
        assertTrue(report.get("inferred").getAsObject().get("added").getAsNumber().value().intValue() > 0, in.body());
        assertEquals(1, report.get("journalEntry").getAsNumber().value().intValue(), in.body());

        assertTrue(ask("ASK { <" + EVENT + "> a schema:Event ; schema:attendee person:taro-kono , person:sergey-lavrov ;"
                       + " schema:startDate \"2019-06-20\"^^xsd:date ; schema:location place:moscow }"),
                   "the schema.org view of the new meeting");
        assertTrue(ask("ASK { <" + ENCOUNTER + "> a tg:Encounter ; tg:encounterEvent <" + EVENT + "> ;"
                       + " tg:encounterPerson person:taro-kono , person:sergey-lavrov ; tg:encounterDate \"2019-06-20\"^^xsd:date }"),
                   "who met whom");
        assertTrue(ask("ASK { person:taro-kono tg:metWith person:sergey-lavrov }"));
        assertInferredEqualsAFromScratchDerivation();

        HttpResponse<String> out = update("DELETE DATA { " + MEETING + " }");
        assertEquals(200, out.statusCode(), out.body());
        assertFalse(ask("ASK { <" + EVENT + "> ?p ?o }"));
        assertFalse(ask("ASK { <" + ENCOUNTER + "> ?p ?o }"));
        assertTrue(ask("ASK { person:taro-kono tg:metWith person:sergey-lavrov }"), "they met at other meetings");
        assertInferredEqualsAFromScratchDerivation();
    }

    @Test
    void graph_store_put_post_and_delete_go_through_the_same_path() throws Exception {
        String turtle = PREFIXES + MEETING.replaceFirst("(?s)^\\s*GRAPH <[^>]+> \\{", "").replaceFirst("(?s)}\\s*$", "");
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/kg/store?graph=" + enc(SOURCE_005)))
            .header("Authorization", basic()).header("Content-Type", "text/turtle")
            .PUT(HttpRequest.BodyPublishers.ofString(turtle)).build());
        assertEquals(201, put.statusCode(), put.body());
        assertTrue(ask("ASK { <" + ENCOUNTER + "> a tg:Encounter }"));
        assertInferredEqualsAFromScratchDerivation();

        HttpResponse<String> again = send(HttpRequest.newBuilder(uri("/kg/store?graph=" + enc(SOURCE_005)))
            .header("Authorization", basic()).header("Content-Type", "text/turtle")
            .PUT(HttpRequest.BodyPublishers.ofString(turtle)).build());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(0, JSON.parse(again.body()).get("added").getAsNumber().value().intValue(), "same graph again: no change");

        HttpResponse<String> del = send(HttpRequest.newBuilder(uri("/kg/store?graph=" + enc(SOURCE_005)))
            .header("Authorization", basic()).DELETE().build());
        assertEquals(200, del.statusCode(), del.body());
        assertFalse(ask("ASK { <" + ENCOUNTER + "> ?p ?o }"));
        HttpResponse<String> gone = send(HttpRequest.newBuilder(uri("/kg/store?graph=" + enc(SOURCE_005)))
            .header("Authorization", basic()).DELETE().build());
        assertEquals(404, gone.statusCode());
        assertInferredEqualsAFromScratchDerivation();
    }

    @Test
    void writes_into_the_inferred_or_meta_graph_answer_403_with_the_reason_and_change_nothing() throws Exception {
        DatasetGraph before = snapshot();
        for (String u : List.of(
                "INSERT DATA { GRAPH <" + Graphs.INFERRED + "> { person:taro-kono tg:metWith person:shinzo-abe } }",
                "DELETE WHERE { GRAPH <" + Graphs.META + "> { ?s ?p ?o } }",
                "DELETE WHERE { GRAPH ?g { person:taro-kono tg:metWith ?x } }",
                "INSERT DATA { person:taro-kono tg:metWith person:shinzo-abe }",
                "DROP ALL")) {
            HttpResponse<String> r = update(u);
            assertEquals(403, r.statusCode(), u + "\n" + r.body());
            assertTrue(r.body().contains("only the pipeline writes") || r.body().contains("the default graph"), r.body());
        }
        for (String graph : List.of(Graphs.INFERRED, Graphs.META)) {
            HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/kg/store?graph=" + enc(graph)))
                .header("Authorization", basic()).header("Content-Type", "text/turtle")
                .PUT(HttpRequest.BodyPublishers.ofString("<https://example.org/a> <https://example.org/b> <https://example.org/c> .")).build());
            assertEquals(403, put.statusCode(), put.body());
            HttpResponse<String> del = send(HttpRequest.newBuilder(uri("/kg/store?graph=" + enc(graph)))
                .header("Authorization", basic()).DELETE().build());
            assertEquals(403, del.statusCode(), del.body());
        }
        assertTrue(Fixtures.isomorphic(before, snapshot()), "nothing changed");
        assertTrue(db.journal().isEmpty());
    }

    @Test
    void a_write_that_breaks_a_shape_or_an_error_check_answers_422_with_every_problem_and_changes_nothing() throws Exception {
        DatasetGraph before = snapshot();
        String undated = MEETING.replace("tg:startDate \"2019-06-20\"^^xsd:date ; tg:datePrecision time:unitDay ;", "");
        HttpResponse<String> shape = send(HttpRequest.newBuilder(uri("/kg/update"))
            .header("Authorization", basic()).header("Content-Type", "application/sparql-update").header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(PREFIXES + "INSERT DATA { " + undated + " }")).build());
        assertEquals(422, shape.statusCode(), shape.body());
        JsonObject o = JSON.parse(shape.body());
        assertEquals("invalid", o.get("error").getAsString().value());
        JsonObject p = o.get("problems").getAsArray().get(0).getAsObject();
        assertEquals("ERROR", p.get("severity").getAsString().value());
        assertTrue(p.get("rule").getAsString().value().startsWith("shacl:"), p.toString());
        assertTrue(p.get("focusNode").getAsString().value().contains("2019-06-20-kono-lavrov-test"), p.toString());
        assertTrue(p.get("message").getAsString().value().startsWith("S07: an event needs a date"), p.toString());

        HttpResponse<String> check = update("INSERT DATA { " + MEETING.replace("tg:eventStatus tg:Held ;",
                                                                              "tg:eventStatus tg:Held ; tg:weather \"sunny\" ;") + " }");
        assertEquals(422, check.statusCode(), check.body());
        assertTrue(check.body().startsWith("Refused (invalid)"), check.body());
        assertTrue(check.body().contains("ERROR check:undeclared-term-in-data-violation"), check.body());
        assertTrue(check.body().contains("weather"), check.body());
        assertTrue(Fixtures.isomorphic(before, snapshot()), "nothing changed");
        assertTrue(db.journal().isEmpty());
    }

    @Test
    void a_delete_that_leaves_links_to_an_untyped_node_is_refused_by_the_range_check_scoped_to_the_change() throws Exception {
        // The rows it would bring are about the events that take place in Moscow, not about Moscow:
        // the check, run only on the nodes of the change, must still find them.
        DatasetGraph before = snapshot();
        HttpResponse<String> r = update("DELETE DATA { GRAPH <https://w3id.org/treatygraph/graph/background> { place:moscow a tg:City } }");
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("check:data-range-violation"), r.body());
        assertTrue(r.body().contains("2019-01-14-kono-lavrov-moscow"), "an event placed in Moscow: " + r.body());
        assertTrue(Fixtures.isomorphic(before, snapshot()));
    }

    @Test
    void an_http_write_survives_a_change_of_the_files_a_reload_and_a_restart_and_its_inferences_are_current() throws Exception {
        assertEquals(200, update("INSERT DATA { " + MEETING + " }").statusCode());
        Files.writeString(project.dataDir().resolve("background.trig"), """

            GRAPH <https://w3id.org/treatygraph/graph/background> {
              <https://w3id.org/treatygraph/id/person/taro-kono> <http://www.w3.org/2000/01/rdf-schema#comment>
                  "Test: a comment added to the files after an HTTP write."@en .
            }
            """, StandardOpenOption.APPEND);
        HttpResponse<String> unauthorized = send(HttpRequest.newBuilder(uri("/$/reload")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(401, unauthorized.statusCode());
        HttpResponse<String> reload = send(HttpRequest.newBuilder(uri("/$/reload")).header("Authorization", basic())
            .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, reload.statusCode(), reload.body());
        assertEquals(1, JSON.parse(reload.body()).get("journalReplayed").getAsNumber().value().intValue(), reload.body());
        assertTrue(ask("ASK { person:taro-kono rdfs:comment ?c FILTER(STRSTARTS(?c, \"Test: a comment\")) }"), "the file change");
        assertTrue(ask("ASK { <" + ENCOUNTER + "> a tg:Encounter }"), "the HTTP write and its inferences");
        assertInferredEqualsAFromScratchDerivation();

        // restart: a new server on the database read back from disk
        server.stop();
        TDBInternal.expel(db.dataset());
        db = Database.open(tmp.resolve("tdb2"), project, new Reasoner(project.rulesDir()));
        assertTrue(db.build(Database.Rebuild.IF_STALE, Database.OnError.REFUSE).isEmpty(), "up to date: no rebuild");
        server = start(db);
        assertTrue(ask("ASK { <" + ENCOUNTER + "> a tg:Encounter }"));
        assertTrue(ask("ASK { person:taro-kono rdfs:comment ?c FILTER(STRSTARTS(?c, \"Test: a comment\")) }"));
        assertInferredEqualsAFromScratchDerivation();
    }

    @Test
    void a_reload_while_four_readers_query_in_a_loop_answers_every_query_with_the_old_or_the_new_state() throws Exception {
        // The files gain the meeting: the new state has the event AND its derived encounter; a mix would have one only.
        Files.writeString(project.dataDir().resolve("sources/005.trig"), TestMeeting.asTrig());
        String probe = PREFIXES + "SELECT ?asserted ?derived WHERE { OPTIONAL { <" + EVENT + "> tg:startDate ?asserted }"
                       + " OPTIONAL { <" + ENCOUNTER + "> tg:encounterEvent ?derived } }";
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                HttpClient client = HttpClient.newHttpClient();
                int after = 0;
                while (after < 5) {
                    if (done.get())
                        after++;
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/kg/sparql?query=" + enc(probe)))
                            .header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200)
                            errors.add(r.statusCode() + " " + r.body());
                        else
                            answers.add(r.body().strip().lines().skip(1).findFirst().orElse(""));
                    } catch (IOException | InterruptedException e) {
                        errors.add(e.toString());
                    }
                }
            });
            t.start();
            readers.add(t);
        }
        Thread.sleep(300);
        HttpResponse<String> reload = send(HttpRequest.newBuilder(uri("/$/reload")).header("Authorization", basic())
            .POST(HttpRequest.BodyPublishers.noBody()).build());
        done.set(true);
        for (Thread t : readers)
            t.join(60_000);
        assertEquals(200, reload.statusCode(), reload.body());
        assertEquals(List.of(), errors);
        String oldState = ",", newState = "2019-06-20," + EVENT;
        for (String a : answers)
            assertTrue(a.equals(oldState) || a.equals(newState), "a mix of old and new: '" + a + "'");
        assertTrue(answers.contains(oldState), "readers saw the old state before the reload");
        assertEquals(newState, answers.get(answers.size() - 1), "and the new one after it");
    }

    // ---- helpers

    /** The inferred graph as it is, and as a from-scratch derivation of the asserted graphs gives it: isomorphic. */
    void assertInferredEqualsAFromScratchDerivation() {
        DatasetGraph now = snapshot();
        DatasetGraph fresh = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(fresh, () -> now.find().forEachRemaining(q -> {
            if (!Graphs.isReserved(q.getGraph()))
                fresh.add(q);
        }));
        Deriver.derive(fresh, project.rulesDir());
        Node inferred = Graphs.node(Graphs.INFERRED);
        Graph expected = Txn.calculateRead(fresh, () -> {
            Graph g = org.apache.jena.graph.GraphMemFactory.createDefaultGraph();
            fresh.find(inferred, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> g.add(q.asTriple()));
            return g;
        });
        assertTrue(expected.isIsomorphicWith(now.getGraph(inferred)),
                   "inferred " + now.getGraph(inferred).size() + " triples, from scratch " + expected.size());
        assertEquals(expected.size(), db.record().orElseThrow().triplesPerGraph().getOrDefault(Graphs.INFERRED, 0L).longValue(),
                     "the build record counts the inferred graph");
    }

    DatasetGraph snapshot() {
        return Fixtures.snapshot(db.dataset());
    }

    boolean ask(String ask) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/kg/sparql?query=" + enc(PREFIXES + ask)))
            .header("Accept", "application/sparql-results+json").build());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.parse(r.body()).get("boolean").getAsBoolean().value();
    }

    HttpResponse<String> update(String update) throws Exception {
        return send(HttpRequest.newBuilder(uri("/kg/update")).header("Authorization", basic())
            .header("Content-Type", "application/sparql-update")
            .POST(HttpRequest.BodyPublishers.ofString(PREFIXES + update)).build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    static Quad quad(String g, Node s, Node p, Node o) {
        return Quad.create(Graphs.node(g), s, p, o);
    }
}
