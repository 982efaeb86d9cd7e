package org.treatygraph.cli;

import java.io.File;
import java.util.concurrent.TimeUnit;

/** What the command line knows of the terminal it runs in: whether there is one, and how wide it is. */
final class Terminal {
    /** When a terminal's width cannot be read. */
    static final int DEFAULT_WIDTH = 120;

    private Terminal() {}

    /** Whether standard input and output are a terminal (as Java can tell: {@link System#console()}). */
    static boolean interactive() {
        return System.console() != null;
    }

    /**
     * The terminal's width in columns: env COLUMNS, else {@code stty size} on /dev/tty, else
     * {@link #DEFAULT_WIDTH}; 0 (no limit) when the output is not a terminal.
     */
    static int width() {
        if (!interactive())
            return 0;
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.strip().matches("\\d+") && Integer.parseInt(columns.strip()) > 0)
            return Integer.parseInt(columns.strip());
        File tty = new File("/dev/tty");
        if (tty.exists()) {
            try {
                Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectErrorStream(true).start();
                if (p.waitFor(1, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    String[] rowsCols = new String(p.getInputStream().readAllBytes()).strip().split("\\s+");
                    if (rowsCols.length == 2 && rowsCols[1].matches("\\d+") && Integer.parseInt(rowsCols[1]) > 0)
                        return Integer.parseInt(rowsCols[1]);
                } else
                    p.destroy();
            } catch (java.io.IOException | InterruptedException | RuntimeException e) {
                if (e instanceof InterruptedException)
                    Thread.currentThread().interrupt();
            }
        }
        return DEFAULT_WIDTH;
    }
}
