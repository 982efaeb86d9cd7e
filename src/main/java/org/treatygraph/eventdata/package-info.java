/**
 * Event data: the coded records that the rules derive ({@code tg:CodedEvent}: CAMEO codes and
 * PLOVER modes of every held meeting, visit, summit, negotiation round and phone call; see
 * docs/reasoning.md, "Event coding") written the way political scientists exchange them —
 * {@link org.treatygraph.eventdata.EventData#writePlover PLOVER-style JSON Lines} (one line per
 * coded event and pair of actors, with names, countries, Wikidata ids, the place and the source
 * texts) and a {@link org.treatygraph.eventdata.EventData#writeDyads CSV of who met whom per month}.
 * Everything is read with the SPARQL of this package's {@code *.rq} resources, inside one read
 * transaction, with the query semantics of {@link org.treatygraph.query.QueryContext}.
 *
 * <p>A stage after {@code load}, {@code derive} and {@code query}; it may use them, and only
 * {@code cli} uses it.
 */
package org.treatygraph.eventdata;
