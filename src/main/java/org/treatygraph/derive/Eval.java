package org.treatygraph.derive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Table;
import org.apache.jena.sparql.algebra.TableFactory;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.QueryEngineFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.main.OpExecutor;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.engine.main.QC;

/**
 * Runs algebra that is already optimized ({@link Rule#pattern} and what is built from it) over a
 * {@link View}, without optimizing it again: solutions flow from the left of a sequence into the
 * right, so {@code (sequence (table KEYS) pattern)} evaluates the pattern once per key.
 */
final class Eval {
    private Eval() {}

    static QueryIterator exec(Op op, DatasetGraph view) {
        Context cxt = Context.setupContextForDataset(ARQ.getContext(), view);
        cxt.set(ARQ.optimization, false);
        org.apache.jena.sparql.engine.main.StageBuilder.setGenerator(cxt, Planner.INSTANCE);
        QC.setFactory(cxt, GraphSelective::new);
        QueryEngineFactory f = QueryEngineRegistry.findFactory(op, view, cxt);
        Plan plan = f.create(op, view, BindingFactory.root(), cxt);
        return plan.iterator();
    }

    /**
     * Whether {@code op} may run on TDB2's own engine ({@link #forEachNative}): no {@code GRAPH}
     * (it reads the asserted graphs only), no property path (TDB2 reads a path over its own union
     * graph, which the tuple filter does not reach), no {@code SERVICE}.
     */
    static boolean nativeSafe(Op op) {
        return !Shape.holds(op, o -> o instanceof OpGraph || o instanceof org.apache.jena.sparql.algebra.op.OpPath
                                    || o instanceof org.apache.jena.sparql.algebra.op.OpQuadPattern
                                    || o instanceof org.apache.jena.sparql.algebra.op.OpService);
    }

    /**
     * Every solution of {@code op} (see {@link #nativeSafe}) over a TDB2 store, evaluated by TDB2's
     * engine on node ids (terms decoded only when a solution uses them): the default graph is the
     * union of the named graphs but the {@code hidden} ones and those named by a blank node (a tuple
     * filter, which decides once per graph), which is what a
     * {@link View} of a derivation from scratch shows — its inferred graph holds only what the
     * strata so far derived. Inside the caller's transaction.
     */
    static void forEachNative(Op op, DatasetGraph tdbStore, Set<Node> hidden, Consumer<Binding> each) {
        org.apache.jena.tdb2.store.DatasetGraphTDB tdb = org.apache.jena.tdb2.sys.TDBInternal.getDatasetGraphTDB(tdbStore);
        org.apache.jena.tdb2.store.nodetable.NodeTable nodes = tdb.getQuadTable().getNodeTupleTable().getNodeTable();
        // per graph id, once: whether the view shows the graph (not hidden, not a blank node)
        java.util.Map<org.apache.jena.tdb2.store.NodeId, Boolean> shown = new java.util.HashMap<>();
        java.util.function.Predicate<org.apache.jena.atlas.lib.tuple.Tuple<org.apache.jena.tdb2.store.NodeId>> filter =
            t -> t.len() != 4 || shown.computeIfAbsent(t.get(0), id -> {
                Node g = nodes.getNodeForNodeId(id);
                return g != null && !g.isBlank() && !hidden.contains(g);
            });
        Context cxt = Context.setupContextForDataset(ARQ.getContext(), tdb);
        cxt.set(ARQ.optimization, false);
        cxt.set(org.apache.jena.tdb2.TDB2.symUnionDefaultGraph, true);
        cxt.set(org.apache.jena.tdb2.sys.SystemTDB.symTupleFilter, filter);
        QueryEngineFactory f = QueryEngineRegistry.findFactory(op, tdb, cxt);
        QueryIterator it = f.create(op, tdb, BindingFactory.root(), cxt).iterator();
        try {
            while (it.hasNext())
                each.accept(it.next());
        } finally {
            it.close();
        }
    }

    /** Every solution of {@code op}, passed to {@code each}; the iterator is closed afterwards. */
    static void forEach(Op op, DatasetGraph view, Consumer<Binding> each) {
        QueryIterator it = exec(op, view);
        try {
            while (it.hasNext())
                each.accept(it.next());
        } finally {
            it.close();
        }
    }

