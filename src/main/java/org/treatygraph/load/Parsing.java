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
        final DatasetGraph dsg;
        /** Where the parsed quads go: {@link #dsg}, or a stream into the store ({@link #Parsed(Sink)}). */
        private final Sink sink;
        /** Whether to keep {@link #subjectFile} (not when streaming: it would hold every subject in memory). */
        private final boolean trackSubjects;
        /** The files each subject is stated in (first file first): to locate SHACL and check findings. */
        final Map<Node, Path> subjectFile = new HashMap<>();
        final PrefixMap prefixes = PrefixMapFactory.create();
        /** The graphs the input carries, in order of first appearance, with the first file that carries each. */
        final Map<Node, Path> graphs = new LinkedHashMap<>();
        final List<Problem> problems = new ArrayList<>();
        /** Who hears how far the parse has come, and how many bytes all the files to parse have (-1: not known). */
        Progress progress = Progress.NONE;
        long totalBytes = -1;
        /** Bytes of the files parsed to the end, and triples (quads) parsed so far. */
        long bytesDone, triples;
        private final long started = System.nanoTime();

        /** Parse into memory ({@link #dsg}). */
        Parsed() {
            this.dsg = DatasetGraphFactory.create();
            this.sink = dsg::add;
            this.trackSubjects = true;
        }

        /** Parse into {@code sink}, keeping nothing but the graphs, prefixes and problems in memory. */
        Parsed(Sink sink) {
            this.dsg = null;
            this.sink = sink;
            this.trackSubjects = false;
        }

        /** Report to {@code p} while parsing {@code files} (their sizes make the total). */
        void track(Progress p, List<Path> files) {
            progress = p;
            long total = 0;
            for (Path f : files) {
                try {
                    total += java.nio.file.Files.size(f);
                } catch (java.io.IOException | RuntimeException e) {
                    total = -1;
                    break;
                }
            }
            totalBytes = total;
        }

        /** The parse is over: tell the progress, log one summary line. */
        void endTracking(org.slf4j.Logger log, int files) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            progress.end(Progress.Phase.PARSE, triples, ms);
            log.info("{}", Progress.summary(Progress.Phase.PARSE, triples, ms,
                                            files + " file(s) (" + bytes(Math.max(bytesDone, 0)) + ")"));
        }

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

    /** Where parsed quads go. */
    @FunctionalInterface
    interface Sink {
        void add(Node g, Node s, Node p, Node o);
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
        CountingInput in;
        try {
            in = new CountingInput(java.nio.file.Files.newInputStream(file));
        } catch (java.io.IOException e) {
            out.problems.add(Problem.input("input", where, 0, 0, "cannot read: " + e.getMessage()));
            return;
        }
        StreamRDFBase sink = new StreamRDFBase() {
            @Override public void triple(Triple t) { quad(Quad.create(Quad.defaultGraphIRI, t)); }
            @Override public void quad(Quad q) {
                if (++out.triples % REPORT_EVERY == 0)
                    out.progress.update(Progress.Phase.PARSE, out.bytesDone + in.count, out.totalBytes, out.triples);
                Node g = q.getGraph();
                if (q.isDefaultGraph()) {
                    if (intoGraph == null) { unnamed[0]++; return; }
                    g = intoGraph;
                }
                if (Graphs.isReserved(g)) { reservedUsed.add(g); return; }
                out.sink.add(g, q.getSubject(), q.getPredicate(), q.getObject());
                if (out.trackSubjects)
                    out.subjectFile.putIfAbsent(q.getSubject(), file);
                out.graphs.putIfAbsent(g, file);
            }
            @Override public void prefix(String prefix, String iri) { out.prefixes.add(prefix, iri); }
        };
        try (java.io.InputStream input = decompressed(file, in)) {
            RDFParser parser = input == null
                ? RDFParser.source(file).lang(lang).errorHandler(new Located(where)).build()          // bzip2, snappy…: RIOT unpacks them
                : RDFParser.source(input).base(file.toUri().toString()).lang(lang).errorHandler(new Located(where)).build();
            parser.parse(sink);
        } catch (Located.Failure e) {
            out.problems.add(e.problem);
            return;
        } catch (RiotException e) {
            out.problems.add(Problem.input("syntax", where, 0, 0, e.getMessage()));
            return;
        } catch (java.io.IOException e) {
            out.problems.add(Problem.input("input", where, 0, 0, "cannot read: " + e.getMessage()));
            return;
        } finally {
            out.bytesDone += in.count;
            out.progress.update(Progress.Phase.PARSE, out.bytesDone, out.totalBytes, out.triples);
        }
        if (unnamed[0] > 0)
            out.problem(project, file, unnamed[0] + " triple(s) outside any GRAPH block; every data triple"
                        + " must name its graph (GRAPH <" + Graphs.GRAPH + "…> { … })");
        for (Node g : reservedUsed)
            out.problem(project, file, "graph <" + g.getURI() + "> is written by the pipeline itself, not by input files");
    }

    /** Triples between two progress reports. */
    static final int REPORT_EVERY = 10_000;

    /**
     * The file's bytes as RIOT reads them: gzip'ed files unpacked (as {@code RDFParser.source(path)} does);
     * null for the other compressions, which RIOT unpacks itself (their bytes are not counted).
     */
    private static java.io.InputStream decompressed(Path file, java.io.InputStream raw) throws java.io.IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".bz2") || name.endsWith(".sz") || name.endsWith(".br") || name.endsWith(".zst")) {
            raw.close();
            return null;
        }
        java.io.InputStream buffered = new java.io.BufferedInputStream(raw, 1 << 16);
        return name.endsWith(".gz") ? new java.util.zip.GZIPInputStream(buffered, 1 << 16) : buffered;
    }

    /** "1.2 MB". */
    static String bytes(long n) {
        if (n < 1024)
            return n + " B";
        if (n < 1024 * 1024)
            return String.format("%.1f KB", n / 1024.0);
        if (n < 1024L * 1024 * 1024)
            return String.format("%.1f MB", n / (1024.0 * 1024));
        return String.format("%.1f GB", n / (1024.0 * 1024 * 1024));
    }

    /** An input stream that counts the bytes read from it. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(java.io.InputStream in) { super(in); }

        @Override public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0)
                count++;
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0)
                count += n;
            return n;
        }

        @Override public long skip(long n) throws java.io.IOException {
            long k = super.skip(n);
            count += k;
            return k;
        }
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
