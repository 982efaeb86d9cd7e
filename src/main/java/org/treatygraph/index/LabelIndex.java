package org.treatygraph.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.query.text.DatasetGraphText;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextDocProducer;
import org.apache.jena.query.text.TextDocProducerTriples;
import org.apache.jena.query.text.TextHit;
import org.apache.jena.query.text.TextIndexConfig;
import org.apache.jena.query.text.TextIndexLucene;
import org.apache.jena.query.text.TextQuery;
import org.apache.jena.query.text.TextQueryFuncs;
import org.apache.jena.query.text.changes.TextQuadAction;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.util.Symbol;
import org.apache.jena.sys.JenaSystem;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.queryparser.classic.QueryParserBase;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.WriteThrough;

/**
 * The label index of a database: a jena-text Lucene index in {@code DB/text/} with one document
 * per label quad — {@code rdfs:label} (field {@code label}) and {@code skos:altLabel} (field
 * {@code altLabel}), any language, every graph but the pipeline's meta and journal graphs.
 * <pre>
 *   Database db = Database.open(dir, project, reasoner, LabelIndex.writeThrough());
 *   LabelIndex.of(db.dataset()).get().search("Лавров", 10);   // Sergey Lavrov first
 *   // SPARQL over db.dataset(): ?s text:query "lavrov" — the index is in the store's context
 * </pre>
 *
 * <p><b>Consistency.</b> {@link #writeThrough()} wraps the store in a jena-text
 * {@link DatasetGraphText}: the write path begins, commits and aborts its transactions there and
 * makes every add and delete through it, so each label quad added or deleted — by the change or by
 * inference — is added to or deleted from the index in the same transaction; on commit the index
 * is prepared, the store commits, then the index commits; on abort both roll back. The store is
 * given to jena-text behind a plain wrapper so that jena-text runs this two-phase commit itself
 * only for write transactions (registered as a TDB2 transaction component it would also roll the
 * index back when any reader aborts). Readers query the store; they see the index as of the last
 * commit. At open, an index that is missing, or whose number of documents differs from the number
 * of label quads in the store (a crash between the two commits), is rebuilt from the store.
 */
public final class LabelIndex {
    private static final Logger LOG = LoggerFactory.getLogger(LabelIndex.class);
    /** The index folder, inside the database folder. */
    public static final String FOLDER = "text";
    /** Where the store's context holds its {@code LabelIndex}. */
    public static final Symbol SYMBOL = Symbol.create(Graphs.TG + "labelIndex");
    static final String ENTITY_FIELD = "uri";
    static final String LABEL_FIELD = "label";
    static final String ALT_LABEL_FIELD = "altLabel";
    private static final List<Node> PREDICATES = List.of(RDFS.label.asNode(), SKOS.altLabel.asNode());
    private static final int MAX_DOCS = 2000;

    private static final Map<Path, LabelIndex> OPEN = new HashMap<>();

    /** One match of {@link #search}: an entity, its best score and the label that matched. */
    public record Hit(Node entity, float score, Node matched) {}

    private final Path folder;
    private final DatasetGraph store;
    private final TextIndexLucene index;
    private final DatasetGraphText writeView;

