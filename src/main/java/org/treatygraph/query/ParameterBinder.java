package org.treatygraph.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.query.Query;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.riot.system.Prefixes;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementBind;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransformCopyBase;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.sparql.util.NodeFactoryExtra;
import org.apache.jena.vocabulary.RDF;

/**
 * Puts caller values into a named query safely: each value is parsed on its own into one RDF term
 * (an IRI or a literal, checked against the kind of the default), and the term replaces the
 * default in the query's syntax tree — in the {@code VALUES} block or the {@code BIND} that binds
 * the parameter. The query text is never concatenated with caller input, so a value cannot
 * change the shape of the query.
 */
final class ParameterBinder {
    static final int MAX_VALUE_LENGTH = 2000;
    static final int MAX_VALUES = 100;
    private static final Pattern ABSOLUTE_IRI = Pattern.compile("(?i)(https?|urn|ftp|mailto|tag):[^\\s<>\"{}|\\\\^`]+");

    private ParameterBinder() {}

    /**
     * The default of each parameter as the body binds it (VALUES rows or a constant BIND), in body
     * order. A parameter may be bound by several VALUES blocks with the same rows (the query
     * repeats it inside a sub-query so that the sub-query is computed for the parameter only);
     * binding replaces them all.
     */
    static Map<String, List<Node>> defaults(Query query) {
        Map<String, List<Node>> found = new LinkedHashMap<>();
        QueryTransformOps.transform(query, new ElementTransformCopyBase() {
            @Override
            public Element transform(ElementData el) {
                // a parameter may be bound in several VALUES blocks (a sub-query restricted to it too):
                // each default counts once
                for (Var v : el.getVars())
                    for (Binding row : el.getRows()) {
                        Node n = row.get(v);
                        if (n == null)
                            continue;
                        List<Node> values = found.computeIfAbsent(v.getVarName(), k -> new ArrayList<>());
                        if (!values.contains(n))
                            values.add(n);
                    }
                return el;
            }

            @Override
            public Element transform(ElementBind el, Var v, Expr expr) {
                List<Node> values = found.computeIfAbsent(v.getVarName(), k -> new ArrayList<>());
                if (expr.isConstant())
                    values.add(expr.getConstant().asNode());
                return el;
            }
        });
        return found;
    }

