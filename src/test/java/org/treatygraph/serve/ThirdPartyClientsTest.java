package org.treatygraph.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Database;
import org.treatygraph.load.Project;
import org.treatygraph.load.Store;

/**
 * Replays, byte for byte, the HTTP requests of the clients the service is judged by — SPARQLWrapper
 * 2.0, rdflib 7 (SPARQLStore → SPARQLConnector), Comunica 5 (fetch-sparql-endpoint), browsers and
 * curl — against the real server (TDB2, fixture project, union default graph), and parses each
 * answer the way the client would. The shapes are taken from the clients' source (docs/clients.md).
 */
class ThirdPartyClientsTest {
    private static final String SPARQLWRAPPER_AGENT = "sparqlwrapper 2.0.0 (rdflib.github.io/sparqlwrapper)";
    /** SPARQLWrapper's Accept for SELECT/ASK with returnFormat JSON (_SPARQL_JSON). */
    private static final String SPARQLWRAPPER_JSON = "application/sparql-results+json,application/json,text/javascript,application/javascript";
    private static final String RDFLIB_AGENT = "Python-urllib/3.12";
    /** rdflib's SPARQLConnector Accept for its default returnFormat "xml", for every query form. */
    private static final String RDFLIB_XML = "application/sparql-results+xml, application/rdf+xml";
    private static final String COMUNICA_AGENT = "Comunica/5.0 (linux; x64) ActorHttpFetch/5.4.0 Node.js/20";
    /** fetch-sparql-endpoint's Accept for SELECT and ASK. */
    private static final String COMUNICA_RESULTS = "application/sparql-results+json;q=1.0,application/sparql-results+xml;q=0.7";
    /** Comunica's Accept when it dereferences a source to identify it (the service description). */
    private static final String COMUNICA_RDF = "application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,"
        + "application/n-triples;q=0.8,text/turtle;q=0.6,application/rdf+xml;q=0.5,text/n3;q=0.35,application/xml;q=0.3,"
        + "image/svg+xml;q=0.3,text/xml;q=0.3,text/html;q=0.2,application/xhtml+xml;q=0.18,application/json;q=0.135,"
        + "text/shaclc;q=0.1,text/shaclc-ext;q=0.05";
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    /** Names from source/000, job title from background: the rows need the union default graph. */
    private static final String SELECT = """
        PREFIX schema: <http://schema.org/>
        SELECT ?person ?name ?date ?title WHERE {
          ?event a schema:Event ; schema:startDate ?date ; schema:attendee ?person .
          ?person schema:name ?name .
          OPTIONAL { ?person schema:jobTitle ?title }
        } ORDER BY ?name""";
    private static final String ASK = """
        PREFIX schema: <http://schema.org/>
        ASK { <https://w3id.org/treatygraph/id/person/taro-kono> schema:name "Taro Kono"@en ;
                  schema:jobTitle "Minister for Foreign Affairs"@en }""";
    private static final String ASK_FALSE = """
        PREFIX schema: <http://schema.org/>
        ASK { <https://w3id.org/treatygraph/id/person/sergey-lavrov> schema:jobTitle ?title }""";
    private static final String CONSTRUCT = """
        PREFIX schema: <http://schema.org/>
        CONSTRUCT { ?person schema:name ?name ; schema:jobTitle ?title }
        WHERE { ?person schema:name ?name ; schema:jobTitle ?title }""";
    private static final String DESCRIBE = "DESCRIBE <" + Fixtures.TARO + ">";
    private static final String CONSTRUCT_EXPECTED = """
        <https://w3id.org/treatygraph/id/person/taro-kono> <http://schema.org/name> "Taro Kono"@en .
        <https://w3id.org/treatygraph/id/person/taro-kono> <http://schema.org/jobTitle> "Minister for Foreign Affairs"@en .
        """;

    @TempDir static Path tmp;
    static Database database;
    static DatasetGraph dsg;
    static TreatyServer server;

