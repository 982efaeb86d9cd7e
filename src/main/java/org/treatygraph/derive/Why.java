package org.treatygraph.derive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.PrefixMap;
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
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpReduced;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.algebra.op.OpTriple;
import org.apache.jena.sparql.algebra.op.OpUnion;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.util.ExprUtils;
import org.apache.jena.sparql.util.NodeFactoryExtra;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.treatygraph.load.Graphs;

/**
 * Why a triple holds: for a triple of the inferred graph, the rules that derive it and their
 * premises, explained in turn down to what the graphs state; for an asserted triple, the graphs
 * that state it — a source text with its title, date and the evidence quotes of the subject, or
 * the background graph with its references.
 *
 * <p>Nothing is stored for it: the explanation is found again on demand, by running the rules
 * backward from the triple (the rule's template unified with it, the rule evaluated for those
 * values only: {@link TemplateJoin}) over the same view of the data the rule ran over. A triple
 * belongs to the stratum that derives its predicate; a derivation that would go round in a circle
 * (a transitive chain explained by itself) is skipped. At the top every derivation found is
 * listed; below it, one per premise (the one with the most stated premises).
 *
 * <pre>
 *   Why why = new Why(Path.of("ontology/rules"));
 *   Explanation e = Txn.calculateRead(dsg, () -> why.explain(dsg, triple));
 *   System.out.println(e.toText(dsg.prefixes()));
 * </pre>
 */
public final class Why {
    /** Derivations listed for the triple asked about. */
    static final int TOP_DERIVATIONS = 10;
    /** Triples explained in one answer, at most: beyond, premises are listed but not explained. */
    static final int MAX_NODES = 400;
    /** Solutions looked at per rule and triple. */
    static final int MAX_SOLUTIONS = 50;

    private static final Node SOURCE_TEXT = NodeFactory.createURI(Graphs.TG + "sourceText");
    private static final Node EVIDENCE = NodeFactory.createURI(Graphs.TG + "evidence");
    private static final Node DATE_TEXT = NodeFactory.createURI(Graphs.TG + "dateText");
    private static final Node DATE_PUBLISHED = NodeFactory.createURI("http://schema.org/datePublished");
    private static final String CIRCLE = "only derivations that go round in a circle";
    private static final Pattern ABSOLUTE_IRI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+$");

    private final Reasoner rules;

    /** @param rulesDir the rules (ontology/rules); null or missing: only asserted triples can be explained */
    public Why(Path rulesDir) {
        this.rules = rulesDir != null && Files.isDirectory(rulesDir) ? new Reasoner(rulesDir) : null;
    }

