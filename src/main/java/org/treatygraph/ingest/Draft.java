package org.treatygraph.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.treatygraph.load.Graphs;

/**
 * The draft source graph of an article, as docs/data-modelling.md writes one: the graph's and the
 * text's description, then each event (linked to the graph's event when it is one, else minted with
 * its label), its participations, statements — with {@code tg:evidence} (the verbatim sentence) on
 * every key node. Every drafted triple also carries its evidence and a confidence: a node of
 * {@code id/drafted/NNN-k} with {@code rdf:subject}, {@code rdf:predicate}, {@code rdf:object},
 * {@code tg:evidence} and {@code tg:confidence} (RDF reification; nothing else refers to it).
 */
final class Draft {
    /** A drafted triple, with the sentence that states it and how sure the ingest is. */
    record Drafted(Node s, Node p, Node o, Text.Sentence evidence, double confidence) {}

    /** A fact of the review: a subject's triples, their sentence(s) and confidence, and what the graphs already say. */
    record Fact(Node subject, String title, List<Drafted> triples) {}

    static final String PREFIXES = """
        @prefix tg:     <https://w3id.org/treatygraph/ontology#> .
        @prefix rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
        @prefix owl:    <http://www.w3.org/2002/07/owl#> .
        @prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
        @prefix skosxl: <http://www.w3.org/2008/05/skos-xl#> .
        @prefix dct:    <http://purl.org/dc/terms/> .
        @prefix prov:   <http://www.w3.org/ns/prov#> .
        @prefix schema: <http://schema.org/> .
        @prefix time:   <http://www.w3.org/2006/time#> .
        @prefix src:    <https://w3id.org/treatygraph/id/source/> .
        @prefix state:  <https://w3id.org/treatygraph/id/state/> .
        @prefix person: <https://w3id.org/treatygraph/id/person/> .
        @prefix organization: <https://w3id.org/treatygraph/id/org/> .
        @prefix post:   <https://w3id.org/treatygraph/id/post/> .
        @prefix agreement: <https://w3id.org/treatygraph/id/agreement/> .
        @prefix island: <https://w3id.org/treatygraph/id/island/> .
        @prefix place:  <https://w3id.org/treatygraph/id/place/> .
        @prefix event:  <https://w3id.org/treatygraph/id/event/> .
        @prefix part:   <https://w3id.org/treatygraph/id/participation/> .
        @prefix stmt:   <https://w3id.org/treatygraph/id/statement/> .
        @prefix agent:  <https://w3id.org/treatygraph/id/agent/> .
        @prefix drafted: <https://w3id.org/treatygraph/id/drafted/> .
        """;

