package org.treatygraph.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The first gate of every request:
 * <ul>
 * <li>{@code TRACE} (and {@code TRACK}) are refused everywhere (405): nothing echoes a request;</li>
 * <li>request bodies are bounded: a query or update larger than {@link Limits#maxRequestBytes()}, a
 * Graph Store upload larger than {@link Limits#maxUploadBytes()} is refused with 413 before it is
 * read (by its Content-Length), or as soon as it grows beyond (a chunked body);</li>
 * <li>CORS for reading only: a browser page of any origin may query (the origin is allowed, without
 * credentials, and the preflight answered); the write endpoints ({@code /kg/update}, {@code /kg/store}
 * other than GET/HEAD, {@code /$/reload}) refuse every cross-origin request with 403 — one that
 * carries another {@code Origin}, or {@code Sec-Fetch-Site: cross-site}/{@code same-site} — so that
 * a page of another site cannot make a browser that holds the credentials write (CSRF), even with a
 * form POST that needs no preflight.</li>
 * </ul>
 */
final class RequestGuard extends EndpointFilter {
    private static final Set<String> WRITE_PATHS = Set.of("/kg/update", "/kg/store", ReloadService.PATH);
    private static final String ALLOW_HEADERS = "Accept, Accept-Language, Content-Language, Content-Type, Authorization,"
                                                + " X-Requested-With, Cache-Control, Pragma";
    private static final String EXPOSE_HEADERS = "Content-Type, Content-Length, Content-Disposition, Location, Retry-After, Vary, ETag";

    /** Request attribute: the text of a query or update sent as the request body (read here, within its limit). */
    static final String BODY_TEXT = "treatygraph.bodyText";

    private final Limits limits;

    RequestGuard(Limits limits) {
        this.limits = limits;
    }

    @Override
    void filter(HttpServletRequest req, HttpServletResponse resp, String path, boolean read, FilterChain chain)
            throws IOException, ServletException {
        String method = req.getMethod().toUpperCase(Locale.ROOT);
        if (method.equals("TRACE") || method.equals("TRACK")) {
            resp.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            error(resp, 405, method + " is not offered");
            return;
        }
        boolean write = isWrite(path, method);
        String origin = req.getHeader("Origin");
        if (write && crossOrigin(req, origin)) {
            error(resp, 403, "Cross-origin " + (method.equals("OPTIONS") ? "preflight for a write" : "write") + " refused: "
                  + path + " takes writes only from this server's own pages and from clients that are not browsers");
            return;
        }
        if (origin != null && !write) {
            resp.setHeader("Access-Control-Allow-Origin", origin);
            resp.addHeader("Vary", "Origin");
            resp.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
            if (method.equals("OPTIONS") && req.getHeader("Access-Control-Request-Method") != null) {
                resp.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
                String asked = req.getHeader("Access-Control-Request-Headers");
                resp.setHeader("Access-Control-Allow-Headers", asked == null || asked.isBlank() ? ALLOW_HEADERS : asked);
                resp.setHeader("Access-Control-Max-Age", "86400");
                resp.setStatus(200);
                resp.setContentLength(0);
                return;
            }
        }
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            long max = path.startsWith("/kg/store") ? limits.maxUploadBytes() : limits.maxRequestBytes();
            String flag = path.startsWith("/kg/store") ? "--max-upload-size" : "--max-request-size";
            long length = req.getContentLengthLong();
            if (length > max) {
                error(resp, 413, "Request body of " + length + " bytes refused: the limit is " + max + " bytes (" + flag + ")"
                      + (path.startsWith("/kg/store") ? "" : "; load larger data with the Graph Store Protocol or `load`"));
                return;
            }
            boolean chunked = length < 0 && req.getHeader("Transfer-Encoding") != null;
            if (!path.startsWith("/kg/store") && isSparqlText(req)) {
                byte[] body = req.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                if (body.length > max) {
                    error(resp, 413, "Request body refused: larger than the limit of " + max + " bytes (" + flag + ")");
                    return;
                }
                req.setAttribute(BODY_TEXT, new String(body, StandardCharsets.UTF_8));
                chain.doFilter(new Bounded(req, new ByteArrayInputStream(body)), resp);
                return;
            }
            if (chunked && !isForm(req)) {
                if (path.startsWith("/kg/store")) {
                    chain.doFilter(new Bounded(req, new LimitedStream(req.getInputStream(), max, flag)), resp);
                    return;
                }
                byte[] body = req.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                if (body.length > max) {
                    error(resp, 413, "Request body refused: larger than the limit of " + max + " bytes (" + flag + ")");
                    return;
                }
                chain.doFilter(new Bounded(req, new ByteArrayInputStream(body)), resp);
                return;
            }
        }
        chain.doFilter(req, resp);
    }

    private static boolean isWrite(String path, String method) {
        if (!WRITE_PATHS.contains(path))
            return false;
        return !(path.equals("/kg/store") && (method.equals("GET") || method.equals("HEAD")));
    }

    private static boolean isForm(HttpServletRequest req) {
        String ct = req.getContentType();
        return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** A query or update sent directly as the body ({@code application/sparql-query}, {@code application/sparql-update}). */
    private static boolean isSparqlText(HttpServletRequest req) {
        String ct = req.getContentType();
        if (ct == null)
            return false;
        ct = ct.toLowerCase(Locale.ROOT);
        return ct.startsWith("application/sparql-query") || ct.startsWith("application/sparql-update");
    }

    /** Whether a browser sends this request from a page of another origin. */
    private static boolean crossOrigin(HttpServletRequest req, String origin) {
        String site = req.getHeader("Sec-Fetch-Site");
        if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site")))
            return true;
        if (origin == null)
            return false;
        if (origin.equals("null"))
            return true;
        try {
            URI o = URI.create(origin);
            String host = req.getHeader("Host");
            String self = req.getScheme() + "://" + (host != null ? host : req.getServerName() + ":" + req.getServerPort());
            URI s = URI.create(self);
            return !(o.getScheme() != null && o.getScheme().equalsIgnoreCase(s.getScheme())
                     && o.getHost() != null && o.getHost().equalsIgnoreCase(s.getHost()) && port(o) == port(s));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    static void error(HttpServletResponse resp, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** The request with its body read from {@code in}. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final InputStream in;

        Bounded(HttpServletRequest req, InputStream in) {
            super(req);
            this.in = in;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override public int read() throws IOException { return in.read(); }
                @Override public int read(byte[] b, int off, int len) throws IOException { return in.read(b, off, len); }
                @Override public boolean isFinished() { return false; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener l) { throw new UnsupportedOperationException(); }
            };
        }
    }

    /** An upload bigger than its limit: the Graph Store answers 413. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** Fails with {@link TooLarge} once more than {@code max} bytes were read. */
    private static final class LimitedStream extends InputStream {
        private final InputStream in;
        private final long max;
        private final String flag;
        private long read;

        LimitedStream(InputStream in, long max, String flag) {
            this.in = in;
            this.max = max;
            this.flag = flag;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && ++read > max)
                throw tooLarge();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && (read += n) > max)
                throw tooLarge();
            return n;
        }

        private TooLarge tooLarge() {
            return new TooLarge("Request body refused: larger than the limit of " + max + " bytes (" + flag + ")");
        }
    }
}
