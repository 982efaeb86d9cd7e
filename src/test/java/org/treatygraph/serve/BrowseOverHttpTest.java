package org.treatygraph.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.treatygraph.testing.BrowsableService;

/**
 * Browsing without SPARQL, over plain HTTP on the real data: entity pages by content negotiation
 * and by suffix, search by name (/kg/search, /search), text:query in SPARQL, and what the
 * workbench reads (/kg/vocabulary, /kg/prefixes, /kg/labels).
 */
class BrowseOverHttpTest {
    static final String ID = "https://w3id.org/treatygraph/id/";
    static final String LAVROV = ID + "person/sergey-lavrov";
    static BrowsableService service;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        service = BrowsableService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.base() + path));
        if (accept != null)
            b.header("Accept", accept);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).lang(lang).parse(g);
        return g;
    }

    @ParameterizedTest(name = "Accept: {0} gives {1}")
    @CsvSource(delimiter = '|', textBlock = """
        text/turtle                                 | text/turtle
        application/ld+json                         | application/ld+json
        application/n-triples                       | application/n-triples
        text/turtle;q=0.5, application/ld+json      | application/ld+json
        """)
    void anEntityIriAnswersEachRdfFormatByContentNegotiation(String accept, String type) throws Exception {
        HttpResponse<String> r = get("/id/person/sergey-lavrov", accept);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(type), r.headers().toString());
        assertEquals("Accept", r.headers().firstValue("Vary").orElse(""));
        Graph g = parse(r.body(), type.equals("text/turtle") ? Lang.TURTLE : type.equals("application/ld+json") ? Lang.JSONLD : Lang.NTRIPLES);
        Node lavrov = NodeFactory.createURI(LAVROV);
        assertTrue(g.contains(lavrov, RDFS.label.asNode(), NodeFactory.createLiteralLang("Сергей Лавров", "ru")));
        // inbound links are part of the description: the participations naming him
        assertTrue(g.find(Node.ANY, NodeFactory.createURI("https://w3id.org/treatygraph/ontology#agent"), lavrov).hasNext());
    }

    @ParameterizedTest(name = "suffix {0} gives {1}")
    @CsvSource(delimiter = '|', textBlock = """
        .ttl    | text/turtle
        .jsonld | application/ld+json
        .nt     | application/n-triples
        .html   | text/html
        """)
    void anEntityIriAnswersEachFormatBySuffix(String suffix, String type) throws Exception {
        HttpResponse<String> r = get("/id/agreement/1956-joint-declaration" + suffix, "text/html");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(type), r.headers().toString());
        assertTrue(r.body().contains("1956"));
    }

    @Test
    void aBrowserGetsTheServerRenderedPageWithFactsSourcesAndInboundLinks() throws Exception {
        HttpResponse<String> r = get("/id/person/sergey-lavrov", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("<h1>Sergey Lavrov</h1>"));
        assertTrue(html.contains("セルゲイ・ラブロフ") && html.contains("Сергей Лавров"));
        assertTrue(html.contains("https://www.wikidata.org/wiki/Q58217"));
        assertTrue(html.contains("id=\"meetings\"") && html.contains("Kono–Lavrov foreign ministers&#39; meeting in Moscow, 14 January 2019")
                   || html.contains("Kono–Lavrov foreign ministers' meeting in Moscow, 14 January 2019"), "meetings");
        assertTrue(html.contains("id=\"sources\"") && html.contains("Wikidata Q58217; Ministry of Foreign Affairs of the Russian Federation"));
        assertTrue(html.contains("id=\"inbound\""));
        assertTrue(html.contains("class=\"chip derived\""));
        assertTrue(html.contains("href=\"/kg/why?s"), "a derived value links to its explanation");
    }

    @Test
    void anEventPageNamesEachSourceTextWithItsTitlePublisherDateAndEvidence() throws Exception {
        String html = get("/id/event/2019-01-14-kono-lavrov-moscow", null).body();
        assertTrue(html.contains("id=\"src-001\""));
        assertTrue(html.contains("Japan-Russia Foreign Ministers’ Meeting"));
        assertTrue(html.contains("Ministry of Foreign Affairs of Japan"));
        assertTrue(html.contains("2019-01-14"));
        assertTrue(html.contains("<blockquote class=\"evidence\">On January 14, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held his eighth"));
        assertTrue(html.contains("id=\"when\""));
    }

    @Test
    void anUnknownEntityIsNotFoundInEveryFormat() throws Exception {
        assertEquals(404, get("/id/person/nobody-at-all", "text/html").statusCode());
        assertEquals(404, get("/id/person/nobody-at-all", "text/turtle").statusCode());
        assertEquals(404, get("/id/person/nobody-at-all.nt", null).statusCode());
    }

    @Test
    void aFormatTheServiceDoesNotOfferIsNotAcceptable() throws Exception {
        assertEquals(406, get("/id/person/sergey-lavrov", "image/png").statusCode());
    }

    static List<String> search(String query) throws Exception {
        HttpResponse<String> r = get("/kg/search?" + query, null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        List<String> iris = new ArrayList<>();
        for (JsonValue v : JSON.parseAny(r.body()).getAsArray())
            iris.add(v.getAsObject().getString("iri").substring(ID.length()));
        return iris;
    }

    @ParameterizedTest(name = "/kg/search?q={0} finds {1} first")
    @CsvSource(delimiter = '|', textBlock = """
        Лавров      | person/sergey-lavrov
        Lavrov      | person/sergey-lavrov
        lavr        | person/sergey-lavrov
        ラブロフ      | person/sergey-lavrov
        Etorofu     | island/iturup
        択捉         | island/iturup
        Kōno Tarō   | person/taro-kono
        shimoda     | place/shimoda
        """)
    void searchAnswersPrefixCaseDiacriticJapaneseAndCyrillicMatchesRanked(String q, String first) throws Exception {
        List<String> hits = search("q=" + enc(q.strip()));
        assertEquals(first, hits.get(0), hits.toString());
    }

    @Test
    void searchKeepsToTheTypesAsked() throws Exception {
        List<String> persons = search("q=kono&type=tg:Person");
        assertEquals(List.of("person/ichiro-kono", "person/taro-kono", "person/yohei-kono"), persons.stream().sorted().toList());
        List<String> agreements = search("q=shimoda&type=" + enc("https://w3id.org/treatygraph/ontology#Agreement"));
        assertEquals(List.of("agreement/1855-treaty-of-shimoda"), agreements);
    }

    @Test
    void searchLeavesOutTheNodesThatOnlyCarryDetailsUnlessAsked() throws Exception {
        assertTrue(search("q=Etorofu&limit=50").stream().noneMatch(i -> i.startsWith("name/")));
        assertTrue(search("q=Etorofu&type=tg:Name").contains("name/iturup-en-etorofu"));
    }

    @Test
    void searchAnswersEachHitWithItsPageLabelsKindAndTypes() throws Exception {
        JsonObject hit = JSON.parseAny(get("/kg/search?q=" + enc("Лавров") + "&limit=1", null).body()).getAsArray().get(0).getAsObject();
        assertEquals("/id/person/sergey-lavrov", hit.getString("page"));
        assertEquals("Sergey Lavrov", hit.getString("label"));
        assertEquals("セルゲイ・ラブロフ", hit.getObj("labels").getString("ja"));
        assertEquals("Сергей Лавров", hit.getString("matched"));
        assertEquals("ru", hit.getString("matchedLang"));
        assertEquals("person", hit.getString("kind"));
    }

    @ParameterizedTest(name = "/kg/search?{0} answers {1}")
    @CsvSource(delimiter = '|', textBlock = """
        q=lavrov&limit=0      | 400
        q=lavrov&limit=many   | 400
        q=lavrov&type=zz:Nope | 400
        q=                    | 200
        limit=5               | 200
        """)
    void searchRefusesWhatItCannotAnswer(String query, int status) throws Exception {
        HttpResponse<String> r = get("/kg/search?" + query, null);
        assertEquals(status, r.statusCode(), r.body());
        if (status == 200)
            assertEquals("[ ]", r.body().strip().replaceAll("\\s+", " "));
    }

    @Test
    void theSearchPageWorksWithoutJavaScript() throws Exception {
        String html = get("/search?q=" + enc("Лавров"), null).body();
        assertTrue(html.contains("<a href=\"/id/person/sergey-lavrov\">Sergey Lavrov</a>"), html);
    }

    @Test
    void textQueryInSparqlUsesTheLabelIndex() throws Exception {
        String q = "PREFIX text: <http://jena.apache.org/text#> SELECT DISTINCT ?s WHERE { ?s text:query \"ラブロフ\" ; a <https://w3id.org/treatygraph/ontology#Person> }";
        HttpResponse<String> r = get("/kg/sparql?query=" + enc(q), "application/sparql-results+json");
        assertEquals(200, r.statusCode());
        JsonArray rows = JSON.parse(r.body()).getObj("results").get("bindings").getAsArray();
        assertEquals(1, rows.size());
        assertEquals(LAVROV, rows.get(0).getAsObject().getObj("s").getString("value"));
    }

    @Test
    void theWorkbenchCompletesThisDatasetsPrefixesClassesAndProperties() throws Exception {
        JsonObject v = JSON.parse(get("/kg/vocabulary", null).body());
        assertEquals("https://w3id.org/treatygraph/id/person/", v.getObj("prefixes").getString("person"));
        assertTrue(v.get("classes").getAsArray().stream().anyMatch(c -> c.getAsObject().getString("iri").endsWith("#Person")
                                                                && c.getAsObject().getString("label").equals("person")));
        assertTrue(v.get("properties").getAsArray().stream().anyMatch(c -> c.getAsObject().getString("iri").endsWith("#participant")));
        JsonObject p = JSON.parse(get("/kg/prefixes", null).body());
        assertEquals("https://w3id.org/treatygraph/ontology#", p.getString("tg"));
        JsonObject l = JSON.parse(get("/kg/labels?iri=" + enc(LAVROV) + "&iri=" + enc(ID + "island/iturup"), null).body());
        assertEquals("Sergey Lavrov", l.getString(LAVROV));
        assertEquals("Iturup", l.getString(ID + "island/iturup"));
    }

    @ParameterizedTest(name = "{0} is served")
    @CsvSource(textBlock = """
        /
        /views/timeline
        /views/network
        /views/lineage
        /views/map
        /static/app.js
        /static/map/world.geojson
        /static/map/region.geojson
        /webjars/d3/d3.min.js
        /yasgui/yasgui.min.js
        """)
    void everyPageAndFileIsServedByTheServiceItself(String path) throws Exception {
        assertEquals(200, get(path, null).statusCode());
    }

    @Test
    void aServerToldItsPublicUrlGivesAbsoluteLinksUnderIt() throws Exception {
        try (BrowsableService behind = BrowsableService.start("https://treatygraph.example.org/")) {
            HttpResponse<String> hits = HTTP.send(HttpRequest.newBuilder(URI.create(behind.base() + "/kg/search?q=Lavrov&limit=1")).build(),
                                                  HttpResponse.BodyHandlers.ofString());
            assertEquals("https://treatygraph.example.org/id/person/sergey-lavrov",
                         JSON.parseAny(hits.body()).getAsArray().get(0).getAsObject().getString("page"));
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(behind.base() + "/id/person/sergey-lavrov")).build(),
                                                  HttpResponse.BodyHandlers.ofString());
            assertTrue(page.body().contains("<link rel=\"canonical\" href=\"https://treatygraph.example.org/id/person/sergey-lavrov\">"));
            HttpResponse<String> ttl = HTTP.send(HttpRequest.newBuilder(URI.create(behind.base() + "/id/person/sergey-lavrov.ttl")).build(),
                                                 HttpResponse.BodyHandlers.ofString());
            assertEquals("<https://treatygraph.example.org/id/person/sergey-lavrov>; rel=\"alternate\"; type=\"text/html\"",
                         ttl.headers().firstValue("Link").orElse(""));
        }
    }
}
