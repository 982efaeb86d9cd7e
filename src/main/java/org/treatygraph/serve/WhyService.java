package org.treatygraph.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.servlets.ActionProcessor;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.treatygraph.derive.Explanation;
import org.treatygraph.derive.Why;

/**
 * {@code GET /kg/why?s=…&p=…&o=…}: why a triple holds. For a triple of the inferred graph, the
 * rules that derive it and their premises, explained in turn down to the graphs that state them
 * (a source text with its title, date and evidence quotes; the background graph with its
 * references); for an asserted triple, the graphs that state it. Terms are {@code <IRI>}, an
 * absolute IRI, {@code prefix:name} (the dataset's prefixes) or, for {@code o}, a literal
 * ({@code "Lavrov"@en}, {@code "2019-01-14"^^xsd:date}; other text is a plain string).
 *
 * <p>Answers: JSON ({@code application/json}, the default), readable text ({@code text/plain}) or
 * HTML ({@code text/html}) by {@code Accept} or {@code format=json|text|html}; 200 also for a triple
 * that is not in the data (status {@code absent}); 400 for a missing or malformed term.
 */
final class WhyService implements ActionProcessor {
    private static final AcceptList OFFER = AcceptList.create("application/json", "text/plain", "text/html");

    private final DatasetGraph dsg;
    private final Why why;

    /** @param rulesDir the rules the database was derived with (null: only asserted triples are explained) */
    WhyService(DatasetGraph dsg, Path rulesDir) {
        this.dsg = dsg;
        this.why = new Why(rulesDir);
    }

    @Override
    public void execGet(HttpAction action) {
        String format = format(action);
        if (format == null) {
            send(action, 400, "text/plain", "format= takes json, text or html\n");
            return;
        }
        Explanation e;
        try {
            e = Txn.calculateRead(dsg, () -> {
                Node s = term(action, "s", false), p = term(action, "p", false), o = term(action, "o", true);
                return why.explain(dsg, Triple.create(s, p, o));
            });
        } catch (IllegalArgumentException bad) {
            if (format.equals("json")) {
                JsonObject o = new JsonObject();
                o.put("status", 400);
                o.put("message", bad.getMessage());
                send(action, 400, "application/json", json(o));
            } else {
                send(action, 400, "text/plain", bad.getMessage() + "\n");
            }
            return;
        }
        var prefixes = Txn.calculateRead(dsg, () -> org.apache.jena.riot.system.PrefixMapFactory.create(dsg.prefixes()));
        switch (format) {
            case "text" -> send(action, 200, "text/plain", e.toText(prefixes));
            case "html" -> send(action, 200, "text/html", e.toHtml(prefixes));
            default -> send(action, 200, "application/json", json(e.toJson(prefixes)));
        }
    }

    @Override
    public void execHead(HttpAction action) {
        execGet(action);
    }

    @Override
    public void execOptions(HttpAction action) {
        action.setResponseHeader("Allow", "GET, HEAD, OPTIONS");
        action.setResponseStatus(200);
    }

    private Node term(HttpAction action, String name, boolean object) {
        String raw = action.getRequestParameter(name);
        if (raw == null)
            throw new IllegalArgumentException("Give the triple as ?s=…&p=…&o=… (" + name + " is missing): <IRI>, an absolute"
                                               + " IRI or prefix:name; o may be a literal such as \"text\"@en");
        try {
            return Why.term(raw, dsg.prefixes(), object);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    /** json, text or html: format= first, then Accept; null for an unknown format=. */
    private static String format(HttpAction action) {
        String f = action.getRequestParameter("format");
        if (f != null) {
            f = f.toLowerCase(Locale.ROOT);
            return f.equals("json") || f.equals("text") || f.equals("html") ? f : null;
        }
        String accept = action.getRequestHeader("Accept");
        if (accept == null || accept.isBlank())
            return "json";
        try {
            MediaType m = AcceptList.match(new AcceptList(accept), OFFER);
            if (m == null)
                return "json";
            return switch (m.getContentTypeStr()) {
                case "text/plain" -> "text";
                case "text/html" -> "html";
                default -> "json";
            };
        } catch (RuntimeException e) {
            return "json";
        }
    }

    private static String json(JsonObject o) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        JSON.write(buf, o);
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static void send(HttpAction action, int status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        action.setResponseStatus(status);
        action.setResponseContentType(type + "; charset=utf-8");
        action.setResponseContentLength(bytes.length);
        try {
            action.getResponseOutputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
