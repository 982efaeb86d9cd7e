package org.treatygraph.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;

/** Times SPARQL queries against an HTTP endpoint, the way a client sees them (request to last byte). */
final class SparqlHttp {
    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final String endpoint;

    SparqlHttp(String endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * One timed execution: wall time, rows and a digest of the answer (the rows as text, sorted), or
     * capped (no answer within the cap) or failed (HTTP status).
     */
    record Timing(double millis, long rows, boolean capped, String error, int digest, Answer answer) {
        Timing(double millis, long rows, boolean capped, String error) {
            this(millis, rows, capped, error, 0, null);
        }
    }

    Timing run(String query, Duration cap) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
            .timeout(cap)
            .header("Content-Type", "application/sparql-query")
            .header("Accept", "application/sparql-results+json")
            .POST(HttpRequest.BodyPublishers.ofString(query))
            .build();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return new Timing(cap.toMillis(), -1, true, null);
        } catch (IOException e) {
            return new Timing((System.nanoTime() - t0) / 1e6, -1, false, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Timing((System.nanoTime() - t0) / 1e6, -1, false, "interrupted");
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        if (response.statusCode() == 503 && millis >= cap.toMillis() * 0.9)
            return new Timing(cap.toMillis(), -1, true, null);   // the server's own timeout at the cap
        if (response.statusCode() != 200)
            return new Timing(millis, -1, false, "HTTP " + response.statusCode());
        if (isBoolean(response.body()))
            return new Timing(millis, 1, false, null, new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).hashCode(), null);
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON);
        // each row as its values in the order of the result variables (a binding's own text lists its
        // variables in the order each system happened to write them, and skips unbound ones), literals
        // in their canonical form, rows sorted
        Answer answer = Answer.read(rs);
        return new Timing(millis, answer.rows.size(), false, null, answer.digest(), answer);
    }

    /** An ASK answer ({"head": {}, "boolean": …}) rather than a result set. */
    private static boolean isBoolean(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
        return start.contains("\"boolean\"");
    }

    /** Whether the endpoint answers a trivial query now. */
    boolean answers() {
        return run("ASK {}", Duration.ofSeconds(5)).error() == null;
    }
}
