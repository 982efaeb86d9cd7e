package org.treatygraph.eventdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.treatygraph.testing.CommandLine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.load.Store;
import org.treatygraph.testing.CommandLine.Result;

/**
 * The event coding on the real data, and the two event-data exports: {@code export --format plover}
 * (JSON Lines) and {@code --format dyads} (CSV), each compared line by line, parsed, with its
 * expected file under src/test/resources/eventdata/ ({@code -Deventdata.regenerate=true} rewrites
 * them; check every line against the source texts before committing). Then a test source text with
 * a phone call, a visit in which nobody of the host state is named and a conference in Yalta is
 * loaded on top, and the lines it adds are compared the same way.
 */
class EventDataExportTest {
    static final Path EXPECTED = Path.of("src/test/resources/eventdata");
    static final boolean REGENERATE = Boolean.getBoolean("eventdata.regenerate");
    static final String TG = "https://w3id.org/treatygraph/ontology#";
    static final String ID = "https://w3id.org/treatygraph/id/";

    @TempDir static Path tmp;
    static Path db;
    static String plover, dyads, ploverWithTest;

    @BeforeAll
    static void buildExportLoadAndExportAgain() {
        db = tmp.resolve("tdb2");
        Result load = run("load", "--db", db.toString());
        assertEquals(0, load.exit(), load.err());
        plover = export("plover");
        dyads = export("dyads");
        Result more = run("load", "--db", db.toString(), EXPECTED.resolve("coding-test.trig").toString());
        assertEquals(0, more.exit(), more.err());
        ploverWithTest = export("plover");
    }

    @AfterAll
    static void release() {
        TDBInternal.expel(Store.open(db));
    }

    private static String export(String format) {
        Result r = run("export", "--db", db.toString(), "--format", format);
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }

    // ---- the codes a political scientist expects

    @Test
    void kono_visiting_lavrov_in_moscow_on_14_january_2019_is_042_japan_to_russia_043_russia_to_japan_and_046_both_ways() {
        assertEquals(Set.of("042 taro-kono japan → sergey-lavrov russia",
                            "043 sergey-lavrov russia → taro-kono japan",
                            "046 taro-kono japan → sergey-lavrov russia",
                            "046 sergey-lavrov russia → taro-kono japan"),
                     codes("2019-01-14-kono-lavrov-moscow"));
        JsonObject line = line(plover, "2019-01-14-kono-lavrov-moscow--taro-kono--sergey-lavrov");
        assertEquals(List.of("visit"), strings(line, "mode"));
        assertEquals("https://w3id.org/treatygraph/id/person/taro-kono", first(line, "actor").getString("entity_iri"));
        assertEquals("Q58217", first(line, "recipient").getString("wikidata_id"));
        assertEquals("Q649", line.getObj("event_loc").getString("wikidata_id"));
    }

    @Test
    void the_munich_meeting_of_16_february_2019_is_044_at_a_third_location_both_ways_and_a_round_of_negotiations() {
        assertEquals(Set.of("044 taro-kono japan → sergey-lavrov russia",
                            "044 sergey-lavrov russia → taro-kono japan",
                            "046 taro-kono japan → sergey-lavrov russia",
                            "046 sergey-lavrov russia → taro-kono japan"),
                     codes("2019-02-16-kono-lavrov-munich"));
        JsonObject line = line(plover, "2019-02-16-kono-lavrov-munich--sergey-lavrov--taro-kono");
        assertEquals(List.of("third-party"), strings(line, "mode"));
        assertEquals("Germany", line.getObj("event_loc").getString("country"));
        assertTrue(line.get("recipient").getAsArray().isEmpty(), "no host: both sides act");
    }

    @Test
    void the_working_lunch_and_the_visits_are_coded_with_their_talks_and_a_summons_is_not_a_consultation() {
        for (String event : List.of("2019-01-14-kono-lavrov-working-lunch", "2019-01-abe-visit-russia",
                                    "2019-06-putin-visit-japan", "2019-lavrov-visit-tokyo", "2019-01-09-morgulov-summons-kozuki",
                                    "2019-01-15-mori-morgulov"))
            assertEquals(Set.of(), codes(event), event);
    }

    // ---- the exports, against their expected files

    @Test
    void export_plover_writes_the_expected_json_lines_for_the_real_data() throws IOException {
        assertLines(EXPECTED.resolve("plover.jsonl"), plover);
    }

    @Test
    void export_dyads_writes_the_expected_csv_of_who_met_whom_per_month() throws IOException {
        Path expected = EXPECTED.resolve("dyads.csv");
        if (REGENERATE)
            Files.writeString(expected, dyads, StandardCharsets.UTF_8);
        List<List<String>> rows = csv(dyads);
        assertEquals(csv(Files.readString(expected, StandardCharsets.UTF_8)), rows);
        assertEquals(List.of("month", "person_a", "name_a", "state_a", "person_b", "name_b", "state_b", "meetings", "events"),
                     rows.get(0));
        assertTrue(rows.contains(List.of("2019-05", ID + "person/sergey-lavrov", "Sergey Lavrov", ID + "state/russia",
            ID + "person/taro-kono", "Taro Kono", ID + "state/japan", "2",
            ID + "event/2019-05-10-kono-lavrov-moscow " + ID + "event/2019-kono-lavrov-tokyo")), dyads);
    }

