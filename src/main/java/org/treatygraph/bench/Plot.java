package org.treatygraph.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The plot of a scale run as SVG (no library): on the left, build time against asserted triples
 * (the build, the build without derivation, TDB2's stock loader); on the right, the p50 of every
 * named query against asserted triples, with the 100 ms line. Both axes logarithmic.
 * {@link #svg(List)} also draws sizes read back from the tables of several runs
 * (docs/experiments/PlotRuns.java).
 */
public final class Plot {
    private Plot() {}

    /**
     * One size: asserted triples, the build, its derivation and the stock loader in seconds, and
     * each query's p50 in milliseconds (a query with no figure is left out or NaN).
     */
    public record Point(double asserted, double buildS, double deriveS, double stockS, Map<String, Double> p50ms) {
        public Point {
            p50ms = Collections.unmodifiableMap(new LinkedHashMap<>(p50ms));
        }
    }

    private static final int W = 1100, H = 480, PW = 460, PH = 360, TOP = 50, LEFT1 = 70, LEFT2 = 620;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                                            "#7f7f7f", "#bcbd22", "#17becf"};

    /** The plot of {@code results}, in order of size. */
    public static String svg(List<Point> results) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 + "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", W, H));
        double xmin = results.stream().mapToDouble(Point::asserted).min().orElse(1) / 1.3;
        double xmax = results.stream().mapToDouble(Point::asserted).max().orElse(10) * 1.3;
        // left: build times in seconds
        List<Series> left = List.of(
            new Series("build (write path)", Point::buildS),
            new Series("build without derivation", r -> r.buildS - r.deriveS),
            new Series("TDB2 stock loader", Point::stockS));
        panel(s, LEFT1, "Build time (s) against asserted triples", xmin, xmax, results, left, Double.NaN);
        // right: p50 per query in ms
        List<Series> right = new ArrayList<>();
        if (!results.isEmpty())
            for (String q : results.get(results.size() - 1).p50ms.keySet())
                right.add(new Series(q, r -> r.p50ms.getOrDefault(q, Double.NaN)));
        panel(s, LEFT2, "Query p50 (ms, HTTP) against asserted triples", xmin, xmax, results, right, 100);
        s.append("</svg>\n");
        return s.toString();
    }

    private record Series(String name, ToDoubleFunction<Point> y) {}

    private static void panel(StringBuilder s, int left, String title, double xmin, double xmax,
                              List<Point> results, List<Series> series, double limit) {
        double ymin = Double.MAX_VALUE, ymax = 0;
        for (Series se : series)
            for (Point r : results) {
                double v = se.y.applyAsDouble(r);
                if (v > 0 && !Double.isNaN(v)) {
                    ymin = Math.min(ymin, v);
                    ymax = Math.max(ymax, v);
                }
            }
        if (ymax == 0) {
            ymin = 1;
            ymax = 10;
        }
        if (!Double.isNaN(limit)) {
            ymin = Math.min(ymin, limit);
            ymax = Math.max(ymax, limit);
        }
        double lo = Math.floor(Math.log10(ymin)), hi = Math.ceil(Math.log10(ymax));
        if (hi == lo)
            hi = lo + 1;
        double lx0 = Math.log10(xmin), lx1 = Math.log10(xmax);
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%s</text>\n",
                               left, TOP - 20, esc(title)));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n",
                               left, TOP, PW, PH));
        for (double e = lo; e <= hi; e++) {
            double y = TOP + PH - (e - lo) / (hi - lo) * PH;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                                   + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                                   left, y, left + PW, y, left - 5, y + 4, tick(Math.pow(10, e))));
        }
        for (Point r : results) {
            double x = left + (Math.log10(r.asserted) - lx0) / (lx1 - lx0) * PW;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                                   + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                                   x, TOP, x, TOP + PH, x, TOP + PH + 16, tick(r.asserted)));
        }
        if (!Double.isNaN(limit)) {
            double y = TOP + PH - (Math.log10(limit) - lo) / (hi - lo) * PH;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"red\" stroke-dasharray=\"6,4\"/>"
                                   + "<text x=\"%d\" y=\"%.1f\" fill=\"red\">%s ms</text>\n", left, y, left + PW, y, left + 4, y - 4,
                                   tick(limit)));
        }
        int i = 0;
        for (Series se : series) {
            String color = COLORS[i % COLORS.length];
            String dash = i >= COLORS.length ? " stroke-dasharray=\"4,3\"" : "";
            StringBuilder pts = new StringBuilder();
            for (Point r : results) {
                double v = se.y.applyAsDouble(r);
                if (!(v > 0))
                    continue;
                double x = left + (Math.log10(r.asserted) - lx0) / (lx1 - lx0) * PW;
                double y = TOP + PH - (Math.log10(v) - lo) / (hi - lo) * PH;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", x, y, color));
            }
            s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\"%s><title>%s</title></polyline>\n",
                                   pts.toString().trim(), color, dash, esc(se.name)));
            if (series.size() <= 4)
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>\n", left + 10, TOP + 16 + 15 * i,
                                       color, esc(se.name)));
            i++;
        }
        if (series.size() > 4)
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#444\">one line per named query (hover for its name)</text>\n",
                                   left + 10, TOP + PH + 34));
    }

    private static String tick(double v) {
        if (v >= 1e6)
            return String.format(Locale.ROOT, "%.0fM", v / 1e6);
        if (v >= 1e3)
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        if (v >= 1)
            return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.2g", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
