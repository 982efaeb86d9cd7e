package org.treatygraph.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;

/**
 * The SPARQL of this package, read from the {@code .rq} files beside this class. A query that
 * takes parameters has empty {@code VALUES} blocks ({@code VALUES ?item { }}) where the program
 * puts its rows: {@link #fill} fills every empty block with the given variables.
 */
final class Queries {
    static final String LOCAL_UNLINKED = "local-unlinked.rq";
    static final String LOCAL_LINKED = "local-linked.rq";
    static final String LOCAL_CLASSES = "local-classes.rq";
    static final String WIKIDATA_CANDIDATES = "wikidata-candidates.rq";
    static final String WIKIDATA_ITEMS = "wikidata-items.rq";
    static final String WIKIDATA_TYPES = "wikidata-types.rq";

    private Queries() {}

    /** The text of a query file of this package. */
    static String text(String name) {
        try (InputStream in = Queries.class.getResourceAsStream(name)) {
            if (in == null)
                throw new IllegalStateException("query file missing from the classpath: org/treatygraph/link/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query file of this package, parsed (SPARQL 1.1). */
    static Query parse(String name) {
        return QueryFactory.create(text(name), Syntax.syntaxSPARQL_11);
    }

    /**
     * Puts {@code rows} into every empty {@code VALUES} block of exactly {@code vars} of a
     * freshly parsed query (the query is changed in place and returned). Fails when the query
     * has no such block (a broken .rq file).
     */
    static Query fill(Query q, List<Var> vars, List<Binding> rows) {
        int[] filled = {0};
        ElementWalker.walk(q.getQueryPattern(), new ElementVisitorBase() {
            @Override public void visit(ElementData el) {
                if (el.getVars().equals(vars) && el.getRows().isEmpty()) {
                    rows.forEach(el::add);
                    filled[0]++;
                }
            }
        });
        if (filled[0] == 0)
            throw new IllegalStateException("no empty VALUES block for " + vars + " in the query");
        return q;
    }

    /** Splits a list into consecutive batches of at most {@code size}. */
    static <T> List<List<T>> batches(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size)
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        return out;
    }
}
