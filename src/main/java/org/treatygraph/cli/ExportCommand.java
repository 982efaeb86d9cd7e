package org.treatygraph.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.treatygraph.load.Store;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
         description = "Dump the whole dataset, every named graph included (inferred and meta too).")
final class ExportCommand implements Callable<Integer> {
    enum Format { trig, nquads }

    @Mixin Cli.Options options;

    @Option(names = "--format", defaultValue = "${env:TREATYGRAPH_FORMAT:-trig}",
            description = "trig or nquads (env TREATYGRAPH_FORMAT; default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "${env:TREATYGRAPH_OUTPUT}",
            description = "Write to FILE (env TREATYGRAPH_OUTPUT; default: standard output).")
    Path output;

    @Override
    public Integer call() throws IOException {
        DatasetGraph dsg = Store.open(options.db());
        RDFFormat fmt = format == Format.nquads ? RDFFormat.NQUADS : RDFFormat.TRIG_BLOCKS;
        try (OutputStream out = output == null ? new NonClosing(System.out)
                                               : new BufferedOutputStream(Files.newOutputStream(output))) {
            Txn.executeRead(dsg, () -> RDFDataMgr.write(out, dsg, fmt));
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
