package org.treatygraph.load;

/**
 * Hears how far a long write has come, phase by phase — parsing the files (bytes read of all of
 * them, and triples so far), checking them (SHACL and the checks), writing the quads into TDB2,
 * deriving — so that a terminal can show a
 * progress line. {@link Database} calls it from the thread that writes; an implementation must be
 * quick (it is called every few thousand triples). Every phase that begins ends with {@link #end}.
 *
 * <pre>
 *   Database db = Database.open(dir, project, inference).progress(myProgress);
 * </pre>
 */
public interface Progress {
    /** The phases of a build or load, in the order they run. */
    enum Phase {
        PARSE("parsing"), VALIDATE("checking"), WRITE("writing"), DERIVE("deriving");

        private final String verb;

        Phase(String verb) {
            this.verb = verb;
        }

        /** "parsing", "writing", "deriving". */
        public String verb() {
            return verb;
        }
    }

    /**
     * How far {@code phase} has come: {@code done} of {@code total} units ({@code total} &lt; 0: not
     * known; the unit is bytes when parsing, quads when writing), {@code triples} triples so far.
     */
    void update(Phase phase, long done, long total, long triples);

    /** {@code phase} is over: {@code triples} triples in {@code millis} ms. */
    void end(Phase phase, long triples, long millis);

    /**
     * The log's summary line of a phase: "Parsed 6,236 triple(s) from 9 file(s) (447.6 KB) in 0.58 s
     * (10,770 triples/s)", "Wrote 6,236 quad(s) in 1.09 s (5,742 quads/s)".
     */
    static String summary(Phase phase, long count, long millis, String what) {
        String rate = String.format("%,d", millis <= 0 ? count : count * 1000 / millis);
        String seconds = String.format("%.2f", millis / 1e3);
        return switch (phase) {
            case PARSE -> String.format("Parsed %,d triple(s) from %s in %s s (%s triples/s)", count, what, seconds, rate);
            case WRITE -> String.format("Wrote %,d quad(s)%s in %s s (%s quads/s)", count, what.isEmpty() ? "" : " (" + what + ")",
                                        seconds, rate);
            default -> String.format("%s %,d triple(s) in %s s", phase.verb(), count, seconds);
        };
    }

    /** Hears nothing. */
    Progress NONE = new Progress() {
        @Override public void update(Phase phase, long done, long total, long triples) {}
        @Override public void end(Phase phase, long triples, long millis) {}
    };
}
