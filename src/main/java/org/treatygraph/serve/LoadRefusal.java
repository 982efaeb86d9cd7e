package org.treatygraph.serve;

import org.apache.jena.query.QueryBuildException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.modify.UpdateEngine;
import org.apache.jena.sparql.modify.UpdateEngineFactory;
import org.apache.jena.sparql.modify.UpdateEngineMain;
import org.apache.jena.sparql.modify.UpdateEngineRegistry;
import org.apache.jena.sparql.modify.UpdateEngineWorker;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.sparql.modify.request.UpdateVisitor;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.Symbol;

/**
 * Refuses SPARQL Update {@code LOAD} (it would read any URL or local file) on every dataset whose
 * context sets {@link #SYMBOL}. The whole update request is aborted; Fuseki answers a
 * {@link QueryBuildException} with HTTP 400 and its message.
 */
final class LoadRefusal {
    static final Symbol SYMBOL = Symbol.create("https://w3id.org/treatygraph/ontology#refuseUpdateLoad");
    static final String MESSAGE = "SPARQL Update LOAD is refused by this server (it would fetch a URL or read a"
                                  + " server file); add data with INSERT DATA or the `load` command instead";

    private LoadRefusal() {}

    private static final UpdateEngineFactory FACTORY = new UpdateEngineFactory() {
        @Override public boolean accept(DatasetGraph dsg, Context context) {
            return context != null && context.isTrue(SYMBOL);
        }

        @Override public UpdateEngine create(DatasetGraph dsg, Binding inputBinding, Context context) {
            return new UpdateEngineMain(dsg, inputBinding, context) {
                @Override protected UpdateVisitor prepareWorker() {
                    return new UpdateEngineWorker(dsg, inputBinding, context) {
                        @Override public void visit(UpdateLoad update) {
                            throw new QueryBuildException(MESSAGE);
                        }
                    };
                }
            };
        }
    };

    /** Register the refusing engine (once) and switch it on for {@code dsg}. */
    static synchronized void applyTo(DatasetGraph dsg) {
        if (!UpdateEngineRegistry.containsFactory(FACTORY))
            UpdateEngineRegistry.addFactory(FACTORY);
        dsg.getContext().set(SYMBOL, true);
    }
}
