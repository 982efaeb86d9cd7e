package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVars;
import org.apache.jena.sparql.algebra.Table;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.OpAssign;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpConditional;
import org.apache.jena.sparql.algebra.op.OpDisjunction;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLabel;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpMinus;
import org.apache.jena.sparql.algebra.op.OpNull;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpReduced;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.algebra.op.OpTriple;
import org.apache.jena.sparql.algebra.op.OpUnion;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.E_NotExists;
import org.apache.jena.sparql.path.P_Inverse;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.sparql.path.P_Path1;
import org.apache.jena.sparql.path.P_Path2;
import org.apache.jena.sparql.path.P_ReverseLink;
import org.apache.jena.sparql.path.Path;

/**
 * The shape of a rule's WHERE clause, as incremental maintenance sees it.
 *
 * <p>A triple pattern is <em>visible</em> when it is reached from the top of the pattern through
 * joins, sequences, FILTER (its pattern, not its expressions), BIND, the left side of OPTIONAL
 * and MINUS, and UNION branches: the delta rewrite ({@link DeltaRewrite}) can read it from a set
 * of new (or deleted) triples, so derived triples may flow through it. Every other pattern sits
 * in a {@link Scope}: inside NOT EXISTS / EXISTS, the right side of OPTIONAL or MINUS, GRAPH, a
 * sub-query or aggregate; property paths are scoped atoms too. Those read only data that is
 * fixed while their stratum runs (the rule loader makes sure of it), and a change of that data
 * reaches the rule through <em>keys</em>: the values of the variables the scope shares with its
 * context, found by evaluating the scope's monotone {@linkplain Scope#skeleton skeleton} with
 * the changed triple in place of the pattern it matches.
 */
final class Shape {
    /** Where a scoped pattern sits. */
    enum Kind {
        NOT_EXISTS("FILTER NOT EXISTS"), EXISTS("FILTER EXISTS"), OPTIONAL("OPTIONAL"), MINUS("MINUS"),
        GRAPH("GRAPH"), SUBQUERY("a sub-query");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /**
     * A part of the pattern the delta rewrite cannot see. {@code skeleton} is its monotone part
     * (FILTERs, OPTIONAL and MINUS right sides and negations dropped), or null when it cannot be
     * analysed (an aggregate, a LIMIT, a SERVICE…): the rule is then re-evaluated whole when data
     * it reads there changes. {@code keyVars}: the variables through which its context sees it.
     */
    record Scope(Kind kind, Op op, Op skeleton, Set<Var> keyVars) {}

    /**
     * A triple pattern ({@code triple}) or property path ({@code path}) of the pattern. {@code graph}
     * is the graph it reads (null: the default graph; else the IRI or variable of the innermost
     * GRAPH); {@code scopes} the scopes it sits in, outermost first (empty: visible).
     */
    record Atom(Triple triple, TriplePath path, Node graph, List<Scope> scopes, boolean inUnion) {
        boolean visible() {
            return triple != null && graph == null && scopes.isEmpty();
        }

        /** Inside a GRAPH: it reads asserted named graphs only, never derived data. */
        boolean readsAssertedOnly() {
            return graph != null;
        }

        /** What it reads: one signature for a triple pattern, one per link for a path. */
        List<Sig> sigs() {
            if (triple != null)
                return List.of(Sig.of(triple));
            List<Sig> out = new ArrayList<>();
            Set<Node> links = links(path.getPath());
            if (links == null)
                return List.of(Sig.ANY);
            for (Node p : links)
                out.add(Sig.of(p, Node.ANY));
            return out;
        }

        Kind innermost() {
            return scopes.isEmpty() ? null : scopes.get(scopes.size() - 1).kind();
        }

        @Override
        public String toString() {
            return triple != null ? triple.toString() : path.toString();
        }
    }

    final Op op;
    final List<Atom> atoms = new ArrayList<>();
    /** Variables bound in every solution (BIND targets and OPTIONAL-only variables excluded). */
    final Set<Var> fixed;
    /** Every scope has a skeleton. */
    final boolean analysable;

