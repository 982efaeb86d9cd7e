package org.treatygraph.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.jena.sparql.core.DatasetGraph;
import org.treatygraph.load.BuildRecord;
import org.treatygraph.load.Loader;
import org.treatygraph.load.Project;
import org.treatygraph.load.Store;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "load", mixinStandardHelpOptions = true,
         description = {"Validate and load files in ONE write transaction, then re-derive: all of it lands or none.",
                        "Without FILE: full rebuild from ontology/ and data/ (every graph replaced).",
                        "With FILE...: adds or replaces the graphs those files carry. TriG/N-Quads name their graphs;"
                        + " a Turtle/N-Triples file goes to --graph, by default "
                        + "https://w3id.org/treatygraph/graph/file/STEM (STEM = lower-cased file name before its first"
                        + " dot). A file of ontology/ reloads the whole ontology graph. Files under data/ must be .trig."})
final class LoadCommand implements Callable<Integer> {
    @Mixin Cli.Options options;

    @Option(names = "--graph", paramLabel = "IRI", defaultValue = "${env:TREATYGRAPH_GRAPH}",
            description = "Graph for the triples of plain (Turtle, N-Triples) files (env TREATYGRAPH_GRAPH;"
                          + " default: derived from each file name, see above).")
    String graph;

    @Option(names = "--violations", paramLabel = "fail|warn", defaultValue = "${env:TREATYGRAPH_VIOLATIONS:-fail}",
            description = "On SHACL violations: fail (nothing is written) or warn (log them and load)"
                          + " (env TREATYGRAPH_VIOLATIONS; default: ${DEFAULT-VALUE}).")
    Cli.Violations violations;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "RDF files to load (default: the whole project).")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        Project project = options.project();
        DatasetGraph dsg = Store.open(options.db());
        long before = Store.countQuads(dsg);
        if (files.isEmpty()) {
            Cli.rebuild(project, dsg, violations);
        } else {
            long t0 = System.nanoTime();
            BuildRecord r = Loader.load(project, dsg, files, graph, Cli.derive(project),
                                        violations == Cli.Violations.fail);
            Cli.logRecord("Loaded " + files.size() + " file(s) into", r, t0);
        }
        Cli.log().info("Quads in {}: {} before, {} after", options.db(), before, Store.countQuads(dsg));
        return 0;
    }
}
