package org.treatygraph.ingest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.treatygraph.ingest.When.Kind;
import org.treatygraph.ingest.When.Precision;

/**
 * Finds the time expressions of a sentence and resolves them against the article's date, as the
 * curated graphs do (docs/data-modelling.md, "Dates"): "January 14", "Jan. 22", "Dec. 1" (the
 * year nearest the article's date), weekdays (the latest such day on or before the article's
 * date; the next one when the sentence speaks of the future), "last week" (Monday to Sunday of the
 * week before), "this/next/last month", "in June" (the nearest June), "late January next year",
 * "early in the new year", "in 1956", "in the coming weeks" (open after), "over the past few weeks"
 * (open before), "60 years ago" (kept as words). It never makes up a day: a vague expression is a
 * window, with the precision the text gives or none.
 */
final class DateParser {
    private DateParser() {}

    private static final String MONTH = "(January|February|March|April|May|June|July|August|September|October|November|December"
        + "|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\."
        + "|Jan|Feb|Aug|Sept|Oct|Nov|Dec)";
    private static final String WEEKDAY = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    private static final String YEAR = "((?:1[6-9]|20)\\d\\d)";
    private static final String NUMBER = "(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|several|a few)";

    private static final Map<String, Integer> WORD_NUMBERS = Map.ofEntries(
        Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
        Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
        Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20),
        Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60),
        Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90), Map.entry("a hundred", 100));

    /** A rule: a pattern and what a match means. Rules earlier in the list win overlaps. */
    private record Rule(Pattern pattern, Resolver resolver) {}

    @FunctionalInterface
    private interface Resolver {
        /** The meaning of a match, or null when it is no date after all. */
        When resolve(Matcher m, Context c);
    }

    /** The article's date, whether the sentence speaks of the future, and the sentence. */
    private record Context(LocalDate date, boolean future, String text) {
        /**
         * Whether the words just before a match speak of the future: a verb in the past right before
         * a weekday ("agreed Thursday", "met on Monday") is the past, whatever else the sentence plans.
         */
        boolean futureAt(int at) {
            String before = text.substring(Math.max(0, at - 30), at);
            if (PAST_BEFORE.matcher(before).find())
                return false;
            if (FUTURE_BEFORE.matcher(before).find())
                return true;
            return future;
        }
    }

    private static final Pattern PAST_BEFORE = Pattern.compile("\\b(?:(?!scheduled|planned|expected|slated|timed|proposed)\\w+ed|met|held|told|said|spoke|made|took|gave|began|sent|went|came|saw|won|lost|was|were)\\s+(?:on\\s+|last\\s+)?$");
    private static final Pattern FUTURE_BEFORE = Pattern.compile("\\b(?:will|would|shall|to|is due|are due|next)\\s+(?:\\w+\\s+){0,2}(?:on\\s+)?$");

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    private static final List<Rule> RULES = List.of(
        // a span of days: "June 28-29", "June 28–29, 2019", "28-29 June"
        new Rule(p("(?:\\b(?:on|On)\\s+)?\\b" + MONTH + "\\s+(\\d{1,2})\\s*[-–]\\s*(\\d{1,2})\\b(?:,?\\s+" + YEAR + "\\b)?"),
                 (m, c) -> span(m.group(4), month(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), c)),
        new Rule(p("(?:\\b(?:on|On)\\s+)?\\b(\\d{1,2})\\s*[-–]\\s*(\\d{1,2})\\s+" + MONTH + "(?:,?\\s+" + YEAR + "\\b)?"),
                 (m, c) -> span(m.group(4), month(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), c)),
        // "later this month", "earlier this week", "later this year": from or to the text's day
        new Rule(p("\\b(later|Later|earlier|Earlier)\\s+(?:this|in\\s+the)\\s+(week|month|year)\\b"),
                 (m, c) -> {
                     LocalDate d = c.date();
                     LocalDate first = switch (m.group(2)) {
                         case "week" -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                         case "month" -> d.withDayOfMonth(1);
                         default -> d.withDayOfYear(1);
                     };
                     LocalDate last = switch (m.group(2)) {
                         case "week" -> first.plusDays(6);
                         case "month" -> d.with(TemporalAdjusters.lastDayOfMonth());
                         default -> d.with(TemporalAdjusters.lastDayOfYear());
                     };
                     boolean later = m.group(1).equalsIgnoreCase("later");
                     return new When(null, 0, 0, later ? d : first, later ? last : d, Precision.NONE, Kind.RELATIVE);
                 }),
        // "before the end of the year", "by the end of this month", "by year-end": from the text's day to that end
        new Rule(p("\\b(?:before|by|until|Before|By|Until)\\s+(?:the\\s+end\\s+of\\s+(?:the|this)\\s+(year|month)|(year)[- ]end)\\b"),
                 (m, c) -> {
                     boolean year = m.group(1) == null || m.group(1).equals("year");
                     LocalDate end = year ? c.date().with(TemporalAdjusters.lastDayOfYear()) : c.date().with(TemporalAdjusters.lastDayOfMonth());
                     return new When(null, 0, 0, c.date(), end, Precision.NONE, Kind.RELATIVE);
                 }),
        // seasons: "in the fall", "this autumn", "next spring", "in the summer of 2020" (northern hemisphere, meteorological)
        new Rule(p("\\b(?:(?:in|In|by|By|during|During)\\s+(?:the\\s+)?|(this|This|next|Next|last|Last)\\s+)(spring|summer|fall|autumn|winter)(?:\\s+of\\s+" + YEAR + ")?\\b"),
                 (m, c) -> season(m.group(1), m.group(2), m.group(3), c)),
        // "Monday, January 14, 2019", "January 14", "Jan. 22", "on October 19, 1956", "February 16"
        new Rule(p("(?:\\b(?:on|On)\\s+)?(?:" + WEEKDAY + ",?\\s+)?\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+" + YEAR + "\\b)?"),
                 (m, c) -> {
                     int month = month(m.group(2)), day = Integer.parseInt(m.group(3));
                     Integer year = m.group(4) == null ? null : Integer.valueOf(m.group(4));
                     LocalDate d = day(year, month, day, c);
                     return d == null ? null : new When(null, 0, 0, d, d, Precision.DAY, year == null ? Kind.RELATIVE : Kind.ABSOLUTE);
                 }),
        // "14 January 2019", "on 22 January"
        new Rule(p("(?:\\b(?:on|On)\\s+)?\\b(\\d{1,2})\\s+" + MONTH + "(?:,?\\s+" + YEAR + "\\b)?"),
                 (m, c) -> {
                     int month = month(m.group(2)), day = Integer.parseInt(m.group(1));
                     Integer year = m.group(3) == null ? null : Integer.valueOf(m.group(3));
                     LocalDate d = day(year, month, day, c);
                     return d == null ? null : new When(null, 0, 0, d, d, Precision.DAY, year == null ? Kind.RELATIVE : Kind.ABSOLUTE);
                 }),
        // "early in the new year", "early next month", "late this month", "early next year"
        new Rule(p("\\b(?:in\\s+)?(early|mid|late)(?:-|\\s+)(?:in\\s+)?(the new year|next month|this month|last month|next year|this year|last year)\\b"),
                 (m, c) -> {
                     String what = m.group(2).toLowerCase(Locale.ROOT);
                     YearMonth ym;
                     if (what.endsWith("month")) {
                         ym = YearMonth.from(c.date()).plusMonths(what.startsWith("next") ? 1 : what.startsWith("last") ? -1 : 0);
                         return part(m.group(1), ym, Kind.RELATIVE);
                     }
                     int y = c.date().getYear() + (what.startsWith("next") || what.equals("the new year") ? 1 : what.startsWith("last") ? -1 : 0);
                     if (what.equals("the new year"))
                         return part(m.group(1), YearMonth.of(y, 1), Kind.RELATIVE);
                     LocalDate a = LocalDate.of(y, 1, 1);
                     return switch (m.group(1).toLowerCase(Locale.ROOT)) {
                         case "early" -> new When(null, 0, 0, a, LocalDate.of(y, 4, 30), Precision.NONE, Kind.RELATIVE);
                         case "mid" -> new When(null, 0, 0, LocalDate.of(y, 5, 1), LocalDate.of(y, 8, 31), Precision.NONE, Kind.RELATIVE);
                         default -> new When(null, 0, 0, LocalDate.of(y, 9, 1), LocalDate.of(y, 12, 31), Precision.NONE, Kind.RELATIVE);
                     };
                 }),
        // "late January next year", "in early December", "late January 2019", "mid-February"
        new Rule(p("\\b(?:(?:in|In)\\s+)?(early|mid|late|Early|Mid|Late)(?:-|\\s+)" + MONTH + "(?:\\s+(?:" + YEAR + "|(next year|last year|this year)))?\\b"),
                 (m, c) -> {
                     YearMonth ym = monthOf(month(m.group(2)), m.group(3), m.group(4), c);
                     return ym == null ? null : part(m.group(1), ym, m.group(3) != null ? Kind.ABSOLUTE : Kind.RELATIVE);
                 }),
        // "in December last year", "in June", "In November 2018", "January 2019", "next January"
        new Rule(p("\\b(?:(in|In|since|Since|until|by|By|during|During|next|Next|last|Last|this|This)\\s+)?" + MONTH + "(?:\\s+(?:" + YEAR + "|(next year|last year|this year)))?\\b"),
                 (m, c) -> {
                     String prep = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
                     String mon = m.group(2);
                     boolean bare = prep.isEmpty() && m.group(3) == null && m.group(4) == null;
                     if (bare || (mon.equals("May") && prep.isEmpty() && m.group(3) == null) || (mon.equals("March") && prep.isEmpty() && m.group(3) == null))
                         return null;   // "May" the verb, a month name alone as a word
                     YearMonth ym;
                     int month = month(mon);
                     if (prep.equals("next"))
                         ym = nextOf(month, c.date());
                     else if (prep.equals("last"))
                         ym = nextOf(month, c.date()).minusYears(1).isBefore(YearMonth.from(c.date())) ? nextOf(month, c.date()).minusYears(1) : nextOf(month, c.date()).minusYears(2);
                     else if (prep.equals("this"))
                         ym = YearMonth.of(c.date().getYear(), month);
                     else
                         ym = monthOf(month, m.group(3), m.group(4), c);
                     return new When(null, 0, 0, ym.atDay(1), ym.atEndOfMonth(), Precision.MONTH, m.group(3) != null ? Kind.ABSOLUTE : Kind.RELATIVE);
                 }),
        // "last week", "this week", "next week"
        new Rule(p("\\b(last|Last|this|This|next|Next)\\s+week\\b"),
                 (m, c) -> {
                     LocalDate monday = c.date().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                     String w = m.group(1).toLowerCase(Locale.ROOT);
                     LocalDate from = w.equals("last") ? monday.minusWeeks(1) : w.equals("next") ? monday.plusWeeks(1) : monday;
                     return new When(null, 0, 0, from, from.plusDays(6), Precision.NONE, Kind.RELATIVE);
                 }),
        // "this month", "next month", "last month"
        new Rule(p("\\b(last|Last|this|This|next|Next)\\s+month\\b"),
                 (m, c) -> {
                     String w = m.group(1).toLowerCase(Locale.ROOT);
                     YearMonth ym = YearMonth.from(c.date()).plusMonths(w.equals("last") ? -1 : w.equals("next") ? 1 : 0);
                     return new When(null, 0, 0, ym.atDay(1), ym.atEndOfMonth(), Precision.MONTH, Kind.RELATIVE);
                 }),
        // "last year", "this year", "next year" (alone)
        new Rule(p("\\b(last|Last|this|This|next|Next)\\s+year\\b"),
                 (m, c) -> {
                     String w = m.group(1).toLowerCase(Locale.ROOT);
                     int y = c.date().getYear() + (w.equals("last") ? -1 : w.equals("next") ? 1 : 0);
                     return new When(null, 0, 0, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), Precision.YEAR, Kind.RELATIVE);
                 }),
        // "60 years ago", "three weeks ago": words only (a round figure, not a date)
        new Rule(p("\\b" + NUMBER + "\\s+(day|week|month|year|decade)s?\\s+ago\\b"),
                 (m, c) -> {
                     Integer n = number(m.group(1));
                     if (n == null)
                         return null;
                     LocalDate about = switch (m.group(2)) {
                         case "day" -> c.date().minusDays(n);
                         case "week" -> c.date().minusWeeks(n);
                         case "month" -> c.date().minusMonths(n);
                         case "decade" -> c.date().minusYears(10L * n);
                         default -> c.date().minusYears(n);
                     };
                     boolean days = m.group(2).equals("day");
                     return new When(null, 0, 0, days ? about : about.withDayOfYear(1), days ? about : about.withMonth(12).withDayOfMonth(31),
                                     days ? Precision.DAY : Precision.YEAR, Kind.REFERENCE);
                 }),
        // weekdays: "Monday", "on Wednesday", "reported Sunday", "last Friday", "next Tuesday"
        new Rule(p("\\b(?:(on|On|last|Last|next|Next|this|This)\\s+)?" + WEEKDAY + "\\b"),
                 (m, c) -> {
                     DayOfWeek dow = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
                     String w = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
                     LocalDate d;
                     if (w.equals("next"))
                         d = c.date().with(TemporalAdjusters.next(dow));
                     else if (w.equals("last"))
                         d = c.date().with(TemporalAdjusters.previous(dow));
                     else if (c.futureAt(m.start()))
                         d = c.date().with(TemporalAdjusters.nextOrSame(dow));
                     else
                         d = c.date().with(TemporalAdjusters.previousOrSame(dow));
                     return new When(null, 0, 0, d, d, Precision.DAY, Kind.RELATIVE);
                 }),
        // "yesterday", "today", "tomorrow"
        new Rule(p("\\b(yesterday|Yesterday|today|Today|tomorrow|Tomorrow)\\b"),
                 (m, c) -> {
                     String w = m.group(1).toLowerCase(Locale.ROOT);
                     LocalDate d = c.date().plusDays(w.equals("yesterday") ? -1 : w.equals("tomorrow") ? 1 : 0);
                     return new When(null, 0, 0, d, d, Precision.DAY, Kind.RELATIVE);
                 }),
        // "in the coming weeks", "in the near future", "in the coming days"
        new Rule(p("\\b(?:in|In|within|Within)\\s+the\\s+(?:coming\\s+(?:days|weeks|months)|near\\s+future|next\\s+few\\s+(?:days|weeks|months))\\b"),
                 (m, c) -> new When(null, 0, 0, c.date(), null, Precision.NONE, Kind.OPEN)),
        // "over the past few weeks", "in recent weeks", "in the past months"
        new Rule(p("\\b(?:(?:over|Over|in|In|during|During)\\s+)?(?:the\\s+)?(?:past|last|recent)\\s+(?:few\\s+|several\\s+)?(?:days|weeks|months)\\b"),
                 (m, c) -> new When(null, 0, 0, null, c.date(), Precision.NONE, Kind.OPEN)),
        // "in 1956", "In 1960", "since 2016", "by 2020", "in 2019"
        new Rule(p("\\b(in|In|since|Since|by|By|until|during|During|of)\\s+" + YEAR + "\\b(?!\\s*[-–]?\\s*(?:joint|Joint|declaration|Declaration|agreement|Agreement|treaty|Treaty|memorandum|Memorandum|statement|Statement|accord|pact|surrender))"),
                 (m, c) -> {
                     int y = Integer.parseInt(m.group(2));
                     return new When(null, 0, 0, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), Precision.YEAR, Kind.ABSOLUTE);
                 }));

    /** Words that make a sentence speak of the future (weekdays then resolve forward). */
    private static final Pattern FUTURE = Pattern.compile(
        "\\b(will|shall|is to|are to|is due|are due|scheduled|plans? to|planned|expected to|is set to|are set to|upcoming|next)\\b");

    /** The time expressions of a sentence, resolved against {@code articleDate}, in text order. */
    static List<When> parse(Text.Sentence sentence, LocalDate articleDate) {
        return parse(sentence.text(), sentence.start(), articleDate);
    }

    /** The time expressions of {@code text} (which starts at {@code offset} in the article). */
    static List<When> parse(String text, int offset, LocalDate articleDate) {
        Context c = new Context(articleDate, FUTURE.matcher(text).find(), text);
        List<When> found = new ArrayList<>();
        boolean[] taken = new boolean[text.length() + 1];
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                if (m.end() == m.start() || overlapsTaken(taken, m.start(), m.end()))
                    continue;
                When w = rule.resolver().resolve(m, c);
                if (w == null)
                    continue;
                String words = stripPreposition(m.group());
                int s = m.start() + m.group().indexOf(words);
                found.add(new When(words, offset + s, offset + s + words.length(), w.earliest(), w.latest(), w.precision(), w.kind()));
                for (int i = m.start(); i < m.end(); i++)
                    taken[i] = true;
            }
        }
        found.sort(Comparator.comparingInt(When::start));
        return found;
    }

    private static boolean overlapsTaken(boolean[] taken, int from, int to) {
        for (int i = from; i < to; i++)
            if (taken[i])
                return true;
        return false;
    }

    /** The wording kept as tg:dateText: the expression as written, with "on" kept ("on Wednesday") as the curated graphs do. */
    private static String stripPreposition(String s) {
        return s.strip();
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace(".", "");
        return switch (n.substring(0, 3)) {
            case "jan" -> 1; case "feb" -> 2; case "mar" -> 3; case "apr" -> 4; case "may" -> 5; case "jun" -> 6;
            case "jul" -> 7; case "aug" -> 8; case "sep" -> 9; case "oct" -> 10; case "nov" -> 11; default -> 12;
        };
    }

    private static Integer number(String s) {
        String w = s.toLowerCase(Locale.ROOT);
        if (w.chars().allMatch(Character::isDigit))
            return Integer.valueOf(w);
        return WORD_NUMBERS.get(w);
    }

    /** A day; without a year, the year that puts it nearest the article's date (forward on a tie or when the sentence speaks of the future). */
    private static LocalDate day(Integer year, int month, int day, Context c) {
        if (year != null) {
            try {
                return LocalDate.of(year, month, day);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        LocalDate best = null;
        long bestDistance = Long.MAX_VALUE;
        for (int y = c.date().getYear() - 1; y <= c.date().getYear() + 1; y++) {
            LocalDate d;
            try {
                d = LocalDate.of(y, month, day);
            } catch (java.time.DateTimeException e) {
                continue;
            }
            long distance = Math.abs(d.toEpochDay() - c.date().toEpochDay());
            if (distance < bestDistance || (distance == bestDistance && c.future())) {
                best = d;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** A month: with a year or "next/last/this year", that one; else the one nearest the article's date. */
    private static YearMonth monthOf(int month, String year, String relativeYear, Context c) {
        if (year != null)
            return YearMonth.of(Integer.parseInt(year), month);
        int y = c.date().getYear();
        if (relativeYear != null)
            return YearMonth.of(y + (relativeYear.startsWith("next") ? 1 : relativeYear.startsWith("last") ? -1 : 0), month);
        YearMonth best = null;
        long bestDistance = Long.MAX_VALUE;
        for (int yy = y - 1; yy <= y + 1; yy++) {
            YearMonth ym = YearMonth.of(yy, month);
            long distance = ym.atDay(1).isAfter(c.date()) ? ym.atDay(1).toEpochDay() - c.date().toEpochDay()
                : ym.atEndOfMonth().isBefore(c.date()) ? c.date().toEpochDay() - ym.atEndOfMonth().toEpochDay() : 0;
            if (distance < bestDistance || (distance == bestDistance && c.future())) {
                best = ym;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** The first month {@code month} after the article's month ("next January"). */
    private static YearMonth nextOf(int month, LocalDate date) {
        YearMonth ym = YearMonth.of(date.getYear(), month);
        return ym.isAfter(YearMonth.from(date)) ? ym : ym.plusYears(1);
    }

    /** A span of days of one month ("June 28-29"): each day of it, precision day (an event that lasts them). */
    private static When span(String year, int month, int from, int to, Context c) {
        if (to <= from)
            return null;
        LocalDate a = day(year == null ? null : Integer.valueOf(year), month, from, c);
        if (a == null)
            return null;
        LocalDate b;
        try {
            b = a.withDayOfMonth(to);
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return new When(null, 0, 0, a, b, Precision.DAY, year == null ? Kind.RELATIVE : Kind.ABSOLUTE);
    }

    /**
     * A season: spring March–May, summer June–August, fall September–November, winter December–February.
     * Without "this/next/last" or a year: the season now under way, or the next one (a text speaks of a
     * season to come more often than of one gone by).
     */
    private static When season(String which, String name, String year, Context c) {
        int startMonth = switch (name.toLowerCase(Locale.ROOT)) {
            case "spring" -> 3;
            case "summer" -> 6;
            case "fall", "autumn" -> 9;
            default -> 12;
        };
        LocalDate d = c.date();
        LocalDate start;
        if (year != null)
            start = LocalDate.of(Integer.parseInt(year), startMonth, 1);
        else {
            // the occurrence that has not ended by the text's day
            start = LocalDate.of(d.getYear() - 1, startMonth, 1);
            while (start.plusMonths(3).minusDays(1).isBefore(d))
                start = start.plusYears(1);
            String w = which == null ? "" : which.toLowerCase(Locale.ROOT);
            if (w.equals("next") && !start.isAfter(d))
                start = start.plusYears(1);
            if (w.equals("last"))
                start = start.isAfter(d) ? start.minusYears(1) : start.minusYears(1);
        }
        return new When(null, 0, 0, start, start.plusMonths(3).minusDays(1), Precision.NONE, year != null ? Kind.ABSOLUTE : Kind.RELATIVE);
    }

    /** Early (1–10), mid (11–20) or late (21–end) of a month: a window without precision. */
    private static When part(String which, YearMonth ym, Kind kind) {
        return switch (which.toLowerCase(Locale.ROOT)) {
            case "early" -> new When(null, 0, 0, ym.atDay(1), ym.atDay(10), Precision.NONE, kind);
            case "mid" -> new When(null, 0, 0, ym.atDay(11), ym.atDay(20), Precision.NONE, kind);
            default -> new When(null, 0, 0, ym.atDay(21), ym.atEndOfMonth(), Precision.NONE, kind);
        };
    }
}
