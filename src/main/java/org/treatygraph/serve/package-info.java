/**
 * Serve: the embedded Fuseki server for dataset /kg, its endpoints and their security (auth, LOAD
 * refusal, CORS), the /kg/queries API and third-party client quirks. Writes — SPARQL Update
 * ({@link org.treatygraph.serve.UpdateService}), the Graph Store Protocol
 * ({@link org.treatygraph.serve.GraphStoreService}) and {@code POST /$/reload}
 * ({@link org.treatygraph.serve.ReloadService}) — are Fuseki processors that hand the change to the
 * write path, {@link org.treatygraph.load.Database}, and answer its report or refusal
 * ({@link org.treatygraph.serve.WriteResponses}). What a query means (union default graph, timeout,
 * SERVICE allow-list, https schema.org and Wikidata IRI rewrites) is not defined here but in
 * {@link org.treatygraph.query.QueryContext}, which every query endpoint carries as its own context.
 */
package org.treatygraph.serve;
