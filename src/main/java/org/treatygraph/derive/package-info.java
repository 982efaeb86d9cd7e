/**
 * Derive: materializes the ontology's rules (ontology/rules/*.rq) into the inferred named graph —
 * from scratch ({@link org.treatygraph.derive.Deriver}) or incrementally after a change
 * ({@link org.treatygraph.derive.Reasoner}, DRed per stratum), reading the database itself — and
 * explains any triple on demand ({@link org.treatygraph.derive.Why}). See docs/reasoning.md.
 */
package org.treatygraph.derive;
