package org.treatygraph.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.servlets.ActionProcessor;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.treatygraph.load.Graphs;

/**
 * Entity pages: {@code GET /id/{kind}/{name}} for every IRI {@code https://w3id.org/treatygraph/id/…}
 * of the dataset. By content negotiation ({@code Accept}) or by suffix: {@code text/html} (or
 * {@code .html}) a page rendered on the server ({@link EntityModel}, {@code entity.mustache}; it
 * needs no JavaScript); {@code text/turtle} ({@code .ttl}), {@code application/ld+json}
 * ({@code .jsonld}), {@code application/n-triples} ({@code .nt}) the entity's description: every
 * triple with the entity as subject or object in the union of the graphs (not the meta graph), and
 * the English labels of the resources it links. Unknown entity: 404. {@code Vary: Accept}.
 */
final class EntityPages implements ActionProcessor {
    static final String PATH = "/id/*";

    /** A representation: media type and suffix. */
    enum Format {
        HTML("text/html", ".html", null),
        TURTLE("text/turtle", ".ttl", RDFFormat.TURTLE_PRETTY),
        JSONLD("application/ld+json", ".jsonld", RDFFormat.JSONLD11_PRETTY),
        NTRIPLES("application/n-triples", ".nt", RDFFormat.NTRIPLES);

        final String mediaType;
        final String suffix;
        final RDFFormat rdf;

        Format(String mediaType, String suffix, RDFFormat rdf) {
            this.mediaType = mediaType;
            this.suffix = suffix;
            this.rdf = rdf;
        }
    }

    private static final AcceptList OFFER = AcceptList.create("text/html", "application/xhtml+xml", "text/turtle",
        "application/ld+json", "application/n-triples", "application/json", "text/plain");

    private final DatasetGraph dsg;
    private final ServiceQueries queries;
    private final String publicBase;

    /** @param publicBase the service's public URL for absolute links, or "" for links relative to the server */
    EntityPages(DatasetGraph dsg, ServiceQueries queries, String publicBase) {
        this.dsg = dsg;
        this.queries = queries;
        this.publicBase = publicBase;
    }

    @Override
    public void execHead(HttpAction action) {
        execGet(action);
    }

    @Override
    public void execGet(HttpAction action) {
        String rest = action.getRequestPathInfo() == null ? "" : action.getRequestPathInfo();
        if (rest.startsWith("/"))
            rest = rest.substring(1);
        String iri = EntityModel.ID + rest;
        Format format = null;
        if (!exists(iri)) {
            for (Format f : Format.values())
                if (rest.endsWith(f.suffix)) {
                    format = f;
                    iri = EntityModel.ID + rest.substring(0, rest.length() - f.suffix.length());
                    break;
                }
        }
        if (format == null)
            format = negotiate(action.getRequestHeader("Accept"));
        action.setResponseHeader("Vary", "Accept");
        if (format == null) {
            send(action, 406, "text/plain; charset=utf-8", ("Not acceptable: " + action.getRequestHeader("Accept")
                + ". Offered: text/html, text/turtle, application/ld+json, application/n-triples.\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (format == Format.HTML) {
            Map<String, Object> model = EntityModel.build(queries, iri);
            if (model == null) {
                Map<String, Object> nf = new HashMap<>();
                nf.put("iri", iri);
                nf.put("title", "Not found");
                send(action, 404, "text/html; charset=utf-8", Templates.render("not-found", nf).getBytes(StandardCharsets.UTF_8));
                return;
            }
            model.put("pageTitle", model.get("title"));
            model.put("canonical", publicBase + EntityModel.page(iri));
            send(action, 200, "text/html; charset=utf-8", Templates.render("entity", model).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Graph g = describe(iri);
        if (g.isEmpty()) {
            send(action, 404, "text/plain; charset=utf-8", ("No entity <" + iri + "> in the dataset.\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, format.rdf);
        action.setResponseHeader("Link", "<" + publicBase + EntityModel.page(iri) + ">; rel=\"alternate\"; type=\"text/html\"");
        send(action, 200, format.mediaType + (format == Format.JSONLD ? "" : "; charset=utf-8"), out.toByteArray());
    }

    private boolean exists(String iri) {
        Node n = NodeFactory.createURI(iri);
        return Txn.calculateRead(dsg, () -> dsg.find(Node.ANY, n, Node.ANY, Node.ANY).hasNext()
                                             || dsg.find(Node.ANY, Node.ANY, Node.ANY, n).hasNext());
    }

    /** The triples with the entity as subject or object (every graph but meta), and the English labels of the nodes linked. */
    Graph describe(String iri) {
        Node e = NodeFactory.createURI(iri);
        Node meta = Graphs.node(Graphs.META);
        Graph g = GraphFactory.createDefaultGraph();
        Txn.executeRead(dsg, () -> {
            g.getPrefixMapping().setNsPrefixes(org.apache.jena.riot.system.Prefixes.adapt(dsg.prefixes()));
            java.util.Set<Node> linked = new java.util.HashSet<>();
            dsg.find(Node.ANY, e, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!meta.equals(q.getGraph()) && !Quad.isDefaultGraph(q.getGraph())) {
                    g.add(q.asTriple());
                    linked.add(q.getPredicate());
                    if (q.getObject().isURI())
                        linked.add(q.getObject());
                }
            });
            dsg.find(Node.ANY, Node.ANY, Node.ANY, e).forEachRemaining(q -> {
                if (!meta.equals(q.getGraph()) && !Quad.isDefaultGraph(q.getGraph())) {
                    g.add(q.asTriple());
                    linked.add(q.getSubject());
                    linked.add(q.getPredicate());
                }
            });
            linked.remove(e);
            for (Node n : linked)
                dsg.find(Node.ANY, n, RDFS.label.asNode(), Node.ANY).forEachRemaining(q -> {
                    if (!meta.equals(q.getGraph()) && "en".equals(q.getObject().getLiteralLanguage()))
                        g.add(Triple.create(n, RDFS.label.asNode(), q.getObject()));
                });
        });
        return g;
    }

    static Format negotiate(String accept) {
        if (accept == null || accept.isBlank())
            return Format.HTML;
        MediaType m;
        try {
            m = AcceptList.match(new AcceptList(accept), OFFER);
        } catch (RuntimeException ex) {
            return Format.HTML;
        }
        if (m == null)
            return null;
        return switch (m.getContentTypeStr()) {
            case "text/turtle" -> Format.TURTLE;
            case "application/ld+json", "application/json" -> Format.JSONLD;
            case "application/n-triples", "text/plain" -> Format.NTRIPLES;
            default -> Format.HTML;
        };
    }

    static void send(HttpAction action, int status, String type, byte[] body) {
        try {
            action.setResponseStatus(status);
            action.setResponseContentType(type);
            action.setResponseContentLength(body.length);
            if (!"HEAD".equals(action.getRequestMethod()))
                action.getResponseOutputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
