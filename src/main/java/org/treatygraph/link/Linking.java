package org.treatygraph.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * The Wikidata link workflow: proposes candidate items for our entities that have no
 * {@code owl:sameAs} link yet, and checks the links we have. It reads our data (a graph: the
 * union of the named graphs, ontology included) and asks the Wikidata SPARQL endpoint of the
 * {@link LinkConfig}; it never writes a link into the data.
 * <pre>{@code
 * LinkConfig cfg = LinkConfig.defaults(URI.create("https://query.wikidata.org/sparql"));
 * List<Proposal> ps = Linking.propose(dataset.getUnionGraph(), cfg);
 * try (Writer w = Files.newBufferedWriter(Path.of("link-review.tsv"))) { Linking.writeReview(ps, w, false); }
 * List<LinkCheck> checks = Linking.check(dataset.getUnionGraph(), cfg);   // ok() false = disagreement
 * }</pre>
 */
public final class Linking {
    /** Words whose presence in a candidate's description is a hint that it is about our subject. */
    static final List<String> DOMAIN_WORDS = List.of("japan", "japanese", "russia", "russian", "soviet");

    /** Score contributions (see docs/linking.md); the best possible total is exactly 1. */
    static final double LABEL_EXACT = 0.4, LABEL_NORMALISED = 0.35, ALIAS_EXACT = 0.3, ALIAS_NORMALISED = 0.25,
                        OTHER_LANGUAGE = 0.1, MAX_OTHER_LANGUAGES = 0.2, TYPE_AGREES = 0.3, TYPE_DIFFERS = -0.5,
                        DESCRIPTION_HINT = 0.1;

    private Linking() {}

    /** The review header: the columns of {@link #writeReview}. */
    public static final List<String> REVIEW_COLUMNS = List.of(
        "entity", "our_label", "our_type", "candidate", "candidate_label", "description", "score", "reasons");
    /** The check report header: the columns of {@link #writeCheck}. */
    public static final List<String> CHECK_COLUMNS = List.of(
        "entity", "qid", "our_label", "wikidata_label", "label", "type", "verdict", "notes");

    // ------------------------------------------------------------------ propose

    /** Candidates for every entity of {@code ours} that has no Wikidata link, sorted by entity IRI. */
    public static List<Proposal> propose(Graph ours, LinkConfig config) {
        return propose(ours, config, Set.of());
    }

    /**
     * Why {@link #propose(Graph, LinkConfig, Set)} would propose nothing for some of {@code iris}: per
     * IRI that it would skip, one line — not in our data, already linked (and to which item), or not
     * of a kind that Wikidata has items for. Empty when every IRI can be proposed for.
     */
    public static Map<String, String> unproposable(Graph ours, java.util.Collection<String> iris) {
        Set<String> unlinked = new java.util.HashSet<>();
        LocalData.unlinked(ours).forEach(e -> unlinked.add(e.iri().getURI()));
        Map<String, String> linked = new LinkedHashMap<>();
        LocalData.linked(ours).forEach(e -> linked.merge(e.iri().getURI(), "wd:" + e.item().getURI()
            .substring(LocalData.WD.length()), (a, b) -> a + ", " + b));
        Map<String, String> why = new LinkedHashMap<>();
        for (String iri : iris) {
            if (unlinked.contains(iri))
                continue;
            if (linked.containsKey(iri))
                why.put(iri, "already linked to " + linked.get(iri) + " (`link --check` verifies existing links)");
            else if (ours.find(NodeFactory.createURI(iri), Node.ANY, Node.ANY).hasNext())
                why.put(iri, "not of a kind that Wikidata has items for (persons, states, organizations, posts,"
                             + " agreements, islands, places, events with a label)");
            else
                why.put(iri, "no such entity in our data");
        }
        return why;
    }

