package org.treatygraph.serve;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.graph.NodeTransform;
import org.apache.jena.sparql.graph.NodeTransformLib;
import org.apache.jena.sparql.util.Context;

/**
 * Queries may name schema.org terms in either namespace: the data states them under
 * {@code http://schema.org/} (as Wikidata and most published RDF do), and a query that writes
 * {@code https://schema.org/} (rdflib's {@code SDO}, schema.org's own examples) has each such IRI
 * in its pattern read as the {@code http://} one. Done once per query, on the algebra, before the
 * standard optimizer — no triple is stored twice. Only patterns and expressions are rewritten: a
 * CONSTRUCT template keeps the IRIs the query wrote.
 */
final class SchemaOrgHttps {
    static final String HTTPS = "https://schema.org/";
    static final String HTTP = "http://schema.org/";

    private SchemaOrgHttps() {}

    private static final NodeTransform TO_HTTP = n ->
        n.isURI() && n.getURI().startsWith(HTTPS) ? NodeFactory.createURI(HTTP + n.getURI().substring(HTTPS.length())) : n;

    /** Install in {@code cxt}: every query run with it first maps https schema.org IRIs, then optimizes as usual. */
    static void applyTo(Context cxt) {
        RewriteFactory standard = Optimize.getFactory();
        RewriteFactory rewrite = c -> op -> standard.create(c).rewrite(NodeTransformLib.transform(TO_HTTP, op));
        cxt.set(ARQConstants.sysOptimizerFactory, rewrite);
    }

    static Node toHttp(Node n) {
        return TO_HTTP.apply(n);
    }
}
