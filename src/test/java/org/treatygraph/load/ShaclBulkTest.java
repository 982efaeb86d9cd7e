package org.treatygraph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shared.PrefixMapping;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The product's SHACL run ({@link Validation#all}: the shapes without their sh:sparql constraints
 * by Jena, the sh:sparql constraints in bulk by {@link ShaclBulk}) reports exactly what Jena's own
 * validator reports with every shape, on every fixture of src/test/resources/shapes (over the
 * ontology, as the build runs them).
 */
class ShaclBulkTest {
    static final Path FIXTURES = Path.of("src/test/resources/shapes");

    @TestFactory
    Stream<DynamicTest> the_bulk_run_reports_what_jena_reports_on_every_shape_fixture() throws IOException {
        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph("ontology/shapes.ttl"));
        List<Path> fixtures;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            fixtures = s.filter(p -> p.getFileName().toString().endsWith(".ttl")).sorted().toList();
        }
        assertFalse(fixtures.isEmpty());
        return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.getFileName() + " gets Jena's report", () -> {
            Graph data = GraphMemFactory.createDefaultGraph();
            for (String o : List.of("ontology/treatygraph.ttl", "ontology/alignments.ttl"))
                RDFDataMgr.read(data, o);
            RDFDataMgr.read(data, f.toString());
            PrefixMapping prefixes = PrefixMapping.Standard;
            List<String> jena = Validation.problems(ShaclValidator.get().validate(shapes, data).getEntries(),
                                                    Locations.none(), prefixes).stream().map(Problem::key).sorted().toList();
            List<String> product = Validation.all(shapes, data, Locations.none(), prefixes).stream()
                .map(Problem::key).sorted().toList();
            assertEquals(jena, product);
        }));
    }
}
