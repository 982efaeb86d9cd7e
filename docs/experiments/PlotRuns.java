import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's plot (src/main/java/org/treatygraph/bench/Plot.java, same layout) drawn from the
 * scale.md files of several bench invocations, for a run whose sizes were measured in more than one
 * (docs/scale-run.md: 1M and 3M in one, 10M in a second). Reads from each file, per size section
 * ("## N generated triples"): the build line's asserted count and build time and its deriving
 * phase, the stock loader line, and the p50 column of the query table.
 *
 * {@code --stock ASSERTED=SECONDS} replaces the stock loader's time of one size by a measurement
 * taken apart (docs/scale-run.md: at 10M the bench's own was taken beside a test run).
 *
 * <pre>java docs/experiments/PlotRuns.java OUT.svg [--stock ASSERTED=SECONDS] A/scale.md B/scale.md …</pre>
 */
public class PlotRuns {
    record Size(double asserted, double buildS, double deriveS, double stockS, Map<String, Double> p50ms) {}

    public static void main(String[] args) throws Exception {
        List<Size> sizes = new ArrayList<>();
        Map<Double, Double> stock = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--stock")) {
                String[] kv = args[++i].split("=");
                stock.put(Double.parseDouble(kv[0]), Double.parseDouble(kv[1]));
                continue;
            }
            for (Size s : read(Files.readString(Path.of(args[i]))))
                sizes.add(new Size(s.asserted, s.buildS, s.deriveS, stock.getOrDefault(s.asserted, s.stockS), s.p50ms));
        }
        sizes.sort((a, b) -> Double.compare(a.asserted, b.asserted));
        Files.writeString(Path.of(args[0]), svg(sizes));
        for (Size s : sizes)
            System.out.printf(Locale.ROOT, "%,.0f asserted: build %.1f s, deriving %.1f s, stock %.1f s, %d queries%n",
                              s.asserted, s.buildS, s.deriveS, s.stockS, s.p50ms.size());
    }

    static List<Size> read(String md) {
        List<Size> out = new ArrayList<>();
        String[] sections = md.split("\n## ");
        Pattern build = Pattern.compile("Build \\(.*?\\): ([0-9.,]+ (?:ms|s)) — ([0-9,]+) asserted.*?deriving ([0-9.,]+ (?:ms|s))");
        Pattern stock = Pattern.compile("stock loader .*? on the same files: ([0-9.,]+ (?:ms|s))");
        for (String sec : sections) {
            if (!sec.matches("(?s)^[0-9,]+ generated triples.*"))
                continue;
            Matcher b = build.matcher(sec), st = stock.matcher(sec);
            if (!b.find() || !st.find())
                continue;
            Map<String, Double> p50 = new LinkedHashMap<>();
            boolean inTable = false;
            for (String line : sec.split("\n")) {
                if (line.startsWith("| query |")) {
                    inTable = true;
                    continue;
                }
                if (!inTable || line.startsWith("|---"))
                    continue;
                if (!line.startsWith("| "))
                    break;
                String[] cells = line.split("\\|");
                double ms = millis(cells[4].trim());
                if (!Double.isNaN(ms))
                    p50.put(cells[1].trim(), ms);
            }
            out.add(new Size(Double.parseDouble(b.group(2).replace(",", "")), millis(b.group(1)) / 1000,
                             millis(b.group(3)) / 1000, millis(st.group(1)) / 1000, p50));
        }
        return out;
    }

    /** "4.4 s", "142 ms", "1,338.7 s" in milliseconds; NaN for anything else ("≥ 60 s (capped)", "–"). */
    static double millis(String cell) {
        Matcher m = Pattern.compile("^([0-9.,]+) (ms|s)$").matcher(cell);
        if (!m.matches())
            return Double.NaN;
        double v = Double.parseDouble(m.group(1).replace(",", ""));
        return m.group(2).equals("s") ? v * 1000 : v;
    }

    private static final int W = 1100, H = 480, PW = 460, PH = 360, TOP = 50, LEFT1 = 70, LEFT2 = 620;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                                            "#7f7f7f", "#bcbd22", "#17becf"};

    record Series(String name, ToDoubleFunction<Size> y) {}

    static String svg(List<Size> results) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 + "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", W, H));
        double xmin = results.stream().mapToDouble(Size::asserted).min().orElse(1) / 1.3;
        double xmax = results.stream().mapToDouble(Size::asserted).max().orElse(10) * 1.3;
        List<Series> left = List.of(new Series("build (write path)", Size::buildS),
                                    new Series("build without derivation", r -> r.buildS - r.deriveS),
                                    new Series("TDB2 stock loader", Size::stockS));
        panel(s, LEFT1, "Build time (s) against asserted triples", xmin, xmax, results, left, Double.NaN);
        List<Series> right = new ArrayList<>();
        if (!results.isEmpty())
            for (String q : results.get(results.size() - 1).p50ms.keySet())
                right.add(new Series(q, r -> r.p50ms.getOrDefault(q, Double.NaN)));
        panel(s, LEFT2, "Query p50 (ms, HTTP) against asserted triples", xmin, xmax, results, right, 100);
        s.append("</svg>\n");
        return s.toString();
    }

    private static void panel(StringBuilder s, int left, String title, double xmin, double xmax,
                              List<Size> results, List<Series> series, double limit) {
        double ymin = Double.MAX_VALUE, ymax = 0;
        for (Series se : series)
            for (Size r : results) {
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
        for (Size r : results) {
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
            for (Size r : results) {
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
