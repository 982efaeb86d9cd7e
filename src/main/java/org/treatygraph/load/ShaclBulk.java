package org.treatygraph.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.shared.impl.PrefixMappingImpl;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.sparql.path.P_ZeroOrMore1;
import org.apache.jena.sparql.path.P_Seq;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementUnion;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * The SPARQL-based constraints of the shapes (sh:sparql) evaluated once over all the data instead
 * of once per focus node. Jena's validator runs a constraint's SELECT for every target of its
 * shape — a parse, an optimization and an evaluation per node, which dominates validation as the
 * data grows. Here each constraint becomes one query: the shape's targets joined in the same group
 * as the constraint's own pattern ({@code $this} is the same variable, so its FILTERs apply to
 * every target as they did to each); the nodes it returns are the only ones that can violate the
 * constraint, and each is then validated by Jena against the SPARQL-based shapes alone, so the
 * findings (message, path, value, shape) are exactly Jena's. The other constraints are left to
 * Jena's validator over the shapes without their sh:sparql.
 */
final class ShaclBulk {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ShaclBulk.class);
    private final Shapes core;
    private final Shapes sparqlShapes;
    private final List<Query> candidates;

    private ShaclBulk(Shapes core, Shapes sparqlShapes, List<Query> candidates) {
        this.core = core;
        this.sparqlShapes = sparqlShapes;
        this.candidates = candidates;
    }

    /** The split of {@code shapes}; null when a SPARQL-based constraint sits on a shape with targets this class cannot express. */
    static ShaclBulk of(Shapes shapes) {
        Graph g = shapes.getGraph();
        List<Triple> sparql = g.find(Node.ANY, SHACL.sparql, Node.ANY).toList();
        if (sparql.isEmpty())
            return null;
        Graph coreGraph = GraphMemFactory.createDefaultGraph();
        g.find().forEachRemaining(t -> { if (!t.getPredicate().equals(SHACL.sparql)) coreGraph.add(t); });
        Graph sparqlGraph = GraphMemFactory.createDefaultGraph();
        List<Query> queries = new ArrayList<>();
        Set<Node> shapesDone = new HashSet<>();
        for (Triple t : sparql) {
            Node shape = t.getSubject(), constraint = t.getObject();
            if (g.contains(shape, SHACL.deactivated, Node.ANY))
                continue;
            Element target = targets(g, shape);
            Node select = one(g, constraint, SHACL.select);
            if (target == null || select == null || g.contains(constraint, SHACL.deactivated, Node.ANY))
                return null;
            Query q = QueryFactory.create(prefixes(g, constraint) + select.getLiteralLexicalForm(), Syntax.syntaxARQ);
            Element pattern = q.getQueryPattern();
            ElementGroup group = new ElementGroup();
            List<Element> own = pattern instanceof ElementGroup eg ? eg.getElements() : List.of(pattern);
            // a pattern that finds $this in the data itself (S18: $this ?path ?value) is evaluated first
            // and each of its rows checked against the targets; one that only tests $this (S01: FILTER
            // NOT EXISTS) is evaluated for each target
            boolean findsThis = own.stream().anyMatch(ShaclBulk::bindsThis);
            if (!findsThis)
                group.addElement(target);
            own.forEach(group::addElement);
            if (findsThis)
                group.addElement(target);
            Query bulk = new Query();
            bulk.setQuerySelectType();
            bulk.setPrefixMapping(q.getPrefixMapping());
            bulk.setDistinct(true);
            bulk.addResultVar(Var.alloc("this"));
            bulk.setQueryPattern(group);
            queries.add(bulk);
            // the SPARQL-only shape: its targets, severity, message and the constraint's description
            if (shapesDone.add(shape)) {
                sparqlGraph.add(Triple.create(shape, RDF.type.asNode(), SHACL.NodeShape));
                for (Node p : List.of(SHACL.targetClass, SHACL.targetSubjectsOf, SHACL.targetObjectsOf, SHACL.targetNode,
                                      SHACL.severity, SHACL.message))
                    g.find(shape, p, Node.ANY).forEachRemaining(sparqlGraph::add);
            }
            sparqlGraph.add(t);
            copyDescription(g, constraint, sparqlGraph, new HashSet<>());
        }
        return new ShaclBulk(Shapes.parse(coreGraph), Shapes.parse(sparqlGraph), queries);
    }

    /** The shapes without their SPARQL-based constraints. */
    Shapes core() {
        return core;
    }

    /** The focus nodes that may violate a SPARQL-based constraint (one query per constraint over {@code data}). */
    Set<Node> candidates(Graph data) {
        Set<Node> out = new LinkedHashSet<>();
        DatasetGraph ds = DatasetGraphFactory.wrap(data);
        for (Query q : candidates) {
            long t0 = System.nanoTime();
            int before = out.size();
            try (QueryExec qe = QueryExec.dataset(ds).query(q).build()) {
                RowSet rows = qe.select();
                while (rows.hasNext()) {
                    Binding b = rows.next();
                    Node n = b.get(Var.alloc("this"));
                    if (n != null)
                        out.add(n);
                }
            }
            LOG.debug("sh:sparql candidates of constraint {}: {} new node(s), {} ms", candidates.indexOf(q) + 1,
                      out.size() - before, (System.nanoTime() - t0) / 1_000_000);
        }
        return out;
    }

    /** The shapes with their SPARQL-based constraints only (to validate the candidates with). */
    Shapes sparqlShapes() {
        return sparqlShapes;
    }

    /** The union of the shape's targets as a pattern binding ?this; null for a kind of target not handled here. */
    private static Element targets(Graph g, Node shape) {
        Var self = Var.alloc("this");
        List<Element> parts = new ArrayList<>();
        int i = 0;
        for (Triple t : g.find(shape, SHACL.targetClass, Node.ANY).toList()) {
            ElementPathBlock b = new ElementPathBlock();
            b.addTriplePath(new TriplePath(self, new P_Seq(new P_Link(RDF.type.asNode()),
                                                            new P_ZeroOrMore1(new P_Link(RDFS.subClassOf.asNode()))), t.getObject()));
            parts.add(b);
        }
        for (Triple t : g.find(shape, SHACL.targetSubjectsOf, Node.ANY).toList()) {
            ElementPathBlock b = new ElementPathBlock();
            b.addTriple(Triple.create(self, t.getObject(), Var.alloc("target_o" + i++)));
            parts.add(distinctThis(b));
        }
        for (Triple t : g.find(shape, SHACL.targetObjectsOf, Node.ANY).toList()) {
            ElementPathBlock b = new ElementPathBlock();
            b.addTriple(Triple.create(Var.alloc("target_s" + i++), t.getObject(), self));
            parts.add(distinctThis(b));
        }
        if (g.contains(shape, SHACL.targetNode, Node.ANY) || g.contains(shape, RDF.type.asNode(), RDFS.Class.asNode())
            || parts.isEmpty())
            return null;
        if (parts.size() == 1)
            return parts.get(0);
        ElementUnion u = new ElementUnion();
        parts.forEach(u::addElement);
        return u;
    }

    /** Whether {@code e} is a block of triple patterns one of which has $this as subject or object. */
    private static boolean bindsThis(Element e) {
        Var self = Var.alloc("this");
        if (!(e instanceof ElementPathBlock b))
            return false;
        for (TriplePath tp : b.getPattern().getList())
            if (self.equals(tp.getSubject()) || self.equals(tp.getObject()))
                return true;
        return false;
    }

    /**
     * {@code SELECT DISTINCT ?this { part }}: each subject (object) of a targeted predicate once
     * before the constraint's pattern is evaluated for it (a node with three types would otherwise
     * run S01's NOT EXISTS three times).
     */
    private static Element distinctThis(Element part) {
        Query sub = new Query();
        sub.setQuerySelectType();
        sub.setDistinct(true);
        sub.addResultVar(Var.alloc("this"));
        ElementGroup group = new ElementGroup();
        group.addElement(part);
        sub.setQueryPattern(group);
        return new ElementSubQuery(sub);
    }

    private static Node one(Graph g, Node s, Node p) {
        List<Triple> ts = g.find(s, p, Node.ANY).toList();
        return ts.size() == 1 && ts.get(0).getObject().isLiteral() ? ts.get(0).getObject() : null;
    }

    /** PREFIX declarations of the constraint's sh:prefixes (their sh:declare entries). */
    private static String prefixes(Graph g, Node constraint) {
        StringBuilder sb = new StringBuilder();
        PrefixMapping seen = new PrefixMappingImpl();
        for (Triple p : g.find(constraint, SHACL.prefixes, Node.ANY).toList())
            for (Triple d : g.find(p.getObject(), SHACL.declare, Node.ANY).toList()) {
                Node prefix = one(g, d.getObject(), SHACL.prefix), ns = one(g, d.getObject(), SHACL.namespace);
                if (prefix != null && ns != null && seen.getNsPrefixURI(prefix.getLiteralLexicalForm()) == null) {
                    seen.setNsPrefix(prefix.getLiteralLexicalForm(), ns.getLiteralLexicalForm());
                    sb.append("PREFIX ").append(prefix.getLiteralLexicalForm()).append(": <")
                      .append(ns.getLiteralLexicalForm()).append(">\n");
                }
            }
        return sb.toString();
    }

    /** The triples of {@code node} and, recursively, of the blank nodes and sh:prefixes nodes they lead to. */
    private static void copyDescription(Graph g, Node node, Graph out, Set<Node> done) {
        if (!done.add(node))
            return;
        for (Triple t : g.find(node, Node.ANY, Node.ANY).toList()) {
            out.add(t);
            Node o = t.getObject();
            if (o.isBlank() || t.getPredicate().equals(SHACL.prefixes) || t.getPredicate().equals(SHACL.declare))
                copyDescription(g, o, out, done);
        }
    }

    static Node iri(String s) {
        return NodeFactory.createURI(s);
    }
}
