package org.treatygraph.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.query.QueryException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treatygraph.query.BadParameterException;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.NamedQuery;
import org.treatygraph.query.Parameter;
import org.treatygraph.query.QueryContext;
import org.treatygraph.query.ResultFormat;

/**
 * The named queries over HTTP, under {@code /kg/queries}:
 * <ul>
 * <li>{@code GET /kg/queries} — JSON array of {@code {name, title, question, parameters, returns, federated, url, sparql}},
 *     each parameter {@code {name, default[, description][, anyTerm]}};
 * <li>{@code GET|POST /kg/queries/NAME?param=value…} — runs the query with those parameters
 *     (declared in its header; each value parsed into one RDF term and put where the default is),
 *     standard SPARQL results by {@code Accept} (JSON default, XML, CSV, TSV) or {@code format=}.
 * </ul>
 * Unknown name: 404. Unknown parameter, malformed value, unknown format: 400, with a message that
 * says what is expected. Timeout: 503; SERVICE outside the allow-list: 422; a failing SERVICE
 * endpoint: 502. The query runs in a read transaction with the server's query semantics
 * ({@link QueryContext}: union default graph, timeout, SERVICE allow-list, rewrites), as at /kg/sparql.
 */
final class NamedQueryServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(NamedQueryServlet.class);
    /** Request parameters that choose the format instead of binding a query parameter. */
    private static final List<String> FORMAT_PARAMS = List.of("format", "output");
    private static final AcceptList OFFER = AcceptList.create(
        ResultFormat.JSON.mediaType(), ResultFormat.XML.mediaType(), ResultFormat.CSV.mediaType(),
        ResultFormat.TSV.mediaType(), "application/json", "application/xml", "text/plain");

    private final transient DatasetGraph dsg;
    private final transient NamedQueries catalog;
    private final transient QueryContext semantics;
    private final String basePath;

    /** @param basePath where the servlet is mounted, e.g. {@code /kg/queries} (used in the listing's urls) */
    NamedQueryServlet(DatasetGraph dsg, NamedQueries catalog, QueryContext semantics, String basePath) {
        this.dsg = dsg;
        this.catalog = catalog;
        this.semantics = semantics;
        this.basePath = basePath;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (name.isEmpty())
            list(resp);
        else
            run(name, req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (name.isEmpty()) {
            resp.setHeader("Allow", "GET, HEAD, OPTIONS");
            error(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "The list of named queries is read with GET.");
        } else
            run(name, req, resp);
    }

    private void list(HttpServletResponse resp) throws IOException {
        JsonArray all = new JsonArray();
        for (NamedQuery q : catalog.all()) {
            JsonObject o = new JsonObject();
            o.put("name", q.name());
            o.put("title", q.title());
            o.put("question", q.question());
            JsonArray params = new JsonArray();
            for (Parameter p : q.parameters()) {
                JsonObject po = new JsonObject();
                po.put("name", p.name());
                po.put("default", p.defaultValue());
                if (!p.description().isEmpty())
                    po.put("description", p.description());
                if (p.anyTerm())
                    po.put("anyTerm", true);
                params.add(po);
            }
            o.put("parameters", params);
            o.put("returns", q.returns());
            o.put("federated", q.federated());
            o.put("url", basePath + "/" + q.name());
            o.put("sparql", q.text());
            all.add(o);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        JSON.write(buf, all);
        send(resp, 200, "application/json; charset=utf-8", buf.toByteArray());
    }

    private void run(String name, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<NamedQuery> found = catalog.get(name);
        if (found.isEmpty()) {
            error(resp, HttpServletResponse.SC_NOT_FOUND, "No named query '" + name + "'. GET " + basePath + " lists them.");
            return;
        }
        NamedQuery nq = found.get();
        Map<String, List<String>> values = new LinkedHashMap<>();
        String formatName = null;
        for (Map.Entry<String, String[]> e : req.getParameterMap().entrySet()) {
            if (FORMAT_PARAMS.contains(e.getKey()))
                formatName = e.getValue().length == 0 ? null : e.getValue()[0];
            else
                values.put(e.getKey(), List.of(e.getValue()));
        }
        ResultFormat format;
        if (formatName != null) {
            Optional<ResultFormat> f = ResultFormat.of(formatName);
            if (f.isEmpty()) {
                error(resp, 400, "Unknown format '" + formatName + "': use json, xml, csv or tsv.");
                return;
            }
            format = f.get();
        } else {
            Optional<ResultFormat> f = negotiate(req.getHeader("Accept"));
            if (f.isEmpty()) {
                error(resp, HttpServletResponse.SC_NOT_ACCEPTABLE, "Not acceptable: " + req.getHeader("Accept")
                      + "; this resource offers " + OFFER);
                return;
            }
            format = f.get();
        }
        try {
            Query query = nq.bind(values);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            catalog.run(nq, query, DatasetFactory.wrap(dsg), semantics, buf, format);
            String type = query.isSelectType() || query.isAskType() ? format.mediaType() : "text/turtle";
            resp.setHeader("Vary", "Accept");
            send(resp, 200, type + "; charset=utf-8", buf.toByteArray());
        } catch (BadParameterException e) {
            error(resp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        } catch (QueryCancelledException e) {
            error(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Query '" + name + "' timed out.");
        } catch (QueryDeniedException e) {
            error(resp, 422, e.getMessage());
        } catch (QueryExceptionHTTP e) {
            error(resp, HttpServletResponse.SC_BAD_GATEWAY, "A SERVICE endpoint of query '" + name + "' failed: " + e.getMessage());
        } catch (QueryException | IllegalStateException e) {
            LOG.error("Named query {} failed", name, e);
            error(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Query '" + name + "' failed: " + e.getMessage());
        }
    }

    /** JSON when there is no Accept header or it takes anything; empty when nothing offered is acceptable. */
    static Optional<ResultFormat> negotiate(String accept) {
        if (accept == null || accept.isBlank())
            return Optional.of(ResultFormat.JSON);
        MediaType m;
        try {
            m = AcceptList.match(new AcceptList(accept), OFFER);
        } catch (RuntimeException e) {
            return Optional.of(ResultFormat.JSON);
        }
        if (m == null)
            return Optional.empty();
        return ResultFormat.of(m.getContentTypeStr());
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        send(resp, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServletResponse resp, int status, String contentType, byte[] body) throws IOException {
        resp.setStatus(status);
        resp.setContentType(contentType);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
