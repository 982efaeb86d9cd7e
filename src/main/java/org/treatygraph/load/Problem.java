package org.treatygraph.load;

import java.util.Comparator;

/**
 * One problem found in input or in a write, as data (cf. Oxigraph's {@code TurtleSyntaxError {
 * location, message }}, ROBOT's report rows): where it is (file, line, column — empty/0 when the
 * input was not a file), what it is about (focus node, path), which rule found it (a SHACL shape
 * and constraint, a check of ontology/checks, the parser), how bad it is, and what is wrong.
 *
 * @param severity ERROR refuses the write; WARN and INFO are reported only
 * @param rule     {@code syntax}, {@code input}, {@code shacl:SHAPE (COMPONENT)}, {@code check:NAME}, {@code reserved-graph}, …
 * @param file     the file (relative to the project when inside it), a journal entry, or {@code ""}
 * @param line     1-based line, 0 when unknown
 * @param column   1-based column, 0 when unknown
 * @param focusNode the node the problem is about, in Turtle syntax, or {@code ""}
 * @param path     the property path, in SPARQL syntax, or {@code ""}
 * @param message  what is wrong, in words
 */
public record Problem(Severity severity, String rule, String file, long line, long column,
                      String focusNode, String path, String message) {

    /** How bad a problem is (ROBOT's levels). */
    public enum Severity {
        /** The write is refused. */
        ERROR,
        /** Reported; the write goes ahead. */
        WARN,
        /** Reported; the write goes ahead. */
        INFO;

        /** {@code ERROR}, {@code WARN} or {@code INFO} (case-insensitive; {@code WARNING} and SHACL's Violation/Warning/Info too). */
        public static Severity parse(String s) {
            return switch (s.strip().toUpperCase(java.util.Locale.ROOT)) {
                case "ERROR", "VIOLATION" -> ERROR;
                case "WARN", "WARNING" -> WARN;
                case "INFO" -> INFO;
                default -> throw new IllegalArgumentException("unknown severity '" + s + "': use ERROR, WARN or INFO");
            };
        }
    }

    /** Sorted by file, line, column, then rule and focus node: stable reports. */
    public static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
        .thenComparingLong(Problem::line).thenComparingLong(Problem::column)
        .thenComparing(Problem::rule).thenComparing(Problem::focusNode).thenComparing(Problem::path)
        .thenComparing(Problem::message);

    public Problem {
        file = file == null ? "" : file;
        rule = rule == null ? "" : rule;
        focusNode = focusNode == null ? "" : focusNode;
        path = path == null ? "" : path;
        message = message == null ? "" : message;
    }

    /** A problem of a whole input (a parse error, a refused file): ERROR. */
    public static Problem input(String rule, String file, long line, long column, String message) {
        return new Problem(Severity.ERROR, rule, file, line, column, "", "", message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col}, {@code file:line}, {@code file}, or {@code ""}. */
    public String location() {
        if (file.isEmpty())
            return "";
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
    }

    /** The same problem at another place (the focus node's description in a file). */
    public Problem at(String file, long line, long column) {
        return new Problem(severity, rule, file, line, column, focusNode, path, message);
    }

    /** Identity of a finding independent of where it is reported: for "new since before the write". */
    public String key() {
        return severity + "\u0000" + rule + "\u0000" + focusNode + "\u0000" + path + "\u0000" + message;
    }

    /** {@code file:line:col: ERROR rule: focus path: message} (parts that are empty left out). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String where = location();
        if (!where.isEmpty())
            sb.append(where).append(": ");
        sb.append(severity);
        if (!rule.isEmpty())
            sb.append(' ').append(rule);
        sb.append(": ");
        if (!focusNode.isEmpty())
            sb.append(focusNode).append(path.isEmpty() ? "" : " " + path).append(": ");
        sb.append(message);
        return sb.toString();
    }
}
