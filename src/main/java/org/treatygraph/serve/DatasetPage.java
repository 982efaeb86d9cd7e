package org.treatygraph.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.treatygraph.load.DatasetDescription;
import org.treatygraph.load.Graphs;

/**
 * {@code GET /kg/} (and {@code /kg}): the dataset's description — what the meta graph holds (VoID
 * and DCAT: licence, version, knowledge horizon, endpoint, dumps, graphs, classes, vocabularies) —
 * as an HTML page for a browser, and as RDF with {@code ?format=ttl|jsonld|nt|rdf}. An RDF
 * {@code Accept} gets the SPARQL service description ({@link ServiceDescription}), which carries the
 * same VoID/DCAT description of its dataset.
 */
final class DatasetPage extends EndpointFilter {
    private static final AcceptList OFFER = AcceptList.create("text/html", "text/turtle", "application/ld+json",
        "application/n-triples", "application/rdf+xml");
    private static final String VOID = "http://rdfs.org/ns/void#";

    private final DatasetGraph dsg;

    DatasetPage(DatasetGraph dsg) {
        this.dsg = dsg;
    }

    @Override
    void filter(HttpServletRequest req, HttpServletResponse resp, String path, boolean read, FilterChain chain)
            throws IOException, ServletException {
        boolean mine = read && (path.equals("/kg/") || path.equals("/kg"))
                       && (req.getQueryString() == null || req.getParameter("format") != null && req.getParameterMap().size() == 1);
        if (!mine) {
            chain.doFilter(req, resp);
            return;
        }
        Lang lang = lang(req);
        if (lang == null && req.getParameter("format") != null) {
            chain.doFilter(req, resp);
            return;
        }
        if (lang != null && req.getParameter("format") == null) {
            // RDF by content negotiation: the service description, which carries this description too
            chain.doFilter(req, resp);
            return;
        }
        resp.setHeader("Vary", "Accept");
        Graph meta = Txn.calculateRead(dsg, () -> {
            Graph g = GraphMemFactory.createDefaultGraph();
            dsg.getGraph(Graphs.node(Graphs.META)).find().forEachRemaining(g::add);
            dsg.prefixes().forEach((p, iri) -> g.getPrefixMapping().setNsPrefix(p, iri));
            g.getPrefixMapping().setNsPrefix("void", VOID).setNsPrefix("dcat", "http://www.w3.org/ns/dcat#")
             .setNsPrefix("dct", DCTerms.NS).setNsPrefix("tg", Graphs.TG).setNsPrefix("owl", "http://www.w3.org/2002/07/owl#")
             .setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
            return g;
        });
        byte[] body;
        String type;
        if (lang == null) {
            body = Templates.render("dataset", model(meta)).getBytes(StandardCharsets.UTF_8);
            type = "text/html; charset=utf-8";
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RDFDataMgr.write(out, meta, lang);
            body = out.toByteArray();
            type = lang.getHeaderString() + (lang.equals(Lang.RDFXML) ? "" : "; charset=utf-8");
        }
        resp.setStatus(200);
        resp.setContentType(type);
        resp.setContentLength(body.length);
        if (!req.getMethod().equals("HEAD"))
            resp.getOutputStream().write(body);
    }

    /** null for HTML. */
    private static Lang lang(HttpServletRequest req) {
        String format = req.getParameter("format");
        if (format != null) {
            Lang l = switch (format) {
                case "ttl", "turtle" -> Lang.TURTLE;
                case "jsonld", "json-ld" -> Lang.JSONLD;
                case "nt", "ntriples" -> Lang.NTRIPLES;
                case "rdf", "xml", "rdfxml" -> Lang.RDFXML;
                default -> null;
            };
            return l;
        }
        String accept = req.getHeader("Accept");
        if (accept == null || accept.isBlank())
            return null;
        try {
            MediaType m = AcceptList.match(new AcceptList(accept), OFFER);
            if (m == null || m.getContentTypeStr().equals("text/html"))
                return null;
            return RDFLanguages.contentTypeToLang(m.getContentTypeStr());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> model(Graph meta) {
        Node ds = Graphs.node(Graphs.DATASET);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pageTitle", "The dataset");
        m.put("description", literal(meta, ds, DCTerms.description.getURI()));
        m.put("version", literal(meta, ds, "http://www.w3.org/ns/dcat#version"));
        m.put("licence", iri(meta, ds, DCTerms.license.getURI()));
        m.put("horizon", literal(meta, ds, Graphs.TG + "knowledgeHorizon"));
        m.put("built", literal(meta, ds, Graphs.BUILT_AT));
        m.put("modified", literal(meta, ds, DCTerms.modified.getURI()));
        String hash = literal(meta, ds, Graphs.CONTENT_HASH);
        m.put("hash", hash.length() > 12 ? hash.substring(0, 12) : hash);
        String journal = literal(meta, ds, Graphs.JOURNAL_HEAD);
        m.put("journal", journal.isEmpty() || journal.equals("0") ? null : journal);
        m.put("endpoint", DatasetDescription.ENDPOINT);
        m.put("dumps", List.of(Map.of("href", "/kg/dumps/treatygraph.nq.gz", "name", "treatygraph.nq.gz", "type", "N-Quads"),
                               Map.of("href", "/kg/dumps/treatygraph.trig.gz", "name", "treatygraph.trig.gz", "type", "TriG")));
        List<Map<String, Object>> graphs = new ArrayList<>();
        meta.find(ds, Graphs.node(VOID + "subset"), Node.ANY).forEachRemaining(t ->
            graphs.add(Map.of("iri", t.getObject().getURI(), "count", literal(meta, t.getObject(), VOID + "triples"))));
        graphs.sort(Comparator.comparing(g -> (String) g.get("iri")));
        m.put("graphs", graphs);
        m.put("total", literal(meta, ds, VOID + "triples"));
        List<Map<String, Object>> classes = new ArrayList<>();
        meta.find(ds, Graphs.node(VOID + "classPartition"), Node.ANY).forEachRemaining(t -> {
            String c = iri(meta, t.getObject(), VOID + "class");
            String n = literal(meta, t.getObject(), VOID + "entities");
            classes.add(Map.of("iri", c, "count", n, "n", n.isEmpty() ? 0L : Long.parseLong(n)));
        });
        classes.sort(Comparator.comparing((Map<String, Object> c) -> -(Long) c.get("n")).thenComparing(c -> (String) c.get("iri")));
        m.put("classes", classes);
        List<String> vocabularies = new ArrayList<>();
        meta.find(ds, Graphs.node(VOID + "vocabulary"), Node.ANY).forEachRemaining(t -> vocabularies.add(t.getObject().getURI()));
        vocabularies.sort(null);
        m.put("vocabularies", vocabularies);
        return m;
    }

    private static String literal(Graph g, Node s, String p) {
        var it = g.find(s, Graphs.node(p), Node.ANY);
        if (!it.hasNext())
            return "";
        Node o = it.next().getObject();
        return o.isLiteral() ? o.getLiteralLexicalForm() : o.toString();
    }

    private static String iri(Graph g, Node s, String p) {
        var it = g.find(s, Graphs.node(p), Node.ANY);
        if (!it.hasNext())
            return "";
        Triple t = it.next();
        return t.getObject().isURI() ? t.getObject().getURI() : t.getObject().toString();
    }
}