    /**
     * One term of a question: {@code <IRI>}, an absolute IRI, {@code prefix:name} (the dataset's
     * prefixes), or a literal ({@code "text"@en}, {@code "2019-01-14"^^xsd:date}); anything else in
     * the object position is a plain string.
     *
     * @throws IllegalArgumentException with a message saying what is expected
     */
    public static Node term(String raw, PrefixMap prefixes, boolean object) {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty())
            throw new IllegalArgumentException("empty: give <IRI>, prefix:name" + (object ? " or a literal" : ""));
        Node n = null;
        try {
            n = NodeFactoryExtra.parseNode(v, prefixes);
        } catch (RiotException e) {
            // not in Turtle syntax
        }
        if (n == null && ABSOLUTE_IRI.matcher(v).matches() && !v.contains(" "))
            n = NodeFactory.createURI(v);
        if (n == null && object)
            n = NodeFactory.createLiteralString(v);
        if (n == null || n.isBlank() || n.isVariable())
            throw new IllegalArgumentException("'" + v + "' is not an IRI: give <IRI>, an absolute IRI or prefix:name");
        if (!object && !n.isURI())
            throw new IllegalArgumentException("'" + v + "' is a literal: only an object can be one");
        return n;
    }

    /** Explain {@code t} (inside the caller's read or write transaction). */
    public Explanation explain(DatasetGraph dsg, Triple t) {
        Search s = new Search(dsg);
        return s.node(t, null, true);
    }

    /** One answer: what the rules and the graphs say, found once per triple. */
    private final class Search {
        final DatasetGraph dsg;
        final View physical;
        final Strata strata;
        final Strata.Signatures sigs;
        final Map<Integer, View> views = new HashMap<>();
        final Map<Triple, Integer> explained = new HashMap<>();
        final Deque<Triple> path = new ArrayDeque<>();
        int next = 1;

        Search(DatasetGraph dsg) {
            this.dsg = dsg;
            this.physical = new View(dsg, null);
            this.strata = rules == null ? null : rules.strata();
            if (strata != null) {
                sigs = strata.new Signatures();
                for (int k : strata.byStratum.keySet())
                    sigs.start(k, Engine.inputOf(strata, sigs, dsg, k));
            } else {
                sigs = null;
            }
        }

        View view(int k) {
            return views.computeIfAbsent(k, x -> Engine.viewOf(strata, sigs, dsg, x));
        }

        /** @param graph a graph the premise is read from (a GRAPH pattern), or null */
        Explanation node(Triple t, Node graph, boolean top) {
            List<Node> graphs = graph != null ? List.of(graph) : physical.assertedGraphs(t);
            if (!graphs.isEmpty()) {
                List<Explanation.Statement> st = new ArrayList<>();
                for (Node g : graphs)
                    st.add(statement(g, t));
                return new Explanation(next++, t, Explanation.Status.ASSERTED, st, List.of(), 0, "");
            }
            if (!dsg.contains(Engine.INFERRED, t.getSubject(), t.getPredicate(), t.getObject()))
                return new Explanation(next++, t, Explanation.Status.ABSENT, List.of(), List.of(), 0, "");
            Integer seen = explained.get(t);
            if (seen != null)
                return new Explanation(next++, t, Explanation.Status.INFERRED, List.of(), List.of(), seen, "");
            int id = next++;
            explained.put(t, id);
            if (strata == null)
                return new Explanation(id, t, Explanation.Status.INFERRED, List.of(), List.of(), 0,
                                       "in the inferred graph; no rules are known here to explain it");
            if (explained.size() > MAX_NODES)
                return new Explanation(id, t, Explanation.Status.INFERRED, List.of(), List.of(), 0,
                                       "not explained further: this answer already explains " + MAX_NODES + " triples");
            int k = sigs.stratumOf(t);
            List<Found> found = derivations(t, k);
            // the most direct first: no premise that states the same link the other way round (an
            // inverse or symmetric restatement), then the fewest derived premises about the same
            // subject (a domain, a super-property: a restatement of something derived), then the fewest
            // premises with the same property (a transitive step), then the fewest derived premises
            found.sort(Comparator.comparingInt((Found f) -> (int) f.premises.keySet().stream()
                    .filter(p -> p.getSubject().equals(t.getObject()) && p.getObject().equals(t.getSubject())).count())
                .thenComparingInt(f -> (int) f.premises.entrySet().stream()
                    .filter(e -> e.getValue() == null && e.getKey().getSubject().equals(t.getSubject())
                                 && !physical.assertedNow(e.getKey())).count())
                .thenComparingInt(f -> (int) f.premises.keySet().stream()
                    .filter(p -> p.getPredicate().equals(t.getPredicate())).count())
                .thenComparingInt(Found::inferredPremises));
            List<Explanation.Derivation> out = new ArrayList<>();
            path.push(t);
            try {
                for (Found f : found) {
                    if (out.size() >= (top ? TOP_DERIVATIONS : 1))
                        break;
                    if (f.premises.keySet().stream().anyMatch(path::contains))
                        continue;                 // explained by itself: round in a circle
                    List<Explanation> premises = new ArrayList<>();
                    boolean grounded = true;
                    for (Map.Entry<Triple, Node> p : f.premises.entrySet()) {
                        Explanation x = node(p.getKey(), p.getValue(), false);
                        premises.add(x);
                        if (x.status() == Explanation.Status.INFERRED && x.see() == 0 && x.derivations().isEmpty()
                            && x.note().startsWith(CIRCLE)) {
                            grounded = false;     // a premise that can only be derived from what it explains
                            break;
                        }
                    }
                    if (grounded)
                        out.add(new Explanation.Derivation(f.rule.name, f.rule.title, display(f.rule.file), premises,
                                                           f.conditions));
                }
            } finally {
                path.pop();
            }
            if (out.isEmpty() && !found.isEmpty())
                explained.remove(t);              // another context may explain it without a circle
            String note = out.isEmpty() ? (found.isEmpty() ? "no rule derives it from the data as it is now"
                                                           : CIRCLE + " through the triples it would explain") : "";
            return new Explanation(id, t, Explanation.Status.INFERRED, List.of(), out, 0, note);
        }

        /** A graph that states {@code t}, with what it says about its source. */
        Explanation.Statement statement(Node g, Triple t) {
            String label = first(g, g, RDFS.label.asNode());
            Node text = object(g, g, SOURCE_TEXT);
            String title = "", date = "";
            if (text != null) {
                title = first(g, text, DCTerms.title.asNode());
                date = first(g, text, DCTerms.date.asNode());
                if (date.isEmpty())
                    date = first(g, text, DATE_PUBLISHED);
                if (date.isEmpty())
                    date = first(g, text, DATE_TEXT);
            }
            List<String> evidence = all(g, t.getSubject(), EVIDENCE);
            List<String> citations = all(g, t.getSubject(), DCTerms.bibliographicCitation.asNode());
            return new Explanation.Statement(g, label, text, title, date, evidence, citations);
        }

        private Node object(Node g, Node s, Node p) {
            var it = dsg.find(g, s, p, Node.ANY);
            return it.hasNext() ? it.next().getObject() : null;
        }

        private String first(Node g, Node s, Node p) {
            List<String> l = all(g, s, p);
            return l.isEmpty() ? "" : l.get(0);
        }

        private List<String> all(Node g, Node s, Node p) {
            List<String> out = new ArrayList<>();
            dsg.find(g, s, p, Node.ANY).forEachRemaining(q -> {
                Node o = q.getObject();
                out.add(o.isLiteral() ? o.getLiteralLexicalForm() : o.isURI() ? o.getURI() : o.toString());
            });
            out.sort(null);
            return out;
        }

        // -------------------------------------------------------------- one step backward

        record Found(Rule rule, Map<Triple, Node> premises, List<String> conditions, int inferredPremises) {}

        List<Found> derivations(Triple t, int k) {
            View view = view(k);
            List<Found> out = new ArrayList<>();
            Set<List<Object>> seen = new HashSet<>();
            for (Rule r : strata.byStratum.get(k)) {
                for (Triple tt : r.template) {
                    Binding mu = Shape.unify(tt, t, null, null);
                    if (mu == null)
                        continue;
                    List<Binding> candidates = TemplateJoin.candidates(r, mu, view);
                    if (candidates.isEmpty())
                        continue;
                    for (Op branch : branches(r.pattern)) {
                        int[] n = {0};
                        for (Op op : Eval.withKeysByDomain(candidates, branch)) {
                            Eval.forEach(op, view, b -> {
                                if (n[0] >= MAX_SOLUTIONS || !t.equals(Substitute.substitute(tt, b)))
                                    return;
                                n[0]++;
                                Map<Triple, Node> premises = new LinkedHashMap<>();
                                List<String> conditions = new ArrayList<>();
                                premises(branch, b, null, view, premises, conditions, false);
                                premises.remove(t);
                                if (seen.add(List.of(r.name, premises.keySet())))
                                    out.add(new Found(r, premises, conditions, (int) premises.entrySet().stream()
                                        .filter(e -> e.getValue() == null && !physical.assertedNow(e.getKey())).count()));
                            });
                        }
                    }
                }
            }
            return out;
        }

        /**
         * The triples a solution of a union-free pattern matched (with the graph, for GRAPH
         * patterns), and the conditions it passed (FILTERs, negations, what MINUS excluded).
         */
        void premises(Op op, Binding b, Node graph, View view, Map<Triple, Node> out, List<String> conditions,
                      boolean optional) {
            if (op instanceof OpBGP bgp) {
                for (Triple t : bgp.getPattern().getList()) {
                    Triple x = Substitute.substitute(t, b);
                    if (!x.isConcrete())
                        continue;
                    if (optional && !(graph == null ? view.holds(x) : dsg.contains(graph, x.getSubject(), x.getPredicate(), x.getObject())))
                        continue;
                    out.putIfAbsent(x, graph);
                }
            } else if (op instanceof OpTriple t) {
                premises(new OpBGP(org.apache.jena.sparql.core.BasicPattern.wrap(List.of(t.getTriple()))), b, graph, view, out,
                         conditions, optional);
            } else if (op instanceof OpGraph g) {
                Node gn = g.getNode().isVariable() ? b.get(Var.alloc(g.getNode())) : g.getNode();
                if (gn != null)
                    premises(g.getSubOp(), b, gn, view, out, conditions, optional);
            } else if (op instanceof OpPath p) {
                List<Triple> chain = witness(p.getTriplePath(), b, view);
                if (chain == null)
                    conditions.add("the path " + Explanation.node(value(p.getTriplePath().getSubject(), b), dsg.prefixes())
                                   + " " + p.getTriplePath().getPath() + " "
                                   + Explanation.node(value(p.getTriplePath().getObject(), b), dsg.prefixes()));
                else
                    chain.forEach(x -> out.putIfAbsent(x, graph));
            } else if (op instanceof OpFilter f) {
                premises(f.getSubOp(), b, graph, view, out, conditions, optional);
                for (Expr e : f.getExprs())
                    conditions.add(condition(e, b));
            } else if (op instanceof OpConditional c) {
                premises(c.getLeft(), b, graph, view, out, conditions, optional);
                premises(c.getRight(), b, graph, view, out, conditions, true);
            } else if (op instanceof OpLeftJoin lj) {
                premises(lj.getLeft(), b, graph, view, out, conditions, optional);
                premises(lj.getRight(), b, graph, view, out, conditions, true);
            } else if (op instanceof OpMinus m) {
                premises(m.getLeft(), b, graph, view, out, conditions, optional);
                conditions.add("no match for MINUS " + pattern(m.getRight(), b));
            } else if (op instanceof OpJoin j) {
                premises(j.getLeft(), b, graph, view, out, conditions, optional);
                premises(j.getRight(), b, graph, view, out, conditions, optional);
            } else if (op instanceof OpSequence s) {
                for (Op e : s.getElements())
                    premises(e, b, graph, view, out, conditions, optional);
            } else if (op instanceof OpExtend || op instanceof OpAssign || op instanceof OpDistinct || op instanceof OpReduced
                       || op instanceof OpLabel) {
                premises(((Op1) op).getSubOp(), b, graph, view, out, conditions, optional);
            } else if (op instanceof OpTable) {
                // VALUES: nothing read
            } else if (!optional) {
                conditions.add("a sub-query " + pattern(op, b));
            }
        }

        private Node value(Node n, Binding b) {
            return n.isVariable() && b.contains(Var.alloc(n)) ? b.get(Var.alloc(n)) : n;
        }

        private String condition(Expr e, Binding b) {
            Expr x = e.copySubstitute(b);
            var sc = new org.apache.jena.sparql.serializer.SerializationContext(Explanation.mapping(dsg.prefixes()));
            return "FILTER " + ExprUtils.fmtSPARQL(new org.apache.jena.sparql.expr.ExprList(x), sc).replace('\n', ' ').replaceAll("\\s+", " ");
        }

        private String pattern(Op op, Binding b) {
            Op x = Substitute.substitute(op, b);
            try {
                return org.apache.jena.sparql.algebra.OpAsQuery.asQuery(x).getQueryPattern().toString()
                    .replace('\n', ' ').replaceAll("\\s+", " ");
            } catch (RuntimeException e) {
                return x.toString().replace('\n', ' ').replaceAll("\\s+", " ");
            }
        }

        /** The edges of one chain that makes a property path hold between its two ends (breadth first). */
        List<Triple> witness(TriplePath tp, Binding b, View view) {
            Node from = value(tp.getSubject(), b), to = value(tp.getObject(), b);
            Set<List<Object>> steps = Shape.steps(tp.getPath());
            if (steps == null || !from.isConcrete() || !to.isConcrete())
                return null;
            if (from.equals(to))
                return List.of();
            Map<Node, Triple> via = new HashMap<>();
            Map<Node, Node> prev = new HashMap<>();
            Deque<Node> queue = new ArrayDeque<>(List.of(from));
            Set<Node> visited = new LinkedHashSet<>(List.of(from));
            while (!queue.isEmpty() && visited.size() < 10_000) {
                Node n = queue.poll();
                for (List<Object> st : steps) {
                    Node p = (Node) st.get(0);
                    boolean inverse = (Boolean) st.get(1);
                    var it = inverse ? view.getDefaultGraph().find(Node.ANY, p, n) : view.getDefaultGraph().find(n, p, Node.ANY);
                    while (it.hasNext()) {
                        Triple e = it.next();
                        Node m = inverse ? e.getSubject() : e.getObject();
                        if (!visited.add(m))
                            continue;
                        via.put(m, e);
                        prev.put(m, n);
                        if (m.equals(to)) {
                            List<Triple> chain = new ArrayList<>();
                            for (Node x = m; !x.equals(from); x = prev.get(x))
                                chain.add(0, via.get(x));
                            return chain;
                        }
                        queue.add(m);
                    }
                }
            }
            return null;
        }
    }

    /** The union-free alternatives of a pattern: a solution comes from one of them, with its triple patterns all matched. */
    static List<Op> branches(Op op) {
        List<Op> out = branchesOf(op);
        return out.size() > 64 ? List.of(op) : out;
    }

    private static List<Op> branchesOf(Op op) {
        if (op instanceof OpUnion u) {
            List<Op> out = new ArrayList<>(branchesOf(u.getLeft()));
            out.addAll(branchesOf(u.getRight()));
            return out;
        }
        if (op instanceof OpDisjunction d) {
            List<Op> out = new ArrayList<>();
            d.getElements().forEach(e -> out.addAll(branchesOf(e)));
            return out;
        }
        if (op instanceof OpJoin j) {
            List<Op> out = new ArrayList<>();
            for (Op l : branchesOf(j.getLeft()))
                for (Op r : branchesOf(j.getRight()))
                    out.add(OpJoin.create(l, r));
            return out;
        }
        if (op instanceof OpSequence s) {
            List<List<Op>> combos = new ArrayList<>(List.of(List.of()));
            for (Op e : s.getElements()) {
                List<List<Op>> next = new ArrayList<>();
                for (List<Op> c : combos)
                    for (Op b : branchesOf(e)) {
                        List<Op> l = new ArrayList<>(c);
                        l.add(b);
                        next.add(l);
                    }
                combos = next;
                if (combos.size() > 64)
                    return List.of(op);
            }
            List<Op> out = new ArrayList<>();
            combos.forEach(c -> out.add(s.copy(c)));
            return out;
        }
        if (op instanceof OpFilter f)
            return branchesOf(f.getSubOp()).stream().map(b -> (Op) OpFilter.filterBy(f.getExprs(), b)).toList();
        if (op instanceof OpConditional c)
            return branchesOf(c.getLeft()).stream().map(b -> (Op) new OpConditional(b, c.getRight())).toList();
        if (op instanceof OpLeftJoin lj)
            return branchesOf(lj.getLeft()).stream().map(b -> OpLeftJoin.create(b, lj.getRight(), lj.getExprs())).toList();
        if (op instanceof OpMinus m)
            return branchesOf(m.getLeft()).stream().map(b -> OpMinus.create(b, m.getRight())).toList();
        if (op instanceof OpExtend || op instanceof OpAssign || op instanceof OpDistinct || op instanceof OpReduced
            || op instanceof OpLabel) {
            Op1 o = (Op1) op;
            return branchesOf(o.getSubOp()).stream().map(b -> (Op) o.copy(b)).toList();
        }
        return List.of(op);
    }

    /** A rule file as the project names it ({@code ontology/rules/NN-name.rq}), else its path. */
    static String display(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("rules")
            && parent.getParent() != null && parent.getParent().getFileName() != null
            && parent.getParent().getFileName().toString().equals("ontology"))
            return "ontology/rules/" + file.getFileName();
        return file.toString();
    }
}
