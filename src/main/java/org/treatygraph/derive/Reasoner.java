package org.treatygraph.derive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.sparql.core.DatasetGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treatygraph.load.Change;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Inference;

/**
 * The rules of a folder (ontology/rules/*.rq) as the inference layer of the write path: every
 * write brings the inferred graph up to date inside its own transaction — incrementally
 * ({@link Maintenance}) when the inferred graph was derived with the same rules, from scratch
 * ({@link Deriver}) otherwise, or when the change alters what a stratum derives (a new
 * sub-property, say). Rules are read again at each call (parsed again only when their files
 * changed), so a rebuild from changed files uses the changed rules. Without the folder, nothing is
 * derived and the inferred graph is emptied.
 */
public final class Reasoner implements Inference {
    private static final Logger LOG = LoggerFactory.getLogger(Reasoner.class);

    private final Path rulesDir;
    private volatile Strata cached;

    public Reasoner(Path rulesDir) {
        this.rulesDir = rulesDir;
    }

    public Path rulesDir() {
        return rulesDir;
    }

    /** The rules as they are on disk now (re-parsed only when a file changed). */
    Strata strata() {
        Strata s = cached;
        if (s != null) {
            // the digest of the files as they are now: re-parse only if it differs
            String digest = Strata.digest(s.rules);
            long files;
            try (var list = Files.list(rulesDir)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".rq")).count();
            } catch (java.io.IOException e) {
                files = -1;
            }
            if (digest.equals(s.digest) && files == s.rules.size())
                return s;
        }
        List<Rule> rules = Rule.loadAll(rulesDir);
        cached = s = new Strata(rules, Strata.digest(rules));
        return s;
    }

    @Override
    public Report derive(DatasetGraph dsg) {
        if (!Files.isDirectory(rulesDir)) {
            long n = dsg.getGraph(Graphs.node(Graphs.INFERRED)).size();
            dsg.removeGraph(Graphs.node(Graphs.INFERRED));
            LOG.info("No rules folder {}: nothing derived", rulesDir);
            return new Report(0, n, 0, "no rules folder " + rulesDir);
        }
        Deriver.Report r = Deriver.run(dsg, strata(), false);
        LOG.info("Derived {} triple(s) in {} ms (+{} -{} in the inferred graph)", r.totalTriples(), r.millis(),
                 r.added(), r.removed());
        return new Report(r.added(), r.removed(), r.millis(), r.totalTriples() + " triple(s) derived from scratch by "
                          + r.triplesPerRule().size() + " rule(s)");
    }

    @Override
    public Report update(DatasetGraph dsg, Change change) {
        if (!Files.isDirectory(rulesDir))
            return derive(dsg);
        Strata strata = strata();
        String recorded = Deriver.recordedDigest(dsg);
        if (!strata.digest.equals(recorded)) {
            LOG.info("The inferred graph was derived with {} rules: deriving from scratch",
                     recorded == null ? "unknown" : "other");
            return derive(dsg);
        }
        long t0 = System.nanoTime();
        Maintenance m = new Maintenance(strata, dsg, change);
        try {
            m.run();
        } catch (Maintenance.Fallback f) {
            m.revert();
            LOG.info("Incremental update given up ({}): deriving from scratch", f.getMessage());
            return derive(dsg);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        LOG.debug("Updated the inferred graph incrementally in {} ms: +{} -{} ({} rule evaluations)", millis,
                  m.added(), m.removed(), m.evaluations());
        return new Report(m.added(), m.removed(), millis, "incremental: " + m.evaluations() + " rule evaluation(s)");
    }
}
