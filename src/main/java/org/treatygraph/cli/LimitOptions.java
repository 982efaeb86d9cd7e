package org.treatygraph.cli;

import java.time.Duration;
import java.util.Locale;

import org.treatygraph.serve.Limits;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The request limits and fair-use settings of {@code serve} (README "Security"), each with its environment variable. */
final class LimitOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--max-request-size", paramLabel = "SIZE", defaultValue = "${env:TREATYGRAPH_MAX_REQUEST_SIZE:-1MB}",
            description = "Largest body of a query or update request; larger: HTTP 413 (env TREATYGRAPH_MAX_REQUEST_SIZE;"
                          + " default: ${DEFAULT-VALUE}). Sizes: bytes, or with KB, MB, GB.")
    String maxRequestSize;

    @Option(names = "--max-upload-size", paramLabel = "SIZE", defaultValue = "${env:TREATYGRAPH_MAX_UPLOAD_SIZE:-256MB}",
            description = "Largest body of a Graph Store write (/kg/store); larger: HTTP 413 (env TREATYGRAPH_MAX_UPLOAD_SIZE;"
                          + " default: ${DEFAULT-VALUE}).")
    String maxUploadSize;

    @Option(names = "--max-nesting", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_MAX_NESTING:-64}",
            description = "Deepest nesting of { ( [ in a query or update, checked before parsing; deeper: HTTP 400"
                          + " (env TREATYGRAPH_MAX_NESTING; default: ${DEFAULT-VALUE}).")
    int maxNesting;

    @Option(names = "--max-unions", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_MAX_UNIONS:-512}",
            description = "Most UNIONs in a query or update, checked before parsing; more: HTTP 400"
                          + " (env TREATYGRAPH_MAX_UNIONS; default: ${DEFAULT-VALUE}).")
    int maxUnions;

    @Option(names = "--result-buffer", paramLabel = "ROWS", defaultValue = "${env:TREATYGRAPH_RESULT_BUFFER:-100000}",
            description = "Rows of a SELECT held back until the query has finished: a timeout before then is a clean HTTP 503;"
                          + " a larger result streams, and a timeout while it streams aborts the connection"
                          + " (env TREATYGRAPH_RESULT_BUFFER; default: ${DEFAULT-VALUE}).")
    int resultBuffer;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_MAX_CONCURRENT:-0}",
            description = "Requests to /kg that run at once; 0: the number of cores, at least 2 (env TREATYGRAPH_MAX_CONCURRENT;"
                          + " default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--max-queued", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_MAX_QUEUED:-64}",
            description = "Requests that wait for a free slot; more: HTTP 503 with Retry-After (env TREATYGRAPH_MAX_QUEUED;"
                          + " default: ${DEFAULT-VALUE}).")
    int maxQueued;

    @Option(names = "--queue-wait", paramLabel = "SECONDS", defaultValue = "${env:TREATYGRAPH_QUEUE_WAIT:-10}",
            description = "Longest wait for a free slot; then HTTP 503 with Retry-After (env TREATYGRAPH_QUEUE_WAIT;"
                          + " default: ${DEFAULT-VALUE}).")
    double queueWait;

    @Option(names = "--query-budget", paramLabel = "SECONDS", defaultValue = "${env:TREATYGRAPH_QUERY_BUDGET:-60}",
            description = "Query time one client address may use per minute (requests that ran longer than 1 s count);"
                          + " more: HTTP 429 with Retry-After"
                          + " (env TREATYGRAPH_QUERY_BUDGET; default: ${DEFAULT-VALUE}).")
    double queryBudget;

    @Option(names = "--auth-failures", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_AUTH_FAILURES:-5}",
            description = "Wrong passwords from one address within a minute before it must wait (HTTP 429 with Retry-After,"
                          + " doubling) (env TREATYGRAPH_AUTH_FAILURES; default: ${DEFAULT-VALUE}).")
    int authFailures;

    Limits limits() {
        Limits d = Limits.defaults();
        try {
            return new Limits(bytes(maxRequestSize, "--max-request-size"), bytes(maxUploadSize, "--max-upload-size"),
                              maxNesting, maxUnions, resultBuffer, maxConcurrent == 0 ? d.maxConcurrent() : maxConcurrent,
                              maxQueued, seconds(queueWait), seconds(queryBudget), authFailures);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /** {@code 1048576}, {@code 512KB}, {@code 1MB}, {@code 2GB} (powers of 1024). */
    private long bytes(String text, String flag) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        if (t.endsWith("KB")) { unit = 1L << 10; t = t.substring(0, t.length() - 2); }
        else if (t.endsWith("MB")) { unit = 1L << 20; t = t.substring(0, t.length() - 2); }
        else if (t.endsWith("GB")) { unit = 1L << 30; t = t.substring(0, t.length() - 2); }
        else if (t.endsWith("B")) { t = t.substring(0, t.length() - 1); }
        try {
            long n = Long.parseLong(t);
            if (n <= 0)
                throw new NumberFormatException();
            return n * unit;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), flag + " takes a positive size such as 1048576,"
                                                     + " 512KB or 1MB, not '" + text + "'");
        }
    }
}
