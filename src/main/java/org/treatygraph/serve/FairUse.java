package org.treatygraph.serve;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Fair use of everything that runs a query (under /kg, entity pages under /id/, /search; /$/ping,
 * the static pages and scripts are never held):
 * <ul>
 * <li><b>admission control</b>: at most {@link Limits#maxConcurrent()} requests run at once in the
 * light lane; up to {@link Limits#maxQueued()} more wait (at most {@link Limits#queueWait()}) for a
 * slot; beyond, 503 with {@code Retry-After};</li>
 * <li><b>a heavy lane</b>: a request that has used more than {@link #HEAVY_AFTER} of processor time
 * (its thread's, so that a cheap query slowed down by a busy machine is not taken for an expensive
 * one; elapsed time where the JVM does not measure it) gives its light
 * slot back (it goes on, counted as heavy), and the same request again (the same query text at the
 * same endpoint) waits for one of the few heavy slots (half the light ones, at least one) — so that
 * expensive queries, however many, cannot take the slots of cheap ones, even from the same address;</li>
 * <li><b>a budget per client</b> (remote address), as the Wikidata Query Service has: the time its
 * heavy requests (those that used more than {@link #HEAVY_AFTER}, finished or still running) used
 * in the last minute may not exceed {@link Limits#budget()}; beyond, 429 with {@code Retry-After}.
 * Cheap requests do not count, so that many of them from one address (a busy client, several users
 * behind one proxy) are served;</li>
 * <li><b>heavy requests run niced</b> where the system allows it ({@link OsPriority}): a watch every
 * {@value #WATCH_MILLIS} ms lowers the operating-system priority of the thread of every heavy
 * request, and the thread gets its normal priority back when the request ends — so that on a busy
 * machine the processor goes first to cheap queries and {@code /$/ping}.</li>
 * </ul>
 */
final class FairUse extends EndpointFilter {
    /** A request that has used more processor time than this is heavy. */
    static final long HEAVY_AFTER = TimeUnit.SECONDS.toNanos(1);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Whether work is measured as the request thread's processor time (else as elapsed time). */
    private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeSupported()
                                       && THREADS.isThreadCpuTimeEnabled();
    private static final long WINDOW = TimeUnit.MINUTES.toNanos(1);
    private static final long RECHECK_MILLIS = 50;
    /** How long a request's text is remembered as heavy, and how many texts. */
    private static final long REMEMBER = TimeUnit.MINUTES.toNanos(10);
    private static final int REMEMBERED = 10_000;

    /** How often the watch looks for heavy requests to nice. */
    static final long WATCH_MILLIS = 100;
    private static final int NORMAL = 0, NICING = 1, NICED = 2, NOT_NICED = 3;
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fair-use-watch");
        t.setDaemon(true);
        return t;
    });

    /**
     * A request being served by {@code thread} (operating-system id {@code tid}, -1 when not known),
     * which had used {@code cpu0} of processor time when it began; {@code priority}: NORMAL, NICING,
     * NICED or NOT_NICED.
     */
    private record Running(long start, long cpu0, long thread, long tid, boolean heavyLane, long signature, String client,
                           AtomicInteger priority) {
        /** The work done so far: processor time of its thread since it began (elapsed time where that is not measured). */
        long work(long now) {
            if (!CPU)
                return now - start;
            long c = THREADS.getThreadCpuTime(thread);
            return c < 0 ? now - start : c - cpu0;
        }
    }

    private static long cpuNow() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private final Limits limits;
    private final int heavySlots;
    private final Object lock = new Object();
    private final Map<Long, Running> running = new HashMap<>();
    /** Signatures of requests that ran heavy → when last seen heavy. */
    private final Map<Long, Long> heavy = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;
        @Override protected boolean removeEldestEntry(Map.Entry<Long, Long> e) { return size() > REMEMBERED; }
    };
    private long nextId;
    private int waiting;
    private final Map<String, Deque<long[]>> spent = new ConcurrentHashMap<>();

    FairUse(Limits limits) {
        this.limits = limits;
        this.heavySlots = Math.max(1, limits.maxConcurrent() / 2);
        watch(this);
    }

    /** Every {@link #WATCH_MILLIS} ms, nice the heavy requests of {@code fairUse}, as long as it is in use. */
    private static void watch(FairUse fairUse) {
        WeakReference<FairUse> ref = new WeakReference<>(fairUse);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(WATCH.scheduleWithFixedDelay(() -> {
            FairUse f = ref.get();
            if (f == null || !OsPriority.usable()) {        // the first watch finds out (a few forks), not the start-up
                ScheduledFuture<?> t = task.get();
                if (t != null)
                    t.cancel(false);
                return;
            }
            f.niceHeavy();
        }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS));
    }

    /** Nice the threads of the heavy requests that still run at the normal priority. */
    private void niceHeavy() {
        List<Running> toNice = new ArrayList<>();
        synchronized (lock) {
            long now = System.nanoTime();
            for (Running r : running.values())
                if (r.priority().get() == NORMAL && (r.heavyLane() || r.work(now) > HEAVY_AFTER)
                    && r.priority().compareAndSet(NORMAL, NICING))
                    toNice.add(r);
        }
        for (Running r : toNice)
            r.priority().set(OsPriority.nice(r.tid(), OsPriority.HEAVY_NICE) ? NICED : NOT_NICED);
    }

    /** After its request: give a niced thread its normal priority back (waiting for a nicing under way). */
    private static void restore(Running r) {
        for (int i = 0; i < 5000 && r.priority().get() == NICING; i++) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (r.priority().get() == NICED)
            OsPriority.nice(r.tid(), 0);
    }

    @Override
    void filter(HttpServletRequest req, HttpServletResponse resp, String path, boolean read, FilterChain chain)
            throws IOException, ServletException {
        if (!governed(path) || req.getMethod().equals("OPTIONS")) {
            chain.doFilter(req, resp);
            return;
        }
        String client = req.getRemoteAddr();
        long[] usage = usage(client);
        if (usage[0] >= limits.budget().toNanos()) {
            resp.setHeader("Retry-After", Long.toString(usage[1]));
            RequestGuard.error(resp, 429, "Too many requests: this client used more than " + limits.budget().toSeconds()
                               + " s of query time in the last minute (limit --query-budget); retry after " + usage[1] + " s");
            return;
        }
        long signature = signature(req, path);
        Long id = admit(signature, client);
        if (id == null) {
            resp.setHeader("Retry-After", "5");
            RequestGuard.error(resp, 503, "Server busy: all slots are taken and the queue is full, or no slot became free"
                               + " within " + limits.queueWait().toSeconds() + " s (limits --max-concurrent, --max-queued,"
                               + " --queue-wait); retry after 5 s");
            return;
        }
        long c0 = cpuNow();
        try {
            chain.doFilter(req, resp);
        } finally {
            long work = cpuNow() - c0, t1 = System.nanoTime();
            Running r;
            synchronized (lock) {
                r = running.remove(id);
                if (work > HEAVY_AFTER)
                    heavy.put(signature, t1);
                lock.notifyAll();
            }
            record(client, t1, work);
            if (r != null && r.priority().get() != NORMAL)
                restore(r);
        }
    }

    /** The paths that run queries: the dataset's endpoints (not the dumps), entity pages, the search page. */
    private static boolean governed(String path) {
        return (path.startsWith("/kg") && !path.startsWith("/kg/dumps/")) || path.startsWith("/id/") || path.equals("/search");
    }

    /** What makes two requests "the same": endpoint, method, and the query or update text (or the query string). */
    private static long signature(HttpServletRequest req, String path) {
        Object text = req.getAttribute(RequestGuard.BODY_TEXT);
        String t = text instanceof String s ? s : null;
        if (t == null && req.getContentType() != null && req.getContentType().startsWith("application/x-www-form-urlencoded")) {
            t = req.getParameter("query");
            if (t == null)
                t = req.getParameter("update");
        }
        if (t == null)
            t = req.getQueryString();
        return ((long) (req.getMethod() + " " + path).hashCode() << 32) ^ (t == null ? 0 : t.hashCode() & 0xffffffffL);
    }

    /** A slot in the light or the heavy lane, or null (queue full, or waited too long). */
    private Long admit(long signature, String client) {
        long deadline = System.nanoTime() + limits.queueWait().toNanos();
        synchronized (lock) {
            boolean queued = false;
            try {
                while (true) {
                    long now = System.nanoTime();
                    int light = 0, heavyNow = 0;
                    for (Running r : running.values()) {
                        if (r.heavyLane() || r.work(now) > HEAVY_AFTER) {
                            heavyNow++;
                            if (!r.heavyLane())
                                heavy.put(r.signature(), now);       // still running, already heavy: its text is
                        } else
                            light++;
                    }
                    Long seen = heavy.get(signature);
                    boolean isHeavy = seen != null && now - seen < REMEMBER;
                    if (isHeavy ? heavyNow < heavySlots : light < limits.maxConcurrent()) {
                        long id = nextId++;
                        running.put(id, new Running(now, cpuNow(), Thread.currentThread().getId(),
                                                 OsPriority.ready() ? OsPriority.currentTid() : -1, isHeavy, signature, client,
                                                 new AtomicInteger(NORMAL)));
                        return id;
                    }
                    if (!queued) {
                        if (waiting >= limits.maxQueued())
                            return null;
                        waiting++;
                        queued = true;
                    }
                    long left = deadline - now;
                    if (left <= 0)
                        return null;
                    lock.wait(Math.max(1, Math.min(RECHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } finally {
                if (queued)
                    waiting--;
            }
        }
    }

    private void record(String client, long end, long work) {
        if (work < HEAVY_AFTER)
            return;                 // cheap requests do not count: many of them from one address are not abuse
        Deque<long[]> d = spent.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(new long[] {end, work});
            prune(d, end);
        }
    }

    /**
     * {heavy query time of this client in the last minute, its running heavy requests included
     * (nanos), seconds until it is under its budget again}.
     */
    private long[] usage(String client) {
        long now = System.nanoTime(), budget = limits.budget().toNanos();
        long runningHeavy = 0;
        synchronized (lock) {
            for (Running r : running.values()) {
                long w = r.client().equals(client) ? r.work(now) : 0;
                if (w > HEAVY_AFTER)
                    runningHeavy += w;
            }
        }
        Deque<long[]> d = spent.get(client);
        if (d == null)
            return new long[] {runningHeavy, runningHeavy >= budget ? 5 : 0};
        synchronized (d) {
            prune(d, now);
            long total = runningHeavy;
            for (long[] e : d)
                total += e[1];
            long retry = 0;
            if (total >= budget) {
                long left = total;
                retry = 60;
                for (long[] e : d) {
                    left -= e[1];
                    if (left < budget) {
                        retry = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(e[0] + WINDOW - now) + 1);
                        break;
                    }
                }
            }
            return new long[] {total, retry};
        }
    }

    private static void prune(Deque<long[]> d, long now) {
        while (!d.isEmpty() && d.peekFirst()[0] < now - WINDOW)
            d.removeFirst();
    }
}
