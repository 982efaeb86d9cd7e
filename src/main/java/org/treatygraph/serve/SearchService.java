package org.treatygraph.serve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.servlets.ActionProcessor;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.treatygraph.index.LabelIndex;

/**
 * Search by name: {@code GET /kg/search?q=TEXT[&type=CLASS…][&limit=N]} answers JSON, best first —
 * {@code [{iri, page, label, labels: {en, ja, ru}, matched, matchedLang, kind, types, score}]}; and
 * {@code GET /search?q=…} the same as an HTML page (the search box's target without JavaScript).
 * Every word of {@code q} must begin a word of a label or alternative name of the entity (any
 * case, any diacritics; Japanese and Chinese names by any part) — the label index
 * ({@link LabelIndex}) kept by the write path. {@code type}: a class (prefixed name of the
 * dataset's prefixes, or IRI; several allowed) the entity must be an instance of, directly or
 * through a subclass. Without {@code type}, the nodes that only carry other entities' details
 * (names, participations, encounters, lineage paths, time instants, geometries) are left out.
 * {@code limit}: 1–50, default 10. No {@code q}: an empty list. An unknown prefix: 400.
 */
final class SearchService implements ActionProcessor {
    static final String PATH = "/kg/search";
    static final String PAGE = "/search";
    static final int DEFAULT_LIMIT = 10, MAX_LIMIT = 50;
    private static final Set<String> DETAIL_KINDS = Set.of("name", "participation", "encounter", "lineage", "time");

    /** What the processor answers: JSON (the API) or an HTML page. */
    enum Answer { JSON, HTML }

    private final DatasetGraph dsg;
    private final ServiceQueries queries;
    private final Answer answer;
    private final String publicBase;

    /** @param publicBase the service's public URL for absolute links, or "" for links relative to the server */
    SearchService(DatasetGraph dsg, ServiceQueries queries, Answer answer, String publicBase) {
        this.dsg = dsg;
        this.queries = queries;
        this.answer = answer;
        this.publicBase = publicBase;
    }

    @Override
    public void execHead(HttpAction action) {
        execGet(action);
    }

    @Override
    public void execGet(HttpAction action) {
        String q = action.getRequestParameter("q");
        String[] typeParams = action.getRequestParameterValues("type");
        List<String> types = new ArrayList<>();
        if (typeParams != null) {
            PrefixMap pm = Txn.calculateRead(dsg, () -> org.apache.jena.riot.system.PrefixMapFactory.create(dsg.prefixes()));
            for (String t : typeParams) {
                if (t == null || t.isBlank())
                    continue;
                String iri = expand(t.strip(), pm);
                if (iri == null) {
                    EntityPages.send(action, 400, "text/plain; charset=utf-8", ("Unknown type '" + t
                        + "': give a class as prefix:name (the dataset's prefixes, e.g. tg:Person) or as an absolute IRI.\n")
                        .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                types.add(iri);
            }
        }
        int limit = DEFAULT_LIMIT;
        String l = action.getRequestParameter("limit");
        if (l != null && !l.isBlank()) {
            try {
                limit = Integer.parseInt(l.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                EntityPages.send(action, 400, "text/plain; charset=utf-8",
                    ("limit must be a number from 1 to " + MAX_LIMIT + ", got '" + l + "'.\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        List<Map<String, Object>> hits = search(q, types, limit);
        if (answer == Answer.HTML) {
            Map<String, Object> model = new HashMap<>();
            model.put("pageTitle", q == null || q.isBlank() ? "Search" : "Search: " + q);
            model.put("q", q == null ? "" : q);
            model.put("hits", hits);
            model.put("asked", q != null && !q.isBlank());
            model.put("none", hits.isEmpty());
            EntityPages.send(action, 200, "text/html; charset=utf-8", Templates.render("search", model).getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonArray out = new JsonArray();
        for (Map<String, Object> h : hits) {
            JsonObject o = new JsonObject();
            h.forEach((k, v) -> {
                if (v instanceof String s)
                    o.put(k, s);
                else if (v instanceof Number n)
                    o.put(k, org.apache.jena.atlas.json.JsonNumber.value(Math.round(n.doubleValue() * 1000) / 1000.0));
                else if (v instanceof List<?> list) {
                    JsonArray a = new JsonArray();
                    list.forEach(x -> a.add(String.valueOf(x)));
                    o.put(k, a);
                } else if (v instanceof Map<?, ?> map) {
                    JsonObject mo = new JsonObject();
                    map.forEach((mk, mv) -> mo.put(String.valueOf(mk), String.valueOf(mv)));
                    o.put(k, mo);
                }
            });
            out.add(o);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        JSON.write(buf, out);
        EntityPages.send(action, 200, "application/json; charset=utf-8", buf.toByteArray());
    }

    static String expand(String t, PrefixMap pm) {
        if (t.startsWith("<") && t.endsWith(">"))
            return t.substring(1, t.length() - 1);
        if (t.matches("(?i)https?://\\S+"))
            return t;
        int colon = t.indexOf(':');
        if (colon < 0)
            return null;
        return pm.expand(t);
    }

    /** The hits for {@code q}: entities of the dataset, best first, at most {@code limit}. */
    List<Map<String, Object>> search(String q, List<String> types, int limit) {
        if (q == null || q.isBlank())
            return List.of();
        LabelIndex index = LabelIndex.of(dsg).orElse(null);
        if (index == null)
            return List.of();
        List<LabelIndex.Hit> found = index.search(q, Math.min(limit * 10, 200), EntityModel.ID);
        if (found.isEmpty())
            return List.of();
        List<String> iris = found.stream().map(h -> h.entity().getURI()).limit(100).toList();
        Map<String, Map<String, String>> labels = new HashMap<>();
        Map<String, Set<String>> specific = new HashMap<>();
        Map<String, Set<String>> all = new HashMap<>();
        for (ServiceQueries.Row r : queries.select("search-hits", ServiceQueries.iris("entity", iris))) {
            String e = r.iri("entity");
            Node label = r.get("label");
            if (label != null)
                labels.computeIfAbsent(e, k -> new LinkedHashMap<>()).putIfAbsent(label.getLiteralLanguage(), label.getLiteralLexicalForm());
            if (r.get("typeLabel") != null)
                specific.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(r.text("typeLabel"));
            if (r.get("anyType") != null)
                all.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(r.iri("anyType"));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (LabelIndex.Hit h : found) {
            String e = h.entity().getURI();
            String kind = EntityModel.kind(e);
            if (types.isEmpty() ? DETAIL_KINDS.contains(kind)
                                : types.stream().noneMatch(t -> all.getOrDefault(e, Set.of()).contains(t)))
                continue;
            Map<String, String> ls = labels.getOrDefault(e, Map.of());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("iri", e);
            x.put("page", publicBase + EntityModel.page(e));
            x.put("label", ls.getOrDefault("en", ls.isEmpty() ? EntityModel.local(e) : ls.values().iterator().next()));
            Map<String, String> three = new LinkedHashMap<>();
            for (String lang : List.of("en", "ja", "ru"))
                if (ls.containsKey(lang))
                    three.put(lang, ls.get(lang));
            x.put("labels", three);
            x.put("matched", h.matched() == null ? "" : h.matched().getLiteralLexicalForm());
            x.put("matchedLang", h.matched() == null ? "" : h.matched().getLiteralLanguage());
            x.put("kind", kind);
            x.put("types", new ArrayList<>(specific.getOrDefault(e, Set.of())));
            x.put("score", (double) h.score());
            out.add(x);
            if (out.size() >= limit)
                break;
        }
        return out;
    }
}
