package org.treatygraph.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.treatygraph.load.Database;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Project;

/** The service as a public endpoint under abuse: bounded requests, honest timeouts, no CSRF, no SSRF, fair use. */
class HardeningTest {
    static final String USER = "admin", PASSWORD = "s3cret-for-tests";
    /** Millions of rows, slowly: 20 triples to the fifth power. */
    static final String MANY_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }";
    static final String NO_ROW_FOR_LONG = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l ."
                                          + " ?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u . ?v ?w ?x }";

    @TempDir static Path tmp;
    static Database db;
    static HttpServer listener;
    static final AtomicInteger listened = new AtomicInteger();
    final List<TreatyServer> servers = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        db = Fixtures.built(tmp.resolve("tdb2"), new Project(Fixtures.PROJECT));
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            listened.incrementAndGet();
            if (exchange.getRequestURI().getPath().equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + listener.getAddress().getPort() + "/elsewhere");
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = "{\"@context\": {}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        listener.start();
    }

    @AfterAll
    static void tearDown() {
        listener.stop(0);
        TDBInternal.expel(db.dataset());
    }

    @AfterEach
    void stopServers() {
        servers.forEach(TreatyServer::stop);
    }

    TreatyServer server(Limits limits, Duration timeout) {
        TreatyServer s = TreatyServer.builder(db).port(0).timeout(timeout).limits(limits)
            .passwordFile(Fixtures.file("passwords.txt"))
            .serviceAllow(List.of(listenerUrl("/redirect")))
            .build().start();
        servers.add(s);
        return s;
    }

    TreatyServer server() {
        return server(Limits.defaults(), Duration.ofSeconds(30));
    }

    static String listenerUrl(String path) {
        return "http://127.0.0.1:" + listener.getAddress().getPort() + path;
    }

    // ---- bounded requests

    @Test
    void a_query_body_larger_than_the_limit_answers_413_whether_its_length_is_given_or_it_is_chunked() throws Exception {
        TreatyServer s = server(Limits.defaults().withMaxRequestBytes(10_000), Duration.ofSeconds(30));
        String big = "SELECT * { ?s ?p ?o } # " + "x".repeat(20_000);
        HttpResponse<String> sized = send(HttpRequest.newBuilder(URI.create(s.sparqlUrl()))
            .header("Content-Type", "application/sparql-query").POST(HttpRequest.BodyPublishers.ofString(big)).build());
        assertEquals(413, sized.statusCode(), sized.body());
        assertTrue(sized.body().contains("--max-request-size"), sized.body());
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create(s.sparqlUrl()))
            .header("Content-Type", "application/sparql-query")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
            .build());
        assertEquals(413, chunked.statusCode(), chunked.body());
        HttpResponse<String> small = send(HttpRequest.newBuilder(URI.create(s.sparqlUrl()))
            .header("Content-Type", "application/sparql-query").header("Accept", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream("SELECT (1 AS ?one) {}".getBytes(StandardCharsets.UTF_8)))).build());
        assertEquals(200, small.statusCode(), "a chunked body under the limit is read: " + small.body());
        assertEquals("one\r\n1\r\n", small.body());
    }

    @Test
    void an_upload_larger_than_its_own_limit_answers_413_and_writes_nothing() throws Exception {
        TreatyServer s = server(Limits.defaults().withMaxUploadBytes(1_000), Duration.ofSeconds(30));
        StringBuilder ttl = new StringBuilder();
        for (int i = 0; i < 100; i++)
            ttl.append("<https://example.org/s").append(i).append("> <http://www.w3.org/2000/01/rdf-schema#label> \"x\" .\n");
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(s.datasetUrl() + "/store?graph=" + enc("https://example.org/g")))
            .header("Authorization", basic(PASSWORD)).header("Content-Type", "text/turtle")
            .PUT(HttpRequest.BodyPublishers.ofString(ttl.toString())).build());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("--max-upload-size"), r.body());
    }

    @Test
    void texts_nested_too_deep_or_with_too_many_unions_answer_400_naming_the_limit_before_parsing() throws Exception {
        TreatyServer s = server();
        String deep = "SELECT * WHERE " + "{ ".repeat(100) + "?s ?p ?o" + " }".repeat(100);
        HttpResponse<String> q = query(s, deep, "application/sparql-results+json");
        assertEquals(400, q.statusCode(), q.body());
        assertTrue(q.body().contains("--max-nesting"), q.body());
        StringBuilder unions = new StringBuilder("SELECT * WHERE { { ?s ?p ?o }");
        for (int i = 0; i < 10_000; i++)
            unions.append(" UNION { ?s ?p ?o }");
        HttpResponse<String> u = query(s, unions + " }", "application/sparql-results+json");
        assertEquals(400, u.statusCode(), u.body().substring(0, Math.min(300, u.body().length())));
        assertTrue(u.body().contains("--max-unions"), u.body());
        HttpResponse<String> up = update(s, "INSERT { GRAPH <https://example.org/g> { ?s ?p ?o } } WHERE " + "{ ".repeat(100)
                                            + "?s ?p ?o" + " }".repeat(100), PASSWORD);
        assertEquals(400, up.statusCode(), up.body());
        assertTrue(up.body().contains("--max-nesting"), up.body());
        assertTrue(QueryText.check("SELECT * { ?s ?p \"{{{{{{{{{{\" } # (((((((((", Limits.defaults().withMaxNesting(2)).isEmpty(),
                   "brackets in strings and comments do not count");
    }

    @Test
    void a_text_still_too_deep_for_the_parser_answers_400_not_500() throws Exception {
        TreatyServer s = server(Limits.defaults().withMaxNesting(1_000_000).withMaxUnions(1_000_000), Duration.ofSeconds(30));
        String deep = "SELECT * WHERE " + "{ ".repeat(20_000) + "?s ?p ?o" + " }".repeat(20_000);
        HttpResponse<String> q = query(s, deep, "application/sparql-results+json");
        assertEquals(400, q.statusCode(), q.body());
        assertTrue(q.body().contains("too complex") || q.body().contains("nested"), q.body());
    }

    @Test
    void comments_are_dropped_before_parsing_but_hashes_in_iris_and_strings_stay() {
        assertEquals("SELECT * { ?s <https://example.org/a#b> \"x # y\" } #\nLIMIT 1 #",
                     QueryText.withoutComments("SELECT * { ?s <https://example.org/a#b> \"x # y\" } # a comment\nLIMIT 1 # another"));
    }

    @Test
    void a_log_line_shows_at_most_two_hundred_characters_of_a_query() {
        String log = QueryText.forLog("SELECT * {\n ?s ?p ?o } # " + "y".repeat(5_000));
        assertTrue(log.length() < 260, log);
        assertFalse(log.contains("\n"));
        assertTrue(log.endsWith("(" + ("SELECT * {\n ?s ?p ?o } # ".length() + 5_000) + " characters)"), log);
    }

    // ---- honest timeouts

    @ParameterizedTest(name = "rows are held back: a timeout before the result is complete answers 503, never a cut 200 ({0})")
    @ValueSource(strings = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"})
    void a_timeout_before_the_results_are_complete_answers_503(String accept) throws Exception {
        TreatyServer s = server(Limits.defaults(), Duration.ofSeconds(1));
        // ten rows at once, then a count that outlasts the timeout: the ten must not be sent as a 200
        String someThenSlow = "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 10 } UNION { " + NO_ROW_FOR_LONG + " } }";
        HttpResponse<String> r = query(s, someThenSlow, accept);
        assertEquals(503, r.statusCode(), "status " + r.statusCode() + ": " + r.body());
        assertTrue(r.body().toLowerCase().contains("timed out"), r.body());
        assertEquals(503, query(s, NO_ROW_FOR_LONG, accept).statusCode());
    }

    @ParameterizedTest(name = "a timeout while a large result streams breaks the transfer: never a clean 200 ({0})")
    @ValueSource(strings = {"application/sparql-results+json", "text/csv"})
    void a_timeout_after_streaming_began_is_seen_by_the_client(String accept) throws Exception {
        TreatyServer s = server(Limits.defaults().withResultBuffer(10), Duration.ofSeconds(1));
        try {
            HttpResponse<String> r = query(s, MANY_ROWS, accept);
            assertTrue(r.statusCode() != 200, "a cut result must not look complete: status " + r.statusCode());
        } catch (IOException e) {
            // the expected outcome: the transfer was aborted (no final chunk)
        }
        assertEquals(200, query(s, "SELECT (1 AS ?one) {}", accept).statusCode(), "the server goes on");
    }

    @Test
    void a_result_larger_than_the_result_buffer_streams_and_is_complete_a_smaller_one_comes_whole() throws Exception {
        TreatyServer s = server(Limits.defaults().withResultBuffer(10), Duration.ofSeconds(30));
        StringBuilder values = new StringBuilder(), csv = new StringBuilder("i\r\n");
        for (int i = 1; i <= 25; i++) {
            values.append(i).append(' ');
            csv.append(i).append("\r\n");
        }
        HttpResponse<String> many = query(s, "SELECT ?i WHERE { VALUES ?i { " + values + "} } ORDER BY ?i", "text/csv");
        assertEquals(200, many.statusCode(), many.body());
        assertEquals(csv.toString(), many.body());
        assertTrue(many.headers().firstValue("Content-Length").isEmpty(), "25 rows > 10 held: it streams, its length unknown");
        HttpResponse<String> few = query(s, "SELECT ?i WHERE { VALUES ?i { 3 1 2 } } ORDER BY ?i", "text/csv");
        assertEquals(200, few.statusCode(), few.body());
        assertEquals("i\r\n1\r\n2\r\n3\r\n", few.body());
        assertEquals(Optional.of(Integer.toString(few.body().length())), few.headers().firstValue("Content-Length"));
    }

    // ---- CSRF

    @Test
    void a_cross_origin_form_post_to_the_update_endpoint_is_refused_even_with_credentials() throws Exception {
        TreatyServer s = server();
        DatasetGraph before = Fixtures.snapshot(db.dataset());
        String form = "update=" + enc("INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/b> 1 } }");
        HttpResponse<String> evil = send(HttpRequest.newBuilder(URI.create(s.datasetUrl() + "/update"))
            .header("Authorization", basic(PASSWORD)).header("Origin", "https://evil.example")
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(403, evil.statusCode(), evil.body());
        assertTrue(evil.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertTrue(evil.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
        HttpResponse<String> fetchMeta = send(HttpRequest.newBuilder(URI.create(s.datasetUrl() + "/update"))
            .header("Authorization", basic(PASSWORD)).header("Sec-Fetch-Site", "cross-site")
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(403, fetchMeta.statusCode());
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(s.datasetUrl() + "/update"))
            .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertTrue(preflight.statusCode() == 401 || preflight.statusCode() == 403, "preflight " + preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS approval for a write");
        assertTrue(Fixtures.isomorphic(before, Fixtures.snapshot(db.dataset())), "nothing written");

        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(s.sparqlUrl() + "?query=" + enc("ASK {}")))
            .header("Origin", "https://evil.example").build());
        assertEquals(200, read.statusCode(), "reading stays open to every origin");
        assertEquals("https://evil.example", read.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(read.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), "never with credentials");
    }

    @Test
    void a_same_origin_page_and_a_client_that_is_not_a_browser_may_write() throws Exception {
        TreatyServer s = server();
        String u = "INSERT DATA { GRAPH <https://w3id.org/treatygraph/graph/background> {"
                   + " <https://w3id.org/treatygraph/id/person/taro-kono> <http://schema.org/jobTitle> \"Foreign Minister (csrf test)\"@en } }";
        HttpResponse<String> same = send(HttpRequest.newBuilder(URI.create(s.datasetUrl() + "/update"))
            .header("Authorization", basic(PASSWORD)).header("Origin", s.baseUrl())
            .header("Content-Type", "application/sparql-update").POST(HttpRequest.BodyPublishers.ofString(u)).build());
        assertEquals(200, same.statusCode(), same.body());
        HttpResponse<String> plain = update(s, u.replace("INSERT DATA", "DELETE DATA"), PASSWORD);
        assertEquals(200, plain.statusCode(), plain.body());
    }

    // ---- SSRF

    @Test
    void a_json_ld_upload_with_a_remote_context_is_refused_without_fetching_it() throws Exception {
        TreatyServer s = server();
        int before = listened.get();
        String jsonld = "{\"@context\": \"" + listenerUrl("/context.jsonld") + "\", \"@id\": \"https://example.org/a\","
                        + " \"https://example.org/p\": \"x\"}";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(s.datasetUrl() + "/store?graph=" + enc("https://example.org/g")))
            .header("Authorization", basic(PASSWORD)).header("Content-Type", "application/ld+json")
            .PUT(HttpRequest.BodyPublishers.ofString(jsonld)).build());
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(before, listened.get(), "the loopback listener received nothing");
    }

    @Test
    void a_service_on_the_allow_list_that_redirects_is_not_followed() throws Exception {
        TreatyServer s = server();
        int before = listened.get();
        HttpResponse<String> r = query(s, "SELECT * { SERVICE <" + listenerUrl("/redirect") + "> { ?s ?p ?o } }",
                                       "application/sparql-results+json");
        assertTrue(r.statusCode() >= 400, r.statusCode() + " " + r.body());
        assertEquals(before + 1, listened.get(), "the allowed endpoint was called once; its redirect was not followed");
    }

    // ---- fair use

    @Test
    void when_every_slot_is_busy_and_the_queue_full_a_query_gets_503_with_retry_after_and_ping_still_answers() throws Exception {
        TreatyServer s = server(Limits.defaults().withMaxConcurrent(1).withMaxQueued(0), Duration.ofSeconds(3));
        CompletableFuture<HttpResponse<String>> slow = HttpClient.newHttpClient().sendAsync(
            HttpRequest.newBuilder(URI.create(s.sparqlUrl() + "?query=" + enc(NO_ROW_FOR_LONG))).build(),
            HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        HttpResponse<String> turnedAway = query(s, "ASK {}", "application/sparql-results+json");
        assertEquals(503, turnedAway.statusCode(), turnedAway.body());
        assertTrue(turnedAway.headers().firstValue("Retry-After").isPresent());
        HttpResponse<String> ping = send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/$/ping")).build());
        assertEquals(200, ping.statusCode(), "ping is never held");
        assertEquals(503, slow.get().statusCode(), "the slow one timed out");
        assertEquals(200, query(s, "ASK {}", "application/sparql-results+json").statusCode(), "the slot is free again");
    }

    @Test
    void a_client_over_its_query_time_budget_gets_429_with_retry_after() throws Exception {
        TreatyServer s = server(Limits.defaults().withBudget(Duration.ofMillis(500)), Duration.ofSeconds(4));   // > 1 s of processor time
        assertEquals(503, query(s, NO_ROW_FOR_LONG, "application/sparql-results+json").statusCode());
        HttpResponse<String> r = query(s, "ASK {}", "application/sparql-results+json");
        assertEquals(429, r.statusCode(), r.body());
        long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry >= 1 && retry <= 61, "Retry-After " + retry);
        assertTrue(r.body().contains("--query-budget"), r.body());
    }

    @Test
    void many_cheap_queries_from_one_client_are_not_held_to_the_budget() throws Exception {
        TreatyServer s = server(Limits.defaults().withBudget(Duration.ofMillis(1)), Duration.ofSeconds(30));
        for (int i = 0; i < 50; i++)
            assertEquals(200, query(s, "SELECT * { ?s ?p ?o } LIMIT 5", "application/sparql-results+json").statusCode(), "query " + i);
    }

    @Test
    void repeated_expensive_queries_from_one_client_wait_in_the_heavy_lane_while_cheap_ones_are_served() throws Exception {
        TreatyServer s = server(Limits.defaults().withMaxConcurrent(2).withMaxQueued(8), Duration.ofSeconds(6));
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        slow.add(queryAsync(s, NO_ROW_FOR_LONG));
        Thread.sleep(2_500);                                         // the first one is heavy by now: its text is known
        slow.add(queryAsync(s, NO_ROW_FOR_LONG));
        slow.add(queryAsync(s, NO_ROW_FOR_LONG));
        Thread.sleep(300);
        for (int i = 0; i < 5; i++)
            assertEquals(200, query(s, "ASK { ?s ?p ?o }", "application/sparql-results+json").statusCode(), "cheap query " + i);
        assertFalse(slow.get(2).isDone(), "the third expensive one still waits for the heavy slot");
        for (CompletableFuture<HttpResponse<String>> f : slow)
            assertEquals(503, f.get().statusCode(), "each expensive one ran into its timeout, or waited too long");
    }

    @Test
    void a_heavy_query_runs_niced_and_its_thread_gets_the_normal_priority_back_when_it_ends() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(OsPriority.usable(), "this system does not let a thread be niced and brought back");
        TreatyServer s = server(Limits.defaults(), Duration.ofSeconds(8));
        CompletableFuture<HttpResponse<String>> slow = queryAsync(s, NO_ROW_FOR_LONG);
        long deadline = System.nanoTime() + Duration.ofSeconds(7).toNanos();
        while (nicedThreads() == 0 && System.nanoTime() < deadline && !slow.isDone())
            Thread.sleep(50);
        assertEquals(1, nicedThreads(), "the heavy query's thread runs niced");
        assertEquals(200, query(s, "ASK { ?s ?p ?o }", "application/sparql-results+json").statusCode());
        assertEquals(503, slow.get().statusCode());
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (nicedThreads() > 0 && System.nanoTime() < deadline)
            Thread.sleep(50);
        assertEquals(0, nicedThreads(), "the thread has its normal priority back");
    }

    /** Threads of this process with the niceness of heavy requests. */
    static long nicedThreads() throws IOException {
        try (java.util.stream.Stream<Path> tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            return tasks.mapToLong(t -> Long.parseLong(t.getFileName().toString()))
                        .filter(tid -> OsPriority.niceness(tid) == OsPriority.HEAVY_NICE).count();
        }
    }

    static CompletableFuture<HttpResponse<String>> queryAsync(TreatyServer s, String q) {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(s.sparqlUrl()))
            .header("Accept", "application/sparql-results+json").header("Content-Type", "application/sparql-query")
            .POST(HttpRequest.BodyPublishers.ofString(q)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void repeated_wrong_passwords_make_the_address_wait_with_429() throws Exception {
        TreatyServer s = server(Limits.defaults().withAuthFailures(3), Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++)
            assertEquals(401, update(s, "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/b> 1 } }",
                                     "wrong-" + i).statusCode());
        HttpResponse<String> blocked = update(s, "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/b> 1 } }",
                                              PASSWORD);
        assertEquals(429, blocked.statusCode(), blocked.body());
        assertTrue(blocked.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, query(s, "ASK {}", "application/sparql-results+json").statusCode(), "reading without credentials is not blocked");
    }

    // ---- one error shape

    @Test
    void a_refused_service_in_an_update_is_422_and_trace_is_refused_everywhere() throws Exception {
        TreatyServer s = server();
        HttpResponse<String> r = update(s, "INSERT { GRAPH <https://example.org/g> { ?s ?p ?o } } WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
                                        PASSWORD);
        assertEquals(422, r.statusCode(), r.body());
        for (String path : List.of("/", "/$/ping", "/kg/sparql")) {
            HttpResponse<String> t = send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(405, t.statusCode(), path);
            assertFalse(t.body().contains("TRACE " + path), "no echo of the request");
        }
    }

    // ---- helpers

    static HttpResponse<String> query(TreatyServer s, String q, String accept) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(s.sparqlUrl())).header("Accept", accept)
            .header("Content-Type", "application/sparql-query")
            .POST(HttpRequest.BodyPublishers.ofString(q)).build());
    }

    static HttpResponse<String> update(TreatyServer s, String u, String password) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(s.datasetUrl() + "/update")).header("Authorization", basic(password))
            .header("Content-Type", "application/sparql-update").POST(HttpRequest.BodyPublishers.ofString(u)).build());
    }

    static HttpResponse<String> send(HttpRequest r) throws Exception {
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
