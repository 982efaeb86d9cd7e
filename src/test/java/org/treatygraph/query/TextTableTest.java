package org.treatygraph.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.shared.impl.PrefixMappingImpl;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.Test;

/** Text tables fit their width: prefixed IRIs, narrow columns kept whole, wide ones shared out and cut with an ellipsis. */
class TextTableTest {
    static final String EVENT = "https://w3id.org/treatygraph/id/event/";

    private static String table(int width, Binding... rows) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrefixMapping pm = new PrefixMappingImpl().setNsPrefix("event", EVENT);
        TextTable.write(new PrintStream(b, true, StandardCharsets.UTF_8), List.of("event", "name"), List.of(rows), pm, width);
        return b.toString(StandardCharsets.UTF_8);
    }

    private static Binding row(String event, String name) {
        return Binding.builder().add(Var.alloc("event"), NodeFactory.createURI(event))
                      .add(Var.alloc("name"), NodeFactory.createLiteralLang(name, "en")).build();
    }

    @Test
    void a_table_without_a_width_is_drawn_as_jena_draws_it_with_the_prefixes() {
        assertEquals(List.of(
            "-".repeat(83),
            "| event                               | name                                      |",
            "=".repeat(83),
            "| event:2019-01-14-kono-lavrov-moscow | \"Kono–Lavrov meeting, 14 January 2019\"@en |",
            "-".repeat(83)),
            table(0, row(EVENT + "2019-01-14-kono-lavrov-moscow", "Kono–Lavrov meeting, 14 January 2019")).lines().toList());
    }

    @Test
    void a_table_wider_than_its_width_cuts_iris_in_the_middle_and_text_at_the_end() {
        String t = table(60, row(EVENT + "2019-01-14-kono-lavrov-moscow", "Kono–Lavrov meeting, 14 January 2019"),
                             row("https://example.org/a/very/long/path/to/something-distinctive", "short"));
        for (String line : t.lines().toList())
            assertTrue(TextTable.displayWidth(line) <= 60, line + "\n" + t);
        assertTrue(t.contains("| event:201…ono-lavrov-moscow |"), t);
        assertTrue(t.contains("| \"Kono–Lavrov meeting, 14 … |"), t);
        assertTrue(t.contains("| <https://…hing-distinctive> |"), t);
    }

    @Test
    void narrow_columns_keep_their_width_and_the_wide_ones_share_what_is_left() {
        assertArrayEquals(new int[] {10, 37, 36}, TextTable.fit(new int[] {10, 80, 200}, 93));
        assertArrayEquals(new int[] {10, 20}, TextTable.fit(new int[] {10, 20}, 0));
        assertArrayEquals(new int[] {8, 8, 8}, TextTable.fit(new int[] {30, 30, 30}, 10), "never below the minimum");
    }

    @Test
    void wide_characters_count_two_columns() {
        assertEquals(8, TextTable.displayWidth("河野太郎"));
        assertEquals("河野…", TextTable.cut("河野太郎", 5, false));
    }
}
