package org.treatygraph.serve;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Fair use of the dataset's endpoints (everything under /kg; /$/ping and the pages are never held):
 * <ul>
 * <li><b>admission control</b>: at most {@link Limits#maxConcurrent()} requests run at once; up to
 * {@link Limits#maxQueued()} more wait (at most {@link Limits#queueWait()}) for a slot; beyond,
 * 503 with {@code Retry-After};</li>
 * <li><b>a budget per client</b> (remote address), as the Wikidata Query Service has: the time
 * its requests ran in the last minute may not exceed {@link Limits#budget()}; beyond, 429 with
 * {@code Retry-After} (when enough of that time will have left the window).</li>
 * </ul>
 */
final class FairUse extends EndpointFilter {
    private static final long WINDOW = TimeUnit.MINUTES.toNanos(1);

    private final Limits limits;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, Deque<long[]>> spent = new ConcurrentHashMap<>();

    FairUse(Limits limits) {
        this.limits = limits;
        this.slots = new Semaphore(limits.maxConcurrent(), true);
    }

    @Override
    void filter(HttpServletRequest req, HttpServletResponse resp, String path, boolean read, FilterChain chain)
            throws IOException, ServletException {
        if (!path.startsWith("/kg") || req.getMethod().equals("OPTIONS")) {
            chain.doFilter(req, resp);
            return;
        }
        String client = req.getRemoteAddr();
        long retry = retryAfterSeconds(client);
        if (retry > 0) {
            resp.setHeader("Retry-After", Long.toString(retry));
            RequestGuard.error(resp, 429, "Too many requests: this client used more than " + limits.budget().toSeconds()
                               + " s of query time in the last minute (limit --query-budget); retry after " + retry + " s");
            return;
        }
        if (!slots.tryAcquire()) {
            if (waiting.incrementAndGet() > limits.maxQueued()) {
                waiting.decrementAndGet();
                overloaded(resp, "all " + limits.maxConcurrent() + " slots are busy and " + limits.maxQueued()
                                 + " requests wait already (limits --max-concurrent, --max-queued)");
                return;
            }
            boolean got;
            try {
                got = slots.tryAcquire(limits.queueWait().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                got = false;
            } finally {
                waiting.decrementAndGet();
            }
            if (!got) {
                overloaded(resp, "no slot became free within " + limits.queueWait().toSeconds() + " s (limit --queue-wait)");
                return;
            }
        }
        long t0 = System.nanoTime();
        try {
            chain.doFilter(req, resp);
        } finally {
            slots.release();
            record(client, t0, System.nanoTime());
        }
    }

    private static void overloaded(HttpServletResponse resp, String why) throws IOException {
        resp.setHeader("Retry-After", "5");
        RequestGuard.error(resp, 503, "Server busy: " + why + "; retry after 5 s");
    }

    private void record(String client, long start, long end) {
        Deque<long[]> d = spent.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(new long[] {end, end - start});
            prune(d, end);
        }
    }

    /** Seconds until this client's query time in the window is below its budget again; 0 when it is already. */
    private long retryAfterSeconds(String client) {
        Deque<long[]> d = spent.get(client);
        if (d == null)
            return 0;
        long now = System.nanoTime(), budget = limits.budget().toNanos();
        synchronized (d) {
            prune(d, now);
            long total = 0;
            for (long[] e : d)
                total += e[1];
            if (total < budget)
                return 0;
            for (long[] e : d) {
                total -= e[1];
                if (total < budget)
                    return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(e[0] + WINDOW - now) + 1);
            }
            return 60;
        }
    }

    private static void prune(Deque<long[]> d, long now) {
        while (!d.isEmpty() && d.peekFirst()[0] < now - WINDOW)
            d.removeFirst();
    }
}