    Shape(Op op) {
        this.op = op;
        walk(op, List.of(), null);
        this.fixed = fixedVars(op);
        this.analysable = atoms.stream().allMatch(a -> a.scopes().stream().allMatch(s -> s.skeleton() != null));
    }

    List<Atom> visibleAtoms() {
        return atoms.stream().filter(Atom::visible).toList();
    }

    /** Variables in the subject position of a visible pattern: bound to resources only. */
    Set<Var> subjectVars() {
        Set<Var> out = new LinkedHashSet<>();
        for (Atom a : visibleAtoms())
            if (a.triple().getSubject().isVariable())
                out.add(Var.alloc(a.triple().getSubject()));
        return out;
    }

    List<Atom> scopedAtoms() {
        return atoms.stream().filter(a -> !a.visible()).toList();
    }

    // ------------------------------------------------------------------ the walk

    /** Inside a UNION branch (of the current scope): a solution may come from another branch. */
    private boolean inUnion;

    private void walk(Op op, List<Scope> scopes, Node graph) {
        if (op instanceof OpBGP bgp) {
            for (Triple t : bgp.getPattern().getList())
                atoms.add(new Atom(t, null, graph, scopes, inUnion));
        } else if (op instanceof OpTriple t) {
            atoms.add(new Atom(t.getTriple(), null, graph, scopes, inUnion));
        } else if (op instanceof OpPath p) {
            atoms.add(new Atom(null, p.getTriplePath(), graph, scopes, inUnion));
        } else if (op instanceof OpFilter f) {
            walk(f.getSubOp(), scopes, graph);
            exprScopes(f.getExprs(), fixedVars(f.getSubOp()), scopes, graph);
        } else if (op instanceof OpExtend || op instanceof OpAssign) {
            Op1 o = (Op1) op;
            walk(o.getSubOp(), scopes, graph);
            VarExprList vel = op instanceof OpExtend e ? e.getVarExprList() : ((OpAssign) op).getVarExprList();
            ExprList exprs = new ExprList();
            vel.forEachExpr((v, e) -> exprs.add(e));
            exprScopes(exprs, fixedVars(o.getSubOp()), scopes, graph);
        } else if (op instanceof OpDistinct || op instanceof OpReduced || op instanceof OpLabel) {
            walk(((Op1) op).getSubOp(), scopes, graph);
        } else if (op instanceof OpJoin j) {
            walk(j.getLeft(), scopes, graph);
            walk(j.getRight(), scopes, graph);
        } else if (op instanceof OpSequence s) {
            s.getElements().forEach(e -> walk(e, scopes, graph));
        } else if (op instanceof OpUnion u) {
            boolean was = inUnion;
            inUnion = true;
            walk(u.getLeft(), scopes, graph);
            walk(u.getRight(), scopes, graph);
            inUnion = was;
        } else if (op instanceof OpDisjunction d) {
            boolean was = inUnion;
            inUnion = true;
            d.getElements().forEach(e -> walk(e, scopes, graph));
            inUnion = was;
        } else if (op instanceof OpLeftJoin lj) {
            walk(lj.getLeft(), scopes, graph);
            Op right = lj.getExprs() == null ? lj.getRight() : OpFilter.filterBy(lj.getExprs(), lj.getRight());
            scope(Kind.OPTIONAL, right, shared(right, lj.getLeft()), scopes, graph);
        } else if (op instanceof OpConditional c) {
            walk(c.getLeft(), scopes, graph);
            scope(Kind.OPTIONAL, c.getRight(), shared(c.getRight(), c.getLeft()), scopes, graph);
        } else if (op instanceof OpMinus m) {
            walk(m.getLeft(), scopes, graph);
            scope(Kind.MINUS, m.getRight(), shared(m.getRight(), m.getLeft()), scopes, graph);
        } else if (op instanceof OpGraph g) {
            // a positive part: its context sees every variable it binds
            Scope s = new Scope(Kind.GRAPH, g, skeleton(g), fixedVars(g));
            boolean was = inUnion;
            inUnion = false;
            walk(g.getSubOp(), plus(scopes, s), g.getNode());
            inUnion = was;
        } else if (op instanceof OpTable || op instanceof OpNull) {
            // no data read
        } else {
            // a sub-query, an aggregate, anything else: a scope of its own
            Set<Var> keys = op instanceof OpProject p ? new LinkedHashSet<>(p.getVars()) : fixedVars(op);
            Scope s = new Scope(Kind.SUBQUERY, op, skeleton(op), keys);
            boolean was = inUnion;
            inUnion = false;
            for (Op sub : children(op))
                walk(sub, plus(scopes, s), graph);
            inUnion = was;
        }
    }

