package org.treatygraph.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.apache.jena.vocabulary.RDF;

/**
 * The gold facts of one corpus article (src/test/resources/ingest/README.md gives the format) and
 * the comparison of a draft with them: events matched by the link the gold names, else by kind,
 * compatible dates and a shared participant; their participants, dates, statuses, places and links
 * scored on the matched pairs; statements matched by speaker and a verbatim fragment of their
 * sentence. Hard faults (a drafted day the text does not give, an existing event reused where the
 * gold says it is another, a known person speaking for someone the graph does not know) are listed
 * apart.
 */
final class CorpusGold {

    /** A date of the gold: none, any, a day, a span of days, or a window (either side open). */
    record Date(boolean none, boolean any, LocalDate from, LocalDate to, boolean span) {
        static Date parse(String s) {
            if (s.equals("-"))
                return new Date(true, false, null, null, false);
            if (s.equals("*"))
                return new Date(false, true, null, null, false);
            if (s.contains("..")) {
                String[] p = s.split("\\.\\.", -1);
                return new Date(false, false, p[0].isBlank() ? null : LocalDate.parse(p[0]), p[1].isBlank() ? null : LocalDate.parse(p[1]), false);
            }
            if (s.contains("/")) {
                String[] p = s.split("/");
                return new Date(false, false, LocalDate.parse(p[0]), LocalDate.parse(p[1]), true);
            }
            LocalDate d = LocalDate.parse(s);
            return new Date(false, false, d, d, false);
        }

        boolean day() {
            return !none && !any && !span && from != null && from.equals(to);
        }

        boolean dated() {
            return !none && !any;
        }
    }

    record Event(boolean optional, Set<String> types, Date date, Set<String> statuses, Set<Node> places, Set<Node> optionalPlaces,
                 boolean anyPlace, Set<Node> parts, Set<Node> optionalParts, String link, String line) {
        Set<Node> allParts() {
            Set<Node> out = new LinkedHashSet<>(parts);
            out.addAll(optionalParts);
            return out;
        }

        Set<Node> allPlaces() {
            Set<Node> out = new LinkedHashSet<>(places);
            out.addAll(optionalPlaces);
            return out;
        }
    }

    record Statement(boolean optional, boolean unknownSpeaker, Set<Node> speakers, String fragment) {}

    final Path file;
    LocalDate date;
    String publisher;
    final List<Event> events = new ArrayList<>();
    final List<Statement> statements = new ArrayList<>();
    final List<String> unknown = new ArrayList<>();

    private CorpusGold(Path file) {
        this.file = file;
    }

    static CorpusGold read(Path file) {
        CorpusGold g = new CorpusGold(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#"))
                continue;
            int colon = line.indexOf(':');
            if (colon < 0)
                throw new IllegalArgumentException(file.getFileName() + ":" + n + ": no 'key:'");
            String key = line.substring(0, colon).strip(), value = line.substring(colon + 1).strip();
            boolean optional = key.endsWith("?");
            String[] f = value.split("\\s+\\|\\s+", -1);
            switch (optional ? key.substring(0, key.length() - 1) : key) {
                case "date" -> g.date = LocalDate.parse(value);
                case "publisher" -> g.publisher = value;
                case "unknown" -> g.unknown.add(value);
                case "event" -> {
                    if (f.length != 6)
                        throw new IllegalArgumentException(file.getFileName() + ":" + n + ": an event has six fields");
                    Set<Node> places = new LinkedHashSet<>(), optPlaces = new LinkedHashSet<>(), parts = new LinkedHashSet<>(), optParts = new LinkedHashSet<>();
                    split(f[3], places, optPlaces);
                    split(f[4], parts, optParts);
                    g.events.add(new Event(optional, alternatives(f[0]), Date.parse(f[1]), f[2].equals("*") ? Set.of() : alternatives(f[2]),
                                           places, optPlaces, f[3].equals("*"), parts, optParts, f[5], line));
                }
                case "statement" -> {
                    if (f.length != 2)
                        throw new IllegalArgumentException(file.getFileName() + ":" + n + ": a statement has two fields");
                    Set<Node> speakers = new LinkedHashSet<>(), ignored = new LinkedHashSet<>();
                    boolean unknownSpeaker = f[0].equals("unknown");
                    if (!unknownSpeaker)
                        split(f[0], speakers, ignored);
                    g.statements.add(new Statement(optional, unknownSpeaker, speakers, f[1]));
                }
                default -> throw new IllegalArgumentException(file.getFileName() + ":" + n + ": unknown key " + key);
            }
        }
        if (g.date == null || g.publisher == null)
            throw new IllegalArgumentException(file.getFileName() + ": date and publisher are required");
        return g;
    }

