package org.treatygraph.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.treatygraph.ingest.Facts.Part;
import org.treatygraph.ingest.Mentions.Kind;
import org.treatygraph.ingest.Mentions.Mention;

/**
 * Reads an article sentence by sentence and finds its events (meetings, talks, summits, visits,
 * phone calls, summons, press conferences, conferences, the negotiations), their participants,
 * place, date and status (from tense and modal cues and the date against the article's day), its
 * statements (speaker, stance, verbatim quotes) and the agreements it names. Rules over words and
 * the graph's own data; each finding keeps the sentence it comes from and how sure it is.
 */
final class Extractor {
    static Node tg(String local) {
        return NodeFactory.createURI(KnowledgeBase.TG + local);
    }

    static final Node HELD = tg("Held"), PLANNED = tg("Planned"), POSTPONED = tg("Postponed"), POSSIBLY_POSTPONED = tg("PossiblyPostponed"),
        CANCELLED = tg("Cancelled"), UNDER_CONSIDERATION = tg("UnderConsideration"), PROPOSED = tg("Proposed"), ONGOING = tg("Ongoing");

    /** A kind of event and the words that name it. */
    private record Trigger(Pattern pattern, String type) {}

    private static Pattern ci(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** A format of its own: the foreign and defence ministers of both sides ("two-plus-two", "2+2"). */
    static final Pattern TWO_PLUS_TWO = ci("\\b(?:(?:meeting|session|round) in the\\s+)?[“\"]?(?:two[- ]plus[- ]two|2\\s*\\+\\s*2)[”\"]?\\s+"
        + "(?:format|talks|meeting|dialogue|consultations?|session|security talks|security dialogue|ministerial talks)\\b");

    private static final List<Trigger> TRIGGERS = List.of(
        new Trigger(ci("\\b(?:(?:tele)?phone (?:talks|call|conversation)s?|(?:spoke|talked|talk|speak) (?:by|over the) (?:tele)?phone|phoned|by (?:tele)?phone|over the (?:tele)?phone)\\b"), "PhoneCall"),
        new Trigger(ci("\\bsummon(?:ed|s|ing)?\\b"), "Summons"),
        new Trigger(ci("\\b(?:(?:told|briefed) (?:reporters|journalists|the press)(?: at an? (?:regular )?(?:press|news) (?:conference|briefing))?|press conference|news conference|press briefing|news briefing|met with the (?:\\w+ )?press|spoke to (?:reporters|journalists))\\b"), "PressConference"),
        new Trigger(ci("\\bworking lunch\\b"), "WorkingLunch"),
        new Trigger(ci("\\b(?:meeting|session) of the [\\w\\- ]{0,60}?Commission\\b|\\bCommission (?:meeting|session)\\b"), "CommissionMeeting"),
        new Trigger(ci("\\bforeign ministers['’`]? (?:meeting|talks)\\b|\\bministerial (?:meeting|talks)\\b|\\b(?:meeting|talks) (?:of|between) (?:the )?(?:two )?foreign ministers\\b|\\bat the level of foreign ministers\\b"), "ForeignMinistersMeeting"),
        new Trigger(ci("\\bsummit(?: meeting| talks)?s?\\b"), "Summit"),
        new Trigger(ci("\\b(?:consultations|deliberations)\\b"), "EnvoyConsultation"),
        new Trigger(TWO_PLUS_TWO, "Meeting"),
        new Trigger(ci("\\b(?:visit(?:s|ed|ing)?|trip to|travel(?:s|ed)? to|arrived (?:in|on|at)|arrives (?:in|on|at)|flew (?:to|into)|landed (?:in|on)"
            + "|(?:left|leaves|departed|departs)(?: [\\w-]+){0,4}? for|head(?:s|ed)? (?:to|for))\\b"), "OfficialVisit"),
        // "Abe and Putin agreed in Singapore", "… agreed on Saturday to …": the meeting at which two of them agreed
        new Trigger(Pattern.compile("\\bagreed(?= (?:in [A-Z]|on \\w+day\\b|\\w+day\\b|last |this |earlier ))"), "Meeting"),
        // "after talks in Osaka in June": talks at a place
        new Trigger(Pattern.compile("\\btalks(?= in [A-Z])"), "Meeting"),
        // "is expected to speak with his Russian counterpart": a contact of two persons
        new Trigger(ci("\\b(?:speak|speaks|spoke|talk|talks|talked) with\\b"), "Meeting"),
        // "during their talks in Moscow", "after the talks": the talks the article tells of (their persons: those of the sentence before)
        new Trigger(ci("\\b(?<=(?:during (?:their|the|these)|after (?:their|the|these)|following (?:their|the|these)|before (?:their|the|these)|ahead of (?:their|the|these)|at their) (?:[\\w-]{1,20} )?)talks\\b"), "Meeting"),
        new Trigger(ci("\\b(?:met|meet|meets|meeting|held talks|hold talks|talks with|talks between|for talks|negotiations with|talked)\\b"), "Meeting"));

    private static final Pattern DEPARTURE = ci("^(?:left|leaves|departed|departs|head(?:s|ed)?)\\b");

    /** An event a visit is made for: "visit Moscow next month for another round of talks", "to meet", "to hold talks". */
    private static final Pattern PURPOSE = ci("\\b(?:for(?: (?:another|a|the|new|further) (?:round of )?)?|(?:to|and) (?:hold|attend|have)|to)\\s+(?:[\\w-]+\\s+){0,3}$");

    private static final Pattern FORUM_BEFORE = ci("\\b(?:summit|conference|forum|meeting|session)s?\\s+(?:of|on)\\s+(?:the\\s+)?$");
    private static final Pattern FORUM_AFTER = ci("^['’]?s?\\s+(?:[\\w-]+\\s+){0,5}?(?:summit|conference|forum|meeting|session)s?\\b");

    private static final Pattern COUNTED = ci("\\b(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|dozens of|several|many|numerous)\\s+$");

    /** The negotiations as a process ("peace treaty talks", "negotiations on a peace treaty"). */
    private static final Pattern NEGOTIATION = ci("\\b(?:peace[- ]treaty (?:talks|negotiations|consultations)|(?:talks|negotiations|consultations|dialogue) (?:on|to sign|to conclude|in order to clinch|to clinch|regarding the issue of) (?:signing |concluding )?(?:a|the) (?:[\\w-]+ )?peace treaty|treaty talks|peace talks|peace negotiations)\\b");
    /** The negotiations halted: "suspend negotiations on a peace treaty", "did not intend to continue the peace treaty talks". */
    private static final Pattern STATUS_SUSPENDED = ci("\\b(?:suspend(?:s|ed|ing)?|suspension of|halt(?:s|ed|ing)?|freez(?:e|es|ing)|froze|(?:not|no longer) (?:intend|plan|want)(?:s)? to continue|withdr[ae]w(?:s|n)? from|pull(?:s|ed)? out of|walk(?:s|ed)? away from)\\b");

    private static final Pattern STATUS_POSSIBLY_POSTPONED = ci("\\b(?:(?:could|may|might|likely to|expected to) be (?:put off|postponed|delayed)|in doubt)\\b");
    private static final Pattern STATUS_POSTPONED = ci("\\b(?:was|were|has been|have been|had been) (?:put off|postponed|delayed)\\b");
    private static final Pattern STATUS_CANCELLED = ci("\\b(?:cancel+ed|called off)\\b");
    private static final Pattern STATUS_CONSIDERED = ci("\\b(?:being considered|under consideration|considering|works on the issue|working on|subject for the final approval|yet to be (?:set|fixed|decided|agreed)|still being (?:coordinated|worked out|finalized))\\b");
    private static final Pattern STATUS_PROPOSED = ci("\\b(?:proposed|opposed to holding|propose[sd]? to hold)\\b");
    private static final Pattern STATUS_PLANNED = ci("\\b(?:will|would|shall|to be held|is to|are to|scheduled|due to|is due|plans? to|planned|expected to|agreed to hold|to hold|arrangements for|preparations? for|upcoming|set to|in the run-up to|aims? to|to visit|to meet|coordination with)\\b");
    private static final Pattern STATUS_HELD = ci("\\b(?:met|held|summoned|told|visited|spoke|talked|took place|was held|were held|during|latest|previous time|chaired)\\b");

    private static final Pattern SPEECH = ci("\\b(?:said|says|told|tells|stated|states|announced|announces|stressed|noted|added|explained|expressed|called|indicated|proposed|protested|accused|criticized|criticised|apologized|apologised|urged|warned|insisted|emphasized|reiterated|declared|informed|pointed out|confirmed|hopes|hoped"
        + "|denied|denies|asked|argued|maintained|vowed|pledged|promised|suggested|acknowledged|admitted|complained|conveyed|rejected|dismissed)\\b");
    private static final Pattern ACCORDING = ci("\\baccording to\\b");
    private static final Pattern QUOTE = Pattern.compile("“([^”]{2,}?)”|\"([^\"]{2,}?)\"");
    private static final Pattern AFTER_MEETING = ci("\\b(?:after|following) (?:the |their |this )?(?:meeting|talks)\\b");

    private final KnowledgeBase kb;
    private final Mentions mentions;
    private final LocalDate articleDate;
    private final Ingest.Linker linker;

    final List<Facts.Event> events = new ArrayList<>();
    final List<Facts.Statement> statements = new ArrayList<>();
    final List<Facts.AgreementMention> agreements = new ArrayList<>();
    final List<Facts.Unresolved> unresolved = new ArrayList<>();
    final List<Facts.Skipped> skipped = new ArrayList<>();
    /** Every mention of the article, resolved or not, in text order (for the review and the tests). */
    final List<Mention> found = new ArrayList<>();
    private final Map<Integer, List<Mention>> mentionsOf = new LinkedHashMap<>();
    final Map<Text.Sentence, List<When>> dates = new LinkedHashMap<>();

    Extractor(KnowledgeBase kb, LocalDate articleDate) {
        this.kb = kb;
        this.articleDate = articleDate;
        this.mentions = new Mentions(kb, articleDate);
        this.linker = new Ingest.Linker(kb, articleDate);
    }

    Mentions mentions() {
        return mentions;
    }

    void read(List<Text.Sentence> sentences) {
        for (Text.Sentence s : sentences) {
            List<When> whens = DateParser.parse(s, articleDate);
            dates.put(s, whens);
            LocalDate day = whens.stream().filter(w -> w.kind() != When.Kind.REFERENCE && w.earliest() != null && w.isDay())
                .map(When::earliest).findFirst().orElse(articleDate);
            List<Mention> ms = mentions.find(s, day);
            found.addAll(ms);
            mentionsOf.put(s.index(), ms);
            for (Mention m : ms)
                if (!m.resolved() && (m.kind() == Kind.UNKNOWN_NAME || !m.candidates().isEmpty() || m.kind() == Kind.POST))
                    unresolved.add(new Facts.Unresolved(m, s));
            List<Facts.AgreementMention> ag = agreementsOf(s, ms, whens);
            agreements.addAll(ag);
            List<Facts.Event> found = eventsOf(s, ms, whens);
            for (Facts.Event e : found)
                ag.forEach(a -> e.about.add(a.agreement()));
            statementsOf(s, ms, whens, found, ag);
        }
        mergeEvents();
        settle();
    }

    // ---- agreements

    private static final Pattern AGREEMENT_YEAR = ci("\\b((?:1[6-9]|20)\\d\\d)[- ](?:[A-Z][\\w-]* )?(joint declaration|declaration|agreement|treaty|memorandum|statement|accord|pact)\\b");
    private static final Pattern AGREEMENT_OF = ci("\\b(joint declaration|declaration|agreement|treaty|memorandum|statement)\\b[^.;]{0,25}?\\b(?:of|dated|from|signed (?:on|in))\\s+(?:[A-Z][a-z]+\\.? \\d{1,2},? )?((?:1[6-9]|20)\\d\\d)\\b");
    private static final Pattern AGREEMENT_MONTH = Pattern.compile("\\b(January|February|March|April|May|June|July|August|September|October|November|December) (agreement|accord|deal)\\b");

    private List<Facts.AgreementMention> agreementsOf(Text.Sentence s, List<Mention> ms, List<When> whens) {
        List<Facts.AgreementMention> out = new ArrayList<>();
        Set<Node> seen = new LinkedHashSet<>();
        for (Mention m : ms)
            if (m.kind() == Kind.AGREEMENT && m.resolved() && seen.add(m.entity()))
                out.add(new Facts.AgreementMention(m.entity(), m.text(), s, m.confidence(), "name in the graph"));
        for (Pattern p : List.of(AGREEMENT_YEAR, AGREEMENT_OF)) {
            Matcher m = p.matcher(s.text());
            while (m.find()) {
                int year = Integer.parseInt(p == AGREEMENT_YEAR ? m.group(1) : m.group(2));
                String word = (p == AGREEMENT_YEAR ? m.group(2) : m.group(1)).toLowerCase(Locale.ROOT);
                List<Node> c = agreementsIn(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), word);
                if (c.size() == 1 && seen.add(c.get(0)))
                    out.add(new Facts.AgreementMention(c.get(0), m.group(), s, 0.85, "the only " + word + " of " + year + " in the graph"));
            }
        }
        Matcher m = AGREEMENT_MONTH.matcher(s.text());
        while (m.find()) {
            List<When> w = DateParser.parse("in " + m.group(1), 0, articleDate);
            if (w.isEmpty())
                continue;
            List<Node> c = agreementsIn(w.get(0).earliest(), w.get(0).latest(), "agreement");
            if (c.size() == 1 && seen.add(c.get(0)))
                out.add(new Facts.AgreementMention(c.get(0), m.group(), s, 0.75, "the only agreement of " + w.get(0).describe() + " in the graph"));
        }
        return out;
    }

