package org.treatygraph.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The timings of one query over its parameter choices: run i (warm-up runs first, unmeasured)
 * sends the text of choice i modulo their number; the first run of each choice gives its rows and
 * a digest of its answer (to compare systems). A capped or failed run ends the measure.
 */
final class Measure {
    final List<Double> millis = new ArrayList<>();
    final List<Long> rows = new ArrayList<>();
    final List<Integer> digests = new ArrayList<>();
    boolean capped;
    String error;
    Duration cap;

    static Measure run(SparqlHttp http, List<String> texts, int warmup, int runs, Duration cap) {
        Measure m = new Measure();
        m.cap = cap;
        int k = texts.size();
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
            }
            if (i >= warmup)
                m.millis.add(t.millis());
        }
        return m;
    }

    /**
     * Each query's runs, in turn, twice over: a first pass unmeasured (the system's JIT compiles its
     * query paths: a JVM that has not yet answered many queries answers small ones 2–4× slower,
     * docs/scale.md "The per-request floor"), then the measured pass. A query capped or failed in
     * the first pass is not run again: that is its measure.
     */
    static java.util.Map<String, Measure> warmThenRun(SparqlHttp http, java.util.Map<String, List<String>> texts, int warmup,
                                                      int runs, Duration cap) {
        java.util.Map<String, Measure> out = new java.util.LinkedHashMap<>();
        texts.forEach((name, t) -> {
            Measure first = run(http, t, warmup, runs, cap);
            if (!first.ok())
                out.put(name, first);
        });
        texts.forEach((name, t) -> out.computeIfAbsent(name, k -> run(http, t, warmup, runs, cap)));
        java.util.Map<String, Measure> ordered = new java.util.LinkedHashMap<>();
        texts.keySet().forEach(name -> ordered.put(name, out.get(name)));
        return ordered;
    }

    boolean ok() { return !capped && error == null && !millis.isEmpty(); }

    /** Whether some choice answered with no row (then the figure is no figure). */
    boolean anyEmpty() { return rows.stream().anyMatch(r -> r == 0); }

    double p50() { return capped ? cap.toMillis() : percentile(0.50); }
    double p99() { return capped ? cap.toMillis() : percentile(0.99); }

    /** Nearest-rank percentile of the measured runs. */
    double percentile(double q) {
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

    /** "yes" when {@code other} gave the same answer for every choice, else what differs. */
    String agreement(Measure other) {
        if (!ok() || !other.ok())
            return "–";
        int n = Math.min(digests.size(), other.digests.size());
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < n; i++)
            if (!digests.get(i).equals(other.digests.get(i)))
                differ.add("choice " + (i + 1) + ": " + rows.get(i) + " vs " + other.rows.get(i) + " rows");
        return differ.isEmpty() ? "yes" : "no (" + String.join("; ", differ) + ")";
    }
}
