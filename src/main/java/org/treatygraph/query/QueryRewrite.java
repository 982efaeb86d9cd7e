package org.treatygraph.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.Rewrite;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.NodeTransform;
import org.apache.jena.sparql.graph.NodeTransformLib;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.OWL;

/**
 * Two conveniences for people who ask in schema.org terms with Wikidata IRIs, applied to each
 * query's algebra before Jena's standard optimizer (nothing is stored twice, no fact is copied):
 * <ol>
 * <li><b>schema.org in either namespace.</b> The data states schema.org terms under
 * {@code http://schema.org/} (as Wikidata and most published RDF do); an IRI
 * {@code https://schema.org/X} in a pattern or expression is read as {@code http://schema.org/X}
 * (rdflib's {@code SDO} namespace, schema.org's own examples). A CONSTRUCT template keeps what
 * the query wrote.</li>
 * <li><b>A Wikidata IRI names the entity linked to it.</b> In a triple pattern, a Wikidata item IRI
 * ({@code http://www.wikidata.org/entity/Q…}) that exactly one Treaty Graph entity links to with
 * {@code owl:sameAs} stands for that entity — so {@code ?e schema:attendee wd:Q58217} finds
 * Lavrov's events. Not in link patterns ({@code owl:sameAs}, {@code schema:sameAs},
 * {@code skos:exactMatch}: {@code ?p owl:sameAs wd:Q58217} matches the link itself), not in
 * patterns with a Wikidata property ({@code wdt:}, {@code p:}…: the offline snapshot's statements
 * are about the Wikidata item), not inside {@code SERVICE}, and not at all in a query that names
 * the snapshot graph. The links are read from the dataset the query runs over (with {@code FROM}
 * or {@code FROM NAMED}, from the graphs it names). Results carry Treaty Graph IRIs.</li>
 * </ol>
 */
final class QueryRewrite {
    static final String SCHEMA_HTTPS = "https://schema.org/";
    static final String SCHEMA_HTTP = "http://schema.org/";
    static final String WD_ITEM = "http://www.wikidata.org/entity/Q";
    static final String WIKIDATA = "http://www.wikidata.org/";
    static final Node SNAPSHOT = NodeFactory.createURI("https://w3id.org/treatygraph/graph/wikidata");
    private static final Set<Node> LINKS = Set.of(OWL.sameAs.asNode(),
        NodeFactory.createURI(SCHEMA_HTTP + "sameAs"),
        NodeFactory.createURI("http://www.w3.org/2004/02/skos/core#exactMatch"));

    private static final NodeTransform SCHEMA_TO_HTTP = n ->
        n.isURI() && n.getURI().startsWith(SCHEMA_HTTPS)
            ? NodeFactory.createURI(SCHEMA_HTTP + n.getURI().substring(SCHEMA_HTTPS.length())) : n;

    private QueryRewrite() {}

    /**
     * The optimizer of a query: these rewrites, then Jena's standard optimizer. Installed as
     * {@link ARQConstants#sysOptimizerFactory} by {@link QueryContext}. It holds no dataset: the
     * links are read, at rewrite time, from the dataset the query runs over
     * ({@link ARQConstants#sysCurrentDataset}, which Jena's query builder puts in the execution
     * context), so one context serves any dataset.
     */
    static final RewriteFactory FACTORY = cxt -> {
        Rewrite standard = Optimize.getFactory().create(cxt);
        return op -> standard.rewrite(rewrite(op, currentDataset(cxt)));
    };

    /** The dataset being queried, or null when the context names none. */
    static DatasetGraph currentDataset(Context cxt) {
        Object ds = cxt == null ? null : cxt.get(ARQConstants.sysCurrentDataset);
        if (ds instanceof Dataset d)
            return d.asDatasetGraph();
        return ds instanceof DatasetGraph g ? g : null;
    }

    /** {@code op} with both rewrites; without a dataset ({@code dsg} null) only the schema.org one. */
    static Op rewrite(Op op, DatasetGraph dsg) {
        Op http = NodeTransformLib.transform(SCHEMA_TO_HTTP, op);
        if (dsg == null || namesSnapshot(http))
            return http;
        return Transformer.transformSkipService(new WikidataItems(dsg), http);
    }

    private static boolean namesSnapshot(Op op) {
        boolean[] found = {false};
        OpWalker.walk(op, new OpVisitorBase() {
            @Override public void visit(OpGraph opGraph) {
                if (SNAPSHOT.equals(opGraph.getNode()))
                    found[0] = true;
            }
        });
        return found[0];
    }

    /** Replaces, in basic graph patterns, each linked Wikidata item by the entity linked to it. */
    private static final class WikidataItems extends TransformCopy {
        private final DatasetGraph dsg;
        private final Map<Node, Node> aliases = new HashMap<>();

        WikidataItems(DatasetGraph dsg) {
            this.dsg = dsg;
        }

        @Override
        public Op transform(OpBGP opBGP) {
            List<Triple> in = opBGP.getPattern().getList();
            List<Triple> out = new ArrayList<>(in.size());
            boolean changed = false;
            for (Triple t : in) {
                Triple r = t;
                if (eligible(t.getPredicate())) {
                    Node s = alias(t.getSubject()), o = alias(t.getObject());
                    if (s != t.getSubject() || o != t.getObject())
                        r = Triple.create(s, t.getPredicate(), o);
                }
                changed |= r != t;
                out.add(r);
            }
            return changed ? new OpBGP(BasicPattern.wrap(out)) : opBGP;
        }

        private static boolean eligible(Node p) {
            return !LINKS.contains(p) && !(p.isURI() && p.getURI().startsWith(WIKIDATA));
        }

        /** The one entity that links to the Wikidata item {@code n}, or {@code n} itself. */
        private Node alias(Node n) {
            if (!n.isURI() || !n.getURI().startsWith(WD_ITEM))
                return n;
            return aliases.computeIfAbsent(n, item -> Txn.calculateRead(dsg, () -> {
                Set<Node> linked = new HashSet<>();
                dsg.find(Node.ANY, Node.ANY, OWL.sameAs.asNode(), item).forEachRemaining(q -> {
                    Node s = q.getSubject();
                    if (s.isURI() && !s.getURI().startsWith(WIKIDATA))
                        linked.add(s);
                });
                return linked.size() == 1 ? linked.iterator().next() : item;
            }));
        }
    }
}
