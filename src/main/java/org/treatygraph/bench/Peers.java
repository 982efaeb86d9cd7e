package org.treatygraph.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * The peers of a scale run: the same materialized data (every named graph, asserted and inferred,
 * as N-Quads, and their union as triples of the default graph — Treaty Graph's default graph) in
 * RDF4J's MemoryStore and NativeStore and in Oxigraph (the npm package, in memory), each behind
 * a minimal SPARQL endpoint in a process of its own (bench-peers/: target/peers.jar and
 * oxigraph/endpoint.mjs; the peers are no dependency of the service), asked the same query texts
 * over HTTP as Treaty Graph, their answers compared with Treaty Graph's.
 */
final class Peers {
    private Peers() {}

    /** Heap of a peer's JVM (system property treatygraph.bench.peerHeap). */
    static final String HEAP = System.getProperty("treatygraph.bench.peerHeap", "10g");

    /** Keep the materialized data (N-Quads) after the run, to ask the peers again (system property treatygraph.bench.keepPeerData). */
    static final boolean KEEP_DATA = Boolean.getBoolean("treatygraph.bench.keepPeerData");

    static void run(ScaleBench.Config cfg, Path root, DatasetGraph dsg, ScaleBench.SizeResult r, Map<String, List<String>> texts) {
        Path peers = cfg.project().resolve("bench-peers");
        Path jar = peers.resolve("target/peers.jar");
        Path oxigraph = peers.resolve("oxigraph");
        List<String> notes = new ArrayList<>();
        Path data = root.resolve("materialized.nq");
        long t0 = System.nanoTime();
        long lines = export(dsg, data);
        notes.add("materialized data: " + Bench.count(lines) + " N-Quads lines (named graphs + their union as the default graph),"
                  + " written in " + Bench.ms((System.nanoTime() - t0) / 1e6));
        Map<String, List<String>> systems = new LinkedHashMap<>();
        if (Files.isRegularFile(jar)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            systems.put("RDF4J memory", List.of(java, "-Xmx" + HEAP, "-jar", jar.toString(), "memory", data.toString()));
            systems.put("RDF4J native", List.of(java, "-Xmx" + HEAP, "-jar", jar.toString(), "native", data.toString(),
                                                root.resolve("rdf4j-native").toString()));
        } else {
            notes.add("RDF4J not run: " + jar + " is missing (mvn -f bench-peers/pom.xml package)");
        }
        if (Files.isRegularFile(oxigraph.resolve("endpoint.mjs"))) {
            if (!Files.isDirectory(oxigraph.resolve("node_modules/oxigraph")))
                exec(oxigraph, List.of("npm", "install", "--no-audit", "--no-fund"), Duration.ofMinutes(5));
            systems.put("Oxigraph", List.of("node", "--max-old-space-size=8192", oxigraph.resolve("endpoint.mjs").toString(),
                                            data.toString()));
        }
        for (Map.Entry<String, List<String>> e : systems.entrySet()) {
            Map<String, Measure> measures = new LinkedHashMap<>();
            Process p = null;
            try {
                Bench.deleteTree(root.resolve("rdf4j-native"));
                p = new ProcessBuilder(e.getValue()).redirectErrorStream(true).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line, ready = null;
                StringBuilder log = new StringBuilder();
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        ready = line;
                        break;
                    }
                    if (log.length() < 2000)
                        log.append(line).append('\n');
                }
                if (ready == null) {
                    notes.add(e.getKey() + " did not start: " + log.toString().strip());
                    continue;
                }
                drain(out);
                String[] parts = ready.split(" ");
                notes.add(e.getKey() + " loaded the data in " + Bench.ms(Double.parseDouble(parts[2])));
                SparqlHttp http = new SparqlHttp("http://127.0.0.1:" + parts[1] + "/sparql");
                measures.putAll(Measure.warmThenRun(http, texts, cfg.warmup(), cfg.runs(), cfg.cap()));
            } catch (IOException | RuntimeException ex) {
                notes.add(e.getKey() + " failed: " + ex);
            } finally {
                if (p != null) {
                    p.destroy();
                    try {
                        if (!p.waitFor(30, TimeUnit.SECONDS))
                            p.destroyForcibly();
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            r.peers.put(e.getKey(), measures);
        }
        Bench.deleteTree(root.resolve("rdf4j-native"));
        try {
            if (KEEP_DATA)
                notes.add("the materialized data kept in " + data);
            else
                Files.deleteIfExists(data);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        r.peerNote = "Peers: " + String.join("; ", notes) + ".";
    }

    /** Every quad of {@code dsg} and the union of its named graphs as default-graph triples; returns the lines written. */
    private static long export(DatasetGraph dsg, Path file) {
        try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            StreamRDF w = StreamRDFWriter.getWriterStream(os, Lang.NQUADS);
            long[] n = {0};
            w.start();
            Txn.executeRead(dsg, () -> {
                dsg.find().forEachRemaining(q -> { if (!q.isDefaultGraph()) { w.quad(q); n[0]++; } });
                dsg.getUnionGraph().find().forEachRemaining(t -> { w.triple(t); n[0]++; });
            });
            w.finish();
            return n[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read what a peer prints after it started, so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) { /* discard */ }
            } catch (IOException e) {
                // the process ended
            }
        }, "peer-output");
        t.setDaemon(true);
        t.start();
    }

    private static void exec(Path dir, List<String> command, Duration limit) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS))
                p.destroyForcibly();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
