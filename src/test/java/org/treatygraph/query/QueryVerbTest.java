package org.treatygraph.query;

import static org.treatygraph.testing.CommandLine.run;
import org.treatygraph.testing.CommandLine.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Project;

/** The {@code query} verb with parameters, offline, on a copy of the service test project. */
class QueryVerbTest {
    @TempDir Path tmp;
    Project project;
    String db;


    @BeforeEach
    void project() throws Exception {
        project = Fixtures.copyProject(tmp.resolve("project"));
        db = tmp.resolve("db").toString();
        Files.writeString(project.queriesDir().resolve("events_attended.rq"), """
            # # Events attended
            # **Question:** Which events did a given person attend?
            # **Parameters:** ?person (default person:taro-kono)
            # **Returns:** ?event ?name — one row per event, by IRI.
            PREFIX schema: <http://schema.org/>
            PREFIX person: <https://w3id.org/treatygraph/id/person/>
            SELECT ?event ?name
            WHERE { VALUES ?person { person:taro-kono } ?event schema:attendee ?person ; schema:name ?name }
            ORDER BY ?event ?name
            """);
    }

    private Result query(String... more) {
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"query", "--project", project.root().toString(), "--db", db}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        return run(args);
    }

    @Test
    void the_query_verb_runs_a_named_query_with_a_parameter_and_prints_csv() {
        Result r = query("events_attended", "--param", "person=person:sergey-lavrov", "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        assertEquals(java.util.List.of("event,name",
                                       "https://w3id.org/treatygraph/id/event/2019-01-14-kono-lavrov-moscow,\"Kono–Lavrov talks, Moscow\""),
                     r.out().lines().toList());
    }

    @Test
    void the_query_verb_prints_a_table_by_default_with_the_defaults() {
        Result r = query("events_attended");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("# Events attended — Which events did a given person attend?"), r.out());
        assertTrue(r.out().contains("\"Kono–Lavrov talks, Moscow\"@en"), r.out());
    }

    @Test
    void the_list_shows_each_query_with_its_parameters_and_defaults() {
        Result r = query();
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("events_attended  Events attended  — Which events did a given person attend?  [?person=person:taro-kono]"), r.out());
    }

    @Test
    void a_bad_parameter_is_a_usage_error_that_says_what_is_expected() {
        Result r = query("events_attended", "--param", "person=\"Sergey Lavrov\"");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Parameter ?person of query 'events_attended': expected an IRI"), r.err());
        Result undeclared = query("events_attended", "--param", "who=person:sergey-lavrov");
        assertEquals(2, undeclared.exit());
        assertTrue(undeclared.err().contains("Unknown parameter 'who' for query 'events_attended': it takes ?person"), undeclared.err());
        Result malformed = query("events_attended", "--param", "person");
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("--param needs NAME=VALUE"), malformed.err());
        Result format = query("events_attended", "--format", "pdf");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("Unknown --format 'pdf'"), format.err());
    }
}
