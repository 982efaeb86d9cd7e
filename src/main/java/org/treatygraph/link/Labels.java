package org.treatygraph.link;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Label comparison: exact, normalised, and containment of words. */
final class Labels {
    private Labels() {}

    /**
     * The normalised form of a label: Unicode compatibility forms folded (NFKC: full-width
     * letters, ligatures), accents on Latin letters removed (Kōno = Kono; Japanese voicing marks
     * and Cyrillic й stay), lower case, punctuation and symbols (dashes, quotes, the Japanese
     * middle dot) as spaces, runs of spaces collapsed; for Japanese and Chinese, spaces removed
     * altogether (河野 太郎 = 河野太郎).
     */
    static String normalise(String text, String lang) {
        String s = fold(Normalizer.normalize(text, Normalizer.Form.NFKC))
            .toLowerCase(Locale.ROOT)
            .replaceAll("[\\p{P}\\p{S}]+", " ")
            .replaceAll("\\s+", " ")
            .strip();
        if (lang.startsWith("ja") || lang.startsWith("zh"))
            s = s.replace(" ", "");
        return s;
    }

    /** The label with the accents of Latin letters removed ("Tarō Kōno" → "Taro Kono"); other scripts unchanged. */
    static String fold(String text) {
        String d = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("(?<=\\p{IsLatin})\\p{M}+", "");
        return Normalizer.normalize(d, Normalizer.Form.NFC);
    }

    /**
     * The texts to look up for one of our labels (Wikidata matches labels exactly): the label
     * itself, its accent-folded form, and for Latin script that form with each word capitalised
     * ("tarō kōno" → "taro kono", "Taro Kono"). Distinct, in this order.
     */
    static List<String> variants(String label) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        out.add(label);
        String folded = fold(label);
        out.add(folded);
        if (folded.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN)) {
            StringBuilder b = new StringBuilder();
            boolean start = true;
            for (char c : folded.toCharArray()) {
                b.append(start ? Character.toUpperCase(c) : c);
                start = Character.isWhitespace(c) || c == '-';
            }
            out.add(b.toString());
        }
        return List.copyOf(out);
    }

    /**
     * Whether one normalised label contains the other as whole words (for Japanese and
     * Chinese: as a substring), e.g. "kunashir" in "kunashir island".
     */
    static boolean contains(String a, String b, String lang) {
        if (a.isEmpty() || b.isEmpty())
            return false;
        String shorter = a.length() <= b.length() ? a : b;
        String longer = a.length() <= b.length() ? b : a;
        if (lang.startsWith("ja") || lang.startsWith("zh"))
            return longer.contains(shorter);
        List<String> words = Arrays.asList(longer.split(" "));
        return words.containsAll(Arrays.asList(shorter.split(" ")));
    }

    /** Whether a text contains a word (both normalised; word boundaries are spaces). */
    static boolean mentions(String normalisedText, String normalisedWord) {
        return (" " + normalisedText + " ").contains(" " + normalisedWord + " ");
    }
}
