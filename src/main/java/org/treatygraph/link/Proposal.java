package org.treatygraph.link;

import java.util.List;

/**
 * The candidates for one of our entities that has no Wikidata link, best first.
 *
 * @param entity     our entity IRI
 * @param label      our label (in the first configured language we have one in)
 * @param type       our most specific type(s), as {@code tg:} names joined by ", "
 * @param candidates best first; empty when Wikidata has no item with any of our labels
 */
public record Proposal(String entity, String label, String type, List<Candidate> candidates) {
    public Proposal {
        candidates = List.copyOf(candidates);
    }

    /** The candidates that no rule rejected, best first. */
    public List<Candidate> accepted() {
        return candidates.stream().filter(c -> !c.rejected()).toList();
    }
}
