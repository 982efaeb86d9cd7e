import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.treatygraph.bench.Plot;

/**
 * The bench's plot ({@link Plot}) drawn from the scale.md files of several bench invocations, for
 * a run whose sizes were measured in more than one (docs/scale-run.md: 1M and 3M in one, 10M in a
 * second). Reads from each file, per size section
 * ("## N generated triples"): the build line's asserted count and build time and its deriving
 * phase, the stock loader line, and the p50 column of the query table.
 *
 * {@code --stock ASSERTED=SECONDS} replaces the stock loader's time of one size by a measurement
 * taken apart (docs/scale-run.md: at 10M the bench's own was taken beside a test run).
 *
 * <pre>java -cp target/treatygraph.jar docs/experiments/PlotRuns.java OUT.svg [--stock ASSERTED=SECONDS] A/scale.md B/scale.md …</pre>
 */
public class PlotRuns {
    public static void main(String[] args) throws Exception {
        List<Plot.Point> sizes = new ArrayList<>();
        Map<Double, Double> stock = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--stock")) {
                String[] kv = args[++i].split("=");
                stock.put(Double.parseDouble(kv[0]), Double.parseDouble(kv[1]));
                continue;
            }
            for (Plot.Point s : read(Files.readString(Path.of(args[i]))))
                sizes.add(new Plot.Point(s.asserted(), s.buildS(), s.deriveS(), stock.getOrDefault(s.asserted(), s.stockS()), s.p50ms()));
        }
        sizes.sort((a, b) -> Double.compare(a.asserted(), b.asserted()));
        Files.writeString(Path.of(args[0]), Plot.svg(sizes));
        for (Plot.Point s : sizes)
            System.out.printf(Locale.ROOT, "%,.0f asserted: build %.1f s, deriving %.1f s, stock %.1f s, %d queries%n",
                              s.asserted(), s.buildS(), s.deriveS(), s.stockS(), s.p50ms().size());
    }

    static List<Plot.Point> read(String md) {
        List<Plot.Point> out = new ArrayList<>();
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
            out.add(new Plot.Point(Double.parseDouble(b.group(2).replace(",", "")), millis(b.group(1)) / 1000,
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
}
