package org.treatygraph.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.util.FmtUtils;

/**
 * The quality checks of {@code ontology/checks/*-violation.rq}, ROBOT style: each is a SPARQL
 * SELECT whose rows are problems, with a header that gives its title and severity:
 * <pre>
 *   # # Object outside the property's range
 *   # **Severity:** ERROR
 *   # **Problem:** …
 *   # **Solution:** …
 * </pre>
 * Each row becomes a {@link Problem} about the row's first bound IRI (the focus node), with the
 * check's severity: ERROR refuses a write, WARN reports it. The checks read the asserted data
 * only ({@link AssertedView}).
 */
final class Checks {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Checks.class);
    private static final Pattern SEVERITY = Pattern.compile("#\\s*\\*\\*Severity:\\*\\*\\s*(\\S+)");
    private static final Pattern TITLE = Pattern.compile("#\\s*#\\s+(.+)");

    /** One check file. */
    record Check(String name, String title, Problem.Severity severity, Query query) {}

    private final List<Check> checks;

    private Checks(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    static Checks none() {
        return new Checks(List.of());
    }

    List<Check> all() {
        return checks;
    }

    /**
     * Every {@code *-violation.rq} of {@code dir} (none when it does not exist), sorted by name.
     *
     * @throws LoadException naming the file, when a check cannot be read or has no severity
     */
    static Checks load(Project project, Path dir) {
        if (!Files.isDirectory(dir))
            return none();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith("-violation.rq")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Check> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path f : files) {
            String where = project.display(f);
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = f.getFileName().toString().replaceFirst("\\.rq$", "");
            String title = name;
            Problem.Severity severity = null;
            long line = 0;
            for (String l : text.lines().toList()) {
                line++;
                Matcher t = TITLE.matcher(l.strip());
                if (t.matches() && title.equals(name))
                    title = t.group(1).strip();
                Matcher m = SEVERITY.matcher(l.strip());
                if (m.matches()) {
                    try {
                        severity = Problem.Severity.parse(m.group(1));
                    } catch (IllegalArgumentException e) {
                        problems.add(Problem.input("check", where, line, 0, e.getMessage()));
                    }
                }
            }
            if (severity == null) {
                problems.add(Problem.input("check", where, 0, 0,
                    "no '# **Severity:** ERROR' (or WARN) line in the header: every check says how bad its findings are"));
                continue;
            }
            try {
                Query q = QueryFactory.create(text, Syntax.syntaxARQ);
                if (!q.isSelectType())
                    problems.add(Problem.input("check", where, 0, 0, "a check is a SELECT query"));
                else
                    out.add(new Check(name, title, severity, q));
            } catch (QueryParseException e) {
                problems.add(Problem.input("check", where, e.getLine(), e.getColumn(), e.getMessage()));
            }
        }
        if (!problems.isEmpty())
            throw new LoadException(LoadException.Reason.BAD_INPUT, problems);
        return new Checks(out);
    }

    /** The rows of every check over {@code data} (asserted data only), as problems located by {@code where}. */
    List<Problem> run(DatasetGraph data, Locations where, PrefixMapping prefixes) {
        DatasetGraph view = data instanceof AssertedView ? data : AssertedView.of(data);
        List<Problem> out = new ArrayList<>();
        for (Check c : checks) {
            long t0 = System.nanoTime();
            try (QueryExec qe = QueryExec.dataset(view).query(c.query()).build()) {
                RowSet rows = qe.select();
                List<Var> vars = rows.getResultVars();
                while (rows.hasNext()) {
                    Binding b = rows.next();
                    Node focus = null;
                    StringBuilder detail = new StringBuilder();
                    for (Var v : vars) {
                        Node n = b.get(v);
                        if (n == null)
                            continue;
                        if (focus == null && (n.isURI() || n.isBlank()))
                            focus = n;
                        detail.append(detail.length() == 0 ? "" : ", ").append(v.getVarName()).append('=')
                              .append(FmtUtils.stringForNode(n, prefixes));
                    }
                    Problem p = new Problem(c.severity(), "check:" + c.name(), "", 0, 0,
                                            focus == null ? "" : FmtUtils.stringForNode(focus, prefixes), "",
                                            c.title() + (detail.length() == 0 ? "" : " (" + detail + ")"));
                    out.add(where.locate(p, focus));
                }
            }
            LOG.debug("check {}: {} ms", c.name(), (System.nanoTime() - t0) / 1_000_000);
        }
        return out;
    }
}
