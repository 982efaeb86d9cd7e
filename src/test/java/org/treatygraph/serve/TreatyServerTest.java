package org.treatygraph.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.http.auth.AuthLib;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.exec.http.UpdateExecHTTP;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Database;
import org.treatygraph.load.Project;
import org.treatygraph.load.Store;

/** The service over real HTTP: one server (TDB2 with the fixture project) for the class. */
class TreatyServerTest {
    private static final String PEOPLE = """
        PREFIX schema: <http://schema.org/>
        SELECT ?person ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name
        """;
    private static final String CONSTRUCT_TARO = """
        PREFIX schema: <http://schema.org/>
        CONSTRUCT { ?s schema:name ?n } WHERE { GRAPH <https://w3id.org/treatygraph/graph/source/000> { ?s schema:name ?n } }
        """;
    private static final String USER = "admin", PASSWORD = "s3cret-for-tests";

    @TempDir static Path tmp;
    static Database database;
    static DatasetGraph dsg;
    static TreatyServer server;
    static HttpServer standIn;
    static final AtomicInteger standInRequests = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        standIn.createContext("/sparql", exchange -> {
            standInRequests.incrementAndGet();
            byte[] body = """
                { "head": { "vars": [ "x" ] },
                  "results": { "bindings": [ { "x": { "type": "literal", "value": "from the stand-in" } } ] } }
                """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        standIn.start();

        database = Fixtures.built(tmp.resolve("tdb2"), new Project(Fixtures.PROJECT));
        dsg = database.dataset();
        server = TreatyServer.builder(database)
            .port(0)
            .timeout(Duration.ofSeconds(1))
            .passwordFile(Fixtures.file("passwords.txt"))
            .serviceAllow(List.of(standInUrl()))
            .build()
            .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        standIn.stop(0);
    }

    /** A fresh client per request: no pooled connection that the server closed after an error reply. */
    static HttpClient client() {
        return HttpClient.newHttpClient();
    }

    static String standInUrl() {
        return "http://127.0.0.1:" + standIn.getAddress().getPort() + "/sparql";
    }

    static HttpResponse<String> get(String url, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (accept != null)
            b.header("Accept", accept);
        return client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> query(String sparql, String accept) throws Exception {
        return get(server.sparqlUrl() + "?query=" + enc(sparql), accept);
    }

    static HttpResponse<String> post(String url, String contentType, String body, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null)
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<Binding> select(String sparql) {
        try (QueryExecHTTP qe = QueryExecHTTP.service(server.sparqlUrl()).query(sparql).build()) {
            List<Binding> rows = new ArrayList<>();
            qe.select().forEachRemaining(rows::add);
            return rows;
        }
    }

    static Node iri(String s) { return NodeFactory.createURI(s); }
    static Node en(String s)  { return NodeFactory.createLiteralLang(s, "en"); }

    static List<Map<String, Node>> rows(List<Binding> bindings) {
        List<Map<String, Node>> out = new ArrayList<>();
        for (Binding b : bindings) {
            Map<String, Node> row = new java.util.TreeMap<>();
            b.vars().forEachRemaining(v -> row.put(v.getVarName(), b.get(v)));
            out.add(row);
        }
        return out;
    }

    static final List<Map<String, Node>> EXPECTED_PEOPLE = List.of(
        Map.of("person", iri(Fixtures.LAVROV), "name", en("Sergey Lavrov")),
        Map.of("person", iri(Fixtures.TARO), "name", en("Taro Kono")));

    @Test
    void query_returns_the_exact_expected_bindings() {
        assertEquals(EXPECTED_PEOPLE, rows(select(PEOPLE)));
    }

    @Test
    void schema_org_terms_written_with_https_match_the_http_terms_of_the_data() {
        assertEquals(EXPECTED_PEOPLE, rows(select(PEOPLE.replace("http://schema.org/", "https://schema.org/"))));
        List<Binding> filtered = select("""
            SELECT ?person WHERE { ?person a ?type FILTER(?type = <https://schema.org/Person>) } ORDER BY ?person""");
        assertEquals(2, filtered.size());
    }

    @Test
    void a_construct_template_keeps_the_https_terms_the_query_wrote() {
        String q = CONSTRUCT_TARO.replace("http://schema.org/", "https://schema.org/");
        try (QueryExecHTTP qe = QueryExecHTTP.service(server.sparqlUrl()).query(q).build()) {
            Graph g = qe.construct();
            assertTrue(g.contains(Node.ANY, iri("https://schema.org/name"), Node.ANY));
            assertTrue(!g.contains(Node.ANY, iri("http://schema.org/name"), Node.ANY));
        }
    }

    @Test
    void the_default_graph_is_the_union_of_the_named_graphs() {
        // name from source/000, job title from background: joined in the default graph
        List<Binding> rows = select("""
            PREFIX schema: <http://schema.org/>
            SELECT ?name ?title WHERE { ?p schema:name ?name ; schema:jobTitle ?title }""");
        assertEquals(List.of(Map.of("name", en("Taro Kono"), "title", en("Minister for Foreign Affairs"))), rows(rows));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "application/sparql-results+json, application/sparql-results+json, RS_JSON",
        "application/sparql-results+xml,  application/sparql-results+xml,  RS_XML",
        "text/csv,                        text/csv,                        RS_CSV",
        "text/tab-separated-values,       text/tab-separated-values,       RS_TSV",
    })
    void select_results_come_in_each_format_by_content_negotiation(String accept, String contentType, String lang) throws Exception {
        HttpResponse<String> r = query(PEOPLE, accept);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(contentType));
        Lang rsLang = switch (lang) {
            case "RS_JSON" -> org.apache.jena.riot.resultset.ResultSetLang.RS_JSON;
            case "RS_XML" -> org.apache.jena.riot.resultset.ResultSetLang.RS_XML;
            case "RS_CSV" -> org.apache.jena.riot.resultset.ResultSetLang.RS_CSV;
            default -> org.apache.jena.riot.resultset.ResultSetLang.RS_TSV;
        };
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), rsLang);
        List<Binding> got = new ArrayList<>();
        RowSet.adapt(rs).forEachRemaining(got::add);
        if (lang.equals("RS_CSV")) {
            // CSV carries lexical forms only
            List<String> names = got.stream().map(b -> b.get("name").getLiteralLexicalForm()).toList();
            assertEquals(List.of("Sergey Lavrov", "Taro Kono"), names);
            assertEquals(Fixtures.LAVROV, got.get(0).get("person").getLiteralLexicalForm());
        } else {
            assertEquals(EXPECTED_PEOPLE, rows(got));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"text/turtle, TURTLE", "application/ld+json, JSONLD", "application/n-triples, NTRIPLES", "application/rdf+xml, RDFXML"})
    void construct_results_come_in_each_rdf_format_by_content_negotiation(String accept, String lang) throws Exception {
        HttpResponse<String> r = query(CONSTRUCT_TARO, accept);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(accept));
        Graph got = GraphFactory.createDefaultGraph();
        RDFParser.fromString(r.body(), org.apache.jena.riot.RDFLanguages.nameToLang(lang)).parse(got);
        Graph expected = GraphFactory.createDefaultGraph();
        RDFParser.fromString("""
            <https://w3id.org/treatygraph/id/person/taro-kono> <http://schema.org/name> "Taro Kono"@en .
            <https://w3id.org/treatygraph/id/person/sergey-lavrov> <http://schema.org/name> "Sergey Lavrov"@en .
            <https://w3id.org/treatygraph/id/event/2019-01-14-kono-lavrov-moscow> <http://schema.org/name> "Kono–Lavrov talks, Moscow"@en .
            """, Lang.NTRIPLES).parse(expected);
        assertTrue(expected.isIsomorphicWith(got), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"format=json", "output=json", "results=json"})
    void format_and_output_parameters_give_json_as_sparqlwrapper_and_rdflib_ask(String param) throws Exception {
        // SPARQLWrapper sends format=json & output=json plus a browser-like Accept
        HttpResponse<String> r = get(server.sparqlUrl() + "?query=" + enc(PEOPLE) + "&" + param,
                                     "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/sparql-results+json"));
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)),
                                         org.apache.jena.riot.resultset.ResultSetLang.RS_JSON);
        List<Binding> got = new ArrayList<>();
        RowSet.adapt(rs).forEachRemaining(got::add);
        assertEquals(EXPECTED_PEOPLE, rows(got));
    }

    @Test
    void post_form_and_post_query_body_and_the_dataset_url_all_answer() throws Exception {
        HttpResponse<String> form = post(server.sparqlUrl(), "application/x-www-form-urlencoded",
                                         "query=" + enc(PEOPLE), null, null);
        HttpResponse<String> body = post(server.sparqlUrl(), "application/sparql-query", PEOPLE, null, null);
        HttpResponse<String> onDataset = get(server.datasetUrl() + "?query=" + enc(PEOPLE), "application/sparql-results+json");
        for (HttpResponse<String> r : List.of(form, body, onDataset)) {
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("Sergey Lavrov"), r.body());
        }
    }

    @Test
    void an_answer_held_whole_is_sent_whole_with_its_length_and_head_gives_the_same_length() throws Exception {
        HttpResponse<String> people = query(PEOPLE, "application/sparql-results+json");
        assertEquals(200, people.statusCode(), people.body());
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(people.body().getBytes(StandardCharsets.UTF_8)),
                                         org.apache.jena.riot.resultset.ResultSetLang.RS_JSON);
        List<Binding> bindings = new ArrayList<>();
        while (rs.hasNext())
            bindings.add(rs.nextBinding());
        assertEquals(EXPECTED_PEOPLE, rows(bindings));
        List<HttpResponse<String>> answers = List.of(people,
            post(server.sparqlUrl(), "application/sparql-query", PEOPLE, null, null),
            get(server.datasetUrl() + "?query=" + enc("ASK {}"), "application/sparql-results+json"),
            query(CONSTRUCT_TARO, "text/turtle"),
            query("SELECT ?s WHERE { ?s ?p }", null));
        assertEquals(List.of(200, 200, 200, 200, 400), answers.stream().map(HttpResponse::statusCode).toList());
        for (HttpResponse<String> r : answers) {
            assertEquals(Long.toString(r.body().getBytes(StandardCharsets.UTF_8).length), r.headers().firstValue("Content-Length").orElse("none"),
                         r.uri() + ": " + r.body());
            assertTrue(r.headers().firstValue("Transfer-Encoding").isEmpty(), r.uri() + ": not chunked");
        }
        assertEquals("{ \n  \"head\" : { } ,\n  \"boolean\" : true\n}\n", answers.get(2).body());
        HttpResponse<String> head = client().send(HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query=" + enc(PEOPLE)))
            .header("Accept", "application/sparql-results+json").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(people.headers().firstValue("Content-Length"), head.headers().firstValue("Content-Length"));
    }

    @Test
    void malformed_sparql_is_a_400_whose_body_names_the_parse_error() throws Exception {
        HttpResponse<String> r = query("SELECT ?s WHERE { ?s ?p }", null);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Parse error") || r.body().contains("Encountered"), r.body());
        assertTrue(r.body().contains("line 1"), r.body());
    }

    @Test
    void update_without_credentials_is_refused() throws Exception {
        String update = "INSERT DATA { GRAPH <urn:x-test:anon> { <urn:x-test:a> <urn:x-test:b> <urn:x-test:c> } }";
        assertEquals(401, post(server.datasetUrl() + "/update", "application/sparql-update", update, null, null).statusCode());
        assertEquals(401, post(server.datasetUrl() + "/update", "application/sparql-update", update, USER, "wrong").statusCode());
        assertEquals(0, Txn.calculateRead(dsg, () -> dsg.getGraph(iri("urn:x-test:anon")).size()));
    }

    @Test
    void update_with_credentials_is_applied() {
        HttpClient client = HttpClient.newBuilder().authenticator(AuthLib.authenticator(USER, PASSWORD)).build();
        UpdateExecHTTP.service(server.datasetUrl() + "/update").httpClient(client)
            .update("INSERT DATA { GRAPH <urn:x-test:updated> { <urn:x-test:a> <urn:x-test:b> \"applied\" } }")
            .execute();
        List<Binding> rows = select("SELECT ?o WHERE { GRAPH <urn:x-test:updated> { ?s ?p ?o } }");
        assertEquals(List.of(Map.of("o", NodeFactory.createLiteralString("applied"))), rows(rows));
    }

    @Test
    void graph_store_write_needs_credentials_and_read_is_anonymous() throws Exception {
        String turtle = "<urn:x-test:s> <urn:x-test:p> \"stored\" .";
        assertEquals(405, put(server.datasetUrl() + "/data?graph=" + enc("urn:x-test:gsp"), turtle, null));
        assertEquals(401, put(server.datasetUrl() + "/store?graph=" + enc("urn:x-test:gsp"), turtle, null));
        int code = put(server.datasetUrl() + "/store?graph=" + enc("urn:x-test:gsp"), turtle, USER + ":" + PASSWORD);
        assertTrue(code == 200 || code == 201 || code == 204, "PUT with credentials: " + code);
        HttpResponse<String> r = get(server.datasetUrl() + "/data?graph=" + enc("urn:x-test:gsp"), "application/n-triples");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"stored\""), r.body());
    }

    static int put(String url, String turtle, String credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/turtle")
            .PUT(HttpRequest.BodyPublishers.ofString(turtle));
        if (credentials != null)
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        return client().send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void graph_store_read_returns_a_named_graph() throws Exception {
        HttpResponse<String> r = get(server.datasetUrl() + "/data?graph=" + enc(Fixtures.BACKGROUND), "text/turtle");
        assertEquals(200, r.statusCode());
        Graph got = GraphFactory.createDefaultGraph();
        RDFParser.fromString(r.body(), Lang.TURTLE).parse(got);
        Graph expected = Txn.calculateRead(dsg, () -> {
            Graph g = GraphFactory.createDefaultGraph();
            dsg.getGraph(iri(Fixtures.BACKGROUND)).find().forEachRemaining(g::add);
            return g;
        });
        assertTrue(expected.isIsomorphicWith(got));
    }

    @Test
    void graph_store_read_of_the_default_graph_returns_the_union_of_the_named_graphs_like_a_query() throws Exception {
        HttpResponse<String> r = get(server.datasetUrl() + "/data?default", "application/n-triples");
        assertEquals(200, r.statusCode());
        Graph got = GraphFactory.createDefaultGraph();
        RDFParser.fromString(r.body(), Lang.NTRIPLES).parse(got);
        Graph expected = Txn.calculateRead(dsg, () -> {
            Graph g = GraphFactory.createDefaultGraph();
            dsg.getUnionGraph().find().forEachRemaining(g::add);
            return g;
        });
        assertTrue(expected.size() > 0, "the fixture has data: " + expected.size());
        assertTrue(expected.isIsomorphicWith(got));
    }

    @Test
    void update_endpoints_are_absent_without_a_password_file() throws Exception {
        TreatyServer open = TreatyServer.startForTest(DatasetGraphFactory.createTxnMem());
        try {
            String update = "INSERT DATA { GRAPH <urn:x-test:g> { <urn:x-test:a> <urn:x-test:b> <urn:x-test:c> } }";
            int code = post(open.datasetUrl() + "/update", "application/sparql-update", update, null, null).statusCode();
            assertTrue(code == 404 || code == 405, "update: " + code);
            int onSparql = post(open.sparqlUrl(), "application/sparql-update", update, null, null).statusCode();
            assertTrue(onSparql >= 400 && onSparql < 500, "update sent to /sparql: " + onSparql);
            int gsp = put(open.datasetUrl() + "/data?graph=" + enc("urn:x-test:g"), "<urn:x-test:a> <urn:x-test:b> 1 .", null);
            assertEquals(405, gsp);
        } finally {
            open.stop();
        }
    }

    @Test
    void update_load_is_refused_and_nothing_of_the_request_is_applied() throws Exception {
        String fileUri = Fixtures.file("extra.ttl").toAbsolutePath().toUri().toString();
        for (String update : List.of(
                "LOAD <" + fileUri + "> INTO GRAPH <urn:x-test:loaded>",
                "LOAD SILENT <" + fileUri + ">",
                "INSERT DATA { GRAPH <urn:x-test:loaded> { <urn:x-test:a> <urn:x-test:b> 1 } } ; LOAD <" + fileUri + ">")) {
            HttpResponse<String> r = post(server.datasetUrl() + "/update", "application/sparql-update", update, USER, PASSWORD);
            assertEquals(400, r.statusCode(), update);
            assertTrue(r.body().contains("LOAD is refused"), r.body());
        }
        Txn.executeRead(dsg, () -> {
            assertTrue(dsg.getGraph(iri("urn:x-test:loaded")).isEmpty());
            assertFalse(dsg.contains(Node.ANY, iri(Graphs.BASE + "id/island/iturup"), Node.ANY, Node.ANY));
        });
    }

    @Test
    void service_outside_the_allow_list_is_refused_and_no_request_is_made() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        connections.incrementAndGet();
                        s.close();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String target = "http://127.0.0.1:" + listener.getLocalPort() + "/sparql";
            HttpResponse<String> r = query("SELECT * WHERE { SERVICE <" + target + "> { ?s ?p ?o } }", null);
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("SERVICE <" + target + "> refused"), r.body());
            HttpResponse<String> silent = query("SELECT * WHERE { SERVICE SILENT <" + target + "> { ?s ?p ?o } }", null);
            assertEquals(422, silent.statusCode(), silent.body());
            assertEquals(0, connections.get(), "the listener received a connection");
        }
    }

    @Test
    void the_where_of_an_update_obeys_the_same_service_allow_list_and_nothing_is_written() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        connections.incrementAndGet();
                        s.close();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String target = "http://127.0.0.1:" + listener.getLocalPort() + "/sparql";
            String update = "INSERT { GRAPH <urn:x-test:from-service> { ?s ?p ?o } } WHERE { SERVICE <" + target + "> { ?s ?p ?o } }";
            HttpResponse<String> r = post(server.datasetUrl() + "/update", "application/sparql-update", update, USER, PASSWORD);
            // Fuseki's update answers the refusal with 500 (a query gets 422); what matters: refused, nothing called
            assertTrue(r.statusCode() >= 400, r.statusCode() + " " + r.body());
            assertTrue(r.body().contains("SERVICE <" + target + "> refused"), r.body());
            assertEquals(0, connections.get(), "the listener received a connection");
            assertTrue(Txn.calculateRead(dsg, () -> dsg.getGraph(iri("urn:x-test:from-service")).isEmpty()));
        }
    }

    @Test
    void service_on_the_allow_list_is_called() {
        int before = standInRequests.get();
        List<Binding> rows = select("SELECT ?x WHERE { SERVICE <" + standInUrl() + "> { ?x ?y ?z } }");
        assertEquals(List.of(Map.of("x", NodeFactory.createLiteralString("from the stand-in"))), rows(rows));
        assertEquals(before + 1, standInRequests.get());
    }

    @Test
    void the_default_allow_list_is_wikidata_only() {
        assertEquals(List.of("https://query.wikidata.org/sparql"), TreatyServer.DEFAULT_SERVICE_ALLOW);
    }

    @Test
    void a_runaway_query_is_cut_off_by_the_timeout_and_the_next_query_succeeds() throws Exception {
        String runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l ."
                         + " ?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u . ?v ?w ?x }";
        HttpResponse<String> r = query(runaway, "application/sparql-results+json");
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().toLowerCase().contains("timed out"), r.body());
        assertEquals(EXPECTED_PEOPLE, rows(select(PEOPLE)));
        QueryExceptionHTTP e = assertThrows(QueryExceptionHTTP.class, () -> select(runaway));
        assertEquals(503, e.getStatusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/$/ping", "/$/stats", "/$/metrics"})
    void ping_stats_and_metrics_answer_200(String path) throws Exception {
        HttpResponse<String> r = get(server.baseUrl() + path, null);
        assertEquals(200, r.statusCode(), path);
        if (path.equals("/$/metrics"))
            assertTrue(r.body().contains("fuseki_requests"), "Prometheus text");
    }

    @Test
    void a_get_without_a_query_returns_the_service_description() throws Exception {
        HttpResponse<String> r = get(server.sparqlUrl(), "text/turtle");
        assertEquals(200, r.statusCode());
        Graph sd = GraphFactory.createDefaultGraph();
        RDFParser.fromString(r.body(), Lang.TURTLE).parse(sd);
        String SD = "http://www.w3.org/ns/sparql-service-description#";
        assertTrue(sd.contains(iri(server.sparqlUrl()), iri(SD + "endpoint"), iri(server.sparqlUrl())));
        assertTrue(sd.contains(Node.ANY, iri(SD + "feature"), iri(SD + "UnionDefaultGraph")));
        assertTrue(sd.contains(Node.ANY, iri(SD + "name"), iri(Fixtures.SOURCE_000)));
        assertTrue(sd.contains(Node.ANY, iri(SD + "supportedLanguage"), iri(SD + "SPARQL11Query")));
        assertTrue(sd.contains(Node.ANY, iri(SD + "resultFormat"), iri("http://www.w3.org/ns/formats/SPARQL_Results_JSON")));
    }

    @Test
    void cors_lets_browser_clients_call_the_endpoint() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create(server.sparqlUrl()))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://comunica.example")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .build();
        HttpResponse<String> r = client().send(preflight, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isPresent(), r.headers().toString());
        HttpResponse<String> get = client().send(HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query=" + enc(PEOPLE)))
            .header("Origin", "https://yasgui.example").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        assertTrue(get.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void the_browser_page_at_the_root_runs_yasgui_on_the_endpoint() throws Exception {
        HttpResponse<String> page = get(server.baseUrl() + "/", "text/html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/yasgui/yasgui.min.js\"></script>")
                   && page.body().contains("<script src=\"/static/workbench.js\"></script>"), page.body());
        // the workbench's script: YASGUI on the endpoint, the named queries listed and opened in tabs
        String script = get(server.baseUrl() + "/static/workbench.js", null).body();
        assertTrue(script.contains("new Yasgui(") && script.contains("/kg/sparql"), script);
        assertTrue(script.contains("fetch(\"/kg/queries\"") && script.contains("yasgui.addTab(true"),
                   "the page lists the named queries and opens them in tabs");
        assertTrue(script.contains("schema:attendee wd:Q58217"), "the first tab asks in schema.org terms with a Wikidata IRI");
        for (String asset : List.of("/yasgui/yasgui.min.js", "/yasgui/yasgui.min.css")) {
            HttpResponse<String> r = get(server.baseUrl() + asset, null);
            assertEquals(200, r.statusCode(), asset);
            assertTrue(r.body().length() > 10_000, asset);
        }
        int traversal = get(server.baseUrl() + "/yasgui/..%2F..%2Fetc%2Fpasswd", null).statusCode();
        assertTrue(traversal == 400 || traversal == 404, "path traversal: " + traversal);
        assertEquals(404, get(server.baseUrl() + "/yasgui/yasgui.html", null).statusCode());
    }

    @Test
    void script_functions_stay_off() throws Exception {
        HttpResponse<String> r = query("PREFIX js: <http://jena.apache.org/ARQ/jsFunction#> SELECT (js:inc(1) AS ?x) {}", null);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("Scripting not enabled"), r.body());
    }

    @Test
    void the_server_binds_the_loopback_address_by_default() {
        assertEquals("127.0.0.1", TreatyServer.DEFAULT_HOST);
        assertTrue(server.baseUrl().startsWith("http://127.0.0.1:"));
    }
}
