package org.treatygraph.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.process.normalize.CanonicalizeLiteral;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.E_If;
import org.apache.jena.sparql.expr.E_Str;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcat;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcatDistinct;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import org.apache.jena.sparql.util.FmtUtils;

/**
 * A SELECT answer as the bench compares it: the result variables and each row as the values of
 * those variables in order (literals in their canonical form: {@code "43"^^xsd:decimal} and
 * {@code "43.0"^^xsd:decimal} are one value), rows sorted by their text — the order of rows is no
 * part of the comparison.
 *
 * <p>Two answers are the same, or the same <em>up to the order inside GROUP_CONCAT</em>: SPARQL 1.1
 * does not define the order in which {@code GROUP_CONCAT} joins the values of a group (§18.5.1.7
 * GroupConcat: "The order of the strings is not specified"; an {@code ORDER BY} of a sub-query
 * orders its solution sequence, which the enclosing pattern reads as a multiset, ToMultiSet
 * §18.5), so a result variable bound to a {@code GROUP_CONCAT} ({@link #groupConcatVariables}) is
 * then compared as the multiset of its items split at the separator; every other difference is a
 * difference.
 */
final class Answer {
    final List<String> vars;
    /** Rows, each the values of {@link #vars} in order (null: unbound), sorted by {@link #text}. */
    final List<List<Node>> rows;

    Answer(List<String> vars, List<List<Node>> rows) {
        this.vars = List.copyOf(vars);
        List<List<Node>> canonical = new ArrayList<>();
        for (List<Node> row : rows) {
            List<Node> r = new ArrayList<>(row.size());
            for (Node n : row)
                r.add(n != null && n.isLiteral() ? CanonicalizeLiteral.get().apply(n) : n);
            canonical.add(Collections.unmodifiableList(r));
        }
        canonical.sort(Comparator.comparing(Answer::text));
        this.rows = Collections.unmodifiableList(canonical);
    }

    /** Reads what is left of {@code rs}. */
    static Answer read(ResultSet rs) {
        List<String> vars = rs.getResultVars();
        List<Var> vs = Var.varList(vars);
        List<List<Node>> rows = new ArrayList<>();
        while (rs.hasNext()) {
            Binding b = rs.nextBinding();
            List<Node> row = new ArrayList<>(vs.size());
            for (Var v : vs)
                row.add(b.get(v));
            rows.add(row);
        }
        return new Answer(vars, rows);
    }

    /** A row as text: its values in N-Triples syntax ("-" unbound), tab-separated. */
    static String text(List<Node> row) {
        StringBuilder s = new StringBuilder();
        for (Node n : row)
            s.append(n == null ? "-" : FmtUtils.stringForNode(n)).append('\t');
        return s.toString();
    }

    /** A digest of the rows (equal answers, equal digests). */
    int digest() {
        List<String> texts = new ArrayList<>(rows.size());
        for (List<Node> r : rows)
            texts.add(text(r));
        return texts.hashCode();
    }

