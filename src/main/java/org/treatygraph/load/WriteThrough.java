package org.treatygraph.load;

import java.nio.file.Path;

import org.apache.jena.sparql.core.DatasetGraph;

/**
 * A layer over the TDB2 store that every write of the write path passes through, inside the same
 * write transaction: an index that must follow the data (the label index of
 * {@code org.treatygraph.index}). {@link Database} writes — the asserted change, the inferred
 * graph, the build record — through the dataset {@link #over} returns, and begins and commits its
 * transactions there, so the layer sees every added and deleted quad and commits with the store
 * or not at all. Reads (queries) go to the store itself.
 * <pre>
 *   Database.open(dir, project, inference, WriteThrough.NONE);        // writes go straight to TDB2
 *   Database.open(dir, project, inference, LabelIndex.writeThrough()); // writes also index labels
 * </pre>
 */
@FunctionalInterface
public interface WriteThrough {
    /** Writes go straight to the store. */
    WriteThrough NONE = (dir, store) -> store;

    /**
     * The store as the write path writes it: adds and deletes made through the result reach
     * {@code store} and the layer; its transactions are the store's.
     *
     * @param dir   the database folder (a layer may keep its own files beside the store's)
     * @param store the TDB2 store opened in {@code dir}
     */
    DatasetGraph over(Path dir, DatasetGraph store);
}
