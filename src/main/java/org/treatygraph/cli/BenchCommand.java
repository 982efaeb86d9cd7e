package org.treatygraph.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.treatygraph.bench.Bench;
import org.treatygraph.bench.LoadBench;
import org.treatygraph.bench.ReloadBench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
         description = {"Benchmark (prints figures; not a test). --part updates: incremental updates of the inferred graph"
                        + " against a derivation from scratch (real data and --size generated triples; run it in -Xmx2g).",
                        "--part all (the default): the same queries, in one run, against (a) the"
                        + " materialized TDB2 database through the HTTP endpoint and (b) stock Fuseki with Jena's live"
                        + " OWL reasoner over the asserted graphs, on the real data and on a generated dataset of the"
                        + " same shape. Prints p50/p99 per query, the ratio (b)/(a), load and derivation times, and"
                        + " writes them to WORK/results.md. If (b) cannot be built at --size, generated sizes halved step by step"
                        + " are tried (down to --min-size).",
                        "Needs memory: e.g. java -Xmx8g -jar target/treatygraph.jar bench (and --owl-heap for (b))."})
final class BenchCommand implements Callable<Integer> {
    @Mixin Cli.ProjectOption project;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "${env:TREATYGRAPH_BENCH_WORK:-run/bench}",
            description = "Folder for databases, generated data and results.md; emptied per dataset"
                          + " (env TREATYGRAPH_BENCH_WORK; default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--size", paramLabel = "TRIPLES", defaultValue = "${env:TREATYGRAPH_BENCH_SIZE:-1000000}",
            description = "Asserted triples of the generated dataset; 0 for the real data only"
                          + " (env TREATYGRAPH_BENCH_SIZE; default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--min-size", paramLabel = "TRIPLES", defaultValue = "${env:TREATYGRAPH_BENCH_MIN_SIZE:-10000}",
            description = "Smallest generated size tried when (b) cannot be built (env TREATYGRAPH_BENCH_MIN_SIZE; default: ${DEFAULT-VALUE}).")
    long minSize;

    @Option(names = "--seed", defaultValue = "${env:TREATYGRAPH_BENCH_SEED:-42}",
            description = "Generator seed (env TREATYGRAPH_BENCH_SEED; default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_BENCH_WARMUP:-2}",
            description = "Unmeasured runs of each query first, on both sides (env TREATYGRAPH_BENCH_WARMUP; default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs-a", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_BENCH_RUNS_A:-50}",
            description = "Measured runs per query on (a) (env TREATYGRAPH_BENCH_RUNS_A; default: ${DEFAULT-VALUE}).")
    int runsA;

    @Option(names = "--runs-b", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_BENCH_RUNS_B:-5}",
            description = "Measured runs per query on (b) (env TREATYGRAPH_BENCH_RUNS_B; default: ${DEFAULT-VALUE}).")
    int runsB;

    @Option(names = "--cap", paramLabel = "SECONDS", defaultValue = "${env:TREATYGRAPH_BENCH_CAP:-60}",
            description = "Cap per (b) query; a capped query counts as at least this (env TREATYGRAPH_BENCH_CAP; default: ${DEFAULT-VALUE}).")
    long capSeconds;

    @Option(names = "--build-cap", paramLabel = "SECONDS", defaultValue = "${env:TREATYGRAPH_BENCH_BUILD_CAP:-900}",
            description = "Cap on building the (b) reasoner, i.e. on its first query (env TREATYGRAPH_BENCH_BUILD_CAP; default: ${DEFAULT-VALUE}).")
    long buildCapSeconds;

    @Option(names = "--owl-heap", paramLabel = "SIZE", defaultValue = "${env:TREATYGRAPH_BENCH_OWL_HEAP:-8g}",
            description = "-Xmx of the stock Fuseki process of (b) (env TREATYGRAPH_BENCH_OWL_HEAP; default: ${DEFAULT-VALUE}).")
    String owlHeap;

    @Option(names = "--reasoner", paramLabel = "URL", defaultValue = "${env:TREATYGRAPH_BENCH_REASONER:-http://jena.hpl.hp.com/2003/OWLFBRuleReasoner}",
            description = "Jena reasoner of (b): OWLFBRuleReasoner (full OWL rules), OWLMiniFBRuleReasoner or"
                          + " OWLMicroFBRuleReasoner under http://jena.hpl.hp.com/2003/ (env TREATYGRAPH_BENCH_REASONER; default: ${DEFAULT-VALUE}).")
    String reasoner;

    /** Which part of the benchmark to run. */
    enum Part {
        /** The named queries against stock Fuseki with Jena's OWL reasoner (issue 5). */
        all,
        /** The write path's costs (issue 11). */
        reload,
        /** The public endpoint under load (issue 15). */
        load,
        /** Incremental updates of the inferred graph against a derivation from scratch (issue 13). */
        updates
    }

    @Option(names = "--part", paramLabel = "all|reload|load|updates", defaultValue = "${env:TREATYGRAPH_BENCH_PART:-all}",
            description = "all: the query benchmark against stock Fuseki + OWL reasoner; reload: the write path's costs"
                          + " (build, reload unchanged and after one change, a small HTTP-style write) on the real data and"
                          + " generated data of --size; load: the public endpoint under load (16 cheap clients, then + 4"
                          + " expensive ones, --duration each); updates: insert a meeting, delete a participant, delete an"
                          + " agreement in the middle of a lineage chain, change a tenure's end date — each an incremental"
                          + " update against a derivation from scratch, and that against TDB2's stock loader"
                          + " (env TREATYGRAPH_BENCH_PART; default: ${DEFAULT-VALUE}).")
    Part part;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "${env:TREATYGRAPH_BENCH_DURATION:-60}",
            description = "Length of each phase of --part load (env TREATYGRAPH_BENCH_DURATION; default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_BENCH_RUNS:-10}",
            description = "updates: measured runs of each update and of the derivation from scratch (env TREATYGRAPH_BENCH_RUNS;"
                          + " default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--scratch-runs", paramLabel = "N", defaultValue = "0",
            description = "updates: measured runs of the derivation from scratch, when not --runs (0: --runs).")
    int scratchRuns;

    @Option(names = "--loads", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_BENCH_LOADS:-3}",
            description = "updates: runs of TDB2's stock loader, each into a new database (env TREATYGRAPH_BENCH_LOADS;"
                          + " default: ${DEFAULT-VALUE}).")
    int loads;

    @Option(names = "--sizes", paramLabel = "LIST", split = ",", defaultValue = "${env:TREATYGRAPH_BENCH_SIZES}",
            description = "At scale (issue 18): generated datasets of these sizes (e.g. 1m,3m,10m; k and m allowed), each"
                          + " built by the write path and by TDB2's stock loader, every named query over HTTP with parameters"
                          + " from the data (--runs-a runs, --warmup, --cap); writes WORK/scale.md and WORK/scale.svg"
                          + " (env TREATYGRAPH_BENCH_SIZES). Run it in -Xmx4g.")
    List<String> sizes;

    @Option(names = "--peers", description = "With --sizes: the same queries on RDF4J (MemoryStore, NativeStore) and Oxigraph"
                                              + " over the same materialized data (bench/peers: build it first, see its README).")
    boolean peers;

    @Option(names = "--peer-max-size", paramLabel = "TRIPLES", defaultValue = "${env:TREATYGRAPH_BENCH_PEER_MAX_SIZE:-3m}",
            description = "Largest size the peers (in-memory stores) are run at (default: ${DEFAULT-VALUE}).")
    String peerMaxSize;

    @Option(names = "--choices", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_BENCH_CHOICES:-5}",
            description = "With --sizes: parameter choices per named query, spread from the smallest answer to the largest"
                          + " (default: ${DEFAULT-VALUE}).")
    int choices;

    /** "10m" → 10,000,000; "500k" → 500,000. */
    static long triples(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        long unit = t.endsWith("m") ? 1_000_000 : t.endsWith("k") ? 1_000 : 1;
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    @Override
    public Integer call() {
        if (sizes != null && !sizes.isEmpty()) {
            quiet("org.slf4j.simpleLogger.log.org.treatygraph.load", "warn");
            quiet("org.slf4j.simpleLogger.log.org.apache.jena.fuseki", "warn");
            quiet("org.slf4j.simpleLogger.log.org.apache.jena.tdb2.loader", "warn");
            org.treatygraph.bench.ScaleBench.run(new org.treatygraph.bench.ScaleBench.Config(
                project.project().root().toAbsolutePath().normalize(), work.toAbsolutePath().normalize(),
                sizes.stream().map(BenchCommand::triples).toList(), seed, warmup, runsA, choices,
                Duration.ofSeconds(capSeconds), peers, triples(peerMaxSize)), System.out);
            return 0;
        }
        if (part == Part.updates) {
            quiet("org.slf4j.simpleLogger.log.org.treatygraph", "warn");
            quiet("org.slf4j.simpleLogger.log.org.apache.jena.tdb2.loader", "warn");
            org.treatygraph.bench.UpdateBench.run(new org.treatygraph.bench.UpdateBench.Config(
                project.project().root().toAbsolutePath().normalize(), work.toAbsolutePath().normalize(), size, seed, runs, scratchRuns > 0 ? scratchRuns : runs, loads),
                System.out);
            return 0;
        }
        // no log line per SHACL finding (the generated stand-in sameAs links are S16 findings) or per request
        quiet("org.slf4j.simpleLogger.log.org.treatygraph.load", "error");
        quiet("org.slf4j.simpleLogger.log.org.apache.jena.fuseki", "warn");
        Bench.Config config = new Bench.Config(project.project().root().toAbsolutePath().normalize(), work.toAbsolutePath().normalize(), size, seed,
                                   warmup, runsA, runsB, Duration.ofSeconds(capSeconds), Duration.ofSeconds(buildCapSeconds),
                                   owlHeap, reasoner, minSize);
        if (part == Part.reload)
            ReloadBench.run(config, Math.max(3, runsB), System.out);
        else if (part == Part.load)
            LoadBench.run(config, Duration.ofSeconds(durationSeconds), System.out);
        else
            Bench.run(config, System.out);
        return 0;
    }

    private static void quiet(String key, String level) {
        if (System.getProperty(key) == null)
            System.setProperty(key, level);
    }
}
