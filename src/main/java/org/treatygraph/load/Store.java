package org.treatygraph.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;

/** The TDB2 database: one folder, its default graph queried as the union of the named graphs. */
public final class Store {
    private Store() {}

    /** Open (creating if needed) the database in {@code dir}, with {@link TDB2#symUnionDefaultGraph} on. */
    public static DatasetGraph open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create database folder " + dir, e);
        }
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        return dsg;
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
