package org.treatygraph.serve;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.server.CounterName;
import org.apache.jena.fuseki.servlets.ActionExecLib;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQLProtocol;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.util.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Fuseki's SPARQL query endpoint with honest limits:
 * <ul>
 * <li>the text is checked before it is parsed (nesting, UNIONs: {@link QueryText}); a text that is
 * still too deep for the parser or the algebra is a 400, never a 500 or a stack trace in the log;
 * a log line shows at most {@value QueryText#LOGGED} characters of it;</li>
 * <li>the rows of a SELECT are held back until the query has finished, up to
 * {@link Limits#resultBuffer()} rows: a timeout before then is a 503 with nothing else sent; a
 * larger result streams once the buffer is full, and a timeout while it streams aborts the
 * connection, so that a client sees a broken transfer — never a clean 200 with a cut body.
 * CONSTRUCT, DESCRIBE and ASK are built whole before anything is sent. An error thrown by Jena
 * while a query is being cancelled is a timeout (503), not a 500.</li>
 * <li>an answer held whole is sent whole, with its length, in one write ({@link WholeResponse});
 * one that streams streams from its first byte.</li>
 * </ul>
 */
final class QueryService extends SPARQL_QueryDataset {
    private static final String BASE = "http://localhost/";

    private final transient Limits limits;

    QueryService(Limits limits) {
        this.limits = limits;
    }

    @Override
    protected void execute(String queryString, HttpAction action) {
        if (queryString == null || queryString.isBlank()) {
            ServletOps.errorBadRequest("Empty query: send the SPARQL text as query= or as the request body");
            return;
        }
        Optional<String> tooBig = QueryText.check(queryString, limits);
        String log = QueryText.forLog(queryString);
        action.log.info(String.format("[%d] Query = %s", action.id, log));
        if (tooBig.isPresent()) {
            ServletOps.errorBadRequest("Query refused before parsing: " + tooBig.get());
            return;
        }
        Query query;
        try {
            query = QueryFactory.create(QueryText.withoutComments(queryString), BASE, Syntax.syntaxARQ);
        } catch (QueryParseException ex) {
            if (QueryText.isStackOverflow(ex)) {
                ServletOps.errorBadRequest("Query too complex to parse (too deeply nested): simplify it");
                return;
            }
            String msg = SPARQLProtocol.messageForParseException(ex);
            action.log.warn(String.format("[%d] %s", action.id, msg));
            ServletOps.errorBadRequest(msg);
            return;
        } catch (QueryException ex) {
            ServletOps.errorBadRequest("Error: " + SPARQLProtocol.messageForException(ex));
            return;
        } catch (StackOverflowError ex) {
            ServletOps.errorBadRequest("Query too complex to parse (too deeply nested): simplify it");
            return;
        }
        try {
            action.beginRead();
            Pair<DatasetGraph, Query> p = decideDataset(action, query, log);
            Query q = p.getRight() == null ? query : p.getRight();
            try (QueryExec qExec = createQueryExec(action, q, p.getLeft())) {
                QueryExecResult result = executeQuery(action, qExec, query, log);
                try {
                    sendResults(action, result, query.getPrologue());
                } catch (RuntimeException | Error e) {
                    WholeResponse.drop(action.getRequest());     // the error answer replaces what was written
                    throw e;
                }
            }
        } catch (QueryParseException ex) {
            action.abortSilent();
            ServletOps.errorBadRequest("Query parse error: " + SPARQLProtocol.messageForException(ex));
        } catch (QueryCancelledException ex) {
            action.abortSilent();
            ActionExecLib.incCounter(action.getEndpoint().getCounters(), CounterName.QueryTimeouts);
            throw ex;
        } catch (QueryExceptionHTTP ex) {
            // A SERVICE endpoint failed. Its own status is not ours: a redirect (not followed) or an error is a bad gateway.
            action.abortSilent();
            throw new QueryExceptionHTTP(502, "A SERVICE endpoint answered " + (ex.getStatusCode() > 0 ? ex.getStatusCode() + " " : "")
                                              + (ex.getStatusCode() >= 300 && ex.getStatusCode() < 400 ? "(a redirect; redirects are not followed)" : ex.getMessage()));
        } catch (StackOverflowError ex) {
            action.abortSilent();
            ServletOps.errorBadRequest("Query too complex to evaluate (too deeply nested): simplify it");
        } finally {
            action.endRead();
        }
    }

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec queryExec, Query requestQuery, String queryStringLog) {
        AtomicBoolean cancelled = Context.getCancelSignal(queryExec.getContext());
        try {
            if (requestQuery.isSelectType())
                return new QueryExecResult(held(action, queryExec.select(), cancelled));
            return super.executeQuery(action, queryExec, requestQuery, queryStringLog);
        } catch (QueryCancelledException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            // Jena may fail in other ways while it cancels (e.g. in a hash join): that is a timeout.
            if (cancelled != null && cancelled.get())
                throw new QueryCancelledException();
            throw ex;
        }
    }

    /** The rows, held back until the query finished or {@link Limits#resultBuffer()} are in hand. */
    private RowSet held(HttpAction action, RowSet rows, AtomicBoolean cancelled) {
        List<Var> vars = rows.getResultVars();
        List<Binding> buffer = new ArrayList<>();
        while (buffer.size() < limits.resultBuffer() && rows.hasNext())
            buffer.add(rows.next());
        if (!rows.hasNext())
            return RowSetStream.create(vars, buffer.iterator());
        try {
            WholeResponse.stream(action.getRequest());       // this answer streams from its first byte
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return RowSetStream.create(vars, new Streamed(action, buffer.iterator(), rows, cancelled));
    }

    /** The buffered rows, then the rest as it comes; a cancellation now aborts the connection. */
    private static final class Streamed implements Iterator<Binding> {
        private final HttpAction action;
        private final Iterator<Binding> head;
        private final RowSet rest;
        private final AtomicBoolean cancelled;

        Streamed(HttpAction action, Iterator<Binding> head, RowSet rest, AtomicBoolean cancelled) {
            this.action = action;
            this.head = head;
            this.rest = rest;
            this.cancelled = cancelled;
        }

        @Override
        public boolean hasNext() {
            if (head.hasNext())
                return true;
            try {
                return rest.hasNext();
            } catch (RuntimeException e) {
                throw cut(e);
            }
        }

        @Override
        public Binding next() {
            if (head.hasNext())
                return head.next();
            if (!hasNext())
                throw new NoSuchElementException();
            try {
                return rest.next();
            } catch (RuntimeException e) {
                throw cut(e);
            }
        }

        private RuntimeException cut(RuntimeException e) {
            boolean timeout = e instanceof QueryCancelledException || (cancelled != null && cancelled.get());
            action.log.warn(String.format("[%d] %s after %s rows were sent: the connection is aborted so that the client"
                                          + " sees an incomplete transfer", action.id, timeout ? "Timeout" : "Failure",
                                          "the buffered"));
            try {
                ServletContextRequest.getServletContextRequest(action.getRequest()).getServletChannel().abort(e);
            } catch (RuntimeException ignored) {
                // the connection is gone already
            }
            return timeout ? new QueryCancelledException() : e;
        }
    }
}
