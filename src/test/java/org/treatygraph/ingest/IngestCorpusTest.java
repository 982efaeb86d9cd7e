package org.treatygraph.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.load.Database;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Project;
import org.treatygraph.load.ValidationReport;

/**
 * The ingest on articles nobody modelled: each article of src/test/resources/ingest/articles is
 * ingested against the project's knowledge base and its draft checked against the article's gold
 * facts (src/test/resources/ingest/README.md): the draft parses and passes SHACL and every check,
 * every evidence literal is a verbatim substring of the article, no drafted day is one the text
 * does not give, no existing event is reused for another, and no person the graph does not know is
 * linked to one it knows (or speaks through one). Per-article figures are printed as a Markdown
 * table (the README's ingest section quotes it); the corpus totals must stay above the thresholds
 * below.
 */
class IngestCorpusTest {
    private static final Path ARTICLES = Path.of("src/test/resources/ingest/articles");

    /**
     * Thresholds on the corpus totals. The rules were worked out on articles 01–13 and then on the
     * held-out 14–18 (whose first run, before any rule was changed for them, is in the README: it is
     * the honest estimate for an article nobody has seen). The corpus totals are higher than that and
     * these thresholds sit a margin below them: they catch a regression, they do not promise the same
     * figures on new text. The per-article checks (valid, verbatim, no invented day, no wrong reuse, no
     * unknown person linked) hold for every article without a margin.
     */
    private static final double EVENT_PRECISION = 0.90, EVENT_RECALL = 0.85, PARTICIPANT_PRECISION = 0.95, PARTICIPANT_RECALL = 0.90,
        DATE_PRECISION = 0.90, STATUS_PRECISION = 0.90, PLACE_PRECISION = 0.95, LINK_ACCURACY = 0.95,
        STATEMENT_PRECISION = 0.90, STATEMENT_RECALL = 0.85;

    private static KnowledgeBase kb;
    private static Project project;
    private static final Map<String, CorpusGold.Score> rows = new LinkedHashMap<>();

    @TempDir
    static Path drafts;

    @BeforeAll
    static void knowledgeBase() {
        project = new Project(Path.of(""));
        kb = KnowledgeBase.fromFiles(project, List.of());
    }

