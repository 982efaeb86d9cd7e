package org.treatygraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.Test;

/** {@link QueryContext} on its own, without a server: what a query means, on any dataset. */
class QueryContextTest {
    static final String PREFIXES = """
        PREFIX schema: <http://schema.org/>
        PREFIX owl:    <http://www.w3.org/2002/07/owl#>
        PREFIX wd:     <http://www.wikidata.org/entity/>
        PREFIX id:     <https://w3id.org/treatygraph/id/>
        """;
    static final String ATTENDED = "SELECT ?e WHERE { ?e <https://schema.org/attendee> wd:Q58217 } ORDER BY ?e";

    /** A TDB2 dataset in memory whose own context does not ask for the union default graph. */
    static DatasetGraph dataset(String trig) {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        assertFalse(dsg.getContext().isTrue(TDB2.symUnionDefaultGraph));
        Txn.executeWrite(dsg, () -> RDFParser.create().source(new StringReader(PREFIXES + trig)).lang(Lang.TRIG).parse(dsg));
        return dsg;
    }

    /** Lavrov's item linked to a different entity, attending a different event, in each dataset. */
    static final DatasetGraph FIRST = dataset("""
        GRAPH id:graph-a { id:lavrov-a owl:sameAs wd:Q58217 . id:talks-a schema:attendee id:lavrov-a . }""");
    static final DatasetGraph SECOND = dataset("""
        GRAPH id:graph-b { id:lavrov-b owl:sameAs wd:Q58217 . id:talks-b schema:attendee id:lavrov-b . }""");

    static String id(String local) {
        return "https://w3id.org/treatygraph/id/" + local;
    }

    /** The first column of a SELECT over {@code dsg} run with {@code cxt} as its whole context. */
    static List<String> column(DatasetGraph dsg, Context cxt, String select) {
        return Txn.calculateRead(dsg, () -> {
            List<String> out = new ArrayList<>();
            try (QueryExec qe = QueryExec.dataset(dsg).query(PREFIXES + select).context(cxt).build()) {
                qe.select().forEachRemaining(b -> {
                    Node n = b.get(b.vars().next());
                    out.add(n.isURI() ? n.getURI() : n.getLiteralLexicalForm());
                });
            }
            return out;
        });
    }

    /** What Fuseki does for a request to an endpoint: ARQ's context, then the dataset's, then the endpoint's. */
    static Context asFusekiMergesIt(DatasetGraph dsg, Context endpoint) {
        return Context.mergeCopy(Context.mergeCopy(ARQ.getContext(), dsg.getContext()), endpoint);
    }

    @Test
    void one_context_built_once_serves_two_datasets_each_with_its_own_links() {
        Context endpoint = QueryContext.defaults().context();
        assertEquals(List.of(id("talks-a")), column(FIRST, asFusekiMergesIt(FIRST, endpoint), ATTENDED));
        assertEquals(List.of(id("talks-b")), column(SECOND, asFusekiMergesIt(SECOND, endpoint), ATTENDED));
        assertEquals(List.of(id("talks-a")), column(FIRST, asFusekiMergesIt(FIRST, endpoint), ATTENDED), "and back");
    }

    @Test
    void the_context_built_twice_works_for_two_different_datasets() {
        QueryContext semantics = QueryContext.defaults();
        assertEquals(List.of(id("talks-a")), column(FIRST, semantics.forDataset(FIRST), ATTENDED));
        assertEquals(List.of(id("talks-b")), column(SECOND, semantics.forDataset(SECOND), ATTENDED));
    }

    @Test
    void nothing_is_set_on_the_dataset_context() {
        QueryContext.defaults().forDataset(FIRST);
        QueryContext.defaults().context();
        column(FIRST, QueryContext.defaults().forDataset(FIRST), ATTENDED);
        Context own = FIRST.getContext();
        assertFalse(own.isDefined(ARQConstants.sysOptimizerFactory));
        assertFalse(own.isDefined(ARQ.queryTimeout));
        assertFalse(own.isDefined(ARQConstants.registryServiceExecutors));
        assertFalse(own.isTrue(TDB2.symUnionDefaultGraph));
    }

    @Test
    void the_default_graph_is_the_union_of_the_named_graphs() {
        String both = "SELECT ?e WHERE { ?e schema:attendee ?p } ORDER BY ?e";
        DatasetGraph two = dataset("""
            GRAPH id:graph-a { id:talks-a schema:attendee id:lavrov-a . }
            GRAPH id:graph-b { id:talks-b schema:attendee id:lavrov-b . }""");
        assertEquals(List.of(id("talks-a"), id("talks-b")), column(two, QueryContext.defaults().forDataset(two), both));
        assertEquals(List.of(), column(two, Context.mergeCopy(ARQ.getContext(), two.getContext()), both),
                     "without it the stored default graph, which is empty");
    }

    @Test
    void without_a_dataset_in_the_context_only_the_schema_org_rewrite_applies() {
        assertEquals(null, QueryRewrite.currentDataset(new Context()));
        Op op = Algebra.compile(QueryFactory.create(PREFIXES + ATTENDED));
        String rewritten = QueryRewrite.FACTORY.create(new Context()).rewrite(op).toString();
        assertTrue(rewritten.contains("<http://schema.org/attendee>"), rewritten);
        assertFalse(rewritten.contains("https://schema.org/"), rewritten);
        assertTrue(rewritten.contains("<http://www.wikidata.org/entity/Q58217>"), rewritten);
    }

    @Test
    void a_query_running_longer_than_the_timeout_is_cancelled() {
        DatasetGraph mem = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(mem, () -> {
            for (int i = 0; i < 300; i++)
                mem.getDefaultGraph().add(NodeFactory.createURI("urn:x:s" + i), NodeFactory.createURI("urn:x:p"),
                                          NodeFactory.createLiteralDT(Integer.toString(i), XSDDatatype.XSDinteger));
        });
        QueryContext quick = QueryContext.defaults().withTimeout(Duration.ofMillis(200));
        String runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
        long t0 = System.nanoTime();
        assertThrows(QueryCancelledException.class, () -> column(mem, quick.forDataset(mem), runaway));
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "cut off, not run to the end");
    }

    @Test
    void service_outside_the_allow_list_is_refused_before_any_request() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String target = "http://127.0.0.1:" + listener.getLocalPort() + "/sparql";
            QueryDeniedException e = assertThrows(QueryDeniedException.class, () ->
                column(FIRST, QueryContext.defaults().forDataset(FIRST), "SELECT * WHERE { SERVICE <" + target + "> { ?s ?p ?o } }"));
            assertTrue(e.getMessage().contains("SERVICE <" + target + "> refused")
                       && e.getMessage().contains("<https://query.wikidata.org/sparql>"), e.getMessage());
            QueryContext none = QueryContext.defaults().withServiceAllow(List.of());
            QueryDeniedException all = assertThrows(QueryDeniedException.class, () ->
                column(FIRST, none.forDataset(FIRST), "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"));
            assertTrue(all.getMessage().contains("(none allowed)"), all.getMessage());
            assertEquals(0, connections.get());
        }
    }

    @Test
    void a_timeout_that_is_not_positive_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> QueryContext.defaults().withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> QueryContext.defaults().withTimeout(Duration.ofSeconds(-1)));
    }
}
