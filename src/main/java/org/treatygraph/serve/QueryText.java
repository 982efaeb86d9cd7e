package org.treatygraph.serve;

import java.util.Optional;

/**
 * Checks of a query or update text made before it is parsed, so that no text can make the parser
 * or the algebra recurse without bound: the nesting of braces, parentheses and brackets, and the
 * number of UNIONs (a chain of UNIONs becomes a tree as deep as it is long). Strings, IRIs and
 * comments are skipped. Also the short form of a text for logs.
 */
final class QueryText {
    /** Characters of a query text that a log line shows. */
    static final int LOGGED = 200;

    private QueryText() {}

    /** What is wrong with {@code text} under {@code limits}, or empty. */
    static Optional<String> check(String text, Limits limits) {
        int depth = 0, maxDepth = 0, unions = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '#' -> {
                    while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r')
                        i++;
                }
                case '"', '\'' -> i = skipString(text, i);
                case '<' -> i = skipIri(text, i);
                case '{', '(', '[' -> {
                    depth++;
                    if (depth > maxDepth) {
                        maxDepth = depth;
                        if (maxDepth > limits.maxNesting())
                            return Optional.of("the text nests { ( [ more than " + limits.maxNesting()
                                               + " levels deep (limit --max-nesting)");
                    }
                }
                case '}', ')', ']' -> depth = Math.max(0, depth - 1);
                case 'U', 'u' -> {
                    if (i + 5 <= n && text.regionMatches(true, i, "UNION", 0, 5) && boundary(text, i - 1) && boundary(text, i + 5)) {
                        unions++;
                        if (unions > limits.maxUnions())
                            return Optional.of("the text has more than " + limits.maxUnions() + " UNIONs (limit --max-unions)");
                        i += 4;
                    }
                }
                default -> { }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code text} with the contents of its comments removed (the {@code #} and the line break stay,
     * so that line numbers of parse errors do not move): Jena's parser takes seconds over a long
     * comment, which costs nothing to skip here.
     */
    static String withoutComments(String text) {
        if (text.indexOf('#') < 0)
            return text;
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#') {
                out.append('#');
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r')
                    i++;
                continue;
            }
            int end = i;
            if (c == '"' || c == '\'')
                end = skipString(text, i);
            else if (c == '<')
                end = skipIri(text, i);
            out.append(text, i, end + 1);
            i = end + 1;
        }
        return out.toString();
    }

    /** The first {@link #LOGGED} characters of {@code text} on one line, and how long it was. */
    static String forLog(String text) {
        if (text == null)
            return "<null>";
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= LOGGED ? flat : flat.substring(0, LOGGED) + "… (" + text.length() + " characters)";
    }

    /** Whether a parse failed because the parser ran out of stack (Jena's parser reports it as a parse error). */
    static boolean isStackOverflow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof StackOverflowError || (t.getMessage() != null && t.getMessage().contains("StackOverflowError")))
                return true;
        return false;
    }

    private static boolean boundary(String s, int i) {
        return i < 0 || i >= s.length() || !(Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':');
    }

    /** Index of the last character of the string literal starting at {@code i}. */
    private static int skipString(String s, int i) {
        char q = s.charAt(i);
        boolean longForm = i + 2 < s.length() && s.charAt(i + 1) == q && s.charAt(i + 2) == q;
        int j = longForm ? i + 3 : i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (longForm) {
                if (c == q && j + 2 < s.length() && s.charAt(j + 1) == q && s.charAt(j + 2) == q)
                    return j + 2;
            } else if (c == q || c == '\n') {
                return j;
            }
            j++;
        }
        return s.length() - 1;
    }

    /** Index of the closing {@code >} of an IRI starting at {@code i}, or {@code i} when {@code <} is an operator. */
    private static int skipIri(String s, int i) {
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '>')
                return j;
            if (Character.isWhitespace(c) || c == '<' || c == '"' || c == '{' || c == '}')
                return i;
        }
        return i;
    }
}