    private void scope(Kind kind, Op op, Set<Var> keyVars, List<Scope> scopes, Node graph) {
        boolean was = inUnion;
        inUnion = false;
        walk(op, plus(scopes, new Scope(kind, op, skeleton(op), keyVars)), graph);
        inUnion = was;
    }

    /** EXISTS / NOT EXISTS inside the expressions of a FILTER, BIND or OPTIONAL condition. */
    private void exprScopes(ExprList exprs, Set<Var> contextFixed, List<Scope> scopes, Node graph) {
        if (exprs == null)
            return;
        for (Expr e : exprs)
            exprScopes(e, contextFixed, scopes, graph);
    }

    private void exprScopes(Expr e, Set<Var> contextFixed, List<Scope> scopes, Node graph) {
        if (e instanceof ExprFunctionOp fo) {
            Op gp = fo.getGraphPattern();
            Set<Var> keys = new LinkedHashSet<>(mentioned(gp));
            keys.retainAll(contextFixed);
            scope(fo instanceof E_NotExists ? Kind.NOT_EXISTS : Kind.EXISTS, gp, keys, scopes, graph);
        } else if (e instanceof ExprFunction f) {
            for (Expr arg : f.getArgs())
                exprScopes(arg, contextFixed, scopes, graph);
        }
    }

    private static List<Scope> plus(List<Scope> scopes, Scope s) {
        List<Scope> l = new ArrayList<>(scopes);
        l.add(s);
        return List.copyOf(l);
    }

    private static List<Op> children(Op op) {
        List<Op> out = new ArrayList<>();
        if (op instanceof Op1 o)
            out.add(o.getSubOp());
        else if (op instanceof org.apache.jena.sparql.algebra.op.Op2 o) {
            out.add(o.getLeft());
            out.add(o.getRight());
        } else if (op instanceof org.apache.jena.sparql.algebra.op.OpN o)
            out.addAll(o.getElements());
        return out;
    }

    /** Variables of {@code scope} that {@code context} binds in all its solutions. */
    private static Set<Var> shared(Op scope, Op context) {
        Set<Var> s = new LinkedHashSet<>(mentioned(scope));
        s.retainAll(fixedVars(context));
        return s;
    }

    static Set<Var> mentioned(Op op) {
        return new LinkedHashSet<>(OpVars.mentionedVars(op));
    }

    // ------------------------------------------------------------------ variables

