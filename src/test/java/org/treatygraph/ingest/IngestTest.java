package org.treatygraph.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.load.Project;

/** The mention resolver (table-driven), an unknown person reported and not linked, and one text end to end. */
class IngestTest {
    private static KnowledgeBase kb;

    @BeforeAll
    static void knowledgeBase() {
        kb = KnowledgeBase.fromFiles(new Project(Path.of("")), List.of());
    }

    /** sentence, day, mention text (as found), the entity it must resolve to (under id/). */
    private record Case(String sentence, String day, String mention, String entity) {}

    private static final List<Case> CASES = List.of(
        new Case("Foreign Minister Taro Kono said Monday.", "2019-01-14", "Taro Kono", "person/taro-kono"),
        new Case("The Japanese Foreign Minister met reporters.", "2019-01-14", "The Japanese Foreign Minister", "person/taro-kono"),
        new Case("The Japanese Foreign Minister met reporters.", "2020-01-14", "The Japanese Foreign Minister", "person/toshimitsu-motegi"),
        new Case("Russia's top diplomat arrived.", "2019-02-25", "Russia's top diplomat", "person/sergey-lavrov"),
        new Case("Kono expressed his eagerness.", "2018-12-04", "Kono", "person/taro-kono"),
        new Case("They will have Mr. Mori, Senior Deputy Minister, hold deliberations.", "2019-01-14", "Mori", "person/takeo-mori"),
        new Case("Russian Deputy Foreign Minister Igor Morgulov summoned him.", "2019-01-09", "Igor Morgulov", "person/igor-morgulov"),
        new Case("He met Japanese Ambassador Toyohisa Kozuki.", "2019-01-09", "Toyohisa Kozuki", "person/toyohisa-kozuki"),
        new Case("The Russian Foreign Ministry's spokeswoman raised questions.", "2019-01-14", "Russian Foreign Ministry's spokeswoman", "person/maria-zakharova"),
        new Case("Japanese Chief Cabinet Secretary Yoshihide Suga announced it.", "2019-02-16", "Yoshihide Suga", "person/yoshihide-suga"),
        new Case("Russian President Vladimir Putin said.", "2018-12-19", "Vladimir Putin", "person/vladimir-putin"),
        new Case("the four islands, also including Etorofu and Kunashiri", "2019-01-14", "Etorofu", "island/iturup"),
        new Case("the islands, known as the Southern Kurils in Russia", "2019-01-14", "Southern Kurils", "island/disputed-islands"),
        new Case("The Japanese Foreign Ministry announced to TASS.", "2019-02-25", "Japanese Foreign Ministry", "org/japan-mofa"),
        new Case("They met in Moscow.", "2019-01-14", "Moscow", "place/moscow"),
        // forms of names in the new articles: romanizations, surname first, diacritics, plurals, aliases, counterparts
        new Case("Japanese Foreign Minister Taro Kono and his Russian counterpart Sergei Lavrov failed Friday.", "2019-05-10", "Sergei Lavrov", "person/sergey-lavrov"),
        new Case("Foreign Minister Taro Kono met his Russian counterpart in Moscow.", "2019-01-14", "his Russian counterpart", "person/sergey-lavrov"),
        new Case("Japanese Prime Minister Abe Shinzo and Russian President Vladimir Putin have met.", "2019-09-05", "Abe Shinzo", "person/shinzo-abe"),
        new Case("Prime Minister Shinzō Abe left Tokyo on Wednesday.", "2019-09-04", "Shinzō Abe", "person/shinzo-abe"),
        new Case("Putin visits Japan for the Group of 20 summit in Osaka.", "2019-05-10", "Group of 20", "org/g20"),
        new Case("The islands are Etorofu, Kunashiri, Shikotan and the Habomais.", "2020-02-15", "Habomais", "island/habomai"),
        new Case("Japan claims the islands of Iturup, Kunashir and Shikotan.", "2019-09-25", "Kunashir", "island/kunashir"),
        new Case("The Russian Foreign Ministry said Monday that Russia did not intend to continue the talks.", "2022-03-22", "Russian Foreign Ministry", "org/russia-mfa"),
        new Case("Vice Foreign Minister Takeo Mori told Galuzin that the decision was unjust.", "2022-03-22", "Takeo Mori", "person/takeo-mori"),
        new Case("a visit by President Vladimir Putin's foreign minister to Japan", "2019-11-23", "foreign minister", "person/sergey-lavrov"));

    /** sentence, day, words that name someone the graph does not know (or no one in particular): never resolved. */
    private record Unknown(String sentence, String day, String words) {}

    private static final List<Unknown> UNKNOWN = List.of(
        new Unknown("Lavrov said Defense Minister Sergei Shoigu and Japanese Defense Minister Takeshi Iwaya would attend.", "2019-05-10", "Sergei Shoigu"),
        new Unknown("Iwaya told his Russian counterpart that the deployment was unacceptable.", "2019-05-31", "his Russian counterpart"),
        new Unknown("Japan's Vice Foreign Minister Takeo Akiba lodged a protest with Russian Ambassador Mikhail Galuzin.", "2019-08-02", "Takeo Akiba"),
        new Unknown("Kremlin spokesman Dmitry Peskov told reporters the report was not true.", "2019-06-21", "Dmitry Peskov"),
        new Unknown("The Kremlin spokesman said no deal was near.", "2019-06-21", "Kremlin spokesman"),
        new Unknown("A Russian Deputy Foreign Minister said the talks would go on.", "2019-05-10", "Russian Deputy Foreign Minister"),
        new Unknown("Prime Minister Mikhail Mishustin's visit angered Tokyo.", "2021-07-26", "Mikhail Mishustin"),
        new Unknown("Chief Cabinet Secretary Katsunobu Kato said Tokyo would respond.", "2021-07-26", "Katsunobu Kato"));

