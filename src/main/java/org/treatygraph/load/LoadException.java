package org.treatygraph.load;

import java.util.List;

/**
 * Bad input: a parse error ({@code file:line:col: message}), a refused file, or SHACL violations.
 * Nothing has been written when this is thrown.
 */
public class LoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public LoadException(String problem) {
        this(List.of(problem));
    }

    public LoadException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each starting with the file it is about. */
    public List<String> problems() {
        return problems;
    }
}