    private List<Node> agreementsIn(LocalDate from, LocalDate to, String word) {
        List<Node> out = new ArrayList<>();
        for (KnowledgeBase.Agreement a : kb.agreements.values()) {
            LocalDate d0 = a.date() != null ? a.date() : a.earliest(), d1 = a.date() != null ? a.date() : a.latest();
            if (d0 == null || d1 == null || d0.isAfter(to) || d1.isBefore(from))
                continue;
            boolean fits = switch (word) {
                case "joint declaration", "declaration" -> a.classes().stream().anyMatch(c -> KnowledgeBase.local(c).contains("Declaration"));
                case "treaty", "pact" -> a.classes().stream().anyMatch(c -> KnowledgeBase.local(c).contains("Treaty"));
                case "memorandum" -> a.classes().stream().anyMatch(c -> KnowledgeBase.local(c).contains("Memorandum"));
                case "statement" -> a.classes().stream().anyMatch(c -> KnowledgeBase.local(c).contains("Statement"));
                default -> true;
            };
            if (fits)
                out.add(a.iri());
        }
        return out;
    }

    // ---- events

    private List<Facts.Event> eventsOf(Text.Sentence s, List<Mention> ms, List<When> whens) {
        List<Facts.Event> found = new ArrayList<>();
        String text = s.text();
        boolean[] taken = new boolean[text.length()];
        // conferences of a series ("the G20 summit in Buenos Aires", "the 55th Munich Security Conference")
        for (Mention m : ms)
            if (m.kind() == Kind.FORUM && m.resolved()) {
                int a = m.start() - s.start(), b = m.end() - s.start();
                Facts.Event e = newEvent(s, "MultilateralConference", m.text());
                e.series = m.entity();
                e.triggerAt = m.start();
                e.when = dateNear(whens, m.start(), m.end(), s);
                e.place = placeNear(ms, b, s, 60);
                e.status = statusOf(s, a, b, e.when);
                e.confidence = 0.75;
                found.add(e);
                // its words: "the G20 summit", "a summit of the Group of 20", "the Group of 20 advanced and emerging economies' summit"
                int from = a, to = b;
                Matcher before = FORUM_BEFORE.matcher(text.substring(0, a));
                if (before.find())
                    from = before.start();
                Matcher after = FORUM_AFTER.matcher(text.substring(b));
                if (after.find())
                    to = b + after.end();
                for (int i = from; i < to; i++)
                    taken[i] = true;
            }
        // the negotiations as a process
        Matcher nm = NEGOTIATION.matcher(text);
        // "would hold consultations on the peace treaty issue": a meeting, not the negotiations as a whole
        if (nm.find() && text.substring(Math.max(0, nm.start() - 20), nm.start()).matches("(?s).*\\b(?:(?:will|would|shall|to|and) hold|held)\\s+(?:\\w+\\s+)?$"))
            nm = NEGOTIATION.matcher("");
        else
            nm.reset();
        if (nm.find()) {
            Facts.Event e = newEvent(s, "Negotiation", nm.group());
            String near = text.substring(Math.max(0, nm.start() - 60), nm.start());
            boolean halted = STATUS_SUSPENDED.matcher(near).find();
            e.status = halted ? tg("Suspended") : ONGOING;
            e.statusConfidence = 0.7;
            e.statusCue = halted ? "the text says they were halted" : "a process the text speaks of as going on";
            e.confidence = 0.7;
            found.add(e);
            for (int i = nm.start(); i < nm.end(); i++)
                taken[i] = true;
        }
        for (Trigger t : TRIGGERS) {
            Matcher m = t.pattern().matcher(text);
            while (m.find()) {
                if (anyTaken(taken, m.start(), m.end()) || insideQuote(text, m.start()))
                    continue;
                // "who has held 24 summit talks with Putin", "met 27 times": a count, not one event
                if (COUNTED.matcher(text.substring(Math.max(0, m.start() - 16), m.start())).find() && isNoun(s, m.start())
                    || ci("^\\s+(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|numerous)\\s+times\\b").matcher(text.substring(m.end())).find()) {
                    int end = m.end();
                    Matcher with = ci("^\\s+(?:with|between)\\b").matcher(text.substring(end));
                    if (with.find())
                        end += with.end();
                    for (int i = m.start(); i < end; i++)
                        taken[i] = true;
                    continue;
                }
                for (int i = m.start(); i < m.end(); i++)
                    taken[i] = true;
                Facts.Event e = eventAt(s, ms, whens, t.type(), m.start(), m.end(), m.group(), found);
                if (e != null) {
                    e.triggerAt = s.start() + m.start();
                    found.add(e);
                }
            }
        }
        // each time expression dates one event of the sentence: the one told just before it in its clause, else the one just
        // after it ("a meeting between Mr. Mori and Mr. Morgulov on January 15 and … next Foreign Ministers' meeting … in February")
        Map<When, Facts.Event> owner = new LinkedHashMap<>();
        List<int[]> rel = relatives(text);
        for (When w : whens) {
            if (w.kind() == When.Kind.REFERENCE || w.text().toLowerCase(Locale.ROOT).startsWith("since"))
                continue;                       // "since March 2017": a point of reference, no event's date
            int ws = w.start() - s.start(), we = w.end() - s.start();
            boolean saying = saysWhenSaid(s, w);   // "Tass reported Sunday": the day of a saying dates no meeting
            Facts.Event before = null, after = null;
            for (Facts.Event o : found) {
                if (o.triggerAt < 0 || saying && !o.type.equals(tg("PressConference")))
                    continue;
                int ts = o.triggerAt - s.start(), te = ts + o.trigger.length();
                if (apart(rel, ws, ts) || apart(rel, ts, ws))
                    continue;                   // "Motegi, who became foreign minister on September 11, said after the meeting"
                if (ts <= ws && we <= te) {        // "left Tokyo on Wednesday for": a date inside the event's own words
                    before = o;
                    after = null;
                    break;
                }
                if (te <= ws && !boundaryBetween(text, te, ws)) {
                    if (before == null || ts > before.triggerAt - s.start())
                        before = o;
                } else if (ts >= we && !boundaryBetween(text, we, ts)) {
                    if (after == null || ts < after.triggerAt - s.start())
                        after = o;
                }
            }
            Facts.Event o = before != null ? before : after;
            if (o != null)
                owner.put(w, o);
        }
        // a date that opens the sentence ("On December 19, … held a … Meeting with …") dates its events that have none of their own
        When opening = whens.stream().filter(w -> w.kind() != When.Kind.REFERENCE && w.start() - s.start() <= 3
            && text.substring(w.end() - s.start()).startsWith(",")).findFirst().orElse(null);
        for (Facts.Event e : found) {
            if (e.triggerAt < 0 || e.when != null && owner.get(e.when) == e)
                continue;
            List<When> mine = new ArrayList<>(whens.stream().filter(w -> owner.get(w) == e).toList());
            if (mine.isEmpty() && opening != null && !e.type.equals(tg("Negotiation")))
                mine.add(opening);
            if (e.when == null && mine.isEmpty())
                continue;
            int ta = e.triggerAt - s.start();
            When best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (When w : mine) {
                int d = w.start() >= e.triggerAt ? w.start() - e.triggerAt : e.triggerAt - w.end() + 15;
                if (d < bestDistance) {
                    best = w;
                    bestDistance = d;
                }
            }
            e.when = best;
            e.status = statusOf(s, ta, ta + e.trigger.length(), e.when);
        }
        // "his visit to the country this month and early in the new year": one event for each of two joined times
        List<Facts.Event> clones = new ArrayList<>();
        for (Facts.Event e : found) {
            if (e.when == null || e.triggerAt < 0 || e.type.equals(tg("Negotiation")))
                continue;
            List<When> mine = whens.stream().filter(w -> owner.get(w) == e).sorted(java.util.Comparator.comparingInt(When::start)).toList();
            for (int i = 0; i + 1 < mine.size(); i++) {
                When w1 = mine.get(i), w2 = mine.get(i + 1);
                if (w1.end() > w2.start() || !text.substring(w1.end() - s.start(), w2.start() - s.start()).matches("\\s*,?\\s*(?:and|or)\\s+"))
                    continue;
                Facts.Event c = newEvent(s, KnowledgeBase.local(e.type), e.trigger);
                c.triggerAt = e.triggerAt;
                c.parts.addAll(e.parts);
                c.place = e.place;
                c.placeConfidence = e.placeConfidence;
                c.format = e.format;
                c.confidence = e.confidence;
                c.dependent = e.dependent;
                int ta = e.triggerAt - s.start();
                if (e.when != w1) {
                    e.when = w1;
                    e.status = statusOf(s, ta, ta + e.trigger.length(), w1);
                }
                c.when = w2;
                c.status = statusOf(s, ta, ta + e.trigger.length(), w2);
                clones.add(c);
            }
        }
        found.addAll(clones);
        // "the two-day summit", "the meeting" with fewer than two persons and no date or place of its own: the article's
        // event told before, not a new one
        for (Facts.Event e : found)
            if (e.definite && e.when == null && e.place == null
                && (meetingFamily(e.type) && e.parts.size() < 2 || e.type.equals(tg("PressConference")) && e.parts.isEmpty()))
                e.dependent = true;
        // "the summit … will be their second after talks in Osaka": a place after another event's words is that event's
        for (Facts.Event e : found)
            if (e.placeAt >= 0 && e.triggerAt >= 0)
                for (Facts.Event o : found)
                    if (o != e && o.series == null && o.triggerAt > e.triggerAt && o.triggerAt - s.start() < e.placeAt) {
                        e.place = null;
                        e.placeAt = -1;
                        break;
                    }
        // "would visit Moscow next month for another round of talks with Lavrov": the talks the visit is for, then and there
        for (Facts.Event e : found)
            if (e.type.equals(tg("OfficialVisit")) && e.triggerAt >= 0)
                for (Facts.Event o : found) {
                    if (o == e || !meetingFamily(o.type) || o.triggerAt <= e.triggerAt || o.when != null || o.dependent)
                        continue;
                    String between = text.substring(e.triggerAt - s.start() + e.trigger.length(), o.triggerAt - s.start());
                    if (between.length() <= 100 && PURPOSE.matcher(between).find() && !boundaryBetween(text, e.triggerAt - s.start(), o.triggerAt - s.start())) {
                        o.when = e.when;
                        if (o.place == null)
                            o.place = e.place;
                        o.status = e.status;
                    }
                }
        for (Facts.Event e : found)
            if (e.departure && e.when != null && e.when.isDay()) {
                LocalDate left = e.when.earliest();
                boolean under = !left.isBefore(articleDate.minusDays(3));
                e.when = new When(e.when.text(), e.when.start(), e.when.end(), left, under ? null : articleDate, When.Precision.NONE, When.Kind.OPEN);
                e.status = under ? ONGOING : HELD;
            }
        // "… visit Russia in May …, and that the two leaders would hold a summit then": the time told just before
        for (Facts.Event e : found)
            if (e.when == null && e.triggerAt >= 0) {
                int tb = e.triggerAt - s.start() + e.trigger.length();
                if (!Pattern.compile("^[^.;,]{0,25}?\\bthen\\b").matcher(text.substring(Math.min(text.length(), tb))).find())
                    continue;
                Facts.Event prior = null;
                for (Facts.Event o : found)
                    if (o != e && o.when != null && o.triggerAt >= 0 && o.triggerAt < e.triggerAt)
                        prior = o;
                if (prior != null) {
                    e.when = prior.when;
                    e.status = statusOf(s, e.triggerAt - s.start(), tb, e.when);
                }
            }
        for (Facts.Event e : found) {
            if (s.headline())
                e.dependent = true;
            linker.link(e);
        }
        // on the sidelines of / during a conference of the same sentence
        Facts.Event conference = found.stream().filter(e -> e.series != null).findFirst().orElse(null);
        if (conference != null && Pattern.compile("(?i)\\b(sidelines of|during|at) (the )?").matcher(text).find())
            for (Facts.Event e : found)
                if (e != conference && e.series == null && !e.type.equals(tg("Negotiation")) && !e.type.equals(tg("OfficialVisit"))) {
                    e.sidelinesOf = conference.iri;
                    e.sidelinesConference = conference;
                    if (e.when == null && conference.when != null)
                        e.when = conference.when.isDay() || conference.when.precision() != When.Precision.DAY ? conference.when
                            // a meeting during a conference of several days: some day of them
                            : new When(conference.when.text(), conference.when.start(), conference.when.end(), conference.when.earliest(),
                                       conference.when.latest(), When.Precision.NONE, conference.when.kind());
                }
        // a press conference "after the meeting", "following talks with Kono on Friday": from the meeting's day to the text's
        Matcher after = AFTER_MEETING.matcher(text);
        if (after.find())
            for (Facts.Event e : found)
                if (e.when == null && e.type.equals(tg("PressConference"))) {
                    Facts.Event before = null;
                    for (Facts.Event o : found)
                        if (o != e && meetingFamily(o.type) && o.when != null && o.when.isDay() && o.triggerAt >= s.start() + after.start()
                            && o.triggerAt <= s.start() + after.end() + 40 && !o.when.earliest().isAfter(articleDate))
                            before = o;         // the meeting the phrase names ("following talks with … on Friday")
                    if (before == null)
                        before = lastDatedMeeting();
                    if (before != null && before.when.isDay() && !before.when.earliest().isAfter(articleDate))
                        e.when = new When(after.group(), s.start(), s.start(), before.when.earliest(), articleDate,
                                          before.when.earliest().equals(articleDate) ? When.Precision.DAY : When.Precision.NONE, When.Kind.RELATIVE);
                }
        for (Facts.Event e : found)
            if (e.linked == null)
                linker.link(e);
        events.addAll(found);
        return found;
    }

