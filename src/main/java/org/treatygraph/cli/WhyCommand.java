package org.treatygraph.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.treatygraph.derive.Explanation;
import org.treatygraph.derive.Why;
import org.treatygraph.load.Database;
import org.treatygraph.load.Store;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "why", mixinStandardHelpOptions = true,
         description = {"Why does a triple hold? For a triple of the inferred graph: the rules that derive it and their"
                        + " premises, explained in turn down to the graphs that state them (source text, title, date and"
                        + " evidence; background references). For an asserted triple: the graphs that state it. The same as"
                        + " GET /kg/why?s=…&p=…&o=… of a running server.",
                        "Terms: <IRI>, an absolute IRI, prefix:name (the database's prefixes); the object may be a literal"
                        + " (\"Taro Kono\"@en, \"2019-01-14\"^^xsd:date) or plain text.",
                        "Example: why person:taro-kono tg:metWith person:sergey-lavrov"})
final class WhyCommand implements Callable<Integer> {
    /** How the answer is printed. */
    enum Format {
        text, json, html
    }

    @Mixin Cli.Options options;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "The triple's subject.")
    String subject;

    @Parameters(index = "1", paramLabel = "PREDICATE", description = "Its predicate.")
    String predicate;

    @Parameters(index = "2", paramLabel = "OBJECT", description = "Its object.")
    String object;

    @Option(names = "--format", paramLabel = "text|json|html", defaultValue = "${env:TREATYGRAPH_WHY_FORMAT:-text}",
            description = "How to print the answer (env TREATYGRAPH_WHY_FORMAT; default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        if (!Store.exists(options.db()))
            throw new IllegalArgumentException("no database in " + options.db() + ": build it first with `load`");
        Database db = Cli.open(options);
        DatasetGraph dsg = db.dataset();
        Why why = new Why(db.project().rulesDir());
        String out = Txn.calculateRead(dsg, () -> {
            PrefixMap prefixes = PrefixMapFactory.create(dsg.prefixes());
            Triple t;
            try {
                t = Triple.create(term(subject, "SUBJECT", prefixes, false), term(predicate, "PREDICATE", prefixes, false),
                                  term(object, "OBJECT", prefixes, true));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Explanation e = why.explain(dsg, t);
            return switch (format) {
                case text -> e.toText(prefixes);
                case html -> e.toHtml(prefixes);
                case json -> {
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    JSON.write(buf, e.toJson(prefixes));
                    yield buf.toString(StandardCharsets.UTF_8) + "\n";
                }
            };
        });
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static Node term(String raw, String name, PrefixMap prefixes, boolean object) {
        try {
            return Why.term(raw, prefixes, object);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }
}
