package org.treatygraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.Prefixes;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.resultset.ResultSetCompare;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import org.apache.jena.sparql.util.NodeFactoryExtra;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.derive.Deriver;
import org.treatygraph.load.Database;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.load.Project;
import org.treatygraph.load.Store;
import org.treatygraph.serve.TreatyServer;
import org.treatygraph.testing.WikidataStandIn;

/**
 * Every named query of queries/ over real HTTP, against the real data: ontology/ and data/ loaded
 * into a TDB2 database in a temporary folder by the real load stage, derived by the real rules
 * (the pipeline {@code serve} runs), served by the real {@link TreatyServer} on a free port. Each
 * query's answer at /kg/sparql is compared, RDF term by RDF term and in order, with
 * queries/expected/NAME.srj. Federated queries call the Wikidata stand-in on loopback: their
 * {@code SERVICE <https://query.wikidata.org/sparql>} is pointed at it, and the server's SERVICE
 * allow-list holds the stand-in's URL only. The database is built once for the class.
 *
 * <p>To regenerate the expected files after an intended change (then check every row by hand):
 * {@code mvn -B -q test -Dtest=NamedQueriesOverHttpTest -Dqueries.regenerate=true}.
 */
class NamedQueriesOverHttpTest {
    static final Path PROJECT = Path.of(".");
    static final Path QUERIES = PROJECT.resolve("queries");
    static final Path EXPECTED = QUERIES.resolve("expected");
    static final String WIKIDATA = "https://query.wikidata.org/sparql";
    static final List<String> EXPECTED_EXTENSIONS = List.of(".srj", ".srx", ".tsv");
    static final boolean REGENERATE = Boolean.getBoolean("queries.regenerate");

    @TempDir static Path tmp;
    static Database database;
    static DatasetGraph dsg;
    static WikidataStandIn wikidata;
    static TreatyServer server;
    static NamedQueries catalog;

    @BeforeAll
    static void buildAndServe() {
        Project project = new Project(PROJECT);
        database = Database.open(tmp.resolve("tdb2"), project, new Reasoner(project.rulesDir()));
        database.rebuild(Database.OnError.REFUSE);
        dsg = database.dataset();
        catalog = NamedQueries.load(project.queriesDir());
        wikidata = WikidataStandIn.start();
        server = TreatyServer.builder(database)
            .port(0)
            .serviceAllow(List.of(wikidata.sparqlUrl()))
            .namedQueries(catalog)
            .build()
            .start();
    }

    @AfterAll
    static void stop() {
        if (server != null)
            server.stop();
        if (wikidata != null)
            wikidata.close();
        if (dsg != null)
            TDBInternal.expel(dsg);
    }

    // ------------------------------------------------------------------ every query, its expected answer

    @TestFactory
    Stream<DynamicTest> every_named_query_gives_its_expected_answer_over_http() {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (NamedQuery q : catalog.all()) {
            names.add(q.name());
            tests.add(DynamicTest.dynamicTest(q.name(), q.file().toUri(), () -> answerMatches(q)));
        }
        for (Path orphan : expectedFiles())
            if (!names.contains(stem(orphan)))
                tests.add(DynamicTest.dynamicTest("expected/" + orphan.getFileName() + " belongs to a query", orphan.toUri(),
                    () -> fail(orphan + " has no query queries/" + stem(orphan) + ".rq: remove it or add the query")));
        assertFalse(tests.isEmpty(), "queries/ has no named queries");
        return tests.stream();
    }

