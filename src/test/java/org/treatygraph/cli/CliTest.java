package org.treatygraph.cli;

import static org.treatygraph.testing.CommandLine.run;
import org.treatygraph.testing.CommandLine.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.load.BuildRecord;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.LoadException;
import org.treatygraph.load.Project;
import org.treatygraph.load.Store;
import org.treatygraph.serve.TreatyServer;

import picocli.CommandLine;

class CliTest {
    @TempDir Path tmp;


    private TreatyServer serve(Project project, Path db, String... more) {
        ServeCommand cmd = new ServeCommand();
        List<String> args = new java.util.ArrayList<>(List.of("--project", project.root().toString(), "--db", db.toString(), "--port", "0"));
        args.addAll(List.of(more));
        new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
        return cmd.startServer();
    }

    private static Instant built(Path db) {
        return BuildRecord.read(Store.open(db)).orElseThrow().built();
    }

    private static String people(TreatyServer server) throws Exception {
        String q = URLEncoder.encode("SELECT ?n { ?p a <http://schema.org/Person> ; <http://schema.org/name> ?n } ORDER BY ?n",
                                     StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query=" + q)).header("Accept", "text/csv").build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    @Test
    void serve_on_an_empty_db_builds_it_and_a_second_start_with_unchanged_files_skips_the_rebuild() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Path db = tmp.resolve("db");
        TreatyServer first = serve(project, db);
        Instant built = built(db);
        try {
            BuildRecord record = BuildRecord.read(Store.open(db)).orElseThrow();
            assertEquals(project.contentHash(), record.contentHash());
            assertEquals(2L, record.triplesPerGraph().get(Graphs.INFERRED), "the fixture rule derived knows/2");
            assertEquals("n\r\nSergey Lavrov\r\nTaro Kono\r\n", people(first));
        } finally {
            first.stop();
        }

        TreatyServer second = serve(project, db);
        try {
            assertEquals(built, built(db), "unchanged files: no rebuild");
            assertEquals("n\r\nSergey Lavrov\r\nTaro Kono\r\n", people(second));
        } finally {
            second.stop();
        }
    }

    @Test
    void serve_rebuilds_when_a_file_changes_and_with_reload() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Path db = tmp.resolve("db");
        serve(project, db).stop();
        Instant first = built(db);

        Files.writeString(project.dataDir().resolve("background.trig"), """
            GRAPH <https://w3id.org/treatygraph/graph/background> {
                <https://w3id.org/treatygraph/id/person/yoko-kamikawa> a <http://schema.org/Person> ;
                    <http://schema.org/name> "Yoko Kamikawa"@en .
            }
            """, StandardOpenOption.APPEND);
        TreatyServer changed = serve(project, db);
        try {
            Instant second = built(db);
            assertNotEquals(first, second, "changed data/: rebuilt");
            assertEquals(project.contentHash(), BuildRecord.read(Store.open(db)).orElseThrow().contentHash());
            assertTrue(people(changed).contains("Yoko Kamikawa"));
        } finally {
            changed.stop();
        }
        Instant second = built(db);
        serve(project, db, "--reload").stop();
        assertNotEquals(second, built(db), "--reload: rebuilt");
    }

