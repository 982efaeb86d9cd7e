package org.treatygraph.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;

/**
 * The TDB2 database: one folder, its default graph queried as the union of the named graphs. A
 * running server announces itself in the folder ({@code server.url}), so that other commands
 * that find the database locked can say who holds it and call that server instead.
 */
public final class Store {
    private static final String SERVER_FILE = "server.url";

    private Store() {}

    /** The database is held by another process (a running server, usually). */
    public static final class LockedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String serverUrl;

        LockedException(String message, String serverUrl) {
            super(message);
            this.serverUrl = serverUrl;
        }

        /** The base URL of the server that holds it, when one announced itself. */
        public Optional<String> serverUrl() {
            return Optional.ofNullable(serverUrl);
        }
    }

    /**
     * Open (creating if needed) the database in {@code dir}, with {@link TDB2#symUnionDefaultGraph} on.
     *
     * @throws LockedException when another process holds it
     */
    public static DatasetGraph open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create database folder " + dir, e);
        }
        DatasetGraph dsg;
        try {
            dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("Failed to get a lock"))
                throw e;
            Optional<String> server = announced(dir);
            throw new LockedException("the database " + dir + " is in use by another process (" + e.getMessage() + ")"
                + server.map(u -> ": the server at " + u + " holds it; change it through that server"
                                  + " (`reload` calls POST " + u + "/$/reload; SPARQL Update at " + u + "/kg/update)")
                        .orElse("; stop that process, or use another --db"), server.orElse(null));
        }
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        return dsg;
    }

    /** Record that a server at {@code baseUrl} holds the database in {@code dir}. */
    public static void announce(Path dir, String baseUrl) {
        try {
            Files.writeString(dir.resolve(SERVER_FILE), baseUrl + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server no longer holds the database. */
    public static void withdraw(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(SERVER_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL of the server that announced itself for {@code dir} (it may have died since). */
    public static Optional<String> announced(Path dir) {
        Path f = dir.resolve(SERVER_FILE);
        try {
            return Files.isRegularFile(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip())
                                                    .filter(s -> !s.isEmpty())
                                          : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code dir} holds a database (is a non-empty folder). */
    public static boolean exists(Path dir) {
        if (!Files.isDirectory(dir))
            return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All quads of the database, every graph included. */
    public static long countQuads(DatasetGraph dsg) {
        return Txn.calculateRead(dsg, () -> {
            long[] n = {0};
            dsg.find().forEachRemaining(q -> n[0]++);
            return n[0];
        });
    }
}
