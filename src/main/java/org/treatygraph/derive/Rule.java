package org.treatygraph.derive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.Var;

/**
 * One rule: a SPARQL CONSTRUCT query read from {@code ontology/rules/NN-name.rq}. {@code NN} is
 * the stratum (rules of one stratum run together to a fixpoint; strata run in ascending order),
 * the file stem is the rule's name in reports, the header's {@code # # Title} its title.
 */
final class Rule {
    private static final Pattern FILE_NAME = Pattern.compile("(\\d+)-[A-Za-z0-9._-]+\\.rq");
    private static final Pattern TITLE = Pattern.compile("(?m)^#\\s*#\\s*(.+)$");

    final String name;
    final int stratum;
    final Path file;
    final String title;
    /** The WHERE pattern, compiled to algebra and optimized once (evaluation does not optimize again). */
    final Op pattern;
    /** Its shape for incremental maintenance: visible and scoped patterns. */
    final Shape shape;
    /** The CONSTRUCT template. */
    final List<Triple> template;
    /** The variables of the template, in order of appearance. */
    final List<Var> templateVars;
    /** Whether the whole pattern may run on TDB2's own engine ({@link Eval#nativeSafe}). */
    final boolean nativeSafe;
    /** Semi-naive variants, one per visible triple pattern. */
    final List<DeltaRewrite.Variant> variants;

    private Rule(String name, int stratum, Path file, String title, Op pattern, List<Triple> template) {
        this.name = name;
        this.stratum = stratum;
        this.file = file;
        this.title = title;
        this.pattern = pattern;
        this.shape = new Shape(pattern);
        this.nativeSafe = Eval.nativeSafe(pattern);
        LinkedHashSet<Var> vars = new LinkedHashSet<>();
        for (Triple t : template)
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()})
                if (n.isVariable())
                    vars.add(Var.alloc(n));
        this.templateVars = List.copyOf(vars);
        this.template = template;
        this.variants = DeltaRewrite.variants(pattern);
    }

    /**
     * Whether every part of the pattern can be maintained from the changed triples (no aggregate,
     * LIMIT, SERVICE… in it). A rule that is not is re-evaluated whole, before and after a change
     * of the data it reads there.
     */
    private volatile TemplateJoin.Facts facts;

    /** Which variables its solutions bind together (for backward lookups). */
    TemplateJoin.Facts facts() {
        TemplateJoin.Facts f = facts;
        if (f == null)
            facts = f = new TemplateJoin.Facts(this);
        return f;
    }

    boolean incremental() {
        return shape.analysable;
    }

    /**
     * For a template variable in a predicate (or rdf:type class) position: the visible triple
     * pattern with a constant predicate that binds it in every solution ({@code ?p rdfs:subPropertyOf ?q}
     * for {@code ?x ?q ?y}), or null when there is none. Its values in the data are what the
     * template can derive.
     */
    Triple bindingPattern(Node var) {
        for (Shape.Atom a : shape.visibleAtoms()) {
            Triple t = a.triple();
            if (t.getPredicate().isURI() && (var.equals(t.getSubject()) || var.equals(t.getObject()))
                && shape.fixed.contains(Var.alloc(var)))
                return t;
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Every {@code NN-name.rq} of {@code dir}, sorted by stratum then name. */
    static List<Rule> loadAll(Path dir) {
        if (!Files.isDirectory(dir))
            throw new DeriveException(dir + ": rules folder not found");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".rq")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        List<Rule> rules = new ArrayList<>();
        for (Path f : files)
            rules.add(load(f));
        rules.sort((a, b) -> a.stratum != b.stratum ? Integer.compare(a.stratum, b.stratum) : a.name.compareTo(b.name));
        return rules;
    }

    /** Parse one rule file; a clear error names the file and what is wrong. */
    static Rule load(Path file) {
        String fileName = file.getFileName().toString();
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches())
            throw new DeriveException(file + ": a rule file is named NN-name.rq (NN = stratum number)");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return parse(file, fileName.substring(0, fileName.length() - ".rq".length()), Integer.parseInt(m.group(1)), text);
    }

    static Rule parse(Path file, String name, int stratum, String text) {
        Query query;
        try {
            query = QueryFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            throw new DeriveException(file + ":" + e.getLine() + ": " + e.getMessage());
        }
        if (!query.isConstructType())
            throw new DeriveException(file + ": a rule must be a CONSTRUCT query");
        if (query.hasLimit() || query.hasOffset() || query.hasOrderBy())
            throw new DeriveException(file + ": a rule has no LIMIT, OFFSET or ORDER BY");
        if (query.hasDatasetDescription())
            throw new DeriveException(file + ": a rule has no FROM or FROM NAMED (it reads the asserted graphs and"
                                      + " what the rules derive)");
        List<Triple> template = query.getConstructTemplate().getTriples();
        for (Triple t : template) {
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
                if (n.isBlank())
                    throw new DeriveException(file + ": blank node in the CONSTRUCT template (" + t
                        + "): mint an IRI instead, or the fixpoint would never end");
            }
        }
        Op pattern = Joins.bySubstitution(Algebra.optimize(Algebra.compile(query.getQueryPattern())));
        Matcher title = TITLE.matcher(text);
        return new Rule(name, stratum, file, title.find() ? title.group(1).strip() : name, pattern, List.copyOf(template));
    }
}
