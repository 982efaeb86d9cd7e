package org.treatygraph.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.shared.impl.PrefixMappingImpl;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load stage: parse and validate everything in memory first, then write it into the
 * database in ONE write transaction, in which the derivation callback also runs (readers see the
 * old state or the new one, never a mix). Any failure leaves the database exactly as it was.
 *
 * <pre>
 *   BuildRecord r = Loader.rebuild(new Project(Path.of(".")), Store.open(Path.of("run/tdb2")), dsg -> {});
 * </pre>
 */
public final class Loader {
    private static final Logger LOG = LoggerFactory.getLogger(Loader.class);
    private static final int MAX_LOGGED = 20;

    private Loader() {}

    /**
     * Full rebuild: replace every graph (inferred and meta included) with ontology/*.ttl
     * (into the ontology graph) and data/**&#47;*.trig (into the graphs they name), run
     * {@code derive}, record the build in the meta graph.
     *
     * @throws LoadException on a parse error, a refused file or a SHACL violation (nothing written)
     */
    public static BuildRecord rebuild(Project project, DatasetGraph dsg, Consumer<DatasetGraph> derive) {
        return rebuild(project, dsg, derive, true);
    }

    /**
     * {@link #rebuild(Project, DatasetGraph, Consumer)}; with {@code failOnViolation} false, SHACL
     * violations are logged as warnings and the data is loaded all the same (parse errors still fail).
     */
    public static BuildRecord rebuild(Project project, DatasetGraph dsg, Consumer<DatasetGraph> derive,
                                      boolean failOnViolation) {
        String hash = project.contentHash();
        Parsing.Parsed parsed = new Parsing.Parsed();
        project.refusedDataFiles().forEach(f -> parsed.problems.add(project.display(f)
            + ": refused: files under data/ must be TriG (.trig) so that every triple names its graph"));
        Node ontology = Graphs.node(Graphs.ONTOLOGY);
        project.ontologyFiles().forEach(f -> Parsing.parse(project, f, ontology, parsed));
        project.dataFiles().forEach(f -> Parsing.parse(project, f, null, parsed));
        parsed.failIfProblems();
        int files = project.ontologyFiles().size() + project.dataFiles().size();
        ValidationReport report = Validation.check(project, Validation.shapes(project), parsed.dsg.getUnionGraph(),
                                                   parsed.subjectFile, prefixes(parsed), files);
        failOnViolations(report, f -> failOnViolation);

        Txn.executeWrite(dsg, () -> {
            dsg.clear();
            dsg.prefixes().clear();
            dsg.prefixes().putAll(parsed.prefixes);
            parsed.dsg.find().forEachRemaining(dsg::add);
            derive.accept(dsg);
            BuildRecord.count(dsg, hash, now()).write(dsg);
        });
        return BuildRecord.read(dsg).orElseThrow();
    }

    /**
     * Add or replace the graphs that {@code files} carry, then re-derive. TriG/N-Quads files name
     * their graphs; a triples file (Turtle, N-Triples, …) goes to {@code graph}, or by default to
     * {@link Graphs#forFile}. A file of ontology/ stands for the whole ontology graph: all
     * ontology/*.ttl are reloaded together. Other graphs are left alone; the recorded content hash
     * is kept (so {@code serve} still rebuilds when ontology/ or data/ change).
     *
     * @param graph target graph IRI for triples, or null for the default
     */
    public static BuildRecord load(Project project, DatasetGraph dsg, List<Path> files, String graph,
                                   Consumer<DatasetGraph> derive) {
        return load(project, dsg, files, graph, derive, true);
    }

