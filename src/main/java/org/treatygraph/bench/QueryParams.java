package org.treatygraph.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.system.Txn;
import org.treatygraph.query.NamedQuery;

/**
 * Parameter values that give a named query an answer on the data at hand: each named query with
 * parameters has a pick query ({@code params/NAME.rq} of this package) that lists values of its
 * parameters that occur in the data, with {@code ?size}, the answer they roughly lead to, smallest
 * first; the bench takes a few of them spread from the smallest to the largest answer. A query
 * without parameters runs with none (its answer is the whole data's).
 */
final class QueryParams {
    private QueryParams() {}

    /** One choice of values: parameter name → value in N-Triples syntax (an IRI in angle brackets, a typed literal). */
    record Choice(Map<String, String> values, long size) {
        Map<String, List<String>> asLists() {
            Map<String, List<String>> m = new LinkedHashMap<>();
            values.forEach((k, v) -> m.put(k, List.of(v)));
            return m;
        }

        @Override public String toString() {
            return values.isEmpty() ? "(no parameters)" : values.toString();
        }
    }

    /** The pick query of {@code q}, or null when it has none. */
    static String pickQuery(NamedQuery q) {
        try (InputStream in = QueryParams.class.getResourceAsStream("params/" + q.name() + ".rq")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Up to {@code k} choices for {@code q} on {@code dsg}, spread over the pick query's rows from the
     * smallest answer to the largest; one empty choice for a query without parameters; none when the
     * pick query finds nothing (the query is then not measured: a figure of 0 rows is no figure).
     */
    static List<Choice> pick(NamedQuery q, DatasetGraph dsg, int k) {
        if (q.parameters().isEmpty())
            return List.of(new Choice(Map.of(), -1));
        String pick = pickQuery(q);
        if (pick == null)
            throw new IllegalStateException("no bench parameters for the named query " + q.name()
                                            + ": add org/treatygraph/bench/params/" + q.name() + ".rq");
        List<Choice> all = new ArrayList<>();
        Txn.executeRead(dsg, () -> {
            try (QueryExec qe = QueryExec.dataset(dsg).query(QueryFactory.create(pick)).build()) {
                RowSet rows = qe.select();
                while (rows.hasNext()) {
                    Binding b = rows.next();
                    Map<String, String> values = new LinkedHashMap<>();
                    boolean complete = true;
                    for (var p : q.parameters()) {
                        Node n = b.get(Var.alloc(p.name()));
                        if (n == null) {
                            complete = false;
                            break;
                        }
                        values.put(p.name(), FmtUtils.stringForNode(n));
                    }
                    Node size = b.get(Var.alloc("size"));
                    long s = size != null && size.isLiteral() ? parseLong(size.getLiteralLexicalForm()) : -1;
                    if (complete && s != 0)
                        all.add(new Choice(values, s));
                }
            }
        });
        return spread(all, k);
    }

    /** {@code k} elements of {@code all} (sorted) at even steps from the first to the last. */
    static <T> List<T> spread(List<T> all, int k) {
        if (all.size() <= k)
            return all;
        List<T> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            T t = all.get((int) Math.round(i * (all.size() - 1) / (double) (k - 1)));
            if (!out.contains(t))
                out.add(t);
        }
        return out;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