    /**
     * {@code query} with the defaults of the parameters in {@code raw} replaced by the caller's
     * values. Parameters not in {@code raw} keep their defaults.
     *
     * @throws BadParameterException for an undeclared parameter or a value that is not a term of the expected kind
     */
    static NamedQuery.Bound bind(NamedQuery nq, Query query, Map<String, ? extends List<String>> raw, PrefixMap datasetPrefixes) {
        Map<String, Parameter> declared = new LinkedHashMap<>();
        nq.parameters().forEach(p -> declared.put(p.name(), p));
        Map<String, List<Node>> defaults = nq.defaults();    // those of query: it is nq's text, parsed
        PrefixMap prefixes = PrefixMapFactory.create();
        if (datasetPrefixes != null)
            prefixes.putAll(datasetPrefixes);
        prefixes.putAll(Prefixes.adapt(query.getPrefixMapping()));
        Map<Var, List<Node>> values = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends List<String>> e : raw.entrySet()) {
            String name = e.getKey().startsWith("?") || e.getKey().startsWith("$") ? e.getKey().substring(1) : e.getKey();
            Parameter p = declared.get(name);
            if (p == null)
                throw new BadParameterException("Unknown parameter '" + e.getKey() + "' for query '" + nq.name() + "': "
                    + (declared.isEmpty() ? "it takes no parameters"
                       : "it takes " + declared.keySet().stream().map(n -> "?" + n).collect(Collectors.joining(", "))));
            List<String> given = e.getValue();
            if (given == null || given.isEmpty())
                continue;
            if (given.size() > MAX_VALUES)
                throw new BadParameterException(where(nq, name) + "at most " + MAX_VALUES + " values, got " + given.size());
            List<Node> d = defaults.get(name);
            if (d == null)
                throw new IllegalStateException(nq.file() + ": the header declares ?" + name
                    + " but no VALUES block or BIND of the query binds it");
            Node def = d.isEmpty() || p.anyTerm() ? null : d.get(0);
            List<Node> nodes = new ArrayList<>();
            for (String v : given) {
                Node n = parse(nq, name, v, def, prefixes);
                if (!nodes.contains(n))
                    nodes.add(n);
            }
            values.put(Var.alloc(name), nodes);
        }
        Map<String, List<Node>> parsed = new LinkedHashMap<>();
        values.forEach((v, ns) -> parsed.put(v.getVarName(), List.copyOf(ns)));
        if (values.isEmpty())
            return new NamedQuery.Bound(query, parsed);
        Set<Var> used = new HashSet<>();
        Query bound = QueryTransformOps.transform(query, new ElementTransformCopyBase() {
            @Override
            public Element transform(ElementData el) {
                if (el.getVars().stream().noneMatch(values::containsKey))
                    return el;
                Set<Binding> rows = new LinkedHashSet<>(el.getRows());
                for (Var v : el.getVars()) {
                    List<Node> vs = values.get(v);
                    if (vs == null)
                        continue;
                    used.add(v);
                    Set<Binding> next = new LinkedHashSet<>();
                    for (Binding row : rows)
                        for (Node n : vs) {
                            BindingBuilder b = Binding.builder();
                            for (Var w : el.getVars()) {
                                Node x = w.equals(v) ? n : row.get(w);
                                if (x != null)
                                    b.add(w, x);
                            }
                            next.add(b.build());
                        }
                    rows = next;
                }
                ElementData copy = new ElementData(el.getVars(), new ArrayList<>(rows));
                return copy;
            }

            @Override
            public Element transform(ElementBind el, Var v, Expr expr) {
                List<Node> vs = values.get(v);
                if (vs == null)
                    return super.transform(el, v, expr);
                if (vs.size() > 1)
                    throw new BadParameterException(where(nq, v.getVarName()) + "takes one value, got " + vs.size());
                used.add(v);
                return new ElementBind(v, NodeValue.makeNode(vs.get(0)));
            }
        });
        for (Var v : values.keySet())
            if (!used.contains(v))
                throw new IllegalStateException(nq.file() + ": ?" + v.getVarName() + " is not bound by a VALUES block or a BIND");
        return new NamedQuery.Bound(bound, parsed);
    }

    /** One caller value as one RDF term of the kind of {@code def} (any IRI or literal when def is null). */
    static Node parse(NamedQuery nq, String name, String raw, Node def, PrefixMap prefixes) {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty())
            throw new BadParameterException(where(nq, name) + "the value is empty; expected " + expected(def, prefixes));
        if (v.length() > MAX_VALUE_LENGTH)
            throw new BadParameterException(where(nq, name) + "the value is longer than " + MAX_VALUE_LENGTH + " characters");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c))
                throw new BadParameterException(where(nq, name) + "the value holds a control character (U+"
                                                + String.format("%04X", (int) c) + ") at position " + (i + 1));
        }
        Node n;
        String why;
        try {
            n = NodeFactoryExtra.parseNode(v, prefixes);
            why = null;
        } catch (RiotException e) {
            n = null;
            why = e.getMessage();
        }
        if (n != null && !(n.isURI() || n.isLiteral()))
            throw new BadParameterException(where(nq, name) + "'" + v + "' is not a value: expected " + expected(def, prefixes));
        if (n == null && ABSOLUTE_IRI.matcher(v).matches())
            n = iri(nq, name, v);                      // a bare absolute IRI, for any kind of parameter
        if (def == null) {
            if (n == null)
                throw new BadParameterException(where(nq, name) + "'" + v + "' is not an RDF term (" + why
                    + "): give <IRI>, prefix:name or a literal such as \"text\"@en or \"2019-01-14\"^^xsd:date");
            return checkLiteral(nq, name, n, prefixes);
        }
        if (def.isURI()) {
            if (n == null && ABSOLUTE_IRI.matcher(v).matches())
                n = iri(nq, name, v);
            if (n == null)
                throw new BadParameterException(where(nq, name) + "'" + v + "' is not an IRI: expected " + expected(def, prefixes));
            if (!n.isURI())
                throw new BadParameterException(where(nq, name) + "expected " + expected(def, prefixes) + ", not the literal "
                    + FmtUtils.stringForNode(n, query(prefixes)));
            return n;
        }
        // a literal default
        String lang = def.getLiteralLanguage();
        RDFDatatype dt = def.getLiteralDatatype();
        boolean text = !lang.isEmpty() || XSDDatatype.XSDstring.equals(dt) || RDF.dtLangString.equals(dt);
        if (text) {
            if (n != null && n.isLiteral() && (isString(n) || !n.getLiteralLanguage().isEmpty()))
                return n;
            return lang.isEmpty() ? NodeFactory.createLiteralString(v) : NodeFactory.createLiteralLang(v, lang);
        }
        if (n != null && n.isLiteral() && dt.equals(n.getLiteralDatatype()))
            return checkLiteral(nq, name, n, prefixes);
        String lexical = n != null && n.isLiteral() ? n.getLiteralLexicalForm() : v;
        if (dt.isValid(lexical))
            return NodeFactory.createLiteralDT(lexical, dt);
        throw new BadParameterException(where(nq, name) + "'" + v + "' is not " + expected(def, prefixes));
    }

    private static Node checkLiteral(NamedQuery nq, String name, Node n, PrefixMap prefixes) {
        if (n.isLiteral() && !n.getLiteralDatatype().isValid(n.getLiteralLexicalForm()))
            throw new BadParameterException(where(nq, name) + FmtUtils.stringForNode(n, query(prefixes))
                + " is ill-formed: '" + n.getLiteralLexicalForm() + "' is not a valid " + shortName(n.getLiteralDatatypeURI(), prefixes));
        return n;
    }

    private static Node iri(NamedQuery nq, String name, String v) {
        try {
            IRIx iri = IRIx.create(v);
            if (!iri.isReference())        // has a scheme (and a host when hierarchical); a fragment is fine
                throw new BadParameterException(where(nq, name) + "'" + v + "' is not an absolute IRI");
            return NodeFactory.createURI(iri.str());
        } catch (IRIException e) {
            throw new BadParameterException(where(nq, name) + "'" + v + "' is not a valid IRI: " + e.getMessage());
        }
    }

    private static boolean isString(Node n) {
        return XSDDatatype.XSDstring.equals(n.getLiteralDatatype());
    }

    private static String where(NamedQuery nq, String name) {
        return "Parameter ?" + name + " of query '" + nq.name() + "': ";
    }

    /** What a value must look like, with the default as the example. */
    static String expected(Node def, PrefixMap prefixes) {
        if (def == null)
            return "an IRI or a literal";
        String example = FmtUtils.stringForNode(def, query(prefixes));
        if (def.isURI())
            return "an IRI, as <https://…> or prefix:name (e.g. " + example + ")";
        String lang = def.getLiteralLanguage();
        if (!lang.isEmpty())
            return "text (e.g. " + example + ")";
        String dt = shortName(def.getLiteralDatatypeURI(), prefixes);
        return "a literal of type " + dt + " (e.g. " + def.getLiteralLexicalForm() + ")";
    }

    private static String shortName(String iri, PrefixMap prefixes) {
        String s = prefixes.abbreviate(iri);
        if (s != null)
            return s;
        return iri.startsWith(XSDDatatype.XSD + "#") ? "xsd:" + iri.substring(XSDDatatype.XSD.length() + 1) : "<" + iri + ">";
    }

    private static org.apache.jena.shared.PrefixMapping query(PrefixMap prefixes) {
        return Prefixes.adapt(prefixes);
    }
}
