package org.treatygraph.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.treatygraph.load.Graphs;

/**
 * What an entity page shows, as a model for {@code entity.mustache}: built from the service
 * queries ({@link ServiceQueries}) — labels and the names each claimant uses, types, the facts
 * grouped by property with the graphs that state them (source texts, background, derived), the
 * source texts with their evidence, inbound links grouped by property, the Wikidata item, and a
 * section per kind (a person's meetings and posts, an event's dates and status per source, an
 * agreement's lineage, a place's position).
 */
final class EntityModel {
    static final String ID = Graphs.BASE + "id/";
    static final String TG = Graphs.TG;
    static final String WIKIDATA = "http://www.wikidata.org/entity/";
    private static final String SOURCE_GRAPH = Graphs.GRAPH + "source/";
    private static final String BACKGROUND = Graphs.GRAPH + "background";
    private static final List<String> EVENT_DATES = List.of("startDate", "endDate", "earliestDate", "latestDate",
        "datePrecision", "dateText", "eventStatus");

    private EntityModel() {}

    /** The page path of an IRI of the dataset ({@code /id/…}), or null for any other IRI. */
    static String page(String iri) {
        return iri != null && iri.startsWith(ID) ? "/id/" + iri.substring(ID.length()) : null;
    }

    /** The kind of an entity IRI: {@code person} for {@code …/id/person/x}. */
    static String kind(String iri) {
        if (iri == null || !iri.startsWith(ID))
            return "";
        String rest = iri.substring(ID.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(0, slash);
    }

    /** The short name of a graph: {@code 001}, {@code background}, {@code derived}, … */
    static String graphName(String g) {
        if (g == null)
            return "";
        if (g.startsWith(SOURCE_GRAPH))
            return g.substring(SOURCE_GRAPH.length());
        if (g.equals(Graphs.INFERRED))
            return "derived";
        if (g.startsWith(Graphs.GRAPH))
            return g.substring(Graphs.GRAPH.length());
        return g;
    }

    static Map<String, Object> build(ServiceQueries q, String iri) {
        List<ServiceQueries.Row> statements = q.about("entity-statements", iri);
        List<ServiceQueries.Row> inbound = q.about("entity-inbound", iri);
        if (statements.isEmpty() && inbound.isEmpty())
            return null;
        Map<String, Object> m = new LinkedHashMap<>();
        String kind = kind(iri);
        m.put("iri", iri);
        m.put("kind", kind);
        m.put("path", page(iri));

        // labels and names
        List<Map<String, Object>> labels = new ArrayList<>();
        Map<String, Map<String, Object>> users = new LinkedHashMap<>();
        String english = null, any = null;
        for (ServiceQueries.Row r : q.about("entity-names", iri)) {
            Node label = r.get("label");
            if (label != null) {
                String lang = label.getLiteralLanguage();
                labels.add(Map.of("lang", lang.isEmpty() ? "—" : lang, "text", label.getLiteralLexicalForm()));
                if (lang.equals("en"))
                    english = label.getLiteralLexicalForm();
                if (any == null)
                    any = label.getLiteralLexicalForm();
            }
            Node form = r.get("form");
            if (form != null) {
                String user = r.text("userLabel") != null ? r.text("userLabel") : "(no user stated)";
                Map<String, Object> u = users.computeIfAbsent(user, k -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("user", k);
                    x.put("href", page(r.iri("user")));
                    x.put("forms", new ArrayList<Map<String, Object>>());
                    return x;
                });
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> forms = (List<Map<String, Object>>) u.get("forms");
                forms.add(Map.of("form", form.getLiteralLexicalForm(), "lang", form.getLiteralLanguage(),
                                 "type", r.text("typeLabel") == null ? "" : r.text("typeLabel")));
            }
        }
        String title = english != null ? english : any != null ? any : iri.substring(iri.lastIndexOf('/') + 1);
        m.put("title", title);
        m.put("labels", labels);
        m.put("names", new ArrayList<>(users.values()));
        m.put("hasNames", !users.isEmpty());

        // types
        List<Map<String, Object>> types = new ArrayList<>();
        Set<String> typeIris = new LinkedHashSet<>();
        for (ServiceQueries.Row r : q.about("entity-types", iri)) {
            typeIris.add(r.iri("type"));
            if (r.get("specific") != null && r.text("specific").equals("true") && r.text("type").startsWith(TG))
                types.add(Map.of("label", r.text("typeLabel") != null ? r.text("typeLabel") : local(r.text("type")),
                                 "iri", r.text("type")));
        }
        m.put("types", types);

        // facts, grouped by property; the graphs that state each
        Map<String, Map<String, Object>> props = new LinkedHashMap<>();
        Map<String, Map<String, Object>> values = new LinkedHashMap<>();
        List<Map<String, Object>> wikidata = new ArrayList<>();
        Set<String> wikidataSeen = new LinkedHashSet<>();
        Map<String, Map<String, String>> eventWhen = new LinkedHashMap<>();
        String lat = null, lon = null;
        for (ServiceQueries.Row r : statements) {
            String p = r.text("p"), g = r.text("g");
            Node o = r.get("o");
            if (p.equals(TG + "evidence") || p.equals("http://purl.org/dc/terms/bibliographicCitation"))
                continue;                                   // shown with the sources
            if ((p.equals("http://www.w3.org/2002/07/owl#sameAs") || p.equals("http://schema.org/sameAs")
                 || p.equals("http://www.w3.org/2004/02/skos/core#exactMatch")) && o.isURI() && o.getURI().startsWith(WIKIDATA)) {
                if (wikidataSeen.add(o.getURI()))
                    wikidata.add(Map.of("iri", o.getURI(), "id", o.getURI().substring(WIKIDATA.length()),
                                        "href", "https://www.wikidata.org/wiki/" + o.getURI().substring(WIKIDATA.length())));
            }
            if (p.startsWith(TG) && EVENT_DATES.contains(p.substring(TG.length())) && !g.equals(Graphs.INFERRED)) {
                Map<String, String> w = eventWhen.computeIfAbsent(g, k -> new LinkedHashMap<>());
                String name = p.substring(TG.length());
                String v = o.isLiteral() ? o.getLiteralLexicalForm() : r.text("oLabel") != null ? r.text("oLabel") : local(o.getURI());
                w.merge(name, v, (a, b) -> a + ", " + b);
            }
            if (p.equals("http://www.w3.org/2003/01/geo/wgs84_pos#lat") && o.isLiteral())
                lat = o.getLiteralLexicalForm();
            if (p.equals("http://www.w3.org/2003/01/geo/wgs84_pos#long") && o.isLiteral())
                lon = o.getLiteralLexicalForm();
            Map<String, Object> prop = props.computeIfAbsent(p, k -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("property", r.text("pLabel") != null ? r.text("pLabel") : local(k));
                x.put("iri", k);
                x.put("values", new ArrayList<Map<String, Object>>());
                return x;
            });
            String key = p + " " + o;
            Map<String, Object> value = values.get(key);
            if (value == null) {
                value = term(o, r.text("oLabel"));
                value.put("graphs", new ArrayList<Map<String, Object>>());
                value.put("asserted", false);
                value.put("derived", false);
                values.put(key, value);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> vs = (List<Map<String, Object>>) prop.get("values");
                vs.add(value);
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> gs = (List<Map<String, Object>>) value.get("graphs");
            gs.add(graphChip(g));
            if (g.equals(Graphs.INFERRED)) {
                value.put("derived", true);
                value.put("why", "/kg/why?s=" + enc(iri) + "&p=" + enc(p) + "&o=" + enc(o.isURI() ? o.getURI()
                                  : o.isLiteral() ? literalSyntax(o) : o.toString()));
            } else
                value.put("asserted", true);
        }
        for (Map<String, Object> v : values.values())
            v.put("onlyDerived", Boolean.TRUE.equals(v.get("derived")) && !Boolean.TRUE.equals(v.get("asserted")));
        List<Map<String, Object>> facts = new ArrayList<>(props.values());
        facts.sort((a, b) -> String.valueOf(a.get("property")).compareToIgnoreCase(String.valueOf(b.get("property"))));
        for (Map<String, Object> f : facts) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> vs = (List<Map<String, Object>>) f.get("values");
            f.put("count", vs.size());
            f.put("allDerived", vs.stream().allMatch(v -> Boolean.TRUE.equals(v.get("onlyDerived"))));
        }
        m.put("facts", facts);
        m.put("wikidata", wikidata);

