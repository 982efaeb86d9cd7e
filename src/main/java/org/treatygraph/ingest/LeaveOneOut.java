package org.treatygraph.ingest;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Project;

/**
 * The leave-one-out evaluation: for each curated text, build the knowledge base without its source
 * graph, ingest the text (its date, publisher and title as the curated graph gives them), and
 * compare the draft with the curated graph — events (matched by IRI, or by compatible dates and a
 * shared participant), their participants, dates and places, and statements (speaker and quote, or
 * speaker and evidence sentence). Prints one row per text and the total; no test times it.
 */
public final class LeaveOneOut {
    private LeaveOneOut() {}

    /** Counts of one text (or the total). */
    public static final class Score {
        int goldEvents, draftEvents, matchedEvents;
        int goldParts, draftParts, rightParts;
        int goldDates, draftDates, rightDates, wrongDays;
        int goldPlaces, draftPlaces, rightPlaces;
        int goldStatements, draftStatements, matchedStatements, matchedDraftStatements;
        final List<String> misses = new ArrayList<>();

        void add(Score o) {
            goldEvents += o.goldEvents; draftEvents += o.draftEvents; matchedEvents += o.matchedEvents;
            goldParts += o.goldParts; draftParts += o.draftParts; rightParts += o.rightParts;
            goldDates += o.goldDates; draftDates += o.draftDates; rightDates += o.rightDates; wrongDays += o.wrongDays;
            goldPlaces += o.goldPlaces; draftPlaces += o.draftPlaces; rightPlaces += o.rightPlaces;
            goldStatements += o.goldStatements; draftStatements += o.draftStatements; matchedStatements += o.matchedStatements;
            matchedDraftStatements += o.matchedDraftStatements;
        }

        public int wrongDays() { return wrongDays; }
        public double eventRecall() { return ratio(matchedEvents, goldEvents); }
        public double eventPrecision() { return ratio(matchedEvents, draftEvents); }
        public double participantPrecision() { return ratio(rightParts, draftParts); }
        public double placePrecision() { return ratio(rightPlaces, draftPlaces); }
    }

    static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    private static final Set<String> EVENT_CLASSES = Set.of("Event", "HistoricalEvent", "DiplomaticEvent", "Meeting", "Summit",
        "ForeignMinistersMeeting", "EnvoyConsultation", "WorkingLunch", "Summons", "CommissionMeeting", "NegotiationRound", "OfficialVisit",
        "PressConference", "MultilateralConference", "SigningCeremony", "Negotiation", "PhoneCall");
    private static final Set<String> STATEMENT_CLASSES = Set.of("Statement", "Proposal", "Protest", "MediaReport");

    /** Run the evaluation over the given source numbers (all five when empty) and print the table. */
    public static Score run(Project project, List<String> numbers, PrintStream out) {
        List<String> which = numbers.isEmpty() ? List.of("000", "001", "002", "003", "004") : numbers;
        Map<String, Score> rows = new LinkedHashMap<>();
        Score total = new Score();
        for (String nnn : which) {
            Score s = one(project, nnn);
            rows.put(nnn, s);
            total.add(s);
        }
        print(rows, total, out);
        return total;
    }

    static Score one(Project project, String nnn) {
        Path curated = project.dataDir().resolve("sources").resolve(nnn + ".trig");
        if (!Files.isRegularFile(curated))
            throw new IllegalArgumentException(project.display(curated) + ": no such curated source graph");
        DatasetGraph gold = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(gold, () -> RDFParser.source(curated).lang(Lang.TRIG).parse(gold));
        Node g = NodeFactory.createURI(Graphs.GRAPH + "source/" + nnn);
        Graph goldGraph = GraphFactory.createDefaultGraph();
        Txn.executeRead(gold, () -> gold.getGraph(g).find().forEachRemaining(goldGraph::add));
        Node src = Draft.id("source/" + nnn);
        String fileName = literal(goldGraph, src, Draft.tg("fileName"));
        LocalDate date = LocalDate.parse(literal(goldGraph, src, NodeFactory.createURI("http://purl.org/dc/terms/date")) != null
            ? literal(goldGraph, src, NodeFactory.createURI("http://purl.org/dc/terms/date")) : literal(goldGraph, src, Draft.tg("earliestDate")));
        String text = Ingest.read(project.dataDir().resolve("sources/texts").resolve(fileName));
        Article article = new Article(nnn, text, date, literal(goldGraph, src, Draft.tg("publisherDescription")),
                                      literal(goldGraph, src, NodeFactory.createURI("http://purl.org/dc/terms/title")));
        KnowledgeBase kb = KnowledgeBase.fromFiles(project, List.of(curated));
        Ingest.Drafting d = Ingest.draft(article, kb);
        Graph draft = GraphFactory.createDefaultGraph();
        for (Draft.Drafted t : d.draft().triples)
            draft.add(Triple.create(t.s(), t.p(), t.o()));
        return compare(goldGraph, draft, nnn);
    }

