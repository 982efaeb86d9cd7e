package org.treatygraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Project;
import org.treatygraph.load.Store;

class NamedQueriesTest {
    private static final Path QUERIES = Fixtures.PROJECT.resolve("queries");

    @Test
    void the_catalog_reads_name_title_question_and_returns_from_each_header() {
        NamedQueries catalog = NamedQueries.load(QUERIES);
        assertEquals(List.of("people"), catalog.all().stream().map(NamedQuery::name).toList());
        NamedQuery q = catalog.get("people").orElseThrow();
        assertEquals("People", q.title());
        assertEquals("Who are the people in the graph, by name?", q.question());
        assertEquals("?person ?name, one row per person, ordered by name.", q.returns());
        assertTrue(q.text().contains("ORDER BY ?name"));
    }

    @Test
    void every_named_query_of_the_project_is_handed_out_as_its_text_parses() {
        NamedQueries catalog = NamedQueries.load(Path.of("queries"));
        assertTrue(catalog.all().size() > 20, "queries/ holds the named queries");
        for (NamedQuery q : catalog.all()) {
            Query fresh = QueryFactory.create(q.text(), Syntax.syntaxARQ);
            for (int i = 0; i < 2; i++) {
                Query copy = q.parse();
                assertEquals(fresh, copy, q.name());
                assertEquals(fresh.serialize(), copy.serialize(), q.name());
                assertEquals(fresh.getResultVars(), copy.getResultVars(), q.name());
            }
        }
    }

    @Test
    void a_named_query_runs_over_the_database_and_prints_a_table(@TempDir Path tmp) {
        DatasetGraph dsg = Fixtures.built(tmp.resolve("tdb2"), new Project(Fixtures.PROJECT)).dataset();
        assertTrue(dsg.getContext().isTrue(TDB2.symUnionDefaultGraph));
        NamedQueries catalog = NamedQueries.load(QUERIES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        catalog.run(catalog.resolve("people"), DatasetFactory.wrap(dsg), QueryContext.defaults(), out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(1).matches("\\|\\s*person\\s*\\|\\s*name\\s*\\|"), lines.get(1));
        assertTrue(lines.get(3).contains("<https://w3id.org/treatygraph/id/person/sergey-lavrov>") && lines.get(3).contains("\"Sergey Lavrov\"@en"), lines.get(3));
        assertTrue(lines.get(4).contains("\"Taro Kono\"@en"), lines.get(4));
        assertEquals(6, lines.size(), String.join("\n", lines));
    }

    @Test
    void a_file_path_runs_too_and_an_unknown_name_suggests_the_closest_names_in_one_line(@TempDir Path tmp) throws Exception {
        NamedQueries catalog = NamedQueries.load(QUERIES);
        Path file = tmp.resolve("ask.rq");
        Files.writeString(file, "# # Anything\nASK { ?s ?p ?o }\n");
        assertEquals("ask", catalog.resolve(file.toString()).name());
        NoSuchElementException typo = assertThrows(NoSuchElementException.class, () -> catalog.resolve("peple"));
        assertEquals("no named query 'peple'; did you mean people? (`query` without a name lists all 1)", typo.getMessage());
        NoSuchElementException far = assertThrows(NoSuchElementException.class, () -> catalog.resolve("nope"));
        assertEquals("no named query 'nope' (`query` without a name lists all 1)", far.getMessage());
        NoSuchElementException missing = assertThrows(NoSuchElementException.class,
            () -> catalog.resolve(tmp.resolve("missing.rq").toString()));
        assertTrue(missing.getMessage().startsWith("no query file '") && !missing.getMessage().contains("\n"), missing.getMessage());
    }

    @Test
    void a_missing_queries_folder_is_an_empty_catalog(@TempDir Path tmp) {
        assertTrue(NamedQueries.load(tmp.resolve("absent")).all().isEmpty());
    }
}