    /**
     * Variables bound in every solution of {@code op}: BGP, path and GRAPH variables, the
     * left side of OPTIONAL and MINUS, variables both UNION branches bind, VALUES variables
     * without UNDEF, projected variables of a sub-query. Not BIND targets (an expression may
     * fail), not the right side of OPTIONAL.
     */
    static Set<Var> fixedVars(Op op) {
        Set<Var> acc = new LinkedHashSet<>();
        if (op instanceof OpBGP bgp) {
            for (Triple t : bgp.getPattern().getList())
                addVars(acc, t.getSubject(), t.getPredicate(), t.getObject());
        } else if (op instanceof OpTriple t) {
            addVars(acc, t.getTriple().getSubject(), t.getTriple().getPredicate(), t.getTriple().getObject());
        } else if (op instanceof OpPath p) {
            addVars(acc, p.getTriplePath().getSubject(), p.getTriplePath().getObject());
        } else if (op instanceof OpGraph g) {
            addVars(acc, g.getNode());
            acc.addAll(fixedVars(g.getSubOp()));
        } else if (op instanceof OpFilter || op instanceof OpExtend || op instanceof OpAssign
                   || op instanceof OpDistinct || op instanceof OpReduced || op instanceof OpLabel) {
            acc.addAll(fixedVars(((Op1) op).getSubOp()));
        } else if (op instanceof OpJoin j) {
            acc.addAll(fixedVars(j.getLeft()));
            acc.addAll(fixedVars(j.getRight()));
        } else if (op instanceof OpSequence s) {
            s.getElements().forEach(e -> acc.addAll(fixedVars(e)));
        } else if (op instanceof OpLeftJoin lj) {
            acc.addAll(fixedVars(lj.getLeft()));
        } else if (op instanceof OpConditional c) {
            acc.addAll(fixedVars(c.getLeft()));
        } else if (op instanceof OpMinus m) {
            acc.addAll(fixedVars(m.getLeft()));
        } else if (op instanceof OpUnion u) {
            Set<Var> l = fixedVars(u.getLeft());
            l.retainAll(fixedVars(u.getRight()));
            acc.addAll(l);
        } else if (op instanceof OpDisjunction d) {
            Set<Var> all = null;
            for (Op e : d.getElements()) {
                Set<Var> f = fixedVars(e);
                if (all == null)
                    all = f;
                else
                    all.retainAll(f);
            }
            if (all != null)
                acc.addAll(all);
        } else if (op instanceof OpTable t) {
            Table table = t.getTable();
            if (!table.isEmpty()) {
                Set<Var> vars = new LinkedHashSet<>(table.getVars());
                table.rows().forEachRemaining(b -> vars.removeIf(v -> !b.contains(v)));
                acc.addAll(vars);
            }
        } else if (op instanceof OpProject p) {
            Set<Var> f = fixedVars(p.getSubOp());
            f.retainAll(p.getVars());
            acc.addAll(f);
        } else if (op instanceof OpGroup g) {
            // a group's own variables, when every solution grouped binds them
            List<Var> keys = plainGroupVars(g);
            if (keys != null) {
                Set<Var> f = fixedVars(g.getSubOp());
                f.retainAll(keys);
                acc.addAll(f);
            }
        }
        return acc;
    }

    private static void addVars(Set<Var> acc, Node... nodes) {
        for (Node n : nodes)
            if (n.isVariable())
                acc.add(Var.alloc(n));
    }

    // ------------------------------------------------------------------ skeletons

