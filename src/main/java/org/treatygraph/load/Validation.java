package org.treatygraph.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

/** SHACL validation of a union graph against ontology/shapes.ttl. */
final class Validation {
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
            throw new LoadException(project.display(file) + ": bad shape: " + e.getMessage());
        }
    }

    static ValidationReport check(Project project, Shapes shapes, Graph data, Map<Node, Path> subjectFile,
                                  PrefixMapping prefixes, int filesChecked) {
        if (shapes == null)
            return new ValidationReport(List.of(), filesChecked, false);
        Prologue prologue = new Prologue(prefixes);
        List<ValidationReport.Finding> findings = new ArrayList<>();
        for (ReportEntry e : ShaclValidator.get().validate(shapes, data).getEntries()) {
            Path file = subjectFile.get(e.focusNode());
            findings.add(new ValidationReport.Finding(
                file == null ? "(no file states it as a subject)" : project.display(file),
                FmtUtils.stringForNode(e.focusNode(), prefixes),
                e.resultPath() == null ? "" : PathWriter.asString(e.resultPath(), prologue),
                e.message() == null ? "" : e.message(),
                e.severity().level().getLocalName()));
        }
        findings.sort(Comparator.comparing(ValidationReport.Finding::file)
                          .thenComparing(ValidationReport.Finding::focusNode)
                          .thenComparing(ValidationReport.Finding::path));
        return new ValidationReport(findings, filesChecked, true);
    }
}