    /**
     * After merging: each event linked again with what the whole article says of it; an event with
     * no date that is not the graph's is dropped (and listed in the review) when held — shape S07
     * wants a window, which the text does not give — or when it is a meeting of fewer than two known
     * persons; one not yet held gets the open window from the article's day.
     */
    private void settle() {
        List<Facts.Event> out = new ArrayList<>();
        for (Facts.Event e : events) {
            if (e.linked == null)
                linker.link(e);
            Text.Sentence s = e.evidence.get(0);
            String why = null;
            if (e.when == null && e.linked == null && !e.type.equals(tg("Negotiation"))) {
                if (e.type.equals(tg("Meeting")) && e.parts.size() < 2)
                    why = "a meeting with fewer than two known participants and no date";
                else if (HELD.equals(e.status))
                    why = "held, but the text gives no date and no event of the graph matches: a date window must be added by hand";
                else   // not (yet) held and no date: not before the article's day (shape S07 allows the open window)
                    e.when = new When(null, s.start(), s.start(), articleDate, null, When.Precision.NONE, When.Kind.OPEN);
            }
            if (why == null) {
                out.add(e);
                continue;
            }
            skipped.add(new Facts.Skipped("\"" + e.trigger + "\"", why, s));
            for (Facts.Statement st : statements) {
                if (st.statedAt == e)
                    st.statedAt = null;
                st.aboutEvents.remove(e);
            }
        }
        // two mentions linked to one event of the graph are one event of the draft
        List<Facts.Event> merged = new ArrayList<>();
        for (Facts.Event e : out) {
            Facts.Event same = e.linked == null ? null : merged.stream().filter(o -> e.linked.equals(o.linked)).findFirst().orElse(null);
            if (same == null) {
                merged.add(e);
                continue;
            }
            Node link = same.linked;
            Node status = same.status;
            When when = same.when != null && same.when.kind() != When.Kind.OPEN ? same.when : null;
            mergeInto(same, e);
            same.linked = link;
            same.status = status;
            if (when != null && (same.when == null || same.when.kind() == When.Kind.OPEN))
                same.when = when;           // an open window of "not yet dated" never replaces a date the text gave
        }
        events.clear();
        events.addAll(merged);
    }

    private Facts.Event lastDatedMeeting() {
        for (int i = events.size() - 1; i >= 0; i--) {
            Facts.Event e = events.get(i);
            if (e.series != null || e.type.equals(tg("PressConference")))
                continue;
            if (e.when != null && e.when.isDay())
                return e;
            if (e.linked != null) {
                LocalDate[] w = Ingest.Linker.window(kb.events.get(e.linked));
                if (w[0] != null && w[0].equals(w[1])) {
                    Facts.Event copy = new Facts.Event();
                    copy.when = new When("", 0, 0, w[0], w[0], When.Precision.DAY, When.Kind.ABSOLUTE);
                    return copy;
                }
            }
        }
        return null;
    }

    private Facts.Event newEvent(Text.Sentence s, String type, String trigger) {
        Facts.Event e = new Facts.Event();
        e.type = tg(type);
        e.trigger = trigger;
        e.evidence.add(s);
        return e;
    }

    /** The trigger's offset in its sentence while its participants are picked. */
    private int pickAt = -1;
    /** Where in its sentence the last place found after a trigger was named. */
    private int placeAt = -1;

    private Facts.Event eventAt(Text.Sentence s, List<Mention> ms, List<When> whens, String type, int a, int b, String trigger,
                                List<Facts.Event> already) {
        pickAt = a;
        try {
            return eventAt0(s, ms, whens, type, a, b, trigger, already);
        } finally {
            pickAt = -1;
        }
    }

