package org.treatygraph.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.treatygraph.load.Database;
import org.treatygraph.load.Project;
import org.treatygraph.load.ValidationReport;

/**
 * The ingest of one article: read it, draft its source graph, write the draft
 * ({@code data/drafts/NNN.trig}), the article's copy ({@code data/drafts/texts/NNN_….txt}, the file
 * the draft's {@code tg:fileName} names) and the review ({@code NNN.review.md}, {@code NNN.review.html})
 * beside it, and validate the draft with the project's data ({@link Database#validate}: SHACL and
 * every check, by severity).
 */
public final class Ingest {

    /**
     * What to ingest.
     *
     * @param article   the plain-text article
     * @param date      the article's date (relative dates resolve against it)
     * @param publisher the publisher as the article shows it
     * @param title     the headline; null: the article's first line
     * @param number    the source number NNN; null: the next free one after data/sources and data/drafts
     */
    public record Options(Path article, LocalDate date, String publisher, String title, String number) {
        public Options {
            if (date == null)
                throw new IllegalArgumentException("--date is required: relative dates ('Monday', 'last week') resolve against it");
            if (publisher == null || publisher.isBlank())
                throw new IllegalArgumentException("--publisher is required (the publisher as the article shows it)");
        }
    }

    /** What an ingest wrote and found. */
    public record Result(Path draft, Path text, Path markdown, Path html, int facts, int triples, int events, int statements,
                         int unresolved, ValidationReport validation) {}

    /** The in-memory outcome of drafting an article (no files written): for the evaluation and the tests. */
    record Drafting(Article article, List<Text.Sentence> sentences, Extractor extractor, Draft draft, KnowledgeBase kb) {}

    private Ingest() {}

