package org.treatygraph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.update.UpdateAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write path at the level of the load stage: real TDB2 in a temp folder, the fixture project. */
class DatabaseTest {
    private static final Project PROJECT = new Project(Fixtures.PROJECT);
    private static final Node KNOWS = Graphs.node("http://schema.org/knows");
    private static final Node NAME = Graphs.node("http://schema.org/name");
    private static final String SCHEMA = "PREFIX schema: <http://schema.org/>\n";

    /** A stand-in for the rules: every two attendees of an event know each other (like the fixture rule). */
    static final Inference KNOWS_RULE = dsg -> {
        Node inferred = Graphs.node(Graphs.INFERRED);
        long before = dsg.getGraph(inferred).size();
        dsg.removeGraph(inferred);
        Node attendee = Graphs.node("http://schema.org/attendee");
        List<Quad> out = new java.util.ArrayList<>();
        AssertedView view = AssertedView.of(dsg);
        view.getDefaultGraph().find(Node.ANY, attendee, Node.ANY).forEachRemaining(a ->
            view.getDefaultGraph().find(a.getSubject(), attendee, Node.ANY).forEachRemaining(b -> {
                if (!a.getObject().equals(b.getObject()))
                    out.add(Quad.create(inferred, a.getObject(), KNOWS, b.getObject()));
            }));
        out.forEach(dsg::add);
        long after = dsg.getGraph(inferred).size();
        return new Inference.Report(after, before, 0, "knows");
    };

    @TempDir Path tmp;

    private Database db(Project project) {
        return Database.open(tmp.resolve("tdb2"), project, Inference.none());
    }

    private Database db() {
        return db(PROJECT);
    }

    @Test
    void rebuild_puts_the_ontology_in_its_graph_and_data_in_the_graphs_it_names() {
        Database db = db();
        BuildRecord r = db.rebuild(Database.OnError.REFUSE).record();
        DatasetGraph dsg = db.dataset();
        assertEquals(Set.of(Graphs.ONTOLOGY, Fixtures.SOURCE_000, Fixtures.BACKGROUND), r.triplesPerGraph().keySet());
        assertEquals(4L, r.triplesPerGraph().get(Fixtures.BACKGROUND));
        assertEquals(10L, r.triplesPerGraph().get(Fixtures.SOURCE_000));
        Txn.executeRead(dsg, () -> {
            assertTrue(dsg.contains(Graphs.node(Fixtures.SOURCE_000), Graphs.node(Fixtures.TARO), NAME,
                                    NodeFactory.createLiteralLang("Taro Kono", "en")));
            assertTrue(dsg.getDefaultGraph().isEmpty(), "nothing in the stored default graph");
            assertFalse(dsg.getGraph(Graphs.node(Graphs.ONTOLOGY))
                           .contains(Node.ANY, Graphs.node("http://www.w3.org/ns/shacl#targetClass"), Node.ANY),
                        "shapes are not loaded");
        });
    }

    @Test
    void the_build_record_holds_the_content_hash_the_build_time_the_journal_head_and_triples_per_graph() {
        Database db = db();
        BuildRecord r = db.rebuild(Database.OnError.REFUSE).record();
        BuildRecord read = db.record().orElseThrow();
        assertEquals(PROJECT.contentHash(), read.contentHash());
        assertEquals(r, read);
        assertEquals(0, read.journalHead());
        DatasetGraph dsg = db.dataset();
        long total = Txn.calculateRead(dsg, () -> dsg.stream().filter(q -> !q.getGraph().getURI().equals(Graphs.META)).count());
        assertEquals(total, read.totalTriples());
        Txn.executeRead(dsg, () -> assertTrue(dsg.contains(Graphs.node(Graphs.META), Graphs.node(Graphs.DATASET),
            Graphs.node(Graphs.CONTENT_HASH), NodeFactory.createLiteralString(read.contentHash()))));
    }