    private static void answerMatches(NamedQuery q) throws IOException {
        String text = q.text();
        if (q.federated()) {
            assertTrue(text.contains("<" + WIKIDATA + ">"),
                q.file() + " is marked federated but has no SERVICE <" + WIKIDATA + ">");
            text = text.replace("<" + WIKIDATA + ">", "<" + wikidata.sparqlUrl() + ">");
        }
        Query query = q.parse();
        Optional<Path> expectedFile = expectedFile(q.name());
        if (query.isAskType()) {
            boolean actual;
            try (QueryExec qe = QueryExecHTTP.service(server.sparqlUrl()).query(text).build()) {
                actual = qe.ask();
            }
            if (REGENERATE)
                write(EXPECTED.resolve(q.name() + ".srj"), out -> ResultSetMgr.write(out, actual, ResultSetLang.RS_JSON));
            Path file = expectedFile.orElseGet(() -> fail(missing(q)));
            boolean expectedAnswer;
            try (InputStream in = Files.newInputStream(file)) {
                expectedAnswer = ResultSetMgr.readBoolean(in, langOf(file));
            }
            assertEquals(expectedAnswer, actual, q.name());
            return;
        }
        assertTrue(query.isSelectType(), q.file() + ": named queries are SELECT or ASK");
        ResultSetRewindable actual;
        try (QueryExec qe = QueryExecHTTP.service(server.sparqlUrl()).query(text).build()) {
            actual = ResultSetFactory.makeRewindable(ResultSet.adapt(qe.select()));
        }
        if (REGENERATE) {
            write(EXPECTED.resolve(q.name() + ".srj"), out -> ResultSetMgr.write(out, actual, ResultSetLang.RS_JSON));
            actual.reset();
            expectedFile = expectedFile(q.name());
        }
        Path file = expectedFile.orElseGet(() -> fail(missing(q)));
        ResultSetRewindable expected = readExpected(file);
        assertEquals(expected.getResultVars(), actual.getResultVars(), q.name() + ": result variables");
        boolean same = query.hasOrderBy()
            ? ResultSetCompare.equalsByTermAndOrder(expected, actual)
            : ResultSetCompare.equalsByTerm(expected, actual);
        if (!same) {
            expected.reset();
            actual.reset();
            fail(q.name() + ": the answer differs from " + file + "\n--- expected (" + expected.size() + " rows)\n"
                 + ResultSetFormatter.asText(expected) + "--- actual (" + actual.size() + " rows)\n"
                 + ResultSetFormatter.asText(actual)
                 + "If the change is intended, regenerate with -Dqueries.regenerate=true and check every row by hand.");
        }
    }

    private static String missing(NamedQuery q) {
        return "queries/expected/" + q.name() + ".srj is missing: every named query needs its expected answer"
               + " (generate it with -Dqueries.regenerate=true, then check every row against the sources)";
    }

    // ------------------------------------------------------------------ every header complete and true to its query

    @TestFactory
    Stream<DynamicTest> every_named_query_has_a_complete_header_that_matches_its_body() {
        return catalog.all().stream().map(q -> DynamicTest.dynamicTest(q.name(), q.file().toUri(), () -> {
            assertFalse(q.title().isEmpty(), q.file() + ": no '# # Title' line");
            assertFalse(q.question().isEmpty(), q.file() + ": no '# **Question:**' line");
            assertFalse(q.returns().isEmpty(), q.file() + ": no '# **Returns:**' line");
            assertTrue(q.text().lines().anyMatch(l -> l.startsWith("# **Parameters:**")),
                q.file() + ": no '# **Parameters:**' line (write 'none' when there are none)");
            Query query = q.parse();
            assertTrue(query.hasOrderBy(), q.file() + ": no ORDER BY (answers must be stable)");
            Set<String> ordered = query.getOrderBy().stream()
                .flatMap(c -> c.getExpression().getVarsMentioned().stream()).map(v -> v.getVarName())
                .collect(Collectors.toSet());
            for (String v : query.getResultVars())
                assertTrue(ordered.contains(v), q.file() + ": ?" + v + " is not in the ORDER BY (the order must be total)");
            assertEquals(usesService(query), q.federated(),
                q.file() + ": '# **Federated:** yes' must be in the header exactly when the query uses SERVICE");
            Map<String, List<Node>> defaults = q.defaults();
            PrefixMap prefixes = Prefixes.adapt(query.getPrefixMapping());
            for (Parameter p : q.parameters()) {
                List<Node> body = defaults.get(p.name());
                assertNotNull(body, q.file() + ": ?" + p.name() + " is declared but no VALUES or BIND binds it");
                assertFalse(p.defaultValue().isEmpty(), q.file() + ": ?" + p.name() + " has no '(default …)' in the header");
                assertEquals(List.of(NodeFactoryExtra.parseNode(p.defaultValue(), prefixes)), body,
                    q.file() + ": the header's default of ?" + p.name() + " differs from the query's");
            }
        }));
    }

