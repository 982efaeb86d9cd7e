package org.treatygraph.query;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.apache.jena.query.ARQ;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DynamicDatasets;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sys.JenaSystem;
import org.apache.jena.tdb2.TDB2;

/**
 * What a query means here, in one place: every query — the {@code query} verb, {@code /kg/sparql},
 * {@code /kg?query=}, {@code /kg/data}, {@code /kg/queries/NAME} — runs with the settings of a
 * {@code QueryContext}, so the same query gives the same answer on every path:
 * <ul>
 * <li>the default graph is the union of the named graphs ({@link TDB2#symUnionDefaultGraph});
 * <li>a query running longer than {@link #timeout()} is cut off ({@link ARQ#queryTimeout});
 * <li>{@code SERVICE} may only call an endpoint of {@link #serviceAllow()} (exact IRIs; anything
 *     else is refused before any request is made, {@link ServiceAllowList});
 * <li>https://schema.org/ terms are read as http://schema.org/ ones, and a Wikidata item IRI in a
 *     pattern names the entity linked to it ({@link QueryRewrite}, as the optimizer).
 * </ul>
 * The dataset is not part of it: nothing here is set on a dataset's context, and the rewrite
 * reads the links from whichever dataset the query runs over, so one context serves any dataset.
 * <pre>
 *   QueryContext semantics = QueryContext.defaults().withTimeout(Duration.ofSeconds(5));
 *   Context endpoint = semantics.context();            // the settings only: Fuseki merges them over the dataset's
 *   Context run = semantics.forDataset(dsg);           // ARQ's, then dsg's, then these: for QueryExec(ution) builders
 *   try (QueryExecution qe = semantics.execution(query, dataset)) { … }   // as /kg/sparql runs it
 * </pre>
 *
 * @param timeout      longest a query may run (positive)
 * @param serviceAllow the endpoints {@code SERVICE} may call; empty refuses every {@code SERVICE}
 */
public record QueryContext(Duration timeout, List<String> serviceAllow) {
    /** The HTTP client of SERVICE calls: no redirects followed, 10 s to connect. */
    private static final java.net.http.HttpClient SERVICE_CLIENT = java.net.http.HttpClient.newBuilder()
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
        .connectTimeout(java.time.Duration.ofSeconds(10))
        .build();

    /** 30 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The Wikidata Query Service only. */
    public static final List<String> DEFAULT_SERVICE_ALLOW = List.of("https://query.wikidata.org/sparql");

    public QueryContext {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("The query timeout must be positive, got " + timeout);
        serviceAllow = List.copyOf(serviceAllow);
    }

    /** The defaults: {@link #DEFAULT_TIMEOUT}, {@link #DEFAULT_SERVICE_ALLOW}. */
    public static QueryContext defaults() {
        return new QueryContext(DEFAULT_TIMEOUT, DEFAULT_SERVICE_ALLOW);
    }

    public QueryContext withTimeout(Duration t) {
        return new QueryContext(t, serviceAllow);
    }

    public QueryContext withServiceAllow(List<String> endpoints) {
        return new QueryContext(timeout, endpoints);
    }

    /**
     * A new context holding these settings and nothing else, to be layered over a dataset's own
     * (Fuseki merges an endpoint's context over the dataset's for each request).
     */
    public Context context() {
        JenaSystem.init();
        Context cxt = new Context();
        cxt.set(TDB2.symUnionDefaultGraph, true);
        cxt.set(ARQ.queryTimeout, Long.toString(timeout.toMillis()));
        ServiceExecutorRegistry registry = ServiceExecutorRegistry.get().copy();
        registry.addSingleLink(new ServiceAllowList(serviceAllow));
        ServiceExecutorRegistry.set(cxt, registry);
        cxt.set(ARQConstants.sysOptimizerFactory, QueryRewrite.FACTORY);
        // SERVICE calls never follow a redirect: an allowed endpoint cannot send the server elsewhere.
        cxt.set(ARQ.httpQueryClient, SERVICE_CLIENT);
        return cxt;
    }

    /**
     * An execution of {@code query} over {@code dataset} with these semantics, its dataset decided
     * as at {@code /kg/sparql} (Fuseki's query endpoint): a query with {@code FROM} / {@code FROM
     * NAMED} runs over a view of just those graphs (its default graph is then the merge of the
     * {@code FROM} graphs, not the union of all), and the Wikidata links are read from that view.
     * Run it inside a read transaction of {@code dataset}.
     */
    public QueryExecution execution(Query query, Dataset dataset) {
        DatasetGraph dsg = dataset.asDatasetGraph();
        DatasetGraph over = dsg;
        Query q = query;
        if (query.hasDatasetDescription()) {
            over = DynamicDatasets.dynamicDataset(query.getDatasetDescription(), dsg, false);
            q = query.cloneQuery();
            q.getGraphURIs().clear();
            q.getNamedGraphURIs().clear();
        }
        return QueryExecution.dataset(DatasetFactory.wrap(over)).query(q).context(forDataset(dsg)).build();
    }

    /**
     * A new context to run one query over {@code dsg} with: ARQ's global context, then the
     * dataset's, then {@link #context()} — the layering Fuseki gives a request to an endpoint.
     * Give it to a query execution builder's {@code context(…)}, which uses it as it is (and
     * records the dataset in it): one per execution.
     */
    public Context forDataset(DatasetGraph dsg) {
        Context cxt = Context.mergeCopy(ARQ.getContext(), dsg.getContext());
        cxt.putAll(context());
        return cxt;
    }
}
