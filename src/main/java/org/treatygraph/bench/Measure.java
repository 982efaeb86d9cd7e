package org.treatygraph.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
/**
 * The timings of one query over its parameter choices: run i (warm-up runs first, unmeasured)
 * sends the text of choice i modulo their number; the first run of each choice gives its rows and
 * a digest of its answer (to compare systems). A capped or failed run ends the measure.
 */
final class Measure {
    final List<Double> millis = new ArrayList<>();
    final List<Long> rows = new ArrayList<>();
    final List<Integer> digests = new ArrayList<>();
    /** The answer of each choice (null for an ASK). */
    final List<Answer> answers = new ArrayList<>();
    boolean capped;
    String error;
    Duration cap;
    /** Unmeasured runs before the measured ones, and the number of choices the runs cycle over. */
    int warmup, choices = 1;

    static Measure run(SparqlHttp http, List<String> texts, int warmup, int runs, Duration cap) {
        Measure m = new Measure();
        m.cap = cap;
        int k = texts.size();
        m.warmup = warmup;
        m.choices = k;
        for (int i = 0; i < Math.max(warmup + runs, k); i++) {
            SparqlHttp.Timing t = http.run(texts.get(i % k), cap);
            if (t.capped()) {
                m.capped = true;
                return m;
            }
            if (t.error() != null) {
                m.error = t.error();
                return m;
            }
            if (i < k) {
                m.rows.add(t.rows());
                m.digests.add(t.digest());
                m.answers.add(t.answer());
            }
            if (i >= warmup)
                m.millis.add(t.millis());
        }
        return m;
    }

    /**
     * An unmeasured pass over all queries, each parameter choice of each query once (the system's JIT
     * compiles its query paths: a JVM that has not yet answered many queries answers small ones 2–4×
     * slower, docs/scale.md "The per-request floor"), then each query's measured runs, in turn. A
     * query capped or failed in the first pass is not run again: that is its measure. (Until
     * 6 Dec 2026 the first pass repeated every measured run, which doubled the query phase: about
     * 20 of the 30 minutes of queries at 10M.)
     */
    static Map<String, Measure> warmThenRun(SparqlHttp http, Map<String, List<String>> texts, int warmup, int runs, Duration cap) {
        Map<String, Measure> failed = new HashMap<>();
        texts.forEach((name, t) -> {
            Measure first = run(http, t, 0, 0, cap);
            if (!first.ok())
                failed.put(name, first);
        });
        Map<String, Measure> out = new LinkedHashMap<>();
        texts.forEach((name, t) -> out.put(name, failed.containsKey(name) ? failed.get(name) : run(http, t, warmup, runs, cap)));
        return out;
    }

    boolean ok() { return !capped && error == null && !millis.isEmpty(); }

    /** Whether some choice answered with no row (then the figure is no figure). */
    boolean anyEmpty() { return rows.stream().anyMatch(r -> r == 0); }

    double p50() { return capped ? cap.toMillis() : percentile(0.50); }
    double p99() { return capped ? cap.toMillis() : percentile(0.99); }

    /** Nearest-rank percentile of the measured runs. */
    double percentile(double q) {
        return percentile(millis, q);
    }

    /** The measured runs that sent choice {@code c} (run i sends choice i modulo the number of choices). */
    List<Double> millisOf(int c) {
        List<Double> out = new ArrayList<>();
        for (int j = 0; j < millis.size(); j++)
            if ((warmup + j) % choices == c)
                out.add(millis.get(j));
        return out;
    }

    /**
     * Each choice's rows and p50, smallest answer first as the choices are ordered: "76 rows 280 ms;
     * 1,032 rows 900 ms" — a query whose small answers are slow shows here, where the p50 over all
     * choices mixes them with the large ones. Empty when the measure did not run to the end.
     */
    String perChoiceText() {
        if (!ok())
            return "";
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < Math.min(choices, rows.size()); c++) {
            List<Double> ms = millisOf(c);
            if (!ms.isEmpty())
                parts.add(Bench.count(rows.get(c)) + (rows.get(c) == 1 ? " row " : " rows ") + Bench.ms(percentile(ms, 0.50)));
        }
        return String.join("; ", parts);
    }

    /** Nearest-rank percentile of {@code millis}. */
    static double percentile(List<Double> millis, double q) {
        if (millis.isEmpty())
            return Double.NaN;
        List<Double> s = new ArrayList<>(millis);
        s.sort(Comparator.naturalOrder());
        int rank = (int) Math.ceil(q * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    String rowsText() {
        if (rows.isEmpty())
            return error != null ? "error" : "–";
        long min = rows.stream().mapToLong(Long::longValue).min().orElse(0), max = rows.stream().mapToLong(Long::longValue).max().orElse(0);
        String r = min == max ? Bench.count(min) : Bench.count(min) + "–" + Bench.count(max);
        return anyEmpty() ? r + " (a choice gave 0 rows)" : r;
    }

    String p50Text() { return error != null ? error : capped ? "≥ " + cap.toSeconds() + " s (capped)" : Bench.ms(p50()); }
    String p99Text() { return error != null ? "–" : capped ? "≥ " + cap.toSeconds() + " s (capped)" : Bench.ms(p99()); }

    /**
     * How {@code other} answered each choice compared with this measure ({@code groupConcat}: the
     * variables the query binds to a GROUP_CONCAT, {@link Answer#groupConcatVariables}); empty when
     * either did not run to the end.
     */
    List<Answer.Comparison> compare(Measure other, Map<String, String> groupConcat) {
        List<Answer.Comparison> out = new ArrayList<>();
        if (!ok() || !other.ok())
            return out;
        int n = Math.min(digests.size(), other.digests.size());
        for (int i = 0; i < n; i++) {
            Answer a = answers.get(i), b = other.answers.get(i);
            if (a == null || b == null) {
                out.add(digests.get(i).equals(other.digests.get(i)) ? new Answer.Comparison(Answer.Kind.SAME, List.of(), null, null)
                        : new Answer.Comparison(Answer.Kind.DIFFERENT, List.of(), null, null));
                continue;
            }
            out.add(a.compare(b, groupConcat));
        }
        return out;
    }

    /**
     * "yes" when {@code other} gave the same answer for every choice; "same, up to the order inside
     * GROUP_CONCAT …" when the only differences are the order of the items of GROUP_CONCAT values;
     * else "no (…)" with the choices that differ. {@code cs}: {@link #compare}'s outcome for {@code other}.
     */
    String agreement(Measure other, List<Answer.Comparison> cs) {
        if (cs.isEmpty())
            return "–";
        List<String> differ = new ArrayList<>();
        Set<String> orderOnly = new LinkedHashSet<>();
        for (int i = 0; i < cs.size(); i++) {
            Answer.Comparison c = cs.get(i);
            if (c.kind() == Answer.Kind.DIFFERENT)
                differ.add("choice " + (i + 1) + ": " + rows.get(i) + " vs " + other.rows.get(i) + " rows");
            else if (c.kind() == Answer.Kind.SAME_UP_TO_GROUP_CONCAT_ORDER)
                c.orderOnly().forEach(v -> orderOnly.add("?" + v));
        }
        if (!differ.isEmpty())
            return "no (" + String.join("; ", differ) + ")";
        if (!orderOnly.isEmpty())
            return "same, up to the order inside GROUP_CONCAT (undefined in SPARQL 1.1): " + String.join(" ", orderOnly);
        return "yes";
    }
}
