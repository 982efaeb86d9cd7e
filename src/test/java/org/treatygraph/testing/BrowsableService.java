package org.treatygraph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.jena.tdb2.sys.TDBInternal;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.index.LabelIndex;
import org.treatygraph.load.Database;
import org.treatygraph.load.Project;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.serve.TreatyServer;

/**
 * The service as {@code serve} runs it, on the real ontology, rules, data and named queries (read
 * from the project, the database in a temporary folder): the write path with the label index,
 * Fuseki on a free loopback port. For the tests of browsing without SPARQL.
 */
public final class BrowsableService implements AutoCloseable {
    private final Path tmp;
    private final Database db;
    private final TreatyServer server;

    private BrowsableService(Path tmp, Database db, TreatyServer server) {
        this.tmp = tmp;
        this.db = db;
        this.server = server;
    }

    /** Build the database from the real project and start a server on it. */
    public static BrowsableService start() {
        return start("");
    }

    /** {@link #start()}, the server knowing its public URL ({@code serve --base}). */
    public static BrowsableService start(String publicBase) {
        try {
            Path tmp = Files.createTempDirectory("browsable");
            Project project = new Project(Path.of("."));
            Database db = Database.open(tmp.resolve("tdb2"), project, new Reasoner(project.rulesDir()), LabelIndex.writeThrough());
            db.rebuild(Database.OnError.REFUSE);
            TreatyServer server = TreatyServer.builder(db).port(0)
                .namedQueries(NamedQueries.load(project.queriesDir())).publicBase(publicBase).build().start();
            return new BrowsableService(tmp, db, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT} */
    public String base() {
        return server.baseUrl();
    }

    public Database database() {
        return db;
    }

    @Override
    public void close() {
        server.stop();
        TDBInternal.expel(db.dataset());
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
