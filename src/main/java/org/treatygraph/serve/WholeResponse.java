package org.treatygraph.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The answer of a query endpoint ({@code /kg/sparql}, {@code /kg?query=}) sent whole: the body is
 * held in memory and sent with its {@code Content-Length} in one write when the request is done —
 * instead of Fuseki's streamed answer (headers and body flushed, then the closing chunk written
 * apart after the servlet returns), which costs a small query some 0.7–1.5 ms more on a busy
 * machine (docs/scale.md, "The per-request floor"). Nothing is remembered across requests.
 * <p>
 * A result that streams — a SELECT with more rows than {@link Limits#resultBuffer()}, which
 * {@link QueryService} does not hold back — streams as before, from its first byte
 * ({@link #stream(ServletRequest)}), so that a timeout while it streams still breaks the transfer.
 * A body larger than {@link #MAX_HELD} bytes is sent as it comes from there on (chunked). When
 * writing the answer fails, what was held is dropped ({@link #drop(ServletRequest)}): the error
 * response replaces it.
 */
final class WholeResponse extends EndpointFilter {
    /** Bytes held at most; a larger body streams. */
    static final int MAX_HELD = 4 << 20;
    private static final String ATTRIBUTE = "treatygraph.wholeResponse";

    private final Set<String> paths;

    /** @param datasetPath the dataset's path, e.g. {@code /kg}: its query endpoints are {@code /kg} and {@code /kg/sparql} */
    WholeResponse(String datasetPath) {
        this.paths = Set.of(datasetPath, datasetPath + "/sparql");
    }

    @Override
    void filter(HttpServletRequest req, HttpServletResponse resp, String path, boolean read, FilterChain chain)
            throws IOException, ServletException {
        if (!paths.contains(path)) {
            chain.doFilter(req, resp);
            return;
        }
        Held held = new Held(resp);
        req.setAttribute(ATTRIBUTE, held);
        try {
            chain.doFilter(req, held);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            held.drop();                 // nothing half-written is sent as if it were the answer
            throw e;
        } finally {
            req.removeAttribute(ATTRIBUTE);
        }
        held.finish();
    }

    /** The answer of this request streams from its first byte (a no-op outside this filter). */
    static void stream(ServletRequest req) throws IOException {
        if (req.getAttribute(ATTRIBUTE) instanceof Held h)
            h.spill();
    }

    /** Writing the answer of this request failed: drop what was held (a no-op outside this filter). */
    static void drop(ServletRequest req) {
        if (req.getAttribute(ATTRIBUTE) instanceof Held h)
            h.drop();
    }

    /** The response with its body held until {@link #finish()}, or passed through once spilled. */
    private static final class Held extends HttpServletResponseWrapper {
        private final HttpServletResponse real;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private boolean spilled;
        private ServletOutputStream out;
        private PrintWriter writer;

        Held(HttpServletResponse real) {
            super(real);
            this.real = real;
        }

        /** From now on the body goes straight to the client (what was held first). */
        void spill() throws IOException {
            if (spilled)
                return;
            spilled = true;
            if (body.size() > 0) {
                real.getOutputStream().write(body.toByteArray());
                body.reset();
            }
        }

        void drop() {
            body.reset();
        }

        /** The request is done: the held body, with its length, in one write. */
        void finish() throws IOException {
            if (writer != null)
                writer.flush();
            if (spilled || real.isCommitted())
                return;
            real.setContentLength(body.size());
            if (body.size() > 0)
                real.getOutputStream().write(body.toByteArray());
        }

        private void write(byte[] b, int off, int len) throws IOException {
            if (!spilled && body.size() + len > MAX_HELD)
                spill();
            if (spilled)
                real.getOutputStream().write(b, off, len);
            else
                body.write(b, off, len);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (out == null)
                out = new ServletOutputStream() {
                    @Override public boolean isReady() { return true; }
                    @Override public void setWriteListener(WriteListener listener) { throw new UnsupportedOperationException(); }
                    @Override public void write(int b) throws IOException { Held.this.write(new byte[] {(byte) b}, 0, 1); }
                    @Override public void write(byte[] b, int off, int len) throws IOException { Held.this.write(b, off, len); }
                    @Override public void flush() throws IOException {
                        if (spilled)
                            real.getOutputStream().flush();
                    }
                };
            return out;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                String enc = getCharacterEncoding();
                Charset cs = enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), cs));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null)
                writer.flush();
            if (spilled)
                real.flushBuffer();
        }

        /** Committed once the client has been sent something, or something is held (it will be sent). */
        @Override
        public boolean isCommitted() {
            return real.isCommitted() || (!spilled && body.size() > 0);
        }

        @Override
        public void resetBuffer() {
            body.reset();
            real.resetBuffer();
        }

        @Override
        public void reset() {
            body.reset();
            real.reset();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            body.reset();
            real.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            body.reset();
            real.sendError(sc);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            body.reset();
            real.sendRedirect(location);
        }

        @Override
        public void setContentLength(int len) {
            if (spilled)
                real.setContentLength(len);
        }

        @Override
        public void setContentLengthLong(long len) {
            if (spilled)
                real.setContentLengthLong(len);
        }
    }
}