    @Test
    void inference_runs_inside_the_write_transaction_after_the_data() {
        Database db = Database.open(tmp.resolve("tdb2"), PROJECT, d -> {
            assertTrue(d.isInTransaction());
            assertEquals(ReadWrite.WRITE, d.transactionMode());
            assertTrue(d.contains(Graphs.node(Fixtures.SOURCE_000), Node.ANY, Node.ANY, Node.ANY), "data written before inference");
            d.add(Graphs.node(Graphs.INFERRED), Graphs.node(Fixtures.TARO), KNOWS, Graphs.node(Fixtures.LAVROV));
            return new Inference.Report(1, 0, 0, "");
        });
        db.rebuild(Database.OnError.REFUSE);
        assertEquals(1L, db.record().orElseThrow().triplesPerGraph().get(Graphs.INFERRED));
    }

    @Test
    void a_broken_file_fails_with_file_line_and_col_and_the_database_is_unchanged() {
        Database db = db();
        db.rebuild(Database.OnError.REFUSE);
        DatasetGraph snapshot = Fixtures.snapshot(db.dataset());
        LoadException e = assertThrows(LoadException.class, () ->
            db.load(List.of(Fixtures.file("extra.ttl"), Fixtures.file("broken.trig")), null));
        assertEquals(LoadException.Reason.BAD_INPUT, e.reason());
        Problem p = e.problems().get(0);
        assertTrue(p.file().endsWith("broken.trig"), p.toString());
        assertEquals(3, p.line(), p.toString());
        assertTrue(p.column() > 0, p.toString());
        assertTrue(e.getMessage().matches("(?s).*broken\\.trig:3:\\d+: ERROR syntax: .*undefined.*"), e.getMessage());
        assertTrue(Fixtures.isomorphic(snapshot, Fixtures.snapshot(db.dataset())));
    }

    @Test
    void a_failing_inference_rolls_back_the_whole_write_and_its_journal_entry() {
        Database db = Database.open(tmp.resolve("tdb2"), PROJECT, d -> {
            if (d.containsGraph(Graphs.node(Graphs.GRAPH + "file/extra")))
                throw new IllegalStateException("rule failed");
            return Inference.Report.NONE;
        });
        db.rebuild(Database.OnError.REFUSE);
        long before = Store.countQuads(db.dataset());
        assertThrows(IllegalStateException.class, () -> db.load(List.of(Fixtures.file("extra.ttl")), null));
        assertEquals(before, Store.countQuads(db.dataset()));
        assertTrue(db.journal().isEmpty(), "no journal entry for a write that did not commit");
    }