    private Facts.Event eventAt0(Text.Sentence s, List<Mention> ms, List<When> whens, String type, int a, int b, String trigger,
                                 List<Facts.Event> already) {
        String text = s.text();
        Facts.Event e = newEvent(s, type, trigger);
        e.when = dateNear(whens, s.start() + a, s.start() + b, s);
        if (e.when != null && !type.equals("PressConference") && saysWhenSaid(s, e.when))
            e.when = null;
        e.status = statusOf(s, a, b, e.when);
        LocalDate day = e.when != null && e.when.earliest() != null ? e.when.earliest() : articleDate;
        // the agents of the sentence, by position
        List<Mention> persons = new ArrayList<>();
        for (Mention m : ms)
            if ((m.kind() == Kind.PERSON || m.kind() == Kind.GROUP) && m.resolved() && !insideQuote(text, m.start() - s.start()))
                persons.add(m);
        int clauseFrom = clauseStart(text, a), clauseTo = clauseEnd(text, b);
        // a fronted phrase ("Following their meeting, Suga announced …", "During their talks in Moscow, Lavrov said …"):
        // its event's persons are in the phrase, not in the clause that follows it
        Matcher fronted = ci("^(?:after|following|during|before|ahead of|at)\\s+(?:their|the|this|his|her)\\s+(?:[\\w-]+\\s+){0,2}$")
            .matcher(text.substring(clauseFrom, a));
        if (fronted.find()) {
            int comma = text.indexOf(',', b);
            if (comma > 0 && comma < clauseTo)
                clauseTo = comma;
        }
        switch (type) {
            case "Summit" -> pick(e, persons, s, day, Set.of("HeadOfState", "HeadOfGovernment"), tg("Negotiator"), -1, -1);
            case "ForeignMinistersMeeting" -> pick(e, persons, s, day, Set.of("ForeignMinister"), tg("Negotiator"), -1, -1);
            case "EnvoyConsultation" -> {
                pick(e, persons, s, day, Set.of("DeputyForeignMinister", "SpecialEnvoy"), tg("Negotiator"), -1, -1);
                if (e.parts.isEmpty()) {
                    e.type = tg("Meeting");
                    pick(e, persons, s, day, null, tg("Negotiator"), clauseFrom, clauseTo);
                }
            }
            case "PressConference" -> {
                Mention speaker = nearestBefore(persons, s.start() + a, s.start() + clauseFrom);
                Node who = speaker != null ? speaker.entity() : pronounBefore(text, a) ? pronounReferent(s, ms, a) : null;
                if (who != null)
                    e.parts.add(part(who, tg("Speaker"), day, speaker != null ? speaker.confidence() : 0.7, s));
            }
            case "Summons" -> {
                Mention by = nearestBefore(persons, s.start() + a, s.start() + clauseFrom);
                Mention whom = nearestAfter(persons, s.start() + b, s.start() + clauseTo);
                if (by != null)
                    e.parts.add(part(by.entity(), tg("Summoner"), day, by.confidence(), s));
                if (whom != null)
                    e.parts.add(part(whom.entity(), tg("Summoned"), day, whom.confidence(), s));
            }
            case "OfficialVisit" -> {
                boolean unknownVisitor = false;
                Mention visitor = null;
                Matcher by = ci("^[^.;]{0,40}?\\bby\\s+").matcher(text.substring(b, Math.min(text.length(), b + 60)));
                if (by.find()) {                               // "a visit to Russia by Prime Minister Shinzo Abe"
                    Mention m = nearestAfterAny(ms, s.start() + b + by.end(), s.start() + b + by.end() + 45);
                    if (m != null && text.substring(b + by.end(), m.start() - s.start()).matches("(?:(?:the|[A-Z][\\w.-]*)\\s+)*"))
                        visitor = m;
                    // "a visit by President Vladimir Putin's foreign minister": the one the possessive names
                    if (visitor != null && Mentions.norm(text).startsWith("'s ", visitor.end() - s.start()))
                        visitor = nearestAfterAny(ms, visitor.end() + 3, visitor.end() + 30);
                }
                Mention owner = possessor(ms, s, a);          // "Abe's planned visit", "Mishustin's visit"
                if (visitor == null && owner != null)
                    visitor = owner;
                boolean noun = isNoun(s, a) && !verbLike(s, ms, a, b);
                if (visitor == null && !noun)                  // "Putin visits Japan", "Medvedev flew to Iturup", "he would visit"
                    visitor = subjectBefore(ms, s, a, clauseFrom);
                if (visitor != null && visitor.resolved())
                    for (Node v : visitor.entities())
                        e.parts.add(part(v, tg("Guest"), day, visitor.confidence(), s));
                else if (visitor != null)
                    unknownVisitor = true;                     // a visitor the graph does not know: the visit stays, without participants
                else if (pronounBefore(text, a) || possessivePronounBefore(text, a)) {
                    Node who = pronounReferent(s, ms, a);
                    if (who != null)
                        e.parts.add(part(who, tg("Guest"), day, 0.6, s));
                } else if (noun && text.substring(0, a).matches("(?s).*\\b(?:[Tt]he|[Tt]his|[Tt]hat)\\s+$"))
                    e.dependent = true;                        // "the visit": the one the article told of
                Matcher meet = ci("\\bto meet(?: with)?\\b").matcher(text.substring(b, Math.max(b, clauseTo)));
                if (meet.find()) {
                    Mention counterpart = nearestAfter(persons, s.start() + b + meet.end(), s.start() + clauseTo);
                    if (counterpart != null && !e.has(counterpart.entity()))
                        e.parts.add(part(counterpart.entity(), tg("Attendee"), day, counterpart.confidence(), s));
                }
                Matcher to = ci("^\\s*(?:(?:to|in|on|at|into)\\s+)?(?:the\\s+)?").matcher(text.substring(b));
                if (to.find()) {
                    int at = b + to.end();
                    for (Mention m : ms)
                        if ((m.kind() == Kind.PLACE || m.kind() == Kind.STATE) && m.resolved() && m.start() - s.start() == at) {
                            e.place = m.entity();
                            e.placeConfidence = m.confidence() * 0.9;
                        }
                    if (e.place == null && text.startsWith("country", at)) {
                        Node last = lastState(ms, s.start() + a);
                        if (last != null) {
                            e.place = last;
                            e.placeConfidence = 0.7;
                        }
                    }
                }
                if (e.parts.isEmpty() && !unknownVisitor && !e.dependent)
                    return null;
                // "left Tokyo on Wednesday for Vladivostok": the visit began that day and goes on — not a visit of that one day
                if (DEPARTURE.matcher(trigger).find())
                    e.departure = true;
                if (unknownVisitor)
                    e.confidence = 0.6;
            }
            case "CommissionMeeting" -> {
                Mention chair = nearestAfter(persons, s.start() + b, s.start() + text.length());
                if (chair != null && ci("\\bchair").matcher(text.substring(b)).find())
                    e.parts.add(part(chair.entity(), tg("Chair"), day, chair.confidence(), s));
            }
            case "PhoneCall", "WorkingLunch", "Meeting" -> {
                Matcher between = ci("^\\s*(?:\\w+\\s+){0,2}?between\\b").matcher(text.substring(b));
                List<Mention> pair = compound(persons, s, a);
                boolean hasBetween = between.find();
                int from = hasBetween ? b + between.end() : clauseFrom;
                if (pair == null && hasBetween) {      // "a meeting between Mr. Mori and Mr. Morgulov …": those two
                    List<Mention> two = persons.stream().filter(m -> m.start() - s.start() >= from).limit(2).toList();
                    if (two.size() == 2 && two.get(0).kind() == Kind.PERSON && two.get(1).kind() == Kind.PERSON
                        && text.substring(two.get(0).end() - s.start(), two.get(1).start() - s.start()).matches("\\s*(?:,\\s*)?and\\s+(?:Mr\\.|Ms\\.|Mrs\\.)?\\s*"))
                        pair = two;
                }
                if (pair != null)                       // "the Kono-Lavrov meeting": those two, no one else
                    pick(e, pair, s, day, null, tg("Negotiator"), 0, text.length());
                else
                    pick(e, persons, s, day, null, tg("Negotiator"), from, clauseTo);
                // "to meet Mongolian President Khaltmaagiin Battulga": someone the graph does not know takes part
                for (Mention m : ms)
                    if (pair == null && m.kind() == Kind.UNKNOWN_NAME && m.start() - s.start() >= from && m.start() - s.start() <= clauseTo)
                        e.unknownParticipant = true;
                // "he would … hold another meeting with Putin": the pronoun's person takes part
                if (subjectPronoun(text, clauseFrom, a, ms, s)) {
                    Node who = pronounReferent(s, ms, a);
                    if (who != null && !e.has(who))
                        e.parts.add(part(who, tg("Negotiator"), day, 0.6, s));
                }
                // "during their talks": the persons of the sentence before (two or more of them), not one guessed
                if (e.parts.size() < 2 && text.substring(Math.max(0, a - 30), a).matches("(?s).*\\b[Tt]heir\\s+(?:[\\w-]+\\s+)?$")) {
                    Set<Node> before = new LinkedHashSet<>();
                    boolean unknown = false;
                    for (Mention m : mentionsOf.getOrDefault(s.index() - 1, List.of())) {
                        if (m.kind() == Kind.PERSON && m.resolved())
                            before.add(m.entity());
                        if (m.kind() == Kind.UNKNOWN_NAME)
                            unknown = true;
                    }
                    if (before.size() >= 2 && !unknown)
                        for (Node p : before)
                            if (!e.has(p))
                                e.parts.add(part(p, tg("Negotiator"), day, 0.7, s));
                }
                if (trigger.equals("agreed") && (e.parts.size() < 2 || e.parts.stream().map(p -> stateOfPerson(p.agent(), day)).distinct().count() < 2))
                    return null;                               // "X and Y agreed in Singapore": a meeting of two named persons of both sides only
                if (TWO_PLUS_TWO.matcher(trigger).find())
                    e.format = "2+2";
            }
            default -> { }
        }
        if (type.equals("Meeting") || type.equals("EnvoyConsultation"))
            refineType(e, day);
        if (e.place == null && !type.equals("PhoneCall")) {
            e.place = placeNear(ms, b, s, 70);
            if (e.place != null) {
                e.placeConfidence = 0.8;
                e.placeAt = placeAt;
            }
        }
        // "the two-day summit", "the meeting": told as a definite noun (its date and place are decided with the sentence's others)
        e.definite = isNoun(s, a) && text.substring(0, a).matches("(?s).*\\b(?:[Tt]he|[Tt]his|[Tt]hat)\\s+(?:[\\w-]+\\s+){0,2}$")
            && !ci("^\\s*(?:between|of|with)\\b").matcher(text.substring(b)).find();
        if (type.equals("Summit") || type.equals("ForeignMinistersMeeting") || type.equals("Meeting"))
            hostAndGuest(e, day);
        e.confidence = 0.8;
        return e;
    }

