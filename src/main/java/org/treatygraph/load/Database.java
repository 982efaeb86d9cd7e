package org.treatygraph.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.system.Prefixes;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.shared.impl.PrefixMappingImpl;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path. Every change of the database — a build from the project files, a load of
 * files, a restore from a dump, a SPARQL Update or Graph Store write over HTTP — goes through it:
 * <pre>
 *   parse → SHACL → checks → ONE TDB2 write transaction { apply the change; inference; journal; build record }
 * </pre>
 * A write that breaks a shape or an ERROR check, or names a graph only the pipeline writes, is
 * refused with every problem ({@link LoadException}) and changes nothing. Readers see the old
 * state or the new one, never a mix, and are never blocked (TDB2 readers run on the state their
 * transaction began with).
 *
 * <p>The files of ontology/ and data/ are the curated source of truth; writes from elsewhere
 * (HTTP, {@code load} of files outside the project) are a journaled layer above them
 * ({@link Journal}, RDF Patch): a rebuild from changed files replays the journal on top, or —
 * when a journaled change no longer fits the files — refuses, saying which and how to keep it.
 *
 * <pre>
 *   Database db = Database.open(Path.of("run/tdb2"), new Project(Path.of(".")), inference);
 *   db.build(Database.Rebuild.IF_STALE, Database.OnError.REFUSE);
 *   db.write(Origin.http("SPARQL Update", "admin"), dsg -> UpdateExec.dataset(dsg).update(req).execute());
 * </pre>
 */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_LOGGED = 20;

    /** When {@link #build} rebuilds from the files. */
    public enum Rebuild {
        /** When the database has no build yet or the content hash of ontology/ + data/ changed. */
        IF_STALE,
        /** Always. */
        ALWAYS
    }

    /** What ERROR findings do to a build from files. */
    public enum OnError {
        /** Refuse the build: nothing is written. */
        REFUSE,
        /** Log them and build all the same (never for HTTP writes). */
        WARN
    }

    /** Who writes, and whether the change is journaled (kept across rebuilds from the files). */
    public record Origin(String description, Kept kept) {
        /** Where a write's change lives on. */
        public enum Kept {
            /** In the journal: replayed on every rebuild from the files. */
            JOURNAL,
            /** In the project files themselves: nothing to journal. */
            FILES
        }

        /** A write over HTTP by {@code user}: journaled. */
        public static Origin http(String operation, String user) {
            return new Origin(operation + (user == null || user.isEmpty() ? "" : " by " + user), Kept.JOURNAL);
        }
    }

    private final Path dir;
    /** The TDB2 store: what readers query. */
    private final DatasetGraph store;
    /** The store as the write path writes it ({@link WriteThrough}): every write transaction runs here. */
    private final DatasetGraph dsg;
    private final Project project;
    private final Inference inference;
    private final Journal journal;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile Validator validator;
    private volatile Progress progress = Progress.NONE;

    private Database(Path dir, DatasetGraph store, DatasetGraph dsg, Project project, Inference inference) {
        this.dir = dir;
        this.store = store;
        this.dsg = dsg;
        this.project = project;
        this.inference = inference;
        this.journal = new Journal(dir.resolve("journal"));
    }

    /**
     * Open (creating if needed) the database in {@code dir} for {@code project}; every write runs
     * {@code inference}. Journal entries of writes that never committed are dropped.
     *
     * @throws Store.LockedException when another process holds the database
     */
    public static Database open(Path dir, Project project, Inference inference) {
        return open(dir, project, inference, WriteThrough.NONE);
    }

    /**
     * Open (creating if needed) the database in {@code dir} for {@code project}; every write runs
     * {@code inference} and passes through {@code layer} (an index that follows the data), in
     * the same write transaction.
     *
     * @throws Store.LockedException when another process holds the database
     */
    public static Database open(Path dir, Project project, Inference inference, WriteThrough layer) {
        DatasetGraph store = Store.open(dir);
        Database db = new Database(dir, store, layer.over(dir, store), project, inference);
        db.recover();
        return db;
    }

    /**
     * Report how far builds and loads have come to {@code p} (parsing, writing, deriving), e.g. for a
     * progress line on a terminal. Returns this database.
     */
    public Database progress(Progress p) {
        this.progress = p == null ? Progress.NONE : p;
        return this;
    }

    /**
     * The TDB2 dataset, for reading (queries: the union default graph is TDB2's). Write only
     * through this class.
     */
    public DatasetGraph dataset() {
        return store;
    }

    public Project project() {
        return project;
    }

    public Path dir() {
        return dir;
    }

    public Journal journal() {
        return journal;
    }

    public Optional<BuildRecord> record() {
        return BuildRecord.read(dsg);
    }

    /** Why the database must be rebuilt from the files, or empty when it is up to date. */
    public Optional<String> staleness() {
        Optional<BuildRecord> record = record();
        if (record.isEmpty())
            return Optional.of("no build recorded in " + dir);
        String hash = project.contentHash();
        if (!hash.equals(record.get().contentHash()))
            return Optional.of("ontology/ or data/ changed (content hash " + shortHash(record.get().contentHash())
                               + " -> " + shortHash(hash) + ")");
        return Optional.empty();
    }

    private void recover() {
        Optional<BuildRecord> record = record();
        if (record.isEmpty())
            return;                       // a new database: the first build replays whatever the journal holds
        long head = record.get().journalHead(), last = journal.head();
        if (last > head) {
            LOG.warn("Journal {}: dropping {} entry(ies) after {} — written by a write that never committed",
                     journal.dir(), last - head, head);
            journal.truncateAfter(head);
        } else if (last < head) {
            LOG.warn("Journal {}: the database includes entries up to {} but the journal ends at {};"
                     + " a rebuild from the files would lose the missing changes", journal.dir(), head, last);
        }
    }

    // ---- builds from the project files

    /**
     * Build from ontology/ and data/ when {@code when} says so; the journal is replayed on top.
     * The files are parsed and validated before the write transaction begins.
     *
     * @return the report, or empty when the database was up to date
     * @throws LoadException when the files do not parse, break a shape or an ERROR check (unless
     *         {@code onError} is WARN), or when journaled changes conflict with them; nothing is written
     */
    public Optional<WriteReport> build(Rebuild when, OnError onError) {
        if (when == Rebuild.IF_STALE) {
            Optional<String> why = staleness();
            if (why.isEmpty())
                return Optional.empty();
            LOG.info("Rebuilding {}: {}", dir, why.get());
        }
        return Optional.of(rebuild(onError));
    }

    /**
     * Input files larger than this in all are parsed straight into the write transaction (and
     * validated there) instead of into memory first: see {@link #rebuild}. (System property
     * {@code treatygraph.load.inPlaceBytes}; tests set it to run every rebuild in place.)
     */
    static volatile long inPlaceBytes = Long.getLong("treatygraph.load.inPlaceBytes", 32L << 20);

    /**
     * Rebuild from the files now (what {@code POST /$/reload} and the {@code reload} verb do).
     * Small inputs are parsed into memory and validated before the write transaction begins;
     * inputs larger than {@link #inPlaceBytes} are parsed straight into the write transaction
     * (no copy of the data in memory) and validated over its state — a refusal aborts it, so in
     * both ways a refused rebuild writes nothing and readers never see its state.
     */
    public WriteReport rebuild(OnError onError) {
        List<Path> files = new ArrayList<>(project.ontologyFiles());
        files.addAll(project.dataFiles());
        long bytes = 0;
        for (Path f : files) {
            try {
                bytes += Files.size(f);
            } catch (java.io.IOException e) {
                bytes = 0;
                break;
            }
        }
        return bytes > inPlaceBytes ? rebuildInPlace(onError, files) : rebuildInMemory(onError, files);
    }

    private WriteReport rebuildInMemory(OnError onError, List<Path> files) {
        long t0 = System.nanoTime();
        String hash = project.contentHash();
        Parsing.Parsed parsed = new Parsing.Parsed();
        project.refusedDataFiles().forEach(f -> parsed.problem(project, f,
            "refused: files under data/ must be TriG (.trig) so that every triple names its graph"));
        Node ontology = Graphs.node(Graphs.ONTOLOGY);
        parsed.track(progress, files);
        project.ontologyFiles().forEach(f -> Parsing.parse(project, f, ontology, parsed));
        project.dataFiles().forEach(f -> Parsing.parse(project, f, null, parsed));
        parsed.endTracking(LOG, files.size());
        parsed.failIfProblems();
        Validator v = Validator.of(project);
        PrefixMapping prefixes = prefixes(parsed);
        long tCheck = System.nanoTime();
        progress.update(Progress.Phase.VALIDATE, 0, -1, 0);
        List<Problem> found = v.all(parsed.dsg, Locations.of(project, parsed.files()), prefixes);
        progress.end(Progress.Phase.VALIDATE, parsed.triples, millis(tCheck));
        List<Problem> warnings = judge(found, onError, "nothing was loaded");

        writing.lock();
        try {
            WriteReport report = Txn.calculateWrite(dsg, () -> {
                LOG.info("Rebuild of {}: writing {} quad(s) of ontology/ and data/ in one write transaction", dir,
                         parsed.triples);
                // The journal, as of now: no HTTP write can append while this transaction holds the lock.
                List<Journal.Entry> entries = journal.entries();
                Change replay = replay(entries, parsed.dsg);
                if (!replay.isEmpty()) {
                    replay.applyTo(parsed.dsg);
                    warnings.addAll(replayConflicts(v, parsed.dsg, replay, entries, prefixes));
                }
                long[] delta = replaceAsserted(parsed);
                return finishBuild(hash, entries, delta, warnings, t0);
            });
            validator = v;
            return report;
        } finally {
            writing.unlock();
        }
    }

    /**
     * The rebuild of a large input: one write transaction parses the files straight into the
     * store ({@link InPlace}: every quad into an empty store, else the difference), then runs the
     * shapes and checks over the transaction's own state, replays the journal, derives and records
     * the build. Memory holds no copy of the data; a parse error, an ERROR finding (unless
     * {@code onError} is WARN) or a journal conflict aborts the transaction.
     */
    private WriteReport rebuildInPlace(OnError onError, List<Path> files) {
        long t0 = System.nanoTime();
        String hash = project.contentHash();
        Validator v = Validator.of(project);
        writing.lock();
        try {
            WriteReport report = Txn.calculateWrite(dsg, () -> {
                // the pipeline's graphs are made afresh below; without them the store holds asserted
                // graphs only and is validated with TDB2's own engine
                for (String reserved : List.of(Graphs.INFERRED, Graphs.META))
                    if (dsg.find(Graphs.node(reserved), Node.ANY, Node.ANY, Node.ANY).hasNext())
                        dsg.removeGraph(Graphs.node(reserved));
                InPlace target = InPlace.into(dsg);
                Parsing.Parsed parsed = new Parsing.Parsed(target);
                project.refusedDataFiles().forEach(f -> parsed.problem(project, f,
                    "refused: files under data/ must be TriG (.trig) so that every triple names its graph"));
                Node ontology = Graphs.node(Graphs.ONTOLOGY);
                LOG.info("Rebuild of {}: parsing {} file(s) straight into one write transaction{}", dir, files.size(),
                         target.wasEmpty() ? "" : " (writing the difference)");
                parsed.track(progress, files);
                project.ontologyFiles().forEach(f -> Parsing.parse(project, f, ontology, parsed));
                project.dataFiles().forEach(f -> Parsing.parse(project, f, null, parsed));
                parsed.endTracking(LOG, files.size());
                parsed.failIfProblems();
                long tWrite = System.nanoTime();
                long[] delta = target.finish();
                dsg.prefixes().clear();
                dsg.prefixes().putAll(parsed.prefixes);
                progress.end(Progress.Phase.WRITE, delta[0] + delta[1], millis(tWrite));
                LOG.info("{}", Progress.summary(Progress.Phase.WRITE, delta[0] + delta[1], millis(tWrite),
                                                "+" + delta[0] + " -" + delta[1] + ", streamed while parsing"));
                PrefixMapping prefixes = prefixes(parsed);
                long tCheck = System.nanoTime();
                progress.update(Progress.Phase.VALIDATE, 0, -1, 0);
                List<Problem> found = v.allOnAssertedStore(store, Locations.of(project, files), prefixes);
                progress.end(Progress.Phase.VALIDATE, parsed.triples, millis(tCheck));
                List<Problem> warnings = judge(found, onError, "nothing was loaded");
                List<Journal.Entry> entries = journal.entries();
                Change replay = replay(entries, dsg);
                if (!replay.isEmpty()) {
                    replay.applyTo(dsg);
                    warnings.addAll(replayConflicts(v, dsg, replay, entries, prefixes));
                }
                return finishBuild(hash, entries, delta, warnings, t0);
            });
            validator = v;
            return report;
        } finally {
            writing.unlock();
        }
    }

    /** The net change of the journal's entries that changes {@code data}. */
    private static Change replay(List<Journal.Entry> entries, DatasetGraph data) {
        Change journaled = new Change();
        for (Journal.Entry e : entries)
            journaled = journaled.then(e.change());
        return effective(journaled, data);
    }

    /** The findings the replayed journal brings to {@code data} (already applied); its ERROR findings refuse the rebuild. */
    private List<Problem> replayConflicts(Validator v, DatasetGraph data, Change replay, List<Journal.Entry> entries,
                                          PrefixMapping prefixes) {
        List<Problem> conflicts = v.introduced(data, replay, Locations.none(), prefixes);
        List<Problem> errors = conflicts.stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            List<Problem> all = new ArrayList<>(errors);
            all.add(Problem.input("journal", journal.dir().toString(), 0, 0, entries.size()
                + " journaled change(s) made over HTTP no longer fit the changed files (above). Nothing was"
                + " rebuilt. Keep them: `export --changes` writes them as TriG to move into data/;"
                + " or drop them: `reload --discard-changes`."));
            throw new LoadException(LoadException.Reason.CONFLICT, all);
        }
        return conflicts;
    }

    /** Derive, write the build record and the dataset description (inside the rebuild's transaction). */
    private WriteReport finishBuild(String hash, List<Journal.Entry> entries, long[] delta, List<Problem> warnings, long t0) {
        Instant now = now();
        Inference.Report inf = derive(() -> inference.derive(dsg));
        long head = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).sequence();
        BuildRecord r = new BuildRecord(hash, now, now, BuildRecord.count(dsg), head);
        r.write(dsg);
        DatasetDescription.write(dsg);
        return new WriteReport("rebuild from ontology/ and data/", delta[0], delta[1], inf, warnings, r, 0,
                               entries.size(), millis(t0));
    }

    /**
     * Make the asserted graphs of the database hold exactly those of {@code parsed}: into an empty
     * database by streaming, otherwise by writing the difference only. Returns {added, removed}.
     */
    private long[] replaceAsserted(Parsing.Parsed parsed) {
        long t0 = System.nanoTime();
        dsg.prefixes().clear();
        dsg.prefixes().putAll(parsed.prefixes);
        long[] n = {0, 0};
        if (!AssertedView.of(dsg).find().hasNext()) {
            long total = parsed.triples;
            parsed.dsg.find().forEachRemaining(q -> {
                dsg.add(q);
                if (++n[0] % Parsing.REPORT_EVERY == 0)
                    progress.update(Progress.Phase.WRITE, n[0], total, n[0]);
            });
        } else {
            Change diff = Change.between(AssertedView.of(dsg), parsed.dsg);
            progress.update(Progress.Phase.WRITE, 0, diff.size(), 0);
            diff.applyTo(dsg);
            n[0] = diff.added().size();
            n[1] = diff.removed().size();
        }
        long ms = millis(t0), written = n[0] + n[1];
        progress.end(Progress.Phase.WRITE, written, ms);
        LOG.info("{}", Progress.summary(Progress.Phase.WRITE, written, ms, "+" + n[0] + " -" + n[1]));
        return n;
    }

    /** Run a derivation, telling the progress (it has no measure of its own: the line shows the time it takes). */
    private Inference.Report derive(java.util.function.Supplier<Inference.Report> derivation) {
        long t0 = System.nanoTime();
        progress.update(Progress.Phase.DERIVE, 0, -1, 0);
        Inference.Report inf = derivation.get();
        progress.end(Progress.Phase.DERIVE, inf.added(), millis(t0));
        return inf;
    }

    /** The part of {@code change} that changes {@code data}: adds of absent quads, removals of present ones. */
    private static Change effective(Change change, DatasetGraph data) {
        Change c = new Change();
        change.removed().stream().filter(data::contains).forEach(c::removed);
        change.added().stream().filter(q -> !data.contains(q)).forEach(c::added);
        return c;
    }

    // ---- loads of files

    /**
     * Add or replace the graphs that {@code files} carry. TriG/N-Quads files name their graphs; a
     * triples file (Turtle, N-Triples, …) goes to {@code graph}, or by default to
     * {@link Graphs#forFile}. A file of ontology/ stands for the whole ontology graph. Files of
     * the project (ontology/, data/) are the truth and are not journaled; any other file is a
     * journaled change that survives rebuilds. Findings are located at {@code file:line:col}.
     *
     * @param graph target graph IRI for triples, or null for the default
     */
    public WriteReport load(List<Path> files, String graph) {
        Parsing.Parsed parsed = new Parsing.Parsed();
        List<Path> tracked = new ArrayList<>(files.stream().filter(Files::isRegularFile).toList());
        if (files.stream().anyMatch(project::isOntologyFile))
            tracked.addAll(project.ontologyFiles());
        parsed.track(progress, tracked);
        Node ontology = Graphs.node(Graphs.ONTOLOGY);
        boolean ontologyGiven = false, outsideProject = false;
        for (Path f : files) {
            if (!Files.isRegularFile(f))
                parsed.problem(project, f, "no such file");
            else if (f.toAbsolutePath().normalize().equals(project.shapesFile()))
                parsed.problem(project, f, "the SHACL shapes are not data; `validate` uses them");
            else if (project.isOntologyFile(f))
                ontologyGiven = true;
            else if (Parsing.langOf(f) == null)
                parsed.problem(project, f, "not an RDF file (unknown extension)");
            else if (project.isDataFile(f) && !f.getFileName().toString().endsWith(".trig"))
                parsed.problem(project, f, "refused: files under data/ must be TriG (.trig) so that every triple names its graph");
            else {
                outsideProject |= !project.isDataFile(f);
                if (RDFLanguages.isTriples(Parsing.langOf(f)))
                    Parsing.parse(project, f, Graphs.node(graph != null ? graph : Graphs.forFile(f)), parsed);
                else
                    Parsing.parse(project, f, graph == null ? null : Graphs.node(graph), parsed);
            }
        }
        if (ontologyGiven)
            project.ontologyFiles().forEach(f -> Parsing.parse(project, f, ontology, parsed));
        parsed.endTracking(LOG, parsed.files().size());
        parsed.failIfProblems();
        List<Node> graphs = List.copyOf(parsed.graphs.keySet());
        String what = "load of " + files.stream().map(project::display).toList();
        Origin origin = new Origin(what, outsideProject ? Origin.Kept.JOURNAL : Origin.Kept.FILES);
        return write(origin, Locations.of(project, parsed.files()), prefixes(parsed), layer -> {
            graphs.forEach(layer::removeGraph);
            layer.prefixes().putAll(parsed.prefixes);
            parsed.dsg.find().forEachRemaining(layer::add);
        });
    }

    // ---- writes from outside the pipeline

    /**
     * Run {@code operation} (a SPARQL Update, a Graph Store write…) on the database, through the
     * pipeline: its changes are recorded and refused where they name the inferred, meta or default
     * graph; then the findings it introduces are checked (an ERROR refuses it), inference brings the
     * inferred graph up to date, the change is journaled, the build record updated — all in one
     * write transaction.
     *
     * @throws LoadException (FORBIDDEN, INVALID) with every problem; nothing is written
     */
    public WriteReport write(Origin origin, Consumer<DatasetGraph> operation) {
        return write(origin, Locations.none(), null, operation);
    }

    private WriteReport write(Origin origin, Locations where, PrefixMapping prefixes, Consumer<DatasetGraph> operation) {
        long t0 = System.nanoTime();
        Journal.Entry[] appended = {null};
        writing.lock();
        try {
            return Txn.calculateWrite(dsg, () -> {
                WriteLayer layer = new WriteLayer(dsg);
                operation.accept(layer);
                Change change = layer.change();
                long tOp = System.nanoTime();
                Optional<BuildRecord> before = BuildRecord.readIn(dsg);
                if (change.isEmpty())
                    return new WriteReport(origin.description(), 0, 0, Inference.Report.NONE, List.of(),
                                           before.orElse(null), 0, 0, millis(t0));
                PrefixMapping pm = prefixes != null ? prefixes : Prefixes.adapt(dsg.prefixes());
                List<Problem> found = validator().introduced(dsg, change, where, pm);
                List<Problem> warnings = judge(found, OnError.REFUSE, "nothing was written");
                long tValid = System.nanoTime();
                Inference.Report inf = derive(() -> inference.update(dsg, change));
                long tInf = System.nanoTime();
                LOG.debug("{}: change {} in {} ms, validation {} ms, inference {} ms", origin.description(), change,
                          (tOp - t0) / 1_000_000, (tValid - tOp) / 1_000_000, (tInf - tValid) / 1_000_000);
                Instant now = now();
                BuildRecord base = before.orElse(new BuildRecord(null, now, now, Map.of(), 0));
                long head = base.journalHead();
                if (origin.kept() == Origin.Kept.JOURNAL) {
                    appended[0] = journal.append(change, origin.description());
                    head = appended[0].sequence();
                }
                BuildRecord after = before.isPresent() ? base.after(change, inf, now, head)
                    : new BuildRecord(null, now, now, BuildRecord.count(dsg), head);
                after.write(dsg);
                return new WriteReport(origin.description(), change.added().size(), change.removed().size(), inf,
                                       warnings, after, head == base.journalHead() ? 0 : head, 0, millis(t0));
            });
        } catch (RuntimeException e) {
            if (appended[0] != null)
                journal.truncateAfter(appended[0].sequence() - 1);      // the transaction did not commit
            throw e;
        } finally {
            writing.unlock();
        }
    }

    /** Re-derive the inferred graph with {@code with} (e.g. after editing the rules), in one write transaction. */
    public WriteReport rederive(Inference with) {
        long t0 = System.nanoTime();
        writing.lock();
        try {
            return Txn.calculateWrite(dsg, () -> {
                Inference.Report inf = with.derive(dsg);
                Instant now = now();
                BuildRecord r = BuildRecord.readIn(dsg)
                    .map(b -> new BuildRecord(b.contentHash(), b.built(), now, BuildRecord.count(dsg), b.journalHead()))
                    .orElseGet(() -> new BuildRecord(null, now, now, BuildRecord.count(dsg), 0));
                r.write(dsg);
                DatasetDescription.write(dsg);
                return new WriteReport("re-derivation", 0, 0, inf, List.of(), r, 0, 0, millis(t0));
            });
        } finally {
            writing.unlock();
        }
    }

    /** Drop the journal (its changes stay in the database until the next rebuild from the files). */
    public void discardJournal() {
        writing.lock();
        try {
            Txn.executeWrite(dsg, () -> {
                Optional<BuildRecord> r = BuildRecord.readIn(dsg);
                r.ifPresent(rec -> new BuildRecord(rec.contentHash(), rec.built(), rec.modified(),
                                                   rec.triplesPerGraph(), 0).write(dsg));
                journal.truncateAfter(0);
            });
        } finally {
            writing.unlock();
        }
    }

    // ---- dumps

    /** Write every graph (and the journal, as graph {@link Graphs#JOURNAL}) to {@code out}, one block per graph. */
    public void export(java.io.OutputStream out, Dump.Format format) {
        Txn.executeRead(dsg, () -> Dump.write(dsg, journal.entries(), out, format));
    }

    /** The journaled HTTP changes as TriG for data/ (see {@code export --changes}). */
    public void exportChanges(java.io.OutputStream out) {
        Txn.executeRead(dsg, () -> Dump.writeChanges(journal.entries(), dsg.prefixes(), out));
    }

    /**
     * Restore a dump made by {@link #export}: its asserted graphs replace the database's, the
     * inferred graph is re-derived (and compared with the dump's), the build record is the dump's
     * (content hash, build time, journal head; counts recomputed) and the journal becomes the dump's.
     */
    public WriteReport restore(Path dumpFile) {
        long t0 = System.nanoTime();
        Dump.Read dump = Dump.read(project, dumpFile);
        Validator v = Validator.of(project);
        List<Problem> warnings = judge(v.all(dump.asserted(), Locations.of(project, List.of(dumpFile)),
                                             Prefixes.adapt(dump.prefixes())), OnError.REFUSE, "nothing was restored");
        writing.lock();
        try {
            return Txn.calculateWrite(dsg, () -> {
                long before = 0;
                for (Iterator<Quad> it = AssertedView.of(dsg).find(); it.hasNext(); it.next())
                    before++;
                dsg.clear();
                dsg.prefixes().clear();
                dsg.prefixes().putAll(dump.prefixes());
                long[] added = {0};
                long total = dump.asserted().stream().count();
                dump.asserted().find().forEachRemaining(q -> {
                    dsg.add(q);
                    if (++added[0] % Parsing.REPORT_EVERY == 0)
                        progress.update(Progress.Phase.WRITE, added[0], total, added[0]);
                });
                progress.end(Progress.Phase.WRITE, added[0], millis(t0));
                Inference.Report inf = derive(() -> inference.derive(dsg));
                long differ = Dump.difference(dsg.getGraph(Graphs.node(Graphs.INFERRED)), dump.inferred());
                if (differ > 0) {
                    String msg = "the dump's inferred graph differs from the re-derivation in " + differ
                                 + " triple(s) (the rules changed since the dump was made): the re-derivation is kept";
                    LOG.warn("Restore: {}", msg);
                    warnings.add(new Problem(Problem.Severity.WARN, "restore", project.display(dumpFile), 0, 0,
                                             "<" + Graphs.INFERRED + ">", "", msg));
                }
                BuildRecord r = dump.record().map(d -> new BuildRecord(d.contentHash(), d.built(), d.modified(),
                                                                         BuildRecord.count(dsg), d.journalHead()))
                    .orElseGet(() -> new BuildRecord(null, now(), now(), BuildRecord.count(dsg), 0));
                // The dump's meta graph as it was (its description is that of its build), then the record's counts.
                Node metaName = Graphs.node(Graphs.META);
                dump.meta().find().forEachRemaining(t -> dsg.add(metaName, t.getSubject(), t.getPredicate(), t.getObject()));
                r.write(dsg);
                if (!dsg.contains(metaName, Graphs.node(Graphs.DATASET), Graphs.node(DatasetDescription.VOID + "sparqlEndpoint"), Node.ANY))
                    DatasetDescription.write(dsg);
                journal.replace(dump.journal());
                return new WriteReport("restore of " + project.display(dumpFile), added[0], before, inf, warnings, r,
                                       0, 0, millis(t0));
            });
        } finally {
            writing.unlock();
        }
    }

    // ---- validation without writing

    /**
     * Parse and check ontology/ and data/, or the given files (together with ontology/*.ttl,
     * which defines the classes the shapes rely on): every SHACL and check finding, located.
     *
     * @throws LoadException on a parse error or a refused file
     */
    public static ValidationReport validate(Project project, List<Path> files) {
        Parsing.Parsed parsed = new Parsing.Parsed();
        Node ontology = Graphs.node(Graphs.ONTOLOGY);
        List<Path> all = new ArrayList<>();
        if (files.isEmpty()) {
            project.refusedDataFiles().forEach(f -> parsed.problem(project, f,
                "refused: files under data/ must be TriG (.trig) so that every triple names its graph"));
            all.addAll(project.ontologyFiles());
            all.addAll(project.dataFiles());
        } else {
            all.addAll(files);
            List<Path> given = all.stream().map(p -> p.toAbsolutePath().normalize()).toList();
            project.ontologyFiles().stream().filter(f -> !given.contains(f)).forEach(all::add);
        }
        for (Path f : all) {
            if (!Files.isRegularFile(f))
                parsed.problem(project, f, "no such file");
            else if (project.isOntologyFile(f))
                Parsing.parse(project, f, ontology, parsed);
            else if (Parsing.langOf(f) != null && RDFLanguages.isTriples(Parsing.langOf(f)) && !project.isDataFile(f))
                Parsing.parse(project, f, Graphs.node(Graphs.forFile(f)), parsed);
            else
                Parsing.parse(project, f, null, parsed);
        }
        parsed.failIfProblems();
        Validator v = Validator.of(project);
        List<Problem> found = v.all(parsed.dsg, Locations.of(project, parsed.files()), prefixes(parsed));
        return new ValidationReport(found, all.size(), v.hasShapes());
    }

    // ---- helpers

    private Validator validator() {
        Validator v = validator;
        if (v == null)
            validator = v = Validator.of(project);
        return v;
    }

    /** Refuse on ERROR findings (unless WARN); log the rest; return the findings that did not refuse. */
    private static List<Problem> judge(List<Problem> found, OnError onError, String consequence) {
        List<Problem> errors = found.stream().filter(Problem::isError).toList();
        List<Problem> others = new ArrayList<>(found.stream().filter(p -> !p.isError()).toList());
        if (!errors.isEmpty() && onError == OnError.REFUSE) {
            List<Problem> all = new ArrayList<>(errors);
            all.addAll(others);
            throw new LoadException(LoadException.Reason.INVALID, all);
        }
        int logged = 0;
        for (Problem p : found)
            if (logged++ < MAX_LOGGED)
                LOG.warn("{}", p);
        if (found.size() > MAX_LOGGED)
            LOG.warn("{} more finding(s) not shown; `validate` lists them all", found.size() - MAX_LOGGED);
        if (!errors.isEmpty())
            LOG.warn("{} ERROR finding(s) written anyway (--violations warn); without it {}", errors.size(), consequence);
        List<Problem> reported = new ArrayList<>(others);
        if (onError == OnError.WARN)
            reported.addAll(errors);
        return reported;
    }

    static PrefixMapping prefixes(Parsing.Parsed parsed) {
        PrefixMapping pm = new PrefixMappingImpl();
        parsed.prefixes.forEach((p, iri) -> pm.setNsPrefix(p, iri));
        return pm;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static String shortHash(String hash) {
        return hash == null ? "(none)" : hash.substring(0, Math.min(12, hash.length()));
    }

    /** For logs: graph → triples. */
    static Map<String, Long> counts(BuildRecord r) {
        return new LinkedHashMap<>(r.sortedCounts());
    }
}
