package org.treatygraph.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.treatygraph.load.Database;
import org.treatygraph.load.Dump;
import org.treatygraph.load.Progress;
import org.treatygraph.load.WriteReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "load", mixinStandardHelpOptions = true,
         description = {"Validate and load files in ONE write transaction that also derives: all of it lands or none.",
                        "Without FILE: full rebuild from ontology/ and data/ (journaled HTTP changes are replayed on top).",
                        "With FILE...: adds or replaces the graphs those files carry. TriG/N-Quads name their graphs;"
                        + " a Turtle/N-Triples file goes to --graph, by default "
                        + "https://w3id.org/treatygraph/graph/file/STEM (STEM = lower-cased file name before its first"
                        + " dot). A file of ontology/ reloads the whole ontology graph. Files under data/ must be .trig."
                        + " Files outside ontology/ and data/ are journaled, so that they survive rebuilds.",
                        "With one FILE made by `export` (it carries the meta graph): restores that dump — its graphs, its"
                        + " build record and journal; the inferred graph is re-derived and compared.",
                        "A running server holds its database: use `reload` (or its HTTP endpoints) then."})
final class LoadCommand implements Callable<Integer> {
    @Mixin Cli.Options options;

    @Option(names = "--graph", paramLabel = "IRI", defaultValue = "${env:TREATYGRAPH_GRAPH}",
            description = "Graph for the triples of plain (Turtle, N-Triples) files (env TREATYGRAPH_GRAPH;"
                          + " default: derived from each file name, see above).")
    String graph;

    @Option(names = "--violations", paramLabel = "fail|warn", defaultValue = "${env:TREATYGRAPH_VIOLATIONS:-fail}",
            description = "On ERROR findings (SHACL violations, ERROR checks) in a full rebuild: fail (nothing is written)"
                          + " or warn (log them and load) (env TREATYGRAPH_VIOLATIONS; default: ${DEFAULT-VALUE})."
                          + " A load of FILEs is always refused on ERROR findings it brings.")
    Cli.Violations violations;

    @Mixin Cli.ProgressOption progressOption;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "RDF files to load (default: the whole project).")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        Database db = Cli.open(options);
        Progress progress = progressOption.progress();
        WriteReport r;
        try {
            db.progress(progress);
            if (files.isEmpty())
                r = db.rebuild(violations.onError());
            else if (files.size() == 1 && Dump.isDump(files.get(0)))
                r = db.restore(files.get(0));
            else
                r = db.load(files, graph);
        } finally {
            ProgressLine.close(progress);
            db.progress(Progress.NONE);
        }
        Cli.log(r);
        return 0;
    }
}
