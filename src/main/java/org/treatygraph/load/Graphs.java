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
    /** Only in dumps made by export: the journal of HTTP changes, one {@code tg:JournalEntry} each. */
    public static final String JOURNAL = GRAPH + "journal";
    /** Graphs of plain RDF files loaded with {@code load FILE} and no --graph: {@code graph/file/{stem}}. */
    public static final String FILE_GRAPHS = GRAPH + "file/";

    /** The VoID description of the whole dataset, in the meta graph. */
    public static final String DATASET = BASE + "dataset";
    /** {@code tg:contentHash}: SHA-256 (hex) of ontology/** and data/** at build time. */
    public static final String CONTENT_HASH = TG + "contentHash";

    /** {@code tg:builtAt}: when the dataset was last built from the files. */
    public static final String BUILT_AT = TG + "builtAt";
    /** {@code tg:journalHead}: the last journal entry the dataset includes. */
    public static final String JOURNAL_HEAD = TG + "journalHead";
    /**
     * {@code tg:rulesDigest}: SHA-256 of the rule files the inferred graph was derived with, kept in
     * the meta graph ({@code <…/graph/inferred> tg:rulesDigest "…"}) by the inference layer; a build
     * record rewrite keeps it.
     */
    public static final String RULES_DIGEST = TG + "rulesDigest";
    /** {@code tg:JournalEntry}, {@code tg:sequence}, {@code tg:patch}: journal entries in a dump. */
    public static final String JOURNAL_ENTRY = TG + "JournalEntry";
    public static final String SEQUENCE = TG + "sequence";
    public static final String PATCH = TG + "patch";

    private static final Node INFERRED_NODE = NodeFactory.createURI(INFERRED);
    private static final Node META_NODE = NodeFactory.createURI(META);
    private static final Node JOURNAL_NODE = NodeFactory.createURI(JOURNAL);

    /**
     * Whether only the pipeline writes graph {@code g}: the inferred and meta graphs (and the
     * journal graph of dumps). Input files, SPARQL Update and the Graph Store Protocol may not.
     */
    public static boolean isReserved(Node g) {
        return INFERRED_NODE.equals(g) || META_NODE.equals(g) || JOURNAL_NODE.equals(g);
    }

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
