package org.treatygraph.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;

/** What the extractor found in an article, before it becomes RDF: events, statements, agreements. */
final class Facts {
    private Facts() {}

    /** A participant of an event: who, in which role, in which capacity (a post the text gives), how sure, and why. */
    record Part(Node agent, Node role, Node capacity, double confidence, Text.Sentence evidence) {}

    /** An event of the article. */
    static final class Event {
        Node iri;
        Node type;
        When when;
        Node place;
        double placeConfidence;
        int placeAt = -1;       // where in the sentence a place found after the trigger was named
        Node status;
        double statusConfidence;
        String statusCue;
        Node series;
        Node sidelinesOf;
        Event sidelinesConference;
        Node linked;            // an existing event of the graph it was linked to, or null
        String linkReason;
        final List<Part> parts = new ArrayList<>();
        final List<Text.Sentence> evidence = new ArrayList<>();
        final Set<Node> about = new LinkedHashSet<>();
        double confidence;
        String trigger;
        int triggerAt = -1;
        /** Told as a definite noun ("the summit", "the meeting"). */
        boolean definite;
        /** A journey told by its start ("left Tokyo on Wednesday for Vladivostok"): dated from that day on. */
        boolean departure;
        /** A participant the graph does not know (not drafted, listed in the review). */
        boolean unknownParticipant;
        /** A format the text names ("2+2": the foreign and defence ministers of both sides), or null. */
        String format;
        /** Told only in a headline, or by an anaphora ("during their talks"): kept only when it merges with an event of the body. */
        boolean dependent;

        boolean has(Node agent) {
            return parts.stream().anyMatch(p -> p.agent().equals(agent));
        }

        Set<Node> agents() {
            Set<Node> out = new LinkedHashSet<>();
            parts.forEach(p -> out.add(p.agent()));
            return out;
        }
    }

    /** A statement of the article. */
    static final class Statement {
        Node iri;
        final List<Node> speakers = new ArrayList<>();
        Node addressee;
        When when;
        boolean undated;        // dated only by the day of the text (tg:latestDate)
        Event statedAt;
        Node stance;
        final List<String> quotes = new ArrayList<>();
        final Set<Node> about = new LinkedHashSet<>();
        final List<Event> aboutEvents = new ArrayList<>();
        String timeReference;
        Text.Sentence evidence;
        double confidence;
        String speakerHow;
    }

    /** An agreement the article mentions, linked to the graph's agreement. */
    record AgreementMention(Node agreement, String text, Text.Sentence evidence, double confidence, String how) {}

    /** A mention that could not be resolved, with its candidates. */
    record Unresolved(Mentions.Mention mention, Text.Sentence sentence) {}

    /** An event the text mentions but that could not be drafted (no date at all, say), for the review. */
    record Skipped(String what, String why, Text.Sentence sentence) {}
}
