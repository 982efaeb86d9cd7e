package org.treatygraph.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlotTest {

    private static Map<String, Double> p50(double a, double b) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("fast_query", a);
        m.put("slow_query", b);
        return m;
    }

    private static int count(String svg, String regex) {
        Matcher m = Pattern.compile(regex).matcher(svg);
        int n = 0;
        while (m.find())
            n++;
        return n;
    }

    @Test
    @DisplayName("the plot draws one line per build series and per query, a point per figure, and the 100 ms line")
    void linesPointsAndLimit() {
        String svg = Plot.svg(List.of(
            new Plot.Point(1_000_000, 424.2, 275.5, 22.7, p50(5.0, 1_200.0)),
            new Plot.Point(3_000_000, 1_338.7, 937.2, 60.6, p50(Double.NaN, 4_400.0))));
        assertEquals(3 + 2, count(svg, "<polyline "), svg);
        // three build series at two sizes, and three query figures (the query with no figure at 3M has no point there)
        assertEquals(3 * 2 + 3, count(svg, "<circle "), svg);
        assertTrue(svg.contains("<title>fast_query</title>") && svg.contains("<title>slow_query</title>"), svg);
        assertTrue(svg.contains(">100 ms</text>"), svg);
        assertTrue(svg.contains(">1M</text>") && svg.contains(">3M</text>"), svg);
        assertTrue(svg.contains(">build without derivation</text>"), svg);
    }

    @Test
    @DisplayName("a size's point has its times in seconds, each query's p50, and no figure for a capped query")
    void sizeResultBecomesItsPoint() {
        ScaleBench.SizeResult r = new ScaleBench.SizeResult();
        r.asserted = 1_001_798;
        r.buildMs = 424_200;
        r.stockMs = 22_700;
        r.phaseMs.put(org.treatygraph.load.Progress.Phase.DERIVE, 275_500.0);
        ScaleBench.QueryResult fast = new ScaleBench.QueryResult();
        fast.measure = new Measure();
        fast.measure.millis.addAll(List.of(4.0, 5.0, 6.0));
        ScaleBench.QueryResult capped = new ScaleBench.QueryResult();
        capped.measure = new Measure();
        capped.measure.millis.add(60_000.0);
        capped.measure.capped = true;
        r.queries.put("fast_query", fast);
        r.queries.put("capped_query", capped);
        Plot.Point p = r.point();
        assertEquals(1_001_798, p.asserted());
        assertEquals(424.2, p.buildS(), 1e-9);
        assertEquals(275.5, p.deriveS(), 1e-9);
        assertEquals(22.7, p.stockS(), 1e-9);
        assertEquals(List.of("fast_query", "capped_query"), List.copyOf(p.p50ms().keySet()));
        assertEquals(5.0, p.p50ms().get("fast_query"), 1e-9);
        assertTrue(p.p50ms().get("capped_query").isNaN());
    }
}