    /** Participants among the sentence's agents: those holding a post of the given kinds on the day (any position), or those in the clause. */
    private void pick(Facts.Event e, List<Mention> persons, Text.Sentence s, LocalDate day, Set<String> postTypes, Node role, int from, int to) {
        String norm = Mentions.norm(s.text());
        List<int[]> rel = relatives(s.text());
        for (Mention m : persons) {
            // "Kono, who is accompanying Abe, is expected to hold talks with Lavrov": Abe is not at the talks
            if (pickAt >= 0 && apart(rel, m.start() - s.start(), pickAt))
                continue;
            if (postTypes == null && (m.start() - s.start() < from || m.start() - s.start() > to))
                continue;
            // "Kono's grandfather, Ichiro Kono, met Khrushchev": a possessive names someone else (the heads a summit is of
            // are picked by their posts, wherever the sentence names them: "… on the occasion of Prime Minister Abe's visit")
            if (postTypes == null && norm.startsWith("'s ", m.end() - s.start()) && !norm.startsWith(e.trigger, m.end() - s.start() + 3))
                continue;
            for (Node agent : m.entities()) {
                if (e.has(agent))
                    continue;
                if (postTypes != null && !holdsType(agent, day, postTypes))
                    continue;
                e.parts.add(part(agent, role, day, m.kind() == Kind.GROUP ? Math.min(0.8, m.confidence()) : m.confidence(), s));
            }
        }
    }

    private boolean holdsType(Node person, LocalDate day, Set<String> types) {
        for (Node post : kb.postsOf(person, day)) {
            KnowledgeBase.Post p = kb.posts.get(post);
            if (p != null && p.type() != null && types.contains(KnowledgeBase.local(p.type())))
                return true;
        }
        return false;
    }

    /** A generic meeting of two foreign ministers is a foreign ministers' meeting; of two leaders a summit; of deputies or envoys a consultation. */
    private void refineType(Facts.Event e, LocalDate day) {
        if (e.parts.size() < 2)
            return;
        if (e.parts.stream().allMatch(p -> holdsType(p.agent(), day, Set.of("ForeignMinister"))))
            e.type = tg("ForeignMinistersMeeting");
        else if (e.parts.stream().allMatch(p -> holdsType(p.agent(), day, Set.of("HeadOfState", "HeadOfGovernment"))))
            e.type = tg("Summit");
        else if (e.parts.stream().allMatch(p -> holdsType(p.agent(), day, Set.of("DeputyForeignMinister", "SpecialEnvoy"))))
            e.type = tg("EnvoyConsultation");
    }

    /** With a place in one participant's state, that participant hosts and the others are guests. */
    private void hostAndGuest(Facts.Event e, LocalDate day) {
        if (e.place == null || e.parts.size() < 2)
            return;
        Node state = stateOf(e.place);
        if (state == null)
            return;
        List<Part> out = new ArrayList<>();
        for (Part p : e.parts) {
            Node s = stateOfPerson(p.agent(), day);
            out.add(new Part(p.agent(), s == null ? p.role() : s.equals(state) ? tg("Host") : tg("Guest"), p.capacity(), p.confidence(), p.evidence()));
        }
        e.parts.clear();
        e.parts.addAll(out);
    }

    private Node stateOf(Node place) {
        KnowledgeBase.Entity en = kb.entities.get(place);
        if (en != null && en.is("State"))
            return place;
        for (KnowledgeBase.Fact f : kb.factsAbout(place))
            if (KnowledgeBase.local(f.property()).equals("partOf") || KnowledgeBase.local(f.property()).equals("containedInPlace")) {
                KnowledgeBase.Entity s = kb.entities.get(f.value());
                if (s != null && s.is("State"))
                    return f.value();
                Node up = f.value().equals(place) ? null : stateOf(f.value());
                if (up != null)
                    return up;
            }
        return null;
    }

    private Node stateOfPerson(Node person, LocalDate day) {
        for (Node post : kb.postsOf(person, day)) {
            KnowledgeBase.Post p = kb.posts.get(post);
            if (p != null && p.in() != null) {
                KnowledgeBase.Entity s = kb.entities.get(p.in());
                if (s != null && s.is("State"))
                    return p.in();
                String label = kb.label(p.in());
                if (label.endsWith("of Japan"))
                    return NodeFactory.createURI(KnowledgeBase.ID + "state/japan");
                if (label.endsWith("Russian Federation") || label.endsWith("of Russia"))
                    return NodeFactory.createURI(KnowledgeBase.ID + "state/russia");
            }
        }
        return null;
    }

    /** A participation, with the post the text gives the person as capacity when the tenures confirm it on the day. */
    private Part part(Node agent, Node role, LocalDate day, double confidence, Text.Sentence s) {
        Node capacity = null;
        Set<Node> stated = mentions.statedPosts.getOrDefault(agent, Set.of());
        for (Node p : kb.postsOf(agent, day))
            if (stated.contains(p))
                capacity = p;
        return new Part(agent, role, capacity, confidence, s);
    }

    /** "the Kono-Lavrov meeting", "Putin-Abe summit": the two persons joined by a dash right before the trigger, or null. */
    private static List<Mention> compound(List<Mention> persons, Text.Sentence s, int a) {
        for (Mention x : persons)
            for (Mention y : persons)
                if (x.end() < y.start() && y.end() - s.start() <= a && a - (y.end() - s.start()) <= 1
                    && s.text().substring(x.end() - s.start(), y.start() - s.start()).matches("[-–—]") && x.kind() == Kind.PERSON && y.kind() == Kind.PERSON)
                    return List.of(x, y);
        return null;
    }

    /** Whether no verb stands in the sentence between two offsets (the mention after them is the clause's subject). */
    private static boolean noVerbBefore(Text.Sentence s, int from, int to) {
        for (Text.Token t : s.tokens())
            if (t.start() - s.start() >= from && t.start() - s.start() < to && "VERB".equals(t.pos()))
                return false;
        return true;
    }

    /** Whether the word at an offset of the sentence is a verb (or the tagger has no word there). */
    private static boolean verbAt(Text.Sentence s, int offset) {
        for (Text.Token t : s.tokens())
            if (t.start() - s.start() == offset)
                return "VERB".equals(t.pos()) || "AUX".equals(t.pos());
        return true;
    }

    /** Whether the word at an offset of the sentence is a noun ("the visit", "their meeting"), by its part of speech. */
    private static boolean isNoun(Text.Sentence s, int offset) {
        for (Text.Token t : s.tokens())
            if (t.start() - s.start() == offset)
                return "NOUN".equals(t.pos()) || "PROPN".equals(t.pos());
        return false;
    }

    /** A word tagged as a noun that works as a verb: a person right before it ("Putin visits"), a place right after ("visits Japan"). */
    private static boolean verbLike(Text.Sentence s, List<Mention> ms, int a, int b) {
        for (Mention m : ms) {
            int ms0 = m.start() - s.start(), me = m.end() - s.start();
            if ((m.kind() == Kind.PERSON || m.kind() == Kind.UNKNOWN_NAME || m.kind() == Kind.GROUP) && me <= a && a - me <= 1)
                return true;
            if ((m.kind() == Kind.PLACE || m.kind() == Kind.STATE) && ms0 >= b && ms0 - b <= 1)
                return true;
        }
        return false;
    }

    /** The person (known or not) whose possessive comes right before: "Abe's planned visit", "Mishustin's visit". */
    private static Mention possessor(List<Mention> ms, Text.Sentence s, int a) {
        String text = Mentions.norm(s.text());
        for (Mention m : ms)
            if ((m.kind() == Kind.PERSON || m.kind() == Kind.UNKNOWN_NAME) && m.end() - s.start() <= a
                && text.substring(m.end() - s.start(), a).matches("'s\\s+(?:[\\w-]+\\s+){0,2}"))
                return m;
        // a surname the graph does not know, alone: "Mishustin's visit"
        Matcher m = Pattern.compile("\\b([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)'s\\s+(?:[\\w-]+\\s+){0,2}$").matcher(text.substring(0, a));
        if (m.find() && !Mentions.NOT_A_NAME.contains(m.group(1)) && ms.stream().noneMatch(x -> x.start() - s.start() <= m.start(1) && m.start(1) < x.end() - s.start()))
            return new Mention(s.start() + m.start(1), s.start() + m.end(1), m.group(1), Kind.UNKNOWN_NAME, List.of(), null, 0, "a name the graph does not know", List.of());
        return null;
    }

    /**
     * The subject right before a verb, in its clause: a person or group the graph knows, or a name it
     * does not ("Medvedev flew to Iturup") — then the event has a participant no one can link.
     */
    private static final Pattern CONTROL = ci("\\b(?:agreed|decided|plans?|planned|wants?|aims?|hopes?|intends?|intended) to\\s*$");

    private static Mention subjectBefore(List<Mention> ms, Text.Sentence s, int a, int clauseFrom) {
        Mention inClause = subjectInClause(ms, s, a, clauseFrom);
        // "Abe plans to visit Vladivostok": the subject of "plans" visits
        if (inClause == null && clauseFrom > 0 && CONTROL.matcher(s.text().substring(0, clauseFrom)).find())
            return subjectBefore(ms, s, clauseFrom, clauseStart(s.text(), Math.max(0, clauseFrom - 1)));
        return inClause;
    }

    private static Mention subjectInClause(List<Mention> ms, Text.Sentence s, int a, int clauseFrom) {
        Mention best = null;
        for (Mention m : ms)
            if ((m.kind() == Kind.PERSON || m.kind() == Kind.GROUP || m.kind() == Kind.UNKNOWN_NAME) && m.end() - s.start() <= a
                && m.start() - s.start() >= clauseFrom && a - (m.end() - s.start()) <= 60)
                best = m;
        if (best != null && best.kind() == Kind.GROUP && !best.resolved())
            return null;
        // "Putin, who arrived in Osaka": the subject of a relative clause is the name before it
        if (best == null && clauseFrom > 0 && Mentions.norm(s.text()).substring(0, clauseFrom).matches("(?s).*,\\s*who$"))
            for (Mention m : ms)
                if ((m.kind() == Kind.PERSON || m.kind() == Kind.UNKNOWN_NAME) && m.end() - s.start() <= clauseFrom
                    && Mentions.norm(s.text()).substring(m.end() - s.start(), clauseFrom).matches(",\\s*who"))
                    return m;
        // a surname alone that the graph does not know, right before the verb ("Medvedev flew", "Mishustin arrived")
        String text = Mentions.norm(s.text());
        Matcher m = Pattern.compile("\\b([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)\\s+(?:(?:also|last|first|then|has|had|will|would|is|was)\\s+)*$").matcher(text.substring(Math.max(clauseFrom, 0), a));
        if (m.find()) {
            int at = Math.max(clauseFrom, 0) + m.start(1);
            boolean covered = ms.stream().anyMatch(x -> x.start() - s.start() <= at && at < x.end() - s.start());
            boolean properNoun = s.tokens().stream().anyMatch(t -> t.start() - s.start() == at && t.pos().startsWith("PROPN"));
            if (!covered && !Mentions.NOT_A_NAME.contains(m.group(1)) && (at > 0 || properNoun) && (best == null || best.end() - s.start() <= at))
                return new Mention(s.start() + at, s.start() + at + m.group(1).length(), m.group(1), Kind.UNKNOWN_NAME, List.of(), null, 0,
                                   "a name the graph does not know", List.of());
        }
        return best;
    }