    /**
     * The variables a SELECT of {@code query} (the query or one of its sub-queries) binds to a
     * {@code GROUP_CONCAT}, bare or in {@code STR(…)}, with its separator (" " when none is given).
     * A value built further from such a variable (a CONCAT of it, a GROUP_CONCAT of those) is not
     * one: it is compared exactly.
     */
    static Map<String, String> groupConcatVariables(Query query) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(query, out);
        return out;
    }

    private static void collect(Query q, Map<String, String> out) {
        if (q.isSelectType()) {
            q.getProject().forEachExpr((v, e) -> {
                String sep = separator(e);
                if (sep != null)
                    out.put(v.getVarName(), sep);
            });
        }
        if (q.getQueryPattern() != null) {
            ElementWalker.walk(q.getQueryPattern(), new ElementVisitorBase() {
                @Override public void visit(ElementSubQuery el) {
                    collect(el.getQuery(), out);
                }
            });
        }
    }

    /**
     * The separator when {@code e} is GROUP_CONCAT(…) or STR(GROUP_CONCAT(…)), or an IF one of whose
     * branches is (the other gives no GROUP_CONCAT, e.g. no value for an empty group:
     * {@code IF(COUNT(?x) = 0, SAMPLE(?none), STR(GROUP_CONCAT(?x)))}); else null.
     */
    private static String separator(Expr e) {
        if (e instanceof E_Str str)
            e = str.getArg();
        if (e instanceof E_If c) {
            String a = separator(c.getArg2()), b = separator(c.getArg3());
            return a == null ? b : b == null ? a : null;
        }
        if (!(e instanceof ExprAggregator ea))
            return null;
        Aggregator agg = ea.getAggregator();
        if (agg instanceof AggGroupConcat gc)
            return gc.getSeparator() == null ? " " : gc.getSeparator();
        if (agg instanceof AggGroupConcatDistinct gc)
            return gc.getSeparator() == null ? " " : gc.getSeparator();
        return null;
    }

    /** How another answer compares with this one. */
    enum Kind { SAME, SAME_UP_TO_GROUP_CONCAT_ORDER, DIFFERENT }

    /**
     * The outcome of a comparison: for {@link Kind#SAME_UP_TO_GROUP_CONCAT_ORDER} the variables
     * whose values differ in that order only; for {@link Kind#DIFFERENT} the first row (by text, the
     * order of items of a GROUP_CONCAT set aside) that only this answer has and the first that only
     * the other has (null when there is none).
     */
    record Comparison(Kind kind, List<String> orderOnly, String onlyHere, String onlyThere) {}

    /**
     * Compares {@code other} with this answer; {@code groupConcat}: the variables bound to a
     * GROUP_CONCAT and their separators ({@link #groupConcatVariables}).
     */
    Comparison compare(Answer other, Map<String, String> groupConcat) {
        if (!vars.equals(other.vars))
            return new Comparison(Kind.DIFFERENT, List.of(), "variables " + vars, "variables " + other.vars);
        if (rows.equals(other.rows))
            return new Comparison(Kind.SAME, List.of(), null, null);
        Map<Integer, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < vars.size(); i++)
            if (groupConcat.containsKey(vars.get(i)))
                columns.put(i, groupConcat.get(vars.get(i)));
        List<String> here = keys(columns), there = other.keys(columns);
        if (here.equals(there)) {
            List<String> orderOnly = new ArrayList<>();
            for (Integer c : columns.keySet()) {
                Map<Integer, String> others = new LinkedHashMap<>(columns);
                others.remove(c);
                if (!keys(others).equals(other.keys(others)))
                    orderOnly.add(vars.get(c));
            }
            return new Comparison(Kind.SAME_UP_TO_GROUP_CONCAT_ORDER, orderOnly, null, null);
        }
        // the first row of each side the other lacks (as multisets, by key), shown as it is
        List<Integer> idxHere = order(here), idxThere = other.order(there);
        String onlyHere = null, onlyThere = null;
        int i = 0, j = 0;
        while ((i < idxHere.size() || j < idxThere.size()) && (onlyHere == null || onlyThere == null)) {
            int c = i >= idxHere.size() ? 1 : j >= idxThere.size() ? -1
                    : here.get(idxHere.get(i)).compareTo(there.get(idxThere.get(j)));
            if (c == 0) {
                i++;
                j++;
            } else if (c < 0) {
                if (onlyHere == null)
                    onlyHere = text(rows.get(idxHere.get(i)));
                i++;
            } else {
                if (onlyThere == null)
                    onlyThere = text(other.rows.get(idxThere.get(j)));
                j++;
            }
        }
        return new Comparison(Kind.DIFFERENT, List.of(), onlyHere, onlyThere);
    }

    /** Each row's text with the values of {@code columns} (index → separator) as sorted items. */
    private List<String> keys(Map<Integer, String> columns) {
        List<String> keys = new ArrayList<>(rows.size());
        for (List<Node> row : rows) {
            List<Node> r = new ArrayList<>(row);
            columns.forEach((c, sep) -> r.set(c, sortedItems(r.get(c), sep)));
            keys.add(text(r));
        }
        return keys;
    }

    /** Row indexes in the order of their keys. */
    private static List<Integer> order(List<String> keys) {
        List<Integer> idx = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++)
            idx.add(i);
        idx.sort(Comparator.comparing(keys::get));
        return idx;
    }

    /** A literal's lexical form split at {@code sep}, the items sorted, joined again (same datatype / language). */
    static Node sortedItems(Node n, String sep) {
        if (n == null || !n.isLiteral() || sep.isEmpty())
            return n;
        List<String> items = new ArrayList<>(List.of(n.getLiteralLexicalForm().split(Pattern.quote(sep), -1)));
        Collections.sort(items);
        String lex = String.join(sep, items);
        String lang = n.getLiteralLanguage();
        return lang == null || lang.isEmpty() ? NodeFactory.createLiteralDT(lex, n.getLiteralDatatype())
                                              : NodeFactory.createLiteralLang(lex, lang);
    }
}
