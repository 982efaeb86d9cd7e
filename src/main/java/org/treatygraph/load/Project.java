package org.treatygraph.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's input folders: {@code ontology/} (with {@code shapes.ttl} and {@code rules/}),
 * {@code data/} and {@code queries/}, under one root (the current directory by default).
 * Missing folders count as empty.
 */
public record Project(Path root) {

    public Project {
        root = root.toAbsolutePath().normalize();
    }

    public Path ontologyDir() { return root.resolve("ontology"); }
    public Path dataDir()     { return root.resolve("data"); }
    public Path queriesDir()  { return root.resolve("queries"); }
    public Path rulesDir()    { return ontologyDir().resolve("rules"); }
    /**
     * {@code data/drafts/}: drafts written by {@code ingest}, for a curator to review. Never part of
     * the build: {@link #dataFiles()}, the refused-file list and {@link #contentHash()} leave it out,
     * so a draft is loaded only once a curator moves it into {@code data/sources/}.
     */
    public Path draftsDir()   { return dataDir().resolve("drafts"); }
    public Path checksDir()   { return ontologyDir().resolve("checks"); }
    public Path shapesFile()  { return ontologyDir().resolve("shapes.ttl"); }

    /** ontology/*.ttl except shapes.ttl, sorted: the content of the ontology graph. */
    public List<Path> ontologyFiles() {
        return list(ontologyDir(), false).stream()
            .filter(p -> p.getFileName().toString().endsWith(".ttl"))
            .filter(p -> !p.equals(shapesFile()))
            .toList();
    }

    /** data/**&#47;*.trig, sorted, without data/drafts/ (see {@link #draftsDir()}). */
    public List<Path> dataFiles() {
        return list(dataDir(), true).stream()
            .filter(p -> !isDraft(p))
            .filter(p -> p.getFileName().toString().endsWith(".trig"))
            .toList();
    }

    /** RDF files under data/ that are not TriG: refused, since every data triple must name its graph. */
    List<Path> refusedDataFiles() {
        return list(dataDir(), true).stream()
            .filter(p -> !isDraft(p))
            .filter(p -> !p.getFileName().toString().endsWith(".trig"))
            .filter(p -> Parsing.langOf(p) != null)
            .toList();
    }

    /** Whether a file lies in ontology/ (and so belongs to the ontology graph). */
    boolean isOntologyFile(Path file) {
        Path f = file.toAbsolutePath().normalize();
        return f.getParent() != null && f.getParent().equals(ontologyDir()) && !f.equals(shapesFile());
    }

    /** Whether a file lies under data/drafts/ (written by {@code ingest}, never loaded). */
    public boolean isDraft(Path file) {
        return file.toAbsolutePath().normalize().startsWith(draftsDir());
    }

    /** Whether a file lies under data/. */
    boolean isDataFile(Path file) {
        return file.toAbsolutePath().normalize().startsWith(dataDir()) && !isDraft(file);
    }

    /** A path as shown in messages: relative to the root when inside it. */
    public String display(Path file) {
        Path f = file.toAbsolutePath().normalize();
        return (f.startsWith(root) ? root.relativize(f) : f).toString().replace('\\', '/');
    }

    /**
     * SHA-256 (hex) over every regular file of ontology/** and data/** (rules and shapes
     * included; names starting with '.' and data/drafts/ skipped), in sorted order of relative path: for each
     * file its relative path (UTF-8, '/' separators), a 0 byte, its length (8 bytes) and its bytes.
     */
    public String contentHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>(list(ontologyDir(), true));
            list(dataDir(), true).stream().filter(p -> !isDraft(p)).forEach(files::add);
            files.stream().sorted((a, b) -> display(a).compareTo(display(b))).forEach(f -> {
                try {
                    byte[] bytes = Files.readAllBytes(f);
                    sha.update(display(f).getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
                    sha.update(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> list(Path dir, boolean recursive) {
        if (!Files.isDirectory(dir))
            return List.of();
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                .filter(p -> !hidden(dir, p))
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hidden(Path dir, Path p) {
        for (Path part : dir.relativize(p))
            if (part.toString().startsWith("."))
                return true;
        return false;
    }
}
