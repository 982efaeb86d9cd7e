package org.treatygraph.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Table;
import org.apache.jena.sparql.algebra.TableFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.algebra.op.OpTriple;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.algebra.OpVars;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.BindingFactory;
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

    /**
     * One check file. {@code scopable}: the projected variables that every row binds (fixed in
     * the WHERE pattern), by which a run can be scoped to the nodes a change touched.
     */
    record Check(String name, String title, Problem.Severity severity, Query query, List<Var> scopable, Op pattern, Op whole) {}

    /** Above this many touched nodes a scoped run is not worth it: every check runs in full. */
    static final int SCOPE_LIMIT = 256;

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
                    out.add(new Check(name, title, severity, q, scopable(q), Algebra.compile(q.getQueryPattern()),
                                      Algebra.compile(q)));
            } catch (QueryParseException e) {
                problems.add(Problem.input("check", where, e.getLine(), e.getColumn(), e.getMessage()));
            }
        }
        if (!problems.isEmpty())
            throw new LoadException(LoadException.Reason.BAD_INPUT, problems);
        return new Checks(out);
    }

    /**
     * The projected variables of {@code q} by which a run can be scoped: those its WHERE pattern
     * always binds, in a triple pattern (not only by a BIND) — and not in a graph-name position
     * when another one is left (binding a graph name would scan the whole graph; the rows a change
     * brings name its nodes in the triples themselves).
     */
    private static List<Var> scopable(Query q) {
        Op pattern = Algebra.compile(q.getQueryPattern());
        Set<Var> fixed = OpVars.fixedVars(pattern);
        Set<Var> inTriples = new HashSet<>(), graphNames = new HashSet<>();
        OpWalker.walk(pattern, new OpVisitorBase() {
            @Override public void visit(OpBGP op) { op.getPattern().forEach(t -> addVars(t, inTriples)); }
            @Override public void visit(OpTriple op) { addVars(op.getTriple(), inTriples); }
            @Override public void visit(OpPath op) {
                addVar(op.getTriplePath().getSubject(), inTriples);
                addVar(op.getTriplePath().getObject(), inTriples);
            }
            @Override public void visit(OpGraph op) { addVar(op.getNode(), graphNames); }
            @Override public void visit(OpQuadPattern op) {
                addVar(op.getGraphNode(), graphNames);
                op.getBasicPattern().forEach(t -> addVars(t, inTriples));
            }
        });
        List<Var> out = new ArrayList<>();
        for (Var v : q.getProjectVars())
            if (fixed.contains(v) && inTriples.contains(v) && !graphNames.contains(v))
                out.add(v);
        if (out.isEmpty())
            for (Var v : q.getProjectVars())
                if (fixed.contains(v) && (inTriples.contains(v) || graphNames.contains(v)))
                    out.add(v);
        return out;
    }

    private static void addVars(Triple t, Set<Var> acc) {
        addVar(t.getSubject(), acc);
        addVar(t.getPredicate(), acc);
        addVar(t.getObject(), acc);
    }

    private static void addVar(Node n, Set<Var> acc) {
        if (n != null && n.isVariable())
            acc.add(Var.alloc(n));
    }

    /** The rows of every check over {@code data} (asserted data only), as problems located by {@code where}. */
    List<Problem> run(DatasetGraph data, Locations where, PrefixMapping prefixes) {
        return run(data, where, prefixes, null);
    }

    /**
     * The rows of every check that involve one of {@code scope}'s nodes in a variable that every
     * row binds — the rows a change touching those nodes can have brought; every row when
     * {@code scope} is null, too large, or a check has no such variable. A row a change brings
     * names a node of the change in practice (its subject, predicate, object or graph: the
     * subject that lost its type, the undeclared predicate, the graph without a description…),
     * and each scoped run is an index lookup instead of a scan of all the data.
     */
    List<Problem> run(DatasetGraph data, Locations where, PrefixMapping prefixes, Set<Node> scope) {
        return runOn(data instanceof AssertedView ? data : AssertedView.of(data), where, prefixes, scope);
    }

    /**
     * The rows of every check over {@code store} as it is: a store that holds asserted graphs only
     * (no inferred or meta graph), queried with its own engine — TDB2's, over its union default
     * graph — rather than through an {@link AssertedView}.
     */
    List<Problem> runOnAssertedStore(DatasetGraph store, Locations where, PrefixMapping prefixes) {
        return runOn(store, where, prefixes, null);
    }

    private List<Problem> runOn(DatasetGraph view, Locations where, PrefixMapping prefixes, Set<Node> scope) {
        boolean scoped = scope != null && scope.size() <= SCOPE_LIMIT;
        List<Problem> out = new ArrayList<>();
        for (Check c : checks) {
            long t0 = System.nanoTime();
            Set<String> seen = new HashSet<>();
            if (scoped && !c.scopable().isEmpty()) {
                for (Var v : c.scopable()) {
                    long tv = System.nanoTime();
                    scopedRows(c, v, scope, view, where, prefixes, seen, out);
                    LOG.trace("check {} scoped by {}: {} ms", c.name(), v, (System.nanoTime() - tv) / 1_000_000);
                }
            } else {
                rows(c, c.query(), view, where, prefixes, seen, out);
            }
            LOG.debug("check {}{}: {} ms", c.name(), scoped && !c.scopable().isEmpty() ? " (scoped by " + c.scopable() + ")" : "",
                      (System.nanoTime() - t0) / 1_000_000);
        }
        return out;
    }

    /**
     * The rows of check {@code c} whose {@code v} is one of {@code scope}: the WHERE pattern is
     * evaluated once per scope node with {@code v} bound to it (a sequence: index lookups, not a
     * scan), under the check's own projection, grouping and ordering.
     */
    private void scopedRows(Check c, Var v, Set<Node> scope, DatasetGraph view, Locations where, PrefixMapping prefixes,
                            Set<String> seen, List<Problem> out) {
        Table values = TableFactory.create(List.of(v));
        for (Node n : scope)
            values.addBinding(BindingFactory.binding(v, n));
        Op injected = inject(c.whole(), c.pattern(), OpSequence.create(OpTable.create(values), c.pattern()));
        if (injected == null) {
            rows(c, c.query(), view, where, prefixes, seen, out);
            return;
        }
        QueryIterator it = Algebra.exec(injected, view);
        try {
            List<Var> vars = c.query().getProjectVars();
            while (it.hasNext())
                problem(c, vars, it.next(), where, prefixes, seen, out);
        } finally {
            it.close();
        }
    }

    /** {@code whole} with its WHERE pattern (found below its chain of one-child operators) replaced; null if not found. */
    private static Op inject(Op whole, Op pattern, Op replacement) {
        if (whole.equals(pattern))
            return replacement;
        if (whole instanceof Op1 op1) {
            Op sub = inject(op1.getSubOp(), pattern, replacement);
            return sub == null ? null : op1.copy(sub);
        }
        return null;
    }

    private void rows(Check c, Query query, DatasetGraph view, Locations where, PrefixMapping prefixes, Set<String> seen,
                      List<Problem> out) {
        try (QueryExec qe = QueryExec.dataset(view).query(query).build()) {
            RowSet rows = qe.select();
            List<Var> vars = rows.getResultVars();
            while (rows.hasNext())
                problem(c, vars, rows.next(), where, prefixes, seen, out);
        }
    }

    private void problem(Check c, List<Var> vars, Binding b, Locations where, PrefixMapping prefixes, Set<String> seen,
                         List<Problem> out) {
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
        if (seen.add(p.key()))
            out.add(where.locate(p, focus));
    }
}