    /**
     * A monotone pattern whose solutions, projected on the variables of {@code op}, include those
     * of {@code op} in any state of the data: FILTERs, the right sides of OPTIONAL and MINUS
     * dropped. Null when {@code op} holds something that cannot be over-approximated so.
     */
    static Op skeleton(Op op) {
        if (op instanceof OpBGP || op instanceof OpTriple || op instanceof OpPath || op instanceof OpTable
            || op instanceof OpNull)
            return op;
        if (op instanceof OpFilter f)
            return skeleton(f.getSubOp());
        if (op instanceof OpLeftJoin lj)
            return skeleton(lj.getLeft());
        if (op instanceof OpConditional c)
            return skeleton(c.getLeft());
        if (op instanceof OpMinus m)
            return skeleton(m.getLeft());
        if (op instanceof OpDistinct || op instanceof OpReduced || op instanceof OpLabel)
            return skeleton(((Op1) op).getSubOp());
        if (op instanceof OpExtend e) {
            if (hasExists(e.getVarExprList()))
                return null;
            Op sub = skeleton(e.getSubOp());
            return sub == null ? null : OpExtend.create(sub, e.getVarExprList());
        }
        if (op instanceof OpAssign a) {
            if (hasExists(a.getVarExprList()))
                return null;
            Op sub = skeleton(a.getSubOp());
            return sub == null ? null : OpAssign.create(sub, a.getVarExprList());
        }
        if (op instanceof OpGraph g) {
            Op sub = skeleton(g.getSubOp());
            return sub == null ? null : new OpGraph(g.getNode(), sub);
        }
        if (op instanceof OpProject p) {
            // not projected: a skeleton is evaluated with values of the variables of the scope
            // inside it, which a projection would not let in (a sub-query is evaluated on its
            // own); the keys are projected on the scope's variables afterwards
            return skeleton(p.getSubOp());
        }
        if (op instanceof OpGroup g) {
            // GROUP BY ?v…: a group's result depends on its own solutions only, so the groups a
            // change may alter are among the values of ?v… that the skeleton of the grouped
            // pattern gives with the changed triple. Without GROUP BY (one group over all the
            // data) or grouped by an expression: not analysed
            List<Var> keys = plainGroupVars(g);
            if (keys == null || keys.isEmpty())
                return null;
            return skeleton(g.getSubOp());
        }
        if (op instanceof OpJoin j) {
            Op l = skeleton(j.getLeft()), r = skeleton(j.getRight());
            return l == null || r == null ? null : OpJoin.create(l, r);
        }
        if (op instanceof OpUnion u) {
            Op l = skeleton(u.getLeft()), r = skeleton(u.getRight());
            return l == null || r == null ? null : OpUnion.create(l, r);
        }
        if (op instanceof OpSequence || op instanceof OpDisjunction) {
            List<Op> elts = ((org.apache.jena.sparql.algebra.op.OpN) op).getElements();
            List<Op> out = new ArrayList<>();
            for (Op e : elts) {
                Op s = skeleton(e);
                if (s == null)
                    return null;
                out.add(s);
            }
            return op instanceof OpSequence seq ? seq.copy(out) : ((OpDisjunction) op).copy(out);
        }
        return null;
    }

    /**
     * The variables of {@code GROUP BY ?v…} when it groups by variables only (no expression), or
     * null.
     */
    static List<Var> plainGroupVars(OpGroup g) {
        VarExprList vel = g.getGroupVars();
        for (Var v : vel.getVars())
            if (vel.getExpr(v) != null)
                return null;
        return vel.getVars();
    }

    private static boolean hasExists(VarExprList vel) {
        boolean[] found = {false};
        vel.forEachExpr((v, e) -> found[0] |= hasExists(e));
        return found[0];
    }

    private static boolean hasExists(Expr e) {
        if (e instanceof ExprFunctionOp)
            return true;
        if (e instanceof ExprFunction f)
            for (Expr a : f.getArgs())
                if (hasExists(a))
                    return true;
        return false;
    }

    // ------------------------------------------------------------------ union branches

    /** Whether {@code op} is the pattern of atom {@code a} (its basic graph pattern, triple or path). */
    static boolean holdsAtom(Op op, Atom a) {
        if (a.triple() != null)
            return op instanceof OpBGP bgp && bgp.getPattern().getList().contains(a.triple())
                   || op instanceof OpTriple t && t.getTriple().equals(a.triple());
        return op instanceof OpPath p && p.getTriplePath().equals(a.path());
    }

    /** Whether {@code op} holds a part that {@code target} accepts (EXISTS patterns of its expressions included). */
    static boolean holds(Op op, java.util.function.Predicate<Op> target) {
        if (target.test(op))
            return true;
        if (op instanceof OpFilter f && holds(f.getExprs(), target))
            return true;
        if (op instanceof OpExtend e && holds(e.getVarExprList(), target))
            return true;
        if (op instanceof OpAssign as && holds(as.getVarExprList(), target))
            return true;
        if (op instanceof OpLeftJoin lj && lj.getExprs() != null && holds(lj.getExprs(), target))
            return true;
        for (Op c : children(op))
            if (holds(c, target))
                return true;
        return false;
    }

    private static boolean holds(VarExprList vel, java.util.function.Predicate<Op> target) {
        ExprList exprs = new ExprList();
        vel.forEachExpr((v, e) -> exprs.add(e));
        return holds(exprs, target);
    }

