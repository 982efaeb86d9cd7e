package org.treatygraph.derive;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

/**
 * What a triple pattern reads or a template triple writes, as far as strata are concerned: its
 * predicate, and for {@code rdf:type} its class. {@link Node#ANY} stands for "any": a variable
 * predicate is {@code (ANY, null)}, a type pattern with a variable class {@code (rdf:type, ANY)}.
 *
 * @param predicate the predicate IRI, or ANY
 * @param type      the class when the predicate is rdf:type (ANY: any class), else null
 */
record Sig(Node predicate, Node type) {
    static final Node TYPE = RDF.Nodes.type;
    static final Sig ANY = new Sig(Node.ANY, null);

    static Sig of(Node p, Node o) {
        if (p.isVariable() || p == Node.ANY)
            return ANY;
        if (TYPE.equals(p))
            return new Sig(TYPE, o.isVariable() || o == Node.ANY || o.isBlank() ? Node.ANY : o);
        return new Sig(p, null);
    }

    static Sig of(Triple t) {
        return of(t.getPredicate(), t.getObject());
    }

    boolean isAny() {
        return predicate == Node.ANY;
    }

    /** Whether a triple with signature {@code this} can match one with {@code other} (either may be a wildcard). */
    boolean overlaps(Sig other) {
        if (isAny() || other.isAny())
            return true;
        if (!predicate.equals(other.predicate))
            return false;
        if (type == null || other.type == null)
            return true;
        return type == Node.ANY || other.type == Node.ANY || type.equals(other.type);
    }

    @Override
    public String toString() {
        if (isAny())
            return "any predicate";
        if (type != null)
            return "rdf:type " + (type == Node.ANY ? "(any class)" : "<" + type.getURI() + ">");
        return "<" + predicate.getURI() + ">";
    }
}
