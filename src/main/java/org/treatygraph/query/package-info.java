/**
 * Query: what a query means ({@link org.treatygraph.query.QueryContext}: union default graph,
 * timeout, SERVICE allow-list, https schema.org and Wikidata IRI rewrites — the one definition the
 * {@code query} verb and every endpoint of {@code serve} run with), and the named-query library
 * (queries/*.rq): their headers, safe parameter binding, and running one over a dataset.
 */
package org.treatygraph.query;