        // sources: title, publisher, date and evidence per source graph; references of the background
        Map<String, Map<String, Object>> sources = new LinkedHashMap<>();
        for (ServiceQueries.Row r : q.about("entity-sources", iri)) {
            String g = r.text("g");
            Map<String, Object> s = sources.computeIfAbsent(g, k -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", graphName(k));
                x.put("anchor", "src-" + graphName(k));
                x.put("graph", k);
                x.put("isText", r.get("text") != null);
                x.put("href", page(r.iri("text")));
                x.put("title", r.text("title"));
                x.put("publisher", r.text("publisherLabel"));
                x.put("publisherHref", page(r.iri("publisher")));
                String date = r.text("date") != null ? r.text("date")
                    : r.text("dateText") != null ? r.text("dateText") + " (" + r.text("earliest") + " – " + r.text("latest") + ")"
                    : null;
                x.put("date", date);
                x.put("evidence", new ArrayList<String>());
                x.put("citations", new ArrayList<String>());
                return x;
            });
            addOnce(s, "evidence", r.text("evidence"));
            addOnce(s, "citations", r.text("citation"));
        }
        List<Map<String, Object>> sourceList = new ArrayList<>(sources.values());
        sourceList.sort((a, b) -> rank(String.valueOf(a.get("graph"))).compareTo(rank(String.valueOf(b.get("graph")))));
        m.put("sources", sourceList);

        // inbound, grouped by property
        Map<String, Map<String, Object>> in = new LinkedHashMap<>();
        Map<String, Map<String, Object>> inItems = new LinkedHashMap<>();
        for (ServiceQueries.Row r : inbound) {
            String p = r.text("p");
            Map<String, Object> group = in.computeIfAbsent(p, k -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("property", r.text("pLabel") != null ? r.text("pLabel") : local(k));
                x.put("iri", k);
                x.put("items", new ArrayList<Map<String, Object>>());
                return x;
            });
            String key = p + " " + r.text("s");
            Map<String, Object> item = inItems.get(key);
            if (item == null) {
                item = term(r.get("s"), r.text("sLabel"));
                item.put("graphs", new ArrayList<Map<String, Object>>());
                inItems.put(key, item);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> items = (List<Map<String, Object>>) group.get("items");
                items.add(item);
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> gs = (List<Map<String, Object>>) item.get("graphs");
            gs.add(graphChip(r.text("g")));
        }
        List<Map<String, Object>> inbounds = new ArrayList<>(in.values());
        for (Map<String, Object> g : inbounds)
            g.put("count", ((List<?>) g.get("items")).size());
        inbounds.sort((a, b) -> String.valueOf(a.get("property")).compareToIgnoreCase(String.valueOf(b.get("property"))));
        m.put("inbound", inbounds);
        m.put("inboundCount", inItems.size());

        // per kind
        if (typeIris.contains(TG + "Person")) {
            List<Map<String, Object>> meetings = new ArrayList<>();
            for (ServiceQueries.Row r : q.about("person-meetings", iri)) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("date", r.text("start") != null ? r.text("start")
                    : r.text("early") != null ? r.text("early") + " – " + (r.text("late") == null ? "…" : r.text("late")) : "");
                x.put("href", page(r.iri("event")));
                x.put("label", r.text("label") != null ? r.text("label") : local(r.text("event")));
                x.put("place", r.text("placeLabel"));
                x.put("placeHref", page(r.iri("place")));
                List<Map<String, Object>> texts = new ArrayList<>();
                if (r.text("texts") != null)
                    for (String n : r.text("texts").split(" "))
                        texts.add(Map.of("n", n, "href", "/id/source/" + n));
                x.put("texts", texts);
                meetings.add(x);
            }
            List<Map<String, Object>> posts = new ArrayList<>();
            for (ServiceQueries.Row r : q.about("person-posts", iri)) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("start", r.text("start"));
                x.put("end", r.text("end") != null ? r.text("end") : r.text("endedBy") != null ? "by " + r.text("endedBy") : "");
                x.put("post", r.text("postLabel") != null ? r.text("postLabel") : local(r.text("post")));
                x.put("postHref", page(r.iri("post")));
                x.put("tenureHref", page(r.iri("tenure")));
                posts.add(x);
            }
            m.put("person", Map.of("meetings", meetings, "meetingCount", meetings.size(), "posts", posts,
                                   "networkHref", "/views/network?person=" + enc(kind + "/" + iri.substring(iri.lastIndexOf('/') + 1))));
        }
        if (typeIris.contains(TG + "Event") && !eventWhen.isEmpty()) {
            List<Map<String, Object>> when = new ArrayList<>();
            eventWhen.forEach((g, w) -> {
                Map<String, Object> x = new LinkedHashMap<>(graphChip(g));
                x.putAll(w);
                when.add(x);
            });
            when.sort((a, b) -> rank(String.valueOf(a.get("graph"))).compareTo(rank(String.valueOf(b.get("graph")))));
            m.put("event", Map.of("when", when, "timelineHref", "/views/timeline"));
        }
        if (typeIris.contains(TG + "Agreement")) {
            List<Map<String, Object>> up = new ArrayList<>(), down = new ArrayList<>();
            Map<String, Map<String, Object>> seen = new LinkedHashMap<>();
            for (ServiceQueries.Row r : q.about("agreement-lineage", iri)) {
                String key = r.text("direction") + " " + r.text("other");
                Map<String, Object> x = seen.get(key);
                if (x == null) {
                    x = new LinkedHashMap<>();
                    x.put("date", r.text("date"));
                    x.put("href", page(r.iri("other")));
                    x.put("label", r.text("label") != null ? r.text("label") : local(r.text("other")));
                    seen.put(key, x);
                    ("up".equals(r.text("direction")) ? up : down).add(x);
                }
                String rel = r.text("relationLabel");
                if (rel != null)
                    x.merge("relation", rel, (a, b) -> a + ", " + b);
            }
            m.put("agreement", Map.of("up", up, "down", down, "hasUp", !up.isEmpty(), "hasDown", !down.isEmpty(),
                                      "lineageHref", "/views/lineage?focus=" + enc("agreement:" + iri.substring(iri.lastIndexOf('/') + 1))));
        }
        if (lat != null && lon != null)
            m.put("place", Map.of("lat", lat, "long", lon, "mapHref", "/views/map?focus=" + enc(iri)));

        Map<String, String> formats = new LinkedHashMap<>();
        String path = page(iri);
        m.put("formats", List.of(Map.of("name", "Turtle", "href", path + ".ttl", "type", "text/turtle"),
                                 Map.of("name", "JSON-LD", "href", path + ".jsonld", "type", "application/ld+json"),
                                 Map.of("name", "N-Triples", "href", path + ".nt", "type", "application/n-triples")));
        formats.clear();
        return m;
    }

    private static void addOnce(Map<String, Object> s, String key, String value) {
        if (value == null)
            return;
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) s.get(key);
        if (!list.contains(value))
            list.add(value);
    }

    /** Source texts first (by number), then the background, the other graphs, derived last. */
    private static String rank(String g) {
        if (g.startsWith(SOURCE_GRAPH))
            return "0" + g;
        if (g.equals(BACKGROUND))
            return "1";
        if (g.equals(Graphs.INFERRED))
            return "3";
        return "2" + g;
    }

    static Map<String, Object> graphChip(String g) {
        Map<String, Object> x = new LinkedHashMap<>();
        String name = graphName(g);
        x.put("graph", g);
        x.put("name", name);
        x.put("isSource", g.startsWith(SOURCE_GRAPH));
        x.put("isDerived", g.equals(Graphs.INFERRED));
        x.put("anchor", "#src-" + name);
        return x;
    }

    /** A term for display: IRIs linked to their page (or Wikidata), literals with language and datatype. */
    static Map<String, Object> term(Node o, String label) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (o.isURI()) {
            String iri = o.getURI();
            v.put("isIri", true);
            v.put("iri", iri);
            v.put("text", label != null ? label : local(iri));
            String page = page(iri);
            if (page == null && iri.startsWith(WIKIDATA))
                page = "https://www.wikidata.org/wiki/" + iri.substring(WIKIDATA.length());
            v.put("href", page);
        } else if (o.isLiteral()) {
            v.put("isLiteral", true);
            v.put("text", o.getLiteralLexicalForm());
            String lang = o.getLiteralLanguage();
            if (!lang.isEmpty())
                v.put("lang", lang);
            String dt = o.getLiteralDatatypeURI();
            if (lang.isEmpty() && dt != null && !dt.equals("http://www.w3.org/2001/XMLSchema#string"))
                v.put("datatype", local(dt));
        } else {
            v.put("text", o.toString());
        }
        return v;
    }

    static String local(String iri) {
        if (iri == null)
            return "";
        int i = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return i >= 0 && i < iri.length() - 1 ? iri.substring(i + 1) : iri;
    }

    private static String literalSyntax(Node o) {
        String lex = o.getLiteralLexicalForm().replace("\\", "\\\\").replace("\"", "\\\"");
        if (!o.getLiteralLanguage().isEmpty())
            return "\"" + lex + "\"@" + o.getLiteralLanguage();
        String dt = o.getLiteralDatatypeURI();
        return dt == null || dt.equals("http://www.w3.org/2001/XMLSchema#string") ? "\"" + lex + "\"" : "\"" + lex + "\"^^<" + dt + ">";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
