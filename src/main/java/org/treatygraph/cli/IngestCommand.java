package org.treatygraph.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

import org.treatygraph.ingest.Ingest;
import org.treatygraph.ingest.LeaveOneOut;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
         description = {"Draft a source graph from a plain-text English news article about the talks: data/drafts/NNN.trig"
                        + " (never loaded until a curator moves it to data/sources/), the article's copy in data/drafts/texts/, and a"
                        + " review report beside it (NNN.review.md, NNN.review.html) with every fact, its evidence, its confidence and"
                        + " the existing facts it agrees or conflicts with. The draft is validated (SHACL and checks) with the project's data.",
                        "With --leave-one-out: print the evaluation over the five curated texts instead (no ARTICLE)."})
final class IngestCommand implements Callable<Integer> {
    @Mixin Cli.ProjectOption project;

    @Parameters(paramLabel = "ARTICLE", arity = "0..1", description = "The article, a UTF-8 plain-text file.")
    Path article;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The article's date: relative dates resolve against it.")
    String date;

    @Option(names = "--publisher", paramLabel = "TEXT", description = "The publisher, as the article shows it.")
    String publisher;

    @Option(names = "--title", paramLabel = "TEXT", description = "The headline (default: the article's first line).")
    String title;

    @Option(names = "--number", paramLabel = "NNN", description = "The source number (default: the next free one after data/sources/ and data/drafts/).")
    String number;

    @Option(names = "--leave-one-out", description = "Print the leave-one-out table over the curated texts (or those of --texts) and exit.")
    boolean leaveOneOut;

    @Option(names = "--texts", split = ",", paramLabel = "NNN,…", description = "With --leave-one-out: only these texts.")
    List<String> texts = List.of();

    @Override
    public Integer call() {
        if (leaveOneOut) {
            LeaveOneOut.Score s = LeaveOneOut.run(project.project(), texts, System.out);
            return s.wrongDays() == 0 ? 0 : 1;
        }
        if (article == null)
            throw new CommandLine.ParameterException(new CommandLine(this), "ARTICLE is required (or --leave-one-out)");
        if (date == null)
            throw new CommandLine.ParameterException(new CommandLine(this), "--date is required: relative dates resolve against it");
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--date: '" + date + "' is not a day (YYYY-MM-DD)");
        }
        if (publisher == null)
            throw new CommandLine.ParameterException(new CommandLine(this), "--publisher is required");
        Ingest.Result r = Ingest.run(project.project(), new Ingest.Options(article, day, publisher, title, number));
        var p = project.project();
        System.out.printf("draft   %s (%d events, %d statements, %d drafted triples)%n", p.display(r.draft()), r.events(), r.statements(), r.triples());
        System.out.printf("text    %s%n", p.display(r.text()));
        System.out.printf("review  %s, %s (%d unresolved mentions)%n", p.display(r.markdown()), p.display(r.html()), r.unresolved());
        System.out.printf("checks  %d error(s), %d other finding(s)%n", r.validation().errors(), r.validation().findings().size() - r.validation().errors());
        r.validation().findings().forEach(f -> System.out.println("  " + f));
        return r.validation().conforms() ? 0 : 1;
    }
}
