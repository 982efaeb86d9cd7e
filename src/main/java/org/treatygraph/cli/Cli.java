package org.treatygraph.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.index.LabelIndex;
import org.treatygraph.load.BuildRecord;
import org.treatygraph.load.Database;
import org.treatygraph.load.LoadException;
import org.treatygraph.load.Problem;
import org.treatygraph.load.Project;
import org.treatygraph.load.WriteReport;
import org.treatygraph.query.QueryContext;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the verbs share: the project and database options, the wiring of the stages, error handling. */
final class Cli {
    private static final Logger LOG = LoggerFactory.getLogger("treatygraph");

    private Cli() {}

    /**
     * A picocli command line whose failures print a message (no stack trace) and exit 1, and whose
     * usage errors print what is wrong on one line, picocli's suggestions for a mistyped verb or
     * flag, and where the usage is — not the whole usage — and exit 2.
     */
    static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine at = ex.getCommandLine();
            at.getErr().println("error: " + ex.getMessage().strip());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, at.getErr());
            at.getErr().println(usageHint(at));
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof LoadException le) {
                le.problems().forEach(commandLine.getErr()::println);
                long errors = le.problems().stream().filter(Problem::isError).count();
                commandLine.getErr().println(errors + " error(s) (" + le.reason().name().toLowerCase(java.util.Locale.ROOT)
                                             .replace('_', ' ') + "): nothing was written");
            }
            else
                commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl;
    }

    /** Where a verb's usage is: "see `treatygraph VERB --help`" (the verbs, for the top command). */
    static String usageHint(CommandLine at) {
        String name = at.getCommandSpec().qualifiedName();
        return at.getParent() == null ? "(`" + name + " --help` lists the verbs)"
                                      : "(`" + name + " --help` shows every flag)";
    }

    /** --project, with its environment variable (every verb that reads ontology/, data/ or queries/). */
    static final class ProjectOption {
        @Option(names = "--project", paramLabel = "DIR", defaultValue = "${env:TREATYGRAPH_PROJECT:-.}",
                description = "Project root holding ontology/, data/, queries/ (env TREATYGRAPH_PROJECT; default: ${DEFAULT-VALUE}).")
        Path project;

        Project project() {
            return new Project(project);
        }
    }

    /** --project and --db, with their environment variables. */
    static final class Options {
        @Mixin ProjectOption projectOption;

        @Option(names = "--db", paramLabel = "DIR", defaultValue = "${env:TREATYGRAPH_DB}",
                description = "TDB2 database folder (env TREATYGRAPH_DB; default: PROJECT/run/tdb2).")
        Path db;

        Project project() {
            return projectOption.project();
        }

        Path db() {
            return db != null ? db : project().root().resolve("run").resolve("tdb2");
        }
    }

    /**
     * The query semantics flags, the same for every verb that runs queries ({@code serve},
     * {@code query}): --timeout and --service-allow, with their environment variables.
     */
    static final class QueryOptions {
        @Spec(Spec.Target.MIXEE) CommandSpec spec;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "${env:TREATYGRAPH_TIMEOUT:-30}",
                description = "Query timeout in seconds; a longer query is cut off (serve: HTTP 503; query: exit 1)"
                              + " (env TREATYGRAPH_TIMEOUT; default: ${DEFAULT-VALUE}).")
        double timeoutSeconds;

        @Option(names = "--service-allow", paramLabel = "IRI", split = ",",
                defaultValue = "${env:TREATYGRAPH_SERVICE_ALLOW:-https://query.wikidata.org/sparql}",
                description = "Endpoints SERVICE may call, comma-separated; 'none' for none; any other SERVICE is refused"
                              + " before a request is made (serve: HTTP 422; query: exit 1)"
                              + " (env TREATYGRAPH_SERVICE_ALLOW; default: ${DEFAULT-VALUE}).")
        List<String> serviceAllow;

        /** The endpoints SERVICE may call: the flag's list without blanks and 'none'. */
        List<String> allowed() {
            return serviceAllow.stream().map(String::strip)
                .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("none")).toList();
        }

        QueryContext queryContext() {
            if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds))
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--timeout must be a positive number of seconds, got " + timeoutSeconds);
            return new QueryContext(Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000))), allowed());
        }
    }

    /** --progress: a progress line on standard error during builds and loads, with its environment variable. */
    static final class ProgressOption {
        @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "${env:TREATYGRAPH_PROGRESS:-auto}",
                description = "A progress line on standard error while the files are parsed, written and derived (percent,"
                              + " triples/s, elapsed): auto — when on a terminal; always; never. The log has one summary"
                              + " line per phase either way (env TREATYGRAPH_PROGRESS; default: ${DEFAULT-VALUE}).")
        ProgressLine.Mode mode;

        /** The progress to give the database: a line on standard error, or none. Close it with {@link ProgressLine#close}. */
        org.treatygraph.load.Progress progress() {
            return ProgressLine.of(mode, System.err);
        }
    }

    /** The database of {@code options} for its project, with the project's rules as the inference layer. */
    static Database open(Options options) {
        Project project = options.project();
        return Database.open(options.db(), project, new Reasoner(project.rulesDir()), LabelIndex.writeThrough());
    }

    /** What ERROR findings (SHACL violations, ERROR checks) do to a build from files: fail (nothing written) or warn. */
    enum Violations {
        fail, warn;

        Database.OnError onError() {
            return this == fail ? Database.OnError.REFUSE : Database.OnError.WARN;
        }
    }

    /** Log a write: what, how long, the change, the record's counts. */
    static void log(WriteReport r) {
        LOG.info("{} in {} s: +{} -{} asserted, +{} -{} inferred{}{}", capitalized(r.operation()),
                 String.format("%.2f", r.millis() / 1e3), r.added(), r.removed(), r.inference().added(),
                 r.inference().removed(), r.replayed() > 0 ? ", " + r.replayed() + " journaled change(s) replayed" : "",
                 r.journalEntry() > 0 ? ", journal entry " + r.journalEntry() : "");
        if (r.record() != null)
            logRecord(r.record());
    }

    static void logRecord(BuildRecord r) {
        LOG.info("The database holds {} triple(s), content hash {}, built {}, journal head {}", r.totalTriples(),
                 r.contentHash() == null ? "(none)" : r.contentHash().substring(0, 12), r.built(), r.journalHead());
        r.sortedCounts().forEach((g, n) -> LOG.info("  {} {}", String.format("%8d", n), g));
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static Logger log() {
        return LOG;
    }
}
