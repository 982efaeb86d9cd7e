package org.treatygraph.query;

/**
 * How the answer of a query is printed: SELECT and ASK results in {@code results}, the graph of a
 * CONSTRUCT or DESCRIBE query in {@code graphs} (only the prefixes it uses), and a text table no
 * wider than {@code width} characters (0: as wide as its cells; see {@link TextTable}).
 */
public record Output(ResultFormat results, RdfFormat graphs, int width) {
    public Output {
        if (width < 0)
            throw new IllegalArgumentException("A table width is 0 (no limit) or positive, got " + width);
    }

    /** Results as {@code results}, graphs as Turtle, tables as wide as their cells. */
    public static Output of(ResultFormat results) {
        return new Output(results, RdfFormat.TURTLE, 0);
    }
}
