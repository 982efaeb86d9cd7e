package org.treatygraph.query;

import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.service.single.ChainingServiceExecutor;
import org.apache.jena.sparql.service.single.ServiceExecutor;
import org.apache.jena.sparql.util.FmtUtils;

/**
 * A link of the SERVICE executor chain that lets a call through only to an endpoint on the
 * allow-list (exact IRI match). Anything else is refused before any request is made.
 * Fuseki answers a {@link QueryDeniedException} with HTTP 422 and its message.
 */
final class ServiceAllowList implements ChainingServiceExecutor {
    private final Set<String> allowed;

    ServiceAllowList(List<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    @Override
    public QueryIterator createExecution(OpService opExecute, OpService opOriginal, Binding binding,
                                         ExecutionContext execCxt, ServiceExecutor chain) {
        Node service = opExecute.getService();
        if (service.isURI() && allowed.contains(service.getURI()))
            return chain.createExecution(opExecute, opOriginal, binding, execCxt);
        throw new QueryDeniedException("SERVICE " + FmtUtils.stringForNode(service)
            + " refused: this server only calls the federated endpoints "
            + (allowed.isEmpty() ? "(none allowed)" : allowed.stream().sorted().map(s -> "<" + s + ">").toList())
            + "; no request was made");
    }
}
