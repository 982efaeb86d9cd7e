package org.treatygraph.load;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The IRIs of docs/architecture.md that the pipeline itself writes or reads. */
public final class Graphs {
    private Graphs() {}

    /** Base of every Treaty Graph IRI. */
    public static final String BASE = "https://w3id.org/treatygraph/";
    /** Ontology namespace (prefix {@code tg:}). */
    public static final String TG = BASE + "ontology#";
    /** Prefix of every named graph. */
    public static final String GRAPH = BASE + "graph/";

    /** ontology/*.ttl (not the shapes). */
    public static final String ONTOLOGY = GRAPH + "ontology";
    /** Everything derived (written by the derive stage). */
    public static final String INFERRED = GRAPH + "inferred";
    /** The build record: content hash, build time, triples per graph (VoID). */
    public static final String META = GRAPH + "meta";
    /** Graphs of plain RDF files loaded with {@code load FILE} and no --graph: {@code graph/file/{stem}}. */
    public static final String FILE_GRAPHS = GRAPH + "file/";

    /** The VoID description of the whole dataset, in the meta graph. */
    public static final String DATASET = BASE + "dataset";
    /** {@code tg:contentHash}: SHA-256 (hex) of ontology/** and data/** at build time. */
    public static final String CONTENT_HASH = TG + "contentHash";

    public static Node node(String iri) {
        return NodeFactory.createURI(iri);
    }

    /** The default graph of a plain RDF file: {@code …/graph/file/} + its lower-cased file stem, non-alphanumerics as '-'. */
    public static String forFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String slug = stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return FILE_GRAPHS + (slug.isEmpty() ? "unnamed" : slug);
    }
}
