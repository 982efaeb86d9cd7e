package org.treatygraph.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.system.Txn;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Project;

/**
 * What the ingest knows before it reads an article: the entities with their labels and names (every
 * language), the posts and tenures, the events with what each graph says of them, the agreements,
 * the statements. Read once from a dataset — the project's files parsed in memory
 * ({@link #fromFiles}), or any {@link DatasetGraph} such as an open TDB2 database ({@link #of}) —
 * with the SPARQL queries kept beside this class ({@code *.rq}); a query's parameters are bound in
 * its syntax tree ({@link QueryTransformOps#replaceVars}), never pasted into its text. Every read
 * runs inside {@link Txn#executeRead}.
 */
final class KnowledgeBase {
    static final String TG = Graphs.TG;
    static final String ID = Graphs.BASE + "id/";

    /** An entity and its names: label (English, when there is one) and every name, all languages. */
    record Entity(Node iri, Set<String> kinds, String label, List<String> names) {
        boolean is(String kind) {
            return kinds.contains(kind);
        }
    }

    record Post(Node iri, Node type, Node in, Node accreditedTo) {}

    record Tenure(Node holder, Node post, LocalDate from, LocalDate to) {
        boolean covers(LocalDate day) {
            return (from == null || !from.isAfter(day)) && (to == null || !to.isBefore(day));
        }
    }

    /** What the graphs say about one event: graph → property → values. */
    record Event(Node iri, Map<Node, Map<Node, Set<Node>>> byGraph) {
        Set<Node> values(Node property) {
            Set<Node> out = new LinkedHashSet<>();
            byGraph.values().forEach(m -> out.addAll(m.getOrDefault(property, Set.of())));
            return out;
        }
    }

    record Agreement(Node iri, Set<Node> classes, LocalDate date, LocalDate earliest, LocalDate latest) {}

    record Quote(Node graph, Node statement, Node speaker, String quote) {}

    /** One fact a graph states about a node (for the review's agreements and conflicts). */
    record Fact(Node graph, Node property, Node value) {}

    private final DatasetGraph dsg;
    final Map<Node, Entity> entities = new LinkedHashMap<>();
    final Map<Node, Post> posts = new LinkedHashMap<>();
    final List<Tenure> tenures = new ArrayList<>();
    final Map<Node, Event> events = new LinkedHashMap<>();
    final Map<Node, Agreement> agreements = new LinkedHashMap<>();
    final List<Quote> quotes = new ArrayList<>();
    final Map<Node, LocalDate[]> lives = new HashMap<>();
    private final Map<LocalDate, Map<Node, Set<Node>>> holdersCache = new ConcurrentHashMap<>();

    private KnowledgeBase(DatasetGraph dsg) {
        this.dsg = dsg;
        Txn.executeRead(dsg, this::read);
    }

    /** The knowledge base of an open dataset (the union of its named graphs is what it knows). */
    static KnowledgeBase of(DatasetGraph dsg) {
        return new KnowledgeBase(dsg);
    }

