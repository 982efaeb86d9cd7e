package org.treatygraph.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * Makes the asserted graphs of a store hold exactly the quads streamed into it, inside the
 * caller's write transaction, with no copy of the input in memory: into an empty store every quad
 * is added as it comes; otherwise each quad is added when the store lacks it, and at the end the
 * asserted quads that were not streamed are deleted. What was streamed is remembered as two
 * 64-bit hashes per quad (16 bytes, sorted arrays): a stored quad counts as streamed only when
 * both its hashes are among the streamed ones.
 */
final class InPlace implements Parsing.Sink {
    private final DatasetGraph dsg;
    private final boolean empty;
    private long added, removed;
    private long[] first = new long[1 << 12], second = new long[1 << 12];
    private int n;

    private InPlace(DatasetGraph dsg, boolean empty) {
        this.dsg = dsg;
        this.empty = empty;
    }

    /** A sink into {@code dsg} (inside its write transaction). */
    static InPlace into(DatasetGraph dsg) {
        return new InPlace(dsg, !hasAsserted(dsg));
    }

    /** Whether {@code dsg} has a quad in a graph other than the pipeline's own. */
    static boolean hasAsserted(DatasetGraph dsg) {
        for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); ) {
            Node g = it.next();
            if (!Graphs.isReserved(g) && !Quad.isDefaultGraph(g) && dsg.find(g, Node.ANY, Node.ANY, Node.ANY).hasNext())
                return true;
        }
        return false;
    }

    boolean wasEmpty() {
        return empty;
    }

    @Override
    public void add(Node g, Node s, Node p, Node o) {
        if (empty) {
            dsg.add(g, s, p, o);
            added++;
            return;
        }
        remember(g, s, p, o);
        if (!dsg.contains(g, s, p, o)) {
            dsg.add(g, s, p, o);
            added++;
        }
    }

    /**
     * The stream has ended: delete the asserted quads that it did not carry (none into an empty
     * store). Returns {added, removed}.
     */
    long[] finish() {
        if (!empty) {
            long[] a = Arrays.copyOf(first, n), b = Arrays.copyOf(second, n);
            Arrays.parallelSort(a);
            Arrays.parallelSort(b);
            first = second = null;
            List<Quad> gone = new ArrayList<>();
            for (Iterator<Quad> it = dsg.find(); it.hasNext(); ) {
                Quad q = it.next();
                if (q.isDefaultGraph() || Graphs.isReserved(q.getGraph()))
                    continue;
                long[] h = hashes(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
                if (Arrays.binarySearch(a, h[0]) < 0 || Arrays.binarySearch(b, h[1]) < 0)
                    gone.add(q);
            }
            gone.forEach(dsg::delete);
            removed = gone.size();
        }
        return new long[] {added, removed};
    }

    private void remember(Node g, Node s, Node p, Node o) {
        if (n == first.length) {
            first = Arrays.copyOf(first, n * 2);
            second = Arrays.copyOf(second, n * 2);
        }
        long[] h = hashes(g, s, p, o);
        first[n] = h[0];
        second[n] = h[1];
        n++;
    }

    /** Two independent 64-bit hashes of the quad's N-Quads form. */
    static long[] hashes(Node g, Node s, Node p, Node o) {
        long h1 = 0xcbf29ce484222325L, h2 = 0x9E3779B97F4A7C15L;
        for (Node node : new Node[] {g, s, p, o}) {
            byte[] bytes = NodeFmtLib.strNT(node).getBytes(StandardCharsets.UTF_8);
            for (byte x : bytes) {
                h1 = (h1 ^ (x & 0xff)) * 0x100000001b3L;
                h2 = Long.rotateLeft(h2 ^ (x & 0xff) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
            }
            h1 = (h1 ^ 0xff) * 0x100000001b3L;          // a separator between the terms
            h2 = Long.rotateLeft(h2 ^ 0x165667B19E3779F9L, 27) * 0x85EBCA77C2B2AE63L;
        }
        return new long[] {mix(h1), mix(h2)};
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
