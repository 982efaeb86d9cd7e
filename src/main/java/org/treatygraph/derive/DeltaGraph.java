package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.NullIterator;
import org.apache.jena.util.iterator.WrappedIterator;
import org.apache.jena.vocabulary.RDF;

/**
 * The new (or deleted) triples of one round, in memory and no more: lists by predicate, and
 * rdf:type triples by class, which is how the delta variants read them (the delta pattern has a
 * constant predicate, or its class, almost always). The caller adds each triple once.
 */
final class DeltaGraph extends GraphBase implements TripleLog.Delta {
    private static final Node TYPE = RDF.Nodes.type;

    private final Map<Node, List<Triple>> byPredicate = new HashMap<>();
    private final Map<Node, List<Triple>> byType = new HashMap<>();
    private int size;

    DeltaGraph() {}

    DeltaGraph(Collection<Triple> triples) {
        triples.forEach(this::put);
    }

    void put(Triple t) {
        if (TYPE.equals(t.getPredicate()))
            byType.computeIfAbsent(t.getObject(), k -> new ArrayList<>()).add(t);
        else
            byPredicate.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t);
        size++;
    }

    /** The predicates of its triples. */
    @Override
    public Set<Node> predicates() {
        Set<Node> p = new java.util.HashSet<>(byPredicate.keySet());
        if (!byType.isEmpty())
            p.add(TYPE);
        return p;
    }

    /** The classes of its rdf:type triples. */
    Set<Node> types() {
        return byType.keySet();
    }

    /** Whether a triple pattern can match one of its triples (by predicate and, for rdf:type, class). */
    @Override
    public boolean canMatch(Triple atom) {
        Node p = atom.getPredicate();
        if (p.isVariable())
            return size > 0;
        if (TYPE.equals(p)) {
            Node o = atom.getObject();
            return o.isConcrete() ? byType.containsKey(o) : !byType.isEmpty();
        }
        return byPredicate.containsKey(p);
    }

    boolean isEmptyDelta() {
        return size == 0;
    }

    List<Triple> all() {
        List<Triple> out = new ArrayList<>(size);
        byPredicate.values().forEach(out::addAll);
        byType.values().forEach(out::addAll);
        return out;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple m) {
        Node s = m.getSubject(), p = m.getPredicate(), o = m.getObject();
        Iterator<Triple> it;
        if (p != null && p.isConcrete()) {
            if (TYPE.equals(p)) {
                if (o != null && o.isConcrete()) {
                    List<Triple> l = byType.get(o);
                    if (l == null)
                        return NullIterator.instance();
                    it = l.iterator();
                } else {
                    it = byType.values().stream().flatMap(List::stream).iterator();
                }
            } else {
                List<Triple> l = byPredicate.get(p);
                if (l == null)
                    return NullIterator.instance();
                it = l.iterator();
            }
        } else {
            it = java.util.stream.Stream.concat(byPredicate.values().stream().flatMap(List::stream),
                                                byType.values().stream().flatMap(List::stream)).iterator();
        }
        return WrappedIterator.create(it).filterKeep(t -> m.matches(t));
    }

    @Override
    protected int graphBaseSize() {
        return size;
    }
}
