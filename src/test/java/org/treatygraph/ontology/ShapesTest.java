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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The SHACL shapes of ontology/shapes.ttl, tested both ways with the fixtures of
 * src/test/resources/shapes: {@code Snn-valid.ttl} must conform (no result of any severity) and
 * {@code Snn-invalid-MM.ttl} must be reported by shape family Snn only, on the focus node and
 * with the message its header names:
 * <pre>
 * # Invalid: why it is invalid
 * # Focus: https://w3id.org/treatygraph/id/…      (the focus node that must be reported)
 * # Shape: S05-Tenure-order                        (the reporting shape, local name; for a SPARQL
 *                                                   constraint, the shape that holds it)
 * </pre>
 * Fixtures are validated together with the ontology (treatygraph.ttl + alignments.ttl), as the
 * load stage does.
 */
class ShapesTest {

    static final Path FIXTURES = Path.of("src/test/resources/shapes");
    static final String SHAPES_NS = "https://w3id.org/treatygraph/shapes#";
    static final Pattern FIXTURE_NAME = Pattern.compile("(S\\d\\d)-(valid|invalid-\\d\\d)\\.ttl");
    static final Node SH_MESSAGE = NodeFactory.createURI("http://www.w3.org/ns/shacl#message");
    static final Node SH_SEVERITY = NodeFactory.createURI("http://www.w3.org/ns/shacl#severity");
    static final Node SH_PROPERTY = NodeFactory.createURI("http://www.w3.org/ns/shacl#property");
    static final Node SH_SPARQL = NodeFactory.createURI("http://www.w3.org/ns/shacl#sparql");
    static final Node SH_NODE_SHAPE = NodeFactory.createURI("http://www.w3.org/ns/shacl#NodeShape");

    static Graph ontology;
    static Graph shapesGraph;
    static Shapes shapes;

    @BeforeAll
    static void readShapesAndOntology() {
        ontology = OntologyFiles.ontologyGraph();
        shapesGraph = RDFDataMgr.loadGraph(OntologyFiles.SHAPES.toString());
        shapes = Shapes.parse(shapesGraph);
    }

    // ---- the fixtures, both ways

    @TestFactory
    Stream<DynamicTest> every_fixture_is_judged_as_its_file_name_says() {
        return fixtures().stream().map(f -> {
            String name = f.getFileName().toString();
            Matcher m = FIXTURE_NAME.matcher(name);
            if (!m.matches())
                return DynamicTest.dynamicTest(name + " is named Snn-valid.ttl or Snn-invalid-MM.ttl",
                                               () -> fail("bad fixture name: " + name));
            if (m.group(2).equals("valid"))
                return DynamicTest.dynamicTest(name + " conforms to the shapes", () -> assertConforms(f));
            Header h = header(f);
            return DynamicTest.dynamicTest(name + " is reported by " + h.shape + " — " + h.why,
                                           () -> assertReported(f, m.group(1), h));
        });
    }

