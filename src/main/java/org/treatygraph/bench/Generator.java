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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes a synthetic Treaty Graph project of a given size that passes the project's own SHACL
 * shapes and checks (no ERROR finding) and has the shape of the real data:
 * <ul>
 * <li>ontology/ is the real one (its *.ttl, checks/ and rules/, copied);</li>
 * <li>data/background-NNN.trig: the background graph (described as a tg:BackgroundGraph, with the
 * dataset's knowledge horizon) — states (some historical, with successors), their capitals,
 * posts, persons and their tenures over 1950–2025, islands in disputed groups with claims and
 * names, agreements with their lineage, entry into force, obligations withdrawn or conditioned,
 * and about a third of the events;</li>
 * <li>data/sources/NNN.trig: many source graphs (each a tg:SourceGraph with its tg:SourceText),
 * several per file; an event is stated by one to three of them (and sometimes the background):
 * the first describes it in full with its evidence, the others restate its type, status and day
 * — a later text may report held what an earlier one gave as planned, with a date window and its
 * wording, and a statement may assert another day — so that "which sources say so" and "where do
 * the sources differ" have answers; statements, decisions reached at summits, stated counts and
 * sub-events (working lunches) are stated there too;</li>
 * <li>data/wikidata/snapshot.trig: a snapshot graph of the Wikidata items linked to.</li>
 * </ul>
 * Events are meetings between states that are partners (foreign ministers, summits, envoys'
 * consultations, phone calls, visits, press conferences), two to four participants each, who
 * hold the posts of their capacity on the day (tenures do not overlap). Wikidata links go to
 * stand-in items above Q9,000,000,000, which Wikidata does not have (a real Q-number is never
 * invented). Deterministic for a given seed.
 */
final class Generator {
    static final String ID = "https://w3id.org/treatygraph/id/";
    static final String TG = "https://w3id.org/treatygraph/ontology#";
    static final String GRAPH = "https://w3id.org/treatygraph/graph/";
    static final String RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    static final String LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>";
    static final String SAME_AS = "<http://www.w3.org/2002/07/owl#sameAs>";
    static final String DCT = "http://purl.org/dc/terms/";
    static final String PROV_DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>";
    static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    static final String WD = "http://www.wikidata.org/entity/Q";
    static final String WDT = "http://www.wikidata.org/prop/direct/";
    static final String UNIT_DAY = "<http://www.w3.org/2006/time#unitDay>";
    static final String UNIT_MONTH = "<http://www.w3.org/2006/time#unitMonth>";
    static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
    static final LocalDate LAST = LocalDate.of(2025, 6, 30);
    static final LocalDate HORIZON = LocalDate.of(2026, 2, 12);
    /** Wikidata stand-ins: item numbers from here up, which Wikidata has not reached. */
    static final long STAND_IN_BASE = 9_000_000_000L;
    /** Triples per background file. */
    static final long BACKGROUND_CHUNK = 400_000;

    private final Random random;
    private final long target;
    private long triples;

    /** What was generated. */
    record Stats(long triples, int states, int persons, int tenures, int meetings, int agreements, int sourceGraphs) {}

    private Generator(long target, long seed) {
        this.target = target;
        this.random = new Random(seed);
    }

    /**
     * Generate a project of about {@code targetTriples} asserted triples (the ontology not counted) in {@code root}.
     *
     * @param ontologyDir the real ontology/ folder, copied (its *.ttl files, checks/ and rules/)
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

    /** The last agreement of a pair of states, and its obligation (if any). */
    private record Last(String agreement, String obligation) {}

    private final List<State> states = new ArrayList<>();
    private final Map<Long, Last> lastAgreement = new HashMap<>();
    private int persons, tenures, meetings, agreements, nSources;
    private long standIns;
    private final List<String> linkedPersons = new ArrayList<>(), linkedPlaces = new ArrayList<>();

    // ------------------------------------------------------------------ output files

    /** The background graph, in files of {@link #BACKGROUND_CHUNK} triples. */
    private final class Background {
        private final Path dir;
        private BufferedWriter w;
        private int file;
        private long inFile;

        Background(Path dir) { this.dir = dir; }

        BufferedWriter out() throws IOException {
            if (w == null || inFile >= BACKGROUND_CHUNK) {
                close();
                w = Files.newBufferedWriter(dir.resolve(String.format(Locale.ROOT, "background-%03d.trig", file++)),
                                            StandardCharsets.UTF_8);
                w.write("# Synthetic background graph of the Treaty Graph benchmark (org.treatygraph.bench.Generator).\n");
                w.write("GRAPH <" + GRAPH + "background> {\n");
                inFile = 0;
            }
            inFile++;
            return w;
        }

        void close() throws IOException {
            if (w != null) {
                w.write("}\n");
                w.close();
                w = null;
            }
        }
    }

    private Background background;
    /** Source files: source graph g lives in file g % size, one GRAPH block per event. */
    private final List<BufferedWriter> sourceFiles = new ArrayList<>();

    private Stats run(Path root, Path ontologyDir) throws IOException {
        copyOntology(ontologyDir, root.resolve("ontology"));
        Path data = Files.createDirectories(root.resolve("data"));
        Path srcDir = Files.createDirectories(data.resolve("sources"));
        int nStates = (int) Math.max(8, Math.min(2000, target / 5000));
        nSources = (int) Math.max(5, Math.min(3000, target / 4000));
        int nFiles = Math.min(nSources, 64);
        background = new Background(data);
        backgroundDescription();
        for (int i = 0; i < nFiles; i++) {
            BufferedWriter w = Files.newBufferedWriter(srcDir.resolve(String.format(Locale.ROOT, "%03d.trig", i)), StandardCharsets.UTF_8);
            w.write("# Synthetic source graphs of the Treaty Graph benchmark (org.treatygraph.bench.Generator).\n");
            sourceFiles.add(w);
        }
        for (int g = 0; g < nSources; g++)
            sourceGraph(g);
        for (int i = 0; i < nStates; i++)
            state(i, nStates);
        for (State s : states)
            successions(s);
        for (State s : states)
            for (Post p : s.posts)
                tenures(s, p);
        islands(nStates / 4 + 1);
        long meetingBudget = target - 3 - linkedPersons.size() * 3L - linkedPlaces.size() * 2L;   // room for the snapshot
        while (triples < meetingBudget)
            meeting();
        background.close();
        for (BufferedWriter w : sourceFiles)
            w.close();
        snapshot(Files.createDirectories(data.resolve("wikidata")));
        return new Stats(triples, nStates, persons, tenures, meetings, agreements, nSources);
    }

    private static void copyOntology(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path rel = from.relativize(f);
                String top = rel.getNameCount() == 0 ? "" : rel.getName(0).toString();
                boolean wanted = rel.getNameCount() == 1 ? f.getFileName().toString().endsWith(".ttl") || Files.isDirectory(f)
                    : top.equals("checks") || top.equals("rules");
                if (!wanted || rel.toString().isEmpty())
                    continue;
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    if (top.equals("checks") || top.equals("rules"))
                        Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    // ------------------------------------------------------------------ graphs

    private void backgroundDescription() throws IOException {
        String g = "<" + GRAPH + "background>";
        bg(g, RDF_TYPE, tg("BackgroundGraph"));
        bg(g, LABEL, en("Synthetic background history and canonical entity descriptions"));
        bg(g, "<" + DCT + "created>", date(LocalDate.of(2026, 11, 25)));
        String ds = "<https://w3id.org/treatygraph/dataset>";
        bg(ds, tg("knowledgeHorizon"), date(HORIZON));
    }

    private static String sourceIri(int g) { return "<" + GRAPH + "source/" + g + ">"; }

    private void sourceGraph(int n) throws IOException {
        String g = sourceIri(n);
        String src = id("source/" + n);
        BufferedWriter w = block(n);
        t(w, g, RDF_TYPE, tg("SourceGraph"));
        t(w, g, tg("sourceText"), src);
        t(w, g, PROV_DERIVED, src);
        t(w, g, LABEL, en("Facts stated by synthetic source text " + n));
        t(w, src, RDF_TYPE, tg("SourceText"));
        t(w, src, "<" + DCT + "title>", str("Synthetic news article " + n));
        t(w, src, "<" + DCT + "date>", date(randomDate()));
        t(w, src, tg("fileName"), str(String.format(Locale.ROOT, "%03d_%016x.txt", n % 1000, (long) n * 2654435761L)));
        t(w, src, tg("publisherDescription"), str("Synthetic publisher"));
        t(w, src, LABEL, en("Synthetic source " + n));
        end(w);
    }

    /** Open a GRAPH block of source graph {@code g} in its file. */
    private BufferedWriter block(int g) throws IOException {
        BufferedWriter w = sourceFiles.get(g % sourceFiles.size());
        w.write("GRAPH " + sourceIri(g) + " {\n");
        return w;
    }

    private static void end(BufferedWriter w) throws IOException {
        w.write("}\n");
    }

    private void snapshot(Path dir) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("snapshot.trig"), StandardCharsets.UTF_8)) {
            String g = "<" + GRAPH + "wikidata>";
            w.write("GRAPH " + g + " {\n");
            t(w, g, RDF_TYPE, tg("SnapshotGraph"));
            t(w, g, LABEL, en("Synthetic snapshot of the Wikidata stand-ins"));
            t(w, g, PROV_DERIVED, "<https://www.wikidata.org/>");
            for (int i = 0; i < linkedPersons.size(); i++) {
                String[] p = linkedPersons.get(i).split(" ");
                String item = "<" + WD + p[0] + ">";
                t(w, item, LABEL, en("Stand-in person " + p[0]));
                if (i % 2 == 0) {
                    t(w, item, LABEL, lang("人物 " + p[0], "ja"));
                    t(w, item, LABEL, lang("Персона " + p[0], "ru"));
                }
                t(w, item, "<" + WDT + "P569>", "\"" + p[1] + "T00:00:00Z\"^^<" + XSD + "dateTime>");
            }
            for (String q : linkedPlaces) {
                String[] p = q.split(" ");
                String item = "<" + WD + p[0] + ">";
                t(w, item, LABEL, en("Stand-in place " + p[0]));
                t(w, item, "<" + WDT + "P625>", "\"Point(" + p[2] + " " + p[1] + ")\"^^<http://www.opengis.net/ont/geosparql#wktLiteral>");
            }
            w.write("}\n");
        }
    }

    // ------------------------------------------------------------------ entities

    private void state(int i, int nStates) throws IOException {
        boolean historical = i % 10 == 9;
        String slug = "s" + i;
        String iri = id("state/" + slug);
        bg(iri, RDF_TYPE, tg(historical ? "HistoricalState" : "State"));
        bg(iri, LABEL, en("State " + i));
        bg(iri, LABEL, lang("国" + i, "ja"));
        bg(iri, LABEL, lang("Государство " + i, "ru"));
        sameAs(iri, null);
        if (historical)
            bg(iri, "<http://schema.org/dissolutionDate>", date(LocalDate.of(1960 + i % 40, 12, 26)));
        String capital = id("place/capital-" + slug);
        bg(capital, RDF_TYPE, tg("City"));
        bg(capital, LABEL, en("Capital of state " + i));
        bg(capital, tg("partOf"), iri);
        double lat = -60 + random.nextInt(12000) / 100.0, lon = -179 + random.nextInt(35800) / 100.0;
        bg(capital, "<http://www.w3.org/2003/01/geo/wgs84_pos#lat>", decimal(lat));
        bg(capital, "<http://www.w3.org/2003/01/geo/wgs84_pos#long>", decimal(lon));
        sameAs(capital, String.format(Locale.ROOT, "%.2f %.2f", lat, lon));
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
            posts.add(post(iri, slug, k[0], k[1], k[2] + " of state " + i, null));
        for (int p : partners.subList(0, Math.min(2, partners.size())))
            posts.add(post(iri, slug, "ambassador-to-s" + p, "Ambassador", "Ambassador of state " + i + " to state " + p,
                           id("state/s" + p)));
        states.add(new State(i, iri, capital, historical, posts, partners));
    }

    private Post post(String state, String stateSlug, String kind, String type, String label, String accreditedTo)
            throws IOException {
        String iri = id("post/" + stateSlug + "-" + kind);
        bg(iri, RDF_TYPE, tg("Post"));
        bg(iri, LABEL, en(label));
        bg(iri, tg("postIn"), state);
        bg(iri, tg("postType"), tg(type));
        if (accreditedTo != null)
            bg(iri, tg("accreditedTo"), accreditedTo);
        return new Post(iri, type, new ArrayList<>());
    }

    private void successions(State s) throws IOException {
        if (!s.historical)
            return;
        State successor = states.get((s.n + 1) % states.size());
        if (!successor.historical)
            bg(successor.iri, tg("successorStateOf"), s.iri);
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
            String postSlug = slug(p.iri);
            String iri = id("tenure/" + slug(person) + "-" + postSlug + "-" + start.getYear() + "-" + tenures);
            tenures++;
            bg(iri, RDF_TYPE, tg("Tenure"));
            bg(iri, LABEL, en("Tenure " + tenures + " in post " + postSlug));
            bg(iri, tg("holder"), person);
            bg(iri, tg("post"), p.iri);
            bg(iri, tg("startDate"), date(start));
            boolean ongoing = end.isAfter(LAST);
            if (!ongoing)
                bg(iri, tg("endDate"), date(end));
            bg(iri, "<" + DCT + "bibliographicCitation>", str("Synthetic list of office holders"));
            p.tenures.add(new Tenure(person, start, ongoing ? null : end));
            start = end.plusDays(1);
        }
    }

    private String person(State s, LocalDate firstPost) throws IOException {
        int n = persons++;
        String iri = id("person/p" + n);
        bg(iri, RDF_TYPE, tg("Person"));
        bg(iri, LABEL, en("Person " + n + " of state " + s.n));
        if (n % 3 == 0)
            bg(iri, LABEL, lang("人物" + n, "ja"));
        LocalDate born = firstPost.minusYears(35 + random.nextInt(25)).minusDays(random.nextInt(365));
        bg(iri, "<http://schema.org/birthDate>", date(born));
        if (n % 2 == 0)
            sameAs(iri, born.toString());
        return iri;
    }

    private void islands(int groups) throws IOException {
        int island = 0;
        for (int k = 0; k < groups; k++) {
            String group = id("island/group-" + k);
            bg(group, RDF_TYPE, tg("Archipelago"));
            bg(group, RDF_TYPE, tg("DisputedTerritory"));
            bg(group, LABEL, en("Synthetic disputed island group " + k));
            State a = states.get(random.nextInt(states.size()));
            State b = states.get(random.nextInt(states.size()));
            int n = 2 + random.nextInt(4);
            for (int i = 0; i < n; i++, island++) {
                String iri = id("island/i" + island);
                bg(iri, RDF_TYPE, tg("Island"));
                bg(iri, LABEL, en("Island " + island));
                bg(iri, tg("partOf"), group);
                bg(group, tg("hasPart"), iri);
                for (State claimant : a == b ? List.of(a) : List.of(a, b)) {
                    String name = id("name/i" + island + "-s" + claimant.n);
                    bg(iri, tg("hasName"), name);
                    bg(name, RDF_TYPE, tg("Name"));
                    bg(name, "<http://www.w3.org/2008/05/skos-xl#literalForm>",
                       lang("Island " + island + " as state " + claimant.n + " calls it", claimant.n % 2 == 0 ? "en" : "ru"));
                    bg(name, tg("usedBy"), claimant.iri);
                    bg(name, tg("nameType"), tg("OfficialName"));
                }
            }
            // claims on the group as a whole; the first claimant also administers it since a day
            for (State claimant : a == b ? List.of(a) : List.of(a, b)) {
                claim(claimant, group, k, "ClaimsSovereignty", null);
                if (claimant == a)
                    claim(claimant, group, k, "Administers", LocalDate.of(1950 + random.nextInt(40), 1 + random.nextInt(12), 1));
            }
            if (a != b)
                claim(b, group, k, "DisputesSovereignty", null);
        }
    }

    private void claim(State claimant, String territory, int k, String stance, LocalDate start) throws IOException {
        String claim = id("claim/s" + claimant.n + "-" + stance.toLowerCase(Locale.ROOT) + "-group-" + k);
        bg(claim, RDF_TYPE, tg("TerritorialClaim"));
        bg(claim, LABEL, en(stance + " of state " + claimant.n + " over island group " + k));
        bg(claim, tg("claimant"), claimant.iri);
        bg(claim, tg("claimedTerritory"), territory);
        bg(claim, tg("stance"), tg(stance));
        if (start != null)
            bg(claim, tg("startDate"), date(start));
        bg(claim, "<" + DCT + "bibliographicCitation>", str("Synthetic gazetteer"));
    }

    // ------------------------------------------------------------------ events

    private static final String[] TOPICS = {"PeaceTreatyIssue", "TerritorialIssue", "EconomicCooperation",
                                            "InternationalSituation", "VisaFreeTravel", "PoliticalDialogue"};
    private static final String[] AGREEMENT_TYPES = {"Treaty", "JointDeclaration", "JointStatement", "LeadersAgreement", "Memorandum"};
    private static final String[] NOT_HELD = {"Planned", "Postponed", "Cancelled", "UnderConsideration", "Proposed"};

    /**
     * One meeting of two partner states: kind (and so the posts of the participants), day, the
     * graphs that state it, and what hangs off it.
     */
    private void meeting() throws IOException {
        State a = states.get(random.nextInt(states.size()));
        State b = states.get(a.partners.get(random.nextInt(a.partners.size())));
        LocalDate day = randomDate();
        // 0-3 foreign ministers, 4-5 summit, 6 envoys, 7 phone call (leaders), 8 visit (FM), 9 press conference (FM, one side)
        int kind = random.nextInt(10);
        int postIndex = switch (kind) { case 4, 5, 7 -> 1; case 6 -> 3; default -> 2; };
        String ta = holder(a.posts.get(postIndex), day), tb = holder(b.posts.get(postIndex), day);
        if (ta == null || tb == null || ta.equals(tb))
            return;
        String type = switch (kind) {
            case 0, 1, 2, 3 -> "ForeignMinistersMeeting";
            case 4, 5 -> "Summit";
            case 6 -> "EnvoyConsultation";
            case 7 -> "PhoneCall";
            case 8 -> "OfficialVisit";
            default -> "PressConference";
        };
        int n = meetings++;
        String slug = day + "-s" + a.n + "-s" + b.n + "-" + n;
        String e = id("event/" + slug);
        boolean held = random.nextInt(20) < 17 || day.isBefore(LocalDate.of(2000, 1, 1)) && random.nextBoolean();
        String status = held ? "Held" : NOT_HELD[random.nextInt(NOT_HELD.length)];
        boolean negotiation = type.endsWith("Meeting") && random.nextInt(6) == 0;
        String place = (random.nextBoolean() ? a : b).capital;
        String topic = tg(TOPICS[random.nextInt(TOPICS.length)]);

        // the graphs: a primary (a source text, or the background) and 0-2 more source texts
        int primary = random.nextInt(10) < 7 ? random.nextInt(nSources) : -1;
        List<Integer> more = new ArrayList<>();
        int extra = random.nextInt(10) < 4 ? (random.nextInt(10) < 3 ? 2 : 1) : 0;
        for (int i = 0; i < extra; i++) {
            int g = random.nextInt(nSources);
            if (g != primary && !more.contains(g))
                more.add(g);
        }
        BufferedWriter w = primary >= 0 ? block(primary) : background.out();
        t(w, e, RDF_TYPE, tg(type));
        if (negotiation)
            t(w, e, RDF_TYPE, tg("NegotiationRound"));
        t(w, e, LABEL, en(type + " of state " + a.n + " and state " + b.n + ", " + day));
        if (held) {
            t(w, e, tg("startDate"), date(day));
            t(w, e, tg("datePrecision"), UNIT_DAY);
        } else {
            window(w, e, day);
        }
        t(w, e, tg("location"), place);
        t(w, e, tg("eventStatus"), tg(status));
        t(w, e, tg("topic"), topic);
        if (primary >= 0)
            t(w, e, tg("evidence"), str("On " + day + ", the " + type + " of state " + a.n + " and state " + b.n
                                        + " took place, the synthetic source says."));
        else
            t(w, e, "<" + DCT + "bibliographicCitation>", str("Synthetic chronology"));
        String pa = participation(w, e, slug, ta, a.posts.get(postIndex).iri, kind == 9 ? "Speaker" : "Host");
        String pb = participation(w, e, slug, tb, b.posts.get(postIndex).iri, kind == 9 ? "Attendee" : "Guest");
        if ((type.equals("Summit") || type.equals("OfficialVisit")) && random.nextInt(3) == 0) {
            // the foreign ministers accompany the leaders
            String fa = holder(a.posts.get(2), day), fb = holder(b.posts.get(2), day);
            if (fa != null && !fa.equals(ta) && !fa.equals(tb))
                participation(w, e, slug, fa, a.posts.get(2).iri, "Attendee");
            if (fb != null && !fb.equals(tb) && !fb.equals(ta) && !fb.equals(fa))
                participation(w, e, slug, fb, b.posts.get(2).iri, "Attendee");
        }
        if (primary >= 0 && random.nextInt(8) == 0)
            statement(w, e, slug, ta, day, "host");
        if (primary >= 0 && random.nextInt(25) == 0)
            count(w, e, slug, ta, tb, type, day);
        if (primary >= 0) {
            end(w);
        }

        // what the other texts say: the type and status, the day or a window; a planned meeting later held
        boolean plannedFirst = held && !more.isEmpty() && random.nextInt(4) == 0;
        for (int i = 0; i < more.size(); i++) {
            BufferedWriter m = block(more.get(i));
            t(m, e, RDF_TYPE, tg(type));
            if (plannedFirst && i == 0) {
                t(m, e, tg("eventStatus"), tg("Planned"));
                window(m, e, day);
                t(m, e, tg("evidence"), str("The " + type + " of state " + a.n + " and state " + b.n + " is planned, the synthetic source says."));
            } else {
                t(m, e, tg("eventStatus"), tg(status));
                if (held)
                    t(m, e, tg("startDate"), date(day));
                t(m, e, tg("participation"), pa);
                t(m, e, tg("evidence"), str("State " + a.n + " and state " + b.n + " met on " + day + ", another synthetic source says."));
                if (random.nextInt(6) == 0) {
                    // a statement that dates the meeting, one day off now and then
                    String s = id("statement/" + slug + "-date-" + more.get(i));
                    t(m, s, RDF_TYPE, tg("Statement"));
                    t(m, s, LABEL, en("Statement dating " + slug + " in source " + more.get(i)));
                    t(m, s, tg("speaker"), tb);
                    t(m, s, tg("about"), e);
                    t(m, s, tg("assertedDate"), date(random.nextInt(3) == 0 ? day.plusDays(1) : day));
                    t(m, s, tg("evidence"), str("It was on " + day + ", a synthetic official said."));
                }
            }
            end(m);
        }
        if (type.equals("Summit") && held) {
            if (random.nextInt(5) == 0)
                lunch(e, slug, day, ta, tb, place, primary);
            if (primary >= 0 && random.nextInt(6) == 0)
                decision(primary, e, slug, a, b, day);
            if (random.nextInt(8) == 0)
                agreement(a, b, day, e, ta, tb);
        }
    }

    private void window(BufferedWriter w, String e, LocalDate day) throws IOException {
        LocalDate from = day.withDayOfMonth(1);
        t(w, e, tg("earliestDate"), date(from));
        t(w, e, tg("latestDate"), date(from.plusMonths(1).minusDays(1)));
        t(w, e, tg("dateText"), str("in " + day.getMonth().toString().toLowerCase(Locale.ROOT) + " " + day.getYear()));
    }

    private String participation(BufferedWriter w, String event, String slug, String person, String post, String role)
            throws IOException {
        String p = id("participation/" + slug + "--" + slug(person));
        t(w, event, tg("participation"), p);
        t(w, p, RDF_TYPE, tg("Participation"));
        t(w, p, LABEL, en("Participation of " + slug(person) + " in " + slug));
        t(w, p, tg("agent"), person);
        t(w, p, tg("role"), tg(role));
        t(w, p, tg("capacity"), post);
        return p;
    }

    private void statement(BufferedWriter w, String e, String slug, String speaker, LocalDate day, String who) throws IOException {
        String s = id("statement/" + slug + "-" + who);
        t(w, s, RDF_TYPE, tg("Statement"));
        t(w, s, LABEL, en("Statement of the " + who + " at " + slug));
        t(w, s, tg("speaker"), speaker);
        t(w, s, tg("statementDate"), date(day));
        t(w, s, tg("statedAt"), e);
        t(w, s, tg("stance"), tg("ExpressesHope"));
        t(w, s, tg("quote"), str("We hope for progress"));
    }

    private void count(BufferedWriter w, String e, String slug, String a, String b, String type, LocalDate day) throws IOException {
        String c = id("count/" + slug);
        t(w, c, RDF_TYPE, tg("StatedCount"));
        t(w, c, LABEL, en("Meetings counted at " + slug));
        t(w, c, tg("count"), "\"" + (2 + random.nextInt(30)) + "\"^^<" + XSD + "nonNegativeInteger>");
        t(w, c, tg("asOfDate"), date(day));
        t(w, c, tg("countedAgent"), a);
        t(w, c, tg("countedWith"), b);
        t(w, c, tg("countedEventType"), tg(type));
        t(w, c, tg("evidence"), str("It was their meeting number so-and-so, the synthetic source says."));
    }

    private void lunch(String summit, String slug, LocalDate day, String ta, String tb, String place, int primary) throws IOException {
        String e = id("event/" + slug + "-lunch");
        BufferedWriter w = primary >= 0 ? block(primary) : background.out();
        t(w, e, RDF_TYPE, tg("WorkingLunch"));
        t(w, e, LABEL, en("Working lunch at " + slug));
        t(w, e, tg("subEventOf"), summit);
        t(w, e, tg("startDate"), date(day));
        t(w, e, tg("eventStatus"), tg("Held"));
        t(w, e, tg("location"), place);
        participation(w, e, slug + "-lunch", ta, holderPost(ta), "Host");
        participation(w, e, slug + "-lunch", tb, holderPost(tb), "Guest");
        if (primary >= 0) {
            t(w, e, tg("evidence"), str("The leaders had a working lunch, the synthetic source says."));
            end(w);
        } else {
            t(w, e, "<" + DCT + "bibliographicCitation>", str("Synthetic chronology"));
        }
    }

    /** The post {@code person} was last found holding (each person holds one post in a career). */
    private String holderPost(String person) {
        return holderPosts.get(person);
    }

    private final Map<String, String> holderPosts = new HashMap<>();

    private void decision(int g, String e, String slug, State a, State b, LocalDate day) throws IOException {
        BufferedWriter w = block(g);
        String d = id("decision/" + slug);
        t(w, d, RDF_TYPE, tg("Decision"));
        t(w, d, LABEL, en("Decision of the summit " + slug));
        t(w, d, tg("reachedAt"), e);
        t(w, d, tg("decidedBy"), a.iri);
        t(w, d, tg("decidedBy"), b.iri);
        String fa = holder(a.posts.get(2), day);
        if (fa != null)
            t(w, d, tg("entrusts"), fa);
        t(w, d, tg("evidence"), str("The leaders agreed to go on, the synthetic source says."));
        end(w);
    }

    private void agreement(State a, State b, LocalDate day, String event, String ta, String tb) throws IOException {
        int n = agreements++;
        String iri = id("agreement/" + day.getYear() + "-s" + a.n + "-s" + b.n + "-" + n);
        String type = AGREEMENT_TYPES[random.nextInt(AGREEMENT_TYPES.length)];
        bg(iri, RDF_TYPE, tg(type));
        bg(iri, LABEL, en(type + " " + n + " of state " + a.n + " and state " + b.n + " (" + day.getYear() + ")"));
        bg(iri, tg("agreementDate"), date(day));
        sameAs(iri, null);
        bg(iri, tg("reachedAt"), event);
        bg(iri, tg("party"), a.iri);
        bg(iri, tg("party"), b.iri);
        bg(iri, tg("signatory"), ta);
        bg(iri, tg("signatory"), tb);
        if (type.equals("Treaty") || type.equals("JointDeclaration")) {
            bg(iri, tg("entryIntoForce"), date(day.plusDays(30 + random.nextInt(300))));
            if (random.nextInt(5) == 0)
                bg(iri, tg("endOfValidity"), date(day.plusYears(5 + random.nextInt(20))));
        }
        bg(iri, "<" + DCT + "bibliographicCitation>", str("Synthetic treaty series"));
        long key = Math.min(a.n, b.n) * 1_000_000L + Math.max(a.n, b.n);
        Last previous = lastAgreement.get(key);
        if (previous != null) {
            int step = random.nextInt(10);
            String p = step < 6 ? "basedOn" : step < 8 ? "reaffirms" : step < 9 ? "amends" : "supersedes";
            bg(iri, tg(p), previous.agreement);
            if (previous.obligation != null && random.nextInt(4) == 0) {
                if (random.nextBoolean()) {
                    bg(iri, tg("withdrawsObligation"), previous.obligation);
                } else {
                    String c = id("provision/" + slug(iri) + "-condition");
                    bg(c, RDF_TYPE, tg("Condition"));
                    bg(c, LABEL, en("Condition set by agreement " + n));
                    bg(c, tg("conditionOn"), previous.obligation);
                    bg(c, tg("provisionOf"), iri);
                    bg(iri, tg("imposesCondition"), c);
                }
                bg(iri, tg("rationale"), str("The situation changed, the synthetic treaty series says."));
            }
        }
        String obligation = null;
        if (random.nextInt(4) == 0) {
            obligation = id("provision/" + slug(iri) + "-obligation");
            bg(obligation, RDF_TYPE, tg("Obligation"));
            bg(obligation, LABEL, en("Obligation of agreement " + n));
            bg(obligation, tg("provisionOf"), iri);
            bg(obligation, tg("obligor"), a.iri);
            bg(obligation, tg("beneficiary"), b.iri);
        }
        lastAgreement.put(key, new Last(iri, obligation));
    }

    private String holder(Post p, LocalDate day) {
        for (Tenure t : p.tenures)
            if (!t.start.isAfter(day) && (t.end == null || !t.end.isBefore(day))) {
                holderPosts.put(t.person, p.iri);
                return t.person;
            }
        return null;
    }

    private LocalDate randomDate() {
        long days = LAST.toEpochDay() - FIRST.toEpochDay();
        return FIRST.plusDays((long) (random.nextDouble() * days));
    }

    // ------------------------------------------------------------------ output

    private void bg(String s, String p, String o) throws IOException {
        t(background.out(), s, p, o);
    }

    private void t(BufferedWriter w, String s, String p, String o) throws IOException {
        w.write(s);
        w.write(' ');
        w.write(p);
        w.write(' ');
        w.write(o);
        w.write(" .\n");
        triples++;
    }

    /**
     * An owl:sameAs link to a stand-in Wikidata item (the real data links to Wikidata), and the
     * item's snapshot facts: a person's birth day, a place's "lat long".
     */
    private void sameAs(String iri, String facts) throws IOException {
        long q = STAND_IN_BASE + ++standIns;
        bg(iri, SAME_AS, "<" + WD + q + ">");
        if (facts == null)
            return;
        if (facts.contains(" "))
            linkedPlaces.add(q + " " + facts);
        else
            linkedPersons.add(q + " " + facts);
    }

    private static String slug(String iri) { return iri.substring(iri.lastIndexOf('/') + 1, iri.length() - 1); }
    private static String id(String path) { return "<" + ID + path + ">"; }
    private static String tg(String local) { return "<" + TG + local + ">"; }
    private static String str(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }
    private static String en(String s) { return lang(s, "en"); }
    private static String lang(String s, String tag) { return str(s) + "@" + tag; }
    private static String date(LocalDate d) { return "\"" + d + "\"^^<" + XSD + "date>"; }
    private static String decimal(double d) { return "\"" + String.format(Locale.ROOT, "%.2f", d) + "\"^^<" + XSD + "decimal>"; }
}
