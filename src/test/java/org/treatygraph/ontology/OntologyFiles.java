package org.treatygraph.ontology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;

/** The files of ontology/ and data/ as the ontology tests read them (paths relative to the project root). */
final class OntologyFiles {
    private OntologyFiles() {}

    static final Path ONTOLOGY_DIR = Path.of("ontology");
    static final Path CORE = ONTOLOGY_DIR.resolve("treatygraph.ttl");
    static final Path ALIGNMENTS = ONTOLOGY_DIR.resolve("alignments.ttl");
    static final Path SHAPES = ONTOLOGY_DIR.resolve("shapes.ttl");
    static final Path CHECKS = ONTOLOGY_DIR.resolve("checks");
    static final Path DATA_DIR = Path.of("data");

    static final String BASE = "https://w3id.org/treatygraph/";
    static final String TG = BASE + "ontology#";
    static final String ONTOLOGY_GRAPH = BASE + "graph/ontology";

    /** ontology/*.ttl except shapes.ttl, sorted — what the load stage puts in the ontology graph. */
    static List<Path> ontologyFiles() {
        try (Stream<Path> s = Files.list(ONTOLOGY_DIR)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ttl"))
                .filter(p -> !p.getFileName().equals(SHAPES.getFileName()))
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** data/**&#47;*.trig, sorted. */
    static List<Path> dataFiles() {
        if (!Files.isDirectory(DATA_DIR))
            return List.of();
        try (Stream<Path> s = Files.walk(DATA_DIR)) {
            return s.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().endsWith(".trig"))
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ontology as one graph (all ontology files). */
    static Graph ontologyGraph() {
        Graph g = GraphFactory.createDefaultGraph();
        ontologyFiles().forEach(f -> RDFDataMgr.read(g, f.toString()));
        return g;
    }

    /** A dataset laid out like the service's: the ontology in its named graph, plus the given TriG files. */
    static DatasetGraph dataset(List<Path> trigFiles) {
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        Graph ontology = ontologyGraph();
        ontology.find().forEachRemaining(t -> dsg.add(NodeFactory.createURI(ONTOLOGY_GRAPH),
                                                       t.getSubject(), t.getPredicate(), t.getObject()));
        trigFiles.forEach(f -> RDFDataMgr.read(dsg, f.toString()));
        return dsg;
    }
}
