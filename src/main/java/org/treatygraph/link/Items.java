package org.treatygraph.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;

/** What the Wikidata endpoint says about items, asked in batches with the queries of this package. */
final class Items {
    /** One item: labels, aliases and descriptions per language, direct types, redirect target. */
    record Item(Node iri, Map<String, List<String>> labels, Map<String, List<String>> aliases,
                Map<String, List<String>> descriptions, Set<Node> p31, Node redirect) {
        boolean known() {
            return !labels.isEmpty() || !aliases.isEmpty() || !p31.isEmpty() || redirect != null;
        }

        String qid() {
            return qidOf(iri);
        }

        /** The first value in the first of {@code languages} that has one, or "". */
        static String first(Map<String, List<String>> byLang, List<String> languages) {
            for (String l : languages)
                if (byLang.containsKey(l) && !byLang.get(l).isEmpty())
                    return byLang.get(l).get(0);
            return "";
        }
    }

    private static final Var TEXT = Var.alloc("text"), ITEM = Var.alloc("item"), LANG = Var.alloc("lang"),
                             CLASS = Var.alloc("class");

    private final WikidataClient client;
    private final LinkConfig config;

    Items(WikidataClient client, LinkConfig config) {
        this.client = client;
        this.config = config;
    }

    /** For each given text (a language-tagged literal), the items that have it as label or alias. */
    Map<Node, List<Binding>> candidates(List<Node> texts) {
        Map<Node, List<Binding>> out = new LinkedHashMap<>();
        for (List<Node> batch : Queries.batches(texts, config.batchSize())) {
            Query q = Queries.parse(Queries.WIKIDATA_CANDIDATES);
            Queries.fill(q, List.of(TEXT), batch.stream().map(t -> BindingFactory.binding(TEXT, t)).toList());
            for (Binding b : client.select(q))
                out.computeIfAbsent(b.get("text"), k -> new ArrayList<>()).add(b);
        }
        return out;
    }

    /** Labels, aliases, descriptions (in the configured languages), P31 and redirect of each item. */
    Map<Node, Item> describe(List<Node> items) {
        Map<Node, Item> out = new LinkedHashMap<>();
        for (Node i : items)
            out.put(i, new Item(i, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                                new LinkedHashSet<>(), null));
        List<Binding> langs = config.languages().stream()
            .map(l -> BindingFactory.binding(LANG, NodeFactory.createLiteralString(l))).toList();
        Map<Node, Node> redirects = new HashMap<>();
        for (List<Node> batch : Queries.batches(items, config.batchSize())) {
            Query q = Queries.parse(Queries.WIKIDATA_ITEMS);
            Queries.fill(q, List.of(ITEM), batch.stream().map(i -> BindingFactory.binding(ITEM, i)).toList());
            Queries.fill(q, List.of(LANG), langs);
            for (Binding b : client.select(q)) {
                Item it = out.get(b.get("item"));
                Node v = b.get("value");
                if (it == null || v == null)
                    continue;
                switch (b.get("kind").getLiteralLexicalForm()) {
                    case "label" -> put(it.labels(), v);
                    case "alias" -> put(it.aliases(), v);
                    case "description" -> put(it.descriptions(), v);
                    case "P31" -> it.p31().add(v);
                    case "redirect" -> redirects.put(it.iri(), v);
                    default -> { }
                }
            }
        }
        redirects.forEach((i, r) -> {
            Item it = out.get(i);
            out.put(i, new Item(i, it.labels(), it.aliases(), it.descriptions(), it.p31(), r));
        });
        return out;
    }

    /** Of the given (item, class) pairs, those where the item is an instance of the class (P31/P279*). */
    Set<List<Node>> instancesOf(List<List<Node>> pairs) {
        Set<List<Node>> out = new HashSet<>();
        for (List<List<Node>> batch : Queries.batches(pairs, config.batchSize())) {
            Query q = Queries.parse(Queries.WIKIDATA_TYPES);
            Queries.fill(q, List.of(ITEM, CLASS),
                         batch.stream().map(p -> BindingFactory.binding(ITEM, p.get(0), CLASS, p.get(1))).toList());
            for (Binding b : client.select(q))
                out.add(List.of(b.get("item"), b.get("class")));
        }
        return out;
    }

    private static void put(Map<String, List<String>> byLang, Node literal) {
        if (!literal.isLiteral())
            return;
        String lang = literal.getLiteralLanguage().toLowerCase(java.util.Locale.ROOT);
        List<String> vs = byLang.computeIfAbsent(lang, k -> new ArrayList<>());
        if (!vs.contains(literal.getLiteralLexicalForm()))
            vs.add(literal.getLiteralLexicalForm());
    }

    static String qidOf(Node item) {
        String s = item.getURI();
        return s.startsWith(LocalData.WD) ? s.substring(LocalData.WD.length()) : s;
    }
}
