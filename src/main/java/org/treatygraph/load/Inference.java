package org.treatygraph.load;

import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The layer every write passes through after its change is applied and validated, inside the
 * same write transaction: it brings the inferred graph ({@link Graphs#INFERRED}) up to date, so
 * that readers see the old data with the old inferences or the new data with the new ones. The
 * derive stage implements it; {@code cli} wires it into the {@link Database} (load never imports
 * derive).
 */
public interface Inference {

    /** What a derivation changed in the inferred graph. */
    record Report(long added, long removed, long millis, String summary) {
        public static final Report NONE = new Report(0, 0, 0, "");
    }

    /** Recompute the inferred graph from all asserted graphs (a build from files; rules re-read). */
    Report derive(DatasetGraph dsg);

    /**
     * Bring the inferred graph up to date after {@code change} was applied to {@code dsg}. The
     * result must equal {@link #derive}'s on the same data; an implementation that cannot do better
     * re-derives from scratch.
     */
    default Report update(DatasetGraph dsg, Change change) {
        return derive(dsg);
    }

    /** No rules: the inferred graph stays empty. */
    static Inference none() {
        return dsg -> {
            long n = dsg.getGraph(Graphs.node(Graphs.INFERRED)).size();
            dsg.removeGraph(Graphs.node(Graphs.INFERRED));
            return new Report(0, n, 0, "no rules");
        };
    }
}
