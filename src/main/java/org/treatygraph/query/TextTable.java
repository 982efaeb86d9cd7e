package org.treatygraph.query;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.util.FmtUtils;

/**
 * SELECT results as a text table, as Jena draws them ({@code | a | b |} between rules of {@code -}
 * and {@code =}), that fits a width: IRIs are written with the query's prefixes
 * ({@code event:2019-01-14-kono-lavrov-moscow}, not the full IRI); when the table is still wider than
 * the width, the widest columns are narrowed to a fair share each and their long cells cut — an IRI
 * in the middle (its start and its distinctive end stay: {@code event:201…ono-lavrov-moscow}), anything
 * else at the end — marked with {@code …}. Wide (East Asian) characters count as two columns.
 *
 * <pre>
 *   TextTable.write(out, List.of("date", "meeting"), rows, query.getPrefixMapping(), 100);
 * </pre>
 */
public final class TextTable {
    /** A column is never narrowed below this. */
    static final int MIN_COLUMN = 8;
    static final String ELLIPSIS = "…";

    private TextTable() {}

    /** Write the table; {@code width} 0 means no limit. */
    public static void write(PrintStream out, List<String> vars, List<Binding> rows, PrefixMapping prefixes, int width) {
        List<String[]> cells = new ArrayList<>();
        List<boolean[]> iris = new ArrayList<>();
        for (Binding b : rows) {
            String[] row = new String[vars.size()];
            boolean[] iri = new boolean[vars.size()];
            for (int i = 0; i < vars.size(); i++) {
                Node n = b.get(Var.alloc(vars.get(i)));
                row[i] = n == null ? "" : FmtUtils.stringForNode(n, prefixes);
                iri[i] = n != null && n.isURI();
            }
            cells.add(row);
            iris.add(iri);
        }
        int[] widths = new int[vars.size()];
        for (int i = 0; i < vars.size(); i++) {
            widths[i] = displayWidth(vars.get(i));
            for (String[] row : cells)
                widths[i] = Math.max(widths[i], displayWidth(row[i]));
        }
        int[] fit = fit(widths, width);
        StringBuilder header = new StringBuilder("|");
        for (int i = 0; i < vars.size(); i++)
            header.append(' ').append(pad(cut(vars.get(i), fit[i], false), fit[i])).append(" |");
        int lineWidth = displayWidth(header.toString());
        out.println("-".repeat(lineWidth));
        out.println(header);
        out.println("=".repeat(lineWidth));
        for (int r = 0; r < cells.size(); r++) {
            String[] row = cells.get(r);
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < row.length; i++)
                line.append(' ').append(pad(cut(row[i], fit[i], iris.get(r)[i]), fit[i])).append(" |");
            out.println(line);
        }
        out.println("-".repeat(lineWidth));
    }

    /**
     * Column widths that fit {@code width} (0: the natural ones): columns narrower than a fair share
     * of what is left keep their width, the others share the rest equally (never below
     * {@link #MIN_COLUMN}, or their natural width when that is smaller).
     */
    static int[] fit(int[] natural, int width) {
        int n = natural.length;
        int[] out = natural.clone();
        int frame = 3 * n + 1;
        if (width <= 0 || Arrays.stream(natural).sum() + frame <= width)
            return out;
        int budget = width - frame;
        boolean[] fixed = new boolean[n];
        int open = n;
        boolean changed = true;
        while (changed && open > 0) {
            changed = false;
            int share = budget / open;
            for (int i = 0; i < n; i++)
                if (!fixed[i] && natural[i] <= share) {
                    fixed[i] = true;
                    budget -= natural[i];
                    open--;
                    changed = true;
                }
        }
        if (open == 0)
            return out;
        int share = budget / open, extra = budget - share * open;
        for (int i = 0; i < n; i++)
            if (!fixed[i]) {
                int w = share + (extra-- > 0 ? 1 : 0);
                out[i] = Math.min(natural[i], Math.max(w, MIN_COLUMN));
            }
        return out;
    }

    /** {@code s} cut to at most {@code width} columns: an IRI in the middle, anything else at the end. */
    static String cut(String s, int width, boolean iri) {
        if (displayWidth(s) <= width)
            return s;
        if (width <= 1)
            return ELLIPSIS;
        if (iri && width >= 5) {
            int keepEnd = (width - 1) * 2 / 3, keepStart = width - 1 - keepEnd;
            return prefixOf(s, keepStart) + ELLIPSIS + suffixOf(s, keepEnd);
        }
        return prefixOf(s, width - 1) + ELLIPSIS;
    }

    private static String prefixOf(String s, int columns) {
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int w = width(cp);
            if (used + w > columns)
                break;
            b.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static String suffixOf(String s, int columns) {
        int used = 0, start = s.length();
        while (start > 0) {
            int cp = s.codePointBefore(start);
            int w = width(cp);
            if (used + w > columns)
                break;
            used += w;
            start -= Character.charCount(cp);
        }
        return s.substring(start);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - displayWidth(s)));
    }

    /** Columns a string takes on a terminal: East Asian wide and full-width characters take two. */
    public static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += width(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    private static int width(int cp) {
        if (cp < 0x1100)
            return 1;
        boolean wide = cp <= 0x115F
            || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
            || (cp >= 0xAC00 && cp <= 0xD7A3)
            || (cp >= 0xF900 && cp <= 0xFAFF)
            || (cp >= 0xFE30 && cp <= 0xFE4F)
            || (cp >= 0xFF00 && cp <= 0xFF60)
            || (cp >= 0xFFE0 && cp <= 0xFFE6)
            || (cp >= 0x1F300 && cp <= 0x1F64F)
            || (cp >= 0x20000 && cp <= 0x3FFFD);
        return wide ? 2 : 1;
    }
}