    /** Ingest an article into a project's data/drafts/. */
    public static Result run(Project project, Options options) {
        String text = read(options.article());
        String number = options.number() != null ? options.number() : nextNumber(project);
        String title = options.title() != null ? options.title() : firstLine(text);
        Article article = new Article(number, text, options.date(), options.publisher(), title);
        KnowledgeBase kb = KnowledgeBase.fromFiles(project, List.of());
        Drafting d = draft(article, kb);
        Path dir = project.draftsDir();
        Path draftFile = dir.resolve(number + ".trig");
        Path textFile = dir.resolve("texts").resolve(article.fileName());
        try {
            Files.createDirectories(textFile.getParent());
            Files.writeString(textFile, text, StandardCharsets.UTF_8);
            Files.writeString(draftFile, d.draft().trig(header(article, options.article())), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = new ArrayList<>(project.dataFiles());
        files.add(draftFile);
        ValidationReport report = Database.validate(project, files);
        Review review = new Review(d, report, project.display(draftFile));
        Path md = dir.resolve(number + ".review.md");
        Path html = dir.resolve(number + ".review.html");
        try {
            Files.writeString(md, review.markdown(), StandardCharsets.UTF_8);
            Files.writeString(html, review.html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(draftFile, textFile, md, html, d.draft().facts().size(), d.draft().triples.size(),
                          d.extractor().events.size(), d.extractor().statements.size(), review.unresolvedCount(), report);
    }

    static String header(Article a, Path from) {
        return "# Source " + a.number() + " — DRAFT made by `ingest` from " + from.getFileName() + " (" + a.date() + ", " + a.publisher() + ")\n"
            + "# Not loaded until a curator moves it to data/sources/" + a.number() + ".trig (and texts/" + a.fileName() + " to data/sources/texts/).\n"
            + "# Review it first: " + a.number() + ".review.md / .html lists every fact with its evidence, confidence and the facts it agrees or conflicts with.\n\n";
    }

    /** Draft an article against a knowledge base, in memory. */
    static Drafting draft(Article article, KnowledgeBase kb) {
        List<Text.Sentence> sentences = Text.sentences(article.text());
        Extractor x = new Extractor(kb, article.date());
        x.read(sentences);
        Draft draft = new Draft(article, kb);
        mintEvents(x, draft, kb);           // the extractor linked each event with everything the article says of it
        for (Facts.Event e : x.events)
            writeEvent(e, draft, kb);
        for (Facts.Statement s : x.statements)
            writeStatement(s, draft, kb, article);
        Set<Node> agreements = new LinkedHashSet<>();
        for (Facts.AgreementMention a : x.agreements)
            if (agreements.add(a.agreement()))
                draft.add(draft.source, Draft.tg("about"), a.agreement(), a.evidence(), a.confidence());
        return new Drafting(article, sentences, x, draft, kb);
    }

    private static void mintEvents(Extractor x, Draft draft, KnowledgeBase kb) {
        for (Facts.Event e : x.events) {
            if (e.linked != null) {
                e.iri = e.linked;
                continue;
            }
            StringBuilder slug = new StringBuilder();
            if (e.when != null && e.when.earliest() != null)
                slug.append(e.when.isDay() ? e.when.earliest().toString()
                    : e.when.precision() == When.Precision.YEAR ? String.valueOf(e.when.earliest().getYear())
                    : e.when.earliest().toString().substring(0, 7));
            else
                slug.append(draft.article.date().getYear());
            for (Facts.Part p : e.parts) {
                String label = kb.label(p.agent());
                slug.append('-').append(label.substring(label.lastIndexOf(' ') + 1));
            }
            String type = KnowledgeBase.local(e.type);
            slug.append('-').append(switch (type) {
                case "OfficialVisit" -> "visit";
                case "PressConference" -> "press-conference";
                case "PhoneCall" -> "phone-call";
                case "Summons" -> "summons";
                case "Summit" -> e.parts.isEmpty() ? "summit" : "";
                case "MultilateralConference" -> kb.label(e.series);
                case "Negotiation" -> "negotiations";
                default -> e.parts.isEmpty() ? Draft.slug(type) : "";
            });
            if (e.place != null)
                slug.append('-').append(kb.label(e.place));
            e.iri = draft.mint("event", slug.toString());
        }
    }

    private static void writeEvent(Facts.Event e, Draft d, KnowledgeBase kb) {
        Text.Sentence ev = e.evidence.get(0);
        boolean shared = e.linked != null;
        d.titles.put(e.iri, (shared ? "" : "new: ") + eventTitle(e, kb));
        d.add(e.iri, RDF.type.asNode(), e.type, ev, e.confidence);
        if (!d.known(e.iri))
            d.add(e.iri, RDFS.label.asNode(), Draft.en(eventTitle(e, kb)), ev, e.confidence);
        if (e.status != null)
            d.add(e.iri, Draft.tg("eventStatus"), e.status, ev, e.statusConfidence > 0 ? e.statusConfidence : 0.7);
        if (!(e.type.equals(Draft.tg("Negotiation"))))
            d.dates(e.iri, e.when, ev, e.when != null && e.when.kind() == When.Kind.ABSOLUTE ? 0.9 : 0.8, false, shared);
        if (e.place != null)
            d.add(e.iri, Draft.tg("location"), e.place, ev, e.placeConfidence > 0 ? e.placeConfidence : 0.75);
        if (e.series != null)
            d.add(e.iri, Draft.tg("ofSeries"), e.series, ev, 0.85);
        if (e.sidelinesConference != null && e.sidelinesConference.iri != null)
            d.add(e.iri, Draft.tg("onSidelinesOf"), e.sidelinesConference.iri, ev, 0.75);
        for (Node a : e.about)
            d.add(e.iri, Draft.tg("about"), a, ev, 0.7);
        String eventSlug = e.iri.getURI().substring(e.iri.getURI().indexOf("/event/") + 7);
        for (Facts.Part p : e.parts) {
            Node part = Draft.id("participation/" + eventSlug + "--" + p.agent().getURI().substring(p.agent().getURI().lastIndexOf('/') + 1));
            d.titles.put(part, kb.label(p.agent()) + " at " + eventTitle(e, kb));
            d.add(e.iri, Draft.tg("participation"), part, p.evidence(), p.confidence());
            d.add(part, RDF.type.asNode(), Draft.tg("Participation"), p.evidence(), p.confidence());
            if (!d.known(part) && kb.factsAbout(part).stream().noneMatch(f -> f.property().equals(RDFS.label.asNode())))
                d.add(part, RDFS.label.asNode(), Draft.en(kb.label(p.agent()) + " at " + eventTitle(e, kb)), p.evidence(), p.confidence());
            d.add(part, Draft.tg("agent"), p.agent(), p.evidence(), p.confidence());
            d.add(part, Draft.tg("role"), p.role(), p.evidence(), p.confidence() * 0.8);
            if (p.capacity() != null)
                d.add(part, Draft.tg("capacity"), p.capacity(), p.evidence(), p.confidence() * 0.9);
        }
        for (Text.Sentence s : e.evidence)
            d.add(e.iri, Draft.tg("evidence"), Draft.string(s.text()), s, e.confidence);
        d.add(e.iri, Draft.tg("confidence"), Draft.decimal(Draft.round(e.confidence)), ev, e.confidence);
    }

    static String eventTitle(Facts.Event e, KnowledgeBase kb) {
        String type = kb.label(e.type);
        type = type.contains("/") ? KnowledgeBase.local(e.type) : type;
        StringBuilder sb = new StringBuilder(words(KnowledgeBase.local(e.type)));
        if (e.series != null)
            sb = new StringBuilder(kb.label(e.series) + " conference");
        List<String> who = new ArrayList<>();
        for (Facts.Part p : e.parts)
            who.add(kb.label(p.agent()));
        if (!who.isEmpty())
            sb.append(" of ").append(String.join(" and ", who));
        if (e.place != null)
            sb.append(", ").append(kb.label(e.place));
        if (e.when != null && e.when.earliest() != null)
            sb.append(", ").append(e.when.describe());
        return sb.toString();
    }

    static String words(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).replace("foreign ministers meeting", "foreign ministers' meeting");
    }

    private static void writeStatement(Facts.Statement s, Draft d, KnowledgeBase kb, Article article) {
        Node speaker = s.speakers.get(0);
        String who = kb.label(speaker);
        String first = s.quotes.isEmpty() ? firstWords(s.evidence.text(), 8) : firstWords(s.quotes.get(0), 6);
        String datePart = s.when != null ? s.when.earliest().toString() : article.date().toString().substring(0, 7);
        s.iri = d.mint("statement", datePart + "-" + who.substring(who.lastIndexOf(' ') + 1) + "-" + first);
        Text.Sentence ev = s.evidence;
        String label = who + ": " + (s.quotes.isEmpty() ? "“" + firstWords(ev.text(), 12) + "…”" : "“" + s.quotes.get(0) + "”")
            + " (" + (s.when != null ? s.when.describe() : "by " + article.date()) + ")";
        d.titles.put(s.iri, "statement: " + label);
        d.add(s.iri, RDF.type.asNode(), Draft.tg("Statement"), ev, s.confidence);
        d.add(s.iri, RDFS.label.asNode(), Draft.en(label.length() > 300 ? label.substring(0, 297) + "…" : label), ev, s.confidence);
        d.add(s.iri, Draft.tg("speaker"), speaker, ev, s.confidence);
        if (s.addressee != null)
            d.add(s.iri, Draft.tg("addressee"), s.addressee, ev, s.confidence * 0.8);
        if (s.when != null)
            d.dates(s.iri, s.when, ev, 0.85, true, false);
        else {
            d.add(s.iri, Draft.tg("latestDate"), Draft.date(article.date()), ev, 0.9);
        }
        if (s.timeReference != null)
            d.add(s.iri, Draft.tg("timeReference"), Draft.string(s.timeReference), ev, 0.8);
        if (s.statedAt != null && s.statedAt.iri != null)
            d.add(s.iri, Draft.tg("statedAt"), s.statedAt.iri, ev, 0.7);
        d.add(s.iri, Draft.tg("stance"), s.stance, ev, 0.6);
        for (String q : s.quotes)
            d.add(s.iri, Draft.tg("quote"), Draft.string(q), ev, s.confidence);
        for (Node a : s.about)
            d.add(s.iri, Draft.tg("about"), a, ev, 0.7);
        for (Facts.Event e : s.aboutEvents)
            if (e.iri != null)
                d.add(s.iri, Draft.tg("about"), e.iri, ev, 0.6);
        d.add(s.iri, Draft.tg("evidence"), Draft.string(ev.text()), ev, s.confidence);
        d.add(s.iri, Draft.tg("confidence"), Draft.decimal(Draft.round(s.confidence)), ev, s.confidence);
    }

    private static String firstWords(String s, int n) {
        String[] w = s.replaceAll("[“”\"]", "").strip().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(w, Math.min(n, w.length)));
    }

    // ---- files

    static String read(Path article) {
        if (!Files.isRegularFile(article))
            throw new IllegalArgumentException(article + ": no such file");
        try {
            byte[] bytes = Files.readAllBytes(article);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf('\u0000') >= 0 || text.contains("\uFFFD"))
                throw new IllegalArgumentException(article + ": not a UTF-8 plain-text file");
            if (text.isBlank())
                throw new IllegalArgumentException(article + ": the article is empty");
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String text) {
        for (String line : text.split("\\R"))
            if (!line.isBlank())
                return line.strip();
        return "";
    }

    private static final Pattern NUMBERED = Pattern.compile("^(\\d{3})(?:\\.trig|_[0-9a-f]{16}\\.txt)$");

    /** The next source number after every one used in data/sources/ and data/drafts/. */
    static String nextNumber(Project project) {
        int max = -1;
        for (Path dir : List.of(project.dataDir().resolve("sources"), project.dataDir().resolve("sources/texts"), project.draftsDir(),
                                project.draftsDir().resolve("texts"))) {
            if (!Files.isDirectory(dir))
                continue;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Matcher m = NUMBERED.matcher(p.getFileName().toString());
                    if (m.matches())
                        max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return String.format(Locale.ROOT, "%03d", max + 1);
    }

    /** Links events of the article to the graph's events: same kind, compatible dates, shared participants. */
    static final class Linker {
        private final KnowledgeBase kb;
        private final LocalDate date;

        Linker(KnowledgeBase kb, LocalDate date) {
            this.kb = kb;
            this.date = date;
        }

        /**
         * Link an event to the graph's event it is, when exactly one scores best. An event the text
         * does not date that fits two of the graph's equally is the one nearest the text's day, if the
         * other lies at least two weeks further off ("during their talks in Moscow" in an article of
         * 10 May 2019: the talks of that day, not those of January); otherwise none (never guessed).
         */
        void link(Facts.Event e) {
            List<KnowledgeBase.Event> best = new ArrayList<>();
            int bestScore = 0;
            for (KnowledgeBase.Event k : kb.events.values()) {
                int score = score(e, k);
                if (score > bestScore) {
                    best.clear();
                    best.add(k);
                    bestScore = score;
                } else if (score == bestScore && score > 0)
                    best.add(k);
            }
            if (best.size() > 1 && e.when == null) {
                best.sort(java.util.Comparator.comparingLong(this::distance));
                if (distance(best.get(1)) - distance(best.get(0)) >= 14)
                    best = List.of(best.get(0));
            }
            if (best.size() == 1) {
                e.linked = best.get(0).iri();
                e.linkReason = "score " + bestScore;
            }
        }

        /** Days between the text's day and the graph's event (its window's nearest end). */
        private long distance(KnowledgeBase.Event k) {
            LocalDate[] w = window(k);
            long d = Long.MAX_VALUE;
            for (LocalDate x : w)
                if (x != null)
                    d = Math.min(d, Math.abs(x.toEpochDay() - date.toEpochDay()));
            return d;
        }

        /** 0: not the same event; higher: likelier. */
        int score(Facts.Event e, KnowledgeBase.Event k) {
            Set<Node> types = k.values(RDF.type.asNode());
            LocalDate[] window = window(k);
            if (e.type.equals(Draft.tg("Negotiation")))
                return types.contains(Draft.tg("Negotiation")) ? 10 : 0;
            if (e.series != null) {
                if (!k.values(Draft.tg("ofSeries")).contains(e.series))
                    return 0;
                return datesCompatible(e, k, window) ? e.when != null ? 10 : 5 : 0;
            }
            // a format of its own ("2+2") is never another meeting, nor another meeting that format
            String label = kb.label(k.iri()).toLowerCase(Locale.ROOT);
            boolean twoPlusTwo = label.contains("2+2") || label.contains("two-plus-two");
            if (Extractor.meetingFamily(e.type) && "2+2".equals(e.format) != twoPlusTwo)
                return 0;
            boolean typeFits = types.contains(e.type) || Extractor.meetingFamily(e.type) && types.stream().anyMatch(Extractor::meetingFamily)
                && (e.type.equals(Draft.tg("Meeting")) || types.contains(Draft.tg("Meeting")) || types.contains(e.type));
            if (!typeFits)
                return 0;
            int score = types.contains(e.type) ? 2 : 1;
            if (!datesCompatible(e, k, window))
                return 0;
            if (e.when != null)
                score += e.when.isDay() && window[0] != null && window[0].equals(window[1]) ? 4 : 2;
            Set<Node> agents = k.values(Draft.tg("agent"));
            Set<Node> common = new LinkedHashSet<>(agents);
            common.retainAll(e.agents());
            if (!agents.isEmpty() && !e.parts.isEmpty()) {
                if (common.isEmpty())
                    return 0;
                if (common.size() < Math.min(2, Math.min(agents.size(), e.parts.size())))
                    return 0;
                score += 3 * common.size();
            } else if ((e.when == null || !e.when.isDay()) && !(e.place != null && k.values(Draft.tg("location")).contains(e.place)
                       && (types.contains(e.type) || e.type.equals(Draft.tg("Meeting")) && types.stream().anyMatch(Extractor::meetingFamily))))
                return 0;
            Set<Node> places = k.values(Draft.tg("location"));
            if (e.place != null && !places.isEmpty())
                score += places.contains(e.place) ? 3 : 0;
            return score >= 5 ? score : 0;
        }

        /** How far an open window reaches: "in the coming weeks" from a day is not half a year later. */
        static final int OPEN_WINDOW_DAYS = 60;

        /**
         * Whether the graph's event can be the one the text means, by the dates: the windows overlap
         * (an open side reaching {@value #OPEN_WINDOW_DAYS} days, no further). An event the text does
         * not date is one of the days around the text's: held, in the month before it (half a year when it was at the
         * graph's event's place: "the summit meetings held in Singapore"); not yet held,
         * in the half year after it (from the next day). An event of the graph with no date at all is never reused.
         */
        boolean datesCompatible(Facts.Event e, KnowledgeBase.Event k, LocalDate[] window) {
            LocalDate k0 = window[0], k1 = window[1];
            if (k0 == null && k1 == null)
                return false;
            if (k1 == null) k1 = k0.plusDays(OPEN_WINDOW_DAYS);
            if (k0 == null) k0 = k1.minusDays(OPEN_WINDOW_DAYS);
            LocalDate e0, e1;
            if (e.when != null && (e.when.earliest() != null || e.when.latest() != null)) {
                e0 = e.when.earliest();
                e1 = e.when.latest();
                if (e1 == null) e1 = e0.plusDays(OPEN_WINDOW_DAYS);
                if (e0 == null) e0 = e1.minusDays(OPEN_WINDOW_DAYS);
            } else if (Extractor.HELD.equals(e.status)) {
                // the text's event at the graph's place ("the summit meetings held in Singapore") may lie further back
                boolean samePlace = e.place != null && k.values(Draft.tg("location")).contains(e.place);
                e0 = date.minusDays(samePlace ? 180 : 30);
                e1 = date;
            } else {                            // not yet held: after the text's day ("another meeting" is not today's)
                e0 = date.plusDays(1);
                e1 = date.plusDays(180);
            }
            return !e0.isAfter(k1) && !k0.isAfter(e1);
        }

        static LocalDate[] window(KnowledgeBase.Event k) {
            LocalDate from = null, to = null;
            for (Node n : k.values(Draft.tg("startDate"))) { from = min(from, KnowledgeBase.date(n)); to = max(to, KnowledgeBase.date(n)); }
            for (Node n : k.values(Draft.tg("endDate"))) to = max(to, KnowledgeBase.date(n));
            if (from == null)
                for (Node n : k.values(Draft.tg("earliestDate"))) from = min(from, KnowledgeBase.date(n));
            if (to == null)
                for (Node n : k.values(Draft.tg("latestDate"))) to = max(to, KnowledgeBase.date(n));
            return new LocalDate[] {from, to};
        }

        private static LocalDate min(LocalDate a, LocalDate b) {
            return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
        }

        private static LocalDate max(LocalDate a, LocalDate b) {
            return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        }
    }

    static Map<String, Object> unused() {
        return new LinkedHashMap<>();
    }
}
