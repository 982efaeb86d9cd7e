package org.treatygraph.query;

import java.util.Locale;
import java.util.Optional;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;

/** How the graph of a CONSTRUCT or DESCRIBE query is written: an RDF syntax. */
public enum RdfFormat {
    TURTLE("turtle", Lang.TURTLE, "ttl"),
    NTRIPLES("ntriples", Lang.NTRIPLES, "nt"),
    JSONLD("jsonld", Lang.JSONLD, "json-ld"),
    RDFXML("rdfxml", Lang.RDFXML, "rdf"),
    TRIG("trig", Lang.TRIG),
    NQUADS("nquads", Lang.NQUADS, "nq");

    private final String shortName;
    private final Lang lang;
    private final String[] aliases;

    RdfFormat(String shortName, Lang lang, String... aliases) {
        this.shortName = shortName;
        this.lang = lang;
        this.aliases = aliases;
    }

    public String shortName() { return shortName; }

    public Lang lang() { return lang; }

    /** Whether the syntax carries named graphs (TriG, N-Quads): the query's answer is then written as a dataset. */
    public boolean isQuads() {
        return RDFLanguages.isQuads(lang);
    }

    /** By short name (turtle, ntriples, jsonld, rdfxml, trig, nquads), an alias (ttl, nt, json-ld, rdf, nq) or a media type. */
    public static Optional<RdfFormat> of(String nameOrMediaType) {
        String s = nameOrMediaType == null ? "" : nameOrMediaType.strip().toLowerCase(Locale.ROOT);
        for (RdfFormat f : values()) {
            if (f.shortName.equals(s) || f.lang.getContentType().getContentTypeStr().equals(s))
                return Optional.of(f);
            for (String a : f.aliases)
                if (a.equals(s))
                    return Optional.of(f);
        }
        return Optional.empty();
    }
}
