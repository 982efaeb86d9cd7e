package org.treatygraph.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.treatygraph.load.BuildRecord;
import org.treatygraph.load.Database;
import org.treatygraph.load.LoadException;
import org.treatygraph.load.Progress;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.QueryContext;
import org.treatygraph.serve.TreatyServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
         description = {"Serve SPARQL at http://HOST:PORT/kg/sparql.",
                        "First (re)builds the database (validate, load, derive) when it is missing, when the content"
                        + " hash of ontology/ + data/ differs from the one recorded in it, or with --reload;"
                        + " otherwise starts at once."})
final class ServeCommand implements Callable<Integer> {
    @Mixin Cli.Options options;

    @Option(names = "--port", defaultValue = "${env:TREATYGRAPH_PORT:-3030}",
            description = "HTTP port; 0 picks a free one (env TREATYGRAPH_PORT; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "${env:TREATYGRAPH_HOST:-127.0.0.1}",
            description = "Address to bind; 0.0.0.0 exposes the service (env TREATYGRAPH_HOST; default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--password-file", paramLabel = "FILE", defaultValue = "${env:TREATYGRAPH_PASSWORD_FILE}",
            description = "Jetty hash-login file (lines 'user: password'); enables /kg/update and /kg/store"
                          + " with HTTP basic auth (env TREATYGRAPH_PASSWORD_FILE; default: none, no updates).")
    Path passwordFile;

    @Mixin Cli.QueryOptions queryOptions;

    @Mixin LimitOptions limitOptions;
    @Option(names = "--base", paramLabel = "URL", defaultValue = "${env:TREATYGRAPH_BASE:-}",
            description = "Public URL of this service, where https://w3id.org/treatygraph/ redirects (docs/iri-registry.md):"
                          + " entity pages and search hits give absolute links under it"
                          + " (env TREATYGRAPH_BASE; default: none, links relative to the server).")
    String base;

    @Mixin Cli.ProgressOption progressOption;

    @Option(names = "--violations", paramLabel = "fail|warn", defaultValue = "${env:TREATYGRAPH_VIOLATIONS:-fail}",
            description = "On ERROR findings (SHACL violations, ERROR checks) in a rebuild from the files: fail (the"
                          + " rebuild writes nothing; the previous build, if any, is served) or warn (log them, load, serve)"
                          + " (env TREATYGRAPH_VIOLATIONS; default: ${DEFAULT-VALUE}). Parse errors always stop a rebuild."
                          + " Writes over HTTP are always refused on ERROR findings.")
    Cli.Violations violations;

    @Option(names = "--reload", defaultValue = "${env:TREATYGRAPH_RELOAD:-false}",
            description = "Rebuild the database even when it is up to date (env TREATYGRAPH_RELOAD; default: ${DEFAULT-VALUE}).")
    boolean reload;

    @Override
    public Integer call() {
        TreatyServer server = startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.join();
        return 0;
    }

    /** Build the database if needed, then start the server (returned running). */
    TreatyServer startServer() {
        long t0 = System.nanoTime();
        checkPortIsFree(host, port);
        Database db = Cli.open(options);
        Optional<BuildRecord> record = db.record();
        Progress progress = progressOption.progress();
        try {
            db.progress(progress);
            db.build(reload ? Database.Rebuild.ALWAYS : Database.Rebuild.IF_STALE, violations.onError())
              .ifPresentOrElse(Cli::log, () -> {
                  Cli.log().info("Database {} is up to date (content hash {}, built {}): starting at once",
                                 db.dir(), shortHash(record.get().contentHash()), record.get().built());
                  Cli.logRecord(record.get());
              });
        } catch (LoadException e) {
            if (record.isEmpty())
                throw e;
            e.problems().forEach(p -> Cli.log().error("{}", p));
            Cli.log().error("Rebuild failed (database unchanged): serving the previous build of {}", record.get().built());
            Cli.logRecord(record.get());
        } finally {
            ProgressLine.close(progress);
            db.progress(Progress.NONE);
        }
        QueryContext semantics = queryOptions.queryContext();
        List<String> allow = semantics.serviceAllow();
        TreatyServer server = TreatyServer.builder(db)
            .port(port)
            .host(host)
            .queryContext(semantics)
            .limits(limitOptions.limits())
            .passwordFile(passwordFile)
            .namedQueries(NamedQueries.load(db.project().queriesDir()))
            .publicBase(base)
            .build()
            .start();
        Cli.log().info("SPARQL endpoint {} (timeout {} s, SERVICE allowed: {}, updates: {}) ready after {} s",
                       server.sparqlUrl(), queryOptions.timeoutSeconds, allow.isEmpty() ? "none" : allow,
                       passwordFile == null ? "off" : "on, basic auth at " + server.datasetUrl() + "/update, "
                           + server.datasetUrl() + "/store and " + server.baseUrl() + "/$/reload",
                       String.format("%.2f", (System.nanoTime() - t0) / 1e9));
        return server;
    }

    /**
     * Fail with one line when {@code host:port} cannot be bound — before the database is opened
     * (a build can take long; a lock would be taken for nothing). Port 0 (any free one) always can.
     */
    static void checkPortIsFree(String host, int port) {
        if (port == 0)
            return;
        if (port < 0 || port > 65535)
            throw new IllegalArgumentException("--port " + port + " is not a port: give 1–65535, or 0 for any free one");
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.net.BindException e) {
            throw new IllegalStateException("port " + port + " on " + host + " is in use (a server already running?):"
                + " stop it, or give another --port (0: any free one)");
        } catch (java.io.IOException | IllegalArgumentException | SecurityException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                + " (check --host and --port)");
        }
    }

    private static String shortHash(String hash) {
        return hash == null ? "(none)" : hash.substring(0, Math.min(12, hash.length()));
    }
}