    static List<Binding> all(Op op, DatasetGraph view) {
        List<Binding> out = new ArrayList<>();
        forEach(op, view, out::add);
        return out;
    }

    /** {@code op} evaluated once per binding of {@code keys} (the keys flow into it). */
    static Op withKeys(Collection<Binding> keys, Op op) {
        return OpSequence.create(OpTable.create(table(keys)), op);
    }

    /**
     * The same, one sequence per set of bound variables (a plan is chosen for the first solution
     * flowing in: keys binding other variables would run with it).
     */
    static List<Op> withKeysByDomain(Collection<Binding> keys, Op op) {
        java.util.Map<Set<Var>, List<Binding>> groups = new java.util.LinkedHashMap<>();
        for (Binding b : keys) {
            Set<Var> vars = new LinkedHashSet<>();
            b.vars().forEachRemaining(vars::add);
            groups.computeIfAbsent(vars, k -> new ArrayList<>()).add(b);
        }
        List<Op> out = new ArrayList<>();
        groups.values().forEach(g -> out.add(withKeys(g, op)));
        return out;
    }

    static Table table(Collection<Binding> rows) {
        Set<Var> vars = new LinkedHashSet<>();
        rows.forEach(b -> b.vars().forEachRemaining(vars::add));
        Table t = TableFactory.create(new ArrayList<>(vars));
        rows.forEach(t::addBinding);
        return t;
    }

    /** {@code b} restricted to {@code vars}. */
    static Binding project(Binding b, Set<Var> vars) {
        var builder = Binding.builder();
        b.forEach((v, n) -> {
            if (vars.contains(v))
                builder.add(v, n);
        });
        return builder.build();
    }

    /**
     * {@code GRAPH ?g { basic graph pattern }} with {@code ?g} unbound: evaluated in the graphs
     * that hold a triple matching the pattern's most bound triple pattern (one quad lookup, any
     * graph), not in every named graph in turn (what ARQ does: the data has a graph per source
     * text, thousands at scale). The same solutions: a graph without such a triple has none.
     */
    private static final class GraphSelective extends OpExecutor {
        GraphSelective(ExecutionContext execCxt) {
            super(execCxt);
        }

        @Override
        protected QueryIterator execute(OpGraph opGraph, QueryIterator input) {
            if (!opGraph.getNode().isVariable() || !(opGraph.getSubOp() instanceof OpBGP bgp) || bgp.getPattern().isEmpty())
                return super.execute(opGraph, input);
            Var g = Var.alloc(opGraph.getNode());
            ExecutionContext cxt = execCxt;
            return new QueryIterRepeatApply(input, cxt) {
                @Override
                protected QueryIterator nextStage(Binding b) {
                    if (b.contains(g))
                        return GraphSelective.super.execute(opGraph, QueryIterSingleton.create(b, cxt));
                    Triple probe = null;
                    int bound = -1;
                    for (Triple t : bgp.getPattern()) {
                        Triple st = Substitute.substitute(t, b);
                        int n = (st.getSubject().isConcrete() ? 1 : 0) + (st.getPredicate().isConcrete() ? 1 : 0)
                                + (st.getObject().isConcrete() ? 1 : 0);
                        if (n > bound) {
                            bound = n;
                            probe = st;
                        }
                    }
                    Set<Node> graphs = new LinkedHashSet<>();
                    Iterator<Quad> it = cxt.getDataset().findNG(Node.ANY, any(probe.getSubject()), any(probe.getPredicate()),
                                                                any(probe.getObject()));
                    while (it.hasNext())
                        graphs.add(it.next().getGraph());
                    List<Binding> rows = new ArrayList<>();
                    for (Node name : graphs) {
                        BindingBuilder bb = Binding.builder(b);
                        bb.add(g, name);
                        rows.add(bb.build());
                    }
                    return GraphSelective.super.execute(opGraph, QueryIterPlainWrapper.create(rows.iterator(), cxt));
                }
            };
        }

        private static Node any(Node n) {
            return n.isConcrete() ? n : Node.ANY;
        }
    }
}
