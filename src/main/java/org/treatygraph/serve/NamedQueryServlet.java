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
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
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
            Map<String, List<Node>> defaults = q.defaults();
            for (Parameter p : q.parameters()) {
                JsonObject po = new JsonObject();
                po.put("name", p.name());
                po.put("kind", OpenApi.kind(p, defaults.get(p.name())));
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
        if ("POST".equals(req.getMethod()) && isJson(req.getContentType())) {
            try {
                jsonBody(req, values);
            } catch (RuntimeException e) {
                error(resp, 400, "The JSON body must be an object of parameter names to a value or a list of values"
                      + " (strings), e.g. {\"a\": \"person:taro-kono\", \"b\": [\"person:sergey-lavrov\"]}: " + e.getMessage());
                return;
            }
        }
        if (formatName == null && wantsHtml(req.getHeader("Accept"))) {
            // A browser: the workbench's form for this question, with these values (its share link).
            StringBuilder link = new StringBuilder("/?q=").append(enc(nq.name()));
            values.forEach((k, vs) -> vs.forEach(v -> link.append('&').append(enc(k)).append('=').append(enc(v))));
            resp.setHeader("Location", link.toString());
            resp.setHeader("Vary", "Accept");
            error(resp, 303, "See " + link + " (the workbench runs this question in the browser)");
            return;
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
            NamedQuery.Bound bound = nq.bind(values, datasetPrefixes());
            Optional<String> unknown = unknownEntity(nq, bound);
            if (unknown.isPresent()) {
                error(resp, HttpServletResponse.SC_NOT_FOUND, unknown.get());
                return;
            }
            Query query = bound.query();
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
            String twin = name.endsWith("_federated") ? name.substring(0, name.length() - "_federated".length()) + "_snapshot" : null;
            error(resp, HttpServletResponse.SC_BAD_GATEWAY, "A SERVICE endpoint of query '" + name + "' failed: " + e.getMessage()
                  + (twin != null && catalog.get(twin).isPresent()
                     ? ". Its offline twin answers from the Wikidata snapshot graph: GET " + basePath + "/" + twin : ""));
        } catch (QueryException | IllegalStateException e) {
            LOG.error("Named query {} failed", name, e);
            error(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Query '" + name + "' failed: " + e.getMessage());
        }
    }

    /** The prefixes of the data (one set for every query's parameter values; a query's own win). */
    private PrefixMap datasetPrefixes() {
        return Txn.calculateRead(dsg, () -> {
            PrefixMap pm = PrefixMapFactory.create();
            pm.putAll(dsg.prefixes());
            return pm;
        });
    }

    /**
     * A parameter that takes an entity (its default is an IRI) given an IRI that the data never
     * mentions: the message, with names that come close (from the label index), or empty.
     */
    private Optional<String> unknownEntity(NamedQuery nq, NamedQuery.Bound bound) {
        Map<String, List<Node>> defaults = nq.defaults();
        for (Parameter p : nq.parameters()) {
            List<Node> given = bound.values().get(p.name());
            List<Node> def = defaults.get(p.name());
            if (given == null || p.anyTerm() || def == null || def.isEmpty() || !def.get(0).isURI())
                continue;
            for (Node n : given) {
                if (!n.isURI())
                    continue;
                boolean known = Txn.calculateRead(dsg, () -> dsg.find(Node.ANY, n, Node.ANY, Node.ANY).hasNext()
                                                             || dsg.find(Node.ANY, Node.ANY, Node.ANY, n).hasNext()
                                                             || dsg.find(Node.ANY, Node.ANY, n, Node.ANY).hasNext());
                if (!known)
                    return Optional.of("Parameter ?" + p.name() + " of query '" + nq.name() + "': <" + n.getURI()
                                       + "> is not in the data" + suggestions(n) + ". GET /kg/search?q=… finds entities by name.");
            }
        }
        return Optional.empty();
    }

    /** "; did you mean …" from the label index, by the IRI's last segment. */
    private String suggestions(Node n) {
        String local = n.getURI().replaceFirst("^.*[/#]", "").replace('-', ' ').replace('_', ' ').strip();
        if (local.isEmpty())
            return "";
        List<String> hits;
        try {
            hits = org.treatygraph.index.LabelIndex.of(dsg)
                .map(ix -> Txn.calculateRead(dsg, () -> ix.search(local, 3)).stream().map(h -> "<" + h.entity().getURI() + ">").toList())
                .orElse(List.of());
        } catch (RuntimeException e) {
            hits = List.of();
        }
        if (hits.isEmpty())
            hits = closeIris(n);
        return hits.isEmpty() ? "" : "; did you mean " + String.join(", ", hits) + "?";
    }

    /** Without a label index: the labelled IRIs of the same namespace whose last segment is a few edits away. */
    private List<String> closeIris(Node n) {
        String iri = n.getURI();
        int cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1;
        String ns = iri.substring(0, cut), local = iri.substring(cut);
        int max = Math.max(2, local.length() / 4);
        java.util.TreeMap<Integer, java.util.List<String>> byDistance = new java.util.TreeMap<>();
        Txn.executeRead(dsg, () -> {
            java.util.Set<String> seen = new java.util.HashSet<>();
            dsg.find(Node.ANY, Node.ANY, org.apache.jena.vocabulary.RDFS.label.asNode(), Node.ANY).forEachRemaining(q -> {
                Node s = q.getSubject();
                if (s.isURI() && s.getURI().startsWith(ns) && seen.add(s.getURI())) {
                    int d = distance(local, s.getURI().substring(ns.length()), max);
                    if (d <= max)
                        byDistance.computeIfAbsent(d, k -> new java.util.ArrayList<>()).add("<" + s.getURI() + ">");
                }
            });
        });
        return byDistance.values().stream().flatMap(List::stream).limit(3).toList();
    }

    /** Levenshtein distance, or max + 1 as soon as it exceeds {@code max}. */
    private static int distance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max)
            return max + 1;
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
            prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max)
                return max + 1;
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    /** The parameters of a JSON object body: name → a string, a number, or a list of them. */
    private static void jsonBody(HttpServletRequest req, Map<String, List<String>> values) throws IOException {
        JsonObject o = JSON.parse(req.getInputStream());
        for (String key : o.keys()) {
            org.apache.jena.atlas.json.JsonValue v = o.get(key);
            List<String> list = new java.util.ArrayList<>();
            if (v.isArray())
                v.getAsArray().forEach(x -> list.add(scalar(x)));
            else
                list.add(scalar(v));
            values.put(key, list);
        }
    }

    private static String scalar(org.apache.jena.atlas.json.JsonValue v) {
        if (v.isString())
            return v.getAsString().value();
        if (v.isNumber())
            return v.getAsNumber().value().toString();
        if (v.isBoolean())
            return Boolean.toString(v.getAsBoolean().value());
        throw new IllegalArgumentException("not a string, number or boolean: " + v);
    }

    /** Whether a browser asks: text/html preferred to every result format offered. */
    private static boolean wantsHtml(String accept) {
        if (accept == null || !accept.contains("text/html"))
            return false;
        try {
            MediaType m = AcceptList.match(new AcceptList(accept), AcceptList.create("text/html", ResultFormat.JSON.mediaType(),
                ResultFormat.XML.mediaType(), ResultFormat.CSV.mediaType(), ResultFormat.TSV.mediaType(), "application/json"));
            return m != null && m.getContentTypeStr().equals("text/html");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
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
