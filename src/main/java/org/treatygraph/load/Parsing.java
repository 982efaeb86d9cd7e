package org.treatygraph.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parsing into memory, with errors as problems at {@code file:line:col}. */
final class Parsing {
    private static final Logger LOG = LoggerFactory.getLogger(Parsing.class);

    private Parsing() {}

    /** Everything parsed so far: the quads, which file states each graph, the prefixes, and the problems. */
    static final class Parsed {
        final DatasetGraph dsg = DatasetGraphFactory.create();
        /** The files each subject is stated in (first file first): to locate SHACL and check findings. */
        final Map<Node, Path> subjectFile = new HashMap<>();
        final PrefixMap prefixes = PrefixMapFactory.create();
        /** The graphs the input carries, in order of first appearance, with the first file that carries each. */
        final Map<Node, Path> graphs = new LinkedHashMap<>();
        final List<Problem> problems = new ArrayList<>();

        void failIfProblems() {
            if (!problems.isEmpty())
                throw new LoadException(LoadException.Reason.BAD_INPUT, problems);
        }

        void problem(Project project, Path file, String message) {
            problems.add(Problem.input("input", project.display(file), 0, 0, message));
        }

        /** Every file that was parsed, in order. */
        List<Path> files() {
            Set<Path> files = new LinkedHashSet<>(graphs.values());
            files.addAll(subjectFile.values());
            return List.copyOf(files);
        }
    }

    /** The RDF syntax of a file by its extension, or null when it is not an RDF file. */
    static Lang langOf(Path file) {
        return RDFLanguages.filenameToLang(file.getFileName().toString());
    }

    /**
     * Parse one file into {@code out}. Triples (and default-graph quads) go to {@code intoGraph};
     * when it is null they are refused: the file must name the graph of each triple. Quads of the
     * graphs that only the pipeline writes are refused.
     */
    static void parse(Project project, Path file, Node intoGraph, Parsed out) {
        String where = project.display(file);
        Lang lang = langOf(file);
        if (lang == null) {
            out.problem(project, file, "not an RDF file (unknown extension)");
            return;
        }
        long[] unnamed = {0};
        Set<Node> reservedUsed = new LinkedHashSet<>();
        StreamRDFBase sink = new StreamRDFBase() {
            @Override public void triple(Triple t) { quad(Quad.create(Quad.defaultGraphIRI, t)); }
            @Override public void quad(Quad q) {
                Node g = q.getGraph();
                if (q.isDefaultGraph()) {
                    if (intoGraph == null) { unnamed[0]++; return; }
                    g = intoGraph;
                }
                if (Graphs.isReserved(g)) { reservedUsed.add(g); return; }
                out.dsg.add(g, q.getSubject(), q.getPredicate(), q.getObject());
                out.subjectFile.putIfAbsent(q.getSubject(), file);
                out.graphs.putIfAbsent(g, file);
            }
            @Override public void prefix(String prefix, String iri) { out.prefixes.add(prefix, iri); }
        };
        try {
            RDFParser.source(file).lang(lang).errorHandler(new Located(where)).parse(sink);
        } catch (Located.Failure e) {
            out.problems.add(e.problem);
            return;
        } catch (RiotException e) {
            out.problems.add(Problem.input("syntax", where, 0, 0, e.getMessage()));
            return;
        }
        if (unnamed[0] > 0)
            out.problem(project, file, unnamed[0] + " triple(s) outside any GRAPH block; every data triple"
                        + " must name its graph (GRAPH <" + Graphs.GRAPH + "…> { … })");
        for (Node g : reservedUsed)
            out.problem(project, file, "graph <" + g.getURI() + "> is written by the pipeline itself, not by input files");
    }

    /** Turns RIOT's callbacks into problems at {@code file:line:col}; errors stop the parse. */
    private record Located(String file) implements ErrorHandler {
        static final class Failure extends RuntimeException {
            private static final long serialVersionUID = 1L;
            final transient Problem problem;
            Failure(Problem problem) { super(problem.toString(), null, false, false); this.problem = problem; }
        }

        private Problem at(String message, long line, long col) {
            return Problem.input("syntax", file, Math.max(line, 0), Math.max(col, 0), message);
        }

        @Override public void warning(String message, long line, long col) { LOG.warn(at(message, line, col).toString()); }
        @Override public void error(String message, long line, long col)   { throw new Failure(at(message, line, col)); }
        @Override public void fatal(String message, long line, long col)   { throw new Failure(at(message, line, col)); }
    }
}
