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
 *
 * <p>Browsing without SPARQL: entity pages at {@code /id/{kind}/{name}}
 * ({@link org.treatygraph.serve.EntityPages}: HTML from Mustache templates, RDF by content
 * negotiation), search by name ({@link org.treatygraph.serve.SearchService}, over the label index of
 * {@code org.treatygraph.index}), what the workbench completes
 * ({@link org.treatygraph.serve.VocabularyService}), the workbench and the views
 * ({@link org.treatygraph.serve.BrowserPage}). The SPARQL they run is in class-path .rq files
 * ({@link org.treatygraph.serve.ServiceQueries}), with the same query semantics as /kg/sparql.
 */
package org.treatygraph.serve;
