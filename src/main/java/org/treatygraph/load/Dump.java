package org.treatygraph.load;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * Dumps of the whole database (the {@code export} verb) and their restore: every graph, one block
 * per graph, plus — when the journal is not empty — graph {@link Graphs#JOURNAL} with each journal
 * entry ({@code tg:JournalEntry}, {@code tg:sequence}, {@code dct:created}, {@code dct:description},
 * {@code tg:patch} = its RDF Patch text), so that a restored database keeps its HTTP changes as a
 * journal and a later rebuild from the files still replays them.
 */
public final class Dump {
    /** The syntaxes of a dump. */
    public enum Format {
        TRIG(Lang.TRIG, RDFFormat.TRIG_BLOCKS), NQUADS(Lang.NQUADS, RDFFormat.NQUADS);

        final Lang lang;
        final RDFFormat format;

        Format(Lang lang, RDFFormat format) {
            this.lang = lang;
            this.format = format;
        }
    }

    /** A dump, read back: the asserted graphs, the inferred graph, the build record and the journal. */
    record Read(DatasetGraph asserted, Graph inferred, Graph meta, Optional<BuildRecord> record, List<Journal.Entry> journal,
                PrefixMap prefixes) {}

    private Dump() {}

    /** Write {@code dsg} (inside the caller's read transaction) and {@code journal} to {@code out}. */
    static void write(DatasetGraph dsg, List<Journal.Entry> journal, OutputStream out, Format format) {
        StreamRDF w = StreamRDFWriter.getWriterStream(out, format.format);
        w.start();
        if (format == Format.TRIG)
            dsg.prefixes().forEach(w::prefix);
        List<Node> graphs = new ArrayList<>();
        dsg.listGraphNodes().forEachRemaining(graphs::add);
        graphs.sort(Comparator.comparing(Node::toString));
        for (Node g : graphs)
            dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(w::quad);
        Node jg = Graphs.node(Graphs.JOURNAL);
        for (Journal.Entry e : journal)
            for (Triple t : describe(e, journal))
                w.quad(Quad.create(jg, t));
        w.finish();
    }

    /**
     * The journal's net change as TriG for a curator to move into data/: the added quads, one block
     * per graph; then the removed quads as comments (to delete from the data files).
     */
    static void writeChanges(List<Journal.Entry> entries, PrefixMap prefixes, OutputStream out) {
        Change net = new Change();
        for (Journal.Entry e : entries)
            net = net.then(e.change());
        java.io.PrintStream p = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        p.println("# Changes made over HTTP (" + entries.size() + " journal entr" + (entries.size() == 1 ? "y" : "ies")
                  + "): " + net.added().size() + " triple(s) added, " + net.removed().size() + " removed.");
        p.println("# Move the added triples into the data/ file of their graph, delete the removed ones from it,");
        p.println("# rebuild (`reload`), then drop the journal (`reload --discard-changes`).");
        p.flush();
        DatasetGraph added = DatasetGraphFactory.create();
        net.added().forEach(added::add);
        StreamRDF w = StreamRDFWriter.getWriterStream(out, RDFFormat.TRIG_BLOCKS);
        w.start();
        prefixes.forEach(w::prefix);
        List<Node> graphs = new ArrayList<>();
        added.listGraphNodes().forEachRemaining(graphs::add);
        graphs.sort(Comparator.comparing(Node::toString));
        for (Node g : graphs)
            added.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(w::quad);
        w.finish();
        p.println();
        if (!net.removed().isEmpty()) {
            p.println("# Removed (graph, then the triple):");
            for (Quad q : net.removed())
                p.println("#   " + org.apache.jena.riot.out.NodeFmtLib.strNQ(q));
        }
        p.flush();
    }

    private static List<Triple> describe(Journal.Entry e, List<Journal.Entry> all) {
        Node n = NodeFactory.createURI(Graphs.BASE + "id/journal/" + e.sequence());
        int i = all.indexOf(e);
        String prev = i > 0 ? all.get(i - 1).id() : null;
        return List.of(
            Triple.create(n, RDF.type.asNode(), Graphs.node(Graphs.JOURNAL_ENTRY)),
            Triple.create(n, Graphs.node(Graphs.SEQUENCE), NodeFactory.createLiteralDT(Long.toString(e.sequence()), XSDDatatype.XSDinteger)),
            Triple.create(n, DCTerms.created.asNode(), NodeFactory.createLiteralDT(e.created().toString(), XSDDatatype.XSDdateTime)),
            Triple.create(n, DCTerms.description.asNode(), NodeFactory.createLiteralString(e.origin())),
            Triple.create(n, Graphs.node(Graphs.PATCH), NodeFactory.createLiteralString(Journal.text(e, prev))));
    }

    /** Whether {@code file} is a dump made by export: it carries the meta graph with a build record. */
    public static boolean isDump(Path file) {
        Lang lang = Parsing.langOf(file);
        if (lang == null || !org.apache.jena.riot.RDFLanguages.isQuads(lang))
            return false;
        boolean[] found = {false};
        Node meta = Graphs.node(Graphs.META), ds = Graphs.node(Graphs.DATASET), modified = DCTerms.modified.asNode();
        try {
            RDFParser.source(file).lang(lang).parse(new org.apache.jena.riot.system.StreamRDFBase() {
                @Override public void quad(Quad q) {
                    if (meta.equals(q.getGraph()) && ds.equals(q.getSubject()) && modified.equals(q.getPredicate()))
                        found[0] = true;
                }
            });
        } catch (RiotException e) {
            return false;
        }
        return found[0];
    }

    /** Read a dump; parse errors are problems at {@code file:line:col}. */
    static Read read(Project project, Path file) {
        Parsing.Parsed all = new Parsing.Parsed();
        DatasetGraph raw = DatasetGraphFactory.create();
        PrefixMap prefixes = PrefixMapFactory.create();
        String where = project.display(file);
        try {
            RDFParser.source(file).lang(Parsing.langOf(file)).parse(new org.apache.jena.riot.system.StreamRDFBase() {
                @Override public void quad(Quad q) { raw.add(q); }
                @Override public void triple(Triple t) { raw.add(Quad.create(Quad.defaultGraphIRI, t)); }
                @Override public void prefix(String p, String iri) { prefixes.add(p, iri); }
            });
        } catch (RiotException e) {
            all.problems.add(Problem.input("syntax", where, 0, 0, e.getMessage()));
            all.failIfProblems();
        }
        DatasetGraph asserted = DatasetGraphFactory.create();
        Graph inferred = GraphMemFactory.createDefaultGraph();
        for (Iterator<Quad> it = raw.find(); it.hasNext(); ) {
            Quad q = it.next();
            Node g = q.getGraph();
            if (q.isDefaultGraph())
                all.problem(project, file, "a triple outside any graph (" + q.asTriple() + "): not a dump made by export");
            else if (g.getURI().equals(Graphs.INFERRED))
                inferred.add(q.asTriple());
            else if (!Graphs.isReserved(g))
                asserted.add(q);
        }
        all.failIfProblems();
        Optional<BuildRecord> record = BuildRecord.readIn(raw);
        List<Journal.Entry> journal = new ArrayList<>();
        Graph jg = raw.getGraph(Graphs.node(Graphs.JOURNAL));
        jg.find(Node.ANY, Graphs.node(Graphs.PATCH), Node.ANY).forEachRemaining(t -> {
            Iterator<Triple> seq = jg.find(t.getSubject(), Graphs.node(Graphs.SEQUENCE), Node.ANY);
            if (!seq.hasNext()) {
                all.problem(project, file, "journal entry " + t.getSubject() + " has no tg:sequence");
                return;
            }
            long n = ((Number) seq.next().getObject().getLiteralValue()).longValue();
            journal.add(Journal.parse(n, t.getObject().getLiteralLexicalForm()));
        });
        all.failIfProblems();
        journal.sort(Comparator.comparingLong(Journal.Entry::sequence));
        Graph meta = GraphMemFactory.createDefaultGraph();
        raw.getGraph(Graphs.node(Graphs.META)).find().forEachRemaining(meta::add);
        return new Read(asserted, inferred, meta, record, journal, prefixes);
    }

    /** Triples in one graph and not the other. */
    static long difference(Graph a, Graph b) {
        long n = 0;
        for (Iterator<Triple> it = a.find(); it.hasNext(); )
            if (!b.contains(it.next()))
                n++;
        for (Iterator<Triple> it = b.find(); it.hasNext(); )
            if (!a.contains(it.next()))
                n++;
        return n;
    }

}
