package org.treatygraph.load;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every scenario of {@link DatabaseTest} again with every rebuild parsed straight into the write
 * transaction and validated there (the path of inputs larger than {@link Database#inPlaceBytes}):
 * the same graphs, counts, refusals that leave the database unchanged, journal replays and
 * conflicts, findings at file:line:col.
 */
class InPlaceRebuildTest extends DatabaseTest {
    private static long before;

    @BeforeAll
    static void everyRebuildInPlace() {
        before = Database.inPlaceBytes;
        Database.inPlaceBytes = -1;
    }

    @AfterAll
    static void restore() {
        Database.inPlaceBytes = before;
    }
}
