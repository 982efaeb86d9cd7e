package org.treatygraph.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;

/** Our side of a link test: the project's ontology (ontology/*.ttl but shapes) and one TriG file of the test classpath. */
final class OurData {
    private OurData() {}

    static Graph with(String classpathTrig) {
        DatasetGraph dsg = DatasetGraphFactory.create();
        Graph ontology = dsg.getGraph(NodeFactory.createURI("https://w3id.org/treatygraph/graph/ontology"));
        try (Stream<Path> files = Files.list(Path.of("ontology"))) {
            files.filter(p -> p.toString().endsWith(".ttl") && !p.getFileName().toString().equals("shapes.ttl"))
                 .sorted().forEach(p -> RDFDataMgr.read(ontology, p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = OurData.class.getResourceAsStream(classpathTrig)) {
            RDFParser.source(in).lang(Lang.TRIG).parse(dsg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dsg.getUnionGraph();
    }
}
