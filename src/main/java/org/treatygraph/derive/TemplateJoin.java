package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.Op2;
import org.apache.jena.sparql.algebra.op.OpAssign;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpN;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.expr.E_Bound;
import org.apache.jena.sparql.expr.E_Coalesce;
import org.apache.jena.sparql.expr.E_Conditional;
import org.apache.jena.sparql.expr.E_LogicalAnd;
import org.apache.jena.sparql.expr.E_LogicalOr;
import org.apache.jena.sparql.expr.E_NotOneOf;
import org.apache.jena.sparql.expr.E_OneOf;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVar;

/**
 * Where to look for the derivations of a given triple by a given rule, without evaluating the
 * rule over all the data. A solution that concludes the triple through a template triple binds
 * that template triple's variables to the triple's terms; from them follows which other
 * variables it binds for certain — a BIND of a strict expression (an IRI minted with CONCAT)
 * binds its inputs, a variable of an OPTIONAL binds that whole OPTIONAL — and so which other
 * triples it surely concluded or matched: the other template triples, the mandatory triple
 * patterns, the triple patterns of an OPTIONAL that matched. Looking those up in the data finds
 * the values of the variables every solution binds ({@code <enc> tg:encounterEvent ?e} gives the
 * event of an encounter; {@code <time/2019-01-23> time:inXSDDate ?d2} then {@code ?e tg:endDate
 * ?d2} the events that ended that day); the rule is evaluated with those values only.
 *
 * <p>Complete for the solutions that hold in the state the lookups read: only triples every such
 * solution has are looked up (template triples with a resource subject), so no solution is lost;
 * only variables every solution binds are handed to the evaluation.
 */
final class TemplateJoin {
    /** More candidate bindings than this: stop expanding (fewer variables bound, still complete). */
    static final int MAX = 2000;

    private TemplateJoin() {}

    /** What a rule's pattern says about which variables are bound together, computed once per rule. */
    static final class Facts {
        final Set<Var> fixed;
        /** BIND targets and their expressions. */
        final Map<Var, Expr> binds = new HashMap<>();
        /** The variables of each OPTIONAL whose right side is a basic graph pattern, and its triples. */
        final List<List<Triple>> optionals = new ArrayList<>();
        /** Triple patterns of the mandatory part (matched by every solution). */
        final List<Triple> mandatory = new ArrayList<>();
        final Set<Var> subjects;

        Facts(Rule r) {
            this.fixed = r.shape.fixed;
            this.subjects = r.shape.subjectVars();
            collectBinds(r.pattern);
            for (Shape.Atom a : r.shape.atoms) {
                if (a.visible() && !a.inUnion())
                    mandatory.add(a.triple());
            }
            for (Shape.Atom a : r.shape.atoms) {
                if (a.triple() == null || a.graph() != null || a.scopes().size() != 1)
                    continue;
                Shape.Scope s = a.scopes().get(0);
                if (s.kind() != Shape.Kind.OPTIONAL || !(s.skeleton() instanceof OpBGP bgp) || a.inUnion())
                    continue;
                List<Triple> group = bgp.getPattern().getList();
                if (!optionals.contains(group))
                    optionals.add(group);
            }
        }

        private void collectBinds(Op op) {
            if (op instanceof OpExtend e)
                e.getVarExprList().forEachExpr(binds::put);
            if (op instanceof OpAssign a)
                a.getVarExprList().forEachExpr(binds::put);
            if (op instanceof Op1 o)
                collectBinds(o.getSubOp());
            else if (op instanceof Op2 o) {
                collectBinds(o.getLeft());
                collectBinds(o.getRight());
            } else if (op instanceof OpN o)
                o.getElements().forEach(this::collectBinds);
        }

