package org.treatygraph.serve;

import java.time.Duration;

/**
 * What one request may take from the public service, and what all of them together may: every
 * limit with its default (README "Security" lists them with their flags).
 *
 * @param maxRequestBytes  largest body of a query or update request (413 beyond)
 * @param maxUploadBytes   largest body of a Graph Store write (413 beyond)
 * @param maxNesting       deepest nesting of { ( [ in a query or update text, checked before parsing (400 beyond)
 * @param maxUnions        most UNIONs in a query or update text, checked before parsing (400 beyond)
 * @param resultBuffer     rows of a SELECT held back until the query has finished: a timeout before
 *                         then is a clean 503; a larger result streams, and a timeout while it streams
 *                         aborts the connection (the client sees a broken transfer, never a clean 200)
 * @param maxConcurrent    queries and updates running at once
 * @param maxQueued        requests waiting for a slot; beyond, 503 + Retry-After
 * @param queueWait        longest wait for a slot (then 503 + Retry-After)
 * @param budget           query time one client (remote address) may use per minute; beyond, 429 + Retry-After
 * @param authFailures     wrong passwords from one address within a minute before it is made to wait (429)
 */
public record Limits(long maxRequestBytes, long maxUploadBytes, int maxNesting, int maxUnions, int resultBuffer,
                     int maxConcurrent, int maxQueued, Duration queueWait, Duration budget, int authFailures) {

    public static Limits defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Limits(1 << 20, 256L << 20, 64, 512, 100_000, Math.max(2, cores), 64, Duration.ofSeconds(10),
                          Duration.ofSeconds(60), 5);
    }

    public Limits {
        if (maxRequestBytes <= 0 || maxUploadBytes <= 0 || maxNesting <= 0 || maxUnions < 0 || resultBuffer < 0
            || maxConcurrent <= 0 || maxQueued < 0 || queueWait.isNegative() || budget.isNegative() || authFailures <= 0)
            throw new IllegalArgumentException("limits must be positive: " + this);
    }

    public Limits withMaxRequestBytes(long n) { return new Limits(n, maxUploadBytes, maxNesting, maxUnions, resultBuffer, maxConcurrent, maxQueued, queueWait, budget, authFailures); }
    public Limits withMaxUploadBytes(long n) { return new Limits(maxRequestBytes, n, maxNesting, maxUnions, resultBuffer, maxConcurrent, maxQueued, queueWait, budget, authFailures); }
    public Limits withMaxNesting(int n) { return new Limits(maxRequestBytes, maxUploadBytes, n, maxUnions, resultBuffer, maxConcurrent, maxQueued, queueWait, budget, authFailures); }
    public Limits withMaxUnions(int n) { return new Limits(maxRequestBytes, maxUploadBytes, maxNesting, n, resultBuffer, maxConcurrent, maxQueued, queueWait, budget, authFailures); }
    public Limits withResultBuffer(int n) { return new Limits(maxRequestBytes, maxUploadBytes, maxNesting, maxUnions, n, maxConcurrent, maxQueued, queueWait, budget, authFailures); }
    public Limits withMaxConcurrent(int n) { return new Limits(maxRequestBytes, maxUploadBytes, maxNesting, maxUnions, resultBuffer, n, maxQueued, queueWait, budget, authFailures); }
    public Limits withMaxQueued(int n) { return new Limits(maxRequestBytes, maxUploadBytes, maxNesting, maxUnions, resultBuffer, maxConcurrent, n, queueWait, budget, authFailures); }
    public Limits withQueueWait(Duration d) { return new Limits(maxRequestBytes, maxUploadBytes, maxNesting, maxUnions, resultBuffer, maxConcurrent, maxQueued, d, budget, authFailures); }
    public Limits withBudget(Duration d) { return new Limits(maxRequestBytes, maxUploadBytes, maxNesting, maxUnions, resultBuffer, maxConcurrent, maxQueued, queueWait, d, authFailures); }
    public Limits withAuthFailures(int n) { return new Limits(maxRequestBytes, maxUploadBytes, maxNesting, maxUnions, resultBuffer, maxConcurrent, maxQueued, queueWait, budget, n); }
}
