package org.treatygraph.load;

import java.io.PrintStream;
import java.util.List;

/**
 * The outcome of {@code validate}: every SHACL and check finding, each located at the
 * {@code file:line:col} where its focus node is described. ERROR findings make the input
 * non-conforming (a load or a write would be refused).
 */
public record ValidationReport(List<Problem> findings, int filesChecked, boolean shapesChecked) {

    public ValidationReport {
        findings = List.copyOf(findings);
    }

    public long errors() {
        return findings.stream().filter(Problem::isError).count();
    }

    public boolean conforms() {
        return errors() == 0;
    }

    /** Human-readable: one line per finding, then a summary line. */
    public void print(PrintStream out) {
        findings.forEach(out::println);
        String shapes = shapesChecked ? "" : " (no ontology/shapes.ttl: SHACL not run)";
        out.printf("%d file(s) checked%s: %d error(s), %d other finding(s)%n",
                   filesChecked, shapes, errors(), findings.size() - errors());
    }
}
