/**
 * Index: the label index behind search ({@code /kg/search}, {@code text:query} in SPARQL) — a
 * jena-text Lucene index of every {@code rdfs:label} and {@code skos:altLabel} (the names each
 * claimant uses, derived from {@code tg:hasName}) in en, ja, ru and any other language, kept
 * beside the database ({@code DB/text/}). It is a {@link org.treatygraph.load.WriteThrough}
 * layer of the write path: every quad the write path adds or deletes — asserted or inferred —
 * passes through a jena-text {@code DatasetGraphText}, and the Lucene index commits as a component
 * of the same TDB2 write transaction. Rebuilt from the store when missing or when it does not
 * hold one document per indexed label. Matches are prefix, case- and diacritic-insensitive, and
 * find Japanese and Chinese names by any part ({@link org.treatygraph.index.LabelAnalyzer}).
 * Imports {@code load} only.
 */
package org.treatygraph.index;
