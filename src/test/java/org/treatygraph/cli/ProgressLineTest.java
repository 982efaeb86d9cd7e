package org.treatygraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.treatygraph.load.Progress.Phase;

/** The progress line says the phase, percent done, triples, triples per second and the time it took, at a given moment. */
class ProgressLineTest {
    @Test
    void a_phase_with_a_known_total_shows_percent_triples_rate_and_elapsed_time() {
        assertEquals("parsing    43%  1,234,567 triples  123,456 triples/s  0:10",
                     ProgressLine.line(Phase.PARSE, 430, 1000, 1_234_567, 10_000_000_000L));
        assertEquals("writing   100%  2,000,000 triples  40,000 triples/s  0:50",
                     ProgressLine.line(Phase.WRITE, 2_000_000, 2_000_000, 2_000_000, 50_000_000_000L));
    }

    @Test
    void a_phase_without_a_measure_shows_only_the_elapsed_time() {
        assertEquals("deriving   1:05", ProgressLine.line(Phase.DERIVE, 0, -1, 0, 65_000_000_000L));
    }
}
