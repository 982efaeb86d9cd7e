package org.treatygraph.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.treatygraph.load.Database;
import org.treatygraph.load.Project;
import org.treatygraph.load.Store;
import org.treatygraph.query.BadParameterException;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.NamedQuery;
import org.treatygraph.query.Output;
import org.treatygraph.query.QueryContext;
import org.treatygraph.query.RdfFormat;
import org.treatygraph.query.ResultFormat;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "query", mixinStandardHelpOptions = true,
         description = {"Run a named query of queries/ (or a .rq file) over the database and print its results.",
                        "Without NAME: list the named queries with their parameters. A query means here what it means at"
                        + " /kg/sparql: the default graph is the union of the named graphs, https://schema.org/ terms"
                        + " read as http://schema.org/ ones, a Wikidata item IRI in a pattern names the entity linked to"
                        + " it, the same timeout and SERVICE allow-list. A database that was never built is built first.",
                        "Example: query meetings_between --param a=person:shinzo-abe --param b=person:vladimir-putin"})
final class QueryCommand implements Callable<Integer> {
    @Mixin Cli.Options options;

    @Mixin Cli.QueryOptions queryOptions;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME|FILE.rq", arity = "0..1", description = "Query name (file stem in queries/) or a .rq file.")
    String name;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", split = ";", defaultValue = "${env:TREATYGRAPH_QUERY_PARAMS}",
            description = "A parameter declared in the query's header; repeatable, or several joined by ';' (a VALUES"
                          + " parameter may be given several times). VALUE: prefix:name (the query's prefixes), <IRI>, an"
                          + " absolute IRI, or a literal (\"text\"@en, \"2019-01-14\"^^xsd:date, or the bare 2019-01-14 for a"
                          + " date parameter) (env TREATYGRAPH_QUERY_PARAMS; default: none, the query's own defaults).")
    List<String> params = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "${env:TREATYGRAPH_QUERY_FORMAT:-table}",
            description = "How to print the answer: table, json, xml, csv or tsv for SELECT and ASK; turtle, ntriples,"
                          + " jsonld, rdfxml, trig or nquads for CONSTRUCT and DESCRIBE (table prints their graph as"
                          + " Turtle) (env TREATYGRAPH_QUERY_FORMAT; default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--width", paramLabel = "COLUMNS|auto", defaultValue = "${env:TREATYGRAPH_TABLE_WIDTH:-auto}",
            description = "Widest a table may be: long cells are cut (IRIs in the middle) with …; 0 for no limit; auto:"
                          + " the terminal's width, no limit when the output is not a terminal"
                          + " (env TREATYGRAPH_TABLE_WIDTH; default: ${DEFAULT-VALUE}).")
    String width;

    @Override
    public Integer call() {
        Project project = options.project();
        NamedQueries catalog = NamedQueries.load(project.queriesDir());
        if (name == null) {
            catalog.all().forEach(q -> System.out.println(q.name() + "  " + q.title()
                + (q.question().isEmpty() ? "" : "  — " + q.question())
                + (q.parameters().isEmpty() ? "" : "  [" + q.parameters().stream()
                    .map(p -> "?" + p.name() + (p.defaultValue().isEmpty() ? "" : "=" + p.defaultValue()))
                    .collect(Collectors.joining(" ")) + "]")
                + (q.federated() ? "  (federated)" : "")));
            return 0;
        }
        java.util.Optional<ResultFormat> results = ResultFormat.of(format);
        java.util.Optional<RdfFormat> graphs = RdfFormat.of(format);
        if (results.isEmpty() && graphs.isEmpty())
            throw new CommandLine.ParameterException(spec.commandLine(), "Unknown --format '" + format + "': use table,"
                + " json, xml, csv or tsv (SELECT, ASK), or turtle, ntriples, jsonld, rdfxml, trig or nquads (CONSTRUCT, DESCRIBE)");
        int columns = tableWidth();
        NamedQuery q;
        try {
            q = catalog.resolve(name);
        } catch (java.util.NoSuchElementException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String p : params == null ? List.<String>of() : params) {
            if (p.isBlank())
                continue;
            int eq = p.indexOf('=');
            if (eq <= 0)
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--param needs NAME=VALUE, got '" + p + "'");
            values.computeIfAbsent(p.substring(0, eq).strip(), k -> new ArrayList<>()).add(p.substring(eq + 1));
        }
        QueryContext semantics = queryOptions.queryContext();
        Query query;
        try {
            query = q.bind(values);
        } catch (BadParameterException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean graphForm = query.isConstructType() || query.isDescribeType();
        String form = query.isSelectType() ? "SELECT" : query.isAskType() ? "ASK" : query.isConstructType() ? "CONSTRUCT" : "DESCRIBE";
        if (graphForm && results.isPresent() && results.get() != ResultFormat.TABLE)
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format + " is for SELECT and ASK;"
                + " '" + q.name() + "' is a " + form + " query: use turtle, ntriples, jsonld, rdfxml, trig or nquads");
        if (!graphForm && results.isEmpty())
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format + " is for CONSTRUCT and"
                + " DESCRIBE; '" + q.name() + "' is a " + form + " query: use table, json, xml, csv or tsv");
        if (query.isDescribeType() && graphs.isPresent() && graphs.get().isQuads())
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format + " writes named graphs;"
                + " a DESCRIBE answers one graph: use turtle, ntriples, jsonld or rdfxml");
        Output how = new Output(results.orElse(ResultFormat.TABLE), graphs.orElse(RdfFormat.TURTLE), columns);
        Database db = Cli.open(options);
        DatasetGraph dsg = db.dataset();
        if (db.record().isEmpty() && Store.countQuads(dsg) == 0)
            db.build(Database.Rebuild.IF_STALE, Database.OnError.WARN).ifPresent(Cli::log);
        if (how.results() == ResultFormat.TABLE && !graphForm && !q.title().isEmpty())
            System.out.println("# " + q.title() + (q.question().isEmpty() ? "" : " — " + q.question()));
        try {
            catalog.run(q, query, DatasetFactory.wrap(dsg), semantics, System.out, how);
        } catch (QueryCancelledException e) {
            System.out.flush();
            spec.commandLine().getErr().println("error: query '" + q.name() + "' timed out after "
                + queryOptions.timeoutSeconds + " s (--timeout)");
            return 1;
        }
        return 0;
    }

    /** --width: a number of columns (0: no limit), or auto (the terminal's width; no limit when not a terminal). */
    private int tableWidth() {
        String w = width == null ? "auto" : width.strip();
        if (w.equalsIgnoreCase("auto"))
            return Terminal.width();
        if (!w.matches("\\d{1,6}"))
            throw new CommandLine.ParameterException(spec.commandLine(), "--width takes a number of columns (0: no limit)"
                + " or auto, not '" + width + "'");
        int n = Integer.parseInt(w);
        if (n > 0 && n < 20)
            throw new CommandLine.ParameterException(spec.commandLine(), "--width " + n + " is too narrow for a table:"
                + " give 20 columns or more, or 0 for no limit");
        return n;
    }
}
