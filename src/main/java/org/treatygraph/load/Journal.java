package org.treatygraph.load;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.RDFPatch;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.rdfpatch.changes.RDFChangesCollector;
import org.apache.jena.sparql.core.Quad;

/**
 * The journal of writes accepted over HTTP: one RDF Patch file per write
 * ({@code DB/journal/00000001.rdfp}, …), so that the changes survive a rebuild from the files,
 * which replays them on top. Write-ahead: an entry is written and forced to disk before the
 * transaction that applies it commits, and the meta graph records the last entry the database
 * includes ({@code tg:journalHead}); an entry beyond it belongs to a write that never committed
 * (the client never heard of it) and is dropped when the database opens.
 *
 * <p>Each patch has the RDF Patch headers {@code id} and {@code prev} (the chain of entries),
 * {@code created} (xsd:dateTime) and {@code origin} (who wrote it, e.g. {@code "http update by
 * admin"}), and its change as {@code D} (removed) then {@code A} (added) rows in one {@code TX … TC}.
 */
public final class Journal {
    private static final String EXT = ".rdfp";

    /** One journaled write. */
    public record Entry(long sequence, String id, Instant created, String origin, Change change) {}

    private final Path dir;

    Journal(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Every entry, in order. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Path f : files())
            out.add(read(f));
        return out;
    }

    /** The sequence number of the last entry, 0 when the journal is empty. */
    public long head() {
        List<Path> files = files();
        return files.isEmpty() ? 0 : sequenceOf(files.get(files.size() - 1));
    }

    public boolean isEmpty() {
        return files().isEmpty();
    }

    /** All entries as one net change (later entries win). */
    public Change netChange() {
        Change c = new Change();
        for (Entry e : entries())
            c = c.then(e.change());
        return c;
    }

    /** Write the next entry, forced to disk. */
    Entry append(Change change, String origin) {
        long seq = head() + 1;
        String prev = seq > 1 ? read(file(seq - 1)).id() : null;
        Entry e = new Entry(seq, "uuid:" + UUID.randomUUID(), Instant.now(), origin, change);
        write(file(seq), text(e, prev));
        return e;
    }

    /** Drop every entry after {@code sequence} (entries of writes that did not commit). */
    void truncateAfter(long sequence) {
        for (Path f : files())
            if (sequenceOf(f) > sequence)
                delete(f);
    }

    /** Replace the whole journal (a restore from a dump). */
    void replace(List<Entry> entries) {
        truncateAfter(0);
        String prev = null;
        for (Entry e : entries) {
            write(file(e.sequence()), text(e, prev));
            prev = e.id();
        }
    }

    /** The RDF Patch text of an entry (as written to its file). */
    static String text(Entry e, String prevId) {
        RDFChangesCollector c = new RDFChangesCollector();
        c.header("id", NodeFactory.createURI(e.id()));
        if (prevId != null)
            c.header("prev", NodeFactory.createURI(prevId));
        c.header("created", NodeFactory.createLiteralDT(e.created().toString(), XSDDatatype.XSDdateTime));
        c.header("origin", NodeFactory.createLiteralString(e.origin()));
        c.txnBegin();
        for (Quad q : e.change().removed())
            c.delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
        for (Quad q : e.change().added())
            c.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
        c.txnCommit();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFPatchOps.write(out, c.getRDFPatch());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Parse an entry from its RDF Patch text. */
    static Entry parse(long sequence, String text) {
        return parse(sequence, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Entry parse(long sequence, InputStream in) {
        RDFPatch patch = RDFPatchOps.read(in);
        Change change = new Change();
        RDFChanges collect = new RDFChangesBase() {
            @Override public void add(Node g, Node s, Node p, Node o) { change.added(Quad.create(g, s, p, o)); }
            @Override public void delete(Node g, Node s, Node p, Node o) { change.removed(Quad.create(g, s, p, o)); }
        };
        patch.apply(collect);
        Node id = patch.getId();
        Node created = patch.getHeader("created");
        Node origin = patch.getHeader("origin");
        return new Entry(sequence, id == null ? "" : id.getURI(),
                         created == null ? Instant.EPOCH : Instant.parse(created.getLiteralLexicalForm()),
                         origin == null ? "" : origin.getLiteralLexicalForm(), change);
    }

    private Entry read(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            return parse(sequenceOf(f), in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read journal entry " + f, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Journal entry " + f + " cannot be read: " + e.getMessage(), e);
        }
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir))
            return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{8}\\" + EXT)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(long seq) {
        return dir.resolve(String.format("%08d%s", seq, EXT));
    }

    private static long sequenceOf(Path f) {
        String n = f.getFileName().toString();
        return Long.parseLong(n.substring(0, n.length() - EXT.length()));
    }

    /** Write {@code text} to {@code target} atomically and durably: a temporary file, forced, then moved. */
    private void write(Path target, String text) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(target.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                                   StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // not every file system lets a directory be forced
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write journal entry " + target, e);
        }
    }

    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
