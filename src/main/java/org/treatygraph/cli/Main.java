package org.treatygraph.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar target/treatygraph.jar VERB [FLAGS]}: one class per verb, listed below. */
@Command(name = "treatygraph", mixinStandardHelpOptions = true, version = "Treaty Graph 0.1.0",
         description = "A knowledge graph of the Japan–Russia peace-treaty negotiations, served over SPARQL.",
         subcommands = {
             ServeCommand.class,
             LoadCommand.class,
             ReloadCommand.class,
             ValidateCommand.class,
             QueryCommand.class,
             ExportCommand.class,
             LinkCommand.class,
             DeriveCommand.class,
             BenchCommand.class,
             IngestCommand.class,
             WhyCommand.class,
             // more verbs: one line each, e.g. DeriveCommand.class, LinkCommand.class, BenchCommand.class
         })
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        Logging.configure();
        System.exit(run(args));
    }

    /** Run a command line; returns the exit code (0 ok, 1 failure, 2 usage error). */
    public static int run(String... args) {
        return Cli.commandLine(new Main()).execute(args);
    }

    /** No verb: print the usage and exit 2. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }
}
