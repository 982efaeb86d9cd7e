package org.treatygraph.index;

import java.io.IOException;
import java.text.Normalizer;
import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * How labels are cut into terms, for the index and for queries alike:
 * <ul>
 * <li>a term is a run of letters and digits (combining marks kept): spaces, punctuation and the
 *     Japanese middle dot ({@code ・}) separate terms;
 * <li>each term is folded: compatibility forms unified (NFKC: full-width Latin, half-width
 *     katakana), lower-cased, and diacritics dropped (é → e, ō → o, ё → е) — but not the kana
 *     voicing marks, so ブ stays ブ;
 * <li>for the index only ({@link Use#INDEX}), a term written in Han, hiragana or katakana is also
 *     indexed by each of its suffixes: Japanese writes a name without spaces (河野太郎), and a
 *     prefix query on the suffixes finds any part of it (野太, 太郎).
 * </ul>
 * Wildcard and prefix terms of a query are folded too ({@link #normalize}).
 */
public final class LabelAnalyzer extends Analyzer {
    /** Which side of the index the analyzer serves. */
    public enum Use {
        /** Labels being indexed: CJK terms by every suffix as well. */
        INDEX,
        /** Query text: terms as written, folded. */
        QUERY
    }

    private final Use use;

    public LabelAnalyzer(Use use) {
        this.use = use;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = CharTokenizer.fromTokenCharPredicate(LabelAnalyzer::isTermChar);
        TokenStream stream = new FoldingFilter(source);
        if (use == Use.INDEX)
            stream = new SuffixFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new FoldingFilter(in);
    }

    static boolean isTermChar(int c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
               || type == Character.COMBINING_SPACING_MARK;
    }

    /** {@code s} folded as terms are: NFKC, lower case, no diacritics (kana voicing kept). */
    public static String fold(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String d = Normalizer.normalize(n, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        d.codePoints().forEach(c -> {
            if (Character.getType(c) != Character.NON_SPACING_MARK || c == 0x3099 || c == 0x309A)
                b.appendCodePoint(c);
        });
        return Normalizer.normalize(b, Normalizer.Form.NFC);
    }

    /** Whether {@code s} has a character of a script written without spaces between words. */
    static boolean isCjk(CharSequence s) {
        return s.codePoints().anyMatch(c -> {
            Character.UnicodeScript sc = Character.UnicodeScript.of(c);
            return sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
                   || sc == Character.UnicodeScript.KATAKANA;
        });
    }

    private static final class FoldingFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        FoldingFilter(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken())
                return false;
            String folded = fold(term.toString());
            term.setEmpty().append(folded);
            return true;
        }
    }

    /** After a CJK term, each of its proper suffixes at the same position. */
    private static final class SuffixFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private int[] pending;     // code points of the current CJK term
        private int next;          // index of the next suffix to emit
        private State state;

        SuffixFilter(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (pending != null && next < pending.length) {
                restoreState(state);
                term.setEmpty().append(new String(pending, next, pending.length - next));
                position.setPositionIncrement(0);
                next++;
                return true;
            }
            pending = null;
            if (!input.incrementToken())
                return false;
            if (isCjk(term)) {
                pending = term.toString().codePoints().toArray();
                next = 1;
                state = captureState();
            }
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending = null;
            state = null;
        }
    }
}
