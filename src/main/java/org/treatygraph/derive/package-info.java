/** Derive: materializes the ontology's rules (ontology/rules/*.rq) into the inferred named graph. */
package org.treatygraph.derive;