    @Test
    void serve_keeps_serving_the_previous_build_when_a_rebuild_fails_to_parse() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Path db = tmp.resolve("db");
        serve(project, db).stop();
        Instant first = built(db);
        Files.copy(Fixtures.file("broken.trig"), project.dataDir().resolve("broken.trig"));
        TreatyServer server = serve(project, db);
        try {
            assertEquals(first, built(db), "database unchanged");
            assertEquals("n\r\nSergey Lavrov\r\nTaro Kono\r\n", people(server));
        } finally {
            server.stop();
        }
    }

    @Test
    void load_and_serve_refuse_data_with_shacl_violations_unless_told_to_warn() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Files.copy(Fixtures.file("invalid.trig"), project.dataDir().resolve("invalid.trig"));
        Path db = tmp.resolve("db");
        Result strict = run("load", "--project", project.root().toString(), "--db", db.toString());
        assertEquals(1, strict.exit());
        assertTrue(strict.err().contains("data/invalid.trig:4:5: ERROR shacl:"), strict.err());
        assertTrue(strict.err().contains("A person needs a schema:name"), strict.err());
        assertTrue(strict.err().contains("1 error(s) (invalid): nothing was written"), strict.err());
        assertTrue(BuildRecord.read(Store.open(db)).isEmpty());

        assertThrows(LoadException.class, () -> serve(project, db), "no previous build to fall back on");
        TreatyServer server = serve(project, db, "--violations", "warn");
        try {
            assertEquals(project.contentHash(), BuildRecord.read(Store.open(db)).orElseThrow().contentHash());
        } finally {
            server.stop();
        }
    }

    @Test
    void unknown_verbs_and_flags_say_what_is_wrong_and_where_the_usage_is_and_exit_2() {
        Result verb = run("frobnicate");
        assertEquals(2, verb.exit());
        assertTrue(verb.err().contains("error: Unmatched argument at index 0: 'frobnicate'"), verb.err());
        assertTrue(verb.err().contains("`treatygraph --help` lists the verbs") && !verb.err().contains("Usage:"), verb.err());
        Result flag = run("serve", "--frobnicate");
        assertEquals(2, flag.exit());
        assertTrue(flag.err().contains("Unknown option: '--frobnicate'") && flag.err().contains("`treatygraph serve --help`"), flag.err());
        assertTrue(!flag.err().contains("Usage:"), flag.err());
        Result none = run();
        assertEquals(2, none.exit(), "no verb");
        assertTrue(none.err().contains("Usage: treatygraph"), "no verb: the usage");
    }

    @Test
    void every_flag_names_its_environment_variable_and_states_a_default() {
        for (String verb : List.of("serve", "load", "validate", "query", "export")) {
            Result help = run(verb, "--help");
            assertEquals(0, help.exit());
            CommandLine cl = new CommandLine(new Main()).getSubcommands().get(verb);
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp())
                    continue;
                String d = String.join(" ", o.description());
                assertTrue(d.contains("env TREATYGRAPH_"), verb + " " + o.longestName() + ": " + d);
                assertTrue(d.contains("default"), verb + " " + o.longestName() + ": " + d);
            }
        }
    }

    @Test
    void load_of_a_broken_file_exits_1_naming_file_and_line_and_changes_nothing() {
        String db = tmp.resolve("db").toString();
        String project = Fixtures.PROJECT.toString();
        assertEquals(0, run("load", "--project", project, "--db", db).exit());
        long before = Store.countQuads(Store.open(Path.of(db)));
        Result r = run("load", "--project", project, "--db", db, Fixtures.file("broken.trig").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("broken.trig:3:"), r.err());
        assertEquals(before, Store.countQuads(Store.open(Path.of(db))));
    }

    @Test
    void validate_exits_1_on_a_violation_and_0_on_valid_input() {
        String project = Fixtures.PROJECT.toString();
        Result ok = run("validate", "--project", project);
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("0 error(s)"), ok.out());
        Result bad = run("validate", "--project", project, Fixtures.file("invalid.trig").toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.out().contains("invalid.trig:4:5: ERROR shacl:"), bad.out());
        assertTrue(bad.out().contains(": <https://w3id.org/treatygraph/id/person/nameless> schema:name: "), bad.out());
        assertTrue(bad.out().contains("A person needs a schema:name"), bad.out());
    }

    @Test
    void export_writes_the_whole_dataset_as_trig_or_nquads() throws Exception {
        String db = tmp.resolve("db").toString();
        run("load", "--project", Fixtures.PROJECT.toString(), "--db", db);
        DatasetGraph expected = Fixtures.snapshot(Store.open(Path.of(db)));

        Result trig = run("export", "--db", db);
        assertEquals(0, trig.exit(), trig.err());
        DatasetGraph fromTrig = DatasetGraphFactory.create();
        RDFParser.fromString(trig.out(), Lang.TRIG).parse(fromTrig);
        assertTrue(Fixtures.isomorphicExceptMeta(expected, fromTrig));

        Path file = tmp.resolve("dump.nq");
        assertEquals(0, run("export", "--db", db, "--format", "nquads", "--output", file.toString()).exit());
        DatasetGraph fromNq = DatasetGraphFactory.create();
        RDFParser.source(file).lang(Lang.NQUADS).parse(fromNq);
        assertTrue(Fixtures.isomorphicExceptMeta(expected, fromNq));
        assertEquals(Fixtures.names(expected), Fixtures.names(fromNq), "meta and every graph exported");
    }

    @Test
    void query_prints_the_named_query_as_a_table() {
        String db = tmp.resolve("db").toString();
        Result r = run("query", "--project", Fixtures.PROJECT.toString(), "--db", db, "people");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("# People — Who are the people in the graph, by name?"), r.out());
        assertTrue(r.out().contains("\"Sergey Lavrov\"@en"), r.out());
        Result list = run("query", "--project", Fixtures.PROJECT.toString(), "--db", db);
        assertTrue(list.out().startsWith("people  People"), list.out());
    }
}
