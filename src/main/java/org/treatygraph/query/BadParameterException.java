package org.treatygraph.query;

/**
 * A caller's parameter for a named query is unknown, malformed or of the wrong kind. The message
 * names the parameter, says what is wrong and what is expected (HTTP 400, CLI usage error).
 */
public final class BadParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadParameterException(String message) {
        super(message);
    }
}
