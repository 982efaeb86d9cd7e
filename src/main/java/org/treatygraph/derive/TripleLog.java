package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.NullIterator;
import org.apache.jena.util.iterator.WrappedIterator;
import org.apache.jena.vocabulary.RDF;

/**
 * The triples a stratum derived, in the order they were derived, indexed by predicate (and for
 * rdf:type by class): a rule that last ran when the log had n triples reads, as its delta, the
 * triples from position n on ({@link #range}). Each rule so joins every derived triple once, even
 * those derived in the same pass before it ran.
 * <p>
 * A stratum can derive tens of millions of triples (18 M in one round at 10 M asserted), so the
 * log keeps no {@link Triple}s: each distinct term once, in a dictionary, and each triple as the
 * three dictionary ids of its terms ({@link LongTuples}: about 30 bytes a triple with its
 * membership table). Triples are made again, from the dictionary's terms, when they are read.
 */
final class TripleLog {
    private static final Node TYPE = RDF.Nodes.type;

    /** The dictionary: each distinct term once; its id is its index. */
    private final List<Node> terms = new ArrayList<>();
    /** Open addressing over {@link #terms}: id + 1 of the term in each slot, 0 = empty (no boxed ids, no entries). */
    private int[] termSlots = new int[1 << 10];
    private final LongTuples triples = new LongTuples(3);
    private final Map<Node, Positions> byPredicate = new HashMap<>();
    private final Map<Node, Positions> byType = new HashMap<>();
    /** The ids of the triple being added or looked up (the log is used by one thread). */
    private final long[] key = new long[3];

    /** Adds {@code t} unless the log has it; whether it was added. */
    boolean add(Triple t) {
        key[0] = idOf(t.getSubject());
        key[1] = idOf(t.getPredicate());
        key[2] = idOf(t.getObject());
        int pos = triples.size();
        if (!triples.add(key))
            return false;
        if (TYPE.equals(t.getPredicate()))
            byType.computeIfAbsent(t.getObject(), k -> new Positions()).add(pos);
        byPredicate.computeIfAbsent(t.getPredicate(), k -> new Positions()).add(pos);
        return true;
    }

    private int idOf(Node n) {
        int slot = slotOf(n);
        if (termSlots[slot] != 0)
            return termSlots[slot] - 1;
        int id = terms.size();
        terms.add(n);
        termSlots[slot] = id + 1;
        if (terms.size() > termSlots.length / 4 * 3)
            growTermSlots();
        return id;
    }

    /** The id of {@code n}, or -1 when it is not in the dictionary. */
    private int findId(Node n) {
        return termSlots[slotOf(n)] - 1;
    }

    /** The slot of {@link #termSlots} that holds {@code n}, or the empty slot where it would go. */
    private int slotOf(Node n) {
        int mask = termSlots.length - 1;
        int slot = spread(n.hashCode()) & mask;
        for (int v; (v = termSlots[slot]) != 0 && !terms.get(v - 1).equals(n); )
            slot = (slot + 1) & mask;
        return slot;
    }

    private void growTermSlots() {
        int[] slots = new int[termSlots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < terms.size(); id++) {
            int slot = spread(terms.get(id).hashCode()) & mask;
            while (slots[slot] != 0)
                slot = (slot + 1) & mask;
            slots[slot] = id + 1;
        }
        termSlots = slots;
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    int size() {
        return triples.size();
    }

    /** Whether the stratum derived {@code t} already (no need to look it up in the database). */
    boolean contains(Triple t) {
        int s = findId(t.getSubject()), p = findId(t.getPredicate()), o = findId(t.getObject());
        if (s < 0 || p < 0 || o < 0)
            return false;
        key[0] = s;
        key[1] = p;
        key[2] = o;
        return triples.find(key) >= 0;
    }

    /** The triple at {@code pos}. */
    Triple get(int pos) {
        return Triple.create(term(pos, 0), term(pos, 1), term(pos, 2));
    }

    private Node term(int pos, int i) {
        return terms.get((int) triples.get(pos, i));
    }

    /**
     * The positions {@code from} (included) to {@code to} (excluded), their subjects' terms in
     * order (then predicates', objects'), each compared by its lexical form.
     */
    int[] inTermOrder(int from, int to) {
        return IntStream.range(from, to).boxed()
                        .sorted(Comparator.comparing((Integer pos) -> key(term(pos, 0)))
                                          .thenComparing(pos -> key(term(pos, 1)))
                                          .thenComparing(pos -> key(term(pos, 2))))
                        .mapToInt(Integer::intValue).toArray();
    }

    private static String key(Node n) {
        return n.isURI() ? n.getURI() : n.isBlank() ? n.getBlankNodeLabel() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
    }

    /** The triples at positions {@code from} (included) to {@code to} (excluded), as a graph. */
    Range range(int from, int to) {
        return new Range(from, to);
    }

    /** Positions, ascending. */
    private static final class Positions {
        int[] a = new int[4];
        int n;

        void add(int p) {
            if (n == a.length)
                a = Arrays.copyOf(a, n * 2);
            a[n++] = p;
        }

        /** Index of the first position ≥ {@code from}. */
        int first(int from) {
            int i = Arrays.binarySearch(a, 0, n, from);
            return i >= 0 ? i : -i - 1;
        }

        boolean any(int from, int to) {
            int i = first(from);
            return i < n && a[i] < to;
        }
    }

    /** A range of the log: what a rule has not joined yet. */
    final class Range extends GraphBase implements Delta {
        final int from, to;

        Range(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public boolean canMatch(Triple atom) {
            Node p = atom.getPredicate();
            if (p.isVariable())
                return to > from;
            if (TYPE.equals(p) && atom.getObject().isConcrete()) {
                Positions ps = byType.get(atom.getObject());
                return ps != null && ps.any(from, to);
            }
            Positions ps = byPredicate.get(p);
            return ps != null && ps.any(from, to);
        }

        @Override
        public Set<Node> predicates() {
            Set<Node> out = new HashSet<>();
            byPredicate.forEach((p, ps) -> {
                if (ps.any(from, to))
                    out.add(p);
            });
            return out;
        }

        @Override
        protected ExtendedIterator<Triple> graphBaseFind(Triple m) {
            Node p = m.getPredicate(), o = m.getObject();
            Positions ps = null;
            if (p != null && p.isConcrete()) {
                ps = TYPE.equals(p) && o != null && o.isConcrete() ? byType.get(o) : byPredicate.get(p);
                if (ps == null)
                    return NullIterator.instance();
            }
            Positions read = ps;
            Iterator<Triple> it = new Iterator<>() {
                // positions are read as the log grows (a rule adds to it while it reads its delta)
                final Positions positions = read;
                int i = positions == null ? from : positions.first(from);

                @Override
                public boolean hasNext() {
                    return positions == null ? i < to : i < positions.n && positions.a[i] < to;
                }

                @Override
                public Triple next() {
                    if (!hasNext())
                        throw new NoSuchElementException();
                    return get(positions == null ? i++ : positions.a[i++]);
                }
            };
            return WrappedIterator.create(it).filterKeep(m::matches);
        }

        @Override
        protected int graphBaseSize() {
            return to - from;
        }
    }

    /** New (or deleted) triples that delta variants read. */
    interface Delta {
        /** Whether a triple pattern can match one of them (by predicate and, for rdf:type, class). */
        boolean canMatch(Triple atom);

        /** Their predicates. */
        Set<Node> predicates();
    }
}
