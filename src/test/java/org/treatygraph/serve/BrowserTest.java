package org.treatygraph.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.treatygraph.testing.BrowsableService;

/**
 * A person who knows no SPARQL, in a real browser (Debian's chromium, headless, driven by
 * chromium-driver through Selenium), on the real data served by the embedded server: finds Lavrov
 * by typing his name, opens his page, sees his meetings with their sources, opens the who-met-whom
 * network of January–February 2019 and the timeline, follows the 1956 Joint Declaration's lineage,
 * runs a question of the gallery through its form — and no page asks anything of another host.
 * Every page is photographed into target/screenshots/.
 */
class BrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium", DRIVER = "/usr/bin/chromedriver";
    static final Path SHOTS = Path.of("target/screenshots");
    static BrowsableService service;
    static ChromeDriver driver;
    static Path profile;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        assertTrue(new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute(),
                   "the browser tests need Debian's chromium and chromium-driver (.ci/run installs them: apt-get install chromium chromium-driver)");
        service = BrowsableService.start();
        profile = Files.createTempDirectory("chromium-profile");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--disable-features=Translate,OptimizationHints,MediaRouter", "--user-data-dir=" + profile,
            "--window-size=1400,1100", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL", LogType.BROWSER, "ALL"));
        ChromeDriverService chromedriver = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(chromedriver, options);
        requested();        // the browser's own start (its new-tab page) is not a page of the service
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null)
            driver.quit();
        if (service != null)
            service.close();
        if (profile != null)
            try (var s = Files.walk(profile)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
    }

    // ---- helpers

    static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    /** Open a page of the service and wait until the element {@code readyId} says it has drawn (or just until it exists). */
    static void open(String path, String readyId) {
        driver.get(service.base() + path);
        if (readyId != null)
            waiting().until(d -> "ready".equals(d.findElement(By.id(readyId)).getAttribute("data-state")));
    }

    static void screenshot(String name) throws IOException {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every URL the browser asked for since the last call (the network log of Chrome's DevTools). */
    static List<String> requested() {
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = JSON.parse(e.getMessage()).getObj("message");
            if ("Network.requestWillBeSent".equals(message.getString("method")))
                urls.add(message.getObj("params").getObj("request").getString("url"));
        }
        return urls;
    }

    /** No request over the network but to the server: every http(s) and ws(s) URL is the server's (chrome:// and data: are the browser's own). */
    static void assertNothingAskedOfOtherHosts() {
        assertNothingAskedOfOtherHosts(requested());
    }

    static void assertNothingAskedOfOtherHosts(List<String> urls) {
        assertTrue(urls.stream().anyMatch(u -> u.startsWith(service.base() + "/")), "the network log is empty: it is not being recorded");
        List<String> outside = urls.stream()
            .filter(u -> u.matches("(?i)^(https?|wss?|ftp):.*") && !u.startsWith(service.base() + "/")).toList();
        assertEquals(List.of(), outside, "requests outside the server");
    }

    static JsonObject namedQuery(String nameAndParams) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.base() + "/kg/queries/" + nameAndParams))
            .header("Accept", "application/sparql-results+json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.parse(r.body());
    }

    static List<JsonValue> rows(JsonObject results) {
        return results.getObj("results").get("bindings").getAsArray();
    }

    static int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    // ---- the person of the issue: find Lavrov, his meetings, the network, the timeline, the lineage

    @ParameterizedTest(name = "typing \"{0}\" in the search box suggests {1}")
    @CsvSource(delimiter = '|', textBlock = """
        Лавров    | Sergey Lavrov | search-cyrillic
        Lavrov    | Sergey Lavrov | search-latin
        ラブロフ    | Sergey Lavrov | search-japanese
        安倍       | Shinzo Abe    | search-japanese-kanji
        etorofu   | Iturup        | search-claimant-name
        """)
    void typingANameInTheSearchBoxSuggestsTheEntity(String typed, String expected, String shot) throws IOException {
        open("/views/timeline", null);
        WebElement box = driver.findElement(By.id("search-box"));
        box.clear();
        box.sendKeys(typed.strip());
        waiting().until(d -> !d.findElements(By.cssSelector("#search-suggestions li.suggestion .label")).isEmpty()
            && d.findElement(By.cssSelector("#search-suggestions li.suggestion .label")).getText().equals(expected));
        screenshot(shot);
        assertNothingAskedOfOtherHosts();
    }

    @Test
    void aSuggestionChosenWithTheKeyboardOpensTheEntityPageWithMeetingsSourcesAndInboundLinks() throws IOException, InterruptedException {
        open("/", null);
        waiting().until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-workbench")));
        WebElement box = driver.findElement(By.id("search-box"));
        box.click();
        box.sendKeys("Лавров");
        waiting().until(d -> !d.findElements(By.cssSelector("#search-suggestions li.suggestion")).isEmpty());
        box.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        waiting().until(d -> d.getCurrentUrl().endsWith("/id/person/sergey-lavrov"));
        assertEquals("Sergey Lavrov", driver.findElement(By.tagName("h1")).getText());
        // his meetings, each with the source texts that state it
        List<WebElement> meetings = driver.findElements(By.cssSelector("#meetings tr.meeting"));
        JsonObject expected = namedQuery("whom_met?person=" + URLEncoder.encode("person:sergey-lavrov", StandardCharsets.UTF_8));
        Set<String> events = new LinkedHashSet<>();
        rows(expected).forEach(b -> events.add(b.getAsObject().getObj("event").getString("value")));
        assertTrue(meetings.size() >= events.size(), meetings.size() + " rows for " + events.size() + " meetings");
        WebElement moscow = meetings.stream()
            .filter(m -> m.getText().contains("Kono–Lavrov foreign ministers' meeting in Moscow, 14 January 2019")).findFirst().orElseThrow();
        assertTrue(moscow.findElements(By.cssSelector("a.chip.source")).stream().anyMatch(a -> a.getText().equals("001")));
        // facts with the graphs that state them; sources with references; inbound links grouped
        assertTrue(count("#facts tr.fact") > 5);
        assertTrue(driver.findElement(By.id("sources")).getText().contains("Wikidata Q58217"));
        assertTrue(count("#inbound details.inbound") > 1);
        assertTrue(count("#inbound li.link-in") > 10);
        screenshot("entity-person-lavrov");
        assertNothingAskedOfOtherHosts();
    }

    @Test
    void anEventPageShowsEachSourceTextWithItsEvidence() throws IOException {
        open("/id/event/2019-01-14-kono-lavrov-moscow", null);
        WebElement source = driver.findElement(By.id("src-001"));
        assertTrue(source.getText().contains("Japan-Russia Foreign Ministers’ Meeting"), source.getText());
        assertTrue(source.findElements(By.cssSelector("blockquote.evidence")).stream()
            .anyMatch(q -> q.getText().startsWith("On January 14, Mr. Taro Kono")), source.getText());
        assertTrue(count("#when tbody tr") >= 2);
        screenshot("entity-event");
        assertNothingAskedOfOtherHosts();
    }

    @Test
    void thePageOfAnIslandShowsTheNamesEachSideUsesAndItsPositionOnTheOfflineMap() throws IOException {
        open("/id/island/iturup", "mini-map");
        String names = driver.findElement(By.cssSelector("table.names")).getText();
        assertTrue(names.contains("択捉島") && names.contains("Итуруп") && names.contains("Etorofu"), names);
        assertEquals(1, count("#mini-map svg .marker"));
        assertTrue(count("#mini-map svg path.land") > 0);
        screenshot("entity-island");
        assertNothingAskedOfOtherHosts();
    }

    @Test
    void theNetworkOfJanuaryAndFebruary2019DrawsEveryoneWhoMetAndLinksToTheirPages() throws IOException, InterruptedException {
        open("/views/network?from=2019-01-01&to=2019-02-28", "network");
        JsonObject data = namedQuery("who_met_whom_in_window?from=2019-01-01&to=2019-02-28");
        Set<String> people = new LinkedHashSet<>(), pairs = new LinkedHashSet<>();
        for (JsonValue v : rows(data)) {
            String a = v.getAsObject().getObj("a").getString("value"), b = v.getAsObject().getObj("b").getString("value");
            people.add(a);
            people.add(b);
            pairs.add(a + " " + b);
        }
        assertEquals(6, people.size());
        assertEquals(3, pairs.size());
        assertEquals(people.size(), count("#network svg a.node"));
        assertEquals(pairs.size(), count("#network svg line.link"));
        WebElement lavrov = driver.findElement(By.cssSelector("#network svg a.node[href='/id/person/sergey-lavrov']"));
        assertEquals("Sergey Lavrov", lavrov.findElement(By.tagName("text")).getText());
        screenshot("view-network-2019-01-to-02");
        assertNothingAskedOfOtherHosts();
    }

    @Test
    void theTimelineDrawsEveryEventWithItsStatus() throws IOException, InterruptedException {
        open("/views/timeline", "timeline");
        JsonObject data = namedQuery("timeline_events?from=2018-11-01&to=2019-06-30");
        Set<String> events = new LinkedHashSet<>();
        rows(data).forEach(b -> events.add(b.getAsObject().getObj("event").getString("value")));
        assertEquals(events.size(), count("#timeline svg a.event"));
        assertTrue(count("#timeline svg a.event.held") > 0 && count("#timeline svg a.event.planned") > 0
                   && count("#timeline svg a.event.postponed") > 0, "held, planned and postponed events are told apart");
        assertTrue(count("#timeline svg rect.window") > 0 && count("#timeline svg circle.mark") > 0, "days and windows");
        screenshot("view-timeline");
        // filter by source: only what source text 002 gives a status for
        new Select(driver.findElement(By.name("source"))).selectByValue("002");
        driver.findElement(By.cssSelector("#timeline-form button")).click();
        waiting().until(d -> "ready".equals(d.findElement(By.id("timeline")).getAttribute("data-state")));
        Set<String> of002 = new LinkedHashSet<>();
        rows(data).forEach(b -> {
            JsonObject o = b.getAsObject();
            if (o.hasKey("graph") && o.getObj("graph").getString("value").equals("002"))
                of002.add(o.getObj("event").getString("value"));
        });
        assertEquals(of002.size(), count("#timeline svg a.event"));
        assertNothingAskedOfOtherHosts();
    }

    @Test
    void theLineageGraphFollowsThe1956JointDeclarationUpAndDown() throws IOException, InterruptedException {
        open("/views/lineage?focus=agreement:1956-joint-declaration", "lineage");
        JsonObject data = namedQuery("lineage_graph");
        Set<String> agreements = new LinkedHashSet<>();
        rows(data).forEach(b -> {
            agreements.add(b.getAsObject().getObj("agreement").getString("value"));
            agreements.add(b.getAsObject().getObj("restsOn").getString("value"));
        });
        assertEquals(agreements.size(), count("#lineage svg a.agreement"));
        assertEquals(rows(data).size(), count("#lineage svg g.edge"));
        assertEquals(1, count("#lineage svg a.agreement.focus[href='/id/agreement/1956-joint-declaration']"));
        // rests on San Francisco, Portsmouth, Saint Petersburg, Shimoda; rested on by the 1960 memorandum, Tokyo, Irkutsk, Singapore, Buenos Aires
        assertEquals("10", driver.findElement(By.id("lineage")).getAttribute("data-related"));
        List<String> relations = driver.findElements(By.cssSelector("#lineage svg g.edge.focus text.relation")).stream().map(WebElement::getText).toList();
        assertTrue(relations.contains("reaffirms") && relations.contains("based on") && relations.contains("supersedes"), relations.toString());
        screenshot("view-lineage-1956");
        // and on to the Joint Declaration's own page, with its lineage
        driver.findElement(By.cssSelector("#lineage svg a.agreement.focus")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/id/agreement/1956-joint-declaration"));
        assertEquals(4, count("#lineage ul.lineage-down li"));
        assertEquals(5, count("#lineage ul.lineage-up li"));
        screenshot("entity-agreement-1956");
        assertNothingAskedOfOtherHosts();
    }

    @ParameterizedTest(name = "the map of {0} draws {1} markers")
    @CsvSource(textBlock = """
        islands, 5
        region, 10
        world, 23
        """)
    void theMapDrawsAMarkerForEachPlaceOnTheOfflineBaseMap(String extent, int markers) throws IOException {
        open("/views/map?extent=" + extent, "map");
        assertEquals(markers, count("#map svg a.marker"));
        assertTrue(count("#map svg path.land") > 0);
        assertEquals(23, count("#place-list tbody tr"));
        screenshot("view-map-" + extent);
        assertNothingAskedOfOtherHosts();
    }

    @Test
    void theWorkbenchRunsAQuestionThroughItsFormWithAnEntityChosenByName() throws IOException, InterruptedException {
        open("/", null);
        waiting().until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-workbench")));
        driver.findElement(By.id("gallery-search")).sendKeys("meetings_between");
        waiting().until(d -> d.findElements(By.cssSelector("#gallery li.query")).size() == 1);
        driver.findElement(By.cssSelector("#gallery li[data-name='meetings_between']")).click();
        WebElement b = driver.findElement(By.name("b"));
        b.clear();
        b.sendKeys("person:putin");
        waiting().until(d -> d.findElements(By.cssSelector(".param .suggestions li")).stream()
            .anyMatch(li -> li.getText().endsWith("person:vladimir-putin")));
        driver.findElements(By.cssSelector(".param .suggestions li")).stream()
            .filter(li -> li.getText().endsWith("person:vladimir-putin")).findFirst().orElseThrow().click();
        WebElement a = driver.findElement(By.name("a"));
        a.clear();
        a.sendKeys("person:shinzo-abe");
        driver.findElement(By.id("run-query")).click();
        waiting().until(d -> "ready".equals(d.findElement(By.id("query-results")).getAttribute("data-state")));
        JsonObject expected = namedQuery("meetings_between?a=person:shinzo-abe&b=person:vladimir-putin");
        assertEquals(rows(expected).size(), count("#query-results tr.result-row"));
        assertTrue(rows(expected).size() >= 3);
        // IRIs by their labels, dates in full
        String table = driver.findElement(By.id("query-results")).getText();
        assertTrue(table.contains("Abe–Putin summit in Moscow, 22 January 2019"), table);
        assertTrue(table.contains("2019-01-22"), table);
        String share = driver.findElement(By.id("share-link")).getAttribute("href");
        assertTrue(share.endsWith("/?q=meetings_between&a=person%3Ashinzo-abe&b=person%3Avladimir-putin"), share);
        screenshot("workbench-form");
        // the short link runs the same question again
        driver.get(share);
        waiting().until(d -> "ready".equals(d.findElement(By.id("query-results")).getAttribute("data-state")));
        assertEquals(rows(expected).size(), count("#query-results tr.result-row"));
        assertNothingAskedOfOtherHosts();
    }

    @Test
    void theSparqlEditorRunsAQueryAndShowsLabelsWithoutAskingPrefixCcOrLov() throws IOException {
        open("/", null);
        driver.executeScript("localStorage.clear()");   // YASQE keeps the prefixes it read: read them afresh
        open("/", null);
        waiting().until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-workbench")));
        driver.findElement(By.cssSelector(".yasqe .yasqe_queryButton")).click();
        waiting().until(d -> !d.findElements(By.cssSelector(".labelled-table tr.result-row")).isEmpty());
        String table = driver.findElement(By.cssSelector(".labelled-table")).getText();
        assertTrue(table.contains("Kono–Lavrov foreign ministers' meeting in Moscow, 14 January 2019") && table.contains("2019-01-14"), table);
        // the editor completes a property of this dataset by its name, from the service
        WebElement editor = driver.findElement(By.cssSelector(".yasqe .CodeMirror textarea"));
        driver.executeScript("const y = window.treatyYasgui.getTab().getYasqe(); y.setValue('PREFIX tg: <https://w3id.org/treatygraph/ontology#>\\nSELECT * WHERE { ?s tg:encounterPer'); y.focus(); y.setCursor(y.lineCount() - 1, 1000);");
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.SPACE));
        waiting().until(d -> d.findElements(By.cssSelector(".CodeMirror-hints li")).stream()
            .anyMatch(li -> li.getText().contains("encounterPerson")));
        screenshot("workbench-sparql");
        List<String> urls = requested();
        assertTrue(urls.contains(service.base() + "/kg/prefixes") && urls.contains(service.base() + "/kg/vocabulary"), urls.toString());
        assertNothingAskedOfOtherHosts(urls);
    }
}
