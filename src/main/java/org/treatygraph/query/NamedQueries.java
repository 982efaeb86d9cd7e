package org.treatygraph.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.system.Txn;

/**
 * The catalog of named queries in a folder (queries/*.rq; file stem = name), and running one.
 *
 * <pre>
 *   NamedQueries catalog = NamedQueries.load(Path.of("queries"));
 *   catalog.run(catalog.resolve("treaty-lineage"), dataset, System.out);
 * </pre>
 */
public final class NamedQueries {
    private final Map<String, NamedQuery> queries;

    private NamedQueries(Map<String, NamedQuery> queries) {
        this.queries = queries;
    }

    /** Read every *.rq of {@code dir} (none when it does not exist), sorted by name. */
    public static NamedQueries load(Path dir) {
        Map<String, NamedQuery> map = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".rq")).sorted()
                     .forEach(p -> { NamedQuery q = read(p); map.put(q.name(), q); });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new NamedQueries(map);
    }

    /** Read one .rq file and its header. */
    public static NamedQuery read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".rq") ? fileName.substring(0, fileName.length() - 3) : fileName;
        String title = "", question = "", returns = "";
        for (String line : text.lines().toList()) {
            String l = line.strip();
            if (!l.startsWith("#"))
                continue;
            String body = l.substring(1).strip();
            if (body.startsWith("# ") && title.isEmpty())
                title = body.substring(2).strip();
            else if (body.startsWith("**Question:**"))
                question = body.substring("**Question:**".length()).strip();
            else if (body.startsWith("**Returns:**"))
                returns = body.substring("**Returns:**".length()).strip();
        }
        return new NamedQuery(name, title, question, returns, text, file);
    }

    public List<NamedQuery> all() {
        return List.copyOf(queries.values());
    }

    public Optional<NamedQuery> get(String name) {
        return Optional.ofNullable(queries.get(name));
    }

    /** A catalog name, or the path of a .rq file. */
    public NamedQuery resolve(String nameOrFile) {
        NamedQuery q = queries.get(nameOrFile);
        if (q != null)
            return q;
        Path p = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".rq") && Files.isRegularFile(p))
            return read(p);
        throw new NoSuchElementException("No named query '" + nameOrFile + "'; known: "
                                         + String.join(", ", queries.keySet()));
    }

    /**
     * Run a query over {@code dataset} in a read transaction and print it: a text table for
     * SELECT, yes/no for ASK, Turtle for CONSTRUCT and DESCRIBE.
     */
    public void run(NamedQuery q, Dataset dataset, OutputStream output) {
        PrintStream out = output instanceof PrintStream ps ? ps : new PrintStream(output, true, StandardCharsets.UTF_8);
        Query query = QueryFactory.create(q.text());
        Txn.executeRead(dataset, () -> {
            try (QueryExecution qe = QueryExecution.dataset(dataset).query(query).build()) {
                if (query.isSelectType())
                    ResultSetFormatter.out(out, qe.execSelect(), query);
                else if (query.isAskType())
                    out.println(qe.execAsk() ? "yes" : "no");
                else if (query.isConstructType())
                    RDFDataMgr.write(out, qe.execConstruct(), Lang.TURTLE);
                else if (query.isDescribeType())
                    RDFDataMgr.write(out, qe.execDescribe(), Lang.TURTLE);
                else
                    throw new IllegalArgumentException(q.name() + ": unsupported query form");
            }
        });
        out.flush();
    }
}
