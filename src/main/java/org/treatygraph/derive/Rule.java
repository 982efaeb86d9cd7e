package org.treatygraph.derive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * One rule: a SPARQL CONSTRUCT query read from {@code ontology/rules/NN-name.rq}. {@code NN} is
 * the stratum (rules of one stratum run together to a fixpoint; strata run in ascending order),
 * the file stem is the rule's name in reports.
 */
final class Rule {
    private static final Pattern FILE_NAME = Pattern.compile("(\\d+)-[A-Za-z0-9._-]+\\.rq");

    final String name;
    final int stratum;
    final Path file;
    /** The WHERE pattern, compiled to algebra (not optimized). */
    final Op pattern;
    /** The CONSTRUCT template. */
    final List<Triple> template;
    /** Semi-naive variants (one per positive triple pattern), or null when the rule must be re-run whole. */
    final List<DeltaRewrite.Variant> variants;

    private Rule(String name, int stratum, Path file, Op pattern, List<Triple> template,
                 List<DeltaRewrite.Variant> variants) {
        this.name = name;
        this.stratum = stratum;
        this.file = file;
        this.pattern = pattern;
        this.template = template;
        this.variants = variants;
    }

    boolean incremental() {
        return variants != null;
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
        List<Triple> template = query.getConstructTemplate().getTriples();
        for (Triple t : template) {
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
                if (n.isBlank())
                    throw new DeriveException(file + ": blank node in the CONSTRUCT template (" + t
                        + "): mint an IRI instead, or the fixpoint would never end");
            }
        }
        Op pattern = Algebra.compile(query.getQueryPattern());
        String name = fileName.substring(0, fileName.length() - ".rq".length());
        return new Rule(name, Integer.parseInt(m.group(1)), file, pattern, List.copyOf(template),
                        DeltaRewrite.variants(pattern));
    }
}
