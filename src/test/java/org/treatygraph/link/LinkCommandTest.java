package org.treatygraph.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.cli.Main;
import org.treatygraph.load.Store;
import org.treatygraph.testing.WikidataStandIn;

/** The `link` verb end to end: a project folder (ontology/ + data/), the stand-in, the files written, the exit codes. */
class LinkCommandTest {
    static WikidataStandIn wikidata;

    @BeforeAll
    static void start() {
        wikidata = WikidataStandIn.start();
    }

    @AfterAll
    static void stop() {
        wikidata.close();
    }

    /** A project with the real ontology and one data file (a test TriG of the classpath). */
    static Path project(Path dir, String classpathTrig) throws IOException {
        Files.createDirectories(dir.resolve("ontology"));
        Files.createDirectories(dir.resolve("data"));
        try (Stream<Path> files = Files.list(Path.of("ontology"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ttl")).toList())
                Files.copy(f, dir.resolve("ontology").resolve(f.getFileName()));
        }
        try (InputStream in = LinkCommandTest.class.getResourceAsStream(classpathTrig)) {
            Files.copy(in, dir.resolve("data/test.trig"));
        }
        return dir;
    }

    @Test
    void link_writes_the_review_file_from_the_project_files_and_exits_zero(@TempDir Path dir) throws IOException {
        Path project = project(dir, "/wikidata/entities.trig");
        Path review = dir.resolve("review.tsv");
        int code = Main.run("link", "--project", project.toString(), "--endpoint", wikidata.sparqlUrl(),
                            "--output", review.toString());
        assertEquals(0, code);
        assertEquals(LinkingTest.expected("review.tsv"),
                     Files.readString(review, StandardCharsets.UTF_8));
    }

    @Test
    void link_check_exits_zero_when_every_link_agrees(@TempDir Path dir) throws IOException {
        Path project = project(dir, "/wikidata/links-correct.trig");
        Path report = dir.resolve("check.tsv");
        assertEquals(0, Main.run("link", "--check", "--project", project.toString(),
                                 "--endpoint", wikidata.sparqlUrl(), "--output", report.toString()));
        assertEquals(LinkingTest.expected("check-correct.tsv"), Files.readString(report, StandardCharsets.UTF_8));
    }

    @Test
    void link_check_exits_non_zero_when_a_link_disagrees(@TempDir Path dir) throws IOException {
        Path project = project(dir, "/wikidata/links-wrong.trig");
        Path report = dir.resolve("check.tsv");
        assertEquals(1, Main.run("link", "--check", "--project", project.toString(),
                                 "--endpoint", wikidata.sparqlUrl(), "--output", report.toString()));
        assertEquals(LinkingTest.expected("check-wrong.tsv"), Files.readString(report, StandardCharsets.UTF_8));
    }

    @Test
    void link_reads_the_entities_from_the_database_with_from_db(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("tdb2");
        DatasetGraph dsg = Store.open(db);
        Txn.executeWrite(dsg, () -> {
            Graph ontology = dsg.getGraph(NodeFactory.createURI("https://w3id.org/treatygraph/graph/ontology"));
            for (String f : new String[] {"ontology/treatygraph.ttl", "ontology/alignments.ttl"})
                RDFDataMgr.read(ontology, f);
            try (InputStream in = LinkCommandTest.class.getResourceAsStream("/wikidata/entities.trig")) {
                RDFParser.source(in).lang(Lang.TRIG).parse(dsg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Path review = dir.resolve("review.tsv");
        assertEquals(0, Main.run("link", "--from", "db", "--db", db.toString(), "--endpoint", wikidata.sparqlUrl(),
                                 "--output", review.toString()));
        assertEquals(LinkingTest.expected("review.tsv"), Files.readString(review, StandardCharsets.UTF_8));
    }

    @Test
    void an_endpoint_that_is_not_an_http_url_is_a_usage_error(@TempDir Path dir) throws IOException {
        Path project = project(dir, "/wikidata/entities.trig");
        assertEquals(1, Main.run("link", "--project", project.toString(), "--endpoint", "file:///etc/passwd",
                                 "--output", dir.resolve("r.tsv").toString()));
    }
}
