package org.treatygraph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderTest {
    private static final Consumer<DatasetGraph> NO_DERIVE = dsg -> {};
    private static final Project PROJECT = new Project(Fixtures.PROJECT);

    @TempDir Path tmp;

    private DatasetGraph db() {
        return Store.open(tmp.resolve("tdb2"));
    }

    @Test
    void rebuild_puts_the_ontology_in_its_graph_and_data_in_the_graphs_it_names() {
        DatasetGraph dsg = db();
        BuildRecord r = Loader.rebuild(PROJECT, dsg, NO_DERIVE);
        Set<String> graphs = r.triplesPerGraph().keySet();
        assertEquals(Set.of(Graphs.ONTOLOGY, Fixtures.SOURCE_000, Fixtures.BACKGROUND), graphs);
        assertEquals(4L, r.triplesPerGraph().get(Fixtures.BACKGROUND));
        assertEquals(10L, r.triplesPerGraph().get(Fixtures.SOURCE_000));
        Txn.executeRead(dsg, () -> {
            assertTrue(dsg.contains(Graphs.node(Fixtures.SOURCE_000), Graphs.node(Fixtures.TARO),
                                    Graphs.node("http://schema.org/name"), NodeFactory.createLiteralLang("Taro Kono", "en")));
            assertTrue(dsg.getDefaultGraph().isEmpty(), "nothing in the stored default graph");
            assertFalse(dsg.getGraph(Graphs.node(Graphs.ONTOLOGY))
                           .contains(Node.ANY, Graphs.node("http://www.w3.org/ns/shacl#targetClass"), Node.ANY),
                        "shapes are not loaded");
        });
    }

    @Test
    void build_record_holds_the_content_hash_the_build_time_and_triples_per_graph() {
        DatasetGraph dsg = db();
        BuildRecord r = Loader.rebuild(PROJECT, dsg, NO_DERIVE);
        BuildRecord read = BuildRecord.read(dsg).orElseThrow();
        assertEquals(PROJECT.contentHash(), read.contentHash());
        assertEquals(r, read);
        assertEquals(64, read.contentHash().length());
        long total = Txn.calculateRead(dsg, () -> dsg.stream().filter(q -> !q.getGraph().getURI().equals(Graphs.META)).count());
        assertEquals(total, read.totalTriples());
        Txn.executeRead(dsg, () -> assertTrue(dsg.contains(Graphs.node(Graphs.META), Graphs.node(Graphs.DATASET),
            Graphs.node(Graphs.CONTENT_HASH), NodeFactory.createLiteralString(read.contentHash()))));
    }

    @Test
    void derivation_runs_inside_the_load_write_transaction_after_the_data() {
        DatasetGraph dsg = db();
        Node inferred = Graphs.node(Graphs.INFERRED);
        Loader.rebuild(PROJECT, dsg, d -> {
            assertTrue(d.isInTransaction());
            assertEquals(ReadWrite.WRITE, d.transactionMode());
            assertTrue(d.contains(Graphs.node(Fixtures.SOURCE_000), Node.ANY, Node.ANY, Node.ANY), "data written before derive");
            d.add(inferred, Graphs.node(Fixtures.TARO), Graphs.node("http://schema.org/knows"), Graphs.node(Fixtures.LAVROV));
        });
        assertEquals(1L, BuildRecord.read(dsg).orElseThrow().triplesPerGraph().get(Graphs.INFERRED));
    }

    @Test
    void a_broken_file_fails_with_file_line_and_col_and_the_database_is_unchanged() {
        DatasetGraph dsg = db();
        Loader.rebuild(PROJECT, dsg, NO_DERIVE);
        long before = Store.countQuads(dsg);
        DatasetGraph snapshot = Fixtures.snapshot(dsg);

        LoadException e = assertThrows(LoadException.class, () ->
            Loader.load(PROJECT, dsg, List.of(Fixtures.file("extra.ttl"), Fixtures.file("broken.trig")), null, NO_DERIVE));
        assertTrue(e.getMessage().matches("(?s).*broken\\.trig:3:\\d+: .*undefined.*"), e.getMessage());

        assertEquals(before, Store.countQuads(dsg));
        assertTrue(Fixtures.isomorphicExceptMeta(snapshot, Fixtures.snapshot(dsg)));
    }

    @Test
    void a_failing_derivation_rolls_back_the_whole_load() {
        DatasetGraph dsg = db();
        Loader.rebuild(PROJECT, dsg, NO_DERIVE);
        long before = Store.countQuads(dsg);
        assertThrows(IllegalStateException.class, () -> Loader.load(PROJECT, dsg, List.of(Fixtures.file("extra.ttl")), null,
            d -> { throw new IllegalStateException("rule failed"); }));
        assertEquals(before, Store.countQuads(dsg));
    }

    @Test
    void a_broken_project_file_fails_the_rebuild_and_the_database_is_unchanged() throws Exception {
        DatasetGraph dsg = db();
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Loader.rebuild(project, dsg, NO_DERIVE);
        long before = Store.countQuads(dsg);
        Files.copy(Fixtures.file("broken.trig"), project.dataDir().resolve("broken.trig"));

        LoadException e = assertThrows(LoadException.class, () -> Loader.rebuild(project, dsg, NO_DERIVE));
        assertTrue(e.getMessage().startsWith("data/broken.trig:3:"), e.getMessage());
        assertEquals(before, Store.countQuads(dsg));
    }

    @Test
    void a_second_load_of_the_same_files_gives_an_isomorphic_dataset() {
        DatasetGraph dsg = db();
        Loader.rebuild(PROJECT, dsg, NO_DERIVE);
        Loader.load(PROJECT, dsg, List.of(Fixtures.file("extra.ttl")), null, NO_DERIVE);
        DatasetGraph first = Fixtures.snapshot(dsg);
        BuildRecord firstRecord = BuildRecord.read(dsg).orElseThrow();

        Loader.rebuild(PROJECT, dsg, NO_DERIVE);
        Loader.load(PROJECT, dsg, List.of(Fixtures.file("extra.ttl")), null, NO_DERIVE);
        DatasetGraph second = Fixtures.snapshot(dsg);

        assertEquals(Fixtures.names(first), Fixtures.names(second));
        assertTrue(Fixtures.isomorphicExceptMeta(first, second));
        assertEquals(firstRecord.triplesPerGraph(), BuildRecord.read(dsg).orElseThrow().triplesPerGraph());
    }

    @Test
    void a_plain_turtle_file_goes_to_a_graph_named_after_it_or_to_the_given_graph() {
        DatasetGraph dsg = db();
        Loader.load(PROJECT, dsg, List.of(Fixtures.file("extra.ttl")), null, NO_DERIVE);
        assertEquals(Graphs.GRAPH + "file/extra", Graphs.forFile(Fixtures.file("extra.ttl")));
        Loader.load(PROJECT, dsg, List.of(Fixtures.file("extra.ttl")), Graphs.GRAPH + "wikidata", NO_DERIVE);
        BuildRecord r = BuildRecord.read(dsg).orElseThrow();
        assertEquals(3L, r.triplesPerGraph().get(Graphs.GRAPH + "file/extra"));
        assertEquals(3L, r.triplesPerGraph().get(Graphs.GRAPH + "wikidata"));
        assertNull(r.contentHash(), "a partial load into an unbuilt database records no content hash");
    }

    @Test
    void load_replaces_the_graphs_its_files_carry_and_keeps_the_others() throws Exception {
        DatasetGraph dsg = db();
        Loader.rebuild(PROJECT, dsg, NO_DERIVE);
        String hash = BuildRecord.read(dsg).orElseThrow().contentHash();
        Path smaller = tmp.resolve("background.trig");
        Files.writeString(smaller, """
            PREFIX schema: <http://schema.org/>
            GRAPH <https://w3id.org/treatygraph/graph/background> {
                <https://w3id.org/treatygraph/id/island/iturup> schema:name "Iturup"@en .
            }
            """);
        BuildRecord r = Loader.load(PROJECT, dsg, List.of(smaller), null, NO_DERIVE);
        assertEquals(1L, r.triplesPerGraph().get(Fixtures.BACKGROUND));
        assertEquals(10L, r.triplesPerGraph().get(Fixtures.SOURCE_000));
        assertEquals(hash, r.contentHash(), "the recorded hash of the last full build is kept");
    }

    @Test
    void a_full_rebuild_clears_graphs_no_longer_in_the_files() {
        DatasetGraph dsg = db();
        Loader.load(PROJECT, dsg, List.of(Fixtures.file("extra.ttl")), null, NO_DERIVE);
        Txn.executeWrite(dsg, () -> dsg.add(Graphs.node(Graphs.INFERRED), Graphs.node(Fixtures.TARO),
                                            Graphs.node("http://schema.org/knows"), Graphs.node(Fixtures.LAVROV)));
        BuildRecord r = Loader.rebuild(PROJECT, dsg, NO_DERIVE);
        assertEquals(Set.of(Graphs.ONTOLOGY, Fixtures.SOURCE_000, Fixtures.BACKGROUND), r.triplesPerGraph().keySet());
        Txn.executeRead(dsg, () -> assertTrue(dsg.getGraph(Graphs.node(Graphs.INFERRED)).isEmpty()));
    }

    @Test
    void a_shacl_violation_fails_the_load_naming_file_focus_node_path_and_message() {
        DatasetGraph dsg = db();
        Loader.rebuild(PROJECT, dsg, NO_DERIVE);
        long before = Store.countQuads(dsg);
        LoadException e = assertThrows(LoadException.class, () ->
            Loader.load(PROJECT, dsg, List.of(Fixtures.file("invalid.trig")), null, NO_DERIVE));
        String line = e.problems().get(0);
        assertTrue(line.contains("invalid.trig"), line);
        assertTrue(line.contains("<https://w3id.org/treatygraph/id/person/nameless>"), line);
        assertTrue(line.contains("schema:name") || line.contains("<http://schema.org/name>"), line);
        assertTrue(line.contains("A person needs a schema:name"), line);
        assertEquals(before, Store.countQuads(dsg));
    }

    @Test
    void validate_reports_each_violation_with_its_file() {
        ValidationReport ok = Loader.validate(PROJECT, List.of());
        assertTrue(ok.conforms(), ok.findings().toString());
        assertTrue(ok.shapesChecked());

        ValidationReport bad = Loader.validate(PROJECT, List.of(Fixtures.file("invalid.trig")));
        assertFalse(bad.conforms());
        assertEquals(1, bad.violations());
        ValidationReport.Finding f = bad.findings().get(0);
        assertTrue(f.file().endsWith("invalid.trig"), f.file());
        assertEquals("A person needs a schema:name", f.message());
    }

    @Test
    void turtle_under_data_is_refused_with_a_clear_message() throws Exception {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Files.copy(Fixtures.file("extra.ttl"), project.dataDir().resolve("extra.ttl"));
        LoadException e = assertThrows(LoadException.class, () -> Loader.rebuild(project, db(), NO_DERIVE));
        assertTrue(e.getMessage().startsWith("data/extra.ttl: refused: files under data/ must be TriG"), e.getMessage());
    }

    @Test
    void triples_outside_any_graph_block_are_refused() {
        LoadException e = assertThrows(LoadException.class, () ->
            Loader.load(PROJECT, db(), List.of(Fixtures.file("unnamed.trig")), null, NO_DERIVE));
        assertTrue(e.getMessage().contains("unnamed.trig: 1 triple(s) outside any GRAPH block"), e.getMessage());
    }

    @Test
    void an_empty_project_builds_an_empty_database_with_a_build_record() {
        DatasetGraph dsg = db();
        BuildRecord r = Loader.rebuild(new Project(tmp.resolve("empty")), dsg, NO_DERIVE);
        assertEquals(0, r.totalTriples());
        assertEquals(new Project(tmp.resolve("empty")).contentHash(), BuildRecord.read(dsg).orElseThrow().contentHash());
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
}