    @BeforeAll
    static void start() {
        database = Fixtures.built(tmp.resolve("tdb2"), new Project(Fixtures.PROJECT));
        dsg = database.dataset();
        server = TreatyServer.startForTest(dsg);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    // ---- SPARQLWrapper 2.0: GET ?query=…&format=F&output=F&results=F, quote_plus(safe="/"),
    //      its own User-Agent, and an Accept chosen from the query form and the return format.

    @Test
    void sparqlwrapper_select_with_its_json_accept_header_gets_json_results() throws Exception {
        HttpResponse<byte[]> r = send(sparqlWrapperGet(SELECT, "json", SPARQLWRAPPER_JSON));
        assertOk(r, "application/sparql-results+json");
        assertEquals(expectedRows(), rows(r, ResultSetLang.RS_JSON));
    }

    @Test
    void sparqlwrapper_select_with_its_default_xml_return_format_gets_xml_results() throws Exception {
        HttpResponse<byte[]> r = send(sparqlWrapperGet(SELECT, "xml", "application/sparql-results+xml"));
        assertOk(r, "application/sparql-results+xml");
        assertEquals(expectedRows(), rows(r, ResultSetLang.RS_XML));
    }

    @Test
    void sparqlwrapper_select_with_tsv_gets_tsv_results_with_full_terms() throws Exception {
        HttpResponse<byte[]> r = send(sparqlWrapperGet(SELECT, "tsv", "text/tab-separated-values"));
        assertOk(r, "text/tab-separated-values");
        assertEquals(expectedRows(), rows(r, ResultSetLang.RS_TSV));
    }

    @Test
    void sparqlwrapper_select_with_csv_gets_csv_results() throws Exception {
        HttpResponse<byte[]> r = send(sparqlWrapperGet(SELECT, "csv", "text/csv"));
        assertOk(r, "text/csv");
        // CSV carries lexical forms only, and an unbound variable as an empty field
        assertEquals(List.of(
                Map.of("person", Fixtures.LAVROV, "name", "Sergey Lavrov", "date", "2019-01-14", "title", ""),
                Map.of("person", Fixtures.TARO, "name", "Taro Kono", "date", "2019-01-14", "title", "Minister for Foreign Affairs")),
            rows(r, ResultSetLang.RS_CSV).stream()
                .map(row -> row.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getLiteralLexicalForm())))
                .toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "json | application/sparql-results+json,application/json,text/javascript,application/javascript | application/sparql-results+json",
        "xml  | application/sparql-results+xml | application/sparql-results+xml"})
    void sparqlwrapper_ask_gets_a_boolean_result_in_its_return_format(String format, String accept, String contentType) throws Exception {
        Lang lang = format.equals("json") ? ResultSetLang.RS_JSON : ResultSetLang.RS_XML;
        HttpResponse<byte[]> yes = send(sparqlWrapperGet(ASK, format, accept));
        assertOk(yes, contentType);
        assertTrue(ResultSetMgr.readBoolean(new ByteArrayInputStream(yes.body()), lang));
        HttpResponse<byte[]> no = send(sparqlWrapperGet(ASK_FALSE, format, accept));
        assertOk(no, contentType);
        assertFalse(ResultSetMgr.readBoolean(new ByteArrayInputStream(no.body()), lang));
    }

    /** Every return format SPARQLWrapper offers for graphs, with its Accept; Fuseki alone refuses n3, rdf+xml, rdf. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "xml     | application/rdf+xml | application/rdf+xml",
        "rdf+xml | application/rdf+xml | application/rdf+xml",
        "rdf     | */*                 | application/rdf+xml",
        "turtle  | application/turtle,text/turtle | text/turtle",
        "n3      | application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3 | text/turtle",
        "json-ld | application/ld+json,application/x-json+ld | application/ld+json"})
    void sparqlwrapper_construct_in_each_of_its_return_formats_gets_that_graph(String format, String accept, String contentType) throws Exception {
        HttpResponse<byte[]> r = send(sparqlWrapperGet(CONSTRUCT, format, accept));
        assertOk(r, contentType);
        assertIsomorphic(graph(CONSTRUCT_EXPECTED, Lang.NTRIPLES), graph(r));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"n3", "turtle", "rdf", "rdf+xml", "json-ld"})
    void sparqlwrapper_select_with_a_graph_return_format_still_gets_results_not_an_error(String format) throws Exception {
        // SPARQLWrapper sends Accept */* when the return format does not fit the query form
        HttpResponse<byte[]> r = send(sparqlWrapperGet(SELECT, format, "*/*"));
        assertEquals(200, r.statusCode(), text(r));
        String type = contentType(r);
        Lang lang = type.equals("application/sparql-results+xml") ? ResultSetLang.RS_XML : ResultSetLang.RS_JSON;
        assertEquals(expectedRows(), rows(r, lang), type);
    }

    @Test
    void sparqlwrapper_describe_with_its_default_xml_return_format_gets_rdf_xml() throws Exception {
        HttpResponse<byte[]> r = send(sparqlWrapperGet(DESCRIBE, "xml", "application/rdf+xml"));
        assertOk(r, "application/rdf+xml");
        assertIsomorphic(describedTaro(), graph(r));
    }

    @Test
    void sparqlwrapper_post_url_encoded_gets_the_same_results_as_get() throws Exception {
        String body = "query=" + quotePlus(SELECT, "/") + "&" + sparqlWrapperFormat("json");
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("User-Agent", SPARQLWRAPPER_AGENT).header("Accept", SPARQLWRAPPER_JSON)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII)));
        assertOk(r, "application/sparql-results+json");
        assertEquals(expectedRows(), rows(r, ResultSetLang.RS_JSON));
    }

    @Test
    void sparqlwrapper_post_directly_sends_the_query_as_the_body_and_the_format_in_the_url() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?" + sparqlWrapperFormat("n3")))
            .header("Content-Type", "application/sparql-query")
            .header("User-Agent", SPARQLWRAPPER_AGENT)
            .header("Accept", "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3")
            .POST(HttpRequest.BodyPublishers.ofString(CONSTRUCT, StandardCharsets.UTF_8)));
        assertOk(r, "text/turtle");
        assertIsomorphic(graph(CONSTRUCT_EXPECTED, Lang.NTRIPLES), graph(r));
    }

    // ---- rdflib 7 SPARQLStore / SPARQLConnector: returnFormat "xml" (Accept RDFLIB_XML) for every
    //      form; method GET (?query= by urlencode), POST (application/sparql-query) or POST_FORM.

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST", "POST_FORM"})
    void rdflib_select_with_its_default_xml_accept_gets_xml_results_by_each_method(String method) throws Exception {
        HttpResponse<byte[]> r = send(rdflib(method, SELECT, RDFLIB_XML));
        assertOk(r, "application/sparql-results+xml");
        assertEquals(expectedRows(), rows(r, ResultSetLang.RS_XML));
    }

    @Test
    void rdflib_select_with_the_prefixes_its_store_injects_ahead_of_the_query_gets_the_same_rows() throws Exception {
        // SPARQLStore._inject_prefixes: one PREFIX line per bound namespace, a blank line, then the query,
        // whose own PREFIX may declare a prefix again (the later declaration wins)
        String injected = """
            PREFIX owl: <http://www.w3.org/2002/07/owl#>
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            PREFIX xml: <http://www.w3.org/XML/1998/namespace>
            PREFIX schema: <http://example.org/not-schema/>

            """ + SELECT;
        HttpResponse<byte[]> r = send(rdflib("GET", injected, RDFLIB_XML));
        assertOk(r, "application/sparql-results+xml");
        assertEquals(expectedRows(), rows(r, ResultSetLang.RS_XML));
    }

    @Test
    void rdflib_ask_gets_an_xml_boolean() throws Exception {
        HttpResponse<byte[]> r = send(rdflib("GET", ASK, RDFLIB_XML));
        assertOk(r, "application/sparql-results+xml");
        assertTrue(ResultSetMgr.readBoolean(new ByteArrayInputStream(r.body()), ResultSetLang.RS_XML));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST", "POST_FORM"})
    void rdflib_construct_gets_rdf_xml_which_its_result_parser_reads_as_a_graph(String method) throws Exception {
        HttpResponse<byte[]> r = send(rdflib(method, CONSTRUCT, RDFLIB_XML));
        assertOk(r, "application/rdf+xml");
        assertIsomorphic(graph(CONSTRUCT_EXPECTED, Lang.NTRIPLES), graph(r));
    }

    @Test
    void rdflib_describe_gets_rdf_xml() throws Exception {
        HttpResponse<byte[]> r = send(rdflib("GET", DESCRIBE, RDFLIB_XML));
        assertOk(r, "application/rdf+xml");
        assertIsomorphic(describedTaro(), graph(r));
    }

    @Test
    void rdflib_select_with_return_format_json_gets_json_results() throws Exception {
        HttpResponse<byte[]> r = send(rdflib("GET", SELECT, "application/sparql-results+json"));
        assertOk(r, "application/sparql-results+json");
        assertEquals(expectedRows(), rows(r, ResultSetLang.RS_JSON));
    }

    @Test
    void rdflib_construct_with_return_format_json_gets_turtle_the_default_for_graphs() throws Exception {
        HttpResponse<byte[]> r = send(rdflib("GET", CONSTRUCT, "application/sparql-results+json"));
        assertOk(r, "text/turtle");
        assertIsomorphic(graph(CONSTRUCT_EXPECTED, Lang.NTRIPLES), graph(r));
    }

    // ---- Comunica 5 (fetch-sparql-endpoint): GET ?query=encodeURIComponent(q) below 600 characters
    //      of URL, else POST form; Accept with q-values; text/turtle for CONSTRUCT/DESCRIBE.

    @Test
    void comunica_select_and_ask_get_json_results_for_its_q_valued_accept_header() throws Exception {
        HttpResponse<byte[]> r = send(comunicaGet(SELECT, COMUNICA_RESULTS));
        assertOk(r, "application/sparql-results+json");
        assertEquals(expectedRows(), rows(r, ResultSetLang.RS_JSON));
        HttpResponse<byte[]> ask = send(comunicaGet(ASK, COMUNICA_RESULTS));
        assertOk(ask, "application/sparql-results+json");
        assertTrue(ResultSetMgr.readBoolean(new ByteArrayInputStream(ask.body()), ResultSetLang.RS_JSON));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CONSTRUCT", "DESCRIBE"})
    void comunica_construct_and_describe_get_turtle(String form) throws Exception {
        HttpResponse<byte[]> r = send(comunicaGet(form.equals("CONSTRUCT") ? CONSTRUCT : DESCRIBE, "text/turtle"));
        assertOk(r, "text/turtle");
        assertIsomorphic(form.equals("CONSTRUCT") ? graph(CONSTRUCT_EXPECTED, Lang.NTRIPLES) : describedTaro(), graph(r));
    }

    @Test
    void comunica_posts_a_long_query_as_a_url_encoded_form() throws Exception {
        String longQuery = "# " + "padding ".repeat(80) + "\n" + SELECT;
        assertTrue((server.sparqlUrl() + "?query=" + encodeUriComponent(longQuery)).length() >= 600);
        HttpResponse<byte[]> r = send(comunica(server.sparqlUrl(), COMUNICA_RESULTS)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("query=" + quotePlus(longQuery, ""), StandardCharsets.UTF_8)));
        assertOk(r, "application/sparql-results+json");
        assertEquals(expectedRows(), rows(r, ResultSetLang.RS_JSON));
    }

    @Test
    void comunica_count_query_for_cardinality_gets_the_exact_count() throws Exception {
        // the shape Comunica sends per triple pattern when it federates several sources
        String count = "SELECT ( COUNT( * ) AS ?count ) WHERE { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> . }";
        HttpResponse<byte[]> r = send(comunicaGet(count, COMUNICA_RESULTS));
        assertOk(r, "application/sparql-results+json");
        assertEquals(List.of(Map.of("count", NodeFactory.createLiteralDT("2", XSDDatatype.XSDinteger))), rows(r, ResultSetLang.RS_JSON));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/kg/sparql", "/kg"})
    void comunica_finds_the_endpoint_and_the_union_default_graph_in_the_service_description(String path) throws Exception {
        String url = server.baseUrl() + path;
        HttpResponse<byte[]> r = send(comunica(url, COMUNICA_RDF).GET());
        assertOk(r, "application/ld+json");       // its best offer for Comunica's list (n-quads and trig not offered)
        Graph sd = graph(r);
        String SD = "http://www.w3.org/ns/sparql-service-description#";
        assertTrue(sd.contains(iri(url), iri(SD + "endpoint"), iri(url)), text(r));
        assertTrue(sd.contains(Node.ANY, iri(SD + "feature"), iri(SD + "UnionDefaultGraph")), text(r));
        assertTrue(sd.contains(iri(url), iri(SD + "supportedLanguage"), iri(SD + "SPARQL11Query")), text(r));
    }

    /** A browser's CORS preflight for the endpoint: it must be allowed for {@code origin}. */
    static HttpResponse<byte[]> preflight(String origin, String method, String headers) throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl()))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", headers));
        assertEquals(200, r.statusCode());
        assertEquals(origin, r.headers().firstValue("Access-Control-Allow-Origin").orElse(null), r.headers().toString());
        return r;
    }

    @Test
    void a_browser_running_comunica_or_yasgui_passes_the_cors_preflight_for_a_post() throws Exception {
        String origin = "https://query.comunica.dev";
        HttpResponse<byte[]> preflight = preflight(origin, "POST", "accept,content-type");
        assertTrue(listHeader(preflight, "Access-Control-Allow-Methods").contains("post"), preflight.headers().toString());
        assertTrue(listHeader(preflight, "Access-Control-Allow-Headers").containsAll(List.of("accept", "content-type")),
                   preflight.headers().toString());

        HttpResponse<byte[]> post = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl()))
            .header("Origin", origin)
            .header("Accept", COMUNICA_RESULTS)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("query=" + quotePlus(SELECT, ""))));
        assertOk(post, "application/sparql-results+json");
        assertEquals(origin, post.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(listHeader(post, "Access-Control-Expose-Headers").contains("content-type"), post.headers().toString());
        assertEquals(expectedRows(), rows(post, ResultSetLang.RS_JSON));
    }

    @Test
    void a_browser_running_comunica_passes_the_cors_preflight_for_its_long_accept_header() throws Exception {
        // an Accept longer than 128 bytes is not CORS-safelisted: the browser asks first
        String origin = "http://localhost:8080";
        preflight(origin, "GET", "accept");
        HttpResponse<byte[]> sd = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl())).header("Origin", origin)
            .header("Accept", COMUNICA_RDF).GET());
        assertOk(sd, "application/ld+json");
        assertEquals(origin, sd.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    // ---- curl and browsers

    @Test
    void curl_with_its_default_accept_gets_json_results_and_turtle_graphs() throws Exception {
        HttpResponse<byte[]> select = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query=" + quotePlus(SELECT, "")))
            .header("User-Agent", "curl/8.5.0").header("Accept", "*/*"));
        assertOk(select, "application/sparql-results+json");
        assertEquals(expectedRows(), rows(select, ResultSetLang.RS_JSON));
        HttpResponse<byte[]> construct = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query=" + quotePlus(CONSTRUCT, "")))
            .header("User-Agent", "curl/8.5.0").header("Accept", "*/*"));
        assertOk(construct, "text/turtle");
        assertIsomorphic(graph(CONSTRUCT_EXPECTED, Lang.NTRIPLES), graph(construct));
    }

    @Test
    void a_browser_opening_a_query_url_gets_xml_results_it_can_show() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query=" + quotePlus(SELECT, "")))
            .header("Accept", BROWSER));
        assertEquals(200, r.statusCode(), text(r));
        assertTrue(contentType(r).endsWith("xml"), contentType(r));
        assertEquals(expectedRows(), rows(r, ResultSetLang.RS_XML));
    }

    @Test
    void head_with_a_query_answers_like_get_without_a_body() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query=" + quotePlus(SELECT, "")))
            .header("Accept", "application/sparql-results+json")
            .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode());
        assertEquals("application/sparql-results+json", contentType(r));
        assertEquals(0, r.body().length);
    }

    @Test
    void head_of_the_service_description_gives_its_type_and_length() throws Exception {
        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl())).header("Accept", "text/turtle")
            .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl())).header("Accept", "text/turtle").GET());
        assertOk(head, "text/turtle");
        assertEquals(String.valueOf(get.body().length), head.headers().firstValue("Content-Length").orElse(null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "text/turtle;q=0.1, application/ld+json | application/ld+json",
        "application/rdf+xml;q=0.5, application/n-triples;q=0.9 | application/n-triples",
        "*/* | text/turtle",
        "text/html | text/turtle"})
    void the_service_description_honours_q_values(String accept, String contentType) throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(server.sparqlUrl())).header("Accept", accept).GET());
        assertOk(r, contentType);
        assertFalse(graph(r).isEmpty());
    }

    // ---- the requests, as each client builds them

    static HttpRequest.Builder sparqlWrapperGet(String query, String format, String accept) {
        String url = server.sparqlUrl() + "?query=" + quotePlus(query, "/") + "&" + sparqlWrapperFormat(format);
        return HttpRequest.newBuilder(URI.create(url)).header("User-Agent", SPARQLWRAPPER_AGENT).header("Accept", accept);
    }

    /** SPARQLWrapper repeats the return format in three parameters; for tsv, json-ld, rdf+xml also as a media type. */
    static String sparqlWrapperFormat(String format) {
        Map<String, String> mediaType = Map.of("tsv", "text/tab-separated-values",
            "json-ld", "application/ld+json,application/x-json+ld", "rdf+xml", "application/rdf+xml");
        List<String> pairs = new ArrayList<>();
        for (String name : List.of("format", "output", "results")) {
            pairs.add(name + "=" + quotePlus(format, "/"));
            if (mediaType.containsKey(format))
                pairs.add(name + "=" + quotePlus(mediaType.get(format), "/"));
        }
        return String.join("&", pairs);
    }

    static HttpRequest.Builder rdflib(String method, String query, String accept) {
        HttpRequest.Builder b = switch (method) {
            case "GET" -> HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query=" + quotePlus(query, ""))).GET();
            case "POST" -> HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?"))
                .header("Content-Type", "application/sparql-query")
                .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8));
            default -> HttpRequest.newBuilder(URI.create(server.sparqlUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + quotePlus(query, ""), StandardCharsets.US_ASCII));
        };
        return b.header("Accept", accept).header("User-Agent", RDFLIB_AGENT).header("Accept-Encoding", "identity");
    }

    static HttpRequest.Builder comunicaGet(String query, String accept) {
        return comunica(server.sparqlUrl() + "?query=" + encodeUriComponent(query), accept).GET();
    }

    static HttpRequest.Builder comunica(String url, String accept) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).header("User-Agent", COMUNICA_AGENT)
            .header("Accept-Encoding", "br,gzip,deflate").header("Accept-Language", "*").header("Sec-Fetch-Mode", "cors");
    }

    /** Python's urllib.parse.quote_plus(s, safe): space as +, unreserved and {@code safe} kept. */
    static String quotePlus(String s, String safe) {
        return percentEncode(s, "_.-~" + safe, true);
    }

    /** JavaScript's encodeURIComponent. */
    static String encodeUriComponent(String s) {
        return percentEncode(s, "-_.!~*'()", false);
    }

    static String percentEncode(String s, String keep, boolean spaceAsPlus) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c < 128 && keep.indexOf(c) >= 0))
                out.append(c);
            else if (c == ' ' && spaceAsPlus)
                out.append('+');
            else
                out.append(String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    /** HTTP/1.1 as the clients speak it (the JDK client would otherwise offer an h2c upgrade). */
    static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // ---- what the clients parse

    static List<Map<String, Node>> expectedRows() {
        Node date = NodeFactory.createLiteralDT("2019-01-14", XSDDatatype.XSDdate);
        Map<String, Node> taro = new LinkedHashMap<>();
        taro.put("person", iri(Fixtures.TARO));
        taro.put("name", NodeFactory.createLiteralLang("Taro Kono", "en"));
        taro.put("date", date);
        taro.put("title", NodeFactory.createLiteralLang("Minister for Foreign Affairs", "en"));
        return List.of(
            Map.of("person", iri(Fixtures.LAVROV), "name", NodeFactory.createLiteralLang("Sergey Lavrov", "en"), "date", date),
            taro);
    }

    /** Rows as variable → term, in result order (unbound variables absent). */
    static List<Map<String, Node>> rows(HttpResponse<byte[]> r, Lang lang) {
        RowSet rows = RowSet.adapt(ResultSetMgr.read(new ByteArrayInputStream(r.body()), lang));
        List<Map<String, Node>> out = new ArrayList<>();
        rows.forEachRemaining(b -> {
            Map<String, Node> row = new LinkedHashMap<>();
            b.vars().forEachRemaining(v -> row.put(v.getVarName(), b.get(v)));
            out.add(row);
        });
        return out;
    }

    static Graph graph(HttpResponse<byte[]> r) {
        Lang lang = RDFLanguages.contentTypeToLang(contentType(r));
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(r.body())).lang(lang).base(server.sparqlUrl()).parse(g);
        return g;
    }

    static Graph graph(String text, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(text, lang).parse(g);
        return g;
    }

    /** What DESCRIBE of Taro Kono returns: every triple about him in the union default graph. */
    static Graph describedTaro() {
        return Txn.calculateRead(dsg, () -> {
            Graph g = GraphFactory.createDefaultGraph();
            dsg.getUnionGraph().find(iri(Fixtures.TARO), Node.ANY, Node.ANY).forEachRemaining(g::add);
            return g;
        });
    }

    static void assertOk(HttpResponse<byte[]> r, String contentType) {
        assertEquals(200, r.statusCode(), text(r));
        assertEquals(contentType, contentType(r), r.headers().toString());
    }

    static void assertIsomorphic(Graph expected, Graph got) {
        assertTrue(expected.isIsomorphicWith(got), () -> "expected:\n" + show(expected) + "got:\n" + show(got));
    }

    static String show(Graph g) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.apache.jena.riot.RDFDataMgr.write(out, g, Lang.NTRIPLES);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The media type of the response, without parameters (what the clients dispatch on). */
    static String contentType(HttpResponse<byte[]> r) {
        return r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    }

    static List<String> listHeader(HttpResponse<byte[]> r, String name) {
        return r.headers().allValues(name).stream()
            .flatMap(v -> java.util.Arrays.stream(v.split(",")))
            .map(v -> v.trim().toLowerCase(java.util.Locale.ROOT))
            .collect(Collectors.toList());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static Node iri(String s) {
        return NodeFactory.createURI(s);
    }
}
