package org.treatygraph.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints a benchmark's lines to the console and collects the same lines as Markdown. */
record Printer(PrintStream out, StringBuilder md) {
    Printer(PrintStream out) {
        this(out, new StringBuilder());
    }

    void line(String s) {
        out.println(s);
        out.flush();
        md.append(s).append('\n');
    }

    /** Write the collected Markdown to {@code file} (creating its folder) and say so on the console. */
    void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.println("Written to " + file);
    }
}
