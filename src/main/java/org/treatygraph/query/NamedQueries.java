package org.treatygraph.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.system.Txn;

/**
 * The catalog of named queries in a folder (queries/*.rq; file stem = name), and running one.
 *
 * <pre>
 *   NamedQueries catalog = NamedQueries.load(Path.of("queries"));
 *   NamedQuery q = catalog.resolve("meetings_between");
 *   catalog.run(q, q.bind(Map.of("a", List.of("person:shinzo-abe"))), dataset, QueryContext.defaults(),
 *               System.out, ResultFormat.TABLE);
 * </pre>
 */
public final class NamedQueries {
    private final Map<String, NamedQuery> queries;

    private NamedQueries(Map<String, NamedQuery> queries) {
        this.queries = queries;
    }

    /** No queries. */
    public static NamedQueries empty() {
        return new NamedQueries(Map.of());
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
        return read(name, text, file);
    }

    /**
     * A query and its header from {@code text} (a .rq kept elsewhere than queries/, e.g. a class-path
     * resource of the service: {@code file} is null then).
     */
    public static NamedQuery read(String name, String text, Path file) {
        String title = "", question = "", returns = "", parameters = "", federated = "";
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
            else if (body.startsWith("**Parameters:**"))
                parameters = body.substring("**Parameters:**".length()).strip();
            else if (body.startsWith("**Federated:**"))
                federated = body.substring("**Federated:**".length()).strip();
        }
        boolean isFederated = federated.toLowerCase(Locale.ROOT).startsWith("yes");
        return new NamedQuery(name, title, question, parseParameters(parameters), returns, isFederated, text, file);
    }

    /**
     * The parameters of a header line: {@code ?a (default person:taro-kono), ?b (default "x"@en) words,
     * ?c (default tg:startDate; any term)} — or {@code none}. Commas and parentheses inside quotes or angle brackets are part of the value.
     */
    static List<Parameter> parseParameters(String line) {
        List<Parameter> out = new ArrayList<>();
        String s = line.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("none") || s.equalsIgnoreCase("none."))
            return out;
        for (String item : splitTopLevel(s)) {
            String it = item.strip();
            if (!it.startsWith("?") && !it.startsWith("$"))
                continue;
            int i = 1;
            while (i < it.length() && (Character.isLetterOrDigit(it.charAt(i)) || it.charAt(i) == '_'))
                i++;
            String name = it.substring(1, i);
            String rest = it.substring(i).strip();
            String def = "";
            boolean any = false;
            if (rest.startsWith("(")) {
                int close = closing(rest);
                String inner = rest.substring(1, close).strip();
                int semi = inner.lastIndexOf(';');
                if (semi >= 0 && inner.substring(semi + 1).strip().equalsIgnoreCase("any term")) {
                    any = true;
                    inner = inner.substring(0, semi).strip();
                }
                if (inner.toLowerCase(Locale.ROOT).startsWith("default"))
                    def = inner.substring("default".length()).strip();
                rest = rest.substring(Math.min(close + 1, rest.length())).strip();
            }
            rest = rest.replaceFirst("^[—–:\\-]+", "").strip();
            if (!name.isEmpty())
                out.add(new Parameter(name, def, rest, any));
        }
        return out;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false, iri = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) { if (c == '"' && s.charAt(i - 1) != '\\') quoted = false; continue; }
            if (iri) { if (c == '>') iri = false; continue; }
            switch (c) {
                case '"' -> quoted = true;
                case '<' -> iri = true;
                case '(' -> depth++;
                case ')' -> depth = Math.max(0, depth - 1);
                case ',' -> {
                    if (depth == 0) { parts.add(s.substring(start, i)); start = i + 1; }
                }
                default -> { }
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** Index of the parenthesis closing the one at 0 (outside quotes and IRIs), or the length. */
    private static int closing(String s) {
        int depth = 0;
        boolean quoted = false, iri = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) { if (c == '"' && s.charAt(i - 1) != '\\') quoted = false; continue; }
            if (iri) { if (c == '>') iri = false; continue; }
            if (c == '"') quoted = true;
            else if (c == '<') iri = true;
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return s.length();
    }

    public List<NamedQuery> all() {
        return List.copyOf(queries.values());
    }

    public Optional<NamedQuery> get(String name) {
        return Optional.ofNullable(queries.get(name));
    }

    /**
     * A catalog name, or the path of a .rq file.
     *
     * @throws NoSuchElementException with a one-line message: what was not found, and the closest names
     */
    public NamedQuery resolve(String nameOrFile) {
        NamedQuery q = queries.get(nameOrFile);
        if (q != null)
            return q;
        boolean file = nameOrFile.endsWith(".rq") || nameOrFile.contains("/") || nameOrFile.contains("\\");
        Path p = Path.of(nameOrFile);
        if (file && Files.isRegularFile(p))
            return read(p);
        String stem = p.getFileName() == null ? nameOrFile : p.getFileName().toString().replaceFirst("\\.rq$", "");
        List<String> close = closest(stem, 3);
        String what = file ? "no query file '" + nameOrFile + "'" + (queries.containsKey(stem) ? "" : " (and no named query '" + stem + "')")
                           : "no named query '" + nameOrFile + "'";
        String hint = queries.containsKey(stem) ? "; the named query is `query " + stem + "`"
                    : !close.isEmpty() ? "; did you mean " + String.join(", ", close) + "?"
                    : "";
        throw new NoSuchElementException(what + hint + " (`query` without a name lists all " + queries.size() + ")");
    }

    /**
     * Up to {@code max} catalog names closest to {@code name}: those within an edit distance of a
     * third of its length (at least 2), or containing it, nearest first.
     */
    public List<String> closest(String name, int max) {
        String n = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, n.length() / 3);
        record Scored(String name, int distance) {}
        return queries.keySet().stream()
            .map(k -> new Scored(k, k.contains(n) && !n.isEmpty() ? 0 : distance(n, k.toLowerCase(Locale.ROOT))))
            .filter(x -> x.distance() <= limit)
            .sorted(java.util.Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
            .limit(max).map(Scored::name).toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
            prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Run a query with its defaults over {@code dataset} with the query semantics {@code semantics}
     * in a read transaction and print it: a text table for SELECT, yes/no for ASK, Turtle for
     * CONSTRUCT and DESCRIBE.
     */
    public void run(NamedQuery q, Dataset dataset, QueryContext semantics, OutputStream output) {
        run(q, q.parse(), dataset, semantics, output, ResultFormat.TABLE);
    }

    /**
     * Run {@code query} (the named query {@code q}, parameters bound) over {@code dataset} with the
     * query semantics {@code semantics} (union default graph, timeout, SERVICE allow-list,
     * rewrites) in a read transaction and write the results in {@code format} (SELECT, ASK; TABLE
     * prints yes/no for ASK); CONSTRUCT and DESCRIBE are written as Turtle. A timeout throws
     * {@link org.apache.jena.query.QueryCancelledException}, a refused SERVICE
     * {@link org.apache.jena.query.QueryDeniedException}.
     */
    public void run(NamedQuery q, Query query, Dataset dataset, QueryContext semantics, OutputStream output, ResultFormat format) {
        run(q, query, dataset, semantics, output, Output.of(format));
    }

    /**
     * As {@link #run(NamedQuery, Query, Dataset, QueryContext, OutputStream, ResultFormat)}, printed
     * as {@code how} says: SELECT and ASK results in {@code how.results()} (a {@link TextTable} no
     * wider than {@code how.width()} for TABLE), the graph of CONSTRUCT and DESCRIBE in
     * {@code how.graphs()} with only the query's prefixes that it uses (TriG and N-Quads: the
     * dataset a CONSTRUCT with GRAPH templates builds).
     */
    public void run(NamedQuery q, Query query, Dataset dataset, QueryContext semantics, OutputStream output, Output how) {
        PrintStream out = output instanceof PrintStream ps ? ps : new PrintStream(output, true, StandardCharsets.UTF_8);
        Txn.executeRead(dataset, () -> {
            try (QueryExecution qe = semantics.execution(query, dataset)) {
                if (query.isSelectType()) {
                    if (how.results() == ResultFormat.TABLE) {
                        ResultSet rs = qe.execSelect();
                        List<String> vars = rs.getResultVars();
                        List<Binding> rows = new ArrayList<>();
                        while (rs.hasNext())
                            rows.add(rs.nextBinding());
                        TextTable.write(out, vars, rows, tablePrefixes(query, dataset), how.width());
                    } else
                        ResultSetMgr.write(out, qe.execSelect(), how.results().lang());
                } else if (query.isAskType()) {
                    boolean yes = qe.execAsk();
                    if (how.results() == ResultFormat.TABLE)
                        out.println(yes ? "yes" : "no");
                    else
                        ResultSetMgr.write(out, yes, how.results().lang());
                } else if (query.isConstructType() && how.graphs().isQuads()) {
                    DatasetGraph answer = qe.execConstructDataset().asDatasetGraph();
                    answer.prefixes().clear();
                    used(query.getPrefixMapping(), answer.find()).forEach(answer.prefixes()::add);
                    RDFDataMgr.write(out, answer, how.graphs().lang());
                } else if (query.isConstructType() || query.isDescribeType()) {
                    Model answer = query.isConstructType() ? qe.execConstruct() : qe.execDescribe();
                    Map<String, String> used = used(query.getPrefixMapping(),
                        answer.getGraph().find().mapWith(t -> Quad.create(Quad.defaultGraphIRI, t)));
                    answer.clearNsPrefixMap();
                    answer.setNsPrefixes(used);
                    if (how.graphs().isQuads())
                        RDFDataMgr.write(out, DatasetGraphFactory.wrap(answer.getGraph()), how.graphs().lang());
                    else
                        RDFDataMgr.write(out, answer, how.graphs().lang());
                } else
                    throw new IllegalArgumentException(q.name() + ": unsupported query form");
            }
        });
        out.flush();
    }

    /** The query's prefixes, and for namespaces it does not name, the dataset's (those of the data files). */
    static PrefixMapping tablePrefixes(Query query, Dataset dataset) {
        PrefixMapping pm = new org.apache.jena.shared.impl.PrefixMappingImpl();
        java.util.Set<String> named = new java.util.HashSet<>(query.getPrefixMapping().getNsPrefixMap().values());
        org.apache.jena.riot.system.Prefixes.adapt(dataset.asDatasetGraph().prefixes()).getNsPrefixMap().forEach((p, ns) -> {
            if (!named.contains(ns) && query.getPrefixMapping().getNsPrefixURI(p) == null)
                pm.setNsPrefix(p, ns);
        });
        pm.setNsPrefixes(query.getPrefixMapping());
        return pm;
    }

    /** The prefixes of {@code prefixes} whose namespace some IRI of {@code quads} (datatypes included) starts with. */
    static Map<String, String> used(PrefixMapping prefixes, java.util.Iterator<Quad> quads) {
        Map<String, String> all = prefixes.getNsPrefixMap(), used = new java.util.TreeMap<>();
        java.util.Set<String> iris = new java.util.HashSet<>();
        quads.forEachRemaining(qd -> {
            for (Node n : new Node[] {qd.getGraph(), qd.getSubject(), qd.getPredicate(), qd.getObject()}) {
                if (n != null && n.isURI())
                    iris.add(n.getURI());
                else if (n != null && n.isLiteral())
                    iris.add(n.getLiteralDatatypeURI());
            }
        });
        all.forEach((prefix, ns) -> {
            if (!ns.isEmpty() && iris.stream().anyMatch(iri -> iri.startsWith(ns) && iri.length() > ns.length()))
                used.put(prefix, ns);
        });
        return used;
    }
}
