import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.query.ReadWrite;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.treatygraph.index.LabelIndex;

/**
 * Where the write path's parse phase goes: the data files of a project (the bench generator's)
 * streamed into a new TDB2 database in one write transaction, committed, four ways in turn:
 * (a) the parser alone (nothing stored), (b) {@code DatasetGraph.add} on the store,
 * (c) the same through the label index's write view (jena-text: every add first asks the store
 * whether the quad is there) as the write path does, (d) TDB2's basic loader.
 * <pre>
 *   java -Xmx4g -cp target/treatygraph.jar docs/experiments/ParseSink.java PROJECT_DIR WORK_DIR [MAX_QUADS [MODE,…]]
 * </pre>
 * (docs/scale.md, "Where the parse phase goes")
 */
public class ParseSink {
    public static void main(String[] args) throws IOException {
        Path project = Path.of(args[0]);
        Path work = Path.of(args[1]);
        long max = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        List<Path> files;
        try (Stream<Path> s = Files.list(project.resolve("data"))) {
            files = s.filter(f -> f.toString().endsWith(".trig")).sorted().toList();
        }
        List<String> modes = args.length > 3 ? List.of(args[3].split(","))
                                             : List.of("parse only", "store.add", "label-index view add", "basic loader");
        for (String mode : modes) {
            Path dir = work.resolve(mode.replace(' ', '-'));
            delete(dir);
            DatasetGraph store = DatabaseMgr.connectDatasetGraph(dir.toString());
            DatasetGraph target = mode.startsWith("label") ? LabelIndex.writeThrough().over(dir, store) : store;
            long t0 = System.nanoTime();
            long[] n = {0};
            if (mode.equals("basic loader")) {
                DataLoader loader = LoaderFactory.basicLoader(store, (fmt, a) -> {});
                loader.startBulk();
                StreamRDF dest = loader.stream();
                dest.start();
                stream(files, max, new StreamRDFBase() {
                    @Override public void quad(Quad q) { n[0]++; dest.quad(q); }
                });
                dest.finish();
                loader.finishBulk();
            } else {
                target.begin(ReadWrite.WRITE);
                stream(files, max, new StreamRDFBase() {
                    @Override public void quad(Quad q) {
                        n[0]++;
                        if (!mode.equals("parse only"))
                            target.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
                    }
                });
                target.commit();
                target.end();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("%-22s %,d quads in %,d ms (%,.0f quads/s)%n", mode, n[0], ms, n[0] * 1000.0 / ms);
            TDBInternal.expel(store);
            delete(dir);
        }
    }

    /** Parse the files into {@code out} until {@code max} quads have gone by. */
    static void stream(List<Path> files, long max, StreamRDFBase out) {
        long[] seen = {0};
        class Enough extends RuntimeException {}
        try {
            for (Path f : files)
                RDFParser.source(f).parse(new StreamRDFBase() {
                    @Override public void quad(Quad q) {
                        if (seen[0]++ == max)
                            throw new Enough();
                        out.quad(q);
                    }
                });
        } catch (Enough e) {
            // read enough
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir))
            return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList())
                Files.delete(p);
        }
    }
}