    @TestFactory
    Stream<DynamicTest> a_name_the_graph_does_not_know_or_a_post_that_names_no_one_is_never_resolved() {
        return UNKNOWN.stream().map(c -> DynamicTest.dynamicTest("'" + c.words() + "' on " + c.day() + " stays unresolved", () -> {
            LocalDate day = LocalDate.parse(c.day());
            Mentions m = new Mentions(kb, day);
            Text.Sentence s = Text.sentences(c.sentence()).get(0);
            int a = c.sentence().indexOf(c.words()), b = a + c.words().length();
            List<Mentions.Mention> found = m.find(s, day);
            for (Mentions.Mention x : found)
                assertFalse(x.resolved() && x.start() < b && a < x.end(),
                            () -> "'" + x.text() + "' resolved to " + x.entities() + " (" + x.how() + ")");
        }));
    }

    @TestFactory
    Stream<DynamicTest> each_mention_resolves_to_its_entity_through_names_posts_and_tenures() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest("'" + c.mention() + "' on " + c.day() + " is " + c.entity(), () -> {
            LocalDate day = LocalDate.parse(c.day());
            Mentions m = new Mentions(kb, day);
            Text.Sentence s = Text.sentences(c.sentence()).get(0);
            List<Mentions.Mention> found = m.find(s, day);
            Mentions.Mention hit = found.stream().filter(x -> x.text().contains(c.mention()) || c.mention().contains(x.text()))
                .filter(Mentions.Mention::resolved).max(java.util.Comparator.comparingInt(x -> x.text().length()))
                .orElseThrow(() -> new AssertionError("no resolved mention of '" + c.mention() + "' in " + found));
            assertEquals(Draft.id(c.entity()), hit.entity(), () -> "resolved by " + hit.how());
        }));
    }

    @Test
    void an_unknown_person_is_reported_with_candidates_and_not_linked() {
        String text = "Russian Deputy Foreign Minister Andrei Rudenko met Japanese Ambassador Toyohisa Kozuki in Moscow on Tuesday.\n";
        Article a = new Article("099", text, LocalDate.parse("2019-01-16"), "test", "test");
        Ingest.Drafting d = Ingest.draft(a, kb);
        Facts.Unresolved u = d.extractor().unresolved.stream().filter(x -> x.mention().text().equals("Andrei Rudenko")).findFirst()
            .orElseThrow(() -> new AssertionError("Andrei Rudenko not reported: " + d.extractor().unresolved));
        assertFalse(u.mention().resolved(), "an unknown person is never linked");
        assertTrue(u.mention().candidates().contains(Draft.id("person/igor-morgulov")),
                   "the holder of the post the text names is a candidate: " + u.mention().candidates());
        Node morgulov = Draft.id("person/igor-morgulov");
        assertTrue(d.draft().triples.stream().noneMatch(t -> t.o().equals(morgulov) || t.s().equals(morgulov)),
                   "the draft does not put Morgulov where the text names Rudenko");
        assertTrue(new Review(d, null, "x").markdown().contains("Andrei Rudenko"), "the review lists the unresolved mention");
    }

    @Test
    void one_text_end_to_end_draft_parses_passes_shacl_and_checks_and_quotes_the_article_verbatim(@TempDir Path dir) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        copy(root.resolve("ontology"), dir.resolve("ontology"));
        copy(root.resolve("data"), dir.resolve("data"));
        Project project = new Project(dir);
        Path article = dir.resolve("article.txt");
        String text = Files.readString(root.resolve("data/sources/texts/002_8ef769d34f6d49cd.txt"));
        Files.writeString(article, text);
        Ingest.Result r = Ingest.run(project, new Ingest.Options(article, LocalDate.parse("2019-01-14"),
            "a Japanese English-language newspaper site (wire story)", null, null));
        assertEquals(dir.resolve("data/drafts/005.trig"), r.draft(), "the next free number, under data/drafts/");
        assertTrue(r.validation().conforms(), () -> "SHACL and checks: " + r.validation().findings());
        DatasetGraph dsg = DatasetGraphFactory.create();
        RDFParser.source(r.draft()).lang(Lang.TRIG).parse(dsg);
        List<String> evidence = new ArrayList<>();
        dsg.find(Node.ANY, Node.ANY, Draft.tg("evidence"), Node.ANY).forEachRemaining(q -> evidence.add(q.getObject().getLiteralLexicalForm()));
        assertFalse(evidence.isEmpty(), "the draft carries evidence");
        for (String e : evidence)
            assertTrue(text.contains(e), "evidence not verbatim in the article: " + e);
        long reified = count(dsg, org.apache.jena.vocabulary.RDF.subject.asNode());
        assertTrue(reified > 0 && count(dsg, Draft.tg("confidence")) >= reified,
                   "every drafted triple has its evidence and confidence");
        assertTrue(Files.readString(r.markdown()).contains("## Facts") && Files.readString(r.html()).contains("<h2>Facts</h2>"));
        assertFalse(project.dataFiles().contains(r.draft()), "a draft is never part of the build");
    }

    private static long count(DatasetGraph dsg, Node p) {
        long[] n = {0};
        dsg.find(Node.ANY, Node.ANY, p, Node.ANY).forEachRemaining(q -> n[0]++);
        return n[0];
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                if (p.startsWith(from.resolve("drafts")))
                    continue;
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p))
                    Files.createDirectories(t);
                else
                    Files.copy(p, t);
            }
        }
    }
}
