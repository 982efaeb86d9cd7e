package org.treatygraph.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.update.UpdateAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.load.Database;
import org.treatygraph.load.DatasetDescription;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Project;

/** The dataset's description (VoID + DCAT in the meta graph), its page at /kg/ and the dumps it advertises. */
class DatasetDescriptionTest {
    static final String VOID = "http://rdfs.org/ns/void#", DCAT = "http://www.w3.org/ns/dcat#";
    static final Node DS = Graphs.node(Graphs.DATASET);

    @TempDir static Path tmp;
    static Database db;
    static TreatyServer server;

    @BeforeAll
    static void start() {
        db = Fixtures.built(tmp.resolve("tdb2"), new Project(Fixtures.PROJECT));
        server = TreatyServer.builder(db).port(0).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        TDBInternal.expel(db.dataset());
    }

    static Graph meta() {
        return Txn.calculateRead(db.dataset(), () -> {
            Graph g = GraphFactory.createDefaultGraph();
            db.dataset().getGraph(Graphs.node(Graphs.META)).find().forEachRemaining(g::add);
            return g;
        });
    }

    @Test
    void a_build_describes_the_dataset_with_licence_endpoint_dumps_vocabularies_and_entities_per_class() {
        Graph m = meta();
        assertTrue(m.contains(DS, Graphs.node(DCAT_TYPE()), Graphs.node(DCAT + "Dataset")));
        assertTrue(m.contains(DS, Graphs.node("http://purl.org/dc/terms/license"), Graphs.node("https://creativecommons.org/licenses/by/4.0/")));
        assertTrue(m.contains(DS, Graphs.node(VOID + "sparqlEndpoint"), Graphs.node(DatasetDescription.ENDPOINT)));
        assertTrue(m.contains(DS, Graphs.node(VOID + "dataDump"), Graphs.node(DatasetDescription.DUMPS + "treatygraph.nq.gz")));
        assertTrue(m.contains(DS, Graphs.node(DCAT + "version"), NodeFactory.createLiteralString(DatasetDescription.VERSION)));
        assertTrue(m.contains(DS, Graphs.node(VOID + "vocabulary"), Graphs.node("http://schema.org/")));
        // the fixture: two schema:Person (one typed tg:Diplomat too), one schema:Event
        Node persons = Graphs.node(Graphs.BASE + "dataset/class/schema-Person");
        assertTrue(m.contains(persons, Graphs.node(VOID + "class"), Graphs.node("http://schema.org/Person")));
        assertEquals("2", m.find(persons, Graphs.node(VOID + "entities"), Node.ANY).next().getObject().getLiteralLexicalForm());
    }

    @Test
    void the_version_is_the_maven_projects() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<version>" + DatasetDescription.VERSION + "-SNAPSHOT</version>")
                   || pom.contains("<version>" + DatasetDescription.VERSION + "</version>"), "pom.xml and DatasetDescription.VERSION agree");
    }

    @Test
    void the_dataset_page_is_html_for_a_browser_and_rdf_by_content_negotiation() throws Exception {
        HttpResponse<String> html = get("/kg/", "text/html");
        assertEquals(200, html.statusCode());
        assertTrue(html.body().contains("Treaty Graph — the dataset"), html.body());
        assertTrue(html.body().contains("/kg/dumps/treatygraph.nq.gz"), html.body());
        HttpResponse<String> ttl = get("/kg/", "text/turtle");
        assertEquals(200, ttl.statusCode());
        assertTrue(ttl.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
        Graph parsed = GraphFactory.createDefaultGraph();
        RDFParser.fromString(ttl.body(), Lang.TURTLE).parse(parsed);
        meta().find().forEachRemaining(t -> assertTrue(t.getSubject().isBlank() || t.getObject().isBlank() || parsed.contains(t),
                                                       "the meta graph is in the description: " + t));
        String sd = "http://www.w3.org/ns/sparql-service-description#";
        assertTrue(parsed.contains(Node.ANY, Graphs.node(sd + "endpoint"), Node.ANY), "and the service description");
        HttpResponse<String> asTtl = get("/kg/?format=ttl", null);
        Graph exact = GraphFactory.createDefaultGraph();
        RDFParser.fromString(asTtl.body(), Lang.TURTLE).parse(exact);
        assertTrue(exact.isIsomorphicWith(meta()), "?format=ttl: the meta graph itself");
        assertEquals(200, get("/kg?format=jsonld", null).statusCode());
    }

    @Test
    void the_advertised_dumps_download_and_hold_every_graph() throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/kg/dumps/treatygraph.nq.gz")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/gzip", r.headers().firstValue("Content-Type").orElse(""));
        DatasetGraph dump = DatasetGraphFactory.create();
        RDFParser.source(new GZIPInputStream(new ByteArrayInputStream(r.body()))).lang(Lang.NQUADS).parse(dump);
        assertTrue(Fixtures.isomorphic(Fixtures.snapshot(db.dataset()), dump));
        assertEquals(200, get("/kg/dumps/treatygraph.trig.gz", null).statusCode());
        HttpResponse<String> list = get("/kg/dumps/", null);
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("treatygraph.nq.gz"), list.body());
        assertEquals(404, get("/kg/dumps/other.nq.gz", null).statusCode());
    }

    @Test
    void a_write_between_builds_updates_the_counts_and_keeps_the_description() {
        Path dir = tmp.resolve("written");
        Database d = Fixtures.built(dir, new Project(Fixtures.PROJECT));
        try {
            d.write(Database.Origin.http("test", "test"), dsg -> UpdateAction.parseExecute(
                "INSERT DATA { GRAPH <" + Fixtures.BACKGROUND + "> { <" + Fixtures.TARO + "> <http://schema.org/jobTitle> \"x\"@en } }", dsg));
            Txn.executeRead(d.dataset(), () -> {
                Graph m = d.dataset().getGraph(Graphs.node(Graphs.META));
                assertTrue(m.contains(DS, Graphs.node(VOID + "sparqlEndpoint"), Node.ANY), "the description stays");
                assertEquals("5", m.find(Graphs.node(Fixtures.BACKGROUND), Graphs.node(VOID + "triples"), Node.ANY).next()
                                   .getObject().getLiteralLexicalForm(), "the counts move");
            });
        } finally {
            TDBInternal.expel(d.dataset());
        }
    }

    private static String DCAT_TYPE() {
        return "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    }

    static HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (accept != null)
            b.header("Accept", accept);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