    @TestFactory
    Stream<DynamicTest> every_numbered_shape_has_a_valid_and_an_invalid_fixture() {
        Set<String> names = fixtures().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        return numbers().stream().map(n -> DynamicTest.dynamicTest(n + " has a valid and an invalid fixture", () -> {
            assertTrue(names.contains(n + "-valid.ttl"), "missing " + n + "-valid.ttl");
            assertTrue(names.contains(n + "-invalid-01.ttl"), "missing " + n + "-invalid-01.ttl");
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_shape_and_sparql_constraint_is_named_by_an_invalid_fixture() {
        Set<String> named = fixtures().stream()
            .filter(f -> f.getFileName().toString().contains("-invalid-"))
            .map(f -> header(f).shape)
            .collect(Collectors.toSet());
        return constraintIds().stream().map(id -> DynamicTest.dynamicTest(
            id + " is exercised by an invalid fixture",
            () -> assertTrue(named.contains(id) || sparqlConstraintsOf(id).stream().anyMatch(named::contains)
                                 || ownersOf(id).stream().anyMatch(named::contains),
                             "no invalid fixture has '# Shape: " + id + "'")));
    }

    // ---- the shapes file itself

    @Test
    void the_ontology_alone_conforms_to_the_shapes() {
        ValidationReport report = ShaclValidator.get().validate(shapes, ontology);
        assertTrue(report.conforms(), () -> describe(report.getEntries()));
    }

    @Test
    void every_shape_has_a_stable_numbered_iri_a_message_and_a_severity() {
        List<String> problems = new ArrayList<>();
        for (String id : constraintIds()) {
            Node n = NodeFactory.createURI(SHAPES_NS + id);
            if (!id.matches("S\\d\\d-[A-Za-z0-9-]+"))
                problems.add(id + ": not of the form Snn-Name");
            if (!shapesGraph.find(n, SH_MESSAGE, Node.ANY).hasNext())
                problems.add(id + ": no sh:message");
            else if (!shapesGraph.find(n, SH_MESSAGE, Node.ANY).toList().stream()
                         .allMatch(t -> t.getObject().isLiteral() && t.getObject().getLiteralLexicalForm().startsWith(id.substring(0, 3) + ":")))
                problems.add(id + ": sh:message does not start with '" + id.substring(0, 3) + ":'");
            boolean isSparqlConstraint = shapesGraph.find(Node.ANY, SH_SPARQL, n).hasNext();
            boolean hasSeverity = shapesGraph.find(n, SH_SEVERITY, Node.ANY).hasNext();
            boolean hasMessageOnlyNodeShape = isNodeShapeWithoutOwnConstraints(n);
            if (!isSparqlConstraint && !hasSeverity && !hasMessageOnlyNodeShape)
                problems.add(id + ": no sh:severity");
        }
        // every shape or constraint node is an IRI of the shapes namespace (no anonymous top-level shapes)
        shapesGraph.find(Node.ANY, SH_PROPERTY, Node.ANY).forEach(t -> {
            if (!t.getObject().isURI())
                problems.add(t.getSubject() + ": has an anonymous property shape");
        });
        shapesGraph.find(Node.ANY, SH_SPARQL, Node.ANY).forEach(t -> {
            if (!t.getObject().isURI())
                problems.add(t.getSubject() + ": has an anonymous SPARQL constraint");
        });
        assertEquals(List.of(), problems);
    }

    // ---- helpers

    private static void assertConforms(Path fixture) {
        ValidationReport report = validate(fixture);
        assertTrue(report.conforms(), () -> fixture.getFileName() + " should conform:\n" + describe(report.getEntries()));
    }

    private static void assertReported(Path fixture, String number, Header h) {
        assertFalse(h.why.isBlank(), fixture.getFileName() + ": line 1 must be '# Invalid: why'");
        Node focus = NodeFactory.createURI(h.focus);
        Node shape = NodeFactory.createURI(SHAPES_NS + h.shape);
        Set<String> messages = messagesOf(shape);
        assertFalse(messages.isEmpty(), fixture.getFileName() + ": " + h.shape + " is not a shape with a sh:message");
        ValidationReport report = validate(fixture);
        String all = describe(report.getEntries());
        assertFalse(report.conforms(), fixture.getFileName() + " should not conform");
        boolean found = report.getEntries().stream().anyMatch(e ->
            e.focusNode().equals(focus)
                && shape.equals(e.source())
                && messages.contains(e.message()));
        assertTrue(found, () -> fixture.getFileName() + ": expected " + h.shape + " on <" + h.focus
                                + "> with message " + messages + ", got:\n" + all);
        for (ReportEntry e : report.getEntries()) {
            String src = localName(e.source());
            assertTrue(src.startsWith(number + "-"),
                       () -> fixture.getFileName() + ": only " + number + " may fire, got:\n" + all);
        }
    }

    private static ValidationReport validate(Path fixture) {
        Graph data = GraphFactory.createDefaultGraph();
        ontology.find().forEachRemaining(data::add);
        RDFDataMgr.read(data, fixture.toString());
        return ShaclValidator.get().validate(shapes, data);
    }

    private static Set<String> messagesOf(Node shape) {
        return shapesGraph.find(shape, SH_MESSAGE, Node.ANY).toList().stream()
            .map(t -> t.getObject().getLiteralLexicalForm())
            .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Local names of every IRI shape and SPARQL constraint in the shapes namespace. */
    static Set<String> constraintIds() {
        Set<String> ids = new TreeSet<>();
        for (Triple t : shapesGraph.find(Node.ANY, SH_MESSAGE, Node.ANY).toList())
            if (t.getSubject().isURI() && t.getSubject().getURI().startsWith(SHAPES_NS))
                ids.add(localName(t.getSubject()));
        shapesGraph.find(Node.ANY, SH_PROPERTY, Node.ANY).forEach(t -> ids.add(localName(t.getObject())));
        shapesGraph.find(Node.ANY, SH_SPARQL, Node.ANY).forEach(t -> ids.add(localName(t.getObject())));
        return ids;
    }

    /** Local names of the SPARQL constraints of a shape (a node shape whose only own constraint is SPARQL is covered by them). */
    static Set<String> sparqlConstraintsOf(String id) {
        return shapesGraph.find(NodeFactory.createURI(SHAPES_NS + id), SH_SPARQL, Node.ANY).toList().stream()
            .map(t -> localName(t.getObject())).collect(Collectors.toSet());
    }

    /** Local names of the shapes that hold a SPARQL constraint (its results are reported with the shape as source). */
    static Set<String> ownersOf(String constraintId) {
        return shapesGraph.find(Node.ANY, SH_SPARQL, NodeFactory.createURI(SHAPES_NS + constraintId)).toList().stream()
            .map(t -> localName(t.getSubject())).collect(Collectors.toSet());
    }

    /** The shape numbers S01…Snn (from the node shapes' IRIs). */
    static Set<String> numbers() {
        Set<String> n = new TreeSet<>();
        shapesGraph.find(Node.ANY, RDF.type.asNode(), SH_NODE_SHAPE)
            .forEach(t -> n.add(localName(t.getSubject()).substring(0, 3)));
        return n;
    }

    private static boolean isNodeShapeWithoutOwnConstraints(Node n) {
        return shapesGraph.contains(n, RDF.type.asNode(), SH_NODE_SHAPE)
            && !shapesGraph.find(n, SH_MESSAGE, Node.ANY).hasNext();
    }

    static String localName(Node n) {
        if (n == null || !n.isURI())
            return String.valueOf(n);
        String s = n.getURI();
        return s.startsWith(SHAPES_NS) ? s.substring(SHAPES_NS.length()) : s;
    }

    private static String describe(java.util.Collection<ReportEntry> entries) {
        return entries.stream()
            .map(e -> "  " + localName(e.source()) + " on " + e.focusNode() + " (" + e.severity().level().getLocalName()
                      + "): " + e.message())
            .sorted()
            .collect(Collectors.joining("\n"));
    }

    static List<Path> fixtures() {
        try (Stream<Path> s = Files.list(FIXTURES)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ttl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Header(String why, String focus, String shape) {}

    static Header header(Path fixture) {
        try {
            List<String> lines = Files.readAllLines(fixture, StandardCharsets.UTF_8);
            String why = lines.size() > 0 && lines.get(0).startsWith("# Invalid:") ? lines.get(0).substring(10).trim() : "";
            String focus = value(lines, "# Focus:");
            String shape = value(lines, "# Shape:");
            return new Header(why, focus, shape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().limit(5).filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).trim())
            .findFirst().orElse("");
    }
}
