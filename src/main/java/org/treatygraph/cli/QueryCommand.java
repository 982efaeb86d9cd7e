package org.treatygraph.cli;

import java.util.concurrent.Callable;

import org.apache.jena.query.DatasetFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.treatygraph.load.BuildRecord;
import org.treatygraph.load.Project;
import org.treatygraph.load.Store;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.NamedQuery;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
         description = {"Run a named query of queries/ (or a .rq file) over the database and print a table.",
                        "Without NAME: list the named queries. The default graph is the union of the named graphs."
                        + " A database that was never built is built first."})
final class QueryCommand implements Callable<Integer> {
    @Mixin Cli.Options options;

    @Parameters(paramLabel = "NAME|FILE.rq", arity = "0..1", description = "Query name (file stem in queries/) or a .rq file.")
    String name;

    @Override
    public Integer call() {
        Project project = options.project();
        NamedQueries catalog = NamedQueries.load(project.queriesDir());
        if (name == null) {
            catalog.all().forEach(q -> System.out.println(q.name() + "  " + q.title()
                + (q.question().isEmpty() ? "" : "  — " + q.question())));
            return 0;
        }
        NamedQuery q = catalog.resolve(name);
        DatasetGraph dsg = Store.open(options.db());
        if (BuildRecord.read(dsg).isEmpty() && Store.countQuads(dsg) == 0)
            Cli.rebuild(project, dsg, Cli.Violations.warn);
        if (!q.title().isEmpty())
            System.out.println("# " + q.title() + (q.question().isEmpty() ? "" : " — " + q.question()));
        catalog.run(q, DatasetFactory.wrap(dsg), System.out);
        return 0;
    }
}
