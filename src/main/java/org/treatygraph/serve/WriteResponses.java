package org.treatygraph.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.treatygraph.load.LoadException;
import org.treatygraph.load.Problem;
import org.treatygraph.load.WriteReport;

/**
 * The answers of the write endpoints (update, store, reload). A write that went through answers
 * 200 (201 when it created a graph) with a JSON report: the change to the asserted graphs, the
 * inferred graph's change, the journal entry, and the findings that were reported without
 * refusing it. A refused write answers with every problem — 400 (unreadable input), 403 (a graph
 * only the pipeline writes, or the default graph), 409 (journaled changes that no longer fit the
 * files), 422 (breaks a SHACL shape or an ERROR check) — as JSON when the client asks for
 * {@code application/json}, otherwise as text, one problem per line.
 */
final class WriteResponses {
    private static final AcceptList OFFER = AcceptList.create("text/plain", "application/json");

    private WriteResponses() {}

    /** The HTTP status of a refusal. */
    static int status(LoadException.Reason reason) {
        return switch (reason) {
            case BAD_INPUT -> 400;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case INVALID -> 422;
        };
    }

    static void report(HttpAction action, int status, WriteReport r, JsonObject extra) {
        JsonObject o = new JsonObject();
        o.put("operation", r.operation());
        o.put("added", r.added());
        o.put("removed", r.removed());
        JsonObject inf = new JsonObject();
        inf.put("added", r.inference().added());
        inf.put("removed", r.inference().removed());
        o.put("inferred", inf);
        if (r.journalEntry() > 0)
            o.put("journalEntry", r.journalEntry());
        if (r.replayed() > 0)
            o.put("journalReplayed", r.replayed());
        if (r.record() != null) {
            o.put("triples", r.record().totalTriples());
            if (r.record().contentHash() != null)
                o.put("contentHash", r.record().contentHash());
        }
        o.put("millis", r.millis());
        o.put("warnings", problems(r.warnings()));
        if (extra != null)
            extra.forEach(o::put);
        send(action, status, "application/json", json(o));
    }

    static void refused(HttpAction action, LoadException e) {
        int status = status(e.reason());
        String reason = e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        long errors = e.problems().stream().filter(Problem::isError).count();
        String summary = "Refused (" + reason + "): " + errors + " error(s); nothing was written.";
        if (wantsJson(action)) {
            JsonObject o = new JsonObject();
            o.put("status", status);
            o.put("error", reason);
            o.put("message", summary);
            o.put("problems", problems(e.problems()));
            send(action, status, "application/json", json(o));
        } else {
            StringBuilder sb = new StringBuilder(summary).append('\n');
            e.problems().forEach(p -> sb.append(p).append('\n'));
            send(action, status, "text/plain", sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    static void error(HttpAction action, int status, String message) {
        if (wantsJson(action)) {
            JsonObject o = new JsonObject();
            o.put("status", status);
            o.put("message", message);
            send(action, status, "application/json", json(o));
        } else {
            send(action, status, "text/plain", (message + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    static JsonArray problems(List<Problem> problems) {
        JsonArray a = new JsonArray();
        for (Problem p : problems) {
            JsonObject o = new JsonObject();
            o.put("severity", p.severity().name());
            o.put("rule", p.rule());
            if (!p.file().isEmpty()) {
                o.put("file", p.file());
                if (p.line() > 0)
                    o.put("line", p.line());
                if (p.column() > 0)
                    o.put("column", p.column());
            }
            if (!p.focusNode().isEmpty())
                o.put("focusNode", p.focusNode());
            if (!p.path().isEmpty())
                o.put("path", p.path());
            o.put("message", p.message());
            a.add(o);
        }
        return a;
    }

    private static boolean wantsJson(HttpAction action) {
        String accept = action.getRequestHeader("Accept");
        if (accept == null || accept.isBlank())
            return false;
        try {
            MediaType m = AcceptList.match(new AcceptList(accept), OFFER);
            return m != null && m.getContentTypeStr().equals("application/json");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] json(JsonObject o) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        JSON.write(buf, o);
        return buf.toByteArray();
    }

    private static void send(HttpAction action, int status, String type, byte[] body) {
        action.setResponseStatus(status);
        action.setResponseContentType(type + "; charset=utf-8");
        action.setResponseContentLength(body.length);
        try {
            action.getResponseOutputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
