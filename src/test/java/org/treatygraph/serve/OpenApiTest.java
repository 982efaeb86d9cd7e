package org.treatygraph.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.load.Database;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Project;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.NamedQuery;

/** /openapi.json: valid OpenAPI 3.1 (swagger-parser), and in step with the server: every named query, every endpoint. */
class OpenApiTest {
    @TempDir static Path tmp;
    static Database db;
    static TreatyServer server;
    static NamedQueries catalog;
    static OpenAPI api;

    @BeforeAll
    static void start() throws Exception {
        db = Fixtures.built(tmp.resolve("tdb2"), new Project(Fixtures.PROJECT));
        catalog = NamedQueries.load(Path.of("queries"));
        server = TreatyServer.builder(db).port(0).namedQueries(catalog).passwordFile(Fixtures.file("passwords.txt")).build().start();
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, options);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), "valid: " + parsed.getMessages());
        api = parsed.getOpenAPI();
        assertNotNull(api);
    }

    @AfterAll
    static void stop() {
        server.stop();
        TDBInternal.expel(db.dataset());
    }

    @Test
    void the_description_is_openapi_3_1() {
        assertEquals("3.1.0", api.getOpenapi());
    }

    @TestFactory
    Stream<DynamicTest> every_named_query_is_described_with_each_parameter_and_its_kind() {
        return catalog.all().stream().map(q -> DynamicTest.dynamicTest(
            "the named query " + q.name() + " is described with its parameters", () -> {
                PathItem item = api.getPaths().get("/kg/queries/" + q.name());
                assertNotNull(item, "/kg/queries/" + q.name());
                assertNotNull(item.getGet());
                assertNotNull(item.getPost());
                List<String> names = item.getGet().getParameters().stream().map(Parameter::getName).toList();
                for (org.treatygraph.query.Parameter p : q.parameters()) {
                    assertTrue(names.contains(p.name()), q.name() + " ?" + p.name());
                    Parameter param = item.getGet().getParameters().stream().filter(x -> x.getName().equals(p.name())).findFirst().orElseThrow();
                    assertTrue(param.getDescription().startsWith("Kind: "), param.getDescription());
                }
            }));
    }

    @TestFactory
    Stream<DynamicTest> every_endpoint_of_the_server_beyond_the_sparql_protocol_is_described_and_answers() {
        return Stream.of("/kg/queries", "/kg/search?q=Kono", "/search?q=Kono", "/id/person/taro-kono", "/kg/", "/kg/dumps/",
                         "/kg/vocabulary", "/kg/prefixes", "/kg/labels?iri=https://w3id.org/treatygraph/id/person/taro-kono",
                         "/$/ping", "/$/reload", "/kg/why?s=x&p=y&o=z")
            .map(url -> DynamicTest.dynamicTest(url + " is described", () -> {
                String path = url.replaceFirst("\\?.*$", "");
                String described = path.startsWith("/id/") ? "/id/{kind}/{name}" : path;
                assertNotNull(api.getPaths().get(described), described + " in /openapi.json");
                if (path.equals("/$/reload") || path.equals("/kg/why"))
                    return;    // POST with credentials / answered by the reasoning stage
                HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + url)).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() < 400, url + " → " + r.statusCode());
            }));
    }

    @Test
    void a_parameter_kind_is_in_the_listing_too() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/kg/queries")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.body().contains("\"kind\" : \"iri\"") || r.body().contains("\"kind\":\"iri\""), r.body().substring(0, 400));
        assertTrue(r.body().contains("\"date\""), "a date parameter");
    }

    static NamedQuery any() {
        return catalog.all().get(0);
    }
}
