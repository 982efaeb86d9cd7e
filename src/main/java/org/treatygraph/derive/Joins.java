package org.treatygraph.derive;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVars;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.OpAssign;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpConditional;
import org.apache.jena.sparql.algebra.op.OpDisjunction;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLabel;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpMinus;
import org.apache.jena.sparql.algebra.op.OpN;
import org.apache.jena.sparql.algebra.op.OpNull;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpReduced;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.algebra.op.OpTriple;
import org.apache.jena.sparql.algebra.op.OpUnion;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprList;

/**
 * Joins evaluated by substitution. ARQ evaluates {@code (join L R)} by evaluating R on its own —
 * over all the data — and joining; its optimizer turns a join into a {@code (sequence L R)}
 * (R evaluated once per solution of L, with L's values in it) only when it can prove that gives
 * the same solutions, and it proves little when R holds BINDs, FILTERs or OPTIONALs. A rule
 * evaluated for a few keys (an entity, a participation) then still computes R for everything:
 * {@code ?e tg:participation ?pt . ?pt tg:agent ?a . { … } UNION { … }} reads every
 * participation's posts. Here a join becomes a sequence when R shares a variable with L and every
 * use in R of a variable L may bind — in a FILTER, a BIND, an OPTIONAL, MINUS or a sub-query's
 * projection — sees that variable bound within R already (so its value from L changes nothing
 * but which solutions of R are computed).
 */
final class Joins {
    private Joins() {}

    /** Off with {@code -Dtreatygraph.derive.substitution=false} (to compare). */
    static final boolean ON = !"false".equals(System.getProperty("treatygraph.derive.substitution"));

    static Op bySubstitution(Op op) {
        if (!ON)
            return op;
        return Transformer.transform(new TransformCopy() {
            @Override
            public Op transform(OpJoin opJoin, Op left, Op right) {
                Set<Var> l = new LinkedHashSet<>(OpVars.visibleVars(left));
                Set<Var> shared = new LinkedHashSet<>(OpVars.visibleVars(right));
                shared.retainAll(l);
                if (!shared.isEmpty() && safe(right, l))
                    return OpSequence.create(left, right);
                return super.transform(opJoin, left, right);
            }
        }, op);
    }

    /** Whether {@code r} evaluated with values of {@code l} flowing in gives the solutions of joining it with them. */
    static boolean safe(Op r, Set<Var> l) {
        if (r instanceof OpBGP || r instanceof OpTriple || r instanceof OpPath || r instanceof OpTable || r instanceof OpNull)
            return true;
        if (r instanceof OpFilter f)
            return safe(f.getSubOp(), l) && bound(f.getExprs(), Shape.fixedVars(f.getSubOp()), l);
        if (r instanceof OpExtend || r instanceof OpAssign) {
            Op1 o = (Op1) r;
            VarExprList vel = r instanceof OpExtend e ? e.getVarExprList() : ((OpAssign) r).getVarExprList();
            for (Var v : vel.getVars())
                if (l.contains(v))
                    return false;
            ExprList exprs = new ExprList();
            vel.forEachExpr((v, e) -> exprs.add(e));
            return safe(o.getSubOp(), l) && bound(exprs, Shape.fixedVars(o.getSubOp()), l);
        }
        if (r instanceof OpDistinct || r instanceof OpReduced || r instanceof OpLabel)
            return safe(((Op1) r).getSubOp(), l);
        if (r instanceof OpGraph g)
            return safe(g.getSubOp(), l);
        if (r instanceof OpJoin j)
            return safe(j.getLeft(), l) && safe(j.getRight(), l);
        if (r instanceof OpUnion u)
            return safe(u.getLeft(), l) && safe(u.getRight(), l);
        if (r instanceof OpSequence || r instanceof OpDisjunction) {
            for (Op e : ((OpN) r).getElements())
                if (!safe(e, l))
                    return false;
            return true;
        }
        if (r instanceof OpLeftJoin lj)
            return safe(lj.getLeft(), l) && safe(lj.getRight(), l)
                   && within(Shape.mentioned(lj.getRight()), Shape.fixedVars(lj.getLeft()), l)
                   && bound(lj.getExprs(), Shape.fixedVars(lj.getLeft()), l);
        if (r instanceof OpConditional c)
            return safe(c.getLeft(), l) && safe(c.getRight(), l)
                   && within(Shape.mentioned(c.getRight()), Shape.fixedVars(c.getLeft()), l);
        if (r instanceof OpMinus m)
            return safe(m.getLeft(), l) && within(Shape.mentioned(m.getRight()), Shape.fixedVars(m.getLeft()), l);
        if (r instanceof OpProject p) {
            for (Var v : p.getVars())
                if (l.contains(v))
                    return false;
            return true;                          // evaluated on its own: nothing of l gets in
        }
        return false;
    }

    /** Every variable of {@code exprs} that {@code l} may bind is in {@code fixed}. */
    private static boolean bound(ExprList exprs, Set<Var> fixed, Set<Var> l) {
        if (exprs == null)
            return true;
        for (Expr e : exprs)
            if (!within(vars(e), fixed, l))
                return false;
        return true;
    }

    /** The variables of an expression, those of its EXISTS / NOT EXISTS patterns included. */
    private static Set<Var> vars(Expr e) {
        Set<Var> out = new LinkedHashSet<>(e.getVarsMentioned());
        if (e instanceof ExprFunctionOp fo)
            out.addAll(Shape.mentioned(fo.getGraphPattern()));
        if (e instanceof ExprFunction f)
            for (Expr a : f.getArgs())
                out.addAll(vars(a));
        return out;
    }

    private static boolean within(Set<Var> vars, Set<Var> fixed, Set<Var> l) {
        for (Var v : vars)
            if (l.contains(v) && !fixed.contains(v))
                return false;
        return true;
    }
}
