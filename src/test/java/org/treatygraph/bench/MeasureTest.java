package org.treatygraph.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MeasureTest {

    /** A measure of 3 choices, 1 warm-up run, 6 measured runs: runs 1..6 send choices 1, 2, 0, 1, 2, 0. */
    private static Measure measure() {
        Measure m = new Measure();
        m.warmup = 1;
        m.choices = 3;
        m.rows.addAll(List.of(1L, 76L, 4261L));
        m.millis.addAll(List.of(10.0, 900.0, 5.0, 12.0, 1100.0, 7.0));
        return m;
    }

    @Test
    @DisplayName("the measured runs of each choice are those that sent it, counted from the warm-up runs")
    void runsOfEachChoiceAreThoseThatSentIt() {
        Measure m = measure();
        assertEquals(List.of(5.0, 7.0), m.millisOf(0));
        assertEquals(List.of(10.0, 12.0), m.millisOf(1));
        assertEquals(List.of(900.0, 1100.0), m.millisOf(2));
    }

    @Test
    @DisplayName("the p50 of each choice is printed with its rows, in the order of the choices")
    void perChoiceTextGivesRowsAndP50OfEachChoice() {
        assertEquals("1 row 5.00 ms; 76 rows 10 ms; 4,261 rows 900 ms", measure().perChoiceText());
    }

    @Test
    @DisplayName("a capped measure has no figures per choice")
    void cappedMeasureHasNoFiguresPerChoice() {
        Measure m = measure();
        m.capped = true;
        assertEquals("", m.perChoiceText());
    }
}
