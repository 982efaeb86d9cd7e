package org.treatygraph.load;

import java.util.List;

/**
 * A write that was refused, with every problem that refused it. Nothing has been written when
 * this is thrown: the database is exactly as it was.
 */
public class LoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a write was refused (the HTTP layer maps each to a status code). */
    public enum Reason {
        /** The input cannot be read: a parse error, a refused or missing file, a malformed request. */
        BAD_INPUT,
        /** The input reads, but the resulting data breaks a SHACL shape or an ERROR check. */
        INVALID,
        /** The write names a graph that only the pipeline writes (inferred, meta) or the union default graph. */
        FORBIDDEN,
        /** Journaled HTTP changes no longer fit the changed files. */
        CONFLICT
    }

    private final Reason reason;
    private final transient List<Problem> problems;

    /** One problem of the input as a whole (no file position). */
    public LoadException(String problem) {
        this(Reason.BAD_INPUT, List.of(Problem.input("input", "", 0, 0, problem)));
    }

    public LoadException(Reason reason, List<Problem> problems) {
        super(message(problems));
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    /** Every problem, errors first in report order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0)
                sb.append(System.lineSeparator());
            sb.append(p);
        }
        return sb.toString();
    }
}
