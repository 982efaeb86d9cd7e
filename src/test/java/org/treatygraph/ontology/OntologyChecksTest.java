package org.treatygraph.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.util.FmtUtils;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The quality checks of ontology/checks/*-violation.rq (ROBOT style): SPARQL SELECTs that must
 * return no rows. Each runs over a dataset laid out like the service's — the ontology in
 * {@code <…/graph/ontology>}, each data file in the graphs it names, and a default graph that is
 * the union of them all — first with the ontology alone, then with every data/**&#47;*.trig.
 * Each check also has a fixture (src/test/resources/checks/NAME.trig, added to the ontology)
 * on which it must find something, so that a check that can never fire does not pass unnoticed.
 */
class OntologyChecksTest {

    static final Path FIXTURES = Path.of("src/test/resources/checks");

    @TestFactory
    Stream<DynamicTest> every_check_returns_no_rows_over_the_ontology() {
        Dataset ds = dataset(List.of());
        return checks().stream().map(c -> DynamicTest.dynamicTest(
            name(c) + " returns no rows over the ontology", () -> assertNoRows(c, ds)));
    }

    @TestFactory
    Stream<DynamicTest> every_check_returns_no_rows_over_the_ontology_and_all_data() {
        Dataset ds = dataset(OntologyFiles.dataFiles());
        return checks().stream().map(c -> DynamicTest.dynamicTest(
            name(c) + " returns no rows over the ontology and data/**/*.trig", () -> assertNoRows(c, ds)));
    }

    @TestFactory
    Stream<DynamicTest> every_check_finds_the_violation_in_its_fixture() {
        return checks().stream().map(c -> DynamicTest.dynamicTest(
            name(c) + " finds the violation planted in its fixture", () -> {
                Path fixture = FIXTURES.resolve(name(c).replace(".rq", ".trig"));
                assertTrue(Files.exists(fixture), "missing fixture " + fixture);
                List<String> rows = run(c, dataset(List.of(fixture)));
                assertFalse(rows.isEmpty(), name(c) + " found nothing in " + fixture);
            }));
    }

    @TestFactory
    Stream<DynamicTest> every_check_has_a_robot_style_header_and_an_order_by() {
        return checks().stream().map(c -> DynamicTest.dynamicTest(
            name(c) + " has a '# # Title', '# **Severity:** ERROR|WARN', '# **Problem:**', '# **Solution:**' header and ORDER BY", () -> {
                List<String> lines = Files.readAllLines(c, StandardCharsets.UTF_8);
                assertTrue(lines.get(0).startsWith("# # "), "line 1 must be '# # Title'");
                assertTrue(lines.stream().anyMatch(l -> l.matches("# \\*\\*Severity:\\*\\* (ERROR|WARN)")),
                           "no '# **Severity:** ERROR' or '# **Severity:** WARN' line");
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("# **Problem:** ")), "no '# **Problem:**' line");
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("# **Solution:** ")), "no '# **Solution:**' line");
                Query q = QueryFactory.read(c.toString());
                assertTrue(q.isSelectType(), "a check is a SELECT");
                assertTrue(q.hasOrderBy(), "a check has ORDER BY (stable reports)");
            }));
    }

    // ---- helpers

    private static void assertNoRows(Path check, Dataset ds) {
        List<String> rows = run(check, ds);
        if (!rows.isEmpty())
            fail(name(check) + " returned " + rows.size() + " row(s):\n" + String.join("\n", rows));
        assertEquals(List.of(), rows);
    }

    /** The rows of a check, one line each (variable=value, in the projection's order). */
    static List<String> run(Path check, Dataset ds) {
        Query q = QueryFactory.read(check.toString());
        List<String> rows = new ArrayList<>();
        try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
            ResultSet rs = qe.execSelect();
            List<String> vars = rs.getResultVars();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                rows.add("  " + vars.stream()
                    .filter(s::contains)
                    .map(v -> v + "=" + FmtUtils.stringForNode(s.get(v).asNode()))
                    .collect(Collectors.joining("  ")));
            }
        }
        return rows;
    }

    /** The ontology graph, the given TriG files' graphs, and a default graph that is their union. */
    static Dataset dataset(List<Path> trigFiles) {
        DatasetGraph dsg = OntologyFiles.dataset(trigFiles);
        List<Quad> quads = new ArrayList<>();
        dsg.find().forEachRemaining(quads::add);
        for (Quad q : quads)
            if (!q.isDefaultGraph())
                dsg.getDefaultGraph().add(q.asTriple());
        return DatasetFactory.wrap(dsg);
    }

    static List<Path> checks() {
        try (Stream<Path> s = Files.list(OntologyFiles.CHECKS)) {
            return s.filter(p -> p.getFileName().toString().endsWith("-violation.rq")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Path check) {
        return check.getFileName().toString();
    }
}
