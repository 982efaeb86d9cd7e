package org.treatygraph.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.treatygraph.cli.Main;

/** Runs the command line in-process as {@code java -jar target/treatygraph.jar ARGS} would, capturing its output. */
public final class CommandLine {
    private CommandLine() {}

    /** The exit code and what the command printed on standard output and standard error. */
    public record Result(int exit, String out, String err) {}

    /** Synchronized: standard output and error are global, so two runs must not overlap. */
    public static synchronized Result run(String... args) {
        PrintStream out0 = System.out, err0 = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out0);
            System.setErr(err0);
        }
    }
}