    private static boolean usesService(Query query) {
        return services(query) > 0;
    }

    static int services(Query query) {
        int[] found = {0};
        ElementWalker.walk(query.getQueryPattern(), new ElementVisitorBase() {
            @Override public void visit(ElementService el) { found[0]++; }
        });
        return found[0];
    }

    // ------------------------------------------------------------------ open facts know their horizon

    /**
     * The queries that ask about a day answer a day after the dataset's knowledge horizon
     * (tg:knowledgeHorizon, background graph) with a note and nothing else: no stale holder, claim
     * or agreement (issue 12). Data-driven: query, its parameter, its value, and the column that
     * must stay empty.
     */
    @Nested
    class TheKnowledgeHorizon {
        final List<List<String>> DATE_QUERIES = List.of(
            List.of("post_holder_on_date", "post", "post:russia-president", "holder"),
            List.of("post_holder_on_date", "post", "post:japan-ambassador-to-russia", "holder"),
            List.of("claims_over_island_on_date", "island", "island:kunashir", "claim"),
            List.of("agreements_in_force_on_date", "state", "state:japan", "agreement"));

        @TestFactory
        Stream<DynamicTest> a_day_beyond_the_knowledge_horizon_gets_a_note_and_no_answer() {
            return DATE_QUERIES.stream().map(q -> DynamicTest.dynamicTest(q.get(0) + " " + q.get(2) + " on 2099-01-01", () -> {
                ResultSetRewindable rs = select(queryUrl(q.get(0), q.get(1), q.get(2), "date", "2099-01-01"));
                assertEquals(1, rs.size(), "one row, the note");
                assertEquals(Set.of(), column(rs, q.get(3)), "no " + q.get(3) + " beyond the horizon");
                assertTrue(column(rs, "note").iterator().next().contains("beyond the knowledge horizon"), "the note says why");
            }));
        }

        @TestFactory
        Stream<DynamicTest> a_day_before_the_horizon_is_answered() {
            return DATE_QUERIES.stream().map(q -> DynamicTest.dynamicTest(q.get(0) + " " + q.get(2) + " on 2019-01-14", () ->
                assertFalse(column(select(queryUrl(q.get(0), q.get(1), q.get(2), "date", "2019-01-14")), q.get(3)).isEmpty())));
        }

        @Test
        void an_ambassador_who_left_in_2023_is_not_the_answer_for_2025() throws Exception {
            ResultSetRewindable rs = select(queryUrl("post_holder_on_date", "post", "post:japan-ambassador-to-russia", "date", "2025-06-01"));
            assertEquals(Set.of(), column(rs, "holder"));
            assertEquals(1, rs.size(), "one row: the note that no tenure in the data covers the day");
        }

        @Test
        void an_ongoing_tenure_says_that_it_is_known_up_to_the_horizon() throws Exception {
            ResultSetRewindable rs = select(queryUrl("post_holder_on_date", "post", "post:russia-president", "date", "2025-06-01"));
            assertEquals(Set.of("https://w3id.org/treatygraph/id/person/vladimir-putin"), column(rs, "holder"));
            assertTrue(column(rs, "note").iterator().next().contains("kept current up to 2026-02-12"));
        }
    }

    // ------------------------------------------------------------------ the /kg/queries API

    /** GET /kg/queries and /kg/queries/NAME over real HTTP. */
    @Nested
    class TheQueriesApi {
        @Test
        void the_list_gives_every_named_query_with_its_name_title_question_parameters_federated_flag_and_text() throws Exception {
            HttpResponse<String> r = get(server.baseUrl() + "/kg/queries", null);
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonArray list = JSON.parseAny(r.body()).getAsArray();
            assertEquals(catalog.all().stream().map(NamedQuery::name).toList(),
                         list.stream().map(v -> v.getAsObject().getString("name")).toList());
            for (JsonValue v : list) {
                JsonObject o = v.getAsObject();
                NamedQuery q = catalog.get(o.getString("name")).orElseThrow();
                assertEquals(q.title(), o.getString("title"));
                assertEquals(q.question(), o.getString("question"));
                assertEquals(q.federated(), o.get("federated").getAsBoolean().value());
                assertEquals(q.text(), o.getString("sparql"), "the query itself, for the browser page to open");
                assertEquals(q.parameters().stream().map(Parameter::name).toList(),
                             o.get("parameters").getAsArray().stream().map(p -> p.getAsObject().getString("name")).toList());
                assertEquals(q.parameters().stream().map(Parameter::defaultValue).toList(),
                             o.get("parameters").getAsArray().stream().map(p -> p.getAsObject().getString("default")).toList());
            }
            JsonObject between = list.stream().map(JsonValue::getAsObject)
                .filter(o -> o.getString("name").equals("meetings_between")).findFirst().orElseThrow();
            assertEquals("person:taro-kono", between.get("parameters").getAsArray().get(0).getAsObject().getString("default"));
        }

