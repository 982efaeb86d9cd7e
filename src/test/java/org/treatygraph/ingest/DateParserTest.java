package org.treatygraph.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every time expression of the five texts (and a few more), resolved against the text's date as the curated graphs do. */
class DateParserTest {

    /** sentence, article date, expression, earliest, latest (null: open), precision, kind. */
    private record Case(String sentence, String articleDate, String words, String earliest, String latest, When.Precision precision, When.Kind kind) {}

    private static final List<Case> CASES = List.of(
        // 000 (early December 2018, after 4 December)
        new Case("FM Kono to visit Russia this month and early next month", "2018-12-04", "this month", "2018-12-01", "2018-12-31", When.Precision.MONTH, When.Kind.RELATIVE),
        new Case("FM Kono to visit Russia this month and early next month", "2018-12-04", "early next month", "2019-01-01", "2019-01-10", When.Precision.NONE, When.Kind.RELATIVE),
        new Case("his visit to the country this month and early in the new year to meet", "2018-12-04", "early in the new year", "2019-01-01", "2019-01-10", When.Precision.NONE, When.Kind.RELATIVE),
        new Case("a summit meeting to be held between Abe and Putin late January next year.", "2018-12-04", "late January next year", "2019-01-21", "2019-01-31", When.Precision.NONE, When.Kind.RELATIVE),
        new Case("During a summit meeting in Argentina on Dec. 1, Prime Minister Abe and President Putin agreed", "2018-12-04", "on Dec. 1", "2018-12-01", "2018-12-01", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("Kono expressed his eagerness at a press conference on Dec. 4, saying", "2018-12-04", "on Dec. 4", "2018-12-04", "2018-12-04", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("In 1956, Kono's grandfather met for three days with Nikita Khrushchev", "2018-12-04", "In 1956", "1956-01-01", "1956-12-31", When.Precision.YEAR, When.Kind.ABSOLUTE),
        new Case("Since my grandfather went to the Kremlin 60 years ago, the issue has been unresolved.", "2018-12-04", "60 years ago", "1958-01-01", "1958-12-31", When.Precision.YEAR, When.Kind.REFERENCE),
        // 001 (14 January 2019)
        new Case("On January 14, Mr. Taro Kono held his eighth Japan-Russia Foreign Ministers' Meeting", "2019-01-14", "On January 14", "2019-01-14", "2019-01-14", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("to hold a meeting between Mr. Mori and Mr. Morgulov on January 15 and", "2019-01-14", "on January 15", "2019-01-15", "2019-01-15", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("if both foreign ministers will attend the Munich Security Conference (MSC) in February.", "2019-01-14", "in February", "2019-02-01", "2019-02-28", When.Precision.MONTH, When.Kind.RELATIVE),
        new Case("the Summit Meeting in the afternoon of January 22 on the occasion", "2019-01-14", "January 22", "2019-01-22", "2019-01-22", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("the Commission on Trade and Economic Issues held in December last year, which Kono chaired.", "2019-01-14", "in December last year", "2018-12-01", "2018-12-31", When.Precision.MONTH, When.Kind.RELATIVE),
        // 002 (Monday 14 January 2019)
        new Case("Japan wants to make 2019 a historic year, Foreign Minister Taro Kono said Monday, despite", "2019-01-14", "Monday", "2019-01-14", "2019-01-14", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("a summit of their leaders on Jan. 22 in Russia", "2019-01-14", "on Jan. 22", "2019-01-22", "2019-01-22", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("entrusted the minsters with the new mission in December.", "2019-01-14", "in December", "2018-12-01", "2018-12-31", When.Precision.MONTH, When.Kind.RELATIVE),
        new Case("another foreign ministers' meeting in February on the sidelines", "2019-01-14", "in February", "2019-02-01", "2019-02-28", When.Precision.MONTH, When.Kind.RELATIVE),
        new Case("During a Singapore summit in November, Abe and Putin agreed", "2019-01-14", "in November", "2018-11-01", "2018-11-30", When.Precision.MONTH, When.Kind.RELATIVE),
        new Case("is believed to be seeking a broad agreement in June when Putin is expected to visit Japan", "2019-01-14", "in June", "2019-06-01", "2019-06-30", When.Precision.MONTH, When.Kind.RELATIVE),
        new Case("Igor Morgulov summoned Japanese Ambassador Toyohisa Kozuki on Wednesday and protested", "2019-01-14", "on Wednesday", "2019-01-09", "2019-01-09", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("Russia's Tass news agency reported Sunday.", "2019-01-14", "Sunday", "2019-01-13", "2019-01-13", When.Precision.DAY, When.Kind.RELATIVE),
        // 003 (Monday 25 February 2019)
        new Case("Lavrov and Japanese Foreign Minister Taro Kono met for talks the previous time on February 16 in Germany", "2019-02-25", "on February 16", "2019-02-16", "2019-02-16", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("the Japanese Foreign Ministry announced to TASS on Monday.", "2019-02-25", "on Monday", "2019-02-25", "2019-02-25", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("would hold consultations on the peace treaty issue in the coming weeks.", "2019-02-25", "in the coming weeks", "2019-02-25", null, When.Precision.NONE, When.Kind.OPEN),
        new Case("special envoys of the leaders of our countries will hold a meeting in the near future, and", "2019-02-25", "in the near future", "2019-02-25", null, When.Precision.NONE, When.Kind.OPEN),
        new Case("In November 2018, Russian President Vladimir Putin and Japanese Prime Minister Shinzo Abe held a meeting", "2019-02-25", "In November 2018", "2018-11-01", "2018-11-30", When.Precision.MONTH, When.Kind.ABSOLUTE),
        new Case("the Treaty of Mutual Cooperation and Security in 1960, the Soviet Union withdrew", "2019-02-25", "in 1960", "1960-01-01", "1960-12-31", When.Precision.YEAR, When.Kind.ABSOLUTE),
        new Case("A Soviet government's memorandum dated January 27, 1960, said that", "2019-02-25", "January 27, 1960", "1960-01-27", "1960-01-27", When.Precision.DAY, When.Kind.ABSOLUTE),
        // 004 (Wednesday 19 December 2018)
        new Case("he told reporters at a news conference at the Japanese National Press Club on Wednesday.", "2018-12-19", "on Wednesday", "2018-12-19", "2018-12-19", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("Over the past few weeks, the minister has repeatedly refrained from answering questions", "2018-12-19", "Over the past few weeks", null, "2018-12-19", When.Precision.NONE, When.Kind.OPEN),
        new Case("Last week, Kono apologized but asked reporters to show understanding", "2018-12-19", "Last week", "2018-12-10", "2018-12-16", When.Precision.NONE, When.Kind.RELATIVE),
        new Case("which was due to take place before the end of this year, could be put off until next January.", "2018-12-19", "next January", "2019-01-01", "2019-01-31", When.Precision.MONTH, When.Kind.RELATIVE),
        new Case("Japanese Prime Minister Shinzo Abe's visit to Moscow is scheduled for late January 2019.", "2018-12-19", "late January 2019", "2019-01-21", "2019-01-31", When.Precision.NONE, When.Kind.ABSOLUTE),
        new Case("According to Japanese media, it can take place on January 21.", "2018-12-19", "on January 21", "2019-01-21", "2019-01-21", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("held on the sidelines of the G20 summit in Buenos Aires in early December that", "2018-12-19", "in early December", "2018-12-01", "2018-12-10", When.Precision.NONE, When.Kind.RELATIVE),
        new Case("Putin and Abe agreed at a meeting in Singapore on November 14 to intensify", "2018-12-19", "on November 14", "2018-11-14", "2018-11-14", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("based on the Joint Declaration of October 19, 1956.", "2018-12-19", "October 19, 1956", "1956-10-19", "1956-10-19", When.Precision.DAY, When.Kind.ABSOLUTE),
        // beyond the five texts
        new Case("The two ministers will meet again next month in Tokyo.", "2019-05-10", "next month", "2019-06-01", "2019-06-30", When.Precision.MONTH, When.Kind.RELATIVE),
        new Case("Kono and Lavrov will talk again on Friday.", "2019-05-07", "on Friday", "2019-05-10", "2019-05-10", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("The ministers met in Moscow last month.", "2019-05-10", "last month", "2019-04-01", "2019-04-30", When.Precision.MONTH, When.Kind.RELATIVE),
        new Case("Kono told reporters yesterday that the date was not set.", "2019-05-10", "yesterday", "2019-05-09", "2019-05-09", When.Precision.DAY, When.Kind.RELATIVE),
        // the new articles (src/test/resources/ingest/articles)
        new Case("the G20 summit in Osaka, which will be held on June 28-29.", "2019-05-10", "on June 28-29", "2019-06-28", "2019-06-29", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("a meeting of foreign and defense ministers in Tokyo later this month.", "2019-05-10", "later this month", "2019-05-10", "2019-05-31", When.Precision.NONE, When.Kind.RELATIVE),
        new Case("Kremlin spokesman Dmitry Peskov said earlier this week that no breakthrough should be expected.", "2019-06-29", "earlier this week", "2019-06-24", "2019-06-29", When.Precision.NONE, When.Kind.RELATIVE),
        new Case("a pilot tourism program for Japanese visitors to the islands in the fall.", "2019-06-29", "in the fall", "2019-09-01", "2019-11-30", When.Precision.NONE, When.Kind.RELATIVE),
        new Case("he intended to visit Russia before the end of the year.", "2019-09-25", "before the end of the year", "2019-09-25", "2019-12-31", When.Precision.NONE, When.Kind.RELATIVE),
        new Case("Abe left Tokyo on Wednesday for the Russian port city of Vladivostok", "2019-09-04", "on Wednesday", "2019-09-04", "2019-09-04", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("the first meeting in the two plus two format since March 2017 would take place in Tokyo on May 30", "2019-05-10", "on May 30", "2019-05-30", "2019-05-30", When.Precision.DAY, When.Kind.RELATIVE),
        new Case("The two ministers agreed to hold the next meeting in Japan early next year.", "2019-12-19", "early next year", "2020-01-01", "2020-04-30", When.Precision.NONE, When.Kind.RELATIVE));

    @TestFactory
    Stream<DynamicTest> each_time_expression_of_the_texts_resolves_against_the_article_date() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest("'" + c.words() + "' on " + c.articleDate() + " means "
                + (c.earliest() == null ? "…" : c.earliest()) + " to " + (c.latest() == null ? "…" : c.latest()), () -> {
            List<When> found = DateParser.parse(c.sentence(), 0, LocalDate.parse(c.articleDate()));
            When w = found.stream().filter(x -> x.text().equals(c.words())).findFirst()
                .orElseThrow(() -> new AssertionError("'" + c.words() + "' not found; found " + found));
            assertEquals(c.earliest() == null ? null : LocalDate.parse(c.earliest()), w.earliest(), "earliest");
            assertEquals(c.latest() == null ? null : LocalDate.parse(c.latest()), w.latest(), "latest");
            assertEquals(c.precision(), w.precision(), "precision");
            assertEquals(c.kind(), w.kind(), "kind");
            assertEquals(c.words(), c.sentence().substring(w.start(), w.end()), "offsets point at the words");
        }));
    }

    @TestFactory
    Stream<DynamicTest> words_that_are_no_date_are_not_dates() {
        return Stream.of("Japan may propose talks.", "the 1956 joint declaration mentions the transfer", "Abe has held 24 summit talks with Putin",
                         "a fruitful and historic one")
            .map(s -> DynamicTest.dynamicTest("'" + s + "' has no date", () ->
                assertFalse(DateParser.parse(s, 0, LocalDate.parse("2019-01-14")).stream().anyMatch(w -> w.kind() != When.Kind.REFERENCE),
                            () -> DateParser.parse(s, 0, LocalDate.parse("2019-01-14")).toString())));
    }
}
