package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;

/**
 * Where to look for the derivations of a given triple by a given rule, without evaluating the
 * rule over all the data: every solution that concludes the triple also concluded the rule's
 * other template triples, and those are in the data. Starting from the template triple unified
 * with the given one ({@code ?enc rdf:type tg:Encounter} with {@code ?enc} = the encounter), the
 * other template triples are looked up ({@code <enc> tg:encounterEvent ?e}, {@code <enc>
 * tg:encounterPerson ?a}…) to find the values of the variables every solution binds; the rule
 * is then evaluated with those values only.
 *
 * <p>Complete for the solutions that hold in the state the lookups read: a template triple is
 * used only when every solution binds its variables and makes it a valid triple (its subject a
 * variable the pattern uses as a subject, or already known as a resource).
 */
final class TemplateJoin {
    /** More candidate bindings than this: stop expanding (fewer variables bound, still complete). */
    static final int MAX = 2000;

    private TemplateJoin() {}

    /**
     * Candidate bindings of the rule's always-bound variables for the solutions that conclude
     * {@code t} through the template triple unified into {@code mu}. An empty binding in the list
     * means "no restriction"; an empty list means no solution can conclude it.
     */
    static List<Binding> candidates(Rule r, Binding mu, View lookups) {
        Set<Var> fixed = r.shape.fixed;
        Set<Var> resources = r.shape.subjectVars();
        List<Binding> rows = new ArrayList<>(List.of(mu));
        Set<Triple> used = new HashSet<>();
        boolean progress = true;
        while (progress && !rows.isEmpty()) {
            progress = false;
            for (Triple tt : r.template) {
                if (used.contains(tt) || rows.isEmpty())
                    continue;
                Binding first = rows.get(0);
                Node s = tt.getSubject(), p = tt.getPredicate(), o = tt.getObject();
                boolean sKnown = known(s, first), pKnown = known(p, first), oKnown = known(o, first);
                if (!pKnown)
                    continue;
                Var target;
                boolean forward;
                if (sKnown && !oKnown && o.isVariable() && fixed.contains(Var.alloc(o))) {
                    target = Var.alloc(o);
                    forward = true;
                } else if (oKnown && !sKnown && s.isVariable() && fixed.contains(Var.alloc(s))
                           && resources.contains(Var.alloc(s))) {
                    target = Var.alloc(s);
                    forward = false;
                } else {
                    continue;
                }
                used.add(tt);
                boolean valid = true;
                for (Binding row : rows) {
                    Node sv = value(s, row), pv = value(p, row);
                    valid &= pv.isURI() && (!forward || sv.isURI() || sv.isBlank());
                }
                if (!valid)
                    continue;                    // not a triple every solution must have: no restriction from it
                List<Binding> next = new ArrayList<>();
                boolean ok = true;
                for (Binding row : rows) {
                    Node sv = value(s, row), pv = value(p, row), ov = value(o, row);
                    Set<Node> values = new LinkedHashSet<>();
                    lookups.getDefaultGraph().find(forward ? sv : Node.ANY, pv, forward ? Node.ANY : ov)
                        .forEachRemaining(x -> values.add(forward ? x.getObject() : x.getSubject()));
                    for (Node v : values) {
                        BindingBuilder b = Binding.builder(row);
                        b.add(target, v);
                        next.add(b.build());
                    }
                    if (next.size() > MAX) {
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    rows = next;
                    progress = true;
                }
            }
        }
        List<Binding> out = new ArrayList<>();
        Set<Binding> seen = new HashSet<>();
        for (Binding row : rows) {
            Binding b = Eval.project(row, fixed);
            if (seen.add(b))
                out.add(b);
        }
        return out;
    }

    private static boolean known(Node n, Binding b) {
        return !n.isVariable() || b.contains(Var.alloc(n));
    }

    private static Node value(Node n, Binding b) {
        return n.isVariable() ? b.get(Var.alloc(n)) : n;
    }
}