    /**
     * The knowledge base of the project's files, parsed in memory: ontology/*.ttl (not the shapes)
     * into the ontology graph, and every data file ({@link Project#dataFiles()}, drafts never) but
     * those in {@code leaveOut} — the leave-one-out evaluation leaves out the text's own graph.
     */
    static KnowledgeBase fromFiles(Project project, Collection<Path> leaveOut) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Node ontology = NodeFactory.createURI(Graphs.ONTOLOGY);
        Set<Path> out = new LinkedHashSet<>();
        leaveOut.forEach(p -> out.add(p.toAbsolutePath().normalize()));
        Txn.executeWrite(dsg, () -> {
            for (Path ttl : project.ontologyFiles())
                RDFParser.source(ttl).lang(Lang.TURTLE).parse(
                    org.apache.jena.riot.system.StreamRDFLib.graph(dsg.getGraph(ontology)));
            for (Path trig : project.dataFiles())
                if (!out.contains(trig.toAbsolutePath().normalize()))
                    RDFParser.source(trig).lang(Lang.TRIG).parse(dsg);
        });
        return new KnowledgeBase(dsg);
    }

    // ---- reading

    private void read() {
        select("names.rq", Map.of(), b -> {
            Node e = b.get(var("entity"));
            String kind = local(b.get(var("kind")));
            Node name = b.get(var("name"));
            Entity old = entities.get(e);
            Set<String> kinds = old == null ? new LinkedHashSet<>() : new LinkedHashSet<>(old.kinds());
            kinds.add(kind);
            List<String> names = old == null ? new ArrayList<>() : new ArrayList<>(old.names());
            String lex = name.getLiteralLexicalForm();
            if (!names.contains(lex))
                names.add(lex);
            // the English rdfs:label is the canonical name (a qualified name such as "Lavrov, Sergey Viktorovich" never is)
            String label = old == null ? null : old.label();
            boolean isLabel = b.get(var("isLabel")) != null && "true".equals(b.get(var("isLabel")).getLiteralLexicalForm());
            if (label == null && isLabel && "en".equals(name.getLiteralLanguage()))
                label = lex;
            entities.put(e, new Entity(e, kinds, label, names));
        });
        select("posts.rq", Map.of(), b -> {
            Node p = b.get(var("post"));
            Post old = posts.get(p);
            posts.put(p, new Post(p, first(old == null ? null : old.type(), b.get(var("postType"))),
                                  first(old == null ? null : old.in(), b.get(var("postIn"))),
                                  first(old == null ? null : old.accreditedTo(), b.get(var("accreditedTo")))));
        });
        select("tenures.rq", Map.of(), b -> tenures.add(new Tenure(b.get(var("holder")), b.get(var("post")),
                                                                     date(b.get(var("from"))), date(b.get(var("to"))))));
        select("event_facts.rq", Map.of(), b -> {
            Node e = b.get(var("event"));
            events.computeIfAbsent(e, k -> new Event(k, new LinkedHashMap<>())).byGraph()
                .computeIfAbsent(b.get(var("graph")), k -> new LinkedHashMap<>())
                .computeIfAbsent(b.get(var("property")), k -> new LinkedHashSet<>()).add(b.get(var("value")));
        });
        select("agreements.rq", Map.of(), b -> {
            Node a = b.get(var("agreement"));
            Agreement old = agreements.get(a);
            Set<Node> classes = old == null ? new LinkedHashSet<>() : new LinkedHashSet<>(old.classes());
            classes.add(b.get(var("class")));
            agreements.put(a, new Agreement(a, classes, firstDate(old == null ? null : old.date(), b.get(var("date"))),
                                            firstDate(old == null ? null : old.earliest(), b.get(var("earliest"))),
                                            firstDate(old == null ? null : old.latest(), b.get(var("latest")))));
        });
        select("statements.rq", Map.of(), b -> quotes.add(new Quote(b.get(var("graph")), b.get(var("statement")),
                                                                    b.get(var("speaker")), b.get(var("quote")).getLiteralLexicalForm())));
        select("persons.rq", Map.of(), b -> lives.put(b.get(var("person")),
                                                      new LocalDate[] {date(b.get(var("birth"))), date(b.get(var("death")))}));
    }

    /** Who held each post on a day: post → holders (holders_on_date.rq, ?date bound in the syntax tree). */
    Map<Node, Set<Node>> holdersOn(LocalDate day) {
        return holdersCache.computeIfAbsent(day, d -> {
            Map<Node, Set<Node>> out = new LinkedHashMap<>();
            Node value = NodeFactory.createLiteralDT(d.toString(), XSDDatatype.XSDdate);
            Txn.executeRead(dsg, () -> select("holders_on_date.rq", Map.of(var("date"), value),
                b -> out.computeIfAbsent(b.get(var("post")), k -> new LinkedHashSet<>()).add(b.get(var("holder")))));
            return out;
        });
    }

    /** Every asserted fact about a node, with its graph (subject_facts.rq, ?subject bound in the syntax tree). */
    List<Fact> factsAbout(Node subject) {
        List<Fact> out = new ArrayList<>();
        Txn.executeRead(dsg, () -> select("subject_facts.rq", Map.of(var("subject"), subject),
            b -> out.add(new Fact(b.get(var("graph")), b.get(var("property")), b.get(var("value"))))));
        return out;
    }

    /** The posts a person held on a day. */
    Set<Node> postsOf(Node person, LocalDate day) {
        Set<Node> out = new LinkedHashSet<>();
        holdersOn(day).forEach((post, holders) -> {
            if (holders.contains(person))
                out.add(post);
        });
        return out;
    }

    /** Whether a person was alive (or not known to be dead or unborn) on a day. */
    boolean alive(Node person, LocalDate day) {
        LocalDate[] life = lives.get(person);
        if (life == null)
            return true;
        return (life[0] == null || life[0].isBefore(day)) && (life[1] == null || life[1].isAfter(day));
    }

    String label(Node n) {
        Entity e = entities.get(n);
        if (e != null && e.label() != null)
            return e.label();
        return n.isURI() ? n.getURI().replaceFirst("^.*/id/", "") : n.toString();
    }

    // ---- SPARQL helpers

    private static final Map<String, Query> QUERIES = new ConcurrentHashMap<>();

    /** A query of this package's resources, parsed once. */
    static Query query(String name) {
        return QUERIES.computeIfAbsent(name, n -> {
            try (InputStream in = KnowledgeBase.class.getResourceAsStream(n)) {
                if (in == null)
                    throw new IllegalStateException("missing query resource org/treatygraph/ingest/" + n);
                return QueryFactory.create(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Run a query with its parameters bound in the syntax tree; call {@code row} per row (inside a read transaction). */
    private void select(String name, Map<Var, Node> params, Consumer<Binding> row) {
        Query q = params.isEmpty() ? query(name) : QueryTransformOps.replaceVars(query(name), params);
        try (QueryExec exec = QueryExec.dataset(dsg).query(q).build()) {
            RowSet rs = exec.select();
            rs.forEachRemaining(row);
        }
    }

    static Var var(String name) {
        return Var.alloc(name);
    }

    static String local(Node iri) {
        String s = iri.getURI();
        return s.substring(Math.max(s.lastIndexOf('#'), s.lastIndexOf('/')) + 1);
    }

    private static Node first(Node a, Node b) {
        return a != null ? a : b;
    }

    private static LocalDate firstDate(LocalDate a, Node b) {
        return a != null ? a : date(b);
    }

    static LocalDate date(Node n) {
        if (n == null || !n.isLiteral())
            return null;
        try {
            return LocalDate.parse(n.getLiteralLexicalForm());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