    private static boolean holds(ExprList exprs, java.util.function.Predicate<Op> target) {
        for (Expr e : exprs)
            if (holds(e, target))
                return true;
        return false;
    }

    private static boolean holds(Expr e, java.util.function.Predicate<Op> target) {
        if (e instanceof ExprFunctionOp fo && holds(fo.getGraphPattern(), target))
            return true;
        if (e instanceof ExprFunction f)
            for (Expr a : f.getArgs())
                if (holds(a, target))
                    return true;
        return false;
    }

    /**
     * {@code op} without the UNION branches that hold no part {@code target} accepts, where another
     * branch holds one: the solutions that use such a part come from the branches that hold it.
     */
    static Op branchesHolding(Op op, java.util.function.Predicate<Op> target) {
        return org.apache.jena.sparql.algebra.Transformer.transform(new org.apache.jena.sparql.algebra.TransformCopy() {
            @Override
            public Op transform(OpUnion opUnion, Op left, Op right) {
                boolean l = holds(left, target), r = holds(right, target);
                if (l && !r)
                    return left;
                if (r && !l)
                    return right;
                return super.transform(opUnion, left, right);
            }

            @Override
            public Op transform(OpDisjunction opDisjunction, List<Op> elts) {
                List<Op> keep = elts.stream().filter(x -> holds(x, target)).toList();
                if (keep.isEmpty() || keep.size() == elts.size())
                    return super.transform(opDisjunction, elts);
                return keep.size() == 1 ? keep.get(0) : opDisjunction.copy(keep);
            }
        }, op);
    }

    // ------------------------------------------------------------------ paths

    /** The predicates a path reads, or null when it reads any (a negated property set). */
    static Set<Node> links(Path path) {
        Set<List<Object>> steps = steps(path);
        if (steps == null)
            return null;
        Set<Node> out = new LinkedHashSet<>();
        steps.forEach(step -> out.add((Node) step.get(0)));
        return out;
    }

    /**
     * The directed steps of a path: for each link, whether it is read forwards ({@code p}) or
     * backwards ({@code ^p}). A changed triple {@code s p o} is the step s→o of a forward link and
     * o→s of a backward one. Null for paths with a negated property set.
     */
    static Set<List<Object>> steps(Path path) {
        Set<List<Object>> out = new HashSet<>();
        return steps(path, false, out) ? out : null;
    }

    private static boolean steps(Path path, boolean inverse, Set<List<Object>> out) {
        if (path instanceof P_Link l) {
            out.add(List.of(l.getNode(), inverse));
            return true;
        }
        if (path instanceof P_ReverseLink l) {                                  // ^p
            out.add(List.of(l.getNode(), !inverse));
            return true;
        }
        if (path instanceof P_Inverse i)
            return steps(i.getSubPath(), !inverse, out);
        if (path instanceof P_Path1 p)                                          // path+ * ? {n} {n,m} …
            return steps(p.getSubPath(), inverse, out);
        if (path instanceof P_Path2 p)                                          // a|b, a/b
            return steps(p.getLeft(), inverse, out) && steps(p.getRight(), inverse, out);
        return false;                                                           // !(…): any predicate
    }

    /** Unify a triple pattern with a concrete triple: the binding, or null when they do not match. */
    static Binding unify(Triple pattern, Triple t, Node graphVar, Node graph) {
        org.apache.jena.sparql.engine.binding.BindingBuilder b = Binding.builder();
        if (!bind(b, pattern.getSubject(), t.getSubject()) || !bind(b, pattern.getPredicate(), t.getPredicate())
            || !bind(b, pattern.getObject(), t.getObject()))
            return null;
        if (graphVar != null && graph != null && !bind(b, graphVar, graph))
            return null;
        return b.build();
    }

    private static boolean bind(org.apache.jena.sparql.engine.binding.BindingBuilder b, Node pattern, Node value) {
        if (pattern.isVariable()) {
            Var v = Var.alloc(pattern);
            Node old = b.get(v);
            if (old != null)
                return old.equals(value);
            b.add(v, value);
            return true;
        }
        return pattern.equals(value);
    }
}
