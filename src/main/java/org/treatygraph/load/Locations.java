package org.treatygraph.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.riot.tokens.Token;
import org.apache.jena.riot.tokens.TokenType;
import org.apache.jena.riot.tokens.Tokenizer;
import org.apache.jena.riot.tokens.TokenizerText;

/**
 * Where each node is described in the input files: the line and column of the first statement
 * that has it as subject (or, for a node that is never a subject, its first mention). Read with
 * RIOT's tokenizer over Turtle, TriG, N-Triples and N-Quads files, so that a SHACL or check
 * finding about a focus node points at {@code file:line:col}. Files of other syntaxes are located
 * by file only.
 */
final class Locations {
    /** A place in a file. */
    record Location(String file, long line, long column) {}

    private final Map<Node, Location> subjects = new HashMap<>();
    private final Map<Node, Location> mentions = new HashMap<>();
    private final Project project;
    private final List<Path> files;
    private boolean read;

    private Locations(Project project, List<Path> files) {
        this.project = project;
        this.files = List.copyOf(files);
    }

    /** Nothing located (input that is not a file: an HTTP write). */
    static Locations none() {
        return new Locations(null, List.of());
    }

    /** The places in {@code files}, read when first asked (in order: the first file that describes a node wins). */
    static Locations of(Project project, List<Path> files) {
        return new Locations(project, files);
    }

    /** Where {@code node} is described: its first statement as subject, else its first mention. */
    synchronized Location find(Node node) {
        if (!read) {
            read = true;
            for (Path f : files)
                read(project, f);
        }
        Location at = subjects.get(node);
        return at != null ? at : mentions.get(node);
    }

    /** {@code p} at the place its focus node is described, when it is known and {@code p} has no place yet. */
    Problem locate(Problem p, Node focus) {
        if (focus == null || p.line() > 0)
            return p;
        Location at = find(focus);
        return at == null ? p : p.at(at.file(), at.line(), at.column());
    }

    private void read(Project project, Path file) {
        Lang lang = RDFLanguages.filenameToLang(file.getFileName().toString());
        if (lang == null || !(lang.equals(Lang.TURTLE) || lang.equals(Lang.TRIG) || lang.equals(Lang.NTRIPLES)
                              || lang.equals(Lang.NQUADS)))
            return;
        String where = project.display(file);
        Map<String, String> prefixes = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            Tokenizer tok = TokenizerText.create().source(in).errorHandler(ErrorHandlerFactory.errorHandlerNoLogging).build();
            boolean expectSubject = true;
            while (tok.hasNext()) {
                Token t = tok.next();
                switch (t.getType()) {
                    case DIRECTIVE, KEYWORD -> {
                        String word = t.getImage() == null ? "" : t.getImage().toLowerCase(java.util.Locale.ROOT);
                        if (word.equals("prefix")) {
                            readPrefix(tok, prefixes, t.getType() == TokenType.DIRECTIVE);
                            expectSubject = true;
                        } else if (word.equals("base")) {
                            if (tok.hasNext()) tok.next();
                            if (t.getType() == TokenType.DIRECTIVE && tok.hasNext() && tok.peek().getType() == TokenType.DOT)
                                tok.next();
                            expectSubject = true;
                        } else if (word.equals("graph")) {
                            if (tok.hasNext()) tok.next();          // the graph name
                            expectSubject = true;
                        } else {
                            expectSubject = false;                  // 'a', true, false
                        }
                    }
                    case DOT, LBRACE, RBRACE -> expectSubject = true;
                    case IRI, PREFIXED_NAME -> {
                        Node n = node(t, prefixes);
                        boolean graphName = tok.hasNext() && tok.peek().getType() == TokenType.LBRACE;
                        if (n != null && !graphName) {
                            Location at = new Location(where, t.getLine(), t.getColumn());
                            mentions.putIfAbsent(n, at);
                            if (expectSubject)
                                subjects.putIfAbsent(n, at);
                        }
                        if (!graphName)
                            expectSubject = false;
                    }
                    default -> expectSubject = false;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A file that does not tokenize was reported by the parser; locate what can be located.
        }
    }

    private static void readPrefix(Tokenizer tok, Map<String, String> prefixes, boolean directive) {
        if (!tok.hasNext())
            return;
        Token name = tok.next();
        if (!tok.hasNext())
            return;
        Token iri = tok.next();
        if (name.getType() == TokenType.PREFIXED_NAME && iri.getType() == TokenType.IRI)
            prefixes.put(name.getImage(), iri.getImage());
        if (directive && tok.hasNext() && tok.peek().getType() == TokenType.DOT)
            tok.next();
    }

    private static Node node(Token t, Map<String, String> prefixes) {
        if (t.getType() == TokenType.IRI)
            return NodeFactory.createURI(t.getImage());
        String ns = prefixes.get(t.getImage());
        return ns == null ? null : NodeFactory.createURI(ns + (t.getImage2() == null ? "" : t.getImage2()));
    }
}
