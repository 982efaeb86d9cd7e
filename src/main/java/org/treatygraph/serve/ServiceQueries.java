package org.treatygraph.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.NamedQuery;
import org.treatygraph.query.QueryContext;

/**
 * The SPARQL the service's own pages run (entity pages, search, the workbench's vocabulary): .rq
 * files under {@code org/treatygraph/serve/queries/} on the class path, each with a named-query
 * header. Parameters are bound in the syntax tree ({@link NamedQuery#bind}), never pasted into the
 * text; every query runs in a read transaction with the server's {@link QueryContext}, as at
 * {@code /kg/sparql}.
 */
final class ServiceQueries {
    private static final String ROOT = "org/treatygraph/serve/queries/";

    /** One row: variable name → term (unbound variables absent). */
    record Row(Map<String, Node> values) {
        Node get(String var) {
            return values.get(var);
        }

        String text(String var) {
            Node n = values.get(var);
            return n == null ? null : n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : n.toString();
        }

        String iri(String var) {
            Node n = values.get(var);
            return n != null && n.isURI() ? n.getURI() : null;
        }
    }

    private final DatasetGraph dsg;
    private final QueryContext semantics;
    private final Map<String, NamedQuery> queries = new ConcurrentHashMap<>();

    ServiceQueries(DatasetGraph dsg, QueryContext semantics) {
        this.dsg = dsg;
        this.semantics = semantics;
    }

    static NamedQuery load(String name) {
        try (InputStream in = ServiceQueries.class.getClassLoader().getResourceAsStream(ROOT + name + ".rq")) {
            if (in == null)
                throw new IllegalArgumentException("No service query " + ROOT + name + ".rq");
            return NamedQueries.read(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Run query {@code name} with {@code params} (parameter → values, e.g. {@code "<IRI>"}), every row. */
    List<Row> select(String name, Map<String, List<String>> params) {
        NamedQuery nq = queries.computeIfAbsent(name, ServiceQueries::load);
        Query query = nq.bind(params);
        Dataset ds = DatasetFactory.wrap(dsg);
        return Txn.calculateRead(ds, () -> {
            List<Row> rows = new ArrayList<>();
            try (QueryExecution qe = semantics.execution(query, ds)) {
                ResultSet rs = qe.execSelect();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    Map<String, Node> m = new HashMap<>();
                    for (Iterator<String> it = s.varNames(); it.hasNext(); ) {
                        String v = it.next();
                        RDFNode n = s.get(v);
                        if (n != null)
                            m.put(v, n.asNode());
                    }
                    rows.add(new Row(m));
                }
            }
            return rows;
        });
    }

    /** {@link #select} with one IRI parameter, {@code ?entity}. */
    List<Row> about(String name, String iri) {
        return select(name, Map.of("entity", List.of("<" + iri + ">")));
    }

    /** {@code params} with one parameter of several IRIs. */
    static Map<String, List<String>> iris(String param, List<String> iris) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(param, iris.stream().map(i -> "<" + i + ">").toList());
        return m;
    }
}