    /** {@link #load(Project, DatasetGraph, List, String, Consumer)}; {@code failOnViolation} as for rebuild. */
    public static BuildRecord load(Project project, DatasetGraph dsg, List<Path> files, String graph,
                                   Consumer<DatasetGraph> derive, boolean failOnViolation) {
        Parsing.Parsed parsed = new Parsing.Parsed();
        Node ontology = Graphs.node(Graphs.ONTOLOGY);
        boolean ontologyGiven = false;
        for (Path f : files) {
            String where = project.display(f);
            if (!Files.isRegularFile(f))
                parsed.problems.add(where + ": no such file");
            else if (f.toAbsolutePath().normalize().equals(project.shapesFile()))
                parsed.problems.add(where + ": the SHACL shapes are not data; `validate` uses them");
            else if (project.isOntologyFile(f))
                ontologyGiven = true;
            else if (Parsing.langOf(f) == null)
                parsed.problems.add(where + ": not an RDF file (unknown extension)");
            else if (project.isDataFile(f) && !f.getFileName().toString().endsWith(".trig"))
                parsed.problems.add(where + ": refused: files under data/ must be TriG (.trig) so that every triple names its graph");
            else if (RDFLanguages.isTriples(Parsing.langOf(f)))
                Parsing.parse(project, f, Graphs.node(graph != null ? graph : Graphs.forFile(f)), parsed);
            else
                Parsing.parse(project, f, graph == null ? null : Graphs.node(graph), parsed);
        }
        if (ontologyGiven)
            project.ontologyFiles().forEach(f -> Parsing.parse(project, f, ontology, parsed));
        parsed.failIfProblems();

        // Validate what the database will hold: its other asserted graphs plus the new ones.
        Set<Node> replaced = new LinkedHashSet<>(parsed.graphs);
        DatasetGraph view = DatasetGraphFactory.create();
        Txn.executeRead(dsg, () -> {
            for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); ) {
                Node g = it.next();
                if (!replaced.contains(g) && !isPipelineGraph(g))
                    dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(view::add);
            }
        });
        parsed.dsg.find().forEachRemaining(view::add);
        ValidationReport report = Validation.check(project, Validation.shapes(project), view.getUnionGraph(),
                                                   parsed.subjectFile, prefixes(parsed), files.size());
        // Only the given files can fail this load; other findings are reported, not fatal.
        failOnViolations(report, f -> failOnViolation && !f.file().startsWith("("));

        Txn.executeWrite(dsg, () -> {
            String hash = BuildRecord.read(dsg).map(BuildRecord::contentHash).orElse(null);
            replaced.forEach(dsg::removeGraph);
            dsg.prefixes().putAll(parsed.prefixes);
            parsed.dsg.find().forEachRemaining(dsg::add);
            derive.accept(dsg);
            BuildRecord.count(dsg, hash, now()).write(dsg);
        });
        LOG.info("Loaded {} file(s) into {} graph(s): {}", files.size(), replaced.size(),
                 replaced.stream().map(Node::getURI).toList());
        return BuildRecord.read(dsg).orElseThrow();
    }

    /**
     * Parse and SHACL-check ontology/ and data/, or the given files (together with ontology/*.ttl,
     * which defines the classes the shapes rely on).
     *
     * @throws LoadException on a parse error or a refused file
     */
    public static ValidationReport validate(Project project, List<Path> files) {
        Parsing.Parsed parsed = new Parsing.Parsed();
        Node ontology = Graphs.node(Graphs.ONTOLOGY);
        List<Path> all = new ArrayList<>();
        if (files.isEmpty()) {
            project.refusedDataFiles().forEach(f -> parsed.problems.add(project.display(f)
                + ": refused: files under data/ must be TriG (.trig) so that every triple names its graph"));
            all.addAll(project.ontologyFiles());
            all.addAll(project.dataFiles());
        } else {
            all.addAll(files);
            project.ontologyFiles().stream().filter(f -> !all.stream().map(p -> p.toAbsolutePath().normalize())
                .toList().contains(f)).forEach(all::add);
        }
        for (Path f : all) {
            if (!Files.isRegularFile(f))
                parsed.problems.add(project.display(f) + ": no such file");
            else if (project.isOntologyFile(f))
                Parsing.parse(project, f, ontology, parsed);
            else if (Parsing.langOf(f) != null && RDFLanguages.isTriples(Parsing.langOf(f)) && !project.isDataFile(f))
                Parsing.parse(project, f, Graphs.node(Graphs.forFile(f)), parsed);
            else
                Parsing.parse(project, f, null, parsed);
        }
        parsed.failIfProblems();
        return Validation.check(project, Validation.shapes(project), parsed.dsg.getUnionGraph(),
                                parsed.subjectFile, prefixes(parsed), all.size());
    }

    private static boolean isPipelineGraph(Node g) {
        return g.isURI() && (g.getURI().equals(Graphs.INFERRED) || g.getURI().equals(Graphs.META));
    }

    private static void failOnViolations(ValidationReport report, java.util.function.Predicate<ValidationReport.Finding> fatal) {
        List<String> lines = new ArrayList<>();
        int logged = 0;
        for (ValidationReport.Finding f : report.findings()) {
            if (f.isViolation() && fatal.test(f))
                lines.add(f.toString());
            else if (logged++ < MAX_LOGGED)
                LOG.warn("SHACL {}", f);
        }
        if (logged > MAX_LOGGED)
            LOG.warn("SHACL: {} more finding(s) not shown; `validate` lists them all", logged - MAX_LOGGED);
        if (report.violations() > 0 && lines.isEmpty())
            LOG.warn("SHACL: {} violation(s) loaded anyway (not failing on violations)", report.violations());
        if (!lines.isEmpty()) {
            lines.add(lines.size() + " SHACL violation(s): nothing was loaded");
            throw new LoadException(lines);
        }
    }

    private static PrefixMapping prefixes(Parsing.Parsed parsed) {
        PrefixMapping pm = new PrefixMappingImpl();
        parsed.prefixes.forEach((p, iri) -> pm.setNsPrefix(p, iri));
        return pm;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

}
