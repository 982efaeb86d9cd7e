package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

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
 */
final class TripleLog {
    private static final Node TYPE = RDF.Nodes.type;

    private final List<Triple> triples = new ArrayList<>();
    private final Set<Triple> members = new HashSet<>();
    private final Map<Node, Positions> byPredicate = new HashMap<>();
    private final Map<Node, Positions> byType = new HashMap<>();

    void add(Triple t) {
        int pos = triples.size();
        triples.add(t);
        members.add(t);
        if (TYPE.equals(t.getPredicate()))
            byType.computeIfAbsent(t.getObject(), k -> new Positions()).add(pos);
        byPredicate.computeIfAbsent(t.getPredicate(), k -> new Positions()).add(pos);
    }

    int size() {
        return triples.size();
    }

    /** Whether the stratum derived {@code t} already (no need to look it up in the database). */
    boolean contains(Triple t) {
        return members.contains(t);
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
            Iterator<Triple> it = ps == null ? triples.subList(from, to).iterator() : new Iterator<>() {
                final Positions positions = byPredicateOrType(m);
                int i = positions.first(from);

                @Override
                public boolean hasNext() {
                    return i < positions.n && positions.a[i] < to;
                }

                @Override
                public Triple next() {
                    if (!hasNext())
                        throw new NoSuchElementException();
                    return triples.get(positions.a[i++]);
                }
            };
            return WrappedIterator.create(it).filterKeep(m::matches);
        }

        private Positions byPredicateOrType(Triple m) {
            Node p = m.getPredicate(), o = m.getObject();
            return TYPE.equals(p) && o != null && o.isConcrete() ? byType.get(o) : byPredicate.get(p);
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
