package org.treatygraph.bench;

import java.nio.file.Path;

import org.apache.jena.sparql.core.DatasetGraph;

/** The peers of a scale run: RDF4J (MemoryStore, NativeStore) and Oxigraph over the same materialized data. */
final class Peers {
    private Peers() {}

    static void run(ScaleBench.Config cfg, Path root, DatasetGraph dsg, ScaleBench.SizeResult r) {
        r.peerNote = "peers: not available in this build";
    }
}
