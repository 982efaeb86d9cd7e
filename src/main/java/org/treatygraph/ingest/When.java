package org.treatygraph.ingest;

import java.time.LocalDate;

/**
 * A time expression of a text, resolved against the text's date: the words as written (kept as
 * {@code tg:dateText}), where they are, and what they mean — a day, a window (earliest/latest day,
 * either may be open), or a loose reference kept only as words ({@code tg:timeReference}, e.g.
 * "60 years ago"). A day is given only when the text names one; a vague expression is a window,
 * with the precision the text gives (a month, a year) or none ("last week", "late January").
 *
 * @param text      the expression, verbatim
 * @param start     offset in the article
 * @param end       offset in the article (exclusive)
 * @param earliest  first day it may mean, or null (open)
 * @param latest    last day it may mean, or null (open)
 * @param precision the unit the text gives
 * @param kind      what sort of expression it is
 */
record When(String text, int start, int end, LocalDate earliest, LocalDate latest, Precision precision, Kind kind) {

    /** The unit the text gives: tg:datePrecision time:unitDay / unitMonth / unitYear, or none. */
    enum Precision { DAY, MONTH, YEAR, NONE }

    enum Kind {
        /** An absolute date or a named month or year ("January 14", "in June", "in 1956"). */
        ABSOLUTE,
        /** Relative to the text's date ("Monday", "last week", "next month", "this month"). */
        RELATIVE,
        /** Open on one side ("in the coming weeks", "over the past few weeks"). */
        OPEN,
        /** A loose reference kept as words only ("60 years ago"): never an event date. */
        REFERENCE
    }

    /** Whether it names one day. */
    boolean isDay() {
        return earliest != null && earliest.equals(latest) && precision == Precision.DAY;
    }

    /** Whether the windows of two expressions can describe the same time. */
    boolean overlaps(When other) {
        LocalDate a0 = earliest == null ? LocalDate.MIN : earliest, a1 = latest == null ? LocalDate.MAX : latest;
        LocalDate b0 = other.earliest == null ? LocalDate.MIN : other.earliest, b1 = other.latest == null ? LocalDate.MAX : other.latest;
        return !a0.isAfter(b1) && !b0.isAfter(a1);
    }

    /** A short description for reports: "2019-01-14", "2019-06-01 … 2019-06-30 (month)", "from 2019-02-25". */
    String describe() {
        if (kind == Kind.REFERENCE)
            return "\"" + text + "\" (kept as words; about " + (earliest == null ? "?" : earliest.getYear()) + ")";
        if (isDay())
            return earliest.toString();
        String p = switch (precision) { case MONTH -> " (month)"; case YEAR -> " (year)"; default -> ""; };
        if (earliest != null && latest != null)
            return earliest + " … " + latest + p;
        if (earliest != null)
            return "from " + earliest;
        if (latest != null)
            return "by " + latest;
        return "\"" + text + "\"";
    }
}
