package org.treatygraph.link;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the link workflow talks to Wikidata.
 *
 * @param endpoint      the Wikidata SPARQL endpoint (default {@link #DEFAULT_ENDPOINT})
 * @param userAgent     the User-Agent header sent with every request (Wikimedia's policy asks
 *                      for a descriptive one with contact information)
 * @param timeout       connect and per-request timeout
 * @param batchSize     rows per VALUES block: one request per batch, one request at a time
 * @param languages     the label languages compared, in order of preference (default en, ja, ru)
 * @param maxCandidates candidates kept per entity in the review file
 */
public record LinkConfig(URI endpoint, String userAgent, Duration timeout, int batchSize,
                         List<String> languages, int maxCandidates) {

    public static final String DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql";
    public static final String DEFAULT_USER_AGENT =
        "TreatyGraph/0.1 (https://w3id.org/treatygraph; link verb) Apache-Jena/5.6.0";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_BATCH_SIZE = 50;
    public static final List<String> DEFAULT_LANGUAGES = List.of("en", "ja", "ru");
    public static final int DEFAULT_MAX_CANDIDATES = 5;

    public LinkConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme()))
            throw new IllegalArgumentException("endpoint must be an http(s) URL: " + endpoint);
        if (userAgent == null || userAgent.isBlank())
            throw new IllegalArgumentException("a User-Agent is required");
        if (timeout == null || timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("timeout must be positive");
        if (batchSize < 1 || batchSize > 500)
            throw new IllegalArgumentException("batch size must be 1..500: " + batchSize);
        languages = List.copyOf(languages);
        if (languages.isEmpty() || languages.stream().anyMatch(l -> !l.matches("[a-z]{2,3}(-[a-z0-9]+)*")))
            throw new IllegalArgumentException("languages must be lower-case language tags: " + languages);
        if (maxCandidates < 1)
            throw new IllegalArgumentException("max candidates must be at least 1");
    }

    /** The defaults, with the given endpoint. */
    public static LinkConfig defaults(URI endpoint) {
        return new LinkConfig(endpoint, DEFAULT_USER_AGENT, DEFAULT_TIMEOUT, DEFAULT_BATCH_SIZE,
                              DEFAULT_LANGUAGES, DEFAULT_MAX_CANDIDATES);
    }
}
