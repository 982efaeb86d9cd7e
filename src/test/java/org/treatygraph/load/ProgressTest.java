package org.treatygraph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build tells its progress, phase by phase, in order: parsing (bytes of all the files, triples so
 * far — the last report has read every byte), checking, writing (quads of all), deriving; each phase
 * ends once, with its count. A load of files does the same for what it parses and writes.
 */
class ProgressTest {
    @TempDir Path tmp;

    /** What a progress heard, as "update PHASE done/total triples" and "end PHASE triples". */
    static final class Recorder implements Progress {
        final List<String> heard = new ArrayList<>();
        final List<long[]> parse = new ArrayList<>();

        @Override public void update(Phase phase, long done, long total, long triples) {
            if (phase == Phase.PARSE)
                parse.add(new long[] {done, total, triples});
            String line = "update " + phase;
            if (heard.isEmpty() || !heard.get(heard.size() - 1).equals(line))
                heard.add(line);
        }

        @Override public void end(Phase phase, long triples, long millis) {
            heard.add("end " + phase + " " + triples);
        }
    }

    @Test
    void a_build_reports_parsing_checking_writing_and_deriving_in_order_and_parsing_reaches_every_byte() throws IOException {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Recorder r = new Recorder();
        Database db = Database.open(tmp.resolve("db"), project, Inference.none()).progress(r);
        try {
            WriteReport report = db.rebuild(Database.OnError.REFUSE);
            long bytes = 0;
            for (Path f : project.ontologyFiles())
                bytes += Files.size(f);
            for (Path f : project.dataFiles())
                bytes += Files.size(f);
            long[] last = r.parse.get(r.parse.size() - 1);
            assertEquals(bytes, last[0], "every byte read");
            assertEquals(bytes, last[1], "of all the files");
            for (int i = 1; i < r.parse.size(); i++)
                assertTrue(r.parse.get(i)[0] >= r.parse.get(i - 1)[0] && r.parse.get(i)[2] >= r.parse.get(i - 1)[2], "never backwards");
            long triples = last[2];
            assertEquals(List.of("update PARSE", "end PARSE " + triples, "update VALIDATE", "end VALIDATE " + triples,
                                 "end WRITE " + report.added(), "update DERIVE", "end DERIVE 0"), r.heard);
        } finally {
            TDBInternal.expel(db.dataset());
        }
    }

    @Test
    void the_log_has_one_summary_line_per_phase_with_the_rate() {
        assertEquals("Parsed 1,234,567 triple(s) from 9 file(s) (120.0 MB) in 10.00 s (123,456 triples/s)",
                     Progress.summary(Progress.Phase.PARSE, 1_234_567, 10_000, "9 file(s) (120.0 MB)"));
        assertEquals("Wrote 6,236 quad(s) (+6236 -0) in 2.00 s (3,118 quads/s)",
                     Progress.summary(Progress.Phase.WRITE, 6236, 2000, "+6236 -0"));
    }

    @Test
    void a_load_of_files_reports_what_it_parses_and_derives() {
        Project project = Fixtures.copyProject(tmp.resolve("project"));
        Recorder r = new Recorder();
        Database db = Fixtures.built(tmp.resolve("db"), project).progress(r);
        try {
            db.load(List.of(Fixtures.file("extra.ttl")), null);
            assertEquals("update PARSE", r.heard.get(0));
            assertTrue(r.heard.get(1).startsWith("end PARSE "), r.heard.toString());
            assertTrue(r.heard.contains("update DERIVE") && r.heard.contains("end DERIVE 0"), r.heard.toString());
        } finally {
            TDBInternal.expel(db.dataset());
        }
    }
}
