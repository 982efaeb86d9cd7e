package org.treatygraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.sparql.resultset.ResultsReader;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.resultset.ResultSetCompare;
import org.apache.jena.sparql.resultset.SPARQLResult;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.load.Database;
import org.treatygraph.load.Project;
import org.treatygraph.load.Store;
import org.treatygraph.serve.TreatyServer;
import org.treatygraph.testing.CommandLine;
import org.treatygraph.testing.WikidataStandIn;

/**
 * One query semantics: the {@code query} verb (run in-process, {@code --format json}) and the
 * service over real HTTP ({@code /kg/sparql} with the query text; {@code /kg/queries/NAME} for a
 * named query) give the same rows, term by term and in order, for every named query of queries/
 * (with its defaults), every {@code ```sparql} block of README.md, and queries that name their
 * graphs ({@code FROM}, {@code FROM NAMED}). One TDB2 database, built from the real ontology/ and
 * data/ by the real pipeline, is read by both: the verb opens the same folder. Federated queries
 * reach the Wikidata stand-in on both paths: the catalog is copied with
 * {@code SERVICE <https://query.wikidata.org/sparql>} pointed at the stand-in, which is the only
 * endpoint on the allow-list of the verb ({@code --service-allow}) and of the server.
 */
class OneQuerySemanticsTest {
    static final Path README = Path.of("README.md");
    static final String WIKIDATA = "https://query.wikidata.org/sparql";

    @TempDir static Path tmp;
    static Path project, db;
    static DatasetGraph dsg;
    static WikidataStandIn wikidata;
    static TreatyServer server;
    static NamedQueries catalog;

