package org.treatygraph.query;

import java.nio.file.Path;

/**
 * One named query: {@code queries/NAME.rq}, with the ROBOT-style header lines
 * {@code # # Title}, {@code # **Question:** …} and {@code # **Returns:** …} (empty when absent).
 */
public record NamedQuery(String name, String title, String question, String returns, String text, Path file) {}