    private record Ev(Node iri, LocalDate from, LocalDate to, boolean day, Set<Node> agents, Set<Node> places, String type) {}

    private static List<Ev> events(Graph gr) {
        List<Ev> out = new ArrayList<>();
        Set<Node> seen = new LinkedHashSet<>();
        gr.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
            if (!t.getObject().isURI() || !t.getObject().getURI().startsWith(Graphs.TG) || !EVENT_CLASSES.contains(KnowledgeBase.local(t.getObject())))
                return;
            Node e = t.getSubject();
            if (!seen.add(e))
                return;
            LocalDate start = date(gr, e, "startDate"), early = date(gr, e, "earliestDate"), late = date(gr, e, "latestDate");
            Set<Node> agents = new LinkedHashSet<>();
            gr.find(e, Draft.tg("participation"), Node.ANY).forEachRemaining(p ->
                gr.find(p.getObject(), Draft.tg("agent"), Node.ANY).forEachRemaining(a -> agents.add(a.getObject())));
            Set<Node> places = new LinkedHashSet<>();
            gr.find(e, Draft.tg("location"), Node.ANY).forEachRemaining(p -> places.add(p.getObject()));
            out.add(new Ev(e, start != null ? start : early, start != null ? start : late, start != null, agents, places,
                           KnowledgeBase.local(t.getObject())));
        });
        return out;
    }

    private static Score compare(Graph gold, Graph draft, String nnn) {
        Score s = new Score();
        List<Ev> ge = events(gold), de = events(draft);
        s.goldEvents = ge.size();
        s.draftEvents = de.size();
        Map<Ev, Ev> match = new LinkedHashMap<>();
        Set<Ev> usedGold = new LinkedHashSet<>();
        for (Ev d : de)
            for (Ev g : ge)
                if (!usedGold.contains(g) && g.iri().equals(d.iri())) { match.put(d, g); usedGold.add(g); break; }
        for (int pass = 0; pass < 2; pass++)
        for (Ev d : de) {
            if (match.containsKey(d))
                continue;
            for (Ev g : ge) {
                if (usedGold.contains(g) || pass == 0 && !g.type().equals(d.type()))
                    continue;
                Set<Node> common = new LinkedHashSet<>(g.agents());
                common.retainAll(d.agents());
                boolean datesFit = d.from() != null && g.from() != null && !d.from().isAfter(g.to() == null ? LocalDate.MAX : g.to())
                    && !g.from().isAfter(d.to() == null ? LocalDate.MAX : d.to());
                boolean people = !common.isEmpty() || (g.agents().isEmpty() && d.agents().isEmpty() && g.type().equals(d.type()));
                if (datesFit && people) { match.put(d, g); usedGold.add(g); break; }
            }
        }
        s.matchedEvents = match.size();
        for (Map.Entry<Ev, Ev> m : match.entrySet()) {
            Ev d = m.getKey(), g = m.getValue();
            s.goldParts += g.agents().size();
            s.draftParts += d.agents().size();
            for (Node a : d.agents())
                if (g.agents().contains(a)) s.rightParts++;
                else s.misses.add(nnn + ": participant " + KnowledgeBase.local(a) + " not in the curated " + KnowledgeBase.local(g.iri()));
            if (g.from() != null) s.goldDates++;
            if (d.from() != null) {
                s.draftDates++;
                boolean right = d.day() ? g.day() && d.from().equals(g.from())
                    : g.from() != null && (d.from().equals(g.from()) && java.util.Objects.equals(d.to(), g.to())
                                           || !d.from().isBefore(g.from()) && d.to() != null && g.to() != null && !d.to().isAfter(g.to()));
                if (right) s.rightDates++;
                if (d.day() && !(g.day() && d.from().equals(g.from()))) {
                    s.wrongDays++;
                    s.misses.add(nnn + ": WRONG DAY " + d.from() + " for " + KnowledgeBase.local(g.iri()));
                }
            }
            s.goldPlaces += g.places().size();
            s.draftPlaces += d.places().size();
            for (Node p : d.places())
                if (g.places().contains(p)) s.rightPlaces++;
                else s.misses.add(nnn + ": place " + KnowledgeBase.local(p) + " not in the curated " + KnowledgeBase.local(g.iri()));
        }
        for (Ev g : ge)
            if (!usedGold.contains(g))
                s.misses.add(nnn + ": missed event " + KnowledgeBase.local(g.iri()));
        // statements
        List<Node[]> gs = statements(gold), ds = statements(draft);
        s.goldStatements = gs.size();
        s.draftStatements = ds.size();
        Set<Node> matchedGold = new LinkedHashSet<>();
        for (Node[] d : ds) {
            boolean any = false;
            for (Node[] g : gs)
                if (sameStatement(gold, g[0], draft, d[0])) {
                    any = true;
                    matchedGold.add(g[0]);
                }
            if (any) s.matchedDraftStatements++;
        }
        s.matchedStatements = matchedGold.size();
        return s;
    }

    private static List<Node[]> statements(Graph gr) {
        List<Node[]> out = new ArrayList<>();
        Set<Node> seen = new LinkedHashSet<>();
        gr.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
            if (t.getObject().isURI() && STATEMENT_CLASSES.contains(KnowledgeBase.local(t.getObject())) && seen.add(t.getSubject()))
                out.add(new Node[] {t.getSubject()});
        });
        return out;
    }

    private static boolean sameStatement(Graph gold, Node g, Graph draft, Node d) {
        Set<Node> gs = objects(gold, g, Draft.tg("speaker")), dsp = objects(draft, d, Draft.tg("speaker"));
        gs.retainAll(dsp);
        if (gs.isEmpty())
            return false;
        Set<String> gq = strings(gold, g, "quote"), dq = strings(draft, d, "quote");
        for (String a : gq)
            for (String b : dq)
                if (norm(a).contains(norm(b)) || norm(b).contains(norm(a)))
                    return true;
        Set<String> ge = strings(gold, g, "evidence"), de = strings(draft, d, "evidence");
        if (gq.isEmpty() || dq.isEmpty())
            for (String a : ge)
                for (String b : de)
                    if (norm(a).contains(norm(b)) || norm(b).contains(norm(a)))
                        return true;
        return false;
    }

    private static String norm(String s) {
        return Mentions.norm(s).replaceAll("[“”\"]", "").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static Set<Node> objects(Graph gr, Node s, Node p) {
        Set<Node> out = new LinkedHashSet<>();
        gr.find(s, p, Node.ANY).forEachRemaining(t -> out.add(t.getObject()));
        return out;
    }

    private static Set<String> strings(Graph gr, Node s, String p) {
        Set<String> out = new LinkedHashSet<>();
        gr.find(s, Draft.tg(p), Node.ANY).forEachRemaining(t -> out.add(t.getObject().getLiteralLexicalForm()));
        return out;
    }

    private static LocalDate date(Graph gr, Node s, String p) {
        var it = gr.find(s, Draft.tg(p), Node.ANY);
        return it.hasNext() ? KnowledgeBase.date(it.next().getObject()) : null;
    }

    private static String literal(Graph gr, Node s, Node p) {
        var it = gr.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }

    private static String pct(int a, int b) {
        return b == 0 ? "–" : String.format(Locale.ROOT, "%.0f %% (%d/%d)", 100.0 * a / b, a, b);
    }

    static void print(Map<String, Score> rows, Score total, PrintStream out) {
        out.println("| text | events P | events R | participants P | participants R | dates P | dates R | wrong days | places P | places R | statements P | statements R |");
        out.println("|---|---|---|---|---|---|---|---:|---|---|---|---|");
        Map<String, Score> all = new LinkedHashMap<>(rows);
        all.put("total", total);
        all.forEach((k, s) -> out.println("| " + k + " | " + pct(s.matchedEvents, s.draftEvents) + " | " + pct(s.matchedEvents, s.goldEvents)
            + " | " + pct(s.rightParts, s.draftParts) + " | " + pct(s.rightParts, s.goldParts)
            + " | " + pct(s.rightDates, s.draftDates) + " | " + pct(s.rightDates, s.goldDates) + " | " + s.wrongDays
            + " | " + pct(s.rightPlaces, s.draftPlaces) + " | " + pct(s.rightPlaces, s.goldPlaces)
            + " | " + pct(s.matchedDraftStatements, s.draftStatements) + " | " + pct(s.matchedStatements, s.goldStatements) + " |"));
        out.println();
        out.println("Targets: 0 wrong days " + (total.wrongDays == 0 ? "(met)" : "(NOT met)")
            + "; participants precision ≥ 90 % " + (total.participantPrecision() >= 0.9 ? "(met)" : "(NOT met)")
            + "; places precision ≥ 90 % " + (total.placePrecision() >= 0.9 || Double.isNaN(total.placePrecision()) ? "(met)" : "(NOT met)")
            + "; event recall ≥ 60 % " + (total.eventRecall() >= 0.6 ? "(met)" : "(NOT met)"));
        out.println();
        out.println("Misses:");
        rows.values().forEach(s -> s.misses.forEach(m -> out.println("- " + m)));
    }
}
