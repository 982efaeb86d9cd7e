package org.treatygraph.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;

/** The service tests' own fixtures (src/test/resources/service) and helpers. */
public final class Fixtures {
    private Fixtures() {}

    public static final Path DIR = Path.of("src/test/resources/service");
    /** A small project: ontology/ (with shapes.ttl), data/, queries/. */
    public static final Path PROJECT = DIR.resolve("project");

    public static final String TARO = Graphs.BASE + "id/person/taro-kono";
    public static final String LAVROV = Graphs.BASE + "id/person/sergey-lavrov";
    public static final String SOURCE_000 = Graphs.GRAPH + "source/000";
    public static final String BACKGROUND = Graphs.GRAPH + "background";

    public static Path file(String name) {
        return DIR.resolve(name);
    }

    /** A copy of the fixture project under {@code dir}, to change freely. */
    public static Project copyProject(Path dir) {
        try (Stream<Path> s = Files.walk(PROJECT)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = dir.resolve(PROJECT.relativize(p).toString());
                if (Files.isDirectory(p))
                    Files.createDirectories(target);
                else
                    Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Project(dir);
    }

    /** An in-memory copy of a database (read transaction). */
    public static DatasetGraph snapshot(DatasetGraph dsg) {
        DatasetGraph copy = DatasetGraphFactory.create();
        Txn.executeRead(dsg, () -> dsg.find().forEachRemaining(copy::add));
        return copy;
    }

    /** Whether two datasets hold the same graph names with isomorphic graphs, the meta graph left out. */
    public static boolean isomorphicExceptMeta(DatasetGraph a, DatasetGraph b) {
        if (!names(a).equals(names(b)))
            return false;
        for (Node g : names(a))
            if (!g.getURI().equals(Graphs.META) && !a.getGraph(g).isIsomorphicWith(b.getGraph(g)))
                return false;
        return a.getDefaultGraph().isIsomorphicWith(b.getDefaultGraph());
    }

    /** Whether two datasets hold the same graph names with isomorphic graphs, every graph compared. */
    public static boolean isomorphic(DatasetGraph a, DatasetGraph b) {
        if (!names(a).equals(names(b)))
            return false;
        for (Node g : names(a))
            if (!a.getGraph(g).isIsomorphicWith(b.getGraph(g)))
                return false;
        return a.getDefaultGraph().isIsomorphicWith(b.getDefaultGraph());
    }

    /** A database on {@code dir} for {@code project}, built from its files (no rules), refusing ERROR findings. */
    public static Database built(Path dir, Project project) {
        Database db = Database.open(dir, project, Inference.none());
        db.rebuild(Database.OnError.REFUSE);
        return db;
    }

    public static java.util.Set<Node> names(DatasetGraph dsg) {
        java.util.Set<Node> names = new java.util.TreeSet<>((x, y) -> x.toString().compareTo(y.toString()));
        for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); ) {
            Node g = it.next();
            if (!dsg.getGraph(g).isEmpty())
                names.add(g);
        }
        return names;
    }
}