        /** The variables bound in every solution that binds {@code known}. */
        Set<Var> implied(Set<Var> known) {
            Set<Var> in = new LinkedHashSet<>(fixed);
            in.addAll(known);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Var v : new ArrayList<>(in)) {
                    Expr e = binds.get(v);
                    if (e != null && strict(e))
                        grew |= in.addAll(e.getVarsMentioned());
                }
                for (List<Triple> group : optionals) {
                    Set<Var> vars = vars(group);
                    boolean matched = false;
                    for (Var v : vars)
                        if (in.contains(v) && !fixed.contains(v) && !binds.containsKey(v) && groupsOf(v) == 1)
                            matched = true;
                    if (matched)
                        grew |= in.addAll(vars);
                }
            }
            return in;
        }

        private int groupsOf(Var v) {
            int n = 0;
            for (List<Triple> g : optionals)
                if (vars(g).contains(v))
                    n++;
            return n;
        }

        boolean optionalMatched(List<Triple> group, Set<Var> implied) {
            return implied.containsAll(vars(group));
        }
    }

    /** An expression that has no value when one of its variables has none. */
    static boolean strict(Expr e) {
        if (e instanceof E_Coalesce || e instanceof E_Conditional || e instanceof E_Bound || e instanceof E_LogicalOr
            || e instanceof E_LogicalAnd || e instanceof E_OneOf || e instanceof E_NotOneOf || e instanceof ExprFunctionOp)
            return false;
        if (e instanceof ExprFunction f)
            for (Expr a : f.getArgs())
                if (!strict(a))
                    return false;
        return true;
    }

    static Set<Var> vars(List<Triple> triples) {
        Set<Var> out = new LinkedHashSet<>();
        for (Triple t : triples)
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()})
                if (n.isVariable())
                    out.add(Var.alloc(n));
        return out;
    }

    private record Step(Triple triple, boolean template) {}

    /**
     * Candidate bindings of the rule's always-bound variables for the solutions that conclude a
     * triple through the template triple unified into {@code mu}. An empty binding in the list
     * means "no restriction"; an empty list means no solution can conclude it.
     */
    static List<Binding> candidates(Rule r, Binding mu, View lookups) {
        Facts facts = r.facts();
        List<Binding> rows = new ArrayList<>(List.of(mu));
        Set<Var> known = new LinkedHashSet<>();
        mu.vars().forEachRemaining(known::add);
        Set<Step> used = new HashSet<>();
        boolean progress = true;
        while (progress && !rows.isEmpty()) {
            progress = false;
            copies(facts, rows, known);
            Set<Var> implied = facts.implied(known);
            List<Step> steps = new ArrayList<>();
            for (Triple t : r.template)
                if (implied.containsAll(vars(List.of(t))))
                    steps.add(new Step(t, true));
            for (Triple t : facts.mandatory)
                steps.add(new Step(t, false));
            for (List<Triple> g : facts.optionals)
                if (facts.optionalMatched(g, implied))
                    g.forEach(t -> steps.add(new Step(t, false)));
            for (Step st : steps) {
                if (used.contains(st) || rows.isEmpty())
                    continue;
                Triple tt = st.triple();
                Node s = tt.getSubject(), p = tt.getPredicate(), o = tt.getObject();
                if (!isKnown(p, known))
                    continue;
                boolean sKnown = isKnown(s, known), oKnown = isKnown(o, known);
                Var target;
                boolean forward;
                // from a value the solutions hold (a variable), never from a constant of the rule
                // (rdf:type tg:Person, tg:eventStatus tg:Held: a category, not a lookup)
                if (sKnown && !oKnown && s.isVariable()) {
                    target = Var.alloc(o);
                    forward = true;
                } else if (oKnown && !sKnown && o.isVariable() && (!st.template() || facts.subjects.contains(Var.alloc(s)))) {
                    target = Var.alloc(s);
                    forward = false;
                } else {
                    continue;
                }
                used.add(st);
                boolean valid = true;
                for (Binding row : rows) {
                    Node sv = value(s, row), pv = value(p, row);
                    valid &= pv.isURI() && (!st.template() || !forward || sv.isURI() || sv.isBlank());
                }
                if (!valid)
                    continue;                    // not a triple every solution must have: no restriction from it
                List<Binding> next = new ArrayList<>();
                boolean ok = true;
                for (Binding row : rows) {
                    Node sv = value(s, row), pv = value(p, row), ov = value(o, row);
                    Set<Node> values = new LinkedHashSet<>();
                    var found = lookups.getDefaultGraph().find(forward ? sv : Node.ANY, pv, forward ? Node.ANY : ov);
                    try {
                        while (found.hasNext() && values.size() <= MAX) {
                            Triple x = found.next();
                            values.add(forward ? x.getObject() : x.getSubject());
                        }
                    } finally {
                        found.close();
                    }
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
                    known.add(target);
                    progress = true;
                    break;                       // implied variables may have grown: look again
                }
            }
        }
        List<Binding> out = new ArrayList<>();
        Set<Binding> seen = new HashSet<>();
        for (Binding row : rows) {
            Binding b = Eval.project(row, facts.fixed);
            if (seen.add(b))
                out.add(b);
        }
        return out;
    }

    /** {@code BIND(?w AS ?v)}: a value of one is a value of the other. */
    private static void copies(Facts facts, List<Binding> rows, Set<Var> known) {
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<Var, Expr> e : facts.binds.entrySet()) {
                if (!(e.getValue() instanceof ExprVar ev))
                    continue;
                Var v = e.getKey(), w = ev.asVar();
                Var from = known.contains(v) && !known.contains(w) ? v : known.contains(w) && !known.contains(v) ? w : null;
                if (from == null)
                    continue;
                Var to = from == v ? w : v;
                for (int i = 0; i < rows.size(); i++) {
                    BindingBuilder b = Binding.builder(rows.get(i));
                    b.add(to, rows.get(i).get(from));
                    rows.set(i, b.build());
                }
                known.add(to);
                grew = true;
            }
        }
    }

    private static boolean isKnown(Node n, Set<Var> known) {
        return !n.isVariable() || known.contains(Var.alloc(n));
    }

    private static Node value(Node n, Binding b) {
        return n.isVariable() ? b.get(Var.alloc(n)) : n;
    }
}
