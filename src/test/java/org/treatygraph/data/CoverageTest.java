package org.treatygraph.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.query.QueryFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Coverage is measured, not claimed: every fact listed in data/COVERAGE.md is retrieved from its
 * source graph. Each numbered line ends with a back-ticked SPARQL group graph pattern, run as
 * {@code ASK { GRAPH <…/graph/source/NNN> { pattern } }} over the asserted data (no inference).
 */
class CoverageTest {

    static final Path COVERAGE = SourceData.DATA.resolve("COVERAGE.md");

    /** One fact of COVERAGE.md: its text's number, its own number, its words and its pattern. */
    record Item(String source, int number, String fact, String pattern) {
        String name() { return source + " #" + number + ": " + fact; }
        String ask() {
            return "ASK { GRAPH <" + SourceData.sourceGraph(source) + "> {\n" + pattern + "\n} }";
        }
    }

    private static final Pattern SECTION = Pattern.compile("^## (\\d{3})\\b.*");
    private static final Pattern ITEM = Pattern.compile("^(\\d+)\\. (.*?)\\s+—\\s+`([^`]+)`\\s*$");

    static List<Item> items() {
        List<Item> items = new ArrayList<>();
        String section = null;
        for (String line : SourceData.read(COVERAGE).split("\\R")) {
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1);
                continue;
            }
            if (line.startsWith("## "))
                section = null;
            Matcher m = ITEM.matcher(line);
            if (section != null && m.matches())
                items.add(new Item(section, Integer.parseInt(m.group(1)), m.group(2), m.group(3)));
            else if (section != null && line.matches("^\\d+\\. .*"))
                throw new IllegalStateException("COVERAGE.md: a numbered line in section " + section
                    + " does not end with ' — `pattern`': " + line);
        }
        return items;
    }

    @TestFactory
    Stream<DynamicTest> every_fact_listed_in_coverage_is_retrieved_from_its_source_graph() {
        return items().stream().map(item -> DynamicTest.dynamicTest(item.name(), () ->
            assertTrue(SourceData.ask(item.ask()),
                "nothing in graph source/" + item.source() + " matches the pattern of " + item.source() + " #"
                + item.number() + ":\n" + item.pattern())));
    }

    @Test
    void coverage_lists_numbered_facts_for_every_source_text() {
        Map<String, List<Integer>> numbers = new LinkedHashMap<>();
        for (Item item : items())
            numbers.computeIfAbsent(item.source(), k -> new ArrayList<>()).add(item.number());
        assertEquals(SourceData.SOURCE_NUMBERS, List.copyOf(numbers.keySet()), "one section per source text, in order");
        numbers.forEach((source, list) -> {
            assertFalse(list.isEmpty(), source + " lists no facts");
            for (int i = 0; i < list.size(); i++)
                assertEquals(i + 1, list.get(i), source + ": facts are numbered 1, 2, 3 … without gaps");
        });
    }

    @Test
    void every_coverage_pattern_is_valid_sparql() {
        List<String> bad = new ArrayList<>();
        for (Item item : items()) {
            try {
                QueryFactory.create(SourceData.PREFIXES + item.ask());
            } catch (RuntimeException e) {
                bad.add(item.name() + "\n    " + e.getMessage());
            }
        }
        assertTrue(bad.isEmpty(), "patterns that do not parse:\n" + String.join("\n", bad));
    }
}