    private static Mention nearestAfterAny(List<Mention> ms, int at, int notAfter) {
        for (Mention m : ms)
            if (m.start() >= at && m.start() <= notAfter && (m.kind() == Kind.PERSON || m.kind() == Kind.UNKNOWN_NAME || m.kind() == Kind.GROUP))
                return m;
        return null;
    }

    private static boolean possessivePronounBefore(String text, int a) {
        return text.substring(Math.max(0, a - 25), a).matches("(?s).*\\b(?:[Hh]is|[Hh]er)\\s+(?:[\\w-]+\\s+){0,2}$");
    }

    /** Whether the clause before a trigger has "he" or "she" as its subject, with no person named before it. */
    private static boolean subjectPronoun(String text, int clauseFrom, int a, List<Mention> ms, Text.Sentence s) {
        Matcher m = Pattern.compile("\\b(?:[Hh]e|[Ss]he)\\b").matcher(text.substring(Math.max(0, clauseFrom), a));
        if (!m.find())
            return false;
        int at = Math.max(0, clauseFrom) + m.start();
        return ms.stream().noneMatch(x -> (x.kind() == Kind.PERSON || x.kind() == Kind.UNKNOWN_NAME) && x.start() - s.start() >= clauseFrom
                                          && x.end() - s.start() <= at);
    }

    /**
     * Whom "he" or "she" means in an event of a sentence: the one who says it ("Abe said he would
     * visit"), else the speaker or the one person of the sentence before (as for a statement).
     */
    private Node pronounReferent(Text.Sentence s, List<Mention> ms, int a) {
        String text = s.text();
        // "Abe plans to visit Vladivostok, where he is expected to hold talks": the sentence's subject, named before
        for (Mention m : ms)
            if (m.kind() == Kind.PERSON && m.end() - s.start() < a && noVerbBefore(s, 0, m.start() - s.start()))
                return m.resolved() ? m.entity() : null;
            else if ((m.kind() == Kind.UNKNOWN_NAME || m.kind() == Kind.GROUP) && m.end() - s.start() < a && noVerbBefore(s, 0, m.start() - s.start()))
                return null;
        Matcher v = SPEECH.matcher(text);
        while (v.find()) {
            if (v.end() > a)
                break;
            Mention subject = null;
            List<int[]> rel = relatives(text);
            for (Mention m : ms)
                if (SUBJECT_KINDS.contains(m.kind()) && m.end() - s.start() <= v.start() && v.start() - (m.end() - s.start()) <= 70
                    && !apart(rel, m.start() - s.start(), v.start()))
                    subject = m;
            if (subject != null)
                return subject.resolved() && subject.kind() == Kind.PERSON ? subject.entity() : null;
        }
        return pronounSpeaker(s);
    }

    private static Mention nearestBefore(List<Mention> ms, int at, int notBefore) {
        Mention best = null;
        for (Mention m : ms)
            if (m.end() <= at && m.start() >= notBefore && m.kind() == Kind.PERSON)
                best = m;
        return best;
    }

    private static Mention nearestAfter(List<Mention> ms, int at, int notAfter) {
        for (Mention m : ms)
            if (m.start() >= at && m.start() <= notAfter && m.kind() == Kind.PERSON)
                return m;
        return null;
    }

    private static boolean pronounBefore(String text, int a) {
        return text.substring(Math.max(0, a - 40), a).matches(
            "(?s).*\\b([Hh]e|[Ss]he)\\s+(?:also\\s+)?(?:(?:would|will|might|could|may|is to|was to|is due to|is expected to|is scheduled to|\\w+ to)\\s+(?:also\\s+)?)?$");
    }

    private static Node lastState(List<Mention> ms, int before) {
        Node last = null;
        for (Mention m : ms)
            if (m.kind() == Kind.STATE && m.resolved() && m.end() <= before)
                last = m.entity();
        return last;
    }

    private static int clauseStart(String text, int a) {
        int best = 0, previous = 0;
        Matcher m = CLAUSE.matcher(text);
        while (m.find() && m.end() <= a) {
            // "Mori, who served as the envoy, had met Morgulov": past the relative clause's closing comma, the main clause goes on
            boolean relative = m.group().matches(",\\s*(?:who|which)");
            int close = relative ? text.indexOf(',', m.end()) : -1;
            if (relative && close >= 0 && close < a) {
                best = previous;
                continue;
            }
            previous = best;
            best = m.end();
        }
        return best;
    }

    private static int clauseEnd(String text, int b) {
        Matcher m = CLAUSE.matcher(text);
        while (m.find())
            if (m.start() >= b)
                return m.start();
        return text.length();
    }

    private static final Pattern CLAUSE = Pattern.compile(";|, (?:which|who|while|but|as|despite)\\b| (?:as|while|but) (?:their|his|her|the|a)\\b"
        + "|(?<!\\b(?:Mr|Ms|Mrs|Dr|St|Jr|No|Gen|Lt|Col|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\\.S|a\\.m|p\\.m))\\. "
        + "|\\b(?:agreed|decided|said|announced|stated|noted|confirmed|shared the view) that\\b|\\b(?:agreed|decided|plans?|planned|wants?|aims?|hopes?) to\\b"
        // reported speech without "that": "The ministers said their deputies … would meet" — the sayers are not the meeting's
        + "|\\b(?:said|says|stressed|insisted|warned|added|announced|confirmed|told (?:reporters|journalists|the press|a news conference|a press conference))\\s+(?=(?:the|their|his|her|its|he|she|they|it|[A-Z]\\w*)\\b)"
        // "told reporters after the talks that …": what follows "that" is what was said
        + "|\\b(?:said|says|told|stressed|insisted|warned|added|announced|confirmed|noted|stated|explained|denied|reported|urged|agreed|decided"
        + "|recalled|emphasized|reiterated|acknowledged|admitted|believes|believed|hoped|hopes|expressed hope)\\b[^.;“\"]{0,45}?\\bthat\\b"
        // "the first since Abe and Putin entrusted the ministers … in December": what came before is another time, other persons
        + "|\\bsince\\b(?!\\s+(?:(?:early|mid|late)[- ]?)?(?:January|February|March|April|May|June|July|August|September|October|November|December|\\d{4}|then|the (?:end|mid|start|beginning|early|late)|last|\\w+day)\\b)");

    /** Whether a time expression dates a saying ("announced to TASS on Monday", "said Monday"), not an event. */
    private static final Pattern REPORTED = ci("\\b(?:reported|reports|quoted|announced|wrote|cited)\\b");

    /** What may stand between a verb of saying and the day it was said: "said Monday", "announced to TASS on Monday", "told reporters on Friday". */
    private static final Pattern SAID_GAP = ci("^\\s*(?:(?:to|told)\\s+\\S+\\s+)?(?:(?:reporters|journalists|the press)\\s+)?(?:on\\s+)?$");

    private static boolean saysWhenSaid(Text.Sentence s, When w) {
        String text = s.text();
        int at = w.start() - s.start();
        for (Pattern p : List.of(REPORTED, SPEECH)) {
            Matcher v = p.matcher(text);
            while (v.find())
                if (v.end() <= at && SAID_GAP.matcher(text.substring(v.end(), at)).matches())
                    return true;
        }
        return false;
    }

    /** The time expression nearest the trigger, in the sentence (a loose reference never dates an event). */
    private When dateNear(List<When> whens, int a, int b, Text.Sentence s) {
        When best = null;
        int bestDistance = Integer.MAX_VALUE;
        String text = s.text();
        int ta = a - s.start(), tb = b - s.start();
        for (When w : whens) {
            if (w.kind() == When.Kind.REFERENCE)
                continue;
            int ws = w.start() - s.start(), we = w.end() - s.start();
            // "since March 2017", "since Abe returned to power in 2012": a reference point, not the event's date
            if (w.text().toLowerCase(Locale.ROOT).startsWith("since")
                || ws >= tb && text.substring(Math.max(tb, ws - 60), ws).matches("(?s).*\\bsince\\b[^,;]*"))
                continue;
            // a date in another clause ("told reporters … that they had agreed … in the fall") dates something else
            if (ws >= tb && boundaryBetween(text, tb, ws) || we <= ta && boundaryBetween(text, we, ta))
                continue;
            int d = w.start() >= b ? w.start() - b : a - w.end();
            if (d < 0) d = 0;
            if (w.start() < a) d += 15;   // after the trigger is likelier its date
            if (d < bestDistance) {
                best = w;
                bestDistance = d;
            }
        }
        return bestDistance <= 140 ? best : null;
    }

    /** The relative clauses of a sentence (", who served as …,", ", which …"): what they tell belongs to them. */
    private static List<int[]> relatives(String text) {
        List<int[]> out = new ArrayList<>();
        Matcher m = RELATIVE.matcher(text);
        while (m.find())
            out.add(new int[] {m.start(), m.end()});
        return out;
    }

    private static final Pattern RELATIVE = Pattern.compile(",\\s*(?:who|which)\\b[^,;]*(?:,|$)");

    /** Whether an offset lies in a relative clause that does not hold the other offset. */
    private static boolean apart(List<int[]> relatives, int offset, int other) {
        for (int[] r : relatives)
            if (r[0] <= offset && offset < r[1] && !(r[0] <= other && other < r[1]))
                return true;
        return false;
    }

    private static boolean boundaryBetween(String text, int from, int to) {
        Matcher m = CLAUSE.matcher(text);
        while (m.find())
            if (m.start() >= from && m.end() <= to)
                return true;
        return false;
    }

    /** A place named after the trigger with "in"/"at" ("in Moscow", "in Germany"), not after "of" ("Russia's Far East"). */
    private Node placeNear(List<Mention> ms, int b, Text.Sentence s, int within) {
        String text = Mentions.norm(s.text());
        for (Mention m : ms) {
            int at = m.start() - s.start();
            if ((m.kind() != Kind.PLACE && m.kind() != Kind.STATE) || !m.resolved() || at < b || at > b + within)
                continue;
            String before = text.substring(Math.max(0, at - 4), at);
            if (!before.matches(".*\\b(in|at) $"))
                continue;
            placeAt = at;
            return m.entity();
        }
        return null;
    }

