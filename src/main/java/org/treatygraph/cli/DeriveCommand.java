package org.treatygraph.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.treatygraph.derive.Deriver;
import org.treatygraph.load.Database;
import org.treatygraph.load.Inference;
import org.treatygraph.load.Store;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "derive", mixinStandardHelpOptions = true,
         description = {"Re-derive the inferred graph (https://w3id.org/treatygraph/graph/inferred) of an existing"
                        + " database from its other graphs, in ONE write transaction (readers see the old inferences"
                        + " or the new ones), and print the triples each rule produced.",
                        "`load` and `serve` already derive after every load: use this after editing the rules."})
final class DeriveCommand implements Callable<Integer> {
    @Mixin Cli.Options options;

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "${env:TREATYGRAPH_RULES}",
            description = "Folder of the rules NN-name.rq (env TREATYGRAPH_RULES; default: PROJECT/ontology/rules).")
    Path rules;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Path db = options.db();
        if (!Store.exists(db))
            throw new IllegalArgumentException("no database in " + db + ": build it first with `load`");
        Path rulesDir = rules != null ? rules : options.project().rulesDir();
        Database database = Cli.open(options);
        Deriver.Report[] report = {null};
        database.rederive(dsg -> {
            Deriver.Report r = Deriver.derive(dsg, rulesDir);
            report[0] = r;
            return new Inference.Report(r.added(), r.removed(), r.millis(), "");
        });
        print(report[0], spec.commandLine().getOut());
        return 0;
    }

    /** One line per rule (new triples, rule), then the total and the time taken. */
    static void print(Deriver.Report r, PrintWriter out) {
        for (Map.Entry<String, Long> e : r.triplesPerRule().entrySet())
            out.printf("%10d  %s%n", e.getValue(), e.getKey());
        out.printf("%10d  total, derived in %.2f s%n", r.totalTriples(), r.millis() / 1000.0);
        out.flush();
    }
}