    @TestFactory
    Stream<DynamicTest> each_new_article_drafts_a_valid_verbatim_graph_close_to_what_a_curator_would_accept() throws IOException {
        List<Path> texts;
        try (Stream<Path> s = Files.list(ARTICLES)) {
            texts = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertTrue(texts.size() >= 10, "the corpus has at least ten articles");
        List<DynamicTest> tests = new ArrayList<>();
        int k = 0;
        for (Path t : texts) {
            String number = String.format(Locale.ROOT, "%03d", 100 + ++k);
            String stem = t.getFileName().toString().replaceFirst("\\.txt$", "");
            tests.add(DynamicTest.dynamicTest(stem + ": the draft is valid, quotes the article verbatim, invents no day, "
                + "reuses no other event, links no unknown person, and its figures are printed", () -> one(t, stem, number)));
        }
        tests.add(DynamicTest.dynamicTest("over the whole corpus, precision and recall of events, participants, dates, statuses, "
            + "places, links and statements stay above the thresholds", IngestCorpusTest::totals));
        return tests.stream();
    }

    private static void one(Path textFile, String stem, String number) throws IOException {
        CorpusGold gold = CorpusGold.read(textFile.resolveSibling(stem + ".gold"));
        String text = Files.readString(textFile, StandardCharsets.UTF_8);
        String title = text.lines().filter(l -> !l.isBlank()).findFirst().orElse(stem).strip();
        Article article = new Article(number, text, gold.date, gold.publisher, title);
        Ingest.Drafting d = Ingest.draft(article, kb);

        // the draft parses, and passes SHACL and every check with the project's data
        Path file = drafts.resolve(number + ".trig");
        Files.writeString(file, d.draft().trig(Ingest.header(article, textFile)), StandardCharsets.UTF_8);
        DatasetGraph dsg = DatasetGraphFactory.create();
        RDFParser.source(file).lang(Lang.TRIG).parse(dsg);
        List<Path> files = new ArrayList<>(project.dataFiles());
        files.add(file);
        ValidationReport report = Database.validate(project, files);

        // every evidence literal is verbatim in the article
        List<String> notVerbatim = new ArrayList<>();
        dsg.find(Node.ANY, Node.ANY, Draft.tg("evidence"), Node.ANY).forEachRemaining(q -> {
            if (!text.contains(q.getObject().getLiteralLexicalForm()))
                notVerbatim.add(q.getObject().getLiteralLexicalForm());
        });

        // the comparison with the gold
        Graph g = dsg.getGraph(NodeFactory.createURI(Graphs.GRAPH + "source/" + number));
        CorpusGold.Score s = gold.compare(g, kb.events.keySet());

        // persons the graph does not know: reported, never linked
        for (String name : gold.unknown) {
            s.unknownPersons++;
            String surname = name.substring(name.lastIndexOf(' ') + 1);
            boolean reported = d.extractor().unresolved.stream().anyMatch(u -> u.mention().text().contains(surname));
            if (reported)
                s.unknownReported++;
            else
                s.faults.add("the unknown person " + name + " is not reported in the review");
            Matcher m = Pattern.compile("\\b(?:" + Pattern.quote(name) + "|" + Pattern.quote(surname) + ")\\b").matcher(text);
            while (m.find()) {
                int a = m.start(), b = m.end();
                for (Mentions.Mention mention : d.extractor().found)
                    if (mention.resolved() && mention.start() < b && a < mention.end()) {
                        s.unknownLinked++;
                        s.faults.add("the unknown person " + name + " is linked to " + mention.entities().stream().map(KnowledgeBase::local).toList()
                                     + " (\"" + mention.text() + "\", " + mention.how() + ")");
                    }
            }
        }
        rows.put(stem, s);
        System.out.println(header());
        System.out.println(row(stem, s));
        s.faults.forEach(f -> System.out.println("  FAULT " + f));
        s.misses.forEach(f -> System.out.println("  miss  " + f));

        assertTrue(report.conforms(), () -> "SHACL and checks: " + report.findings());
        assertEquals(List.of(), notVerbatim, "evidence literals that are not verbatim substrings of the article");
        assertEquals(0, s.wrongDays, () -> "wrong days: " + s.faults);
        assertEquals(0, s.wrongReuses, () -> "existing events reused for other events: " + s.faults);
        assertEquals(0, s.unknownLinked, () -> "unknown persons linked to known ones: " + s.faults);
        assertEquals(0, s.unknownSpeakers, () -> "known speakers for what unknown persons said: " + s.faults);
        assertEquals(s.unknownPersons, s.unknownReported, () -> "unknown persons not reported: " + s.faults);
    }

    private static void totals() {
        assertTrue(rows.size() >= 10, "every article was ingested first");
        CorpusGold.Score t = new CorpusGold.Score();
        rows.values().forEach(t::add);
        System.out.println();
        System.out.println(header());
        rows.forEach((k, s) -> System.out.println(row(k, s)));
        System.out.println(row("total", t));
        List<String> below = new ArrayList<>();
        check(below, "event precision", t.eventPrecision(), EVENT_PRECISION);
        check(below, "event recall", t.eventRecall(), EVENT_RECALL);
        check(below, "participant precision", t.participantPrecision(), PARTICIPANT_PRECISION);
        check(below, "participant recall", t.participantRecall(), PARTICIPANT_RECALL);
        check(below, "date precision", t.datePrecision(), DATE_PRECISION);
        check(below, "status precision", t.statusPrecision(), STATUS_PRECISION);
        check(below, "place precision", t.placePrecision(), PLACE_PRECISION);
        check(below, "link accuracy", t.linkAccuracy(), LINK_ACCURACY);
        check(below, "statement precision", t.statementPrecision(), STATEMENT_PRECISION);
        check(below, "statement recall", t.statementRecall(), STATEMENT_RECALL);
        assertEquals(List.of(), below, "figures below their thresholds");
    }

    private static void check(List<String> below, String what, double value, double threshold) {
        if (value < threshold)
            below.add(String.format(Locale.ROOT, "%s %.0f %% < %.0f %%", what, 100 * value, 100 * threshold));
    }

    static String header() {
        return "| article | events P | events R | participants P | participants R | dates P | dates R | wrong days | statuses | places P | places R | links | statements P | statements R | unknown persons (reported / linked) |\n"
            + "|---|---|---|---|---|---|---|---:|---|---|---|---|---|---|---|";
    }

    static String row(String name, CorpusGold.Score s) {
        return "| " + name + " | " + pct(s.matchedDraft, s.draftEvents) + " | " + pct(s.matchedGold, s.goldEvents)
            + " | " + pct(s.rightParts, s.draftParts) + " | " + pct(s.foundParts, s.goldParts)
            + " | " + pct(s.rightDates, s.draftDates) + " | " + pct(s.foundDates, s.goldDates) + " | " + s.wrongDays
            + " | " + pct(s.rightStatuses, s.draftStatuses) + " | " + pct(s.rightPlaces, s.draftPlaces) + " | " + pct(s.foundPlaces, s.goldPlaces)
            + " | " + pct(s.rightLinks, s.links) + " | " + pct(s.matchedDraftStatements, s.draftStatements)
            + " | " + pct(s.matchedGoldStatements, s.goldStatements) + " | " + s.unknownReported + "/" + s.unknownPersons + " / " + s.unknownLinked + " |";
    }

    private static String pct(int a, int b) {
        return b == 0 ? "–" : String.format(Locale.ROOT, "%.0f %% (%d/%d)", 100.0 * a / b, a, b);
    }
}