        @Test
        void a_query_run_by_name_without_parameters_gives_its_expected_answer() throws Exception {
            HttpResponse<String> r = get(queryUrl("meetings_between"), null);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/sparql-results+json"));
            assertSameAnswer(expectedFile("meetings_between").orElseThrow(), parse(r.body(), ResultSetLang.RS_JSON));
        }

        @Test
        void parameters_replace_the_defaults() throws Exception {
            ResultSetRewindable rs = select(queryUrl("meetings_between", "a", "person:shinzo-abe", "b", "person:vladimir-putin"));
            Set<String> meetings = column(rs, "meeting");
            assertTrue(meetings.contains(EVENT + "2018-12-01-abe-putin-buenos-aires"), meetings.toString());
            assertTrue(meetings.contains(EVENT + "2019-01-22-abe-putin-moscow"), meetings.toString());
            assertFalse(meetings.contains(EVENT + "2019-01-14-kono-lavrov-moscow"), meetings.toString());
        }

        @Test
        void a_parameter_may_be_a_prefixed_name_an_iri_in_brackets_or_a_bare_absolute_iri() throws Exception {
            String abe = "https://w3id.org/treatygraph/id/person/shinzo-abe";
            Set<List<String>> prefixed = rows(select(queryUrl("meetings_between", "a", "person:shinzo-abe", "b", "person:vladimir-putin")));
            assertEquals(prefixed, rows(select(queryUrl("meetings_between", "a", "<" + abe + ">", "b", "person:vladimir-putin"))));
            assertEquals(prefixed, rows(select(queryUrl("meetings_between", "a", abe, "b", "person:vladimir-putin"))));
        }

        @Test
        void a_literal_parameter_takes_a_typed_literal_or_its_bare_lexical_form() throws Exception {
            String post = "post:japan-prime-minister";
            Set<String> typed = column(select(queryUrl("post_holder_on_date", "post", post, "date", "\"2007-01-01\"^^xsd:date")), "holder");
            Set<String> bare = column(select(queryUrl("post_holder_on_date", "post", post, "date", "2007-01-01")), "holder");
            assertEquals(Set.of("https://w3id.org/treatygraph/id/person/shinzo-abe"), typed);
            assertEquals(typed, bare);
        }

        @Test
        void results_come_in_json_xml_csv_or_tsv_by_accept_header_or_format_parameter() throws Exception {
            String url = queryUrl("meetings_between");
            Path expected = expectedFile("meetings_between").orElseThrow();
            HttpResponse<String> xml = get(url, "application/sparql-results+xml");
            assertTrue(xml.headers().firstValue("Content-Type").orElse("").startsWith("application/sparql-results+xml"));
            assertSameAnswer(expected, parse(xml.body(), ResultSetLang.RS_XML));
            HttpResponse<String> tsv = get(url, "text/tab-separated-values");
            assertTrue(tsv.headers().firstValue("Content-Type").orElse("").startsWith("text/tab-separated-values"));
            assertSameAnswer(expected, parse(tsv.body(), ResultSetLang.RS_TSV));
            HttpResponse<String> csv = get(url, "text/csv");
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            assertEquals("date,meeting,label,types,place,source", csv.body().lines().findFirst().orElse(""));
            HttpResponse<String> byParameter = get(url + "?format=tsv", "application/sparql-results+json");
            assertTrue(byParameter.headers().firstValue("Content-Type").orElse("").startsWith("text/tab-separated-values"));
            HttpResponse<String> any = get(url, "*/*");
            assertTrue(any.headers().firstValue("Content-Type").orElse("").startsWith("application/sparql-results+json"));
        }

