package org.treatygraph.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;

/** What our own data says: the entities (linked or not), their types and labels, and the class tree. */
final class LocalData {
    static final String TG = "https://w3id.org/treatygraph/ontology#";
    static final String WD = "http://www.wikidata.org/entity/";

    /** One of our entities. {@code item} is its Wikidata link, or null. */
    record Entity(Node iri, Node item, Set<Node> types, Map<String, List<String>> labels) {}

    private final Map<Node, Set<Node>> supers = new LinkedHashMap<>();
    private final Map<Node, Set<Node>> wikidataClasses = new LinkedHashMap<>();

    private LocalData() {}

    /** Reads the class tree of the ontology in {@code graph}. */
    static LocalData classes(Graph graph) {
        LocalData d = new LocalData();
        for (Binding b : select(graph, Queries.parse(Queries.LOCAL_CLASSES))) {
            Node c = b.get("class"), s = b.get("super"), w = b.get("wikidataClass");
            d.supers.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(s);
            Set<Node> ws = d.wikidataClasses.computeIfAbsent(c, k -> new TreeSet<>(LocalData::byIri));
            if (w != null && w.isURI() && w.getURI().startsWith(WD))
                ws.add(w);
        }
        return d;
    }

    /** The entities without a Wikidata link (kinds listed in local-unlinked.rq), sorted by IRI. */
    static List<Entity> unlinked(Graph graph) {
        Map<Node, Entity> out = new LinkedHashMap<>();
        for (Binding b : select(graph, Queries.parse(Queries.LOCAL_UNLINKED)))
            add(out, b.get("entity"), null, b.get("type"), b.get("label"));
        return new ArrayList<>(out.values());
    }

    /** The entities with a Wikidata link, one per (entity, item), sorted by IRI then item. */
    static List<Entity> linked(Graph graph) {
        Map<List<Node>, Entity> out = new LinkedHashMap<>();
        for (Binding b : select(graph, Queries.parse(Queries.LOCAL_LINKED))) {
            Node e = b.get("entity"), item = b.get("item");
            Entity en = out.computeIfAbsent(List.of(e, item),
                k -> new Entity(e, item, new TreeSet<>(LocalData::byIri), new LinkedHashMap<>()));
            addTo(en, b.get("type"), b.get("label"));
        }
        return new ArrayList<>(out.values());
    }

    private static void add(Map<Node, Entity> out, Node e, Node item, Node type, Node label) {
        Entity en = out.computeIfAbsent(e, k -> new Entity(e, item, new TreeSet<>(LocalData::byIri), new LinkedHashMap<>()));
        addTo(en, type, label);
    }

    private static void addTo(Entity en, Node type, Node label) {
        if (type != null && type.isURI())
            en.types().add(type);
        if (label != null && label.isLiteral()) {
            String lang = label.getLiteralLanguage().toLowerCase(java.util.Locale.ROOT);
            List<String> ls = en.labels().computeIfAbsent(lang, k -> new ArrayList<>());
            if (!ls.contains(label.getLiteralLexicalForm()))
                ls.add(label.getLiteralLexicalForm());
        }
    }

    /** The Wikidata classes (tg:wikidataClass of the types or their superclasses) of an entity. */
    Set<Node> wikidataClassesOf(Entity e) {
        Set<Node> out = new TreeSet<>(LocalData::byIri);
        for (Node t : e.types())
            out.addAll(wikidataClasses.getOrDefault(t, Set.of()));
        return out;
    }

    /** The entity's types that are not superclasses of its other types, as "tg:Name", joined by ", ". */
    String mostSpecificTypes(Entity e) {
        List<String> names = new ArrayList<>();
        for (Node t : e.types()) {
            boolean general = e.types().stream()
                .anyMatch(o -> !o.equals(t) && supers.getOrDefault(o, Set.of()).contains(t));
            if (!general)
                names.add(t.getURI().startsWith(TG) ? "tg:" + t.getURI().substring(TG.length()) : t.getURI());
        }
        return String.join(", ", names);
    }

    /** English labels (lower case, normalised) of the entity's types and their superclasses' local names. */
    Set<String> typeWords(Entity e) {
        Set<String> out = new LinkedHashSet<>();
        for (Node t : e.types())
            for (Node s : supers.getOrDefault(t, Set.of(t)))
                if (s.isURI() && s.getURI().startsWith(TG))
                    out.add(Labels.normalise(s.getURI().substring(TG.length())
                                              .replaceAll("([a-z])([A-Z])", "$1 $2"), "en"));
        return out;
    }

    private static List<Binding> select(Graph graph, Query query) {
        List<Binding> rows = new ArrayList<>();
        try (QueryExec qe = QueryExec.graph(graph).query(query).build()) {
            RowSet rs = qe.select();
            rs.forEachRemaining(rows::add);
        }
        return rows;
    }

    static int byIri(Node a, Node b) {
        return a.toString().compareTo(b.toString());
    }
}