    @BeforeAll
    static void buildAndServe() throws IOException {
        Project real = new Project(Path.of("."));
        db = tmp.resolve("tdb2");
        Database database = Database.open(db, real, new Reasoner(real.rulesDir()));
        database.rebuild(Database.OnError.REFUSE);
        dsg = database.dataset();
        wikidata = WikidataStandIn.start();
        project = tmp.resolve("project");
        Path queries = Files.createDirectories(project.resolve("queries"));
        for (NamedQuery q : NamedQueries.load(real.queriesDir()).all())
            Files.writeString(queries.resolve(q.name() + ".rq"),
                              q.text().replace("<" + WIKIDATA + ">", "<" + wikidata.sparqlUrl() + ">"));
        catalog = NamedQueries.load(queries);
        server = TreatyServer.builder(dsg)
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

    // ------------------------------------------------------------------ every named query

    @TestFactory
    Stream<DynamicTest> every_named_query_gives_the_same_rows_through_the_verb_and_over_http() {
        List<NamedQuery> all = catalog.all();
        assertFalse(all.isEmpty(), "no named queries");
        return all.stream().map(q -> DynamicTest.dynamicTest(
            q.name() + " with its defaults gives the same rows through the query verb, /kg/sparql and /kg/queries/" + q.name(),
            () -> {
                int before = wikidata.requestCount();
                SPARQLResult verb = verb(q.name());
                int afterVerb = wikidata.requestCount();
                SPARQLResult sparql = overSparql(q.text());
                int afterSparql = wikidata.requestCount();
                SPARQLResult named = overNamedQuery(q.name());
                if (q.federated()) {
                    assertTrue(afterVerb > before, q.name() + ": the verb did not reach the Wikidata stand-in");
                    assertTrue(afterSparql > afterVerb, q.name() + ": /kg/sparql did not reach the Wikidata stand-in");
                    assertTrue(wikidata.requestCount() > afterSparql, q.name() + ": /kg/queries did not reach the Wikidata stand-in");
                }
                assertSame(q.name() + ": verb vs /kg/sparql", verb, sparql);
                assertSame(q.name() + ": verb vs /kg/queries/" + q.name(), verb, named);
            }));
    }

    // ------------------------------------------------------------------ every README query

    /** A {@code ```sparql} block of README.md: its first line (1-based) and its text, indentation removed. */
    record Block(int line, String text) {}

    static List<Block> readmeBlocks() {
        List<String> lines;
        try {
            lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String open = lines.get(i);
            if (!open.strip().equals("```sparql"))
                continue;
            int indent = open.indexOf('`');
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).strip().equals("```"); j++)
                text.append(lines.get(j).length() >= indent ? lines.get(j).substring(indent) : lines.get(j).strip()).append('\n');
            blocks.add(new Block(i + 1, text.toString()));
            i = j;
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> every_readme_query_gives_the_same_rows_through_the_verb_and_over_http() {
        List<Block> blocks = readmeBlocks();
        assertTrue(blocks.size() >= 3, "README.md has " + blocks.size() + " ```sparql blocks");
        return blocks.stream().map(b -> DynamicTest.dynamicTest(
            "the README query at line " + b.line() + " gives the same rows through the query verb and /kg/sparql",
            () -> {
                Query parsed = QueryFactory.create(b.text());   // every block is a whole query
                Path file = tmp.resolve("readme-" + b.line() + ".rq");
                Files.writeString(file, b.text());
                SPARQLResult verb = verb(file.toString());
                assertSame("README line " + b.line() + ": verb vs /kg/sparql", verb, overSparql(b.text()));
                if (parsed.isSelectType())
                    assertTrue(size(verb) > 0, "README line " + b.line() + ": no rows; an example should answer something");
            }));
    }

    // ------------------------------------------------------------------ the rewrites, both ways

    @Test
    void a_wikidata_item_in_a_pattern_gives_the_same_rows_through_the_verb_as_over_http_in_either_schema_namespace() throws IOException {
        for (String schema : List.of("http://schema.org/", "https://schema.org/")) {
            String text = "PREFIX schema: <" + schema + ">\nPREFIX wd: <http://www.wikidata.org/entity/>\n"
                          + "SELECT ?e WHERE { ?e schema:attendee wd:Q58217 } ORDER BY ?e\n";
            Path file = tmp.resolve("attendee-" + (schema.startsWith("https") ? "https" : "http") + ".rq");
            Files.writeString(file, text);
            SPARQLResult verb = verb(file.toString());
            SPARQLResult http = overSparql(text);
            assertSame(schema, verb, http);
            int rows = size(verb);
            assertTrue(rows > 0, schema + ": Lavrov attended no event?");
            assertEquals(rows, size(http), schema);
        }
    }

    @TestFactory
    Stream<DynamicTest> a_query_that_names_its_graphs_with_from_gives_the_same_rows_through_the_verb_and_over_http() {
        String graph = "https://w3id.org/treatygraph/graph/";
        List<String> datasets = List.of("FROM <" + graph + "inferred>", "FROM NAMED <" + graph + "inferred>",
                                        "FROM <" + graph + "background>", "FROM <urn:x-arq:UnionGraph>",
                                        "FROM <" + graph + "inferred> FROM <" + graph + "background>", "");
        List<String> patterns = List.of("?e schema:attendee person:sergey-lavrov", "?e schema:attendee wd:Q58217",
                                        "GRAPH ?g { ?e schema:attendee wd:Q58217 }",
                                        "GRAPH <urn:x-arq:UnionGraph> { ?e schema:attendee person:sergey-lavrov }");
        List<DynamicTest> tests = new ArrayList<>();
        for (String dataset : datasets)
            for (String pattern : patterns) {
                String text = "PREFIX schema: <http://schema.org/>\nPREFIX wd: <http://www.wikidata.org/entity/>\n"
                              + "PREFIX person: <https://w3id.org/treatygraph/id/person/>\n"
                              + "SELECT ?e " + dataset + " WHERE { " + pattern + " } ORDER BY ?e\n";
                Path file = tmp.resolve("from-" + tests.size() + ".rq");
                tests.add(DynamicTest.dynamicTest("SELECT ?e " + dataset + " WHERE { " + pattern + " } gives the same rows"
                                                  + " through the query verb and /kg/sparql", () -> {
                    Files.writeString(file, text);
                    assertSame(text, verb(file.toString()), overSparql(text));
                }));
            }
        return tests.stream();
    }

    // ------------------------------------------------------------------ the three paths

    /** {@code query NAME|FILE --format json}, in-process, against the test's database. */
    static SPARQLResult verb(String nameOrFile) {
        CommandLine.Result r = CommandLine.run("query", nameOrFile, "--project", project.toString(), "--db", db.toString(),
                                               "--service-allow", wikidata.sparqlUrl(), "--format", "json");
        assertEquals(0, r.exit(), nameOrFile + ": " + r.err());
        return read(r.out());
    }

    static SPARQLResult overSparql(String text) {
        String endpointText = text.replace("<" + WIKIDATA + ">", "<" + wikidata.sparqlUrl() + ">");
        try (QueryExec qe = QueryExecHTTP.service(server.sparqlUrl()).query(endpointText).build()) {
            Query q = QueryFactory.create(endpointText);
            if (q.isAskType())
                return new SPARQLResult(qe.ask());
            return new SPARQLResult(ResultSetFactory.makeRewindable(ResultSet.adapt(qe.select())));
        }
    }

    static SPARQLResult overNamedQuery(String name) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/kg/queries/" + name))
                       .header("Accept", "application/sparql-results+json").GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), name + ": " + r.body());
        return read(r.body());
    }

    static SPARQLResult read(String json) {
        SPARQLResult r = ResultsReader.create().lang(ResultSetLang.RS_JSON).build()
            .readAny(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        return r.isResultSet() ? new SPARQLResult(ResultSetFactory.makeRewindable(r.getResultSet())) : r;
    }

    static int size(SPARQLResult r) {
        return r.isResultSet() ? ((ResultSetRewindable) r.getResultSet()).size() : 1;
    }

    /** The same answer: the same boolean, or the same variables and rows, term by term and in order. */
    static void assertSame(String what, SPARQLResult expected, SPARQLResult actual) {
        assertEquals(expected.isBoolean(), actual.isBoolean(), what + ": one is ASK, the other not");
        if (expected.isBoolean()) {
            assertEquals(expected.getBooleanResult(), actual.getBooleanResult(), what);
            return;
        }
        ResultSetRewindable e = (ResultSetRewindable) expected.getResultSet();
        ResultSetRewindable a = (ResultSetRewindable) actual.getResultSet();
        e.reset();
        a.reset();
        assertEquals(e.getResultVars(), a.getResultVars(), what + ": result variables");
        if (!ResultSetCompare.equalsByTermAndOrder(e, a)) {
            e.reset();
            a.reset();
            fail(what + ": the answers differ\n--- " + e.size() + " row(s)\n" + ResultSetFormatter.asText(e)
                 + "--- " + a.size() + " row(s)\n" + ResultSetFormatter.asText(a));
        }
        e.reset();
        a.reset();
    }
}
