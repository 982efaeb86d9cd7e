package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIterPeek;
import org.apache.jena.sparql.engine.main.StageGenerator;
import org.apache.jena.sparql.engine.main.solver.PatternMatchData;
import org.apache.jena.vocabulary.RDF;

/**
 * The order in which a basic graph pattern's triple patterns are matched, chosen for the
 * solutions flowing in: a value coming from them (an entity) is selective, a constant written in
 * the rule ({@code tg:eventStatus tg:Held}, {@code rdf:type tg:Person}) usually names a category
 * and is not. Greedy: the cheapest pattern first, then with its variables bound, and so on. ARQ's
 * fixed order cannot tell the two kinds of bound terms apart, and looks only at the first
 * solution of a sequence.
 */
final class Planner implements StageGenerator {
    static final Planner INSTANCE = new Planner();

    private Planner() {}

    @Override
    public QueryIterator execute(BasicPattern pattern, QueryIterator input, ExecutionContext cxt) {
        if (!input.hasNext())
            return input;
        if (pattern.size() >= 2) {
            Set<Var> fromInput = new HashSet<>();
            if (!input.isJoinIdentity()) {
                QueryIterPeek peek = QueryIterPeek.create(input, cxt);
                input = peek;
                Binding b = peek.peek();
                b.vars().forEachRemaining(fromInput::add);
            }
            pattern = order(pattern, fromInput);
        }
        return PatternMatchData.execute(cxt.getActiveGraph(), pattern, input, null, cxt);
    }

    static BasicPattern order(BasicPattern pattern, Set<Var> bound) {
        List<Triple> left = new ArrayList<>(pattern.getList());
        Set<Var> known = new HashSet<>(bound);
        BasicPattern out = new BasicPattern();
        while (!left.isEmpty()) {
            Triple best = null;
            int bestWeight = Integer.MAX_VALUE;
            for (Triple t : left) {
                int w = weight(t, known);
                if (w < bestWeight) {
                    best = t;
                    bestWeight = w;
                }
            }
            left.remove(best);
            out.add(best);
            for (Node n : new Node[] {best.getSubject(), best.getPredicate(), best.getObject()})
                if (n.isVariable())
                    known.add(Var.alloc(n));
        }
        return out;
    }

    /** Lower is cheaper. */
    static int weight(Triple t, Set<Var> known) {
        Node s = t.getSubject(), p = t.getPredicate(), o = t.getObject();
        boolean sb = bound(s, known), pb = bound(p, known), ob = bound(o, known);
        boolean oValue = o.isVariable() && known.contains(Var.alloc(o));   // an entity from the solutions
        boolean type = RDF.Nodes.type.equals(p);
        if (sb && pb && ob)
            return 1;
        if (sb && pb)
            return 2;
        if (sb && ob)
            return 3;
        if (pb && ob)
            return oValue ? 4 : type ? 40 : 30;
        if (sb)
            return 10;
        if (ob)
            return 20;
        if (pb)
            return type ? 60 : 50;
        return 100;
    }

    private static boolean bound(Node n, Set<Var> known) {
        return !n.isVariable() || known.contains(Var.alloc(n));
    }
}
