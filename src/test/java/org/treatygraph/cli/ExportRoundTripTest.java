package org.treatygraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.treatygraph.testing.CommandLine.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.update.UpdateAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.load.Database;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Project;
import org.treatygraph.testing.CommandLine.Result;
import org.treatygraph.testing.TestMeeting;

/** export → load into a fresh database, on the real data with a journaled HTTP change: the same dataset. */
class ExportRoundTripTest {
    static final Project REAL = new Project(Path.of("."));

    @TempDir Path tmp;

    private Database builtWithAnHttpChange(Path dir) {
        Database db = Database.open(dir, REAL, new Reasoner(REAL.rulesDir()));
        db.rebuild(Database.OnError.REFUSE);
        db.write(Database.Origin.http("SPARQL Update", "test"),
                 dsg -> UpdateAction.parseExecute(TestMeeting.PREFIXES + "INSERT DATA { " + TestMeeting.MEETING + " }", dsg));
        return db;
    }

    @ParameterizedTest(name = "export as {0}, then load into a fresh database: every graph isomorphic, content hash and journal kept")
    @ValueSource(strings = {"trig", "nquads"})
    void export_then_load_into_a_fresh_database_gives_the_same_dataset(String format) throws Exception {
        Path db = tmp.resolve("db"), fresh = tmp.resolve("fresh"), dump = tmp.resolve("dump." + (format.equals("trig") ? "trig" : "nq"));
        Database original = builtWithAnHttpChange(db);
        DatasetGraph before = Fixtures.snapshot(original.dataset());
        var record = original.record().orElseThrow();
        TDBInternal.expel(original.dataset());

        Result export = run("export", "--db", db.toString(), "--format", format, "--output", dump.toString());
        assertEquals(0, export.exit(), export.err());
        Result load = run("load", "--project", ".", "--db", fresh.toString(), dump.toString());
        assertEquals(0, load.exit(), load.err());

        Database restored = Database.open(fresh, REAL, new Reasoner(REAL.rulesDir()));
        try {
            assertTrue(Fixtures.isomorphic(before, Fixtures.snapshot(restored.dataset())), "every graph, inferred and meta included");
            assertEquals(record, restored.record().orElseThrow(), "the build record, content hash included");
            assertEquals(REAL.contentHash(), restored.record().orElseThrow().contentHash());
            assertEquals(1, restored.journal().head(), "the HTTP change is journaled in the restored database too");
            assertTrue(restored.staleness().isEmpty(), "the restored database is up to date with the files");
        } finally {
            TDBInternal.expel(restored.dataset());
        }
    }

    @Test
    void export_writes_one_block_per_graph_and_export_changes_writes_the_http_changes_as_trig() throws Exception {
        Path db = tmp.resolve("db");
        Database original = builtWithAnHttpChange(db);
        TDBInternal.expel(original.dataset());
        Result all = run("export", "--db", db.toString());
        assertEquals(0, all.exit(), all.err());
        DatasetGraph parsed = DatasetGraphFactory.create();
        RDFParser.fromString(all.out(), Lang.TRIG).parse(parsed);
        long graphs = Fixtures.names(parsed).size();
        long blocks = all.out().lines().filter(l -> l.matches("^(GRAPH )?(<[^>]+>|[A-Za-z][\\w-]*:\\S*) *\\{.*")).count();
        assertEquals(graphs, blocks, "one block per graph");
        assertTrue(parsed.containsGraph(Graphs.node(Graphs.JOURNAL)), "the journal travels with the dump");

        Result changes = run("export", "--db", db.toString(), "--changes");
        assertEquals(0, changes.exit(), changes.err());
        DatasetGraph added = DatasetGraphFactory.create();
        RDFParser.fromString(changes.out(), Lang.TRIG).parse(added);
        assertEquals(1, Fixtures.names(added).size(), changes.out());
        assertTrue(added.containsGraph(Graphs.node(TestMeeting.SOURCE_005)));
        assertTrue(changes.out().startsWith("# Changes made over HTTP (1 journal entry)"), changes.out());
    }

    @Test
    void export_of_a_folder_that_holds_no_database_fails_without_creating_one() {
        Path missing = tmp.resolve("missing");
        Result r = run("export", "--db", missing.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no database in"), r.err());
        assertTrue(Files.notExists(missing));
        Result out = run("export", "--db", tmp.toString(), "--output", tmp.resolve("no/such/dir/x.trig").toString());
        assertEquals(2, out.exit(), out.err());
    }
}
