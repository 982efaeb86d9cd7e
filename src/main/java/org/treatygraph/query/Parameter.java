package org.treatygraph.query;

/**
 * A parameter of a named query, as its header declares it:
 * {@code # **Parameters:** ?a (default person:taro-kono), ?b (default person:sergey-lavrov)}.
 * The query body gives the default itself, in a {@code VALUES ?a { … }} block or a
 * {@code BIND(… AS ?a)}; a caller's value replaces it there (see {@link NamedQuery#bind}).
 *
 * @param name         the variable name, without {@code ?}
 * @param defaultValue the default as the header writes it (e.g. {@code person:taro-kono}), or "" when not stated
 * @param description  the words after the default in the header, or ""
 * @param anyTerm      true when the header says {@code (default X; any term)}: a value may be any IRI
 *                     or literal; otherwise it must be of the default's kind (an IRI, or a literal of
 *                     the default's datatype)
 */
public record Parameter(String name, String defaultValue, String description, boolean anyTerm) {}
