package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
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
import org.apache.jena.sparql.algebra.op.OpReduced;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.algebra.op.OpTriple;
import org.apache.jena.sparql.algebra.op.OpUnion;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;

/**
 * Semi-naive evaluation by query rewriting. A rule's new conclusions in round n+1 must use at
 * least one triple that was new in round n (the delta). For each positive triple pattern of the
 * WHERE clause (in a basic graph pattern reached through joins, filters, BINDs, the left side of
 * OPTIONAL/MINUS, or one branch of a UNION) a variant is built that reads that pattern from the
 * delta graph FIRST and the rest of the pattern from the full data with the pattern's bindings
 * substituted: {@code (sequence (graph <delta> (bgp atom)) rest)}. The cost of a round is then
 * proportional to the delta, not to the data.
 *
 * <p>Patterns inside GRAPH, property paths (p*, p+), OPTIONAL right sides, NOT EXISTS and MINUS
 * right sides, sub-queries and aggregates are read from the full data but never drive a re-run:
 * a rule may use them only on data that is fixed within its stratum (asserted data or an earlier
 * stratum's output) — the rule loader refuses a rule that reads there what its own stratum derives
 * ({@link Strata}). Incremental maintenance reaches them through keys ({@link Shape}).
 */
final class DeltaRewrite {
    /** The named graph that holds the previous round's new triples while a round runs. */
    static final Node DELTA = NodeFactory.createURI("urn:x-treatygraph:derive:delta");

    private DeltaRewrite() {}

    /**
     * A variant of a rule: {@code atom} is read from the delta; {@code rest} is the rest of the
     * pattern, to be run after it ({@code op} = the two in sequence). When the atom's predicate is
     * a variable, {@code guard} (or null) is a pattern of the same group with a constant predicate
     * that binds that variable (e.g. {@code ?p rdfs:domain ?c} for {@code ?x ?p ?y}): only delta
     * triples whose predicate the guard allows can match, so the engine scans just those.
     */
    record Variant(Triple atom, Op rest, Op op, Triple guard) {
        Var predicateVar() {
            return atom.getPredicate().isVariable() ? Var.alloc(atom.getPredicate()) : null;
        }
    }

    private record Split(Triple atom, Op rest, Triple guard) {
        Split(Triple atom, Op rest) { this(atom, rest, null); }
    }

    /** The semi-naive variants of a pattern: one per visible triple pattern ({@link Shape.Atom#visible}). */
    static List<Variant> variants(Op pattern) {
        List<Split> splits = splits(pattern);
        List<Variant> out = new ArrayList<>();
        for (Split s : splits)
            out.add(new Variant(s.atom, s.rest, OpSequence.create(deltaAtom(s.atom), s.rest), s.guard));
        return out;
    }

    /** The pattern {@code atom} read from the delta graph. */
    static Op deltaAtom(Triple atom) {
        return new OpGraph(DELTA, new OpBGP(BasicPattern.wrap(List.of(atom))));
    }

    /** A pattern of {@code rest} with a constant predicate whose subject or object is {@code p}. */
    private static Triple guardFor(Node p, List<Triple> rest) {
        if (!p.isVariable())
            return null;
        for (Triple t : rest)
            if (t.getPredicate().isURI() && (p.equals(t.getSubject()) || p.equals(t.getObject())))
                return t;
        return null;
    }

    private static List<Split> splits(Op op) {
        List<Split> out = new ArrayList<>();
        if (op instanceof OpBGP bgp) {
            List<Triple> ts = bgp.getPattern().getList();
            for (int i = 0; i < ts.size(); i++) {
                List<Triple> rest = new ArrayList<>(ts);
                rest.remove(i);
                out.add(new Split(ts.get(i), rest.isEmpty() ? OpTable.unit() : new OpBGP(BasicPattern.wrap(rest)),
                                  guardFor(ts.get(i).getPredicate(), rest)));
            }
        } else if (op instanceof OpTriple t) {
            out.add(new Split(t.getTriple(), OpTable.unit()));
        } else if (op instanceof OpFilter || op instanceof OpExtend || op instanceof OpAssign
                   || op instanceof OpDistinct || op instanceof OpReduced || op instanceof OpLabel) {
            Op1 op1 = (Op1) op;
            for (Split s : splits(op1.getSubOp()))
                out.add(new Split(s.atom, op1.copy(s.rest), s.guard));
        } else if (op instanceof OpJoin j) {
            for (Split s : splits(j.getLeft()))
                out.add(new Split(s.atom, OpJoin.create(s.rest, j.getRight()), s.guard));
            for (Split s : splits(j.getRight()))
                out.add(new Split(s.atom, OpJoin.create(j.getLeft(), s.rest), s.guard));
        } else if (op instanceof OpLeftJoin lj) {
            for (Split s : splits(lj.getLeft()))
                out.add(new Split(s.atom, OpLeftJoin.create(s.rest, lj.getRight(), lj.getExprs()), s.guard));
        } else if (op instanceof OpConditional c) {
            for (Split s : splits(c.getLeft()))
                out.add(new Split(s.atom, new OpConditional(s.rest, c.getRight()), s.guard));
        } else if (op instanceof OpMinus m) {
            // MINUS decides which variables to compare from its left side's pattern, not from the
            // solutions flowing in: the left side must still mention the atom's variables, so the
            // atom stays in it (a lookup of a triple that holds)
            for (Split s : splits(m.getLeft())) {
                Op left = OpSequence.create(new OpBGP(BasicPattern.wrap(List.of(s.atom))), s.rest);
                out.add(new Split(s.atom, OpMinus.create(left, m.getRight()), s.guard));
            }
        } else if (op instanceof OpUnion u) {
            // A new solution of a UNION is a new solution of one branch: the other branch is dropped.
            out.addAll(splits(u.getLeft()));
            out.addAll(splits(u.getRight()));
        } else if (op instanceof OpDisjunction d) {
            for (Op branch : d.getElements())
                out.addAll(splits(branch));
        } else if (op instanceof OpSequence seq) {
            List<Op> elts = seq.getElements();
            for (int i = 0; i < elts.size(); i++) {
                for (Split s : splits(elts.get(i))) {
                    List<Op> copy = new ArrayList<>(elts);
                    copy.set(i, s.rest);
                    out.add(new Split(s.atom, seq.copy(copy), s.guard));
                }
            }
        } else {
            // GRAPH, a property path, VALUES, a sub-query or aggregate…: read from all the data, never a
            // driver of re-evaluation (Pattern calls them scopes; the rule loader makes sure they read
            // nothing their own stratum derives)
        }
        return out;
    }
}