        @Test
        void a_query_runs_by_post_too() throws Exception {
            String form = "a=" + enc("person:shinzo-abe") + "&b=" + enc("person:vladimir-putin");
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(queryUrl("meetings_between")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(column(parse(r.body(), ResultSetLang.RS_JSON), "meeting").contains(EVENT + "2018-12-01-abe-putin-buenos-aires"));
        }

        @Test
        void an_unknown_query_name_is_not_found() throws Exception {
            HttpResponse<String> r = get(queryUrl("no_such_query"), null);
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("No named query 'no_such_query'") && r.body().contains("/kg/queries"), r.body());
        }

        @Test
        void an_undeclared_parameter_is_a_bad_request_that_names_the_declared_ones() throws Exception {
            HttpResponse<String> r = get(queryUrl("meetings_between", "c", "person:shinzo-abe"), null);
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("Unknown parameter 'c'") && r.body().contains("?a, ?b"), r.body());
        }

        @Test
        void a_value_that_is_not_one_rdf_term_is_a_bad_request_and_cannot_change_the_query() throws Exception {
            for (String evil : List.of("person:taro-kono } ?s ?p ?o {", "person:taro-kono> . ?x ?y ?z", "?s", "_:b0",
                                       "person:taro kono", "")) {
                HttpResponse<String> r = get(queryUrl("meetings_between", "a", evil), null);
                assertEquals(400, r.statusCode(), evil + " → " + r.body());
                assertTrue(r.body().startsWith("Parameter ?a of query 'meetings_between'"), r.body());
            }
        }

        @Test
        void a_literal_for_an_iri_parameter_and_an_ill_formed_date_are_bad_requests_that_say_what_is_expected() throws Exception {
            HttpResponse<String> literal = get(queryUrl("meetings_between", "a", "\"Taro Kono\"@en"), null);
            assertEquals(400, literal.statusCode());
            assertTrue(literal.body().contains("expected an IRI") && literal.body().contains("person:taro-kono"), literal.body());
            HttpResponse<String> date = get(queryUrl("post_holder_on_date", "date", "2019-13-45"), null);
            assertEquals(400, date.statusCode());
            assertTrue(date.body().contains("xsd:date"), date.body());
            HttpResponse<String> typed = get(queryUrl("post_holder_on_date", "date", "\"2019-13-45\"^^xsd:date"), null);
            assertEquals(400, typed.statusCode());
            assertTrue(typed.body().contains("ill-formed"), typed.body());
        }

