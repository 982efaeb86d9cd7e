package org.treatygraph.query;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.system.PrefixMap;

/**
 * One named query: {@code queries/NAME.rq}, with its ROBOT-style header lines
 * {@code # # Title}, {@code # **Question:** …}, {@code # **Parameters:** …},
 * {@code # **Returns:** …} and {@code # **Federated:** yes} (empty / none / false when absent).
 *
 * @param federated  true when the header says {@code # **Federated:** yes} (the query calls SERVICE)
 */
public record NamedQuery(String name, String title, String question, List<Parameter> parameters,
                         String returns, boolean federated, String text, Path file) {

    public NamedQuery {
        parameters = List.copyOf(parameters);
    }

    /**
     * The query (SPARQL 1.1 and Jena's extensions), ready to change or run: a new deep copy
     * ({@link Query#cloneQuery()}) on each call of the text parsed once — parsing takes Jena's parser
     * 0.3–0.8 ms for these texts, a copy some 10 µs (docs/scale.md, "The per-request floor").
     */
    public Query parse() {
        return template().copy();
    }

    /** The text parsed, once per query (a parse error is not remembered: it is thrown again). */
    private Template template() {
        synchronized (TEMPLATES) {
            Template t = TEMPLATES.get(this);
            if (t != null)
                return t;
        }
        Query parsed;
        try {
            parsed = QueryFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            throw new QueryParseException(file + ": " + e.getMessage(), e.getLine(), e.getColumn());
        }
        Template t = new Template(parsed, ParameterBinder.defaults(parsed));
        synchronized (TEMPLATES) {
            TEMPLATES.putIfAbsent(this, t);
            return TEMPLATES.get(this);
        }
    }

    /** Parsed texts of the named queries in use (weakly held: a query no longer in use is forgotten). */
    private static final Map<NamedQuery, Template> TEMPLATES = new WeakHashMap<>();

    /** A parsed query that is never handed out or run, only copied; and the defaults its body binds. */
    private static final class Template {
        private final Query query;
        private final Map<String, List<Node>> defaults;

        Template(Query query, Map<String, List<Node>> defaults) {
            this.query = query;
            Map<String, List<Node>> d = new LinkedHashMap<>();
            defaults.forEach((k, v) -> d.put(k, List.copyOf(v)));
            this.defaults = Collections.unmodifiableMap(d);
        }

        /** A deep copy (one at a time: copying reads the template, and nothing else touches it). */
        synchronized Query copy() {
            return query.cloneQuery();
        }
    }

    /**
     * The query with caller values for some of its parameters, each parsed into one RDF term and
     * put where the default was (VALUES or BIND). {@code values}: parameter name (with or without
     * {@code ?}) → one value, or several where a VALUES block binds the parameter. A value is
     * {@code <IRI>}, {@code prefix:name} (the query's prefixes), an absolute IRI, or a literal
     * ({@code "text"@en}, {@code "2019-01-14"^^xsd:date}, a number); for a literal parameter the
     * bare lexical form is enough ({@code 2019-01-14}).
     *
     * @throws BadParameterException for an undeclared parameter or a value of the wrong kind
     */
    public Query bind(Map<String, ? extends List<String>> values) {
        return ParameterBinder.bind(this, parse(), values, null).query();
    }

    /**
     * {@link #bind(Map)}, with {@code datasetPrefixes} (the prefixes of the data, one set for
     * every query) known in values besides the query's own (which win), and the parsed values
     * returned with the query.
     */
    public Bound bind(Map<String, ? extends List<String>> values, PrefixMap datasetPrefixes) {
        return ParameterBinder.bind(this, parse(), values, datasetPrefixes);
    }

    /** A query with its caller values, and those values parsed: parameter name → terms. */
    public record Bound(Query query, Map<String, List<Node>> values) {}

    /** The defaults the query body binds, per parameter variable (VALUES rows, or a constant BIND); unmodifiable. */
    public Map<String, List<Node>> defaults() {
        return template().defaults;
    }
}
