/** Bench: a generator of synthetic data of the real shape, and the benchmark of materialized TDB2 against Jena's live OWL reasoner. */
package org.treatygraph.bench;
