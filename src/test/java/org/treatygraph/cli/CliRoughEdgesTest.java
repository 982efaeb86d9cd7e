package org.treatygraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.treatygraph.testing.CommandLine.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Store;
import org.treatygraph.query.TextTable;
import org.treatygraph.testing.CommandLine.Result;

/**
 * The rough edges of the command line (issue 16), each as a user meets it: a missing query, a
 * parameter error, a wide table, a CONSTRUCT in another syntax, a busy port, a long load, an unknown
 * entity to link — and the ones fixed before, kept: an export into a missing folder.
 */
class CliRoughEdgesTest {
    @TempDir static Path tmp;
    static Path db;

    /** The real project's database, built once. */
    @BeforeAll
    static void build() {
        db = tmp.resolve("tdb2");
        Result r = run("load", "--db", db.toString());
        assertEquals(0, r.exit(), r.err());
    }

    @AfterAll
    static void release() {
        TDBInternal.expel(Store.open(db));
    }

    private static Result query(String... more) {
        String[] args = new String[3 + more.length];
        System.arraycopy(new String[] {"query", "--db", db.toString()}, 0, args, 0, 3);
        System.arraycopy(more, 0, args, 3, more.length);
        return run(args);
    }

    private static void assertOneErrorLineAndAHint(Result r, String what) {
        assertEquals(2, r.exit(), r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), "one line and a hint:\n" + r.err());
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(what), r.err());
        assertTrue(lines.get(1).contains("--help`"), r.err());
        assertFalse(r.err().contains("Usage:"), r.err());
    }

    // ---- query

    @Test
    void a_missing_query_file_or_name_is_one_line_with_the_closest_names_not_the_whole_list() {
        Result file = query("missing.rq");
        assertOneErrorLineAndAHint(file, "no query file 'missing.rq' (and no named query 'missing'); did you mean wikidata_missing?");
        assertFalse(file.err().contains("meetings_between"), file.err());
        Result typo = query("meeting_between");
        assertOneErrorLineAndAHint(typo, "no named query 'meeting_between'; did you mean meetings_between?");
        Result stem = query("meetings_between.rq");
        assertOneErrorLineAndAHint(stem, "the named query is `query meetings_between`");
    }

    @Test
    void a_parameter_error_is_one_line_and_a_hint_not_the_usage() {
        assertOneErrorLineAndAHint(query("meetings_between", "--param", "x=person:taro-kono"),
                                   "Unknown parameter 'x' for query 'meetings_between': it takes ?a, ?b");
        assertOneErrorLineAndAHint(query("meetings_between", "--width", "wide"), "--width takes a number of columns");
        assertOneErrorLineAndAHint(run("serve", "--port", "http"), "Invalid value for option '--port'");
    }

    @Test
    void a_table_fits_its_width_with_prefixed_iris_and_cut_cells_and_without_a_width_shows_every_cell_whole() {
        Result narrow = query("meetings_between", "--width", "100");
        assertEquals(0, narrow.exit(), narrow.err());
        List<String> table = narrow.out().lines().filter(l -> l.startsWith("|") || l.startsWith("-") || l.startsWith("=")).toList();
        assertFalse(table.isEmpty(), narrow.out());
        for (String line : table)
            assertTrue(TextTable.displayWidth(line) <= 100, line);
        assertTrue(narrow.out().contains("place:moscow") && narrow.out().contains("src:001"), "the data's prefixes:\n" + narrow.out());
        assertTrue(narrow.out().contains("…"), narrow.out());
        Result whole = query("meetings_between", "--width", "0");
        assertTrue(whole.out().contains("| event:2019-01-14-kono-lavrov-moscow ") && !whole.out().contains("…"), whole.out());
        assertFalse(whole.out().contains("<https://w3id.org/treatygraph/id/"), "no full IRI where a prefix names it:\n" + whole.out());
    }

    @Test
    void format_applies_to_construct_and_describe_and_writes_only_the_prefixes_the_answer_uses() throws IOException {
        Path rq = tmp.resolve("kono-events.rq");
        Files.writeString(rq, """
            PREFIX tg:     <https://w3id.org/treatygraph/ontology#>
            PREFIX schema: <http://schema.org/>
            PREFIX person: <https://w3id.org/treatygraph/id/person/>
            PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
            PREFIX foaf:   <http://xmlns.com/foaf/0.1/>
            PREFIX owl:    <http://www.w3.org/2002/07/owl#>
            CONSTRUCT { ?e schema:startDate ?d } WHERE {
              ?e tg:participant person:taro-kono ; tg:startDate ?d . FILTER(?d <= "2019-01-14"^^xsd:date)
            }
            """);
        Graph expected = GraphFactory.createDefaultGraph();
        DatasetGraph dsg = Store.open(db);
        Txn.executeRead(dsg, () -> {
            Dataset ds = DatasetFactory.wrap(dsg);
            try (QueryExecution qe = QueryExecution.dataset(ds).query(Files.readString(rq)).build()) {
                qe.execConstruct().getGraph().find().forEachRemaining(expected::add);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertFalse(expected.isEmpty());
        for (String[] f : new String[][] {{"turtle", "TTL"}, {"ntriples", "N-TRIPLES"}, {"jsonld", "JSON-LD"}, {"rdfxml", "RDF/XML"}}) {
            Result r = query(rq.toString(), "--format", f[0]);
            assertEquals(0, r.exit(), r.err());
            Graph got = GraphFactory.createDefaultGraph();
            RDFParser.fromString(r.out(), org.apache.jena.riot.RDFLanguages.nameToLang(f[1])).parse(got);
            assertTrue(expected.isIsomorphicWith(got), f[0] + ":\n" + r.out());
        }
        Result turtle = query(rq.toString());
        assertEquals(List.of("PREFIX schema: <http://schema.org/>", "PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>"),
                     turtle.out().lines().filter(l -> l.startsWith("PREFIX")).toList(), "only the prefixes the answer uses");
        Result trig = query(rq.toString(), "--format", "trig");
        DatasetGraph fromTrig = DatasetGraphFactory.create();
        RDFParser.fromString(trig.out(), Lang.TRIG).parse(fromTrig);
        assertTrue(expected.isIsomorphicWith(fromTrig.getDefaultGraph()), trig.out());
        Path describe = tmp.resolve("describe.rq");
        Files.writeString(describe, "PREFIX person: <https://w3id.org/treatygraph/id/person/>\nDESCRIBE person:taro-kono\n");
        Result nt = query(describe.toString(), "--format", "ntriples");
        assertEquals(0, nt.exit(), nt.err());
        Graph described = GraphFactory.createDefaultGraph();
        RDFParser.fromString(nt.out(), Lang.NTRIPLES).parse(described);
        assertTrue(described.contains(org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/treatygraph/id/person/taro-kono"),
            org.apache.jena.vocabulary.RDFS.label.asNode(), org.apache.jena.graph.NodeFactory.createLiteralLang("Taro Kono", "en")),
            nt.out());
        assertOneErrorLineAndAHint(query(describe.toString(), "--format", "trig"), "a DESCRIBE answers one graph");
        assertOneErrorLineAndAHint(query(rq.toString(), "--format", "csv"), "--format csv is for SELECT and ASK");
        assertOneErrorLineAndAHint(query("meetings_between", "--format", "turtle"), "--format turtle is for CONSTRUCT and DESCRIBE");
    }

    // ---- serve, load, export, link

    @Test
    void a_busy_port_is_one_line_before_the_database_is_opened() throws IOException {
        Path fresh = tmp.resolve("never-opened");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Result r = run("serve", "--project", Fixtures.PROJECT.toString(), "--db", fresh.toString(),
                           "--port", Integer.toString(port));
            assertEquals(1, r.exit(), r.err());
            List<String> lines = r.err().lines().toList();
            assertEquals(List.of("error: port " + port + " on 127.0.0.1 is in use (a server already running?): stop it,"
                                 + " or give another --port (0: any free one)"), lines);
        }
        assertTrue(Files.notExists(fresh), "the database was not opened");
    }

    @Test
    void a_load_that_is_not_on_a_terminal_draws_no_progress_line_unless_asked_to() {
        Result auto = run("load", "--project", Fixtures.PROJECT.toString(), "--db", tmp.resolve("auto").toString());
        assertEquals(0, auto.exit(), auto.err());
        assertFalse(auto.err().contains("\r") || auto.err().contains("\033[K"), "no progress line: " + auto.err());
        Result never = run("load", "--project", Fixtures.PROJECT.toString(), "--db", tmp.resolve("auto").toString(),
                           "--progress", "never");
        assertEquals(0, never.exit(), never.err());
        assertFalse(never.err().contains("\r"), never.err());
        assertOneErrorLineAndAHint(run("load", "--progress", "sometimes"), "Invalid value for option '--progress'");
        TDBInternal.expel(Store.open(tmp.resolve("auto")));
    }

    @Test
    void an_export_into_a_missing_folder_says_which_folder_and_creates_nothing() {
        Path missing = tmp.resolve("no/such/dir");
        Result r = run("export", "--db", db.toString(), "--output", missing.resolve("x.trig").toString());
        assertOneErrorLineAndAHint(r, "folder " + missing.toAbsolutePath() + " does not exist");
        assertTrue(Files.notExists(missing));
    }

    @Test
    void link_of_an_entity_that_is_not_in_the_data_or_already_linked_exits_2_saying_so_before_asking_wikidata() {
        String nowhere = "http://127.0.0.1:9/sparql";       // the discard port: nothing may be asked
        Result nobody = run("link", "--entity", "person:nobody", "--endpoint", nowhere, "--output", tmp.resolve("review.tsv").toString());
        assertOneErrorLineAndAHint(nobody, "--entity: nothing to propose for person:nobody: no such entity in our data");
        Result linked = run("link", "--entity", "person:taro-kono", "--endpoint", nowhere, "--output", tmp.resolve("review.tsv").toString());
        assertOneErrorLineAndAHint(linked, "person:taro-kono: already linked to wd:Q1161024");
        assertTrue(Files.notExists(tmp.resolve("review.tsv")), "no review file written");
    }
}
