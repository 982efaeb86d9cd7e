package org.treatygraph.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.treatygraph.link.LinkCheck;
import org.treatygraph.link.LinkConfig;
import org.treatygraph.link.Linking;
import org.treatygraph.link.Proposal;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Project;
import org.treatygraph.load.Store;

import org.apache.jena.riot.system.PrefixMap;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "link", mixinStandardHelpOptions = true,
         description = {"Propose Wikidata items for our entities that have no owl:sameAs link yet, and write a review",
                        "file (TSV: entity, our label, our type, candidate, its label, description, score, reasons).",
                        "It never writes a link into the data: a person reviews the file and adds the owl:sameAs.",
                        "With --check: verify every existing owl:sameAs wd:Q… link (labels and P31/P279* type) and",
                        "exit 1 when any link disagrees. Reads ontology/ + data/ (or the database with --from db);",
                        "asks the Wikidata SPARQL endpoint, one batched request at a time."})
final class LinkCommand implements Callable<Integer> {
    enum Source { files, db }

    @Mixin Cli.Options options;

    @Spec CommandSpec spec;

    @Option(names = "--check", description = "Check the existing links instead of proposing new ones.")
    boolean check;

    @Option(names = "--from", defaultValue = "${env:TREATYGRAPH_LINK_FROM:-files}",
            description = "Where our entities come from: files (ontology/ and data/ of --project) or db (the database,"
                          + " --db) (env TREATYGRAPH_LINK_FROM; default: ${DEFAULT-VALUE}).")
    Source from;

    @Option(names = "--endpoint", paramLabel = "URL",
            defaultValue = "${env:TREATYGRAPH_WIKIDATA_ENDPOINT:-" + LinkConfig.DEFAULT_ENDPOINT + "}",
            description = "Wikidata SPARQL endpoint (env TREATYGRAPH_WIKIDATA_ENDPOINT; default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "${env:TREATYGRAPH_LINK_OUTPUT}",
            description = "Where to write the review file, or the check report; '-' for standard output"
                          + " (env TREATYGRAPH_LINK_OUTPUT; default: link-review.tsv, and standard output with --check).")
    String output;

    @Option(names = "--entity", paramLabel = "IRI", split = ",",
            description = "Only these entities (repeatable or comma-separated; default: every unlinked entity).")
    List<String> entities = List.of();

    @Option(names = "--all", description = "Also write the candidates that a rule rejected (wrong type, redirect).")
    boolean all;

    @Option(names = "--languages", paramLabel = "LANG,…", split = ",",
            defaultValue = "${env:TREATYGRAPH_LINK_LANGUAGES:-en,ja,ru}",
            description = "Label languages compared, in order of preference (env TREATYGRAPH_LINK_LANGUAGES;"
                          + " default: ${DEFAULT-VALUE}).")
    List<String> languages;

    @Option(names = "--max-candidates", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_LINK_MAX_CANDIDATES:-5}",
            description = "Candidates kept per entity (env TREATYGRAPH_LINK_MAX_CANDIDATES; default: ${DEFAULT-VALUE}).")
    int maxCandidates;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "${env:TREATYGRAPH_WIKIDATA_BATCH:-50}",
            description = "Rows per VALUES block, one request per batch (env TREATYGRAPH_WIKIDATA_BATCH;"
                          + " default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "${env:TREATYGRAPH_WIKIDATA_TIMEOUT:-60}",
            description = "Connect and request timeout (env TREATYGRAPH_WIKIDATA_TIMEOUT; default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--user-agent", paramLabel = "TEXT",
            defaultValue = "${env:TREATYGRAPH_WIKIDATA_USER_AGENT:-" + LinkConfig.DEFAULT_USER_AGENT + "}",
            description = "User-Agent sent to the endpoint (env TREATYGRAPH_WIKIDATA_USER_AGENT; default: ${DEFAULT-VALUE}).")
    String userAgent;

    @Override
    public Integer call() throws IOException {
        LinkConfig config = new LinkConfig(endpoint, userAgent, Duration.ofSeconds(timeoutSeconds), batchSize,
                                           languages, maxCandidates);
        if (check) {
            List<LinkCheck> checks = withOurData((g, prefixes) -> Linking.check(g, config));
            try (Writer w = writer(output == null ? "-" : output)) {
                Linking.writeCheck(checks, w);
            }
            long bad = checks.stream().filter(c -> !c.ok()).count();
            Cli.log().info("Checked {} link(s): {} disagree", checks.size(), bad);
            return bad == 0 ? 0 : 1;
        }
        List<Proposal> proposals = withOurData((g, prefixes) -> {
            List<String> iris = entities.stream().map(e -> expand(e, prefixes)).toList();
            java.util.Map<String, String> why = Linking.unproposable(g, iris);
            if (!why.isEmpty())
                throw new CommandLine.ParameterException(spec.commandLine(), "--entity: nothing to propose for "
                    + why.entrySet().stream().map(e -> shortIri(e.getKey(), prefixes) + ": " + e.getValue())
                         .collect(java.util.stream.Collectors.joining("; ")));
            return Linking.propose(g, config, Set.copyOf(iris));
        });
        String out = output == null ? "link-review.tsv" : output;
        try (Writer w = writer(out)) {
            Linking.writeReview(proposals, w, all);
        }
        Cli.log().info("Proposed candidates for {} unlinked entit(ies); review file: {}", proposals.size(),
                       "-".equals(out) ? "standard output" : out);
        return 0;
    }

    /**
     * Runs {@code f} over the union of our graphs (ontology included) and the prefixes of the data:
     * from the files, or inside a read transaction of the database.
     */
    private <T> T withOurData(java.util.function.BiFunction<Graph, PrefixMap, T> f) {
        if (from == Source.db) {
            DatasetGraph dsg = Store.open(options.db());
            return Txn.calculateRead(dsg, () -> f.apply(dsg.getUnionGraph(), dsg.prefixes()));
        }
        Project project = options.project();
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(dsg, () -> {
            for (Path file : project.ontologyFiles())
                RDFDataMgr.read(dsg.getGraph(Graphs.node(Graphs.ONTOLOGY)), file.toString());
            for (Path file : project.dataFiles())
                RDFDataMgr.read(dsg, file.toString());
        });
        return Txn.calculateRead(dsg, () -> f.apply(dsg.getUnionGraph(), dsg.prefixes()));
    }

    /** An --entity as an IRI: {@code prefix:name} with the data's prefixes, {@code <IRI>}, or an IRI as it is. */
    static String expand(String entity, PrefixMap prefixes) {
        String e = entity.strip();
        if (e.startsWith("<") && e.endsWith(">"))
            return e.substring(1, e.length() - 1);
        int colon = e.indexOf(':');
        if (colon > 0 && !e.startsWith("http://") && !e.startsWith("https://") && !e.startsWith("urn:")) {
            String expanded = prefixes.expand(e.substring(0, colon), e.substring(colon + 1));
            if (expanded != null)
                return expanded;
        }
        return e;
    }

    private static String shortIri(String iri, PrefixMap prefixes) {
        String s = prefixes.abbreviate(iri);
        return s != null ? s : "<" + iri + ">";
    }

    private static Writer writer(String target) throws IOException {
        if ("-".equals(target))
            return new OutputStreamWriter(System.out, StandardCharsets.UTF_8) {
                @Override public void close() throws IOException { flush(); }
            };
        return Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8);
    }

}