    /** As {@link #propose(Graph, LinkConfig)}, only for the given entity IRIs (all when empty). */
    public static List<Proposal> propose(Graph ours, LinkConfig config, Set<String> only) {
        LocalData local = LocalData.classes(ours);
        List<LocalData.Entity> entities = LocalData.unlinked(ours).stream()
            .filter(e -> only.isEmpty() || only.contains(e.iri().getURI())).toList();
        WikidataClient client = new WikidataClient(config);
        Items items = new Items(client, config);

        // 1. the texts to look up: each label in a configured language, and its variants (Labels.variants)
        Map<Node, Set<Node>> entitiesByText = new LinkedHashMap<>();
        for (LocalData.Entity e : entities)
            for (String lang : config.languages())
                for (String label : e.labels().getOrDefault(lang, List.of()))
                    for (String form : Labels.variants(label))
                        entitiesByText.computeIfAbsent(NodeFactory.createLiteralLang(form, lang), k -> new LinkedHashSet<>())
                                      .add(e.iri());
        Map<Node, List<Binding>> hits = items.candidates(new ArrayList<>(entitiesByText.keySet()));

        // 2. the items found, per entity
        Map<Node, Set<Node>> itemsByEntity = new LinkedHashMap<>();
        Set<Node> allItems = new TreeSet<>(LocalData::byIri);
        hits.forEach((text, rows) -> {
            for (Node e : entitiesByText.getOrDefault(text, Set.of()))
                for (Binding b : rows) {
                    itemsByEntity.computeIfAbsent(e, k -> new TreeSet<>(LocalData::byIri)).add(b.get("item"));
                    allItems.add(b.get("item"));
                }
        });
        Map<Node, Items.Item> described = items.describe(new ArrayList<>(allItems));

        // 3. type agreement for every (item, Wikidata class of the entity) pair
        Set<List<Node>> pairs = new LinkedHashSet<>();
        for (LocalData.Entity e : entities)
            for (Node item : itemsByEntity.getOrDefault(e.iri(), Set.of()))
                for (Node c : local.wikidataClassesOf(e))
                    pairs.add(List.of(item, c));
        Set<List<Node>> holds = items.instancesOf(new ArrayList<>(pairs));

        // 4. score
        List<Proposal> out = new ArrayList<>();
        for (LocalData.Entity e : entities) {
            List<Candidate> cs = new ArrayList<>();
            for (Node item : itemsByEntity.getOrDefault(e.iri(), Set.of()))
                cs.add(score(e, described.get(item), local, holds, config));
            cs.sort(Comparator.comparingDouble(Candidate::score).reversed()
                              .thenComparing(Candidate::rejected)
                              .thenComparingLong(c -> qidNumber(c.qid())));
            List<Candidate> kept = new ArrayList<>();
            int accepted = 0;
            for (Candidate c : cs)
                if (c.rejected() || accepted++ < config.maxCandidates())
                    kept.add(c);
            out.add(new Proposal(e.iri().getURI(), ourLabel(e, config), local.mostSpecificTypes(e), kept));
        }
        return out;
    }

    static Candidate score(LocalData.Entity e, Items.Item item, LocalData local, Set<List<Node>> holds,
                           LinkConfig config) {
        List<String> reasons = new ArrayList<>();
        boolean rejected = false;
        double score = 0;

        // labels: the best match in any language, then +0.1 for each further language that matches
        List<String> matched = new ArrayList<>();
        double best = 0;
        String bestReason = null;
        for (String lang : config.languages()) {
            double s = 0;
            String why = null;
            for (String ours : e.labels().getOrDefault(lang, List.of())) {
                String n = Labels.normalise(ours, lang);
                for (String theirs : item.labels().getOrDefault(lang, List.of())) {
                    if (theirs.equals(ours) && s < LABEL_EXACT) { s = LABEL_EXACT; why = "label exact (" + lang + ")"; }
                    else if (Labels.normalise(theirs, lang).equals(n) && s < LABEL_NORMALISED) { s = LABEL_NORMALISED; why = "label normalised (" + lang + ")"; }
                }
                for (String theirs : item.aliases().getOrDefault(lang, List.of())) {
                    if (theirs.equals(ours) && s < ALIAS_EXACT) { s = ALIAS_EXACT; why = "alias exact (" + lang + ")"; }
                    else if (Labels.normalise(theirs, lang).equals(n) && s < ALIAS_NORMALISED) { s = ALIAS_NORMALISED; why = "alias normalised (" + lang + ")"; }
                }
            }
            if (s > 0) {
                matched.add(lang);
                if (s > best) { best = s; bestReason = why; }
            }
        }
        score += best;
        if (bestReason != null)
            reasons.add(bestReason);
        if (matched.size() > 1) {
            score += Math.min(MAX_OTHER_LANGUAGES, OTHER_LANGUAGE * (matched.size() - 1));
            reasons.add("labels match in " + matched.size() + " languages (" + String.join(", ", matched) + ")");
        }

        // type: P31/P279* against the Wikidata class of our type
        Set<Node> classes = local.wikidataClassesOf(e);
        if (classes.isEmpty()) {
            reasons.add("type unchecked (" + local.mostSpecificTypes(e) + " has no tg:wikidataClass)");
        } else {
            List<String> agreeing = classes.stream().filter(c -> holds.contains(List.of(item.iri(), c)))
                                           .map(Items::qidOf).toList();
            if (!agreeing.isEmpty()) {
                score += TYPE_AGREES;
                reasons.add("type agrees (P31/P279* " + String.join(", ", agreeing) + ")");
            } else if (item.p31().isEmpty()) {
                reasons.add("type unknown (no P31)");
            } else {
                score += TYPE_DIFFERS;
                rejected = true;
                reasons.add("type differs (P31 " + String.join(", ", item.p31().stream().map(Items::qidOf).sorted().toList())
                            + "; not an instance of " + String.join(", ", classes.stream().map(Items::qidOf).toList()) + ")");
            }
        }

        // description: mentions our subject's country or our type
        String description = Items.Item.first(item.descriptions(), config.languages());
        String nd = Labels.normalise(description, "en");
        List<String> hints = new ArrayList<>(local.typeWords(e));
        hints.addAll(DOMAIN_WORDS);
        var hint = hints.stream().filter(w -> !w.isEmpty() && Labels.mentions(nd, w)).findFirst();
        if (hint.isPresent()) {
            score += DESCRIPTION_HINT;
            reasons.add("description mentions \"" + hint.get() + "\"");
        }

        if (item.redirect() != null) {
            rejected = true;
            reasons.add("redirects to " + Items.qidOf(item.redirect()));
        }
        double rounded = BigDecimal.valueOf(Math.max(0, Math.min(1, score))).setScale(2, RoundingMode.HALF_UP).doubleValue();
        return new Candidate(item.qid(), Items.Item.first(item.labels(), config.languages()), description,
                             rounded, reasons, rejected);
    }

