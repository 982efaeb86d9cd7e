package org.treatygraph.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.jena.atlas.web.ContentType;
import org.apache.jena.fuseki.servlets.ActionLib;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_Update;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIs;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.WebContent;
import org.apache.jena.sparql.exec.UpdateExec;
import org.apache.jena.sparql.modify.UsingList;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.update.UpdateException;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.treatygraph.load.Database;
import org.treatygraph.load.LoadException;
import org.treatygraph.load.WriteReport;
import org.treatygraph.query.QueryContext;
import org.apache.jena.sparql.util.Context;

/**
 * SPARQL Update through the write path: Fuseki's protocol handling (content types, HTML form,
 * {@code using-graph-uri}), then the request runs inside {@link Database#write}, so that it is
 * validated, derived from, journaled and recorded in the same transaction — or refused with every
 * problem and nothing changed. {@code LOAD} is refused before anything runs (it would fetch a URL
 * or read a server file). The update's WHERE clauses run with the endpoint's context: the same
 * query semantics as /kg/sparql (timeout, SERVICE allow-list, rewrites).
 */
final class UpdateService extends SPARQL_Update {
    /** The message of a refused LOAD. */
    static final String LOAD_REFUSED = "SPARQL Update LOAD is refused by this server (it would fetch a URL or read a"
                                       + " server file); add data with INSERT DATA, the Graph Store Protocol, or the `load` command";
    private static final String BASE = "http://localhost/";

    private final transient Database database;
    private final transient QueryContext semantics;
    private final transient Limits limits;

    UpdateService(Database database, QueryContext semantics, Limits limits) {
        this.database = database;
        this.semantics = semantics;
        this.limits = limits;
    }

    @Override
    public void execute(HttpAction action) {
        ContentType ct = ActionLib.getContentType(action);
        String text;
        try {
            if (ct == null || ct.getContentTypeStr().equalsIgnoreCase(WebContent.contentTypeSPARQLUpdate)) {
                if (ct == null && action.getRequestParameter("update") != null)
                    text = action.getRequestParameter("update");
                else
                    try (InputStream in = action.getRequestInputStream()) {
                        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
            } else if (ct.getContentTypeStr().equalsIgnoreCase(WebContent.contentTypeHTMLForm)) {
                text = action.getRequestParameter("update");
                if (text == null)
                    text = action.getRequestParameter("request");
            } else {
                WriteResponses.error(action, 415, "Bad content type: " + ct.getContentTypeStr() + "; send "
                                     + WebContent.contentTypeSPARQLUpdate + " or an HTML form with update=");
                return;
            }
        } catch (IOException e) {
            ServletOps.errorOccurred(e);
            return;
        }
        if (text == null || text.isBlank()) {
            WriteResponses.error(action, 400, "SPARQL Update: no update request");
            return;
        }
        java.util.Optional<String> tooBig = QueryText.check(text, limits);
        if (tooBig.isPresent()) {
            WriteResponses.error(action, 400, "Update refused before parsing: " + tooBig.get());
            return;
        }
        UpdateRequest request;
        try {
            request = UpdateFactory.read(using(action),
                                         new java.io.ByteArrayInputStream(QueryText.withoutComments(text).getBytes(StandardCharsets.UTF_8)),
                                         BASE, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            WriteResponses.error(action, 400, QueryText.isStackOverflow(e) ? "Update too complex to parse (too deeply nested): simplify it"
                                                                          : "Parse error: " + e.getMessage());
            return;
        } catch (UpdateException e) {
            WriteResponses.error(action, 400, e.getMessage());
            return;
        } catch (StackOverflowError e) {
            WriteResponses.error(action, 400, "Update too complex to parse (too deeply nested): simplify it");
            return;
        }
        if (request.getOperations().stream().anyMatch(u -> u instanceof UpdateLoad)) {
            WriteResponses.error(action, 400, LOAD_REFUSED);
            return;
        }
        action.log.info(String.format("[%d] Update (write path) = %s", action.id, QueryText.forLog(text)));
        try {
            WriteReport r = database.write(Database.Origin.http("SPARQL Update", action.getUser()),
                dsg -> UpdateExec.dataset(dsg).update(request)
                                 .context(Context.mergeCopy(action.getContext(), semantics.context())).execute());
            WriteResponses.report(action, 200, r, null);
        } catch (LoadException e) {
            WriteResponses.refused(action, e);
        } catch (QueryDeniedException e) {
            WriteResponses.error(action, 422, e.getMessage());
        } catch (QueryCancelledException e) {
            WriteResponses.error(action, 503, "The update's WHERE clause timed out; nothing was written.");
        } catch (UpdateException e) {
            WriteResponses.error(action, 400, e.getMessage());
        } catch (StackOverflowError e) {
            WriteResponses.error(action, 400, "Update too complex to evaluate (too deeply nested); nothing was written");
        }
    }

    /** {@code using-graph-uri} and {@code using-named-graph-uri} of the protocol. */
    private static UsingList using(HttpAction action) {
        UsingList list = new UsingList();
        String[] using = action.getRequest().getParameterValues("using-graph-uri");
        String[] named = action.getRequest().getParameterValues("using-named-graph-uri");
        if (using != null)
            for (String u : using)
                list.addUsing(iri(u));
        if (named != null)
            for (String u : named)
                list.addUsingNamed(iri(u));
        return list;
    }

    private static Node iri(String s) {
        if (!IRIs.check(s))
            ServletOps.errorBadRequest("SPARQL Update: bad IRI: " + s);
        return NodeFactory.createURI(s);
    }
}