    /** A trigger that is itself a verb in the past: "met", "held talks", "visited", "told reporters". */
    private static final Pattern PAST_TRIGGER = ci("^(?:met|held|visited|summoned|arrived|phoned|talked|spoke|told|briefed|flew|toured|traveled|travelled|conveyed|left|departed|headed|landed)\\b");
    /** The word nearest before a trigger that gives its tense: a past verb governing it, or a modal or plan. */
    private static final Pattern TENSE_LEFT = ci("\\b(?:(held|met|told|gave|attended|hosted|visited|had|said|spoke|convened|talked|summoned|arrived|concluded|began|opened|during|after|following"
        + "|conveyed|lodged|protested|expressed|raised|discussed|exchanged|was|were)"
        + "|(will|would|shall|to (?:hold|meet|visit|attend|host|have|make|travel|go|take part|arrange|organize|set up)|due|scheduled|expected|plans?|planned|agreed|set|prepare|preparing"
        + "|preparations|ahead of|upcoming|next|could|may|might|can))\\b");

    /**
     * The status: first what the words say of it (postponed, in doubt, under consideration, proposed),
     * then the date against the article's day, then the tense of the trigger and of the verb nearest
     * before it in its clause ("told a news conference", "would meet", "agreed to hold"), then the
     * cues around it.
     */
    private Node statusOf(Text.Sentence s, int a, int b, When when) {
        String text = s.text();
        // the words about this event: not those about another event named between them and it
        // ("opposed to holding a joint press conference after the Kono-Lavrov meeting": the meeting is not opposed)
        int from = Math.max(0, a - 70);
        for (Trigger t : TRIGGERS) {
            Matcher o = t.pattern().matcher(text.substring(0, a));
            while (o.find())
                if (o.end() <= a && o.start() >= from && !text.substring(o.end(), a).isBlank())
                    from = Math.max(from, o.end());
        }
        String around = text.substring(from, Math.min(text.length(), b + 50));
        if (STATUS_POSSIBLY_POSTPONED.matcher(around).find()) return POSSIBLY_POSTPONED;
        if (STATUS_POSTPONED.matcher(around).find()) return POSTPONED;
        if (STATUS_CANCELLED.matcher(around).find()) return CANCELLED;
        if (STATUS_CONSIDERED.matcher(around).find()) return UNDER_CONSIDERATION;
        if (STATUS_PROPOSED.matcher(around).find()) return PROPOSED;
        if (when != null && when.latest() != null && when.latest().isBefore(articleDate)) return HELD;
        if (when != null && when.earliest() != null && when.earliest().isAfter(articleDate)) return PLANNED;
        if (PAST_TRIGGER.matcher(text.substring(a, b)).find()) return HELD;
        String left = text.substring(Math.max(clauseStart(text, a), a - 90), a);
        Matcher tense = TENSE_LEFT.matcher(left);
        Node nearest = null;
        while (tense.find())
            nearest = tense.group(1) != null ? HELD : PLANNED;
        if (nearest != null)
            return nearest;
        if (STATUS_PLANNED.matcher(around).find()) return PLANNED;
        if (STATUS_HELD.matcher(around).find()) return HELD;
        return when != null && when.latest() != null && !when.latest().isAfter(articleDate) ? HELD : PLANNED;
    }

    private static boolean anyTaken(boolean[] taken, int from, int to) {
        for (int i = from; i < to; i++)
            if (taken[i])
                return true;
        return false;
    }

    /** Whether an offset lies inside a quotation of the sentence (what someone said is not what happened). */
    static boolean insideQuote(String text, int at) {
        Matcher m = QUOTE.matcher(text);
        while (m.find())
            if (m.start() < at && at < m.end() && m.group().strip().split("\\s+").length >= 4)
                return true;        // a quotation; a term in quotation marks ("two-plus-two" talks) is the text's own words
        return false;
    }

    // ---- merging the events of one article

    /** One node per event: mentions of the same kind, with compatible dates and shared participants, are one event. */
    private void mergeEvents() {
        List<Facts.Event> out = new ArrayList<>();
        List<Facts.Event> ordered = new ArrayList<>(events.stream().filter(e -> !e.dependent).toList());
        ordered.addAll(events.stream().filter(e -> e.dependent).toList());   // a headline adds to the body's events, not the reverse
        for (Facts.Event e : ordered) {
            Facts.Event same = null;
            for (Facts.Event o : out)
                if (sameEvent(o, e)) {
                    // an anaphora ("the visit") means the nearest such event told before it
                    if (same == null || e.dependent && o.evidence.get(0).index() <= e.evidence.get(0).index()
                                        && o.evidence.get(0).index() > same.evidence.get(0).index())
                        same = o;
                    if (!e.dependent)
                        break;
                }
            if (same == null) {
                out.add(e);
                continue;
            }
            mergeInto(same, e);
        }
        finishMerge(out);
    }

    private void mergeInto(Facts.Event same, Facts.Event e) {
        same.linked = null;                 // linked again after the merge (settle), with everything the article says of it
        if (same.format == null)
            same.format = e.format;
        for (Part p : e.parts)
            if (!same.has(p.agent()))
                same.parts.add(p);
        for (Text.Sentence s : e.evidence)
            if (!same.evidence.contains(s))
                same.evidence.add(s);
        same.about.addAll(e.about);
        if (same.when == null || (e.when != null && e.when.isDay() && !same.when.isDay()))
            same.when = e.when;
        if (same.place == null)
            same.place = e.place;
        if (same.type.equals(tg("Meeting")) && !e.type.equals(tg("Meeting")))
            same.type = e.type;
        if (same.status.equals(PLANNED) && e.status.equals(HELD) && e.when != null && same.when != null && same.when.earliest() != null
            && !same.when.earliest().isAfter(articleDate))
            same.status = HELD;
        for (Facts.Statement st : statements) {
            if (st.statedAt == e)
                st.statedAt = same;
            if (st.aboutEvents.remove(e) && !st.aboutEvents.contains(same) && st.statedAt != same)
                st.aboutEvents.add(same);
        }
    }

    private void finishMerge(List<Facts.Event> out) {
        for (Facts.Event e : out)
            if (e.dependent) {
                Text.Sentence s = e.evidence.get(0);
                skipped.add(new Facts.Skipped("\"" + e.trigger + "\"", s.headline() ? "told only in a headline: the body tells no such event"
                                                                      : "refers back to an event the article does not tell", s));
                for (Facts.Statement st : statements)
                    if (st.statedAt == e)
                        st.statedAt = null;
                    else
                        st.aboutEvents.remove(e);
            }
        out.removeIf(e -> e.dependent);
        events.clear();
        events.addAll(out);
    }

    private boolean sameEvent(Facts.Event a, Facts.Event b) {
        if (a.series != null || b.series != null)
            return a.series != null && a.series.equals(b.series) && (a.when == null || b.when == null || a.when.overlaps(b.when));
        if (a.type.equals(tg("Negotiation")) || b.type.equals(tg("Negotiation")))
            return a.type.equals(b.type);
        boolean meetingA = meetingFamily(a.type), meetingB = meetingFamily(b.type);
        if (!a.type.equals(b.type) && !(meetingA && meetingB && (a.type.equals(tg("Meeting")) || b.type.equals(tg("Meeting")))))
            return false;
        if (a.format != null && b.format != null && !a.format.equals(b.format))
            return false;
        if (a.unknownParticipant != b.unknownParticipant && !a.dependent && !b.dependent && !a.parts.isEmpty() && !b.parts.isEmpty())
            return false;                       // a meeting with someone the graph does not know is another meeting
        // a meeting in a format of its own ("2+2") is told again as a meeting, or as its foreign ministers meeting — not as envoys' talks or a summit
        if ((a.format != null) != (b.format != null)) {
            Facts.Event other = a.format != null ? b : a;
            if (!other.type.equals(tg("Meeting")) && !other.type.equals(tg("ForeignMinistersMeeting")))
                return false;
        }
        Set<Node> common = new LinkedHashSet<>(a.agents());
        common.retainAll(b.agents());
        boolean datesFit = a.when == null || b.when == null || a.when.overlaps(b.when);
        if (!datesFit)
            return false;
        boolean places = a.place == null || b.place == null || a.place.equals(b.place);
        // one held, the other not (yet): the same event only where the text dates both alike
        if (a.status != null && b.status != null && HELD.equals(a.status) != HELD.equals(b.status) && (a.when == null || b.when == null)
            && !a.dependent && !b.dependent)
            return false;
        if (a.dependent || b.dependent)         // "the visit", a headline: the event it sums up or refers to
            return places && (!common.isEmpty() || a.parts.isEmpty() || b.parts.isEmpty());
        if (a.type.equals(tg("PressConference")))   // "Lavrov also told reporters …": the same press conference, told again
            return !common.isEmpty() && (a.when != null && b.when != null || (a.when == null) != (b.when == null) && HELD.equals(a.status) && HELD.equals(b.status));
        if (a.parts.isEmpty() || b.parts.isEmpty())
            // an event without known persons, told again in the next sentence with more ("held their first two-plus-two in
            // Tokyo on Thursday. Kono and Iwaya met with Lavrov and Shoigu …"): one event
            return places && adjacent(a, b) && (a.when == null || b.when == null || a.when.isDay() == b.when.isDay() || !a.when.isDay() || !b.when.isDay());
        int need = Math.min(2, Math.min(a.parts.size(), b.parts.size()));
        return !common.isEmpty() && common.size() >= need && places;
    }

    /** Whether two events are told in the same or in neighbouring sentences. */
    private static boolean adjacent(Facts.Event a, Facts.Event b) {
        for (Text.Sentence x : a.evidence)
            for (Text.Sentence y : b.evidence)
                if (Math.abs(x.index() - y.index()) <= 1)
                    return true;
        return false;
    }

    static boolean meetingFamily(Node type) {
        String t = KnowledgeBase.local(type);
        return Set.of("Meeting", "Summit", "ForeignMinistersMeeting", "EnvoyConsultation", "NegotiationRound", "WorkingLunch").contains(t);
    }

    // ---- statements

