package org.treatygraph.link;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.engine.binding.Binding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A polite SPARQL client for the Wikidata endpoint: one request at a time, a descriptive
 * User-Agent, connect and request timeouts, SPARQL 1.1 Protocol POST (form-encoded), JSON
 * results. A 429 or 503 answer is retried once, after the server's Retry-After (capped at
 * {@value #MAX_RETRY_AFTER_SECONDS} s); anything else fails at once: no retry storms.
 */
final class WikidataClient {
    private static final Logger LOG = LoggerFactory.getLogger(WikidataClient.class);
    static final long MAX_RETRY_AFTER_SECONDS = 30;

    private final LinkConfig config;
    private final HttpClient http;
    private int requests;

    WikidataClient(LinkConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    }

    /** Requests sent so far. */
    int requests() {
        return requests;
    }

    /** Runs a SELECT query at the endpoint and returns its rows. */
    List<Binding> select(Query query) {
        String body = "query=" + URLEncoder.encode(query.serialize(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(config.endpoint())
            .timeout(config.timeout())
            .header("User-Agent", config.userAgent())
            .header("Accept", "application/sparql-results+json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = send(request);
            int status = response.statusCode();
            if (status == 200)
                return read(response);
            String message = errorBody(response);
            OptionalLong retryAfter = response.headers().firstValueAsLong("Retry-After");
            if (attempt == 1 && (status == 429 || status == 503)) {
                long wait = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, retryAfter.orElse(5)));
                LOG.warn("{} answered HTTP {}; retrying once in {} s", config.endpoint(), status, wait);
                sleep(Duration.ofSeconds(wait));
                continue;
            }
            throw new WikidataException(config.endpoint() + " answered HTTP " + status
                                        + (message.isBlank() ? "" : ": " + message));
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        requests++;
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new WikidataException("no answer from " + config.endpoint() + " within "
                                        + config.timeout().toSeconds() + " s", e);
        } catch (IOException e) {
            throw new WikidataException("cannot reach " + config.endpoint() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WikidataException("interrupted while asking " + config.endpoint(), e);
        }
    }

    private static List<Binding> read(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            ResultSet rs = ResultSetMgr.read(in, ResultSetLang.RS_JSON);
            List<Binding> rows = new ArrayList<>();
            while (rs.hasNext())
                rows.add(rs.nextBinding());
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new WikidataException("cannot read the endpoint's answer as SPARQL JSON results: " + e.getMessage(), e);
        }
    }

    private static String errorBody(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            String s = new String(in.readNBytes(500), StandardCharsets.UTF_8).strip();
            return s.replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WikidataException("interrupted while waiting to retry", e);
        }
    }

    /** The endpoint could not be asked, or answered with an error. */
    static final class WikidataException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        WikidataException(String message) { super(message); }
        WikidataException(String message, Throwable cause) { super(message, cause); }
    }
}