    // ------------------------------------------------------------------ check

    /** Checks every {@code owl:sameAs wd:Q…} link of {@code ours}; sorted by entity IRI, then item. */
    public static List<LinkCheck> check(Graph ours, LinkConfig config) {
        LocalData local = LocalData.classes(ours);
        List<LocalData.Entity> links = LocalData.linked(ours);
        Items items = new Items(new WikidataClient(config), config);
        Set<Node> itemIris = new TreeSet<>(LocalData::byIri);
        links.forEach(l -> itemIris.add(l.item()));
        Map<Node, Items.Item> described = items.describe(new ArrayList<>(itemIris));
        Set<List<Node>> pairs = new LinkedHashSet<>();
        for (LocalData.Entity l : links)
            for (Node c : local.wikidataClassesOf(l))
                pairs.add(List.of(l.item(), c));
        Set<List<Node>> holds = items.instancesOf(new ArrayList<>(pairs));

        List<LinkCheck> out = new ArrayList<>();
        for (LocalData.Entity l : links) {
            Items.Item item = described.get(l.item());
            List<String> notes = new ArrayList<>();
            String ourLabel = ourLabel(l, config);
            String theirLabel = "";
            LinkCheck.Verdict labelVerdict, typeVerdict;
            if (!item.known()) {
                labelVerdict = LinkCheck.Verdict.MISSING;
                typeVerdict = LinkCheck.Verdict.MISSING;
                notes.add("the endpoint has no labels or types for " + item.qid());
            } else if (item.redirect() != null) {
                labelVerdict = LinkCheck.Verdict.MISSING;
                typeVerdict = LinkCheck.Verdict.MISSING;
                notes.add(item.qid() + " redirects to " + Items.qidOf(item.redirect()));
            } else {
                labelVerdict = LinkCheck.Verdict.UNCHECKED;
                for (String lang : config.languages()) {
                    List<String> mine = l.labels().getOrDefault(lang, List.of());
                    List<String> theirs = new ArrayList<>(item.labels().getOrDefault(lang, List.of()));
                    if (theirLabel.isEmpty() && !theirs.isEmpty() && !mine.isEmpty())
                        theirLabel = theirs.get(0);
                    theirs.addAll(item.aliases().getOrDefault(lang, List.of()));
                    if (mine.isEmpty() || theirs.isEmpty())
                        continue;
                    LinkCheck.Verdict v = compare(mine, theirs, lang);
                    notes.add("label " + v.word() + " (" + lang + ")");
                    labelVerdict = better(labelVerdict, v);
                }
                if (theirLabel.isEmpty())
                    theirLabel = Items.Item.first(item.labels(), config.languages());
                if (labelVerdict == LinkCheck.Verdict.UNCHECKED)
                    notes.add("no label in a shared language");

                Set<Node> classes = local.wikidataClassesOf(l);
                if (classes.isEmpty()) {
                    typeVerdict = LinkCheck.Verdict.UNCHECKED;
                    notes.add("type unchecked (" + local.mostSpecificTypes(l) + " has no tg:wikidataClass)");
                } else if (classes.stream().anyMatch(c -> holds.contains(List.of(l.item(), c)))) {
                    typeVerdict = LinkCheck.Verdict.AGREES;
                    notes.add("type agrees (P31/P279* " + String.join(", ", classes.stream()
                        .filter(c -> holds.contains(List.of(l.item(), c))).map(Items::qidOf).toList()) + ")");
                } else if (item.p31().isEmpty()) {
                    typeVerdict = LinkCheck.Verdict.UNCHECKED;
                    notes.add("type unknown (no P31)");
                } else {
                    typeVerdict = LinkCheck.Verdict.DIFFERS;
                    notes.add("type differs (P31 " + String.join(", ", item.p31().stream().map(Items::qidOf).sorted().toList())
                              + "; not an instance of " + String.join(", ", classes.stream().map(Items::qidOf).toList()) + ")");
                }
            }
            out.add(new LinkCheck(l.iri().getURI(), item.qid(), ourLabel, theirLabel, labelVerdict, typeVerdict, notes));
        }
        return out;
    }

