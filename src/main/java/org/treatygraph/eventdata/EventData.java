package org.treatygraph.eventdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonNumber;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Node;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.Syntax;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.treatygraph.query.QueryContext;

/**
 * The coded records of a dataset ({@code tg:CodedEvent}, derived by ontology/rules/25-event-codes*)
 * as event data:
 * <ul>
 * <li>{@link #writePlover PLOVER-style JSON Lines}: one line per coded event and pair of actors —
 *     {@code id}, {@code date} (and {@code enddate}), {@code event} ["CONSULT"], {@code mode},
 *     {@code context}, {@code quad_code}, the {@code cameo} codes, {@code actor} and
 *     {@code recipient} (a visit: the visitor acts, the host receives; otherwise both sides act),
 *     each with name, IRI, Wikidata id, country and office; {@code event_loc} with its Wikidata id
 *     and coordinates; {@code event_text} (the evidence sentences) and {@code cite_info} (the source
 *     texts that state the event, or the background's references);
 * <li>{@link #writeDyads a CSV of who met whom per month}: month, the two persons (in IRI order)
 *     with names and states, the number of coded events and their IRIs.
 * </ul>
 * <pre>
 *   EventData.Summary s = EventData.writePlover(dsg, System.out);   // in its own read transaction
 * </pre>
 */
public final class EventData {
    static final String WIKIDATA = "http://www.wikidata.org/entity/";
    /** The order of PLOVER modes in a line. */
    private static final List<String> MODES = List.of("visit", "third-party", "multilateral", "phone");

    /**
     * What an export wrote.
     *
     * @param written  lines or rows written
     * @param leftOut  coded events (per pair of actors) left out, because what the format needs is not known
     * @param why      why they were left out, or ""
     */
    public record Summary(long written, long leftOut, String why) {}

    private EventData() {}

    /**
     * Write one PLOVER JSON line per coded event and pair of actors, ordered by date, event and id.
     * A coded event whose day the data does not know is left out (PLOVER requires a date) and
     * counted in the summary.
     */
    public static Summary writePlover(DatasetGraph dsg, OutputStream output) {
        Coded coded = Coded.read(dsg);
        PrintWriter out = writer(output);
        long written = 0, leftOut = 0;
        for (Coded.Pair pair : coded.pairs()) {
            if (pair.date() == null) {
                leftOut++;
                continue;
            }
            out.print(JsonLine.of(coded.plover(pair)));
            out.print('\n');
            written++;
        }
        out.flush();
        return new Summary(written, leftOut, leftOut == 0 ? ""
            : leftOut + " coded event(s) without a known day left out: a PLOVER record needs a date");
    }

