package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.Op2;
import org.apache.jena.sparql.algebra.op.OpAssign;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpN;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.expr.E_Bound;
import org.apache.jena.sparql.expr.E_Coalesce;
import org.apache.jena.sparql.expr.E_Conditional;
import org.apache.jena.sparql.expr.E_IRI;
import org.apache.jena.sparql.expr.E_LogicalAnd;
import org.apache.jena.sparql.expr.E_LogicalOr;
import org.apache.jena.sparql.expr.E_NotOneOf;
import org.apache.jena.sparql.expr.E_OneOf;
import org.apache.jena.sparql.expr.E_StrConcat;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;

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
        /** Per minted variable w, the variables minted from a prefix of w's IRI ({@link Prefix}). */
        final Map<Var, List<Prefix>> prefixes = new HashMap<>();

        Facts(Rule r) {
            this.fixed = r.shape.fixed;
            this.subjects = r.shape.subjectVars();
            collectBinds(r.pattern);
            collectPrefixes(r.pattern);
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

        /**
         * The chains of BINDs evaluated one after the other (nested OpExtend/OpAssign, with
         * filters between them): a BIND deeper in a chain, or earlier in the same one, is
         * evaluated on every solution that reaches a BIND above it.
         */
        private void collectPrefixes(Op root) {
            List<Op> todo = new ArrayList<>(List.of(root));
            while (!todo.isEmpty()) {
                Op op = todo.remove(todo.size() - 1);
                // one chain, top-down; evaluation order is bottom-up
                List<Map.Entry<Var, Expr>> chain = new ArrayList<>();
                while (op instanceof OpExtend || op instanceof OpAssign || op instanceof OpFilter) {
                    VarExprList vel = op instanceof OpExtend e ? e.getVarExprList()
                        : op instanceof OpAssign a ? a.getVarExprList() : null;
                    if (vel != null) {
                        List<Map.Entry<Var, Expr>> level = new ArrayList<>();
                        vel.forEachExpr((v, e) -> level.add(Map.entry(v, e)));
                        chain.addAll(0, level);          // this level is evaluated after the deeper ones
                    }
                    op = ((Op1) op).getSubOp();
                }
                // chain is now in evaluation order: an entry's BIND ran on every solution reaching a later one
                for (int j = 0; j < chain.size(); j++)
                    for (int i = 0; i < j; i++) {
                        Prefix p = Prefix.of(chain.get(i).getKey(), chain.get(i).getValue(), chain.get(j).getValue());
                        if (p != null)
                            prefixes.computeIfAbsent(chain.get(j).getKey(), x -> new ArrayList<>()).add(p);
                    }
                if (op instanceof Op1 o)
                    todo.add(o.getSubOp());
                else if (op instanceof Op2 o) {
                    todo.add(o.getLeft());
                    todo.add(o.getRight());
                } else if (op instanceof OpN o)
                    todo.addAll(o.getElements());
            }
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

    /**
     * {@code BIND(IRI(CONCAT(a1, …, an)) AS ?v)} evaluated on every solution that reaches
     * {@code BIND(IRI(CONCAT(a1, …, an, "sep", …)) AS ?w)}, {@code a1} a constant absolute IRI
     * prefix, {@code "sep"} a constant: a solution that binds ?w evaluated a1…an without error, so it
     * binds ?v unless {@code IRI()} rejects the prefix. Which prefix it was, the value of ?w tells up
     * to the occurrences of "sep" in it (an absolute IRI is not changed by {@code IRI()}): if every
     * such prefix is an IRI, every solution that binds ?w to that value binds ?v
     * ({@code <time/2019-01-01--2019-02-01>}: {@code <time/2019-01-01>}).
     */
    record Prefix(Var v, E_IRI iri, String first, String sep) {
        private static final java.util.regex.Pattern ABSOLUTE = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

        static Prefix of(Var v, Expr ev, Expr ew) {
            if (!(ev instanceof E_IRI iv) || !(ew instanceof E_IRI iw) || !Objects.equals(iv.getParserBase(), iw.getParserBase())
                || iv.getClass() != E_IRI.class || iw.getClass() != E_IRI.class)
                return null;
            List<Expr> a = args(iv.getArg()), b = args(iw.getArg());
            if (a.isEmpty() || b.size() <= a.size() || !a.equals(b.subList(0, a.size())))
                return null;
            String first = constant(a.get(0)), sep = constant(b.get(a.size()));
            if (first == null || sep == null || sep.isEmpty() || !ABSOLUTE.matcher(first).matches())
                return null;
            return new Prefix(v, iv, first, sep);
        }

        private static List<Expr> args(Expr e) {
            return e instanceof E_StrConcat c ? c.getArgs() : List.of(e);
        }

        private static String constant(Expr e) {
            return e instanceof NodeValue nv && nv.isString() ? nv.getString() : null;
        }

        /** Whether every solution that binds ?w to {@code w} binds ?v. */
        boolean bindsFor(Node w) {
            if (w == null || !w.isURI())
                return false;
            String s = w.getURI();
            if (!s.startsWith(first))
                return false;
            for (int i = s.indexOf(sep, first.length()); i >= 0; i = s.indexOf(sep, i + 1)) {
                try {
                    if (iri.eval(NodeValue.makeString(s.substring(0, i)), null) == null)
                        return false;
                } catch (RuntimeException e) {
                    return false;
                }
            }
            return true;
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
            Set<Var> implied = facts.implied(withPrefixes(facts, rows, known));
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

    /** {@code known}, and the variables minted from a prefix of a known one that every row's value shows bound ({@link Prefix}). */
    private static Set<Var> withPrefixes(Facts facts, List<Binding> rows, Set<Var> known) {
        Set<Var> out = new LinkedHashSet<>(known);
        for (Var w : known)
            for (Prefix p : facts.prefixes.getOrDefault(w, List.of()))
                if (!out.contains(p.v()) && rows.stream().allMatch(row -> p.bindsFor(row.get(w))))
                    out.add(p.v());
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
