package org.treatygraph.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

/**
 * Sentences and tokens of an article, each with its character offsets in the text, so that an
 * evidence literal is always a verbatim substring of the article. Paragraphs (lines) are split
 * first — headlines, captions and bullets end without a full stop — then each paragraph into
 * sentences by OpenNLP's English sentence model; tokens carry OpenNLP's UD part-of-speech tags.
 * The models are resources of the Maven artifacts {@code opennlp-models-*-en}: nothing is
 * downloaded at run time.
 */
final class Text {
    private Text() {}

    /** A token: its text, offsets in the article and its part of speech (UD tag: PROPN, VERB, AUX…). */
    record Token(String text, int start, int end, String pos) {
        boolean capitalized() {
            return !text.isEmpty() && Character.isUpperCase(text.charAt(0));
        }
    }

    /**
     * A sentence: its number (from 0), offsets and verbatim text, its tokens, and whether it is a
     * headline (a line of its own without closing punctuation and no list item: a title, a subhead,
     * a dateline — it sums up what the body tells, so it adds to the body's facts but states none
     * alone).
     */
    record Sentence(int index, int start, int end, String text, List<Token> tokens, boolean headline) {
        /** The part of the sentence between two article offsets. */
        String slice(int from, int to) {
            return text.substring(Math.max(0, from - start), Math.min(text.length(), to - start));
        }
    }

    private static final String SENT_MODEL = "opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    private static final String TOKEN_MODEL = "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    private static final String POS_MODEL = "opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

    private static SentenceModel sentenceModel;
    private static TokenizerModel tokenizerModel;
    private static POSModel posModel;

    private static synchronized void loadModels() {
        if (sentenceModel != null)
            return;
        try (InputStream s = resource(SENT_MODEL); InputStream t = resource(TOKEN_MODEL); InputStream p = resource(POS_MODEL)) {
            sentenceModel = new SentenceModel(s);
            tokenizerModel = new TokenizerModel(t);
            posModel = new POSModel(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenNLP models", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Text.class.getClassLoader().getResourceAsStream(name);
        if (in == null)
            throw new IllegalStateException("OpenNLP model " + name + " is not on the class path (Maven artifact opennlp-models-*-en)");
        return in;
    }

    private static final Pattern LINE = Pattern.compile("[^\\r\\n]+");
    private static final Pattern ABBREVIATION = Pattern.compile(
        "\\b(?:Mr|Ms|Mrs|Dr|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Gov|Gen|Sen|Rep|Lt|Col|U\\.S|a\\.m|p\\.m)\\.$");
    /** How a sentence of the body ends: a full stop, a question or exclamation mark, a closing quote, a colon (a caption's "(handshake)" is no end). */
    private static final Pattern CLOSED = Pattern.compile("(?:[.!?:;\"”’]|[.!?][)\\]])\\s*$");
    /** Bullets and list marks at the start of a line are not part of a sentence. */
    private static final Pattern LEADING_MARKS = Pattern.compile("^[\\s•·\\-–—*]+");

    /** The sentences of {@code text}, in order. */
    static List<Sentence> sentences(String text) {
        loadModels();
        SentenceDetectorME detector = new SentenceDetectorME(sentenceModel);
        TokenizerME tokenizer = new TokenizerME(tokenizerModel);
        POSTaggerME tagger = new POSTaggerME(posModel);
        List<Sentence> out = new ArrayList<>();
        Matcher line = LINE.matcher(text);
        while (line.find()) {
            int ls = line.start();
            String para = line.group();
            Matcher lead = LEADING_MARKS.matcher(para);
            int skip = lead.find() ? lead.end() : 0;
            String body = para.substring(skip).stripTrailing();
            if (body.isBlank())
                continue;
            int base = ls + skip;
            List<int[]> spans = new ArrayList<>();
            for (Span span : detector.sentPosDetect(body)) {
                int[] cur = {base + span.getStart(), base + span.getEnd()};
                // the model ends sentences at "Mr." or "Jan.": join them again
                if (!spans.isEmpty() && ABBREVIATION.matcher(text.substring(spans.get(spans.size() - 1)[0], spans.get(spans.size() - 1)[1]).strip()).find())
                    spans.get(spans.size() - 1)[1] = cur[1];
                else
                    spans.add(cur);
            }
            boolean bulleted = skip > 0 && para.substring(0, skip).chars().anyMatch(c -> "•·-–—*".indexOf(c) >= 0);
            boolean headline = spans.size() == 1 && !bulleted && !CLOSED.matcher(body).find();
            for (int[] span : spans) {
                int s = span[0], e = span[1];
                while (s < e && Character.isWhitespace(text.charAt(s))) s++;
                while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
                if (e <= s)
                    continue;
                String st = text.substring(s, e);
                Span[] tokSpans = tokenizer.tokenizePos(st);
                String[] toks = Span.spansToStrings(tokSpans, st);
                String[] tags = tagger.tag(toks);
                List<Token> tokens = new ArrayList<>(toks.length);
                for (int i = 0; i < toks.length; i++)
                    tokens.add(new Token(toks[i], s + tokSpans[i].getStart(), s + tokSpans[i].getEnd(), tags[i]));
                out.add(new Sentence(out.size(), s, e, st, List.copyOf(tokens), headline));
            }
        }
        return out;
    }
}
