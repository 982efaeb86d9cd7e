package org.treatygraph.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Lets through, on the query endpoints ({@code /kg} and {@code /kg/sparql}), the request shapes of
 * third-party clients that Fuseki alone refuses (docs/clients.md):
 * <ul>
 * <li>HEAD with a query is answered as the GET would be, without the body (Fuseki: 405).</li>
 * <li>SPARQLWrapper repeats its return format in {@code format}, {@code output} and {@code results}.
 *   Fuseki reads the first of {@code output}, {@code format}, {@code results} and refuses, with 400,
 *   the names it has no format for in the query's form: SPARQLWrapper's {@code n3}, {@code rdf} and
 *   {@code rdf+xml} for CONSTRUCT/DESCRIBE, {@code turtle} and {@code json-ld} for SELECT/ASK. For
 *   those names the three parameters are dropped and the media types the name stands for go first in
 *   Accept, so each query form gets the nearest format it has (SPARQLWrapper's Accept stays behind them).</li>
 * </ul>
 */
final class ClientRequests extends EndpointFilter {
    /** The parameters Fuseki takes the output format from, in the order it reads them. */
    private static final List<String> FORMAT_PARAMETERS = List.of("output", "format", "results");
    /** Format names Fuseki refuses for some query form → what to put first in Accept instead. */
    private static final Map<String, String> FORMAT_NAMES = Map.of(
        "n3", "text/turtle, application/n-triples",
        "turtle", "text/turtle",
        "rdf", "application/rdf+xml, application/sparql-results+xml",
        "rdf+xml", "application/rdf+xml, application/sparql-results+xml",
        "json-ld", "application/ld+json, application/sparql-results+json");

    private final String datasetPath;

    ClientRequests(String datasetPath) {
        this.datasetPath = datasetPath;
    }

    @Override
    void filter(HttpServletRequest req, HttpServletResponse resp, String path, boolean read, FilterChain chain)
            throws IOException, ServletException {
        if (!path.equals(datasetPath) && !path.equals(datasetPath + "/sparql")) {
            chain.doFilter(req, resp);
            return;
        }
        boolean head = "HEAD".equals(req.getMethod());
        String acceptFirst = FORMAT_PARAMETERS.stream()
            .map(req::getParameter)
            .filter(v -> v != null && !v.isBlank())
            .findFirst()
            .map(v -> FORMAT_NAMES.get(v.trim().toLowerCase(Locale.ROOT)))
            .orElse(null);
        if (!head && acceptFirst == null) {
            chain.doFilter(req, resp);
            return;
        }
        chain.doFilter(new Rewritten(req, head, acceptFirst), head ? new WithoutBody(resp) : resp);
    }

    /** The request as Fuseki should see it: GET for HEAD; format names moved into Accept. */
    private static final class Rewritten extends HttpServletRequestWrapper {
        private final boolean head;
        private final boolean dropFormat;
        private final String accept;

        Rewritten(HttpServletRequest req, boolean head, String acceptFirst) {
            super(req);
            this.head = head;
            this.dropFormat = acceptFirst != null;
            String original = req.getHeader("Accept");
            this.accept = acceptFirst == null ? original
                        : original == null || original.isBlank() ? acceptFirst
                        : acceptFirst + ", " + original;
        }

        private boolean hidden(String name) {
            return dropFormat && FORMAT_PARAMETERS.contains(name);
        }

        @Override public String getMethod() { return head ? "GET" : super.getMethod(); }

        @Override public String getParameter(String name) { return hidden(name) ? null : super.getParameter(name); }

        @Override public String[] getParameterValues(String name) { return hidden(name) ? null : super.getParameterValues(name); }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> map = new LinkedHashMap<>(super.getParameterMap());
            if (dropFormat)
                FORMAT_PARAMETERS.forEach(map::remove);
            return Collections.unmodifiableMap(map);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String getHeader(String name) {
            return "Accept".equalsIgnoreCase(name) ? accept : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!"Accept".equalsIgnoreCase(name))
                return super.getHeaders(name);
            return accept == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(accept));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
            if (accept != null && names.stream().noneMatch("Accept"::equalsIgnoreCase))
                names.add("Accept");
            return Collections.enumeration(names);
        }
    }

    /** The response of a HEAD request: status and headers of the GET, the body discarded. */
    private static final class WithoutBody extends HttpServletResponseWrapper {
        private final ServletOutputStream discard = new ServletOutputStream() {
            @Override public boolean isReady() { return true; }
            @Override public void setWriteListener(WriteListener listener) { }
            @Override public void write(int b) { }
            @Override public void write(byte[] b, int off, int len) { }
        };

        WithoutBody(HttpServletResponse resp) {
            super(resp);
        }

        @Override public ServletOutputStream getOutputStream() { return discard; }

        @Override public PrintWriter getWriter() { return new PrintWriter(Writer.nullWriter()); }
    }
}
