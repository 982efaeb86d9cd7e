package org.treatygraph.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.shared.impl.PrefixMappingImpl;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * Not a test: times the build's checking phase (the product's {@link Validator} over a TDB2 store
 * holding asserted graphs only, inside a write transaction that is then aborted) on a large
 * store, and prints the findings per shape or check. Per-shape and per-check times are logged at
 * DEBUG ({@code -Dorg.slf4j.simpleLogger.log.org.treatygraph.load=debug}).
 * <pre>
 *   java -cp target/treatygraph.jar:target/test-classes org.treatygraph.load.CheckingAtScale \
 *        --strip DB PROJECT      # once: drop the inferred and meta graphs of a copy of a built store
 *   java -cp … org.treatygraph.load.CheckingAtScale DB PROJECT [RUNS]
 * </pre>
 */
public final class CheckingAtScale {
    private CheckingAtScale() {}

    public static void main(String[] args) {
        boolean strip = args[0].equals("--strip");
        int a = strip ? 1 : 0;
        Path db = Path.of(args[a]);
        Project project = new Project(Path.of(args[a + 1]));
        int runs = args.length > a + 2 && !args[a + 2].endsWith(".rq") ? Integer.parseInt(args[a + 2]) : 1;
        DatasetGraph store = Store.open(db);
        if (args.length > a + 2 && args[a + 2].endsWith(".rq")) {
            for (int i = a + 2; i < args.length; i++)
                timeQuery(store, Path.of(args[i]));
            return;
        }
        if (strip) {
            long t0 = System.nanoTime();
            Txn.executeWrite(store, () -> {
                for (String g : List.of(Graphs.INFERRED, Graphs.META))
                    store.removeGraph(Graphs.node(g));
            });
            System.out.printf("stripped the inferred and meta graphs in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            return;
        }
        List<Path> files = new ArrayList<>(project.ontologyFiles());
        files.addAll(project.dataFiles());
        for (int r = 1; r <= runs; r++) {
            long t0 = System.nanoTime();
            Validator v = Validator.of(project);
            List<Problem> found = new ArrayList<>();
            store.begin(org.apache.jena.query.TxnType.WRITE);
            try {
                PrefixMapping prefixes = new PrefixMappingImpl();
                store.prefixes().forEach((p, iri) -> prefixes.setNsPrefix(p, iri));
                found.addAll(v.allOnAssertedStore(store, Locations.of(project, files), prefixes));
            } finally {
                store.abort();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            TreeMap<String, Integer> by = new TreeMap<>();
            found.forEach(p -> by.merge(p.severity() + " " + p.rule(), 1, Integer::sum));
            System.out.printf("run %d: checking %d ms, %d finding(s) %s%n", r, ms, found.size(), by);
            if (found.size() <= 50)
                found.forEach(p -> System.out.println("  " + p));
        }
    }

    /** One query file over the store (its union default graph), twice: rows and milliseconds of each run. */
    private static void timeQuery(DatasetGraph store, Path file) {
        org.apache.jena.query.Query q = org.apache.jena.query.QueryFactory.read(file.toString());
        for (int r = 1; r <= 2; r++) {
            long t0 = System.nanoTime();
            long rows = Txn.calculateRead(store, () -> {
                long n = 0;
                // a file named *-graph.rq runs as the SHACL candidates do: over the union graph as a plain graph
                DatasetGraph over = file.getFileName().toString().endsWith("-graph.rq")
                    ? org.apache.jena.sparql.core.DatasetGraphFactory.wrap(new SubClassCache(store.getUnionGraph())) : store;
                try (org.apache.jena.sparql.exec.QueryExec qe = org.apache.jena.sparql.exec.QueryExec.dataset(over).query(q).build()) {
                    org.apache.jena.sparql.exec.RowSet rs = qe.select();
                    while (rs.hasNext()) {
                        org.apache.jena.sparql.engine.binding.Binding b = rs.next();
                        if (n++ < 3)
                            System.out.println("  " + b);
                    }
                }
                return n;
            });
            System.out.printf("%s run %d: %d row(s), %d ms%n", file.getFileName(), r, rows, (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
