package org.treatygraph.link;

import java.util.List;

/**
 * The check of one existing link {@code entity owl:sameAs wd:Q…}.
 *
 * @param entity        our entity IRI
 * @param qid           the linked item id
 * @param label         our label (first configured language we have one in)
 * @param wikidataLabel the item's label in the same language (or its first label), "" if none
 * @param labelVerdict  whether our labels and the item's labels/aliases agree
 * @param typeVerdict   whether the item is an instance (P31/P279*) of our type's Wikidata class
 * @param notes         the details behind the verdicts
 */
public record LinkCheck(String entity, String qid, String label, String wikidataLabel,
                        Verdict labelVerdict, Verdict typeVerdict, List<String> notes) {

    /** Outcome of one comparison. */
    public enum Verdict {
        /** They agree. */
        AGREES,
        /** Our label is contained in theirs or the other way round ("Kunashir" / "Kunashir Island"). */
        PARTIAL,
        /** Nothing to compare (no shared language, or no Wikidata class for our type). */
        UNCHECKED,
        /** They disagree. */
        DIFFERS,
        /** The endpoint knows nothing of the item, or the item is a redirect. */
        MISSING;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LinkCheck {
        notes = List.copyOf(notes);
    }

    /** True when neither label nor type disagrees. */
    public boolean ok() {
        return (labelVerdict == Verdict.AGREES || labelVerdict == Verdict.PARTIAL || labelVerdict == Verdict.UNCHECKED)
            && (typeVerdict == Verdict.AGREES || typeVerdict == Verdict.UNCHECKED);
    }
}
