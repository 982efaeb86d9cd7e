package org.treatygraph.link;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Label comparison: exact, normalised, and containment of words. */
final class Labels {
    private Labels() {}

    /**
     * The normalised form of a label: Unicode compatibility decomposition (NFKD), accents and
     * other combining marks removed, lower case, punctuation and symbols (dashes, quotes,
     * the Japanese middle dot) as spaces, runs of spaces collapsed; for Japanese and Chinese,
     * spaces removed altogether (河野 太郎 = 河野太郎).
     */
    static String normalise(String text, String lang) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[\\p{P}\\p{S}]+", " ")
            .replaceAll("\\s+", " ")
            .strip();
        if (lang.startsWith("ja") || lang.startsWith("zh"))
            s = s.replace(" ", "");
        return s;
    }

    /** The label with accents and other combining marks removed ("Tarō Kōno" → "Taro Kono"); the rest unchanged. */
    static String fold(String text) {
        return Normalizer.normalize(Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", ""),
                                    Normalizer.Form.NFC);
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
