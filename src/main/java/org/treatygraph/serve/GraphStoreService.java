package org.treatygraph.serve;

import java.io.IOException;
import java.io.InputStream;

import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.web.ContentType;
import org.apache.jena.fuseki.servlets.ActionLib;
import org.apache.jena.fuseki.servlets.GSP_RW;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIs;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.RiotParseException;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.util.Context;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.treatygraph.load.Database;
import org.treatygraph.load.LoadException;
import org.treatygraph.load.WriteReport;

/**
 * The Graph Store Protocol, read-write, through the write path: reads as Fuseki's GSP; PUT, POST
 * and DELETE are parsed first (a syntax error answers 400 with its line and column and changes
 * nothing), then run inside {@link Database#write} — validated, derived from, journaled, recorded,
 * or refused with every problem. {@code ?graph=IRI} names the graph; {@code ?default} (the union
 * of the named graphs) cannot be written (403); without a parameter, POST adds the quads of a
 * TriG/N-Quads body to the graphs they name, and PUT (which would replace the whole dataset,
 * inferred and meta graphs included) is refused with 403.
 */
final class GraphStoreService extends GSP_RW {
    private final transient Database database;

    GraphStoreService(Database database) {
        this.database = database;
    }

    @Override protected void doPut(HttpAction action) { write(action, true); }
    @Override protected void doPost(HttpAction action) { write(action, false); }

    @Override
    protected void doDelete(HttpAction action) {
        Node graph = target(action);
        if (graph == null)
            return;
        DatasetGraph dsg = database.dataset();
        boolean exists = Txn.calculateRead(dsg, () -> dsg.containsGraph(graph)
                                                   && dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).hasNext());
        if (!exists) {
            WriteResponses.error(action, 404, "No such graph: <" + graph.getURI() + ">");
            return;
        }
        run(action, "Graph Store DELETE", 200, layer -> layer.removeGraph(graph), null);
    }

    private void write(HttpAction action, boolean replace) {
        String method = replace ? "PUT" : "POST";
        ContentType ct = ActionLib.getContentType(action);
        if (ct == null) {
            WriteResponses.error(action, 400, "No Content-Type: send the RDF syntax of the body (text/turtle, application/trig …)");
            return;
        }
        Lang lang = RDFLanguages.contentTypeToLang(ct.getContentTypeStr());
        if (lang == null) {
            WriteResponses.error(action, 415, "Unsupported Content-Type " + ct.getContentTypeStr() + ": send an RDF syntax");
            return;
        }
        boolean dataset = isQuads(action);
        if (dataset && replace) {
            WriteResponses.error(action, 403, "PUT of the whole dataset is refused: it would replace the graphs that only the"
                                 + " pipeline writes (inferred, meta). PUT or POST one graph (?graph=IRI), or POST quads.");
            return;
        }
        Node graph = dataset ? null : target(action);
        if (!dataset && graph == null)
            return;
        if (dataset && !RDFLanguages.isQuads(lang)) {
            WriteResponses.error(action, 400, "A POST without ?graph carries quads (TriG, N-Quads, JSON-LD with @graph);"
                                 + " for triples name the graph with ?graph=IRI");
            return;
        }
        DatasetGraph body = DatasetGraphFactory.create();
        Graph triples = GraphMemFactory.createDefaultGraph();
        try (InputStream in = action.getRequestInputStream()) {
            RDFParser.source(in).lang(lang).base(graph == null ? "http://localhost/" : graph.getURI())
                     .context(noRemoteDocuments())
                     .parse(dataset ? StreamRDFLib.dataset(body) : StreamRDFLib.graph(triples));
        } catch (RiotParseException e) {
            if (tooLarge(e) != null) {
                WriteResponses.error(action, 413, tooLarge(e).getMessage());
                return;
            }
            WriteResponses.error(action, 400, "Parse error at line " + e.getLine() + ", column " + e.getCol() + ": "
                                 + e.getOriginalMessage());
            return;
        } catch (RiotException e) {
            if (tooLarge(e) != null) {
                WriteResponses.error(action, 413, tooLarge(e).getMessage());
                return;
            }
            WriteResponses.error(action, 400, "Parse error: " + e.getMessage());
            return;
        } catch (RequestGuard.TooLarge e) {
            WriteResponses.error(action, 413, e.getMessage());
            return;
        } catch (IOException e) {
            WriteResponses.error(action, 400, "Cannot read the request body: " + e.getMessage());
            return;
        }
        long count = dataset ? body.stream().count() : triples.size();
        if (dataset && body.getDefaultGraph().size() > 0) {
            WriteResponses.error(action, 403, body.getDefaultGraph().size() + " triple(s) outside any graph: the default"
                                 + " graph is the union of the named graphs and cannot be written; put them in GRAPH blocks");
            return;
        }
        DatasetGraph dsg = database.dataset();
        boolean existed = graph != null && Txn.calculateRead(dsg, () -> dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).hasNext());
        JsonObject counts = new JsonObject();
        counts.put("count", count);
        counts.put("tripleCount", dataset ? 0 : count);
        counts.put("quadCount", dataset ? count : 0);
        int status = graph != null && !existed ? 201 : 200;
        run(action, "Graph Store " + method, status, layer -> {
            if (dataset) {
                body.find().forEachRemaining(layer::add);
            } else {
                if (replace)
                    layer.removeGraph(graph);
                triples.find().forEachRemaining(t -> layer.add(Quad.create(graph, t)));
            }
        }, counts);
    }

    /**
     * Parsing never fetches a document: a JSON-LD {@code @context} given by URL is refused (the
     * server must not be made to call other hosts — SSRF), not loaded.
     */
    private static Context noRemoteDocuments() {
        JsonLdOptions options = new JsonLdOptions((url, opts) -> {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                                  "remote documents are not fetched (" + url + "): put the @context inline");
        });
        Context cxt = new Context();
        cxt.set(LangJSONLD11.JSONLD_OPTIONS, options);
        return cxt;
    }

    private static RequestGuard.TooLarge tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof RequestGuard.TooLarge tl)
                return tl;
        return null;
    }

    private void run(HttpAction action, String what, int status, java.util.function.Consumer<DatasetGraph> op, JsonObject extra) {
        try {
            WriteReport r = database.write(Database.Origin.http(what, action.getUser()), op);
            WriteResponses.report(action, status, r, extra);
        } catch (LoadException e) {
            WriteResponses.refused(action, e);
        }
    }

    /** The graph of {@code ?graph=IRI}, or null after answering (the default graph cannot be written). */
    private static Node target(HttpAction action) {
        if (isQuads(action) || action.getRequestParameter("default") != null) {
            WriteResponses.error(action, 403, "The default graph is the union of the named graphs (a view, not stored) and"
                                 + " cannot be written: name a graph with ?graph=IRI");
            return null;
        }
        String g = action.getRequestParameter("graph");
        if (g == null || !IRIs.check(g) || !IRIs.reference(g).isAbsolute()) {
            WriteResponses.error(action, 400, "?graph must be an absolute IRI, got: " + g);
            return null;
        }
        return NodeFactory.createURI(g);
    }
}
