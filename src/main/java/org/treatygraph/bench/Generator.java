package org.treatygraph.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic Treaty Graph project of a given size: ontology/ (copied from the real
 * project) and data/ (background.trig and sources/NNN.trig) with the shape of the real data —
 * many states (some historical, with successors), their posts and capitals, persons and their
 * tenures over 1950–2025, bilateral meetings (foreign ministers' meetings, summits, envoy
 * consultations; mostly held, some planned, postponed or cancelled) whose participants are the
 * holders of the posts on the day, agreements reached at summits with their lineage and
 * obligations, islands with names and claims, statements, and source graphs with evidence.
 * Deterministic for a given seed. Like the real data, which links its entities to Wikidata with
 * owl:sameAs, states, persons, places, islands and agreements get an owl:sameAs link — to a
 * stand-in IRI {@code http://example.org/wikidata-standin/Q…}, never to an invented Wikidata id
 * (so SHACL S16 reports them: the benchmark loads with violations as warnings).
 */
final class Generator {
    static final String ID = "https://w3id.org/treatygraph/id/";
    static final String TG = "https://w3id.org/treatygraph/ontology#";
    static final String GRAPH = "https://w3id.org/treatygraph/graph/";
    static final String RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    static final String LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>";
    static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
    static final LocalDate LAST = LocalDate.of(2025, 6, 30);

    private final Random random;
    private final long target;
    private long triples;
    private BufferedWriter background;
    private final List<BufferedWriter> sources = new ArrayList<>();

    /** What was generated. */
    record Stats(long triples, int states, int persons, int tenures, int meetings, int agreements, int sourceGraphs) {}

    private Generator(long target, long seed) {
        this.target = target;
        this.random = new Random(seed);
    }

    /**
     * Generate a project of about {@code targetTriples} asserted triples (the ontology not counted) in {@code root}.
     *
     * @param ontologyDir the real ontology/ folder, copied (its *.ttl files)
     */
    static Stats generate(Path root, Path ontologyDir, long targetTriples, long seed) {
        try {
            return new Generator(targetTriples, seed).run(root, ontologyDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ model

    private record State(int n, String iri, String capital, boolean historical, List<Post> posts, List<Integer> partners) {}

    private record Post(String iri, String type, List<Tenure> tenures) {}

    private record Tenure(String person, LocalDate start, LocalDate end) {}

    private final List<State> states = new ArrayList<>();
    private int persons, tenures, meetings, agreements;

    private Stats run(Path root, Path ontologyDir) throws IOException {
        Path ont = Files.createDirectories(root.resolve("ontology"));
        try (var s = Files.list(ontologyDir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".ttl")).toList())
                Files.copy(f, ont.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path data = Files.createDirectories(root.resolve("data"));
        Path srcDir = Files.createDirectories(data.resolve("sources"));
        int nStates = (int) Math.max(8, Math.min(400, target / 5000));
        int nSources = (int) Math.max(3, Math.min(200, target / 20000));
        background = Files.newBufferedWriter(data.resolve("background.trig"), StandardCharsets.UTF_8);
        background.write("# Synthetic background graph of the Treaty Graph benchmark (org.treatygraph.bench.Generator).\n");
        background.write("GRAPH <" + GRAPH + "background> {\n");
        for (int i = 0; i < nSources; i++) {
            String n = String.format("%03d", i);
            BufferedWriter w = Files.newBufferedWriter(srcDir.resolve(n + ".trig"), StandardCharsets.UTF_8);
            w.write("# Synthetic source graph " + n + " of the Treaty Graph benchmark.\n");
            w.write("GRAPH <" + GRAPH + "source/" + n + "> {\n");
            sources.add(w);
            sourceGraph(w, n);
        }
        for (int i = 0; i < nStates; i++)
            state(i, nStates);
        for (State s : states)
            successions(s);
        for (State s : states)
            for (Post p : s.posts)
                tenures(s, p);
        islands(nStates / 2 + 1);
        // meetings (and the agreements reached at them) fill up to the target
        List<String[]> lastAgreement = new ArrayList<>();
        for (int i = 0; i < nStates; i++)
            lastAgreement.add(new String[nStates]);
        while (triples < target)
            meeting(lastAgreement);
        background.write("}\n");
        background.close();
        for (BufferedWriter w : sources) {
            w.write("}\n");
            w.close();
        }
        return new Stats(triples, nStates, persons, tenures, meetings, agreements, nSources);
    }

    // ------------------------------------------------------------------ entities

    private void sourceGraph(BufferedWriter w, String n) throws IOException {
        String g = "<" + GRAPH + "source/" + n + ">";
        String src = id("source/" + n);
        t(w, g, RDF_TYPE, tg("SourceGraph"));
        t(w, g, tg("sourceText"), src);
        t(w, g, "<http://www.w3.org/ns/prov#wasDerivedFrom>", src);
        t(w, g, LABEL, en("Facts stated by synthetic source text " + n));
        t(w, src, RDF_TYPE, tg("SourceText"));
        t(w, src, "<http://purl.org/dc/terms/title>", str("Synthetic news article " + n));
        t(w, src, "<http://purl.org/dc/terms/date>", date(randomDate()));
        t(w, src, tg("fileName"), str(n + "_0000000000000000.txt"));
        t(w, src, tg("publisherDescription"), str("Synthetic publisher"));
        t(w, src, LABEL, en("Synthetic source " + n));
    }

    private void state(int i, int nStates) throws IOException {
        boolean historical = i % 10 == 9;
        String slug = "s" + i;
        String iri = id("state/" + slug);
        t(background, iri, RDF_TYPE, tg(historical ? "HistoricalState" : "State"));
        t(background, iri, LABEL, en("State " + i));
        t(background, iri, LABEL, lang("国" + i, "ja"));
        t(background, iri, LABEL, lang("Государство " + i, "ru"));
        sameAs(background, iri);
        if (historical)
            t(background, iri, "<http://schema.org/dissolutionDate>", date(LocalDate.of(1960 + i % 40, 12, 26)));
        String capital = id("place/capital-" + slug);
        t(background, capital, RDF_TYPE, tg("City"));
        t(background, capital, LABEL, en("Capital of state " + i));
        t(background, capital, tg("partOf"), iri);
        sameAs(background, capital);
        t(background, capital, "<http://www.w3.org/2003/01/geo/wgs84_pos#lat>", decimal(-60 + random.nextInt(12000) / 100.0));
        t(background, capital, "<http://www.w3.org/2003/01/geo/wgs84_pos#long>", decimal(-179 + random.nextInt(35800) / 100.0));
        List<Integer> partners = new ArrayList<>();
        for (int k = 1; k <= 4; k++)
            partners.add((i + k * 7 + random.nextInt(3)) % nStates);
        partners.removeIf(p -> p == i);
        List<Post> posts = new ArrayList<>();
        String[][] kinds = {{"head-of-state", "HeadOfState", "Head of state"},
                            {"head-of-government", "HeadOfGovernment", "Head of government"},
                            {"foreign-minister", "ForeignMinister", "Foreign minister"},
                            {"deputy-foreign-minister", "DeputyForeignMinister", "Deputy foreign minister"}};
        for (String[] k : kinds)
            posts.add(post(iri, slug, i, k[0], k[1], k[2] + " of state " + i, null));
        for (int p : partners.subList(0, Math.min(2, partners.size())))
            posts.add(post(iri, slug, i, "ambassador-to-s" + p, "Ambassador", "Ambassador of state " + i + " to state " + p,
                           id("state/s" + p)));
        states.add(new State(i, iri, capital, historical, posts, partners));
    }

    private Post post(String state, String stateSlug, int i, String kind, String type, String label, String accreditedTo)
            throws IOException {
        String iri = id("post/" + stateSlug + "-" + kind);
        t(background, iri, RDF_TYPE, tg("Post"));
        t(background, iri, LABEL, en(label));
        t(background, iri, tg("postIn"), state);
        t(background, iri, tg("postType"), tg(type));
        if (accreditedTo != null)
            t(background, iri, tg("accreditedTo"), accreditedTo);
        return new Post(iri, type, new ArrayList<>());
    }

    private void successions(State s) throws IOException {
        if (!s.historical)
            return;
        State successor = states.get((s.n + 1) % states.size());
        t(background, successor.iri, tg("successorStateOf"), s.iri);
    }

    private void tenures(State s, Post p) throws IOException {
        LocalDate start = FIRST.minusDays(random.nextInt(2000));
        List<String> career = new ArrayList<>();
        while (start.isBefore(LAST)) {
            LocalDate end = start.plusDays(700 + random.nextInt(2300));
            String person;
            if (!career.isEmpty() && random.nextInt(10) < 3) {
                person = career.get(random.nextInt(career.size()));
            } else {
                person = person(s, start);
                career.add(person);
            }
            String slug = person.substring(person.lastIndexOf('/') + 1, person.length() - 1);
            String iri = id("tenure/" + slug + "-" + p.iri.substring(p.iri.lastIndexOf('/') + 1, p.iri.length() - 1)
                            + "-" + start.getYear() + "-" + tenures);
            tenures++;
            t(background, iri, RDF_TYPE, tg("Tenure"));
            t(background, iri, LABEL, en("Tenure " + tenures + " in post " + p.iri.substring(p.iri.lastIndexOf('/') + 1, p.iri.length() - 1)));
            t(background, iri, tg("holder"), person);
            t(background, iri, tg("post"), p.iri);
            t(background, iri, tg("startDate"), date(start));
            boolean ongoing = end.isAfter(LAST);
            if (!ongoing)
                t(background, iri, tg("endDate"), date(end));
            t(background, iri, "<http://purl.org/dc/terms/bibliographicCitation>", str("Synthetic list of office holders"));
            p.tenures.add(new Tenure(person, start, ongoing ? null : end));
            start = end.plusDays(1);
        }
    }

    private String person(State s, LocalDate firstPost) throws IOException {
        int n = persons++;
        String iri = id("person/p" + n);
        t(background, iri, RDF_TYPE, tg("Person"));
        t(background, iri, LABEL, en("Person " + n + " of state " + s.n));
        sameAs(background, iri);
        if (n % 3 == 0)
            t(background, iri, LABEL, lang("人物" + n, "ja"));
        t(background, iri, "<http://schema.org/birthDate>", date(firstPost.minusYears(35 + random.nextInt(25)).minusDays(random.nextInt(365))));
        return iri;
    }

    private void islands(int n) throws IOException {
        String group = id("island/group");
        t(background, group, RDF_TYPE, tg("Archipelago"));
        t(background, group, LABEL, en("Synthetic archipelago"));
        for (int i = 0; i < n; i++) {
            String island = id("island/i" + i);
            t(background, island, RDF_TYPE, tg("Island"));
            t(background, island, LABEL, en("Island " + i));
            t(background, island, tg("partOf"), group);
            sameAs(background, island);
            State a = states.get(random.nextInt(states.size()));
            State b = states.get(random.nextInt(states.size()));
            for (State claimant : a == b || random.nextInt(5) > 0 ? List.of(a) : List.of(a, b)) {
                String claim = id("claim/s" + claimant.n + "-claims-i" + i);
                t(background, claim, RDF_TYPE, tg("TerritorialClaim"));
                t(background, claim, LABEL, en("Claim of state " + claimant.n + " to island " + i));
                t(background, claim, tg("claimant"), claimant.iri);
                t(background, claim, tg("claimedTerritory"), island);
                t(background, claim, tg("stance"), tg("ClaimsSovereignty"));
                String name = id("name/i" + i + "-en-s" + claimant.n);
                t(background, island, tg("hasName"), name);
                t(background, name, RDF_TYPE, tg("Name"));
                t(background, name, "<http://www.w3.org/2008/05/skos-xl#literalForm>", en("Island " + i + " as state " + claimant.n + " calls it"));
                t(background, name, tg("usedBy"), claimant.iri);
                t(background, name, tg("nameType"), tg("OfficialName"));
            }
        }
    }

    private static final String[] STATUS = {"Held", "Held", "Held", "Held", "Held", "Held", "Held", "Held", "Held", "Held",
                                            "Held", "Held", "Held", "Held", "Held", "Held", "Planned", "Postponed", "Cancelled",
                                            "UnderConsideration"};
    private static final String[] TOPICS = {"PeaceTreatyIssue", "TerritorialIssue", "EconomicCooperation",
                                            "InternationalSituation", "VisaFreeTravel", "PoliticalDialogue"};
    private static final String[] AGREEMENT_TYPES = {"Treaty", "JointDeclaration", "JointStatement", "LeadersAgreement", "Memorandum"};

    private void meeting(List<String[]> lastAgreement) throws IOException {
        State a = states.get(random.nextInt(states.size()));
        State b = states.get(a.partners.get(random.nextInt(a.partners.size())));
        LocalDate day = randomDate();
        int kind = random.nextInt(10);   // 0-4 foreign ministers, 5-7 summit, 8-9 envoys
        int postIndex = kind < 5 ? 2 : kind < 8 ? 1 : 3;
        String ta = holder(a.posts.get(postIndex), day), tb = holder(b.posts.get(postIndex), day);
        if (ta == null || tb == null)
            return;
        int n = meetings++;
        String slug = day + "-s" + a.n + "-s" + b.n + "-" + n;
        String e = id("event/" + slug);
        boolean inSource = random.nextBoolean();
        BufferedWriter w = inSource ? sources.get(random.nextInt(sources.size())) : background;
        String type = kind < 5 ? "ForeignMinistersMeeting" : kind < 8 ? "Summit" : "EnvoyConsultation";
        String status = STATUS[random.nextInt(STATUS.length)];
        t(w, e, RDF_TYPE, tg(type));
        if (random.nextInt(5) == 0)
            t(w, e, RDF_TYPE, tg("NegotiationRound"));
        t(w, e, LABEL, en(type + " of state " + a.n + " and state " + b.n + ", " + day));
        t(w, e, tg("startDate"), date(day));
        t(w, e, tg("datePrecision"), "<http://www.w3.org/2006/time#unitDay>");
        t(w, e, tg("location"), (random.nextBoolean() ? a : b).capital);
        t(w, e, tg("eventStatus"), tg(status));
        t(w, e, tg("topic"), tg(TOPICS[random.nextInt(TOPICS.length)]));
        if (inSource)
            t(w, e, tg("evidence"), str("On " + day + ", the " + type + " of state " + a.n + " and state " + b.n
                                        + " took place, the synthetic source says."));
        participation(w, e, slug, ta, a.posts.get(postIndex).iri, "Host");
        participation(w, e, slug, tb, b.posts.get(postIndex).iri, "Guest");
        if (kind >= 5 && kind < 8 && random.nextInt(3) == 0) {
            // the foreign ministers accompany the leaders
            String fa = holder(a.posts.get(2), day), fb = holder(b.posts.get(2), day);
            if (fa != null && !fa.equals(ta))
                participation(w, e, slug, fa, a.posts.get(2).iri, "Attendee");
            if (fb != null && !fb.equals(tb))
                participation(w, e, slug, fb, b.posts.get(2).iri, "Attendee");
        }
        if (random.nextInt(10) == 0) {
            String s = id("statement/" + slug + "-host");
            t(w, s, RDF_TYPE, tg("Statement"));
            t(w, s, LABEL, en("Statement of the host at " + slug));
            t(w, s, tg("speaker"), ta);
            t(w, s, tg("statementDate"), date(day));
            t(w, s, tg("statedAt"), e);
            t(w, s, tg("stance"), tg("ExpressesHope"));
            t(w, s, tg("quote"), str("We hope for progress"));
        }
        if (kind >= 5 && kind < 8 && status.equals("Held") && random.nextInt(12) == 0)
            agreement(a, b, day, e, lastAgreement);
    }

    private void agreement(State a, State b, LocalDate day, String event, List<String[]> lastAgreement) throws IOException {
        int n = agreements++;
        String iri = id("agreement/" + day.getYear() + "-s" + a.n + "-s" + b.n + "-" + n);
        String type = AGREEMENT_TYPES[random.nextInt(AGREEMENT_TYPES.length)];
        t(background, iri, RDF_TYPE, tg(type));
        t(background, iri, LABEL, en(type + " " + n + " of state " + a.n + " and state " + b.n + " (" + day.getYear() + ")"));
        t(background, iri, tg("agreementDate"), date(day));
        sameAs(background, iri);
        t(background, iri, tg("reachedAt"), event);
        t(background, iri, tg("party"), a.iri);
        t(background, iri, tg("party"), b.iri);
        int lo = Math.min(a.n, b.n), hi = Math.max(a.n, b.n);
        String previous = lastAgreement.get(lo)[hi];
        if (previous != null) {
            int step = random.nextInt(10);
            String p = step < 6 ? "basedOn" : step < 8 ? "reaffirms" : step < 9 ? "amends" : "supersedes";
            t(background, iri, tg(p), previous);
        }
        if (random.nextInt(8) == 0) {
            String o = id("provision/" + iri.substring(iri.lastIndexOf('/') + 1, iri.length() - 1) + "-obligation");
            t(background, o, RDF_TYPE, tg("Obligation"));
            t(background, o, LABEL, en("Obligation of agreement " + n));
            t(background, o, tg("provisionOf"), iri);
            t(background, o, tg("obligor"), a.iri);
            t(background, o, tg("beneficiary"), b.iri);
        }
        lastAgreement.get(lo)[hi] = iri;
    }

    private void participation(BufferedWriter w, String event, String slug, String person, String post, String role)
            throws IOException {
        String personSlug = person.substring(person.lastIndexOf('/') + 1, person.length() - 1);
        String p = id("participation/" + slug + "--" + personSlug);
        t(w, event, tg("participation"), p);
        t(w, p, RDF_TYPE, tg("Participation"));
        t(w, p, LABEL, en("Participation of " + personSlug + " in " + slug));
        t(w, p, tg("agent"), person);
        t(w, p, tg("role"), tg(role));
        t(w, p, tg("capacity"), post);
    }

    private static String holder(Post p, LocalDate day) {
        for (Tenure t : p.tenures)
            if (!t.start.isAfter(day) && (t.end == null || !t.end.isBefore(day)))
                return t.person;
        return null;
    }

    private LocalDate randomDate() {
        long days = LAST.toEpochDay() - FIRST.toEpochDay();
        return FIRST.plusDays((long) (random.nextDouble() * days));
    }

    // ------------------------------------------------------------------ output

    private void t(BufferedWriter w, String s, String p, String o) throws IOException {
        w.write(s);
        w.write(' ');
        w.write(p);
        w.write(' ');
        w.write(o);
        w.write(" .\n");
        triples++;
    }

    private int standIns;

    /** An owl:sameAs link to a stand-in for a Wikidata item (the real data links to Wikidata). */
    private void sameAs(BufferedWriter w, String iri) throws IOException {
        t(w, iri, "<http://www.w3.org/2002/07/owl#sameAs>", "<http://example.org/wikidata-standin/Q" + (++standIns) + ">");
    }

    private static String id(String path) { return "<" + ID + path + ">"; }
    private static String tg(String local) { return "<" + TG + local + ">"; }
    private static String str(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }
    private static String en(String s) { return lang(s, "en"); }
    private static String lang(String s, String tag) { return str(s) + "@" + tag; }
    private static String date(LocalDate d) { return "\"" + d + "\"^^<" + XSD + "date>"; }
    private static String decimal(double d) { return "\"" + String.format(java.util.Locale.ROOT, "%.2f", d) + "\"^^<" + XSD + "decimal>"; }
}