    /** The best of two label verdicts, across languages: one language that agrees is enough. */
    private static LinkCheck.Verdict better(LinkCheck.Verdict a, LinkCheck.Verdict b) {
        if (a == LinkCheck.Verdict.UNCHECKED) return b;
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    private static LinkCheck.Verdict compare(List<String> ours, List<String> theirs, String lang) {
        LinkCheck.Verdict v = LinkCheck.Verdict.DIFFERS;
        for (String o : ours)
            for (String t : theirs) {
                String no = Labels.normalise(o, lang), nt = Labels.normalise(t, lang);
                if (no.equals(nt))
                    return LinkCheck.Verdict.AGREES;
                if (Labels.contains(no, nt, lang))
                    v = LinkCheck.Verdict.PARTIAL;
            }
        return v;
    }

    // ------------------------------------------------------------------ output

    /**
     * Writes the review file (TSV, UTF-8, header line {@link #REVIEW_COLUMNS}): one row per
     * candidate, best first per entity; an entity without any candidate gets one row with empty
     * candidate columns and the reason "no candidate". Rejected candidates are written only when
     * {@code includeRejected}.
     */
    public static void writeReview(List<Proposal> proposals, Writer out, boolean includeRejected) {
        try {
            out.write(String.join("\t", REVIEW_COLUMNS) + "\n");
            for (Proposal p : proposals) {
                List<Candidate> cs = includeRejected ? p.candidates() : p.accepted();
                if (cs.isEmpty())
                    row(out, p.entity(), p.label(), p.type(), "", "", "", "",
                        p.candidates().isEmpty() ? "no candidate" : "no candidate (" + p.candidates().size() + " rejected)");
                for (Candidate c : cs)
                    row(out, p.entity(), p.label(), p.type(), c.qid(), c.label(), c.description(),
                        String.format(java.util.Locale.ROOT, "%.2f", c.score()),
                        (c.rejected() ? "REJECTED; " : "") + String.join("; ", c.reasons()));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the check report (TSV, UTF-8, header line {@link #CHECK_COLUMNS}): one row per link. */
    public static void writeCheck(List<LinkCheck> checks, Writer out) {
        try {
            out.write(String.join("\t", CHECK_COLUMNS) + "\n");
            for (LinkCheck c : checks)
                row(out, c.entity(), c.qid(), c.label(), c.wikidataLabel(), c.labelVerdict().word(),
                    c.typeVerdict().word(), c.ok() ? "ok" : "MISMATCH", String.join("; ", c.notes()));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(Writer out, String... cells) throws IOException {
        List<String> clean = new ArrayList<>();
        for (String c : cells)
            clean.add(c == null ? "" : c.replaceAll("[\\t\\r\\n]+", " "));
        out.write(String.join("\t", clean) + "\n");
    }

    private static String ourLabel(LocalData.Entity e, LinkConfig config) {
        for (String l : config.languages())
            if (!e.labels().getOrDefault(l, List.of()).isEmpty())
                return e.labels().get(l).get(0);
        return e.labels().values().stream().flatMap(List::stream).findFirst().orElse("");
    }

    private static long qidNumber(String qid) {
        try {
            return Long.parseLong(qid.substring(1));
        } catch (RuntimeException ex) {
            return Long.MAX_VALUE;
        }
    }
}