    /**
     * Write the CSV of who met whom per month (RFC 4180, CRLF): one row per month and pair of
     * persons (in IRI order), with their states, the number of held meetings, visits and
     * conferences at which the rules coded them (phone calls are not meetings), and the events'
     * IRIs (by date, space-separated). The month is the event's day's, or its window's when the
     * window lies within one month; other events are left out and counted.
     */
    public static Summary writeDyads(DatasetGraph dsg, OutputStream output) {
        Coded coded = Coded.read(dsg);
        PrintWriter out = writer(output);
        out.print("month,person_a,name_a,state_a,person_b,name_b,state_b,meetings,events\r\n");
        Map<List<String>, Set<Node>> rows = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
            .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(3)).thenComparing(k -> k.get(2))
            .thenComparing(k -> k.get(4)));
        long leftOut = 0;
        for (Coded.Pair pair : coded.pairs()) {
            if (!coded.isPerson(pair.a()) || !coded.isPerson(pair.b()) || coded.event(pair.event()).phone())
                continue;
            String month = coded.month(pair);
            if (month == null) {
                leftOut++;
                continue;
            }
            List<String> key = List.of(month, pair.a().getURI(), pair.stateA().getURI(), pair.b().getURI(),
                                       pair.stateB().getURI());
            rows.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(pair.event());
        }
        for (Map.Entry<List<String>, Set<Node>> row : rows.entrySet()) {
            List<String> k = row.getKey();
            List<Node> events = new ArrayList<>(row.getValue());
            events.sort(Comparator.comparing((Node e) -> Objects.toString(coded.event(e).day(), "9999"))
                            .thenComparing(Node::getURI));
            out.print(String.join(",", csv(k.get(0)), csv(k.get(1)), csv(coded.name(k.get(1))), csv(k.get(2)),
                                  csv(k.get(3)), csv(coded.name(k.get(3))), csv(k.get(4)),
                                  Integer.toString(events.size()),
                                  csv(String.join(" ", events.stream().map(Node::getURI).toList()))));
            out.print("\r\n");
        }
        out.flush();
        return new Summary(rows.size(), leftOut, leftOut == 0 ? ""
            : leftOut + " coded meeting(s) of two persons without a known month left out");
    }

    private static PrintWriter writer(OutputStream output) {
        return new PrintWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), false);
    }

    /** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
    static String csv(String s) {
        if (s == null)
            return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0)
            return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** The coded records and what the exports say about their events, actors and places, read at once. */
    static final class Coded {
        record Record(Node record, Node event, String code, Node source, Node sourceState, Node target,
                      Node targetState, TreeSet<String> dates, TreeSet<String> modes) {}

        record Event(String label, String day, String end, String earliest, String latest, Node host, boolean phone) {}

        record Entity(String name, String wikidata, boolean person) {}

        record Place(Node place, String name, String wikidata, String lat, String lon, String city) {}

        record Source(Node text, String title, String publisher, String date, String language, List<String> evidence) {}

        /** One coded event and one pair of actors (a before b in IRI order), with all their records. */
        record Pair(Node event, Node a, Node stateA, Node b, Node stateB, List<Record> records, String date) {}

        final Map<Node, Record> records = new LinkedHashMap<>();
        final Map<Node, Event> events = new LinkedHashMap<>();
        final Map<Node, Entity> entities = new LinkedHashMap<>();
        final Map<List<Node>, TreeSet<String>> offices = new LinkedHashMap<>();
        final Map<Node, List<Place>> places = new LinkedHashMap<>();
        final Map<Node, Map<Node, Source>> sources = new LinkedHashMap<>();
        final Map<Node, List<String>> references = new LinkedHashMap<>();

        static Coded read(DatasetGraph dsg) {
            Coded c = new Coded();
            Txn.executeRead(dsg, () -> {
                select(dsg, "records.rq", s -> {
                    Node r = node(s, "record");
                    Record rec = c.records.computeIfAbsent(r, k -> new Record(k, node(s, "event"), text(s, "code"),
                        node(s, "source"), node(s, "sourceState"), node(s, "target"), node(s, "targetState"),
                        new TreeSet<>(), new TreeSet<>()));
                    if (text(s, "date") != null)
                        rec.dates().add(text(s, "date"));
                    if (text(s, "mode") != null)
                        rec.modes().add(text(s, "mode"));
                });
                select(dsg, "events.rq", s -> c.events.merge(node(s, "event"),
                    new Event(text(s, "label"), text(s, "start"), text(s, "end"), text(s, "earliest"), text(s, "latest"),
                              node(s, "host"), "true".equals(text(s, "phone"))),
                    Coded::earlier));
                select(dsg, "entities.rq", s -> c.entities.putIfAbsent(node(s, "entity"),
                    new Entity(text(s, "name"), wikidataId(node(s, "wikidata")), false)));
                select(dsg, "offices.rq", s -> c.offices.computeIfAbsent(List.of(node(s, "event"), node(s, "agent")),
                    k -> new TreeSet<>()).add(text(s, "office")));
                select(dsg, "places.rq", s -> {
                    List<Place> ps = c.places.computeIfAbsent(node(s, "event"), k -> new ArrayList<>());
                    Node p = node(s, "place");
                    if (ps.stream().noneMatch(x -> x.place().equals(p)))
                        ps.add(new Place(p, text(s, "name"), wikidataId(node(s, "wikidata")), text(s, "lat"),
                                         text(s, "long"), text(s, "cityName")));
                });
                select(dsg, "sources.rq", s -> {
                    Node e = node(s, "event");
                    if (text(s, "reference") != null) {
                        List<String> refs = c.references.computeIfAbsent(e, k -> new ArrayList<>());
                        if (!refs.contains(text(s, "reference")))
                            refs.add(text(s, "reference"));
                        return;
                    }
                    Source src = c.sources.computeIfAbsent(e, k -> new LinkedHashMap<>()).computeIfAbsent(node(s, "text"),
                        t -> new Source(t, text(s, "title"), text(s, "publisher"), text(s, "date"), text(s, "language"),
                                        new ArrayList<>()));
                    String evidence = text(s, "evidence");
                    if (evidence != null && !src.evidence().contains(evidence))
                        src.evidence().add(evidence);
                });
                select(dsg, "persons.rq", s -> {
                    Node p = node(s, "person");
                    Entity e = c.entities.get(p);
                    if (e != null)
                        c.entities.put(p, new Entity(e.name(), e.wikidata(), true));
                });
            });
            return c;
        }

        /** Of two rows of one event, the one with the earlier day (contradicting sources: the first day counts). */
        private static Event earlier(Event x, Event y) {
            String dx = Objects.toString(x.day(), "9999"), dy = Objects.toString(y.day(), "9999");
            Event first = dx.compareTo(dy) <= 0 ? x : y, other = first == x ? y : x;
            return new Event(first.label() != null ? first.label() : other.label(), first.day(),
                             first.end() != null ? first.end() : other.end(),
                             first.earliest() != null ? first.earliest() : other.earliest(),
                             first.latest() != null ? first.latest() : other.latest(),
                             first.host() != null ? first.host() : other.host(), first.phone() || other.phone());
        }

        Event event(Node e) {
            return events.getOrDefault(e, new Event(null, null, null, null, null, null, false));
        }

        boolean isPerson(Node n) {
            Entity e = entities.get(n);
            return e != null && e.person();
        }

        String name(String iri) {
            Entity e = entities.get(org.apache.jena.graph.NodeFactory.createURI(iri));
            return e == null ? null : e.name();
        }

        /** The records grouped by event and pair of actors, ordered by date, event and id. */
        List<Pair> pairs() {
            Map<List<Node>, List<Record>> groups = new LinkedHashMap<>();
            for (Record r : records.values()) {
                boolean ordered = r.source().getURI().compareTo(r.target().getURI()) < 0;
                List<Node> key = ordered ? List.of(r.event(), r.source(), r.sourceState(), r.target(), r.targetState())
                                         : List.of(r.event(), r.target(), r.targetState(), r.source(), r.sourceState());
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
            List<Pair> pairs = new ArrayList<>();
            groups.forEach((k, rs) -> {
                String date = rs.stream().flatMap(r -> r.dates().stream()).min(String::compareTo).orElse(null);
                pairs.add(new Pair(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), rs, date));
            });
            pairs.sort(Comparator.comparing((Pair p) -> Objects.toString(p.date(), "9999"))
                           .thenComparing(p -> p.event().getURI()).thenComparing(p -> p.a().getURI())
                           .thenComparing(p -> p.b().getURI()));
            return pairs;
        }

        /** The month of a pair's event: its day's, or its window's when the window lies in one month. */
        String month(Pair p) {
            if (p.date() != null)
                return p.date().substring(0, 7);
            Event e = event(p.event());
            if (e.earliest() != null && e.latest() != null && e.earliest().substring(0, 7).equals(e.latest().substring(0, 7)))
                return e.earliest().substring(0, 7);
            return null;
        }

        /** The PLOVER record of a pair. */
        JsonObject plover(Pair p) {
            TreeSet<String> codes = new TreeSet<>();
            Set<String> modes = new LinkedHashSet<>();
            List<String> ids = new ArrayList<>();
            Record visit = null;
            for (Record r : p.records()) {
                codes.add(r.code());
                modes.addAll(r.modes());
                ids.add(r.record().getURI());
                if (r.code().equals("042"))
                    visit = r;
            }
            ids.sort(String::compareTo);
            List<Node[]> actors = new ArrayList<>(), recipients = new ArrayList<>();
            if (visit != null) {
                actors.add(new Node[] {visit.source(), visit.sourceState()});
                recipients.add(new Node[] {visit.target(), visit.targetState()});
            } else {
                actors.add(new Node[] {p.a(), p.stateA()});
                actors.add(new Node[] {p.b(), p.stateB()});
            }
            Event e = event(p.event());
            JsonObject o = new JsonObject();
            StringBuilder id = new StringBuilder(slug(p.event()));
            actors.forEach(a -> id.append("--").append(slug(a[0])));
            recipients.forEach(a -> id.append("--").append(slug(a[0])));
            o.put("id", id.toString());
            o.put("date", p.date());
            if (e.end() != null && !e.end().equals(p.date()))
                o.put("enddate", e.end());
            o.put("event", strings(List.of("CONSULT")));
            o.put("mode", strings(MODES.stream().filter(modes::contains).toList()));
            o.put("context", strings(codes.contains("046") ? List.of("diplomatic") : List.of()));
            o.put("quad_code", 1);
            o.put("cameo", strings(List.copyOf(codes)));
            o.put("actor", entities(p.event(), actors));
            o.put("recipient", entities(p.event(), recipients));
            JsonObject loc = location(p.event(), e);
            if (loc != null)
                o.put("event_loc", loc);
            List<String> evidence = new ArrayList<>();
            JsonArray cites = new JsonArray();
            for (Source s : sources.getOrDefault(p.event(), Map.of()).values()) {
                s.evidence().stream().filter(x -> !evidence.contains(x)).forEach(evidence::add);
                JsonObject c = new JsonObject();
                c.put("corpus", "Treaty Graph source texts");
                c.put("citation", s.text().getURI());
                putIfPresent(c, "title", s.title());
                putIfPresent(c, "publication", s.publisher());
                putIfPresent(c, "date", s.date());
                putIfPresent(c, "language", s.language());
                cites.add(c);
            }
            for (String ref : references.getOrDefault(p.event(), List.of())) {
                JsonObject c = new JsonObject();
                c.put("corpus", "Treaty Graph background graph");
                c.put("citation", ref);
                cites.add(c);
            }
            o.put("event_text", strings(evidence));
            o.put("cite_info", cites);
            putIfPresent(o, "event_name", e.label());
            o.put("event_iri", p.event().getURI());
            o.put("records", strings(ids));
            return o;
        }

        private JsonArray entities(Node event, List<Node[]> who) {
            JsonArray a = new JsonArray();
            for (Node[] w : who) {
                JsonObject o = new JsonObject();
                Entity actor = entities.get(w[0]), state = entities.get(w[1]);
                putIfPresent(o, "entity_name", actor == null ? null : actor.name());
                o.put("entity_iri", w[0].getURI());
                putIfPresent(o, "wikidata_id", actor == null ? null : actor.wikidata());
                putIfPresent(o, "country_name", state == null ? null : state.name());
                o.put("country_iri", w[1].getURI());
                putIfPresent(o, "country_wikidata_id", state == null ? null : state.wikidata());
                TreeSet<String> office = offices.get(List.of(event, w[0]));
                if (office != null)
                    o.put("office", String.join("; ", office));
                a.add(o);
            }
            return a;
        }

        /** Where: the event's one most specific place, in its host state; null without exactly one. */
        private JsonObject location(Node event, Event e) {
            List<Place> ps = places.getOrDefault(event, List.of());
            if (ps.size() != 1)
                return null;
            Place p = ps.get(0);
            JsonObject o = new JsonObject();
            putIfPresent(o, "resolved_place", p.name());
            o.put("place_iri", p.place().getURI());
            putIfPresent(o, "wikidata_id", p.wikidata());
            if (p.lat() != null && p.lon() != null) {
                o.put("lat", JsonNumber.value(new BigDecimal(p.lat())));
                o.put("lon", JsonNumber.value(new BigDecimal(p.lon())));
            }
            putIfPresent(o, "city", p.city());
            if (e.host() != null) {
                Entity host = entities.get(e.host());
                putIfPresent(o, "country", host == null ? null : host.name());
                o.put("country_iri", e.host().getURI());
                putIfPresent(o, "country_wikidata_id", host == null ? null : host.wikidata());
            }
            return o;
        }
    }

    // ---- helpers

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static void putIfPresent(JsonObject o, String key, String value) {
        if (value != null)
            o.put(key, value);
    }

    static String slug(Node n) {
        return n.getURI().replaceFirst("^.*[/#]", "");
    }

    private static String wikidataId(Node n) {
        return n != null && n.isURI() && n.getURI().startsWith(WIKIDATA) ? n.getURI().substring(WIKIDATA.length()) : null;
    }

    private static Node node(QuerySolution s, String var) {
        RDFNode n = s.get(var);
        return n == null ? null : n.asNode();
    }

    /** A literal's lexical form, or null. */
    private static String text(QuerySolution s, String var) {
        RDFNode n = s.get(var);
        return n == null || !n.isLiteral() ? null : n.asLiteral().getLexicalForm();
    }

    /** Run one of this package's queries over {@code dsg} (inside the caller's read transaction). */
    private static void select(DatasetGraph dsg, String resource, Consumer<QuerySolution> each) {
        Query query = QueryFactory.create(read(resource), Syntax.syntaxARQ);
        QueryContext semantics = QueryContext.defaults().withTimeout(Duration.ofHours(1)).withServiceAllow(List.of());
        try (QueryExecution qe = semantics.execution(query, DatasetFactory.wrap(dsg))) {
            ResultSet rs = qe.execSelect();
            rs.forEachRemaining(each);
        }
    }

    private static String read(String resource) {
        try (InputStream in = EventData.class.getResourceAsStream(resource)) {
            if (in == null)
                throw new IllegalStateException("Missing resource " + resource + " of " + EventData.class.getPackageName());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
