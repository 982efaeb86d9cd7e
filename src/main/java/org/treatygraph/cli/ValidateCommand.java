package org.treatygraph.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.treatygraph.load.Database;
import org.treatygraph.load.ValidationReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
         description = {"Parse ontology/ and data/, or the FILEs given (checked together with ontology/*.ttl), and run"
                        + " every SHACL shape (ontology/shapes.ttl) and check (ontology/checks/*-violation.rq) on them —"
                        + " what `load`, `serve` and every HTTP write run.",
                        "Prints one line per finding: file:line:col where its focus node is described, severity, shape or"
                        + " check, focus node, path, message. Exit 1 on any ERROR finding or parse error."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin Cli.Options options;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to check (default: ontology/ and data/).")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        ValidationReport report = Database.validate(options.project(), files);
        report.print(System.out);
        return report.conforms() ? 0 : 1;
    }
}
