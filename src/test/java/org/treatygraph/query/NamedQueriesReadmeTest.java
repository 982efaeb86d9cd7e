package org.treatygraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The README's list of named queries is the catalog's: name, question, parameters. To rewrite it
 * after adding or changing a query: {@code mvn -B -q test -Dtest=NamedQueriesReadmeTest -Dqueries.regenerate=true}.
 */
class NamedQueriesReadmeTest {
    static final Path README = Path.of("README.md");
    static final String START = "<!-- named-queries:start";
    static final String END = "<!-- named-queries:end -->";

    /** The list as the README should show it. */
    static String list(NamedQueries catalog) {
        StringBuilder b = new StringBuilder();
        b.append("| name | question | parameters (defaults) |\n|---|---|---|\n");
        for (NamedQuery q : catalog.all()) {
            String params = q.parameters().isEmpty() ? "—" : q.parameters().stream()
                .map(p -> "`?" + p.name() + "`" + (p.defaultValue().isEmpty() ? "" : " `" + p.defaultValue() + "`"))
                .collect(Collectors.joining(", "));
            b.append("| [`").append(q.name()).append("`](queries/").append(q.name()).append(".rq)")
             .append(q.federated() ? " (federated)" : "")
             .append(" | ").append(q.question().replace("|", "\\|"))
             .append(" | ").append(params.replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    @Test
    void the_readme_lists_every_named_query_with_its_question_and_parameters() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md has no '" + START + " … " + END + "' block");
        int bodyStart = readme.indexOf('\n', start) + 1;
        String wanted = list(NamedQueries.load(Path.of("queries")));
        if (Boolean.getBoolean("queries.regenerate")) {
            readme = readme.substring(0, bodyStart) + wanted + readme.substring(end);
            Files.writeString(README, readme, StandardCharsets.UTF_8);
            end = readme.indexOf(END);
        }
        assertEquals(wanted, readme.substring(bodyStart, end),
            "README.md's list of named queries is out of date: run "
            + "mvn -B -q test -Dtest=NamedQueriesReadmeTest -Dqueries.regenerate=true");
    }
}
