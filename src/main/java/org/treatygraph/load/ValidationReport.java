package org.treatygraph.load;

import java.io.PrintStream;
import java.util.List;

/**
 * The outcome of SHACL validation: one finding per result, each with the file where its focus
 * node is a subject. Only {@code sh:Violation} results make the input non-conforming.
 */
public record ValidationReport(List<Finding> findings, int filesChecked, boolean shapesChecked) {

    /** One SHACL result. {@code severity} is the local name: Violation, Warning or Info. */
    public record Finding(String file, String focusNode, String path, String message, String severity) {
        public boolean isViolation() { return "Violation".equals(severity); }

        @Override public String toString() {
            return file + ": " + severity + ": " + focusNode + (path.isEmpty() ? "" : " " + path) + ": " + message;
        }
    }

    public ValidationReport {
        findings = List.copyOf(findings);
    }

    public long violations() {
        return findings.stream().filter(Finding::isViolation).count();
    }

    public boolean conforms() {
        return violations() == 0;
    }

    /** Human-readable: one line per finding, then a summary line. */
    public void print(PrintStream out) {
        findings.forEach(out::println);
        String shapes = shapesChecked ? "" : " (no ontology/shapes.ttl: parsed only)";
        out.printf("%d file(s) checked%s: %d violation(s), %d other finding(s)%n",
                   filesChecked, shapes, violations(), findings.size() - violations());
    }
}
