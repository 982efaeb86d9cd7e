package org.treatygraph.serve;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.sparql.core.Quad;

/**
 * Graph Store Protocol reads of the default graph ({@code GET /kg/data?default}, and {@code GET
 * /kg/data} with no parameter is the whole dataset, untouched) answer with the same default graph
 * that queries see: the union of the named graphs. The stored default graph is empty by design, so
 * without this a GSP client would read nothing. Writes (/kg/store) are not affected.
 */
final class UnionDefaultGraphRead extends EndpointFilter {
    private final String gspPath;

    UnionDefaultGraphRead(String gspPath) {
        this.gspPath = gspPath;
    }

    @Override
    void filter(HttpServletRequest req, HttpServletResponse resp, String path, boolean read, FilterChain chain)
            throws IOException, ServletException {
        if (read && path.equals(gspPath) && req.getParameter("default") != null && req.getParameter("graph") == null)
            chain.doFilter(new UnionGraphRequest(req), resp);
        else
            chain.doFilter(req, resp);
    }

    /** The request with {@code default} replaced by {@code graph=urn:x-arq:UnionGraph}. */
    private static final class UnionGraphRequest extends HttpServletRequestWrapper {
        private final Map<String, String[]> params = new LinkedHashMap<>();

        UnionGraphRequest(HttpServletRequest req) {
            super(req);
            req.getParameterMap().forEach((k, v) -> {
                if (!k.equals("default"))
                    params.put(k, v);
            });
            params.put("graph", new String[] {Quad.unionGraph.getURI()});
        }

        @Override public String getQueryString() {
            StringBuilder sb = new StringBuilder();
            params.forEach((k, vs) -> {
                for (String v : vs) {
                    if (sb.length() > 0)
                        sb.append('&');
                    sb.append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                      .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
                }
            });
            return sb.toString();
        }
        @Override public String getParameter(String name) {
            String[] v = params.get(name);
            return v == null || v.length == 0 ? null : v[0];
        }
        @Override public Map<String, String[]> getParameterMap() { return Collections.unmodifiableMap(params); }
        @Override public Enumeration<String> getParameterNames() { return Collections.enumeration(params.keySet()); }
        @Override public String[] getParameterValues(String name) { return params.get(name); }
    }
}