    @Test
    void a_broken_project_file_fails_the_rebuild_and_the_database_is_unchanged() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Database db = db(project);
        db.rebuild(Database.OnError.REFUSE);
        long before = Store.countQuads(db.dataset());
        Files.copy(Fixtures.file("broken.trig"), project.dataDir().resolve("broken.trig"));
        LoadException e = assertThrows(LoadException.class, () -> db.rebuild(Database.OnError.REFUSE));
        assertTrue(e.getMessage().startsWith("data/broken.trig:3:"), e.getMessage());
        assertEquals(before, Store.countQuads(db.dataset()));
    }

    @Test
    void a_second_load_of_the_same_files_gives_an_isomorphic_dataset() {
        Database db = db();
        db.rebuild(Database.OnError.REFUSE);
        db.load(List.of(Fixtures.file("extra.ttl")), null);
        DatasetGraph first = Fixtures.snapshot(db.dataset());
        BuildRecord firstRecord = db.record().orElseThrow();
        db.rebuild(Database.OnError.REFUSE);
        WriteReport again = db.load(List.of(Fixtures.file("extra.ttl")), null);
        assertTrue(again.unchanged(), "the rebuild replayed the journaled load: loading it again changes nothing");
        assertTrue(Fixtures.isomorphicExceptMeta(first, Fixtures.snapshot(db.dataset())));
        assertEquals(firstRecord.triplesPerGraph(), db.record().orElseThrow().triplesPerGraph());
    }

    @Test
    void a_plain_turtle_file_goes_to_a_graph_named_after_it_or_to_the_given_graph() {
        Database db = db();
        db.load(List.of(Fixtures.file("extra.ttl")), null);
        assertEquals(Graphs.GRAPH + "file/extra", Graphs.forFile(Fixtures.file("extra.ttl")));
        db.load(List.of(Fixtures.file("extra.ttl")), Graphs.GRAPH + "wikidata");
        BuildRecord r = db.record().orElseThrow();
        assertEquals(3L, r.triplesPerGraph().get(Graphs.GRAPH + "file/extra"));
        assertEquals(3L, r.triplesPerGraph().get(Graphs.GRAPH + "wikidata"));
        assertNull(r.contentHash(), "a load into an unbuilt database records no content hash");
    }

    @Test
    void load_replaces_the_graphs_its_files_carry_and_keeps_the_others_and_the_content_hash() throws Exception {
        Database db = db();
        db.rebuild(Database.OnError.REFUSE);
        String hash = db.record().orElseThrow().contentHash();
        Path smaller = tmp.resolve("background.trig");
        Files.writeString(smaller, SCHEMA + """
            GRAPH <https://w3id.org/treatygraph/graph/background> {
                <https://w3id.org/treatygraph/id/island/iturup> schema:name "Iturup"@en .
            }
            """);
        BuildRecord r = db.load(List.of(smaller), null).record();
        assertEquals(1L, r.triplesPerGraph().get(Fixtures.BACKGROUND));
        assertEquals(10L, r.triplesPerGraph().get(Fixtures.SOURCE_000));
        assertEquals(hash, r.contentHash(), "the recorded hash of the last full build is kept");
    }

    @Test
    void a_load_of_a_file_outside_the_project_is_journaled_and_a_project_file_is_not() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Database db = db(project);
        db.rebuild(Database.OnError.REFUSE);
        WriteReport outside = db.load(List.of(Fixtures.file("extra.ttl")), null);
        assertEquals(1, outside.journalEntry());
        assertEquals(1, db.journal().head());
        assertEquals(3, db.journal().entries().get(0).change().added().size());
        assertEquals(1, db.record().orElseThrow().journalHead());

        Files.writeString(project.dataDir().resolve("sources/000.trig"), "\n", java.nio.file.StandardOpenOption.APPEND);
        WriteReport inside = db.load(List.of(project.dataDir().resolve("sources/000.trig")), null);
        assertEquals(0, inside.journalEntry(), "files of data/ are the truth: not journaled");
        assertEquals(1, db.journal().head());
    }

    @Test
    void a_full_rebuild_clears_graphs_no_longer_in_the_files_and_keeps_journaled_ones() {
        Database db = db();
        db.load(List.of(Fixtures.file("extra.ttl")), null);
        Txn.executeWrite(db.dataset(), () -> db.dataset().add(Graphs.node(Graphs.GRAPH + "stray"), Graphs.node(Fixtures.TARO),
                                                              KNOWS, Graphs.node(Fixtures.LAVROV)));
        BuildRecord r = db.rebuild(Database.OnError.REFUSE).record();
        assertEquals(Set.of(Graphs.ONTOLOGY, Fixtures.SOURCE_000, Fixtures.BACKGROUND, Graphs.GRAPH + "file/extra"),
                     r.triplesPerGraph().keySet(), "the stray graph is gone, the journaled load replayed");
        assertEquals(1, r.journalHead());
    }

    @Test
    void a_shacl_violation_refuses_the_load_naming_file_line_focus_node_path_and_message() {
        Database db = db();
        db.rebuild(Database.OnError.REFUSE);
        DatasetGraph before = Fixtures.snapshot(db.dataset());
        LoadException e = assertThrows(LoadException.class, () -> db.load(List.of(Fixtures.file("invalid.trig")), null));
        assertEquals(LoadException.Reason.INVALID, e.reason());
        Problem p = e.problems().get(0);
        assertTrue(p.file().endsWith("invalid.trig"), p.toString());
        assertEquals(4, p.line(), "the line where the focus node is described: " + p);
        assertEquals(5, p.column(), p.toString());
        assertEquals("<https://w3id.org/treatygraph/id/person/nameless>", p.focusNode());
        assertTrue(p.path().contains("schema:name") || p.path().contains("<http://schema.org/name>"), p.toString());
        assertEquals("A person needs a schema:name", p.message());
        assertTrue(p.rule().startsWith("shacl:"), p.rule());
        assertTrue(Fixtures.isomorphic(before, Fixtures.snapshot(db.dataset())));
        assertTrue(db.journal().isEmpty());
    }

    @Test
    void validate_reports_each_finding_with_its_file_line_and_column() {
        ValidationReport ok = Database.validate(PROJECT, List.of());
        assertTrue(ok.conforms(), ok.findings().toString());
        assertTrue(ok.shapesChecked());
        ValidationReport bad = Database.validate(PROJECT, List.of(Fixtures.file("invalid.trig")));
        assertFalse(bad.conforms());
        assertEquals(1, bad.errors());
        Problem f = bad.findings().get(0);
        assertTrue(f.location().matches(".*invalid\\.trig:4:5"), f.location());
        assertEquals("A person needs a schema:name", f.message());
    }

    @Test
    void an_error_check_refuses_a_write_and_a_warn_check_only_reports_it() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Files.createDirectories(project.checksDir());
        Files.writeString(project.checksDir().resolve("knows-violation.rq"), """
            # # Asserted knows
            # **Severity:** ERROR
            # **Problem:** schema:knows is derived, never stated.
            # **Solution:** Remove it.
            PREFIX schema: <http://schema.org/>
            SELECT ?person ?other WHERE { ?person schema:knows ?other } ORDER BY ?person ?other
            """);
        Files.writeString(project.checksDir().resolve("no-english-name-violation.rq"), """
            # # Place without an English name
            # **Severity:** WARN
            # **Problem:** A place has no English name.
            # **Solution:** Add one.
            PREFIX schema: <http://schema.org/>
            SELECT ?place WHERE { ?place a schema:Place FILTER NOT EXISTS { ?place schema:name ?n FILTER(LANGMATCHES(LANG(?n), "en")) } } ORDER BY ?place
            """);
        Database db = db(project);
        db.rebuild(Database.OnError.REFUSE);
        DatasetGraph before = Fixtures.snapshot(db.dataset());

        LoadException e = assertThrows(LoadException.class, () -> db.write(Database.Origin.http("SPARQL Update", "test"),
            dsg -> UpdateAction.parseExecute(SCHEMA + "INSERT DATA { GRAPH <" + Fixtures.BACKGROUND + "> { <"
                                             + Fixtures.TARO + "> schema:knows <" + Fixtures.LAVROV + "> } }", dsg)));
        assertEquals(LoadException.Reason.INVALID, e.reason());
        Problem p = e.problems().get(0);
        assertEquals("check:knows-violation", p.rule());
        assertEquals(Problem.Severity.ERROR, p.severity());
        assertEquals("<" + Fixtures.TARO + ">", p.focusNode());
        assertTrue(p.message().startsWith("Asserted knows"), p.message());
        assertTrue(Fixtures.isomorphic(before, Fixtures.snapshot(db.dataset())));
        assertTrue(db.journal().isEmpty());

        WriteReport warned = db.write(Database.Origin.http("SPARQL Update", "test"),
            dsg -> UpdateAction.parseExecute(SCHEMA + "INSERT DATA { GRAPH <" + Fixtures.BACKGROUND + "> { "
                                             + "<https://w3id.org/treatygraph/id/island/kunashir> a schema:Place ;"
                                             + " schema:name \"Kunashiri\"@ja-Latn } }", dsg));
        assertEquals(2, warned.added());
        assertEquals(1, warned.warnings().size(), warned.warnings().toString());
        assertEquals("check:no-english-name-violation", warned.warnings().get(0).rule());
    }

    @Test
    void a_write_that_does_not_add_a_finding_is_not_refused_by_findings_already_there() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Files.copy(Fixtures.file("invalid.trig"), project.dataDir().resolve("invalid.trig"));
        Database db = db(project);
        db.rebuild(Database.OnError.WARN);            // the nameless person is in the data
        WriteReport r = db.write(Database.Origin.http("SPARQL Update", "test"),
            dsg -> UpdateAction.parseExecute(SCHEMA + "INSERT DATA { GRAPH <" + Fixtures.BACKGROUND + "> { <"
                                             + Fixtures.TARO + "> schema:jobTitle \"Foreign Minister\"@en } }", dsg));
        assertEquals(1, r.added());
        LoadException e = assertThrows(LoadException.class, () -> db.write(Database.Origin.http("SPARQL Update", "test"),
            dsg -> UpdateAction.parseExecute(SCHEMA + "DELETE DATA { GRAPH <" + Fixtures.SOURCE_000 + "> { <"
                                             + Fixtures.LAVROV + "> schema:name \"Sergey Lavrov\"@en } }", dsg)));
        assertEquals(1, e.problems().size(), "only the new finding: " + e.problems());
        assertEquals("<" + Fixtures.LAVROV + ">", e.problems().get(0).focusNode());
    }

    @Test
    void writes_into_the_inferred_meta_or_default_graph_are_forbidden_and_change_nothing() {
        Database db = Database.open(tmp.resolve("tdb2"), PROJECT, KNOWS_RULE);
        db.rebuild(Database.OnError.REFUSE);
        DatasetGraph before = Fixtures.snapshot(db.dataset());
        for (String update : List.of(
                "INSERT DATA { GRAPH <" + Graphs.INFERRED + "> { <urn:x:a> <urn:x:b> <urn:x:c> } }",
                "INSERT DATA { GRAPH <" + Graphs.META + "> { <urn:x:a> <urn:x:b> <urn:x:c> } }",
                "DELETE WHERE { GRAPH ?g { ?s <http://schema.org/knows> ?o } }",
                "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
                "CLEAR ALL",
                "DROP GRAPH <" + Graphs.INFERRED + ">")) {
            LoadException e = assertThrows(LoadException.class,
                () -> db.write(Database.Origin.http("SPARQL Update", "test"), dsg -> UpdateAction.parseExecute(update, dsg)), update);
            assertEquals(LoadException.Reason.FORBIDDEN, e.reason(), update);
            assertTrue(Fixtures.isomorphic(before, Fixtures.snapshot(db.dataset())), update);
        }
    }

    @Test
    void an_insert_derives_in_the_same_write_and_a_delete_removes_the_derivation() {
        Database db = Database.open(tmp.resolve("tdb2"), PROJECT, KNOWS_RULE);
        db.rebuild(Database.OnError.REFUSE);
        Node yoko = Graphs.node(Graphs.BASE + "id/person/yoko-kamikawa");
        String meeting = "<https://w3id.org/treatygraph/id/event/2024-x> a schema:Event ; schema:attendee <" + Fixtures.LAVROV
                         + "> , <" + yoko.getURI() + "> . <" + yoko.getURI() + "> a schema:Person ; schema:name \"Yoko Kamikawa\"@en .";
        WriteReport in = db.write(Database.Origin.http("SPARQL Update", "test"), dsg -> UpdateAction.parseExecute(
            SCHEMA + "INSERT DATA { GRAPH <" + Fixtures.BACKGROUND + "> { " + meeting + " } }", dsg));
        assertEquals(2, in.inference().added() - in.inference().removed());
        Txn.executeRead(db.dataset(), () -> assertTrue(db.dataset().contains(Graphs.node(Graphs.INFERRED), yoko, KNOWS,
                                                                             Graphs.node(Fixtures.LAVROV))));
        assertEquals(4L, db.record().orElseThrow().triplesPerGraph().get(Graphs.INFERRED));

        db.write(Database.Origin.http("SPARQL Update", "test"), dsg -> UpdateAction.parseExecute(
            SCHEMA + "DELETE DATA { GRAPH <" + Fixtures.BACKGROUND + "> { " + meeting + " } }", dsg));
        Txn.executeRead(db.dataset(), () -> assertFalse(db.dataset().contains(Graphs.node(Graphs.INFERRED), yoko, KNOWS,
                                                                              Graphs.node(Fixtures.LAVROV))));
        assertEquals(2L, db.record().orElseThrow().triplesPerGraph().get(Graphs.INFERRED));
        assertEquals(2, db.journal().head());
        assertTrue(db.journal().netChange().isEmpty(), "inserted then deleted: no net change");
    }

    @Test
    void an_update_that_changes_nothing_writes_no_journal_entry() {
        Database db = db();
        db.rebuild(Database.OnError.REFUSE);
        WriteReport r = db.write(Database.Origin.http("SPARQL Update", "test"), dsg -> UpdateAction.parseExecute(
            SCHEMA + "DELETE WHERE { GRAPH <" + Fixtures.BACKGROUND + "> { ?s schema:birthDate ?d } }", dsg));
        assertTrue(r.unchanged());
        assertTrue(db.journal().isEmpty());
    }

    @Test
    void journaled_writes_survive_a_rebuild_from_changed_files() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Database db = Database.open(tmp.resolve("tdb2"), project, KNOWS_RULE);
        db.rebuild(Database.OnError.REFUSE);
        db.write(Database.Origin.http("SPARQL Update", "test"), dsg -> UpdateAction.parseExecute(SCHEMA
            + "INSERT DATA { GRAPH <" + Fixtures.BACKGROUND + "> { <https://w3id.org/treatygraph/id/event/2024-x> "
            + "schema:attendee <" + Fixtures.TARO + "> , <https://w3id.org/treatygraph/id/person/yoko-kamikawa> . "
            + "<https://w3id.org/treatygraph/id/person/yoko-kamikawa> a schema:Person ; schema:name \"Yoko Kamikawa\"@en . } }", dsg));
        Files.writeString(project.dataDir().resolve("background.trig"), SCHEMA + """
            GRAPH <https://w3id.org/treatygraph/graph/background> {
                <https://w3id.org/treatygraph/id/island/iturup> a schema:Place ; schema:name "Iturup"@en .
            }
            """, java.nio.file.StandardOpenOption.APPEND);
        assertTrue(db.staleness().isPresent());
        WriteReport r = db.build(Database.Rebuild.IF_STALE, Database.OnError.REFUSE).orElseThrow();
        assertEquals(1, r.replayed());
        Node yoko = Graphs.node(Graphs.BASE + "id/person/yoko-kamikawa");
        Txn.executeRead(db.dataset(), () -> {
            assertTrue(db.dataset().contains(Graphs.node(Fixtures.BACKGROUND), yoko, NAME, NodeFactory.createLiteralLang("Yoko Kamikawa", "en")));
            assertTrue(db.dataset().contains(Graphs.node(Fixtures.BACKGROUND), Graphs.node(Graphs.BASE + "id/island/iturup"), NAME,
                                             NodeFactory.createLiteralLang("Iturup", "en")), "the file change");
            assertTrue(db.dataset().contains(Graphs.node(Graphs.INFERRED), yoko, KNOWS, Graphs.node(Fixtures.TARO)),
                       "inferences of the replayed write are current");
        });
        assertEquals(1, db.record().orElseThrow().journalHead());
        assertTrue(db.staleness().isEmpty());
    }

    @Test
    void a_rebuild_refuses_when_a_journaled_write_no_longer_fits_the_files_and_discarding_the_journal_unblocks_it() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Database db = db(project);
        db.rebuild(Database.OnError.REFUSE);
        // Over HTTP, an event without a name: valid, no shape asks events for one.
        db.write(Database.Origin.http("SPARQL Update", "test"), dsg -> UpdateAction.parseExecute(SCHEMA
            + "INSERT DATA { GRAPH <" + Fixtures.BACKGROUND + "> { <https://w3id.org/treatygraph/id/event/unnamed> a schema:Event ;"
            + " schema:attendee <" + Fixtures.TARO + "> } }", dsg));
        // Then the curator adds a shape that every event of the files meets, and the journaled event does not.
        Files.writeString(project.shapesFile(), """

            tgsh:T02-event a sh:NodeShape ; sh:targetClass schema:Event ;
                sh:property [ sh:path schema:name ; sh:minCount 1 ; sh:message "An event needs a schema:name" ] .
            """, java.nio.file.StandardOpenOption.APPEND);
        DatasetGraph before = Fixtures.snapshot(db.dataset());
        LoadException e = assertThrows(LoadException.class, () -> db.rebuild(Database.OnError.REFUSE));
        assertEquals(LoadException.Reason.CONFLICT, e.reason());
        assertEquals("<https://w3id.org/treatygraph/id/event/unnamed>", e.problems().get(0).focusNode(), e.problems().toString());
        assertEquals("An event needs a schema:name", e.problems().get(0).message());
        assertTrue(e.getMessage().contains("export --changes"), e.getMessage());
        assertTrue(Fixtures.isomorphic(before, Fixtures.snapshot(db.dataset())), "nothing rebuilt");
        db.discardJournal();
        db.rebuild(Database.OnError.REFUSE);
        assertEquals(0, db.record().orElseThrow().journalHead());
    }

    @Test
    void a_journal_entry_of_a_write_that_never_committed_is_dropped_when_the_database_opens() throws Exception {
        Path dir = tmp.resolve("tdb2");
        Database db = Database.open(dir, PROJECT, Inference.none());
        db.rebuild(Database.OnError.REFUSE);
        db.load(List.of(Fixtures.file("extra.ttl")), null);
        // A crash between the journal write and the commit leaves an entry beyond the recorded head.
        Change orphan = new Change();
        orphan.added(Quad.create(Graphs.node(Fixtures.BACKGROUND), Graphs.node(Fixtures.TARO), KNOWS, Graphs.node(Fixtures.LAVROV)));
        db.journal().append(orphan, "never committed");
        assertEquals(2, db.journal().head());
        org.apache.jena.tdb2.sys.TDBInternal.expel(db.dataset());
        Database again = Database.open(dir, PROJECT, Inference.none());
        assertEquals(1, again.journal().head());
        assertEquals(1, again.record().orElseThrow().journalHead());
    }

    @Test
    void export_then_load_into_a_fresh_database_gives_the_same_quads_and_keeps_the_content_hash_and_journal() {
        Database db = Database.open(tmp.resolve("tdb2"), PROJECT, KNOWS_RULE);
        db.rebuild(Database.OnError.REFUSE);
        db.load(List.of(Fixtures.file("extra.ttl")), null);
        for (Dump.Format format : Dump.Format.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            db.export(out, format);
            Path dump = tmp.resolve("dump." + (format == Dump.Format.TRIG ? "trig" : "nq"));
            try {
                Files.write(dump, out.toByteArray());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertTrue(Dump.isDump(dump));
            Database fresh = Database.open(tmp.resolve("fresh-" + format), PROJECT, KNOWS_RULE);
            WriteReport r = fresh.restore(dump);
            assertTrue(r.warnings().isEmpty(), r.warnings().toString());
            assertTrue(Fixtures.isomorphic(Fixtures.snapshot(db.dataset()), Fixtures.snapshot(fresh.dataset())),
                       "every graph, meta included, is isomorphic (" + format + ")");
            assertEquals(db.record(), fresh.record());
            assertEquals(1, fresh.journal().head());
            assertEquals(db.journal().netChange().added(), fresh.journal().netChange().added());
        }
        String trig = new String(exportBytes(db), StandardCharsets.UTF_8);
        long blocks = trig.lines().filter(l -> l.matches("^(GRAPH )?(<[^>]+>|[A-Za-z][\\w-]*:\\S*) *\\{.*")).count();
        assertEquals(Fixtures.names(Fixtures.snapshot(db.dataset())).size() + 1, blocks, "one block per graph (+ journal):\n" + trig);
    }

    private static byte[] exportBytes(Database db) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        db.export(out, Dump.Format.TRIG);
        return out.toByteArray();
    }

    @Test
    void export_changes_writes_the_journaled_changes_as_trig_for_data() {
        Database db = db();
        db.rebuild(Database.OnError.REFUSE);
        db.write(Database.Origin.http("SPARQL Update", "test"), dsg -> UpdateAction.parseExecute(SCHEMA
            + "DELETE DATA { GRAPH <" + Fixtures.BACKGROUND + "> { <" + Fixtures.TARO + "> schema:jobTitle \"Minister for Foreign Affairs\"@en } } ;"
            + "INSERT DATA { GRAPH <" + Fixtures.BACKGROUND + "> { <" + Fixtures.TARO + "> schema:jobTitle \"Minister of Defense\"@en } }", dsg));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        db.exportChanges(out);
        String text = out.toString(StandardCharsets.UTF_8);
        DatasetGraph parsed = org.apache.jena.sparql.core.DatasetGraphFactory.create();
        org.apache.jena.riot.RDFParser.fromString(text, org.apache.jena.riot.Lang.TRIG).parse(parsed);
        assertTrue(parsed.contains(Graphs.node(Fixtures.BACKGROUND), Graphs.node(Fixtures.TARO),
                                   Graphs.node("http://schema.org/jobTitle"), NodeFactory.createLiteralLang("Minister of Defense", "en")));
        assertEquals(1, parsed.stream().count());
        assertTrue(text.contains("# Removed"), text);
        assertTrue(text.contains("\"Minister for Foreign Affairs\"@en"), text);
    }

    @Test
    void turtle_under_data_is_refused_with_a_clear_message() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Files.copy(Fixtures.file("extra.ttl"), project.dataDir().resolve("extra.ttl"));
        LoadException e = assertThrows(LoadException.class, () -> db(project).rebuild(Database.OnError.REFUSE));
        assertTrue(e.getMessage().startsWith("data/extra.ttl: ERROR input: refused: files under data/ must be TriG"), e.getMessage());
    }

    @Test
    void triples_outside_any_graph_block_are_refused() {
        LoadException e = assertThrows(LoadException.class, () -> db().load(List.of(Fixtures.file("unnamed.trig")), null));
        assertTrue(e.getMessage().contains("unnamed.trig: ERROR input: 1 triple(s) outside any GRAPH block"), e.getMessage());
    }

    @Test
    void an_empty_project_builds_an_empty_database_with_a_build_record() {
        Project empty = new Project(tmp.resolve("empty"));
        Database db = db(empty);
        BuildRecord r = db.rebuild(Database.OnError.REFUSE).record();
        assertEquals(0, r.totalTriples());
        assertEquals(empty.contentHash(), db.record().orElseThrow().contentHash());
    }

    @Test
    void the_content_hash_changes_with_any_file_of_ontology_or_data_and_only_then() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        String h1 = project.contentHash();
        assertEquals(h1, project.contentHash());
        Files.writeString(project.root().resolve("queries/other.rq"), "SELECT * {} ORDER BY ?x");
        assertEquals(h1, project.contentHash(), "queries/ is not part of the hash");
        Files.createDirectories(project.rulesDir());
        Files.writeString(project.rulesDir().resolve("r.rq"), "CONSTRUCT {} WHERE {}");
        String h2 = project.contentHash();
        assertNotEquals(h1, h2, "rules are part of the hash");
        Files.writeString(project.dataDir().resolve("background.trig"), "\n", java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(h2, project.contentHash());
    }

    @Test
    void a_second_open_of_a_database_held_by_another_process_says_who_holds_it() throws Exception {
        Path dir = tmp.resolve("held");
        Files.createDirectories(dir);
        Store.announce(dir, "http://127.0.0.1:3999");
        assertEquals("http://127.0.0.1:3999", Store.announced(dir).orElseThrow());
        Store.withdraw(dir);
        assertTrue(Store.announced(dir).isEmpty());
    }
}
