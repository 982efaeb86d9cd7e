package org.treatygraph.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of ontology/checks/ that were rewritten for speed give the same rows as the texts
 * they replace (kept in src/test/resources/checks/before/, one file per rewritten check), row for
 * row, on a TDB2 store laid out like the build's (asserted graphs, union default graph): generated
 * data of the bench with violations planted in it (every check fixture of
 * src/test/resources/checks/ added, and a seeded share of the generated quads changed: objects
 * made literals and literals IRIs, types dropped, labels doubled, dates moved, terms renamed,
 * quads moved to other graphs).
 */
class CheckRewritesTest {
    static final Path BEFORE = Path.of("src/test/resources/checks/before");
    static final Path CHECKS = Path.of("ontology/checks");
    static final Path FIXTURES = Path.of("src/test/resources/checks");
    static final String TG = "https://w3id.org/treatygraph/ontology#";
    static final Node ONTOLOGY = NodeFactory.createURI("https://w3id.org/treatygraph/graph/ontology");

    static DatasetGraph store;

    @BeforeAll
    static void generatedDataWithViolations(@TempDir Path dir) throws IOException {
        Generator.generate(dir.resolve("project"), Path.of("ontology"), 60_000, 7);
        DatasetGraph parsed = org.apache.jena.sparql.core.DatasetGraphFactory.createGeneral();
        for (Path f : files(Path.of("ontology"), ".ttl"))
            if (!f.getFileName().toString().equals("shapes.ttl"))
                RDFDataMgr.read(parsed.getGraph(ONTOLOGY), f.toString());
        for (Path f : files(dir.resolve("project/data"), ".trig"))
            RDFDataMgr.read(parsed, f.toString());
        for (Path f : files(FIXTURES, ".trig"))
            RDFDataMgr.read(parsed, f.toString());
        store = DatabaseMgr.createDatasetGraph();
        store.getContext().set(TDB2.symUnionDefaultGraph, true);
        Random random = new Random(11);
        List<Node> graphs = new ArrayList<>();
        parsed.listGraphNodes().forEachRemaining(graphs::add);
        Txn.executeWrite(store, () -> parsed.find().forEachRemaining(q -> {
            if (q.isDefaultGraph())
                return;
            Quad m = random.nextInt(100) < 2 && !q.getGraph().equals(ONTOLOGY) ? mutate(q, random, graphs) : q;
            if (m != null)
                store.add(m);
            if (m != q && random.nextBoolean())
                store.add(q);                   // half the time the original stays as well
        }));
    }

    /** One planted change of {@code q}; null drops it. */
    private static Quad mutate(Quad q, Random random, List<Node> graphs) {
        Node g = q.getGraph(), s = q.getSubject(), p = q.getPredicate(), o = q.getObject();
        return switch (random.nextInt(8)) {
            case 0 -> o.isURI() ? Quad.create(g, s, p, NodeFactory.createLiteralString(o.getURI())) : null;
            case 1 -> o.isLiteral() ? Quad.create(g, s, p, NodeFactory.createURI(TG + "x-" + Math.abs(o.getLiteralLexicalForm().hashCode()))) : q;
            case 2 -> p.getURI().endsWith("#type") ? null : q;
            case 3 -> o.isLiteral() && !o.getLiteralLanguage().isEmpty()
                ? Quad.create(g, s, p, NodeFactory.createLiteralLang(o.getLiteralLexicalForm() + " (2)", o.getLiteralLanguage())) : q;
            case 4 -> o.isLiteral() && XSDDatatype.XSDdate.getURI().equals(o.getLiteralDatatypeURI())
                ? Quad.create(g, s, p, NodeFactory.createLiteralDT(
                    String.format("%04d", Integer.parseInt(o.getLiteralLexicalForm().substring(0, 4)) - random.nextInt(30))
                        + o.getLiteralLexicalForm().substring(4), XSDDatatype.XSDdate)) : q;
            case 5 -> Quad.create(g, s, NodeFactory.createURI(TG + "undeclared" + random.nextInt(3)), o);
            case 6 -> Quad.create(graphs.get(random.nextInt(graphs.size())), s, p, o);
            default -> o.isURI() ? Quad.create(g, s, p, NodeFactory.createURI(TG + "Undeclared" + random.nextInt(3))) : q;
        };
    }

    @TestFactory
    Stream<DynamicTest> each_rewritten_check_gives_the_rows_of_the_text_it_replaces_on_generated_data_with_violations() {
        return files(BEFORE, ".rq").stream().map(before -> DynamicTest.dynamicTest(
            before.getFileName() + " and its rewrite give the same rows", () -> {
                List<String> expected = rows(QueryFactory.read(before.toString()));
                List<String> actual = rows(QueryFactory.read(CHECKS.resolve(before.getFileName()).toString()));
                assertFalse(expected.isEmpty(), "no violation planted for " + before.getFileName());
                System.out.println(before.getFileName() + ": " + expected.size() + " row(s)");
                assertEquals(expected, actual);
            }));
    }

    /** The rows of {@code q} over the store, one line each, sorted (duplicates kept). */
    static List<String> rows(Query q) {
        return Txn.calculateRead(store, () -> {
            List<String> out = new ArrayList<>();
            try (QueryExec qe = QueryExec.dataset(store).query(q).build()) {
                RowSet rs = qe.select();
                List<Var> vars = rs.getResultVars();
                while (rs.hasNext()) {
                    Binding b = rs.next();
                    out.add(vars.stream().map(v -> v.getVarName() + "=" + (b.get(v) == null ? "" : FmtUtils.stringForNode(b.get(v))))
                                .collect(Collectors.joining(" ")));
                }
            }
            out.sort(null);
            return out;
        });
    }

    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.walk(dir, dir.equals(FIXTURES) ? 1 : Integer.MAX_VALUE)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
