package org.treatygraph.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;

/**
 * The project's asserted data, loaded the way the load stage lays it out: ontology/*.ttl (not
 * shapes.ttl) into graph/ontology, every data/**&#47;*.trig with its own graph names. No inference.
 */
final class SourceData {
    private SourceData() {}

    static final String BASE = "https://w3id.org/treatygraph/";
    static final String GRAPH = BASE + "graph/";
    static final String ONTOLOGY_GRAPH = GRAPH + "ontology";
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path DATA = ROOT.resolve("data");
    static final Path SOURCES = DATA.resolve("sources");
    /** Repository copies of the five texts (data/sources/texts). */
    static final Path TEXTS = SOURCES.resolve("texts");
    /** The team's shared originals, present on a developer machine, absent on a clean clone. */
    static final Path SHARED_TEXTS = ROOT.resolve("../shared/sources").normalize();
    static final List<String> SOURCE_NUMBERS = List.of("000", "001", "002", "003", "004");

    /** The prefixes of docs/data-modelling.md (plus agent:), for the tests' SPARQL. */
    static final String PREFIXES = """
        PREFIX tg:     <https://w3id.org/treatygraph/ontology#>
        PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
        PREFIX owl:    <http://www.w3.org/2002/07/owl#>
        PREFIX skos:   <http://www.w3.org/2004/02/skos/core#>
        PREFIX skosxl: <http://www.w3.org/2008/05/skos-xl#>
        PREFIX dct:    <http://purl.org/dc/terms/>
        PREFIX prov:   <http://www.w3.org/ns/prov#>
        PREFIX schema: <http://schema.org/>
        PREFIX geo:    <http://www.w3.org/2003/01/geo/wgs84_pos#>
        PREFIX time:   <http://www.w3.org/2006/time#>
        PREFIX wd:     <http://www.wikidata.org/entity/>
        PREFIX graph:  <https://w3id.org/treatygraph/graph/>
        PREFIX src:    <https://w3id.org/treatygraph/id/source/>
        PREFIX state:  <https://w3id.org/treatygraph/id/state/>
        PREFIX person: <https://w3id.org/treatygraph/id/person/>
        PREFIX organization: <https://w3id.org/treatygraph/id/org/>
        PREFIX post:   <https://w3id.org/treatygraph/id/post/>
        PREFIX tenure: <https://w3id.org/treatygraph/id/tenure/>
        PREFIX agreement: <https://w3id.org/treatygraph/id/agreement/>
        PREFIX provision: <https://w3id.org/treatygraph/id/provision/>
        PREFIX decision:  <https://w3id.org/treatygraph/id/decision/>
        PREFIX island: <https://w3id.org/treatygraph/id/island/>
        PREFIX place:  <https://w3id.org/treatygraph/id/place/>
        PREFIX event:  <https://w3id.org/treatygraph/id/event/>
        PREFIX part:   <https://w3id.org/treatygraph/id/participation/>
        PREFIX claim:  <https://w3id.org/treatygraph/id/claim/>
        PREFIX name:   <https://w3id.org/treatygraph/id/name/>
        PREFIX stmt:   <https://w3id.org/treatygraph/id/statement/>
        PREFIX count:  <https://w3id.org/treatygraph/id/count/>
        PREFIX agent:  <https://w3id.org/treatygraph/id/agent/>
        """;

    private static DatasetGraph dataset;

    /** The asserted dataset, loaded once per test JVM and not changed by the tests. */
    static synchronized DatasetGraph dataset() {
        if (dataset == null)
            dataset = load();
        return dataset;
    }

    private static DatasetGraph load() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Node ontology = NodeFactory.createURI(ONTOLOGY_GRAPH);
        Txn.executeWrite(dsg, () -> {
            for (Path ttl : list(ROOT.resolve("ontology"), false, ".ttl")) {
                if (ttl.getFileName().toString().equals("shapes.ttl"))
                    continue;
                Graph g = dsg.getGraph(ontology);
                RDFDataMgr.loadGraph(ttl.toString()).find().forEachRemaining(g::add);
            }
            for (Path trig : list(DATA, true, ".trig"))
                if (!trig.startsWith(DATA.resolve("drafts")))   // ingest's drafts are never loaded
                    RDFDataMgr.read(dsg, trig.toString());
        });
        return dsg;
    }

    static List<Path> list(Path dir, boolean recursive, String suffix) {
        if (!Files.isDirectory(dir))
            return List.of();
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sourceGraph(String nnn) {
        return GRAPH + "source/" + nnn;
    }

    static boolean ask(String queryWithoutPrefixes) {
        DatasetGraph dsg = dataset();
        return Txn.calculateRead(dsg, () ->
            QueryExec.dataset(dsg).query(PREFIXES + queryWithoutPrefixes).ask());
    }

    /** The rows of a SELECT, each as "?var=value" pairs joined by a blank, for failure messages. */
    static List<String> select(String queryWithoutPrefixes) {
        DatasetGraph dsg = dataset();
        return Txn.calculateRead(dsg, () -> {
            List<String> rows = new ArrayList<>();
            RowSet rs = QueryExec.dataset(dsg).query(PREFIXES + queryWithoutPrefixes).select();
            List<org.apache.jena.sparql.core.Var> vars = rs.getResultVars();
            rs.forEachRemaining(b -> {
                StringBuilder sb = new StringBuilder();
                for (var v : vars)
                    if (b.contains(v))
                        sb.append(sb.isEmpty() ? "" : "  ").append('?').append(v.getVarName()).append('=').append(b.get(v));
                rows.add(sb.toString());
            });
            return rows;
        });
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whitespace runs (spaces, tabs, line breaks) to one space, trimmed: the only normalisation evidence gets. */
    static String normalizeWhitespace(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
