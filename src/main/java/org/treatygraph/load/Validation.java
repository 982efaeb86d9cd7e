package org.treatygraph.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.parser.ShaclParseException;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.path.PathWriter;
import org.apache.jena.sparql.util.FmtUtils;

/** SHACL validation (ontology/shapes.ttl) of the asserted union, as problems. */
final class Validation {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Validation.class);
    private Validation() {}

    /** Shapes of the project, or null when ontology/shapes.ttl does not exist. */
    static Shapes shapes(Project project) {
        Path file = project.shapesFile();
        if (!Files.exists(file))
            return null;
        Parsing.Parsed parsed = new Parsing.Parsed();
        Node g = Graphs.node("urn:x-treatygraph:shapes");
        Parsing.parse(project, file, g, parsed);
        parsed.failIfProblems();
        try {
            return Shapes.parse(parsed.dsg.getGraph(g));
        } catch (ShaclParseException e) {
            throw new LoadException(LoadException.Reason.BAD_INPUT,
                List.of(Problem.input("shacl", project.display(file), 0, 0, "bad shape: " + e.getMessage())));
        }
    }

    /**
     * Every SHACL result over {@code data}: the SPARQL-based constraints in bulk ({@link ShaclBulk}),
     * the others by Jena's validator.
     */
    static List<Problem> all(Shapes shapes, Graph data, Locations where, PrefixMapping prefixes) {
        if (shapes == null)
            return List.of();
        ShaclBulk bulk = ShaclBulk.of(shapes);
        data = new SubClassCache(data);
        if (bulk == null)
            return problems(ShaclValidator.get().validate(shapes, data).getEntries(), where, prefixes);
        long t0 = System.nanoTime();
        List<ReportEntry> entries = new ArrayList<>(ShaclValidator.get().validate(bulk.core(), data).getEntries());
        long t1 = System.nanoTime();
        Set<Node> candidates = bulk.candidates(data);
        long t2 = System.nanoTime();
        for (Node n : candidates)
            entries.addAll(ShaclValidator.get().validate(bulk.sparqlShapes(), data, n).getEntries());
        LOG.debug("SHACL core {} ms, sh:sparql candidates {} ms ({} node(s)), their validation {} ms",
                  (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, candidates.size(), (System.nanoTime() - t2) / 1_000_000);
        return problems(entries, where, prefixes);
    }

    /** The SHACL results about {@code nodes} only (each validated against the shapes that target it). */
    static List<Problem> nodes(Shapes shapes, Graph data, Collection<Node> nodes, Locations where, PrefixMapping prefixes) {
        if (shapes == null)
            return List.of();
        List<Problem> out = new ArrayList<>();
        for (Node n : nodes)
            out.addAll(problems(ShaclValidator.get().validate(shapes, data, n).getEntries(), where, prefixes));
        return out;
    }

    static List<Problem> problems(Collection<ReportEntry> entries, Locations where, PrefixMapping prefixes) {
        Prologue prologue = new Prologue(prefixes);
        List<Problem> out = new ArrayList<>();
        for (ReportEntry e : entries) {
            String component = e.sourceConstraintComponent() == null ? ""
                : " (" + e.sourceConstraintComponent().getLocalName() + ")";
            String shape = e.source() == null ? "" : FmtUtils.stringForNode(e.source(), prefixes);
            Problem p = new Problem(severity(e), "shacl:" + shape + component, "", 0, 0,
                                    FmtUtils.stringForNode(e.focusNode(), prefixes),
                                    e.resultPath() == null ? "" : PathWriter.asString(e.resultPath(), prologue),
                                    e.message() == null ? "" : e.message());
            out.add(where.locate(p, e.focusNode()));
        }
        return out;
    }

    private static Problem.Severity severity(ReportEntry e) {
        String level = e.severity().level().getLocalName();
        return switch (level) {
            case "Violation" -> Problem.Severity.ERROR;
            case "Warning" -> Problem.Severity.WARN;
            default -> Problem.Severity.INFO;
        };
    }
}
