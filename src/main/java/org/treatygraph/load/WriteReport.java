package org.treatygraph.load;

import java.util.List;

/**
 * What a write did: its change to the asserted graphs, what inference changed, the problems
 * that were reported but did not refuse it (WARN, INFO), the build record after it, and the
 * journal entry that keeps it (0 when it is not journaled: builds from the project files).
 *
 * @param operation    what was written, in words ("rebuild from files", "SPARQL Update by admin", …)
 * @param added        quads added to the asserted graphs
 * @param removed      quads removed from the asserted graphs
 * @param inference    the inferred graph's change
 * @param warnings     findings reported, not refusing
 * @param record       the build record after the write (null when nothing was written)
 * @param journalEntry sequence number of the journal entry, 0 when none
 * @param replayed     journal entries replayed on top of a build from files
 * @param millis       time taken
 */
public record WriteReport(String operation, long added, long removed, Inference.Report inference,
                          List<Problem> warnings, BuildRecord record, long journalEntry, long replayed, long millis) {

    public WriteReport {
        warnings = List.copyOf(warnings);
    }

    /** Whether the write changed nothing (an up-to-date build, an update that matched nothing). */
    public boolean unchanged() {
        return added == 0 && removed == 0 && inference.added() == 0 && inference.removed() == 0;
    }
}