        @Test
        void an_unknown_format_is_a_bad_request() throws Exception {
            HttpResponse<String> r = get(queryUrl("meetings_between") + "?format=pdf", null);
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("json, xml, csv or tsv"), r.body());
        }

        @Test
        void a_parameter_value_may_use_any_prefix_of_the_data_not_only_the_querys() throws Exception {
            // meetings_between declares only the prefixes it uses; place: is one of the data
            ResultSetRewindable rs = select(queryUrl("meetings_between", "a", "person:taro-kono", "b", "person:sergey-lavrov"));
            ResultSetRewindable viaWd = select(queryUrl("posts_of_person", "person", "person:vladimir-putin"));
            assertTrue(rs.size() > 0 && viaWd.size() > 0);
            HttpResponse<String> r = get(queryUrl("meetings_between", "a", "place:moscow"), "application/sparql-results+json");
            assertEquals(200, r.statusCode(), "place: is a prefix of the data, not of the query: " + r.body());
        }

        @Test
        void a_json_body_gives_the_parameters() throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(queryUrl("meetings_between")))
                .header("Content-Type", "application/json").header("Accept", "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\": \"person:shinzo-abe\", \"b\": [\"person:vladimir-putin\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            Set<String> meetings = column(parse(r.body(), ResultSetLang.RS_JSON), "meeting");
            assertTrue(meetings.contains(EVENT + "2019-01-22-abe-putin-moscow"), meetings.toString());
            HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(queryUrl("meetings_between")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[1, 2]")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode(), bad.body());
        }

        @Test
        void an_entity_the_data_does_not_know_is_a_404_that_suggests_names() throws Exception {
            HttpResponse<String> r = get(queryUrl("meetings_between", "a", "person:taro-konno"), null);
            assertEquals(404, r.statusCode(), r.body());
            assertTrue(r.body().contains("<https://w3id.org/treatygraph/id/person/taro-konno> is not in the data"), r.body());
            assertTrue(r.body().contains("did you mean <https://w3id.org/treatygraph/id/person/taro-kono>"), r.body());
        }

        @Test
        void a_browser_is_sent_to_the_workbench_form_of_the_question() throws Exception {
            HttpResponse<String> r = get(queryUrl("meetings_between", "a", "person:shinzo-abe"), "text/html,application/xhtml+xml,*/*;q=0.8");
            assertEquals(303, r.statusCode(), r.body());
            assertEquals("/?q=meetings_between&a=person%3Ashinzo-abe", r.headers().firstValue("Location").orElse(""));
        }

        @Test
        void a_federated_query_whose_service_cannot_be_reached_answers_502_naming_its_offline_twin() throws Exception {
            String dead = "http://127.0.0.1:1/sparql";
            NamedQueries twins = NamedQueries.load(new Project(PROJECT).queriesDir());
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("queries");
            for (NamedQuery q : twins.all())
                java.nio.file.Files.writeString(dir.resolve(q.name() + ".rq"), q.text().replace("<" + WIKIDATA + ">", "<" + dead + ">"));
            TreatyServer s = TreatyServer.builder(database).port(0).serviceAllow(List.of(dead))
                .namedQueries(NamedQueries.load(dir)).build().start();
            try {
                HttpResponse<String> r = get(s.baseUrl() + "/kg/queries/wikidata_persons_federated", null);
                assertEquals(502, r.statusCode(), r.body());
                assertTrue(r.body().contains("/kg/queries/wikidata_persons_snapshot"), r.body());
            } finally {
                s.stop();
            }
        }

        @Test
        void a_federated_named_query_is_refused_when_wikidata_is_not_on_the_allow_list() throws Exception {
            NamedQuery federated = catalog.all().stream().filter(NamedQuery::federated).findFirst().orElseThrow();
            int before = wikidata.requestCount();
            HttpResponse<String> r = get(queryUrl(federated.name()), null);
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains(WIKIDATA) && r.body().contains("no request was made"), r.body());
            assertEquals(before, wikidata.requestCount());
        }

        @Test
        void federated_queries_ask_wikidata_about_each_linked_item_with_the_item_bound() throws Exception {
            for (NamedQuery q : catalog.all().stream().filter(NamedQuery::federated).toList())
                asksOncePerItemAndService(q);
        }

        private void asksOncePerItemAndService(NamedQuery q) {
            String text = q.text().replace("<" + WIKIDATA + ">", "<" + wikidata.sparqlUrl() + ">");
            int before = wikidata.requestCount();
            ResultSetRewindable rs;
            try (QueryExec qe = QueryExecHTTP.service(server.sparqlUrl()).query(text).build()) {
                rs = ResultSetFactory.copyResults(ResultSet.adapt(qe.select()));
            }
            int items = column(rs, "wikidata").size();
            assertTrue(items > 1, q.name() + ": linked items: " + items);
            // one request per item and SERVICE block: the item is substituted into the SERVICE
            // pattern, so the remote endpoint is never asked about all its items at once
            assertEquals(items * services(q.parse()), wikidata.requestCount() - before, q.name());
        }

        @Test
        void a_named_query_that_runs_too_long_is_cut_off_with_503_and_the_server_keeps_answering(@TempDir Path dir) throws Exception {
            // its own small in-memory dataset and server: the timeout lives in the dataset's context
            DatasetGraph mem = DatasetGraphFactory.createTxnMem();
            Txn.executeWrite(mem, () -> {
                for (int i = 0; i < 300; i++)
                    mem.getDefaultGraph().add(NodeFactory.createURI("urn:x:s" + i), NodeFactory.createURI("urn:x:p"),
                                              NodeFactory.createLiteralDT(Integer.toString(i), XSDDatatype.XSDinteger));
            });
            Files.writeString(dir.resolve("slow.rq"), String.join("\n",
                "# # Slow",
                "# **Question:** How many quadruples of triples are there?",
                "# **Parameters:** none",
                "# **Returns:** ?n",
                "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?n", ""));
            TreatyServer slow = TreatyServer.builder(mem).port(0).timeout(Duration.ofMillis(200))
                .namedQueries(NamedQueries.load(dir)).build().start();
            try {
                HttpResponse<String> r = get(slow.baseUrl() + "/kg/queries/slow", null);
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(r.body().contains("timed out"), r.body());
                assertEquals(200, get(slow.baseUrl() + "/kg/queries", null).statusCode());
            } finally {
                slow.stop();
            }
        }

        @Test
        void the_list_is_read_only() throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/kg/queries")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode());
        }
    }

    // ------------------------------------------------------------------ helpers

    static final String EVENT = "https://w3id.org/treatygraph/id/event/";

    static Optional<Path> expectedFile(String name) {
        return EXPECTED_EXTENSIONS.stream().map(ext -> EXPECTED.resolve(name + ext)).filter(Files::isRegularFile).findFirst();
    }

    static List<Path> expectedFiles() {
        if (!Files.isDirectory(EXPECTED))
            return List.of();
        try (Stream<Path> s = Files.list(EXPECTED)) {
            return s.filter(p -> EXPECTED_EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().endsWith(e))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String stem(Path p) {
        String f = p.getFileName().toString();
        return f.substring(0, f.lastIndexOf('.'));
    }

    interface Writer { void write(OutputStream out) throws IOException; }

    static void write(Path file, Writer w) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            w.write(out);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String queryUrl(String name, String... params) {
        StringBuilder b = new StringBuilder(server.baseUrl()).append("/kg/queries/").append(name);
        for (int i = 0; i < params.length; i += 2)
            b.append(i == 0 ? '?' : '&').append(enc(params[i])).append('=').append(enc(params[i + 1]));
        return b.toString();
    }

    static HttpResponse<String> get(String url, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (accept != null)
            b.header("Accept", accept);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static ResultSetRewindable parse(String body, org.apache.jena.riot.Lang lang) {
        return ResultSetFactory.copyResults(
            ResultSetMgr.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), lang));
    }

    static ResultSetRewindable select(String url) throws Exception {
        HttpResponse<String> r = get(url, "application/sparql-results+json");
        assertEquals(200, r.statusCode(), url + " → " + r.body());
        return parse(r.body(), ResultSetLang.RS_JSON);
    }

    /** An expected answer, read fully into memory. */
    static ResultSetRewindable readExpected(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ResultSetFactory.copyResults(ResultSetMgr.read(in, langOf(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static org.apache.jena.riot.Lang langOf(Path file) {
        String f = file.getFileName().toString();
        return f.endsWith(".srx") ? ResultSetLang.RS_XML : f.endsWith(".tsv") ? ResultSetLang.RS_TSV : ResultSetLang.RS_JSON;
    }

    static void assertSameAnswer(Path expectedFile, ResultSetRewindable actual) {
        ResultSetRewindable expected = readExpected(expectedFile);
        assertTrue(ResultSetCompare.equalsByTermAndOrder(expected, actual), () -> {
            expected.reset();
            actual.reset();
            return "expected\n" + ResultSetFormatter.asText(expected) + "actual\n" + ResultSetFormatter.asText(actual);
        });
    }

    static Set<String> column(ResultSetRewindable rs, String var) {
        rs.reset();
        Set<String> values = new LinkedHashSet<>();
        rs.forEachRemaining(s -> { if (s.contains(var)) values.add(s.get(var).toString()); });
        rs.reset();
        return values;
    }

    static Set<List<String>> rows(ResultSetRewindable rs) {
        rs.reset();
        Set<List<String>> rows = new LinkedHashSet<>();
        List<String> vars = rs.getResultVars();
        rs.forEachRemaining(s -> rows.add(vars.stream().map(v -> s.contains(v) ? s.get(v).toString() : "").collect(Collectors.toList())));
        rs.reset();
        return rows;
    }
}