    static final PrefixMap PREFIX_MAP = PrefixMapFactory.create();
    static {
        for (String line : PREFIXES.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 3)
                PREFIX_MAP.add(parts[1].replace(":", ""), parts[2].substring(1, parts[2].length() - 1));
        }
    }

    static Node tg(String local) {
        return NodeFactory.createURI(Graphs.TG + local);
    }

    static Node id(String path) {
        return NodeFactory.createURI(KnowledgeBase.ID + path);
    }

    static Node date(LocalDate d) {
        return NodeFactory.createLiteralDT(d.toString(), XSDDatatype.XSDdate);
    }

    static Node string(String s) {
        return NodeFactory.createLiteralString(s);
    }

    static Node en(String s) {
        return NodeFactory.createLiteralLang(s, "en");
    }

    private static final Node TIME_DAY = NodeFactory.createURI("http://www.w3.org/2006/time#unitDay");
    private static final Node TIME_MONTH = NodeFactory.createURI("http://www.w3.org/2006/time#unitMonth");
    private static final Node TIME_YEAR = NodeFactory.createURI("http://www.w3.org/2006/time#unitYear");

    final Article article;
    final Node graph;
    final Node source;
    private final KnowledgeBase kb;
    final List<Drafted> triples = new ArrayList<>();
    /** Triples of the graph's and text's description (from the command line, not the text): not reified. */
    final List<Drafted> description = new ArrayList<>();
    final Map<Node, String> titles = new LinkedHashMap<>();
    private final Set<String> usedIris = new LinkedHashSet<>();

    Draft(Article article, KnowledgeBase kb) {
        this.article = article;
        this.kb = kb;
        this.graph = NodeFactory.createURI(Graphs.GRAPH + "source/" + article.number());
        this.source = id("source/" + article.number());
        describe();
    }

    private void describe() {
        Node dct = NodeFactory.createURI("http://purl.org/dc/terms/title");
        d(graph, RDF.type.asNode(), tg("SourceGraph"));
        d(graph, tg("sourceText"), source);
        d(graph, NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom"), source);
        d(graph, RDFS.label.asNode(), en("Facts stated by source text " + article.number() + " (draft made by ingest, for review)"));
        d(source, RDF.type.asNode(), tg("SourceText"));
        d(source, dct, string(article.title()));
        d(source, tg("publisherDescription"), string(article.publisher()));
        d(source, NodeFactory.createURI("http://purl.org/dc/terms/date"), date(article.date()));
        d(source, NodeFactory.createURI("http://schema.org/datePublished"), date(article.date()));
        d(source, tg("fileName"), string(article.fileName()));
        d(source, NodeFactory.createURI("http://purl.org/dc/terms/language"), string("en"));
        d(source, RDFS.label.asNode(), en("Source " + article.number() + ": " + article.publisher() + ", " + article.title() + ", " + article.date()));
    }

    private void d(Node s, Node p, Node o) {
        description.add(new Drafted(s, p, o, null, 1.0));
    }

    /** Add a drafted triple with its evidence and confidence. */
    void add(Node s, Node p, Node o, Text.Sentence evidence, double confidence) {
        Drafted d = new Drafted(s, p, o, evidence, round(confidence));
        if (!triples.contains(d))
            triples.add(d);
    }

    static double round(double c) {
        return BigDecimal.valueOf(Math.max(0.05, Math.min(1.0, c))).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** Whether the graph already describes a node (then the draft does not label it: one label per language). */
    boolean known(Node n) {
        KnowledgeBase.Entity e = kb.entities.get(n);
        return (e != null && e.label() != null) || kb.events.containsKey(n) && !kb.factsAbout(n).stream()
            .filter(f -> f.property().equals(RDFS.label.asNode())).toList().isEmpty();
    }

    /** A fresh IRI under {@code id/KIND/}: the slug, made unique in this draft. */
    Node mint(String kind, String slug) {
        String base = slug(slug);
        String s = base;
        for (int i = 2; usedIris.contains(kind + s) || kb.entities.containsKey(id(kind + "/" + s)) || kb.events.containsKey(id(kind + "/" + s))
                        || !kb.factsAbout(id(kind + "/" + s)).isEmpty(); i++)
            s = base + "-" + i;
        usedIris.add(kind + s);
        return id(kind + "/" + s);
    }

    static String slug(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        n = n.toLowerCase(Locale.ROOT).replaceAll("[’']", "").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return n.length() > 70 ? n.substring(0, 70).replaceAll("-+$", "") : n;
    }

    /** The date triples of a time expression: a day, or a window with the precision the text gives. */
    void dates(Node s, When w, Text.Sentence ev, double conf, boolean statement, boolean shared) {
        if (w == null)
            return;
        if (w.kind() == When.Kind.REFERENCE) {
            add(s, tg("timeReference"), string(w.text()), ev, conf);
            return;
        }
        if (w.earliest() != null && w.latest() != null && w.earliest().isAfter(w.latest()))
            return;   // never an inverted window
        if (w.isDay()) {
            add(s, tg(statement ? "statementDate" : "startDate"), date(w.earliest()), ev, conf);
            if (!statement)
                add(s, tg("datePrecision"), TIME_DAY, ev, conf);
        } else if (!statement && w.precision() == When.Precision.DAY && w.earliest() != null && w.latest() != null) {
            // a span of days the text names ("June 28-29"): the event lasts them
            add(s, tg("startDate"), date(w.earliest()), ev, conf);
            add(s, tg("endDate"), date(w.latest()), ev, conf);
            add(s, tg("datePrecision"), TIME_DAY, ev, conf);
        } else {
            if (w.earliest() != null)
                add(s, tg("earliestDate"), date(w.earliest()), ev, conf * 0.95);
            if (w.latest() != null)
                add(s, tg("latestDate"), date(w.latest()), ev, conf * 0.95);
            if (!shared && w.precision() == When.Precision.MONTH)
                add(s, tg("datePrecision"), TIME_MONTH, ev, conf);
            if (!shared && w.precision() == When.Precision.YEAR)
                add(s, tg("datePrecision"), TIME_YEAR, ev, conf);
        }
        if (w.text() != null && !w.text().isBlank())
            add(s, tg("dateText"), string(w.text()), ev, conf);
    }

    /** Triples grouped by subject, in order of first appearance: the facts of the review. */
    List<Fact> facts() {
        Map<Node, List<Drafted>> by = new LinkedHashMap<>();
        for (Drafted d : triples)
            by.computeIfAbsent(d.s(), k -> new ArrayList<>()).add(d);
        List<Fact> out = new ArrayList<>();
        by.forEach((s, ts) -> out.add(new Fact(s, titles.getOrDefault(s, kb.label(s)), ts)));
        return out;
    }

    // ---- TriG

    String fmt(Node n) {
        return NodeFmtLib.str(n, PREFIX_MAP);
    }

    /** The draft as TriG: prefixes, then one graph block — the description, the facts by subject, the reified triples. */
    String trig(String header) {
        StringBuilder sb = new StringBuilder();
        sb.append(header);
        sb.append(PREFIXES).append('\n');
        sb.append("GRAPH ").append(NodeFmtLib.strNT(graph)).append(" {\n\n");
        sb.append("  # ------------------------------------------------------------------ the source and its graph\n");
        block(sb, description);
        Map<Node, List<Drafted>> by = new LinkedHashMap<>();
        for (Drafted d : triples)
            by.computeIfAbsent(d.s(), k -> new ArrayList<>()).add(d);
        for (Map.Entry<Node, List<Drafted>> e : by.entrySet()) {
            sb.append("\n  # ").append(titles.getOrDefault(e.getKey(), kb.label(e.getKey())).replace('\n', ' ')).append('\n');
            block(sb, e.getValue());
        }
        sb.append("\n  # ------------------------------------------------------------------ every drafted triple: its evidence and confidence\n");
        int k = 0;
        List<Drafted> reified = new ArrayList<>();
        for (Drafted d : triples) {
            if (d.p().equals(tg("evidence")) || d.p().equals(tg("confidence")))
                continue;
            Node r = id(String.format(Locale.ROOT, "drafted/%s-%04d", article.number(), ++k));
            reified.add(new Drafted(r, RDF.subject.asNode(), d.s(), null, 1));
            reified.add(new Drafted(r, RDF.predicate.asNode(), d.p(), null, 1));
            reified.add(new Drafted(r, RDF.object.asNode(), d.o(), null, 1));
            reified.add(new Drafted(r, tg("evidence"), string(d.evidence().text()), null, 1));
            reified.add(new Drafted(r, tg("confidence"), decimal(d.confidence()), null, 1));
        }
        block(sb, reified);
        sb.append("}\n");
        return sb.toString();
    }

    static Node decimal(double c) {
        return NodeFactory.createLiteralDT(BigDecimal.valueOf(c).setScale(2, RoundingMode.HALF_UP).toPlainString(), XSDDatatype.XSDdecimal);
    }

    private void block(StringBuilder sb, List<Drafted> ts) {
        Node subject = null;
        Node predicate = null;
        for (Drafted d : ts) {
            if (!d.s().equals(subject)) {
                if (subject != null)
                    sb.append(" .\n");
                sb.append("  ").append(fmt(d.s())).append(' ').append(fmt(d.p())).append(' ').append(fmt(d.o()));
                subject = d.s();
                predicate = d.p();
            } else if (d.p().equals(predicate)) {
                sb.append(" ,\n      ").append(fmt(d.o()));
            } else {
                sb.append(" ;\n      ").append(fmt(d.p())).append(' ').append(fmt(d.o()));
                predicate = d.p();
            }
        }
        if (subject != null)
            sb.append(" .\n");
    }
}
