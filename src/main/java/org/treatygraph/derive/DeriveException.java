package org.treatygraph.derive;

/** A rule that cannot be read or run: the message names the rule file and what is wrong. */
public final class DeriveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeriveException(String message) {
        super(message);
    }

    public DeriveException(String message, Throwable cause) {
        super(message, cause);
    }
}