    @Test
    void a_phone_call_a_visit_with_nobody_of_the_host_named_and_a_conference_at_yalta_add_the_expected_lines() throws IOException {
        List<String> before = plover.lines().toList();
        List<String> added = ploverWithTest.lines().filter(l -> !before.contains(l)).toList();
        assertTrue(ploverWithTest.lines().toList().containsAll(before), "the real data's lines stay as they were");
        assertLines(EXPECTED.resolve("plover-test-events.jsonl"), String.join("\n", added) + "\n");
        JsonObject call = line(ploverWithTest, "2019-03-01-abe-putin-phone-call-test--shinzo-abe--vladimir-putin");
        assertEquals(List.of("041"), strings(call, "cameo"));
        assertEquals(List.of("phone"), strings(call, "mode"));
        JsonObject visit = line(ploverWithTest, "2019-07-01-kono-visit-russia-test--taro-kono--russia");
        assertEquals(List.of("042", "043"), strings(visit, "cameo"));
        assertEquals("Russia", first(visit, "recipient").getString("entity_name"));
        JsonObject yalta = line(ploverWithTest, "1945-02-04-yalta-conference-test--franklin-d-roosevelt--joseph-stalin");
        assertEquals(List.of("040"), strings(yalta, "cameo"), "Yalta lies in no state the data names: no host, no 044");
        assertEquals(List.of("multilateral"), strings(yalta, "mode"));
        assertFalse(yalta.getObj("event_loc").hasKey("country"));
    }

    @Test
    void every_coded_record_with_a_day_is_in_exactly_one_plover_line_and_every_line_has_the_required_fields() {
        List<String> inLines = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (String l : ploverWithTest.lines().toList()) {
            JsonObject o = JSON.parse(l);
            for (String field : List.of("id", "date", "event", "actor"))
                assertTrue(o.hasKey(field), field + " in " + l);
            assertTrue(ids.add(o.getString("id")), "unique id " + o.getString("id"));
            assertTrue(o.getString("date").matches("\\d{4}-\\d{2}-\\d{2}"), l);
            o.getArray("records").forEach(r -> inLines.add(r.getAsString().value()));
        }
        assertEquals(new TreeSet<>(inLines).size(), inLines.size(), "no record in two lines");
        assertEquals(select("SELECT DISTINCT ?r { ?r a <" + TG + "CodedEvent> ; <" + TG + "codedDate> ?d }"),
                     new TreeSet<>(inLines));
    }

    @Test
    void export_with_changes_and_an_event_data_format_is_a_usage_error() {
        Result r = run("export", "--db", db.toString(), "--format", "dyads", "--changes");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--changes writes the journal as TriG"), r.err());
    }

    // ---- helpers

    /** "CODE source sourceState → target targetState" of every coded record of an event (slugs). */
    private static Set<String> codes(String eventSlug) {
        return select("""
            PREFIX tg: <https://w3id.org/treatygraph/ontology#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT (CONCAT(?code, " ", REPLACE(STR(?s), "^.*/", ""), " ", REPLACE(STR(?ss), "^.*/", ""), " → ",
                           REPLACE(STR(?t), "^.*/", ""), " ", REPLACE(STR(?ts), "^.*/", "")) AS ?x) {
              ?r tg:codedEvent <https://w3id.org/treatygraph/id/event/%s> ; tg:cameoCode/skos:notation ?code ;
                 tg:sourceActor ?s ; tg:sourceState ?ss ; tg:targetActor ?t ; tg:targetState ?ts .
            }""".formatted(eventSlug));
    }

    /** The first column of a query's rows over the database (before the test text was loaded, or after). */
    private static Set<String> select(String query) {
        DatasetGraph dsg = Store.open(db);
        return Txn.calculateRead(dsg, () -> {
            try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(dsg)).query(query).build()) {
                Set<String> out = new TreeSet<>();
                qe.execSelect().forEachRemaining(s -> {
                    var n = s.get(s.varNames().next());
                    out.add(n.isLiteral() ? n.asLiteral().getLexicalForm() : n.asResource().getURI());
                });
                return out;
            }
        });
    }

    private static JsonObject line(String jsonl, String id) {
        return jsonl.lines().map(JSON::parse).filter(o -> id.equals(o.getString("id"))).findFirst()
            .orElseThrow(() -> new AssertionError("no line " + id + " in\n" + jsonl));
    }

    private static JsonObject first(JsonObject line, String key) {
        return line.get(key).getAsArray().get(0).getAsObject();
    }

    private static List<String> strings(JsonObject line, String key) {
        return line.get(key).getAsArray().stream().map(v -> v.getAsString().value()).toList();
    }

    /** Compare JSON Lines parsed, line by line, in order (or rewrite the expected file). */
    private static void assertLines(Path expectedFile, String actual) throws IOException {
        if (REGENERATE)
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        List<JsonValue> expected = Files.readString(expectedFile, StandardCharsets.UTF_8).lines().map(JSON::parseAny).toList();
        List<JsonValue> got = actual.lines().map(JSON::parseAny).toList();
        assertEquals(expected.size(), got.size(), "number of lines");
        for (int i = 0; i < expected.size(); i++)
            assertEquals(expected.get(i), got.get(i), "line " + (i + 1));
    }

    /** RFC 4180 rows: quoted fields with doubled quotes, CRLF or LF line ends. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') { field.append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.append(c);
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString()); field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')
                    i++;
                row.add(field.toString()); field.setLength(0);
                rows.add(row); row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows.stream().map(List::copyOf).collect(Collectors.toList());
    }
}