    private LabelIndex(Path folder, DatasetGraph store) {
        this.folder = folder;
        this.store = store;
        try {
            Files.createDirectories(folder);
            Directory dir = FSDirectory.open(folder);
            EntityDefinition def = new EntityDefinition(ENTITY_FIELD, LABEL_FIELD, RDFS.label.asNode());
            def.set(ALT_LABEL_FIELD, SKOS.altLabel.asNode());
            def.setUidField("uid");
            def.setLangField("lang");
            TextIndexConfig config = new TextIndexConfig(def);
            config.setAnalyzer(new LabelAnalyzer(LabelAnalyzer.Use.INDEX));
            config.setQueryAnalyzer(new PerFieldAnalyzerWrapper(new LabelAnalyzer(LabelAnalyzer.Use.QUERY),
                Map.of(ENTITY_FIELD, new KeywordAnalyzer(), "lang", new KeywordAnalyzer(), "uid", new KeywordAnalyzer())));
            config.setValueStored(true);
            this.index = new TextIndexLucene(dir, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the label index in " + folder, e);
        }
        TextDocProducer producer = new AssertedAndInferredLabels(new TextDocProducerTriples(index));
        // Behind a plain wrapper: jena-text then commits the index with the store's write transactions only.
        this.writeView = new IndexedStore(new DatasetGraphWrapper(store), index, producer);
        store.getContext().set(TextQuery.textIndex, index);
        store.getContext().set(SYMBOL, this);
    }

    /** The write-path layer that keeps {@code DB/text/} in step with the store of {@code DB}. */
    public static WriteThrough writeThrough() {
        return (dir, store) -> open(dir, store).writeView;
    }

    /**
     * The index of the database in {@code dir} whose store is {@code store}, opened once per store
     * (a store opened again after being released gets a fresh index), and rebuilt when missing or
     * out of step.
     */
    public static synchronized LabelIndex open(Path dir, DatasetGraph store) {
        JenaSystem.init();
        Path folder = dir.resolve(FOLDER).toAbsolutePath().normalize();
        LabelIndex known = OPEN.get(folder);
        if (known != null && known.store == store)
            return known;
        if (known != null)
            known.close();
        LabelIndex li = new LabelIndex(folder, store);
        li.syncWithStore();
        OPEN.put(folder, li);
        return li;
    }

    /** The label index of a store opened with {@link #writeThrough()}, if any. */
    public static Optional<LabelIndex> of(DatasetGraph store) {
        Object o = store.getContext().get(SYMBOL);
        return o instanceof LabelIndex li ? Optional.of(li) : Optional.empty();
    }

    public Path folder() {
        return folder;
    }

    /** Documents in the index (one per label quad), as of the last commit. */
    public long documents() {
        try (DirectoryReader r = DirectoryReader.open(index.getDirectory())) {
            return r.numDocs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Label quads in the store (what the index must hold one document for each of). */
    long labelQuads() {
        return Txn.calculateRead(store, () -> {
            long n = 0;
            for (Node p : PREDICATES)
                for (var it = store.find(Node.ANY, Node.ANY, p, Node.ANY); it.hasNext(); )
                    if (indexed(it.next()))
                        n++;
            return n;
        });
    }

    private static boolean indexed(Quad q) {
        return q.getObject().isLiteral() && isIndexedGraph(q.getGraph())
               && (q.getSubject().isURI() || q.getSubject().isBlank());
    }

    private static final Node META = Graphs.node(Graphs.META), JOURNAL = Graphs.node(Graphs.JOURNAL);

    /** Every named graph — asserted and inferred — but the pipeline's records (meta, journal). */
    private static boolean isIndexedGraph(Node g) {
        return g != null && !Quad.isDefaultGraph(g) && !META.equals(g) && !JOURNAL.equals(g);
    }

    /** Rebuild from the store when the index does not hold one document per label quad. */
    private void syncWithStore() {
        long want = labelQuads(), have = documents();
        if (want == have)
            return;
        long t0 = System.nanoTime();
        try {
            index.getIndexWriter().deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Txn.executeRead(store, () -> {
            for (Node p : PREDICATES)
                store.find(Node.ANY, Node.ANY, p, Node.ANY).forEachRemaining(q -> {
                    if (!indexed(q))
                        return;
                    Entity e = TextQueryFuncs.entityFromQuad(index.getDocDef(), q);
                    if (e != null)
                        index.addEntity(e);
                });
        });
        index.commit();
        LOG.info("Label index {} {}: {} label(s) indexed in {} ms", folder, have == 0 ? "built" : "rebuilt (held "
                 + have + " document(s))", want, (System.nanoTime() - t0) / 1_000_000);
    }

    private void close() {
        try {
            index.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the label index {}: {}", folder, e.getMessage());
        }
    }

    /**
     * The entities whose labels or alternative names match {@code text}: every word of it must
     * begin a word of one label (case, diacritics and full/half width ignored; Japanese and
     * Chinese by any part), best first — an exact word before a prefix, a label before an
     * alternative name; the same score in label order.
     */
    public List<Hit> search(String text, int limit) {
        return search(text, limit, "");
    }

    /** {@link #search(String, int)} among the entities whose IRI begins with {@code iriPrefix}. */
    public List<Hit> search(String text, int limit, String iriPrefix) {
        List<String> all = words(text);
        List<String> words = all.size() > 10 ? all.subList(0, 10) : all;
        if (words.isEmpty() || limit <= 0)
            return List.of();
        StringBuilder q = new StringBuilder();
        if (!iriPrefix.isEmpty())
            q.append('+').append(ENTITY_FIELD).append(':').append(QueryParserBase.escape(iriPrefix)).append("* ");
        for (String w : words) {
            String e = QueryParserBase.escape(w);
            q.append("+(").append(e).append(' ').append(e).append("*) ");
        }
        // one query per field, so that each hit comes with the label it matched
        List<TextHit> hits = new ArrayList<>();
        for (Node p : PREDICATES)
            hits.addAll(index.query(p, q.toString().strip(), null, null, MAX_DOCS));
        // Lucene finds; the rank is decided here, the same for every query: how well a label
        // matches (the whole label, whole words, beginnings of words), a label before an
        // alternative name, then the shorter label
        Map<Node, Hit> best = new LinkedHashMap<>();
        for (TextHit h : hits) {
            if (h.getLiteral() == null)
                continue;
            float score = rank(words, h.getLiteral().getLiteralLexicalForm(), RDFS.label.asNode().equals(h.getProp()));
            Hit known = best.get(h.getNode());
            if (known == null || score > known.score()
                || (score == known.score() && shorter(h.getLiteral(), known.matched())))
                best.put(h.getNode(), new Hit(h.getNode(), score, h.getLiteral()));
        }
        List<Hit> ranked = new ArrayList<>(best.values());
        ranked.sort(Comparator.comparing(Hit::score).reversed()
            .thenComparing(h -> h.matched().getLiteralLexicalForm().length())
            .thenComparing(h -> h.matched().getLiteralLexicalForm())
            .thenComparing(h -> h.entity().toString()));
        return ranked.size() > limit ? List.copyOf(ranked.subList(0, limit)) : List.copyOf(ranked);
    }

    /**
     * How well {@code label} matches the query {@code words}: 3 the whole label, 2 every word a
     * whole word of it, 1 every word the beginning of one (Japanese and Chinese: a part of one);
     * plus 0.5 for a label (not an alternative name).
     */
    static float rank(List<String> words, String label, boolean isLabel) {
        List<String> terms = words(label);
        float quality;
        if (terms.equals(words))
            quality = 3;
        else if (words.stream().allMatch(w -> terms.contains(w)))
            quality = 2;
        else
            quality = 1;
        return quality + (isLabel ? 0.5f : 0);
    }

    private static boolean shorter(Node a, Node b) {
        return a.getLiteralLexicalForm().length() < b.getLiteralLexicalForm().length();
    }

    /** The folded words of {@code text}, as the index cuts labels (without the suffixes). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null)
            return out;
        try (Analyzer a = new LabelAnalyzer(LabelAnalyzer.Use.QUERY);
             TokenStream ts = a.tokenStream(LABEL_FIELD, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < 50)
                out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** jena-text's dataset, whose {@code clear()} passes through the index too. */
    private static final class IndexedStore extends DatasetGraphText {
        IndexedStore(DatasetGraph base, TextIndexLucene index, TextDocProducer producer) {
            super(base, index, producer, false);
        }

        @Override
        public void clear() {
            deleteAny(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
        }
    }

    /** Label quads of every graph but the pipeline's own records (meta, journal) and the default graph. */
    private static final class AssertedAndInferredLabels implements TextDocProducer {
        private final TextDocProducer inner;

        AssertedAndInferredLabels(TextDocProducer inner) {
            this.inner = inner;
        }

        @Override public void start() { inner.start(); }
        @Override public void finish() { inner.finish(); }
        @Override public void reset() { inner.reset(); }

        @Override
        public void change(TextQuadAction action, Node g, Node s, Node p, Node o) {
            if (isIndexedGraph(g) && o.isLiteral())
                inner.change(action, g, s, p, o);
        }
    }
}
