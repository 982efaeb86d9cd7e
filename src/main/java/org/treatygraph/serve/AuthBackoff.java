package org.treatygraph.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Back-off on wrong passwords, in front of Jetty's authentication: an address whose credentials
 * were refused (401) {@link Limits#authFailures()} times within a minute must wait before it may
 * try again — 429 with {@code Retry-After}, doubling with every further failure (up to 15 minutes).
 * A request with right credentials clears the count. Requests without credentials are not touched.
 */
final class AuthBackoff extends Handler.Wrapper {
    private static final long WINDOW = TimeUnit.MINUTES.toNanos(1);
    private static final long MAX_WAIT = TimeUnit.MINUTES.toNanos(15);

    private final int failures;
    private final Map<String, State> clients = new ConcurrentHashMap<>();

    private static final class State {
        final Deque<Long> failures = new ArrayDeque<>();
        long blockedUntil;
        int strikes;
    }

    AuthBackoff(Handler handler, int failures) {
        super(handler);
        this.failures = failures;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHeaders().get(HttpHeader.AUTHORIZATION) == null)
            return super.handle(request, response, callback);
        String client = Request.getRemoteAddr(request);
        State s = clients.computeIfAbsent(client, k -> new State());
        long now = System.nanoTime();
        synchronized (s) {
            if (s.blockedUntil > now) {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(s.blockedUntil - now) + 1);
                response.setStatus(429);
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                response.write(true, ByteBuffer.wrap(("Too many wrong passwords from this address: retry after " + wait
                                                      + " s\n").getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        }
        return super.handle(request, response, new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                outcome(s, response.getStatus());
                super.succeeded();
            }
        });
    }

    private void outcome(State s, int status) {
        long now = System.nanoTime();
        synchronized (s) {
            if (status == 401) {
                s.failures.addLast(now);
                while (!s.failures.isEmpty() && s.failures.peekFirst() < now - WINDOW)
                    s.failures.removeFirst();
                if (s.failures.size() >= failures) {
                    s.strikes++;
                    long wait = Math.min(MAX_WAIT, TimeUnit.SECONDS.toNanos(1L << Math.min(10, s.strikes)));
                    s.blockedUntil = now + wait;
                }
            } else if (status < 400) {
                s.failures.clear();
                s.strikes = 0;
            }
        }
    }
}