    private static Set<String> alternatives(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : s.split("\\s+or\\s+"))
            out.add(a.strip());
        return out;
    }

    private static void split(String field, Set<Node> required, Set<Node> optional) {
        if (field.equals("-") || field.equals("*"))
            return;
        for (String alt : field.split("\\s*,\\s*|\\s+or\\s+")) {
            String a = alt.strip();
            if (a.startsWith("?"))
                optional.add(Draft.id(a.substring(1)));
            else
                required.add(Draft.id(a));
        }
    }

    // ---- the draft, as the comparison sees it

    private static final Set<String> EVENT_CLASSES = Set.of("Event", "HistoricalEvent", "DiplomaticEvent", "Meeting", "Summit",
        "ForeignMinistersMeeting", "EnvoyConsultation", "WorkingLunch", "Summons", "CommissionMeeting", "NegotiationRound", "OfficialVisit",
        "PressConference", "MultilateralConference", "SigningCeremony", "Negotiation", "PhoneCall");
    private static final Set<String> MEETINGS = Set.of("Meeting", "Summit", "ForeignMinistersMeeting", "EnvoyConsultation", "NegotiationRound",
        "WorkingLunch", "PhoneCall");

    /** A drafted event: its node, kinds, date (start/end or window), status, places and participants. */
    record Drafted(Node iri, Set<String> types, LocalDate start, LocalDate end, LocalDate earliest, LocalDate latest,
                   Node status, Set<Node> places, Set<Node> agents) {
        boolean day() {
            return start != null && (end == null || end.equals(start));
        }

        boolean dated() {
            return start != null || earliest != null || latest != null;
        }

        LocalDate from() {
            return start != null ? start : earliest;
        }

        LocalDate to() {
            return start != null ? (end != null ? end : start) : latest;
        }

        String describe() {
            if (start != null)
                return end != null && !end.equals(start) ? start + "/" + end : start.toString();
            if (earliest != null || latest != null)
                return (earliest == null ? "" : earliest) + ".." + (latest == null ? "" : latest);
            return "-";
        }
    }

    record DraftedStatement(Node iri, Set<Node> speakers, Set<String> evidence, Set<String> quotes) {}

    static List<Drafted> events(Graph g) {
        List<Drafted> out = new ArrayList<>();
        Map<Node, Set<String>> types = new LinkedHashMap<>();
        g.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
            if (t.getObject().isURI() && t.getObject().getURI().startsWith(KnowledgeBase.TG) && EVENT_CLASSES.contains(KnowledgeBase.local(t.getObject())))
                types.computeIfAbsent(t.getSubject(), k -> new LinkedHashSet<>()).add(KnowledgeBase.local(t.getObject()));
        });
        types.forEach((e, ts) -> {
            Set<Node> agents = new LinkedHashSet<>();
            g.find(e, Draft.tg("participation"), Node.ANY).forEachRemaining(p ->
                g.find(p.getObject(), Draft.tg("agent"), Node.ANY).forEachRemaining(a -> agents.add(a.getObject())));
            out.add(new Drafted(e, ts, date(g, e, "startDate"), date(g, e, "endDate"), date(g, e, "earliestDate"), date(g, e, "latestDate"),
                                one(g, e, "eventStatus"), objects(g, e, "location"), agents));
        });
        return out;
    }

    static List<DraftedStatement> statements(Graph g) {
        List<DraftedStatement> out = new ArrayList<>();
        Set<Node> seen = new LinkedHashSet<>();
        g.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
            if (t.getObject().isURI() && Set.of("Statement", "Proposal", "Protest", "MediaReport").contains(KnowledgeBase.local(t.getObject()))
                && seen.add(t.getSubject()))
                out.add(new DraftedStatement(t.getSubject(), objects(g, t.getSubject(), "speaker"), strings(g, t.getSubject(), "evidence"),
                                             strings(g, t.getSubject(), "quote")));
        });
        return out;
    }

    // ---- the comparison

    /** Counts of one article (or of the corpus). */
    static final class Score {
        int goldEvents, draftEvents, matchedGold, matchedDraft;
        int goldParts, draftParts, rightParts, foundParts;
        int goldDates, draftDates, rightDates, foundDates, wrongDays;
        int draftStatuses, rightStatuses;
        int goldPlaces, draftPlaces, rightPlaces, foundPlaces;
        int links, rightLinks, wrongReuses;
        int goldStatements, draftStatements, matchedGoldStatements, matchedDraftStatements, wrongSpeakers;
        int unknownPersons, unknownReported, unknownLinked, unknownSpeakers;
        final List<String> faults = new ArrayList<>();
        final List<String> misses = new ArrayList<>();

        void add(Score o) {
            goldEvents += o.goldEvents; draftEvents += o.draftEvents; matchedGold += o.matchedGold; matchedDraft += o.matchedDraft;
            goldParts += o.goldParts; draftParts += o.draftParts; rightParts += o.rightParts; foundParts += o.foundParts;
            goldDates += o.goldDates; draftDates += o.draftDates; rightDates += o.rightDates; foundDates += o.foundDates; wrongDays += o.wrongDays;
            draftStatuses += o.draftStatuses; rightStatuses += o.rightStatuses;
            goldPlaces += o.goldPlaces; draftPlaces += o.draftPlaces; rightPlaces += o.rightPlaces; foundPlaces += o.foundPlaces;
            links += o.links; rightLinks += o.rightLinks; wrongReuses += o.wrongReuses;
            goldStatements += o.goldStatements; draftStatements += o.draftStatements; matchedGoldStatements += o.matchedGoldStatements;
            matchedDraftStatements += o.matchedDraftStatements; wrongSpeakers += o.wrongSpeakers;
            unknownPersons += o.unknownPersons; unknownReported += o.unknownReported; unknownLinked += o.unknownLinked;
            unknownSpeakers += o.unknownSpeakers;
        }

        static double ratio(int a, int b) {
            return b == 0 ? 1.0 : (double) a / b;
        }

        double eventPrecision() { return ratio(matchedDraft, draftEvents); }
        double eventRecall() { return ratio(matchedGold, goldEvents); }
        double participantPrecision() { return ratio(rightParts, draftParts); }
        double participantRecall() { return ratio(foundParts, goldParts); }
        double datePrecision() { return ratio(rightDates, draftDates); }
        double dateRecall() { return ratio(foundDates, goldDates); }
        double statusPrecision() { return ratio(rightStatuses, draftStatuses); }
        double placePrecision() { return ratio(rightPlaces, draftPlaces); }
        double placeRecall() { return ratio(foundPlaces, goldPlaces); }
        double linkAccuracy() { return ratio(rightLinks, links); }
        double statementPrecision() { return ratio(matchedDraftStatements, draftStatements); }
        double statementRecall() { return ratio(matchedGoldStatements, goldStatements); }
    }

    /** Compare a draft with the gold; {@code existing}: the events the knowledge base already has. */
    Score compare(Graph draft, Set<Node> existing) {
        Score s = new Score();
        List<Drafted> de = events(draft);
        s.draftEvents = de.size();
        s.goldEvents = (int) events.stream().filter(e -> !e.optional()).count();
        Map<Drafted, Event> match = new LinkedHashMap<>();
        Set<Event> used = new LinkedHashSet<>();
        for (Drafted d : de)                                       // 1. the link the gold names
            for (Event g : events)
                if (!used.contains(g) && g.link().startsWith("event/") && d.iri().equals(Draft.id(g.link()))) {
                    match.put(d, g);
                    used.add(g);
                    break;
                }
        // 2. the best pairs first: same kind before both meetings, then shared persons, the right date, the place
        record Pair(Drafted d, Event g, int score) {}
        List<Pair> pairs = new ArrayList<>();
        for (Drafted d : de) {
            if (match.containsKey(d))
                continue;
            for (Event g : events) {
                if (used.contains(g))
                    continue;
                boolean exact = g.types().stream().anyMatch(d.types()::contains);
                boolean meetings = g.types().stream().anyMatch(MEETINGS::contains) && d.types().stream().anyMatch(MEETINGS::contains);
                if (!exact && !meetings || !datesFit(d, g.date()) || !peopleFit(d, g))
                    continue;
                if (g.link().startsWith("event/") && existing.contains(d.iri()) && !d.iri().equals(Draft.id(g.link())))
                    continue;
                int common = (int) d.agents().stream().filter(g.allParts()::contains).count();
                int score = (exact ? 100 : 0) + 10 * common + (d.dated() && !g.date().any() && dateRight(d, g.date()) ? 5 : 0)
                    + (d.places().stream().anyMatch(g.allPlaces()::contains) ? 3 : 0) + (g.optional() ? 0 : 1);
                pairs.add(new Pair(d, g, score));
            }
        }
        pairs.sort((x, y) -> y.score() - x.score());
        for (Pair pr : pairs)
            if (!match.containsKey(pr.d()) && !used.contains(pr.g())) {
                match.put(pr.d(), pr.g());
                used.add(pr.g());
            }
        s.matchedDraft = match.size();
        s.matchedGold = (int) match.values().stream().filter(g -> !g.optional()).count();
        for (Event g : events)
            if (!g.optional() && !used.contains(g))
                s.misses.add("missed event: " + g.line());
        for (Drafted d : de) {
            Event g = match.get(d);
            if (g == null) {
                s.misses.add("drafted event not in the gold: " + KnowledgeBase.local(d.iri()) + " " + d.types() + " " + d.describe()
                              + " " + d.agents().stream().map(KnowledgeBase::local).toList());
                // a day for an event the gold does not have: right only if some event of the gold has that very day
                if (d.day() && events.stream().noneMatch(x -> x.date().dated() && !x.date().any() && d.start().equals(x.date().from())
                                                             && (x.date().day() || x.date().span()))) {
                    s.wrongDays++;
                    s.faults.add("WRONG DAY " + d.describe() + " for an event the gold does not have: " + KnowledgeBase.local(d.iri()));
                }
                if (existing.contains(d.iri())) {
                    s.wrongReuses++;
                    s.faults.add("reuses the existing event " + KnowledgeBase.local(d.iri()) + " for something the gold does not have");
                }
                continue;
            }
            // participants
            if (!g.optional())
                s.goldParts += g.parts().size();
            s.draftParts += d.agents().size();
            for (Node a : d.agents())
                if (g.allParts().contains(a))
                    s.rightParts++;
                else
                    s.misses.add("participant " + KnowledgeBase.local(a) + " not in the gold of " + g.line());
            if (!g.optional())
                for (Node a : g.parts())
                    if (d.agents().contains(a))
                        s.foundParts++;
                    else
                        s.misses.add("missed participant " + KnowledgeBase.local(a) + " of " + g.line());
            // dates
            if (!g.optional() && g.date().dated())
                s.goldDates++;
            if (!g.date().any() && d.dated()) {
                s.draftDates++;
                if (dateRight(d, g.date())) {
                    s.rightDates++;
                    if (!g.optional())
                        s.foundDates++;
                } else
                    s.misses.add("date " + d.describe() + " for " + g.line());
                if (d.day() && !dayRight(d, g.date())) {
                    s.wrongDays++;
                    s.faults.add("WRONG DAY " + d.describe() + " for " + g.line());
                }
            }
            // status
            if (d.status() != null && !g.statuses().isEmpty()) {
                s.draftStatuses++;
                if (g.statuses().contains(KnowledgeBase.local(d.status())))
                    s.rightStatuses++;
                else
                    s.misses.add("status " + KnowledgeBase.local(d.status()) + " for " + g.line());
            }
            // places
            if (!g.optional())
                s.goldPlaces += g.places().size();
            if (!g.anyPlace()) {
                s.draftPlaces += d.places().size();
                for (Node p : d.places())
                    if (g.allPlaces().contains(p))
                        s.rightPlaces++;
                    else
                        s.misses.add("place " + KnowledgeBase.local(p) + " for " + g.line());
            }
            if (!g.optional())
                for (Node p : g.places())
                    if (d.places().contains(p))
                        s.foundPlaces++;
            // link
            if (!g.link().equals("*")) {
                s.links++;
                boolean right = g.link().equals("new") ? !existing.contains(d.iri()) : d.iri().equals(Draft.id(g.link()));
                if (right)
                    s.rightLinks++;
                else
                    s.misses.add("linked to " + KnowledgeBase.local(d.iri()) + " for " + g.line());
                if (!right && existing.contains(d.iri())) {
                    s.wrongReuses++;
                    s.faults.add("reuses the existing event " + KnowledgeBase.local(d.iri()) + " for " + g.line());
                }
            }
        }
        // statements
        List<DraftedStatement> ds = statements(draft);
        s.draftStatements = ds.size();
        s.goldStatements = (int) statements.stream().filter(g -> !g.optional() && !g.unknownSpeaker()).count();
        Set<Statement> found = new LinkedHashSet<>();
        for (DraftedStatement d : ds) {
            boolean any = false;
            for (Statement g : statements) {
                if (!says(d, g.fragment()))
                    continue;
                if (g.unknownSpeaker()) {
                    s.unknownSpeakers++;
                    s.faults.add("a known speaker " + d.speakers().stream().map(KnowledgeBase::local).toList()
                                 + " for what someone the graph does not know said: " + g.fragment());
                    continue;
                }
                if (d.speakers().stream().anyMatch(g.speakers()::contains)) {
                    any = true;
                    found.add(g);
                } else {
                    s.wrongSpeakers++;
                    s.misses.add("speaker " + d.speakers().stream().map(KnowledgeBase::local).toList() + " for: " + g.fragment());
                }
            }
            if (any)
                s.matchedDraftStatements++;
            else
                s.misses.add("drafted statement not in the gold: " + KnowledgeBase.local(d.iri()));
        }
        s.matchedGoldStatements = (int) found.stream().filter(g -> !g.optional()).count();
        for (Statement g : statements)
            if (!g.optional() && !g.unknownSpeaker() && !found.contains(g))
                s.misses.add("missed statement: " + g.speakers().stream().map(KnowledgeBase::local).toList() + " " + g.fragment());
        return s;
    }

    private static boolean says(DraftedStatement d, String fragment) {
        String f = norm(fragment);
        for (String e : d.evidence())
            if (norm(e).contains(f))
                return true;
        return false;
    }

    static String norm(String s) {
        return Mentions.norm(s).replaceAll("[“”\"]", "").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static boolean datesFit(Drafted d, Date g) {
        if (g.none() || g.any() || !d.dated())
            return true;
        LocalDate a0 = d.from() == null ? LocalDate.MIN : d.from(), a1 = d.to() == null ? LocalDate.MAX : d.to();
        LocalDate b0 = g.from() == null ? LocalDate.MIN : g.from(), b1 = g.to() == null ? LocalDate.MAX : g.to();
        return !a0.isAfter(b1) && !b0.isAfter(a1);
    }

    private static boolean peopleFit(Drafted d, Event g) {
        if (g.allParts().isEmpty() || d.agents().isEmpty())
            return true;
        return d.agents().stream().anyMatch(g.allParts()::contains);
    }

    /** A drafted date is right when it is the gold's day (or span), or a window inside the gold's window or span. */
    private static boolean dateRight(Drafted d, Date g) {
        if (g.none())
            return false;
        if (d.day() || d.start() != null)
            return dayRight(d, g) && (g.day() || g.span());
        LocalDate b0 = g.from() == null ? LocalDate.MIN : g.from(), b1 = g.to() == null ? LocalDate.MAX : g.to();
        LocalDate a0 = d.earliest() == null ? LocalDate.MIN : d.earliest(), a1 = d.latest() == null ? LocalDate.MAX : d.latest();
        if (g.day())
            return false;
        return !a0.isBefore(b0) && !a1.isAfter(b1);
    }

    /** A drafted day (or start day) is right only where the gold gives that day (a span: its first day, or the whole span). */
    private static boolean dayRight(Drafted d, Date g) {
        if (g.day())
            return d.start().equals(g.from()) && (d.end() == null || d.end().equals(g.from()));
        if (g.span())
            return d.start().equals(g.from()) && (d.end() == null || d.end().equals(g.to()));
        return false;
    }

    private static LocalDate date(Graph g, Node s, String p) {
        var it = g.find(s, Draft.tg(p), Node.ANY);
        return it.hasNext() ? KnowledgeBase.date(it.next().getObject()) : null;
    }

    private static Node one(Graph g, Node s, String p) {
        var it = g.find(s, Draft.tg(p), Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    private static Set<Node> objects(Graph g, Node s, String p) {
        Set<Node> out = new LinkedHashSet<>();
        g.find(s, Draft.tg(p), Node.ANY).forEachRemaining(t -> out.add(t.getObject()));
        return out;
    }

    private static Set<String> strings(Graph g, Node s, String p) {
        Set<String> out = new LinkedHashSet<>();
        g.find(s, Draft.tg(p), Node.ANY).forEachRemaining(t -> out.add(t.getObject().getLiteralLexicalForm()));
        return out;
    }
}
