package org.treatygraph.serve;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.servlets.ActionProcessor;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * {@code GET /kg/prefixes}: the prefixes alone ({@code {prefix: namespace}}, what YASQE's prefix
 * completion reads instead of prefix.cc). {@code GET /kg/labels?iri=…&iri=…} (at most 100): the
 * label of each IRI of the dataset, {@code {iri: label}} (English, else Japanese or Russian), for
 * tables that show IRIs by their labels.
 *
 * <p>What the workbench's editor completes, from this dataset only (nothing is asked of prefix.cc
 * or LOV): {@code GET /kg/vocabulary} answers JSON {@code {prefixes: {prefix: namespace},
 * classes: [{iri, label}], properties: [{iri, label}]}} — the prefixes of the data files and the
 * classes and properties the ontology graph declares ({@code vocabulary.rq}). Entities are
 * completed by label through {@code /kg/search}.
 */
final class VocabularyService implements ActionProcessor {
    static final String PATH = "/kg/vocabulary", PREFIXES = "/kg/prefixes", LABELS = "/kg/labels";
    static final int MAX_IRIS = 100;

    /** What the processor answers. */
    enum Answer { VOCABULARY, PREFIXES, LABELS }

    private final DatasetGraph dsg;
    private final ServiceQueries queries;
    private final Answer answer;

    VocabularyService(DatasetGraph dsg, ServiceQueries queries, Answer answer) {
        this.dsg = dsg;
        this.queries = queries;
        this.answer = answer;
    }

    @Override
    public void execGet(HttpAction action) {
        if (answer == Answer.LABELS) {
            labels(action);
            return;
        }
        JsonObject out = new JsonObject();
        JsonObject prefixes = new JsonObject();
        Map<String, String> sorted = new TreeMap<>(Txn.calculateRead(dsg, () -> dsg.prefixes().getMapping()));
        sorted.forEach((p, ns) -> { if (!p.isEmpty()) prefixes.put(p, ns); });
        out.put("prefixes", prefixes);
        if (answer == Answer.PREFIXES) {
            send(action, prefixes);
            return;
        }
        JsonArray classes = new JsonArray(), properties = new JsonArray();
        for (ServiceQueries.Row r : queries.select("vocabulary", Map.of())) {
            JsonObject t = new JsonObject();
            t.put("iri", r.iri("term"));
            t.put("label", r.text("label") == null ? EntityModel.local(r.iri("term")) : r.text("label"));
            ("class".equals(r.text("kind")) ? classes : properties).add(t);
        }
        out.put("classes", classes);
        out.put("properties", properties);
        send(action, out);
    }

    private void labels(HttpAction action) {
        String[] given = action.getRequestParameterValues("iri");
        java.util.List<String> iris = given == null ? java.util.List.of()
            : java.util.Arrays.stream(given).filter(i -> i != null && i.startsWith(EntityModel.ID) && !i.contains(">")
                                                         && !i.contains(" ")).distinct().toList();
        if (iris.size() > MAX_IRIS) {
            EntityPages.send(action, 400, "text/plain; charset=utf-8",
                ("At most " + MAX_IRIS + " iri parameters, got " + iris.size() + ".\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        JsonObject out = new JsonObject();
        if (!iris.isEmpty()) {
            Map<String, Map<String, String>> found = new TreeMap<>();
            for (ServiceQueries.Row r : queries.select("labels", ServiceQueries.iris("entity", iris)))
                found.computeIfAbsent(r.iri("entity"), k -> new TreeMap<>()).putIfAbsent(r.text("lang"), r.text("label"));
            found.forEach((iri, ls) -> out.put(iri, ls.getOrDefault("en", ls.getOrDefault("ja", ls.values().iterator().next()))));
        }
        send(action, out);
    }

    private static void send(HttpAction action, JsonObject json) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        JSON.write(buf, json);
        EntityPages.send(action, 200, "application/json; charset=utf-8", buf.toByteArray());
    }
}
