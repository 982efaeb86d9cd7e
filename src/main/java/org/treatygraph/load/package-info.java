/**
 * Load: the one write path. {@link org.treatygraph.load.Database} takes every change of the
 * database — a build from the project files (ontology/, data/), a load of files, a restore from a
 * dump, a SPARQL Update or Graph Store write — through parse → SHACL → checks (by severity) → one
 * TDB2 write transaction that applies it, runs the {@link org.treatygraph.load.Inference} layer,
 * journals it ({@link org.treatygraph.load.Journal}, RDF Patch) and records the build
 * ({@link org.treatygraph.load.BuildRecord}, graph meta). Problems are data
 * ({@link org.treatygraph.load.Problem}); a refused write changes nothing. The IRIs of the graphs
 * and of the pipeline's own vocabulary live in {@link org.treatygraph.load.Graphs}. An index that
 * must follow the data joins the write path as a {@link org.treatygraph.load.WriteThrough} layer:
 * the write transactions run through it.
 */
package org.treatygraph.load;
