package org.treatygraph.link;

import java.util.List;

/**
 * A Wikidata item proposed for one of our entities.
 *
 * @param qid         the item id, e.g. {@code Q1161024}
 * @param label       the item's label in the first of the configured languages it has
 * @param description the item's description in the first of the configured languages it has
 * @param score       0.00 … 1.00, two decimals (see docs/linking.md for the rules)
 * @param reasons     why, one short phrase per rule that fired, in the order the rules ran
 * @param rejected    true when a rule excludes the item (type disagrees, redirect)
 */
public record Candidate(String qid, String label, String description, double score,
                        List<String> reasons, boolean rejected) {
    public Candidate {
        reasons = List.copyOf(reasons);
    }
}
