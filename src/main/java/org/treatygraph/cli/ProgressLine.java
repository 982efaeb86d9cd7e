package org.treatygraph.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.treatygraph.load.Progress;

/**
 * A progress line on a terminal (standard error), redrawn in place a few times a second while a
 * build or load runs: the phase, percent done, triples so far, triples per second, elapsed time —
 * {@code parsing  43%  1,234,567 triples  123,456 triples/s  0:09}. When a phase ends the line is
 * cleared; the log's summary line (printed by the stages) takes its place. {@link #line} is the
 * drawing alone, for a given moment.
 */
final class ProgressLine implements Progress, AutoCloseable {
    /** Whether to draw a progress line: on a terminal (auto), always, or never. */
    enum Mode {
        auto, always, never;

        boolean draws() {
            return this == always || (this == auto && Terminal.interactive());
        }
    }

    private static final long TICK_MS = 250;

    private final PrintStream err;
    private final PrintStream others;
    private final LongSupplier clock;
    private final ScheduledExecutorService ticker;
    private Phase phase;
    private long done, total, triples, phaseStart;
    /** Whether the line is on the screen now (a log line must clear it first). */
    private boolean drawn;

    private ProgressLine(PrintStream err, LongSupplier nanoClock) {
        this.err = err;
        this.clock = nanoClock;
        // Whatever else writes to standard error meanwhile (the log) clears the line first; the next tick redraws it.
        this.others = System.err;
        System.setErr(new PrintStream(new java.io.OutputStream() {
            @Override public void write(int b) { synchronized (ProgressLine.this) { clear(); err.write(b); } }
            @Override public void write(byte[] b, int off, int len) {
                synchronized (ProgressLine.this) { clear(); err.write(b, off, len); }
            }
            @Override public void flush() { err.flush(); }
        }, true));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-line");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::draw, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** A progress line on {@code err} when {@code mode} says so, otherwise {@link Progress#NONE}. */
    static Progress of(Mode mode, PrintStream err) {
        return mode.draws() ? new ProgressLine(err, System::nanoTime) : Progress.NONE;
    }

    /** Stop drawing (the line of a progress that draws nothing is a no-op). */
    static void close(Progress p) {
        if (p instanceof ProgressLine line)
            line.close();
    }

    @Override
    public synchronized void update(Phase p, long done, long total, long triples) {
        if (p != phase) {
            phase = p;
            phaseStart = clock.getAsLong();
        }
        this.done = done;
        this.total = total;
        this.triples = triples;
    }

    @Override
    public synchronized void end(Phase p, long triples, long millis) {
        if (p == phase) {
            phase = null;
            clear();
        }
    }

    private synchronized void draw() {
        if (phase == null)
            return;
        err.print("\r" + line(phase, done, total, triples, clock.getAsLong() - phaseStart) + "\033[K");
        err.flush();
        drawn = true;
    }

    private void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        phase = null;
        clear();
        System.setErr(others);
    }

    /**
     * The line for a moment of a phase: {@code parsing  43%  1,234,567 triples  123,456 triples/s  0:09}
     * (no percent when the total is not known; {@code deriving  0:07} when nothing is counted).
     */
    static String line(Phase phase, long done, long total, long triples, long elapsedNanos) {
        StringBuilder b = new StringBuilder(String.format("%-9s", phase.verb()));
        if (total > 0)
            b.append(String.format(" %3d%%", Math.min(100, done * 100 / total)));
        if (triples > 0) {
            long perSecond = elapsedNanos <= 0 ? 0 : triples * 1_000_000_000L / elapsedNanos;
            b.append(String.format("  %,d triples  %,d triples/s", triples, perSecond));
        }
        long seconds = Math.max(0, elapsedNanos) / 1_000_000_000L;
        b.append(String.format("  %d:%02d", seconds / 60, seconds % 60));
        return b.toString();
    }
}
