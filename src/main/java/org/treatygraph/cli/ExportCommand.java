package org.treatygraph.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.treatygraph.eventdata.EventData;
import org.treatygraph.load.Database;
import org.treatygraph.load.Dump;
import org.treatygraph.load.Store;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
         description = {"Dump the whole dataset, every named graph included (inferred and meta too, one block per graph),"
                        + " and the journal of HTTP changes: `load DUMP` into a fresh database restores it.",
                        "With --changes: only the changes made over HTTP (the journal), as TriG to move into data/ —"
                        + " the added triples, and the removed ones as comments.",
                        "--format plover: the coded events (CAMEO/PLOVER, docs/reasoning.md \"Event coding\") as PLOVER-style"
                        + " JSON Lines; --format dyads: a CSV of who met whom per month."})
final class ExportCommand implements Callable<Integer> {
    enum Format { trig, nquads, plover, dyads }

    @Mixin Cli.Options options;

    @Spec CommandSpec spec;

    @Option(names = "--format", defaultValue = "${env:TREATYGRAPH_FORMAT:-trig}",
            description = "trig or nquads (the dump), plover (JSON Lines of the coded events) or dyads (CSV of who met"
                          + " whom per month) (env TREATYGRAPH_FORMAT; default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "${env:TREATYGRAPH_OUTPUT}",
            description = "Write to FILE (env TREATYGRAPH_OUTPUT; default: standard output).")
    Path output;

    @Option(names = "--changes", defaultValue = "${env:TREATYGRAPH_CHANGES:-false}",
            description = "Write only the journaled HTTP changes, as TriG for data/ (env TREATYGRAPH_CHANGES; default: ${DEFAULT-VALUE}).")
    boolean changes;

    @Override
    public Integer call() throws IOException {
        if (!Store.exists(options.db()))
            throw new CommandLine.ParameterException(spec.commandLine(), "no database in " + options.db()
                + ": give --db the folder of one (build it with `load` or `serve`)");
        if (output != null && output.toAbsolutePath().getParent() != null && !Files.isDirectory(output.toAbsolutePath().getParent()))
            throw new CommandLine.ParameterException(spec.commandLine(), "--output " + output + ": folder "
                + output.toAbsolutePath().getParent() + " does not exist");
        boolean eventData = format == Format.plover || format == Format.dyads;
        if (changes && eventData)
            throw new CommandLine.ParameterException(spec.commandLine(), "--changes writes the journal as TriG;"
                + " it does not go with --format " + format);
        Database db = Cli.open(options);
        try (OutputStream out = output == null ? new NonClosing(System.out)
                                               : new BufferedOutputStream(Files.newOutputStream(output))) {
            if (changes)
                db.exportChanges(out);
            else if (eventData) {
                EventData.Summary s = format == Format.plover ? EventData.writePlover(db.dataset(), out)
                                                              : EventData.writeDyads(db.dataset(), out);
                Cli.log().info("Wrote {} {}{}", s.written(), format == Format.plover ? "PLOVER record(s)" : "dyad row(s)",
                               s.leftOut() == 0 ? "" : "; " + s.why());
            }
            else
                db.export(out, format == Format.nquads ? Dump.Format.NQUADS : Dump.Format.TRIG);
        }
        return 0;
    }

    /** System.out, flushed but not closed. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) { super(out); }
        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
        @Override public void close() throws IOException { flush(); }
    }
}