    private void statementsOf(Text.Sentence s, List<Mention> ms, List<When> whens, List<Facts.Event> found, List<Facts.AgreementMention> ag) {
        if (s.headline())
            return;   // a headline sums up what the body reports ("Lavrov says …"): the body's sentence is the statement
        String text = s.text();
        Matcher verb = SPEECH.matcher(text);
        Matcher according = ACCORDING.matcher(text);
        List<String> quotes = new ArrayList<>();
        Matcher q = QUOTE.matcher(text);
        while (q.find())
            quotes.add(q.group(1) != null ? q.group(1) : q.group(2));
        boolean hasVerb = verb.find();
        while (hasVerb && (insideQuote(text, verb.start()) || !verbAt(s, verb.start())))
            hasVerb = verb.find();              // "pinned hopes" is no saying; a verb inside a quotation is the quotation's
        boolean continued = !hasVerb && !quotes.isEmpty() && text.matches("^[“\"].*") && lastStatement != null
            && lastStatement.evidence.index() == s.index() - 1;
        if (!hasVerb && !according.find() && !continued)
            return;
        Node speaker = null;
        String how = null;
        double conf = 0;
        List<Mention> agents = ms.stream().filter(m -> m.resolved() && Set.of(Kind.PERSON, Kind.ORGANIZATION, Kind.STATE, Kind.GROUP).contains(m.kind())
                                                   && !insideQuote(text, m.start() - s.start())).toList();
        according.reset();
        if (according.find()) {
            Mention m = nearestAgentAfter(agents, s.start() + according.end(), s.start() + according.end() + 40);
            if (m != null && m.kind() != Kind.GROUP) {
                speaker = m.entity();
                how = "according to";
                conf = m.confidence() * 0.9;
            }
        }
        if (speaker == null && continued) {
            // a quotation of its own right after a statement: the same speaker goes on
            speaker = lastStatement.speakers.get(0);
            how = "a quotation that goes on from the statement of the sentence before";
            conf = Math.min(0.8, lastStatement.confidence);
        }
        if (speaker == null && hasVerb) {
            int at = verb.start();
            int from = clauseStart(text, at);
            // the subject: the nearest agent before the verb in its clause — a name the graph does not know there
            // ("Shoigu said", "Kremlin spokesman Dmitry Peskov said") is the subject too, and then there is no speaker to draft
            Mention subject = null;
            boolean pronoun = text.substring(Math.max(0, at - 10), at).matches("(?s).*\\b(?:[Hh]e|[Ss]he)\\s+(?:also\\s+)?$");
            List<int[]> rel = relatives(text);
            if (!pronoun)
                for (Mention m : ms)
                    if ((SUBJECT_KINDS.contains(m.kind()) || m.kind() == Kind.PLACE) && m.end() - s.start() <= at && at - (m.end() - s.start()) <= 60
                        && m.start() - s.start() >= from && !insideQuote(text, m.start() - s.start()) && !apart(rel, m.start() - s.start(), at))
                        subject = m;
            // the subject ends right before its verb (adverbs, a date, an aside between commas apart):
            // in "holding talks with Putin on the sidelines, government sources said" Putin says nothing
            if (subject != null && !SUBJECT_GAP.matcher(Mentions.norm(text).substring(subject.end() - s.start(), at)).matches())
                subject = null;
            // "Kishida spoke by phone with Putin on Thursday and said he wants …": the clause's first subject says it
            if (subject == null && !pronoun && text.substring(0, at).matches("(?s).*\\band\\s+(?:also\\s+)?$"))
                for (Mention m : ms)
                    if (SUBJECT_KINDS.contains(m.kind()) && m.start() - s.start() >= from && m.end() - s.start() < at
                        && noVerbBefore(s, from, m.start() - s.start()) && !Mentions.norm(text).startsWith("'s", m.end() - s.start())) {
                        subject = m;
                        break;
                    }
            if (subject != null) {
                Node capital = subject.kind() == Kind.PLACE ? mentions.stateOfCapital(subject) : null;
                if (capital != null && text.substring(0, subject.start() - s.start()).matches("(?s).*\\b(?:in|at|from|to|of|with|for|on)\\s+$"))
                    capital = null;                     // "the foreign ministry in Tokyo said": Tokyo is not the one who says
                if (capital != null) {                  // "Moscow has insisted": the state, by its capital
                    speaker = capital;
                    how = "subject of \"" + verb.group() + "\" (a capital for its state)";
                    conf = 0.6;
                } else if (subject.resolved() && subject.kind() != Kind.GROUP && subject.kind() != Kind.PLACE) {
                    speaker = subject.entity();
                    how = "subject of \"" + verb.group() + "\"";
                    conf = subject.confidence() * 0.9;
                }
            } else if (pronoun || pronounBefore(text, at)) {
                speaker = pronounSpeaker(s);
                how = "pronoun before \"" + verb.group() + "\" (the speaker or the one person of the sentence before)";
                conf = 0.7;
            } else {
                // '…,” said Lavrov': the agent right after a verb of saying that follows a quotation
                Mention after = nearestAgentAfter(agents, s.start() + verb.end(), s.start() + verb.end() + 3);
                if (after != null && after.kind() != Kind.GROUP && INVERTED.matcher(verb.group()).matches()
                    && text.substring(Math.max(0, at - 3), at).matches(".*[”\"],?\\s*$")) {
                    speaker = after.entity();
                    how = "named after \"" + verb.group() + "\"";
                    conf = after.confidence() * 0.9;
                }
            }
        }
        if (speaker == null)
            return;
        Facts.Statement st = new Facts.Statement();
        st.speakers.add(speaker);
        st.speakerHow = how;
        st.evidence = s;
        st.confidence = Math.min(conf, 0.9);
        st.quotes.addAll(quotes);
        // addressee: "told Lavrov", "told him"
        Matcher told = ci("\\btold\\s+").matcher(text);
        if (told.find()) {
            Mention a = nearestAgentAfter(agents, s.start() + told.end(), s.start() + told.end() + 2);
            if (a != null && !a.entity().equals(speaker))
                st.addressee = a.entity();
        }
        // when: a day next to the verb, else the day of the event it was said at, else by the text's day
        if (hasVerb) {
            for (When w : whens)
                if (w.kind() != When.Kind.REFERENCE && w.isDay() && Math.abs(w.start() - (s.start() + verb.end())) <= 25)
                    st.when = w;
        }
        for (Facts.Event e : found)
            if (e.type.equals(tg("PressConference")) || (e.type.equals(tg("Meeting")) || meetingFamily(e.type))
                && ci("\\b(?:during|at) (?:their|the|a) (?:meeting|talks)\\b").matcher(text).find())
                if (e.has(speaker) || e.parts.isEmpty()) {
                    st.statedAt = e;
                    break;
                }
        if (st.when == null && st.statedAt != null && st.statedAt.when != null && st.statedAt.when.isDay())
            st.when = st.statedAt.when;
        if (st.when == null)
            st.undated = true;
        for (When w : whens)
            if (w.kind() == When.Kind.REFERENCE)
                st.timeReference = w.text();
        st.stance = stance(text);
        ag.forEach(a -> st.about.add(a.agreement()));
        for (Mention m : ms)
            if (m.kind() == Kind.PLACE && m.resolved() && kb.entities.get(m.entity()) != null
                && kb.entities.get(m.entity()).names().stream().anyMatch(n -> n.contains("Island") || n.contains("Kuril") || n.contains("Territor")))
                st.about.add(m.entity());
        for (Facts.Event e : found)
            if (e != st.statedAt && e.series == null)
                st.aboutEvents.add(e);
        statements.add(st);
        lastStatement = st;
        mentions.lastSpeaker = speaker;
    }

    /** What may stand between a subject and its verb of saying. */
    private static final Pattern SUBJECT_GAP = Pattern.compile("(?:\\s*,[^,;]{1,60},)?\\s*(?:'s\\s+[\\w-]+(?:\\s+[\\w-]+)?\\s*)?"
        + "(?:(?:also|later|then|again|earlier|still|repeatedly|once|has|have|had|was|were|is|are|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
        + "|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\\w+ly)\\s+)*");

    /** The kinds of mention that can be the subject of a verb of saying. */
    private static final Set<Kind> SUBJECT_KINDS = Set.of(Kind.PERSON, Kind.ORGANIZATION, Kind.STATE, Kind.GROUP, Kind.UNKNOWN_NAME, Kind.POST);
    /** Verbs of saying that may come before their subject after a quotation ('…,” said Lavrov'). */
    private static final Pattern INVERTED = ci("said|says|added|asked|stressed|noted|explained|continued");
    private Facts.Statement lastStatement;

    /**
     * Whom "he" or "she" means as a speaker, only where it is safe: the speaker of the statement of
     * the sentence before (or of the one before that, when the sentence between names no one), else
     * the one person the sentence before names; a name the graph does not know there (or several
     * persons) leaves it unresolved.
     */
    private Node pronounSpeaker(Text.Sentence s) {
        List<Mention> before = new ArrayList<>(), beforeThat = new ArrayList<>();
        for (Mention m : mentionsOf.getOrDefault(s.index() - 1, List.of()))
            if (m.kind() == Kind.PERSON || m.kind() == Kind.UNKNOWN_NAME)
                before.add(m);
        for (Mention m : mentionsOf.getOrDefault(s.index() - 2, List.of()))
            if (m.kind() == Kind.PERSON || m.kind() == Kind.UNKNOWN_NAME)
                beforeThat.add(m);
        if (lastStatement != null && (lastStatement.evidence.index() == s.index() - 1
                                      || lastStatement.evidence.index() == s.index() - 2 && before.isEmpty()))
            return lastStatement.speakers.get(0);
        Set<Node> persons = new LinkedHashSet<>();
        for (Mention m : before) {
            if (!m.resolved())
                return null;
            persons.add(m.entity());
        }
        return persons.size() == 1 ? persons.iterator().next() : null;
    }

    private static Mention nearestAgentAfter(List<Mention> ms, int at, int notAfter) {
        for (Mention m : ms)
            if (m.start() >= at && m.start() <= notAfter)
                return m;
        return null;
    }

    private static final List<Map.Entry<Pattern, String>> STANCES = List.of(
        Map.entry(ci("\\bapologi[sz]ed\\b"), "Apologizes"),
        Map.entry(ci("\\b(?:unacceptable|oppos\\w*|protest\\w*|reject\\w*|not budge|would not)\\b"), "Opposes"),
        Map.entry(ci("\\b(?:critici[sz]\\w*|accus\\w*|strange|contradictory|inappropriate|condemn\\w*)\\b"), "Criticizes"),
        Map.entry(ci("\\b(?:avoid answering|declin\\w*|refrain\\w*|without going into)\\b"), "Declines"),
        Map.entry(ci("\\b(?:hope\\w*|wish\\w*|eager\\w*|would like|want to|wants to|desire)\\b"), "ExpressesHope"),
        Map.entry(ci("\\b(?:support\\w*|welcom\\w*|beyond doubt|actively work)\\b"), "Supports"));

    private static Node stance(String text) {
        for (Map.Entry<Pattern, String> e : STANCES)
            if (e.getKey().matcher(text).find())
                return tg(e.getValue());
        return tg("Informs");
    }

    static Node type(Node n) {
        return n == null ? RDF.type.asNode() : n;
    }

    static final Comparator<Facts.Event> BY_DATE = Comparator.comparing(e -> e.when == null || e.when.earliest() == null ? LocalDate.MAX : e.when.earliest());
}
