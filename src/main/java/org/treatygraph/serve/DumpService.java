package org.treatygraph.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.servlets.ActionProcessor;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.treatygraph.load.BuildRecord;
import org.treatygraph.load.Database;
import org.treatygraph.load.Dump;

/**
 * Versioned, compressed dumps of the whole dataset, as the dataset description (DCAT) advertises:
 * {@code GET /kg/dumps/treatygraph.nq.gz} and {@code …/treatygraph.trig.gz} (the current state),
 * {@code …/treatygraph-20261205T231700Z.nq.gz} (a state by the time it last changed), {@code GET
 * /kg/dumps/} lists them (JSON). A dump is made once per state, in a read transaction, into
 * {@code DB/dumps/}, and served from there; the two newest states are kept. {@code load} restores
 * a dump into a database (its journal included).
 */
final class DumpService implements ActionProcessor {
    static final String PATH = "/kg/dumps/*";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Database database;
    private final Path dir;

    DumpService(Database database) {
        this.database = database;
        this.dir = database.dir().resolve("dumps");
    }

    @Override
    public void execGet(HttpAction action) {
        String path = action.getRequest().getPathInfo() == null ? "/" : action.getRequest().getPathInfo();
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (name.isEmpty()) {
            list(action);
            return;
        }
        String stamp = stamp();
        Dump.Format format;
        String file;
        if (name.equals("treatygraph.nq.gz") || name.equals("treatygraph-" + stamp + ".nq.gz")) {
            format = Dump.Format.NQUADS;
            file = "treatygraph-" + stamp + ".nq.gz";
        } else if (name.equals("treatygraph.trig.gz") || name.equals("treatygraph-" + stamp + ".trig.gz")) {
            format = Dump.Format.TRIG;
            file = "treatygraph-" + stamp + ".trig.gz";
        } else {
            ServletOps.errorNotFound("No dump '" + name + "' (of the current state " + stamp + "). GET /kg/dumps/ lists them.");
            return;
        }
        Path dump = ensure(file, format);
        action.setResponseStatus(200);
        action.setResponseContentType("application/gzip");
        action.setResponseHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
        try {
            action.setResponseContentLengthLong(Files.size(dump));
            if (!action.getRequestMethod().equals("HEAD"))
                Files.copy(dump, action.getResponseOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void execHead(HttpAction action) {
        execGet(action);
    }

    private void list(HttpAction action) {
        String stamp = stamp();
        JsonArray dumps = new JsonArray();
        for (String[] f : new String[][] {{"nq.gz", "application/n-quads"}, {"trig.gz", "application/trig"}}) {
            JsonObject o = new JsonObject();
            o.put("url", "/kg/dumps/treatygraph." + f[0]);
            o.put("versioned", "/kg/dumps/treatygraph-" + stamp + "." + f[0]);
            o.put("mediaType", f[1]);
            o.put("compression", "gzip");
            o.put("state", stamp);
            dumps.add(o);
        }
        JsonObject o = new JsonObject();
        o.put("dumps", dumps);
        o.put("licence", "https://creativecommons.org/licenses/by/4.0/");
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        JSON.write(buf, o);
        action.setResponseStatus(200);
        action.setResponseContentType("application/json; charset=utf-8");
        try {
            action.getResponseOutputStream().write(buf.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current state's stamp: when the data last changed. */
    private String stamp() {
        return database.record().map(BuildRecord::modified).map(STAMP::format).orElse("empty");
    }

    /** The dump file of this state, made now if it is not there yet. */
    private synchronized Path ensure(String file, Dump.Format format) {
        Path target = dir.resolve(file);
        if (Files.exists(target))
            return target;
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file + ".tmp");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                database.export(out, format);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            prune(format == Dump.Format.NQUADS ? ".nq.gz" : ".trig.gz");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dump " + target, e);
        }
        return target;
    }

    /** Keep the two newest dumps of a format. */
    private void prune(String suffix) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
        for (int i = 0; i < files.size() - 2; i++)
            Files.deleteIfExists(files.get(i));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
