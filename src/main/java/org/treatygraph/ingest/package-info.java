/**
 * Ingest: grow the graph from a new article. {@link org.treatygraph.ingest.Ingest} reads a
 * plain-text English news article about the talks, splits it into sentences and tokens (Apache
 * OpenNLP, English UD models from Maven Central), resolves its mentions against the knowledge base
 * ({@link org.treatygraph.ingest.KnowledgeBase}: labels and names in en/ja/ru, posts and tenures on
 * the day, places, events, agreements — all read with the SPARQL of this package's {@code *.rq}
 * resources, parameters bound in the syntax tree), resolves its dates against the article's date
 * ({@link org.treatygraph.ingest.DateParser}), and drafts a source graph in the form of
 * docs/data-modelling.md ({@link org.treatygraph.ingest.Draft}): events with participants, place,
 * date and status, statements with speaker, stance and quote, agreements linked — every drafted
 * triple with its verbatim evidence sentence and a confidence. The draft goes to
 * {@code data/drafts/NNN.trig}, which the build never loads, with a review report beside it
 * ({@link org.treatygraph.ingest.Review}: Markdown and HTML) that lists each fact with its evidence,
 * confidence and the existing facts it agrees or conflicts with, and the mentions it could not
 * resolve, with candidates. {@link org.treatygraph.ingest.LeaveOneOut} measures it against the five
 * curated source graphs; the test {@code IngestCorpusTest} on new articles nobody had modelled
 * (src/test/resources/ingest), each with the facts a curator would accept.
 *
 * <p>What it does not know it does not guess: a name the graph lacks, a post several persons hold,
 * "his counterpart" of someone unknown, "he" with more than one candidate stay unresolved in the
 * review; an event of the graph is reused only when kinds, participants and dates are compatible.
 *
 * <p>A stage after {@code load}, {@code derive} and {@code query}; it may use them, and nothing
 * below it uses it.
 */
package org.treatygraph.ingest;
