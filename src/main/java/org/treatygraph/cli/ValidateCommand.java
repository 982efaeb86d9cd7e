package org.treatygraph.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.treatygraph.load.Loader;
import org.treatygraph.load.ValidationReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
         description = {"Parse and SHACL-check (ontology/shapes.ttl) ontology/ and data/, or the FILEs given"
                        + " (checked together with ontology/*.ttl).",
                        "Prints one line per result: file, severity, focus node, path, message. Exit 1 on any"
                        + " violation or parse error."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin Cli.Options options;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to check (default: ontology/ and data/).")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        ValidationReport report = Loader.validate(options.project(), files);
        report.print(System.out);
        return report.conforms() ? 0 : 1;
    }
}
