package org.treatygraph.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDFS;
import org.treatygraph.load.Graphs;
import org.apache.jena.update.UpdateAction;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.load.Database;
import org.treatygraph.load.Project;
import org.treatygraph.load.WriteReport;

/**
 * The write path's costs, on the real data and on generated data: a build from the files into an
 * empty database, a reload with the files unchanged, a reload after one data file gained a
 * triple (what {@code POST /$/reload} and the {@code reload} verb do), and a small journaled write
 * (what a SPARQL Update does: validation of what it touches, checks, inference, journal). Each
 * reload and write is run several times; the median is printed with the change it made — a figure
 * for a write that changed nothing is not a figure.
 */
public final class ReloadBench {
    private ReloadBench() {}

    /** Print the table for the real project and, when {@code size > 0}, for generated data of that size. */
    public static void run(Bench.Config cfg, int runs, PrintStream out) {
        out.println("# Treaty Graph write path, " + java.time.LocalDate.now());
        out.println();
        out.println("| dataset | asserted | build (empty db) | reload, files unchanged (p50) | reload, one triple added (p50) | HTTP-style write: one comment replaced (p50) | heap in use |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        Project real = new Project(cfg.project());
        Path rules = real.rulesDir();
        row(out, "real data", copy(real, cfg.work().resolve("reload-real/project")), rules, cfg.work().resolve("reload-real/tdb2"), runs);
        if (cfg.size() > 0) {
            Path root = cfg.work().resolve("reload-gen-" + cfg.size());
            Bench.deleteTree(root);
            Generator.generate(root.resolve("project"), cfg.project().resolve("ontology"), cfg.size(), cfg.seed());
            row(out, "generated, " + String.format(Locale.ROOT, "%,d", cfg.size()), new Project(root.resolve("project")),
                rules, root.resolve("tdb2"), runs);
        }
    }

    private static void row(PrintStream out, String name, Project project, Path rules, Path dir, int runs) {
        Bench.deleteTree(dir);
        Database db = Database.open(dir, project, new Reasoner(rules));
        try {
            long t0 = System.nanoTime();
            WriteReport build = db.rebuild(Database.OnError.WARN);
            double buildMs = (System.nanoTime() - t0) / 1e6;
            List<Double> same = new ArrayList<>(), changed = new ArrayList<>(), write = new ArrayList<>();
            String changeNote = "", writeNote = "";
            Path file = project.dataFiles().get(project.dataFiles().size() - 1);
            // the write annotates an entity that a graph labels, in that graph (valid: no new graph, no new term)
            String[] target = Txn.calculateRead(db.dataset(), () -> {
                var q = db.dataset().find(Node.ANY, Node.ANY, RDFS.label.asNode(), Node.ANY);
                while (q.hasNext()) {
                    var quad = q.next();
                    if (!Graphs.isReserved(quad.getGraph()) && quad.getSubject().isURI()
                        && !quad.getGraph().getURI().equals(Graphs.ONTOLOGY))
                        return new String[] {quad.getGraph().getURI(), quad.getSubject().getURI()};
                }
                throw new IllegalStateException("no labelled entity to write about");
            });
            for (int i = 0; i < runs; i++) {
                same.add(time(() -> db.rebuild(Database.OnError.WARN)));
                append(file, i);
                WriteReport[] r = {null};
                changed.add(time(() -> r[0] = db.rebuild(Database.OnError.WARN)));
                changeNote = "+" + r[0].added() + " -" + r[0].removed();
                int n = i;
                write.add(time(() -> r[0] = db.write(Database.Origin.http("bench write", "bench"), dsg -> UpdateAction.parseExecute(
                    "INSERT DATA { GRAPH <" + target[0] + "> { <" + target[1]
                    + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"bench " + n + "\"@en . } } ;"
                    + "DELETE DATA { GRAPH <" + target[0] + "> { <" + target[1]
                    + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"bench " + (n - 1) + "\"@en . } }", dsg))));
                writeNote = "+" + r[0].added() + " -" + r[0].removed();
            }
            Runtime rt = Runtime.getRuntime();
            out.printf(Locale.ROOT, "| %s | %,d | %s | %s | %s (%s) | %s (%s) | %,d MB |%n", name,
                       build.record().totalTriples() - build.record().triplesPerGraph().getOrDefault(
                           org.treatygraph.load.Graphs.INFERRED, 0L),
                       Bench.ms(buildMs), Bench.ms(p50(same)), Bench.ms(p50(changed)), changeNote, Bench.ms(p50(write)), writeNote,
                       (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        } finally {
            TDBInternal.expel(db.dataset());
        }
    }

    private static void append(Path file, int i) {
        try {
            Files.writeString(file, "\nGRAPH <https://w3id.org/treatygraph/graph/bench-files> { <https://w3id.org/treatygraph/id/bench-file/"
                              + i + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"appended " + i + "\"@en . }\n",
                              StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double p50(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        return s.get(s.size() / 2);
    }

    /** ontology/ and data/ of {@code project}, copied under {@code dir} (the bench appends to a data file). */
    private static Project copy(Project project, Path dir) {
        Bench.deleteTree(dir);
        for (Path from : List.of(project.ontologyDir(), project.dataDir())) {
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path target = dir.resolve(project.root().relativize(p).toString());
                    if (Files.isDirectory(p))
                        Files.createDirectories(target);
                    else
                        Files.copy(p, target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Project(dir);
    }
}
