/**
 * Serve: the embedded Fuseki server for dataset /kg, its endpoints and their security (auth, LOAD
 * refusal, CORS), the /kg/queries API and third-party client quirks. What a query means (union
 * default graph, timeout, SERVICE allow-list, https schema.org and Wikidata IRI rewrites) is not
 * defined here but in {@link org.treatygraph.query.QueryContext}, which every query endpoint
 * carries as its own context.
 */
package org.treatygraph.serve;
