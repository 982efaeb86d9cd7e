package org.treatygraph.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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

/**
 * Finds what a sentence mentions and resolves it against the knowledge base: names (the labels and
 * names of the graph, in every language, with a person's surname and "Mr./Ms." forms and a
 * ministry's everyday English forms), posts ("the Japanese Foreign Minister" → the holder of that
 * post on the day, through the tenures), groups ("the two leaders"), and pronouns for speakers.
 * An ambiguous name ("Kono", "Mori") is resolved by what the article mentioned before, by who was
 * alive and in office on the day, or by the post the text gives next to it; otherwise it stays
 * unresolved, with its candidates. A capitalized name the graph does not know ("Deputy Foreign
 * Minister Andrei Rudenko") is reported with candidates — never linked.
 */
final class Mentions {

    /** Kinds of mention. */
    enum Kind { PERSON, ORGANIZATION, STATE, PLACE, AGREEMENT, POST, GROUP, FORUM, UNKNOWN_NAME }

    /**
     * A mention: where it is, what it says, what it resolved to (none when unresolved), the post
     * the text gives with it (a capacity), how it was resolved, how sure, and the candidates when
     * unresolved or ambiguous.
     */
    record Mention(int start, int end, String text, Kind kind, List<Node> entities, Node post,
                   double confidence, String how, List<Node> candidates) {
        boolean resolved() {
            return !entities.isEmpty();
        }

        Node entity() {
            return entities.isEmpty() ? null : entities.get(0);
        }
    }

    private record Name(String text, Node entity, Kind kind) {}

    private final KnowledgeBase kb;
    private final LocalDate articleDate;
    private final List<Name> names = new ArrayList<>();
    private final Map<String, String> postWords = new LinkedHashMap<>();   // phrase (lower case) → PostType local name
    private final Map<String, Node> demonyms = new HashMap<>();            // "Russian" → state:russia
    private final Map<String, List<Node>> groups = new LinkedHashMap<>();  // "the two leaders" → posts
    /** Persons the article has resolved so far, most recent last (the discourse). */
    private final List<Node> discourse = new ArrayList<>();
    /** The posts the article gives each person (capacities the text states). */
    final Map<Node, Set<Node>> statedPosts = new LinkedHashMap<>();

    Mentions(KnowledgeBase kb, LocalDate articleDate) {
        this.kb = kb;
        this.articleDate = articleDate;
        Map<String, String> words = new LinkedHashMap<>();
        readTable("post-words.tsv", (a, b) -> words.put(a.toLowerCase(Locale.ROOT), b));
        words.entrySet().stream().sorted((x, y) -> y.getKey().length() - x.getKey().length())
            .forEach(e -> postWords.put(e.getKey(), e.getValue()));   // longest first: "deputy foreign minister" before "foreign minister" 
        readTable("demonyms.tsv", (a, b) -> demonyms.put(b, NodeFactory.createURI(KnowledgeBase.ID + "state/" + a)));
        readTable("groups.tsv", (a, b) -> {
            List<Node> posts = new ArrayList<>();
            for (String p : b.split(","))
                posts.add(NodeFactory.createURI(KnowledgeBase.ID + "post/" + p.strip()));
            groups.put(a, posts);
        });
        index();
    }

    // ---- the name index

    private void index() {
        Set<String> seen = new LinkedHashSet<>();
        for (KnowledgeBase.Entity e : kb.entities.values()) {
            Kind kind = kindOf(e);
            if (kind == null)
                continue;
            Set<String> variants = new LinkedHashSet<>();
            for (String n : e.names()) {
                String name = norm(n).strip();
                if (name.length() < 2)
                    continue;
                variants.add(name);
                if (name.length() >= 3 && name.equals(name.toUpperCase(Locale.ROOT)) && name.chars().allMatch(Character::isLetter))
                    variants.add(name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT));   // TASS → Tass
            }
            if (kind == Kind.PERSON)
                for (String n : List.copyOf(variants))
                    variants.addAll(personForms(n));
            if (kind == Kind.PLACE)
                for (String n : List.copyOf(variants))
                    if (n.endsWith(" Islands") && n.indexOf(' ') == n.length() - " Islands".length())
                        variants.add(n.substring(0, n.length() - " Islands".length()) + "s");   // "Habomai Islands" → "the Habomais"
            if (kind == Kind.ORGANIZATION)
                for (String n : List.copyOf(variants))
                    variants.addAll(ministryForms(n));
            for (String v : variants)
                if (seen.add(v + "\u0000" + e.iri()))
                    names.add(new Name(v, e.iri(), kind));
        }
        names.sort(Comparator.comparingInt((Name n) -> -n.text().length()));
    }

    /**
     * The forms a person's name takes in English news: "Sergey Lavrov" is also "Sergei Lavrov" (the
     * romanizations of Russian given names: -ey/-ei, -y/-i), "Lavrov" (the surname), and a Japanese
     * name also comes surname first ("Abe Shinzo", as NHK writes it). A qualified name written
     * "Lavrov, Sergey Viktorovich" gives "Sergey Lavrov". A given name is never a form on its own.
     */
    static List<String> personForms(String name) {
        List<String> out = new ArrayList<>();
        String n = name.strip();
        if (n.contains(",")) {
            String surname = n.substring(0, n.indexOf(',')).strip();
            String[] rest = n.substring(n.indexOf(',') + 1).strip().split("\\s+");
            if (surname.matches("\\p{L}[\\p{L}'-]*") && rest.length >= 1 && rest[0].matches("\\p{L}[\\p{L}'-]*"))
                n = rest[0] + " " + surname;
            else
                return out;
            out.add(n);
        }
        String[] parts = n.split("\\s+");
        if (parts.length < 2 || !n.chars().allMatch(c -> Character.isLetter(c) || c == ' ' || c == '-' || c == '\'' || c == '.'))
            return out;
        String surname = parts[parts.length - 1];
        out.add(surname);
        List<String> given = new ArrayList<>();
        given.add(String.join(" ", java.util.Arrays.copyOf(parts, parts.length - 1)));
        given.addAll(romanizations(parts[0]).stream().map(g -> g + (parts.length > 2 ? " " + String.join(" ", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1)) : "")).toList());
        for (String g : given) {
            out.add(g + " " + surname);
            if (parts.length == 2)
                out.add(surname + " " + g);          // surname first ("Abe Shinzo")
        }
        return out;
    }

    /**
     * Other romanizations of a given name: Sergey/Sergei, Dmitry/Dmitri, Yuri/Yury, Andrey/Andrei. Only
     * ever used with the surname, so a form no one writes ("Hiroshy") does no harm.
     */
    static List<String> romanizations(String given) {
        List<String> out = new ArrayList<>();
        if (given.length() < 4)
            return out;
        if (given.endsWith("ey")) out.add(given.substring(0, given.length() - 2) + "ei");
        else if (given.endsWith("ei")) out.add(given.substring(0, given.length() - 2) + "ey");
        else if (given.endsWith("iy")) { out.add(given.substring(0, given.length() - 2) + "y"); out.add(given.substring(0, given.length() - 2) + "i"); }
        else if (given.matches(".*[^aeiouy]y")) out.add(given.substring(0, given.length() - 1) + "i");
        else if (given.matches(".*[^aeiouy]i")) out.add(given.substring(0, given.length() - 1) + "y");
        return out;
    }

    private static Kind kindOf(KnowledgeBase.Entity e) {
        if (e.is("Person")) return Kind.PERSON;
        if (e.is("State")) return Kind.STATE;
        if (e.is("InternationalForum")) return Kind.FORUM;
        if (e.is("Agreement")) return Kind.AGREEMENT;
        if (e.is("Post")) return Kind.POST;
        if (e.is("Place")) return Kind.PLACE;
        if (e.is("Organization")) return Kind.ORGANIZATION;
        return null;   // events and unnamed agents are not found by name
    }

    private static final Pattern MINISTRY = Pattern.compile("^Ministry of Foreign Affairs of (?:the )?(.+)$");

    /** Everyday English forms of a ministry's name: "Japanese Foreign Ministry", "Japan's Foreign Ministry". */
    private List<String> ministryForms(String name) {
        Matcher m = MINISTRY.matcher(name);
        List<String> out = new ArrayList<>();
        if (!m.matches())
            return out;
        String state = m.group(1);
        Node stateNode = null;
        for (KnowledgeBase.Entity e : kb.entities.values())
            if (e.is("State") && e.names().stream().anyMatch(n -> n.equals(state)))
                stateNode = e.iri();
        if (stateNode == null)   // "the Russian Federation": the state named Russia
            for (KnowledgeBase.Entity e : kb.entities.values())
                if (e.is("State") && e.names().stream().anyMatch(n -> n.length() >= 4 && state.startsWith(n + "n ")))
                    stateNode = e.iri();
        List<String> stateNames = new ArrayList<>(List.of(state));
        if (stateNode != null) {
            KnowledgeBase.Entity se = kb.entities.get(stateNode);
            if (se != null && se.label() != null)
                stateNames.add(se.label());
            for (Map.Entry<String, Node> d : demonyms.entrySet())
                if (d.getValue().equals(stateNode) && !isEntityName(d.getKey()))   // adjectives, not "Tokyo"
                    out.add(d.getKey() + " Foreign Ministry");
                else if (d.getValue().equals(stateNode)) {                          // "the foreign ministry in Tokyo"
                    out.add("Foreign Ministry in " + d.getKey());
                    out.add("foreign ministry in " + d.getKey());
                }
        }
        for (String s : stateNames) {
            out.add(s + "'s Foreign Ministry");
            out.add("Foreign Ministry of " + s);
        }
        return out;
    }

    private boolean isEntityName(String word) {
        for (KnowledgeBase.Entity e : kb.entities.values())
            if (e.names().contains(word))
                return true;
        return false;
    }

    // ---- finding mentions in a sentence

    /** Every mention of a sentence, resolved where the graph allows. Updates the discourse. */
    List<Mention> find(Text.Sentence s, LocalDate day) {
        String text = norm(s.text());
        boolean[] taken = new boolean[text.length()];
        List<Mention> raw = new ArrayList<>();
        // 1. names of the graph, longest first
        Map<String, List<Name>> byText = new LinkedHashMap<>();
        for (Name n : names)
            byText.computeIfAbsent(n.text(), k -> new ArrayList<>()).add(n);
        for (Map.Entry<String, List<Name>> en : byText.entrySet()) {
            String name = en.getKey();
            int from = 0;
            while (true) {
                int i = text.indexOf(name, from);
                if (i < 0)
                    break;
                from = i + 1;
                int j = i + name.length();
                if (!boundary(text, i - 1) || !boundary(text, j) || any(taken, i, j))
                    continue;
                mark(taken, i, j);
                raw.add(resolveName(s, i, j, en.getValue(), day));
            }
        }
        // 2. posts: "the Russian Foreign Minister", "Japan's top diplomat", "Deputy Foreign Minister"
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> pw : postWords.entrySet()) {
            int from = 0;
            while (true) {
                int i = lower.indexOf(pw.getKey(), from);
                if (i < 0)
                    break;
                from = i + 1;
                int j = i + pw.getKey().length();
                if (!boundary(text, i - 1) || !boundary(text, j) || any(taken, i, j))
                    continue;
                // "deputies", "ministers": plural post words are groups, not posts
                if (j < text.length() && Character.isLetter(text.charAt(j)))
                    continue;
                mark(taken, i, j);
                raw.add(new Mention(s.start() + i, s.start() + j, s.text().substring(i, j), Kind.POST, List.of(),
                                    null, 0, "post word: " + pw.getValue(), List.of()));
            }
        }
        // 3. groups: "the two leaders"
        for (Map.Entry<String, List<Node>> g : groups.entrySet()) {
            int i = lower.indexOf(g.getKey());
            if (i < 0 || !boundary(text, i - 1) || !boundary(text, i + g.getKey().length()) || any(taken, i, i + g.getKey().length()))
                continue;
            int j = i + g.getKey().length();
            mark(taken, i, j);
            List<Node> holders = new ArrayList<>();
            for (Node post : g.getValue())
                holders.addAll(kb.holdersOn(day).getOrDefault(post, Set.of()));
            raw.add(new Mention(s.start() + i, s.start() + j, s.text().substring(i, j), Kind.GROUP, List.copyOf(holders), null,
                                holders.size() == g.getValue().size() ? 0.8 : 0, "holders of " + g.getValue().size() + " posts on " + day, List.of()));
        }
        raw.sort(Comparator.comparingInt(Mention::start));
        List<Mention> out = combinePosts(s, raw, day);
        out.addAll(unknownNames(s, taken, out, day));
        out.sort(Comparator.comparingInt(Mention::start));
        out.addAll(counterparts(s, out, day));
        out.addAll(descriptions(s, out, day));
        out.addAll(pairs(s, out));
        out.sort(Comparator.comparingInt(Mention::start));
        previous = List.copyOf(out);
        for (Mention m : out)
            if (m.kind() == Kind.ORGANIZATION && m.resolved())
                lastOrganization = m.entity();
        for (Mention m : out)
            if (m.kind() == Kind.PERSON && m.resolved()) {
                discourse.remove(m.entity());
                discourse.add(m.entity());
            }
        return out;
    }

    /** A name found in the text: one entity, or the one the discourse, the lives and the tenures single out. */
    private Mention resolveName(Text.Sentence s, int i, int j, List<Name> found, LocalDate day) {
        String text = s.text().substring(i, j);
        List<Node> candidates = new ArrayList<>(new LinkedHashSet<>(found.stream().map(Name::entity).toList()));
        Kind kind = found.get(0).kind();
        if (candidates.size() == 1)
            return new Mention(s.start() + i, s.start() + j, text, kind, List.of(candidates.get(0)), null,
                               text.contains(" ") || kind != Kind.PERSON ? 0.95 : 0.9, "name in the graph", List.of());
        List<Node> alive = candidates.stream().filter(c -> kb.alive(c, articleDate)).toList();
        if (alive.size() == 1)
            return new Mention(s.start() + i, s.start() + j, text, kind, List.of(alive.get(0)), null, 0.85,
                               "the only one of " + candidates.size() + " alive on " + articleDate, candidates);
        List<Node> pool = alive.isEmpty() ? candidates : alive;
        List<Node> known = pool.stream().filter(discourse::contains).toList();
        if (known.size() == 1)
            return new Mention(s.start() + i, s.start() + j, text, kind, List.of(known.get(0)), null, 0.85,
                               "named in full earlier in the article", candidates);
        List<Node> inOffice = (known.isEmpty() ? pool : known).stream().filter(c -> !kb.postsOf(c, day).isEmpty()).toList();
        if (inOffice.size() == 1)
            return new Mention(s.start() + i, s.start() + j, text, kind, List.of(inOffice.get(0)), null, 0.8,
                               "the only one in office on " + day, candidates);
        return new Mention(s.start() + i, s.start() + j, text, kind, List.of(), null, 0, "ambiguous name", candidates);
    }

    /**
     * Posts next to names: "Foreign Minister Taro Kono", "Mr. Mori, Senior Deputy Minister" give the
     * person a capacity (and single out the one of an ambiguous name who held it); a post alone
     * ("the Japanese Foreign Minister") is its holder on the day; a post next to a name the graph does
     * not know is not resolved to the holder.
     */
    private List<Mention> combinePosts(Text.Sentence s, List<Mention> raw, LocalDate day) {
        List<Mention> out = new ArrayList<>();
        Set<Mention> used = new LinkedHashSet<>();
        String text = norm(s.text());
        for (int k = 0; k < raw.size(); k++) {
            Mention m = raw.get(k);
            if (m.kind() != Kind.POST)
                continue;
            boolean named = m.resolved();   // the post's own name ("Minister for Foreign Affairs of Japan")
            String type = named ? null : m.how().substring("post word: ".length());
            int a = m.start() - s.start(), b = m.end() - s.start();
            String before = text.substring(Math.max(0, a - 45), a);
            boolean former = before.matches("(?s).*\\b(former|ex-|then|late)\\s*$");
            Node state = named ? kb.posts.get(m.entity()) == null ? null : kb.posts.get(m.entity()).in() : stateBefore(raw, k, s, before, day);
            // after: "of Japan", "of the Russian Federation"
            Mention next = k + 1 < raw.size() ? raw.get(k + 1) : null;
            if (state == null && next != null && (next.kind() == Kind.STATE) && gap(text, b, next.start() - s.start()).matches("\\s*of\\s+(the\\s+)?"))
                state = next.entity();
            // the person: a name right after ("Foreign Minister Taro Kono") or right before ("Mr. Mori, Senior Deputy Minister")
            Mention person = null;
            if (next != null && next.kind() == Kind.PERSON && gap(text, b, next.start() - s.start()).matches("\\s*(,\\s*)?"))
                person = next;
            else if (next != null && next.kind() == Kind.STATE && gap(text, b, next.start() - s.start()).matches("\\s*of\\s+(the\\s+)?")) {
                Mention after = k + 2 < raw.size() ? raw.get(k + 2) : null;
                if (after != null && after.kind() == Kind.PERSON && gap(text, next.end() - s.start(), after.start() - s.start()).matches("\\s*,?\\s*"))
                    person = after;
            }
            if (person == null && k > 0 && raw.get(k - 1).kind() == Kind.PERSON
                && gap(text, raw.get(k - 1).end() - s.start(), a).matches("\\s*,\\s*(the\\s+)?"))
                person = raw.get(k - 1);
            Set<Node> posts = named ? Set.of(m.entity()) : postsOfType(type, state);
            if (person != null) {
                used.add(m);
                Mention resolved = withPost(person, posts, day, former);
                raw.set(raw.indexOf(person), resolved);
                continue;
            }
            if (unknownNameAt(s, b)) {
                // the post names someone the graph does not know: leave it to the unknown-name pass
                used.add(m);
                continue;
            }
            if (former || before.matches("(?s).*\\b(his|her|their)\\s+(\\w+\\s+)?$") && !before.matches("(?s).*\\b(his|her)\\s+(Russian|Japanese)\\s+$")) {
                used.add(m);
                continue;
            }
            // the holder on the day
            Set<Node> holders = new LinkedHashSet<>();
            Map<Node, Set<Node>> on = kb.holdersOn(day);
            for (Node p : posts)
                holders.addAll(on.getOrDefault(p, Set.of()));
            String words = extendLeft(s, a, before);
            int start = s.start() + a - words.length();
            final int from = start;
            if (raw.stream().anyMatch(x -> x != m && x.kind() == Kind.PERSON && x.end() > from && x.start() < s.start() + a))
                start = s.start() + a;          // "Putin's foreign minister": the person before is not part of the post's words
            // a post several persons hold at once (deputy ministers, ambassadors) names no one by itself; a spokesperson
            // is a ministry's only when the text names the ministry ("the Kremlin spokesman" is not the Foreign Ministry's)
            boolean single = named || !SHARED_POSTS.contains(type)
                && !("Spokesperson".equals(type) && !before.toLowerCase(Locale.ROOT).matches("(?s).*\\bministry(?:'s)?\\s+$"));
            if (holders.size() == 1 && state != null && single) {
                Node h = holders.iterator().next();
                Node post = posts.stream().filter(p -> on.getOrDefault(p, Set.of()).contains(h)).findFirst().orElse(null);
                out.add(new Mention(start, m.end(), s.text().substring(start - s.start(), b), Kind.PERSON, List.of(h), post, 0.8,
                                    "holder of " + kb.label(post) + " on " + day, List.of()));
                statedPosts.computeIfAbsent(h, x -> new LinkedHashSet<>()).add(post);
            } else if (!holders.isEmpty() || state != null) {
                out.add(new Mention(start, m.end(), s.text().substring(start - s.start(), b), Kind.POST, List.of(), null, 0,
                                    state == null ? "post without a state" : !single ? "a post of several holders, or of another office: the text names no one"
                                        : "no single holder on " + day, List.copyOf(holders)));
            }
            used.add(m);
        }
        for (Mention m : raw)
            if (!used.contains(m) && m.kind() != Kind.POST)
                out.add(m);
        return out;
    }

    /** The words before a post that belong to its mention ("the Russian", "Japan's"). */
    private static String extendLeft(Text.Sentence s, int a, String before) {
        Matcher m = Pattern.compile("((?:the\\s+)?(?:[A-Z][a-z]+(?:'s)?\\s+){0,2})$").matcher(before);
        return m.find() ? m.group(1) : "";
    }

    /** The state a post belongs to, named just before it: "Russian", "Japan's", "the Russian Foreign Ministry's". */
    private Node stateBefore(List<Mention> raw, int k, Text.Sentence s, String before, LocalDate day) {
        Node d = demonymIn(before);
        if (d != null)
            return d;
        if (k > 0) {
            Mention prev = raw.get(k - 1);
            int gapFrom = prev.end() - s.start(), gapTo = raw.get(k).start() - s.start();
            String g = gapTo >= gapFrom ? norm(s.text()).substring(gapFrom, gapTo) : "";
            if (prev.kind() == Kind.STATE && g.matches("('s)?\\s+((Foreign\\s+Ministry's|new|then)\\s+)?"))
                return prev.entity();
            // "President Vladimir Putin's foreign minister": the post in the state of the person's own post that day
            if (prev.kind() == Kind.PERSON && prev.resolved() && g.matches("'s\\s+")) {
                Set<Node> states = new LinkedHashSet<>();
                for (Node post : kb.postsOf(prev.entity(), day)) {
                    KnowledgeBase.Post p = kb.posts.get(post);
                    if (p != null && p.in() != null && kb.entities.containsKey(p.in()) && kb.entities.get(p.in()).is("State"))
                        states.add(p.in());
                }
                if (states.size() == 1)
                    return states.iterator().next();
            }
            if (prev.kind() == Kind.ORGANIZATION && g.matches("('s)?\\s+")) {
                for (Map.Entry<Node, KnowledgeBase.Post> p : kb.posts.entrySet())
                    if (prev.entity().equals(p.getValue().in()))
                        return prev.entity();
            }
        }
        return null;
    }

    /** A demonym among the last four words before a post ("The Japanese", "the Russian Foreign Ministry's"). */
    private Node demonymIn(String before) {
        String[] words = before.strip().split("\\s+");
        for (int i = words.length - 1; i >= Math.max(0, words.length - 4); i--) {
            Node d = demonyms.get(words[i].replaceAll("'s$", ""));
            if (d != null)
                return d;
        }
        return null;
    }

    private Set<Node> postsOfType(String type, Node state) {
        Node t = NodeFactory.createURI(KnowledgeBase.TG + type);
        Set<Node> out = new LinkedHashSet<>();
        for (KnowledgeBase.Post p : kb.posts.values()) {
            if (!t.equals(p.type()))
                continue;
            if (state == null || state.equals(p.in()) || orgOfState(p.in(), state))
                out.add(p.iri());
        }
        return out;
    }

    /** Whether an organization (a ministry) belongs to a state ("Russian Foreign Ministry's spokeswoman"). */
    private boolean orgOfState(Node org, Node state) {
        if (org == null)
            return false;
        for (KnowledgeBase.Entity e : List.of(kb.entities.getOrDefault(org, new KnowledgeBase.Entity(org, Set.of(), null, List.of()))))
            for (String n : e.names())
                for (Map.Entry<String, Node> d : demonyms.entrySet())
                    if (d.getValue().equals(state) && (n.endsWith(" of " + kb.label(state)) || n.contains(kb.label(state))))
                        return true;
        return false;
    }

    /** A person mention with the post the text gives it: the post of that kind the person held on the day. */
    private Mention withPost(Mention person, Set<Node> posts, LocalDate day, boolean former) {
        List<Node> pool = person.resolved() ? person.entities() : person.candidates();
        Map<Node, Set<Node>> on = kb.holdersOn(day);
        for (Node p : posts)
            for (Node c : pool)
                if (on.getOrDefault(p, Set.of()).contains(c)) {
                    statedPosts.computeIfAbsent(c, x -> new LinkedHashSet<>()).add(p);
                    return new Mention(person.start(), person.end(), person.text(), Kind.PERSON, List.of(c), p,
                                       Math.max(person.confidence(), 0.9), person.resolved() ? person.how() + "; post confirmed by the tenures"
                                           : "the one of " + pool.size() + " who held " + kb.label(p) + " on " + day, person.candidates());
                }
        if (former && !person.resolved()) {
            for (KnowledgeBase.Tenure t : kb.tenures)
                if (posts.contains(t.post()) && pool.contains(t.holder()) && t.to() != null && t.to().isBefore(day))
                    return new Mention(person.start(), person.end(), person.text(), Kind.PERSON, List.of(t.holder()), null, 0.8,
                                       "the one of " + pool.size() + " who had held " + kb.label(t.post()), person.candidates());
        }
        return person;
    }

    /** Kinds of post a state fills with several persons at once: the post alone names none of them. */
    private static final Set<String> SHARED_POSTS = Set.of("DeputyForeignMinister", "Minister", "Ambassador");

    /** Capitalized words that are no person's name (titles, institutions, months, sentence openers). */
    static final Set<String> NOT_A_NAME;
    private static final Set<String> NOT_NAMES = Set.of(
        "Minister", "Ministers", "Foreign", "Ministry", "Prime", "President", "Deputy", "Senior", "Vice", "Chief", "Cabinet",
        "Secretary", "Ambassador", "Mr.", "Ms.", "Mrs.", "Dr.", "Meeting", "Summit", "Conference", "Islands", "Island",
        "Treaty", "Declaration", "Agreement", "Security", "Council", "Press", "Club", "National", "Commission", "Plan",
        "Relations", "Affairs", "Federation", "Government", "News", "Agency", "International", "Joint", "Memorandum",
        "Special", "Envoy", "Spokeswoman", "Spokesman", "Party", "Communist", "Union", "Republic", "Kingdom", "States",
        "North", "South", "East", "West", "Northern", "Southern", "Territories", "Group", "Economic", "Trade", "Issues",
        "Talks", "Negotiations", "Peace", "War", "World", "II", "The", "A", "An", "In", "On", "At", "But", "However",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Cooperation",
        "Mutual", "Development", "Parliament", "Duma", "Diet", "Kremlin", "Embassy", "Office", "Department", "Director");
    static {
        NOT_A_NAME = NOT_NAMES;
    }
    private static final Pattern NAME_TOKEN = Pattern.compile("[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?");

    private boolean unknownNameAt(Text.Sentence s, int offsetInSentence) {
        List<Text.Token> t = s.tokens();
        for (int i = 0; i + 1 < t.size(); i++) {
            Text.Token a = t.get(i);
            if (a.start() - s.start() < offsetInSentence)
                continue;
            if (a.start() - s.start() > offsetInSentence + 2)
                return false;
            Text.Token b = t.get(i + 1);
            return isNameToken(a) && isNameToken(b) && !known(a.text()) && !known(b.text());
        }
        return false;
    }

    private boolean known(String token) {
        String n = norm(bare(token));
        for (Name name : names)
            if (name.text().equals(n) || name.text().startsWith(n + " ") || name.text().endsWith(" " + n))
                return true;
        return false;
    }

    /**
     * A word that can be part of a name: capitalized, no title or institution word, no demonym; the
     * tagger's proper noun (also "Mishustin's", tagged PROPN+PART), or a capitalized word it takes for
     * a noun or an adjective ("Dmitry/ADJ Medvedev").
     */
    private boolean isNameToken(Text.Token t) {
        String w = bare(t.text());
        return NAME_TOKEN.matcher(w).matches() && !NOT_NAMES.contains(w) && !demonyms.containsKey(w)
            && (t.pos().startsWith("PROPN") || "NNP".equals(t.pos()) || "X".equals(t.pos()) || "NOUN".equals(t.pos()) || "ADJ".equals(t.pos()));
    }

    /** A word without its possessive "'s". */
    private static String bare(String token) {
        return token.replaceFirst("['’]s$", "");
    }

    /**
     * Names the graph does not know: two or three capitalized proper nouns in a row (not at a
     * title's words), not covered by a mention. Reported with candidates: persons who share a word
     * of the name, and the holder of a post the text puts before it.
     */
    private List<Mention> unknownNames(Text.Sentence s, boolean[] taken, List<Mention> found, LocalDate day) {
        List<Mention> out = new ArrayList<>();
        List<Text.Token> t = s.tokens();
        int i = 0;
        while (i < t.size()) {
            int j = i;
            while (j < t.size() && isNameToken(t.get(j)) && !any(taken, t.get(j).start() - s.start(), t.get(j).end() - s.start()))
                j++;
            if (j - i >= 2 && j - i <= 3) {
                int a = t.get(i).start(), b = t.get(j - 1).start() + bare(t.get(j - 1).text()).length();
                boolean covered = found.stream().anyMatch(m -> m.start() < b && a < m.end());
                boolean allKnown = true;
                for (int k = i; k < j; k++)
                    allKnown &= known(t.get(k).text());
                if (!covered && !allKnown) {
                    List<Node> candidates = new ArrayList<>();
                    for (int k = i; k < j; k++)
                        for (Name n : names)
                            if (n.kind() == Kind.PERSON && n.text().equals(norm(t.get(k).text())) && !candidates.contains(n.entity()))
                                candidates.add(n.entity());
                    // a post right before: its holders on the day are candidates, never the answer
                    String before = norm(s.text()).substring(0, a - s.start());
                    for (Map.Entry<String, String> pw : postWords.entrySet())
                        if (before.toLowerCase(Locale.ROOT).matches("(?s).*\\b" + Pattern.quote(pw.getKey()) + "\\s*,?\\s*$")) {
                            Node state = demonymIn(before.substring(0, before.toLowerCase(Locale.ROOT).lastIndexOf(pw.getKey())));
                            for (Node p : postsOfType(pw.getValue(), state))
                                for (Node h : kb.holdersOn(day).getOrDefault(p, Set.of()))
                                    if (!candidates.contains(h))
                                        candidates.add(h);
                            break;
                        }
                    out.add(new Mention(a, b, s.text().substring(a - s.start(), b - s.start()), Kind.UNKNOWN_NAME, List.of(), null, 0,
                                        "a name the graph does not know", List.copyOf(candidates)));
                }
            }
            i = Math.max(j, i + 1);
        }
        return out;
    }

    private static final Pattern COUNTERPART = Pattern.compile("\\b(?:(?:[Hh]is|[Hh]er|[Tt]heir)|([A-Z][\\p{L}-]+)'s)\\s+(?:([A-Z][a-z]+)\\s+)?counterparts?\\b");

    /**
     * "his Russian counterpart", "Kono's Japanese counterpart": the holder, on the day, of the post of
     * the same kind in the other state (the one the text names, else the other party of the talks).
     * Only when it is safe: the possessor is the person named just before in the sentence and
     * resolved (an unknown name there — "Iwaya told his Russian counterpart" — leaves it unresolved),
     * and exactly one person held that post that day. A name right after the phrase ("his Russian
     * counterpart Sergei Lavrov") is the mention itself: the phrase adds nothing.
     */
    private List<Mention> counterparts(Text.Sentence s, List<Mention> found, LocalDate day) {
        List<Mention> out = new ArrayList<>();
        String text = norm(s.text());
        Matcher m = COUNTERPART.matcher(text);
        while (m.find()) {
            int a = s.start() + m.start(), b = s.start() + m.end();
            if (found.stream().anyMatch(x -> x.start() < b && a < x.end()))
                continue;
            // an apposition: the name that follows is the counterpart
            boolean named = found.stream().anyMatch(x -> (x.kind() == Kind.PERSON || x.kind() == Kind.UNKNOWN_NAME)
                && x.start() >= b && x.start() - b <= 2);
            if (named || unknownNameAt(s, m.end() + (m.end() < text.length() && text.charAt(m.end()) == ',' ? 2 : 1)))
                continue;
            Mention owner = null;
            if (m.group(1) != null) {
                for (Mention x : found)
                    if (x.start() == a && (x.kind() == Kind.PERSON || x.kind() == Kind.UNKNOWN_NAME))
                        owner = x;
            } else
                for (Mention x : found)
                    if (x.end() <= a && (x.kind() == Kind.PERSON || x.kind() == Kind.UNKNOWN_NAME || x.kind() == Kind.GROUP))
                        owner = x;
            String words = s.text().substring(m.start(), m.end());
            if (owner == null || !owner.resolved() || owner.kind() != Kind.PERSON) {
                out.add(new Mention(a, b, words, Kind.POST, List.of(), null, 0,
                                    owner == null ? "a counterpart of no one the sentence names" : "the counterpart of \"" + owner.text() + "\", whom the graph does not know",
                                    List.of()));
                continue;
            }
            Node state = m.group(2) == null ? null : demonyms.get(m.group(2));
            Set<Node> holders = new LinkedHashSet<>();
            Set<Node> viaPosts = new LinkedHashSet<>();
            for (Node post : kb.postsOf(owner.entity(), day)) {
                KnowledgeBase.Post p = kb.posts.get(post);
                if (p == null || p.type() == null)
                    continue;
                Node other = state != null ? state : otherParty(p.in());
                if (other == null || other.equals(p.in()))
                    continue;
                for (Node q : postsOfType(KnowledgeBase.local(p.type()), other))
                    for (Node h : kb.holdersOn(day).getOrDefault(q, Set.of())) {
                        holders.add(h);
                        viaPosts.add(q);
                    }
            }
            if (holders.size() == 1) {
                Node h = holders.iterator().next();
                out.add(new Mention(a, b, words, Kind.PERSON, List.of(h), null, 0.75,
                                    "the counterpart of " + kb.label(owner.entity()) + ": holder of " + kb.label(viaPosts.iterator().next()) + " on " + day, List.of()));
            } else
                out.add(new Mention(a, b, words, Kind.POST, List.of(), null, 0,
                                    holders.isEmpty() ? "no holder on " + day + " of the post of " + kb.label(owner.entity()) + " in the other state"
                                        : "several holders on " + day, List.copyOf(holders)));
        }
        return out;
    }

    /** The mentions of the sentence before (for "the two", "the pair"). */
    private List<Mention> previous = List.of();
    /** The organization the article named last (for "the ministry"). */
    private Node lastOrganization;

    private static final Pattern PAIR = Pattern.compile("\\b(?:[Tt]he two|[Tt]he pair|[Bb]oth men)\\b(?!\\s+(?:leaders|ministers|foreign|countries|nations|sides|governments|top|men|prime|presidents|envoys|deputies|islands|days|years)\\b)");

    /**
     * "The two met …", "the pair's 27th meeting": the two persons the sentence before named, when it
     * named exactly two (and no one the graph does not know); otherwise nothing.
     */
    private List<Mention> pairs(Text.Sentence s, List<Mention> found) {
        List<Mention> out = new ArrayList<>();
        Matcher m = PAIR.matcher(norm(s.text()));
        while (m.find()) {
            int a = s.start() + m.start(), b = s.start() + m.end();
            if (found.stream().anyMatch(x -> x.start() < b && a < x.end()))
                continue;
            Set<Node> two = new LinkedHashSet<>();
            boolean unknown = false;
            for (Mention x : previous) {
                if (x.kind() == Kind.PERSON && x.resolved())
                    two.add(x.entity());
                if (x.kind() == Kind.UNKNOWN_NAME)
                    unknown = true;
            }
            if (two.size() == 2 && !unknown)
                out.add(new Mention(a, b, s.text().substring(m.start(), m.end()), Kind.GROUP, List.copyOf(two), null, 0.7,
                                    "the two persons the sentence before named", List.of()));
        }
        return out;
    }

    /** The other party of the talks: Japan for Russia (and the Soviet Union), Russia for Japan. */
    private Node otherParty(Node state) {
        if (state == null)
            return null;
        String l = KnowledgeBase.local(state);
        if (l.equals("japan"))
            return NodeFactory.createURI(KnowledgeBase.ID + "state/russia");
        if (l.equals("russia") || l.equals("soviet-union"))
            return NodeFactory.createURI(KnowledgeBase.ID + "state/japan");
        return null;
    }

    private static final Pattern DESCRIPTION = Pattern.compile("\\b[Tt]he\\s+(?:([A-Z][a-z]+)\\s+)?(minister|premier|leader|ministry|foreign ministry)\\b(?!\\s+(?:for|of)\\b)(?!['’]s)");

    /**
     * "the minister", "the Russian minister": the person the article spoke of who fits — the speaker of
     * the last statement if he or she fits, else the only person of the article so far who held such
     * a post that day (of that state). Otherwise unresolved, with the candidates.
     */
    private List<Mention> descriptions(Text.Sentence s, List<Mention> found, LocalDate day) {
        List<Mention> out = new ArrayList<>();
        String text = norm(s.text());
        Matcher m = DESCRIPTION.matcher(text);
        while (m.find()) {
            int a = s.start() + m.start(), b = s.start() + m.end();
            if (found.stream().anyMatch(x -> x.start() < b && a < x.end()))
                continue;
            Node state = m.group(1) == null ? null : demonyms.get(m.group(1));
            if (m.group(1) != null && state == null)
                continue;   // "the Foreign minister" and the like: not a description of this kind
            if (m.group(2).endsWith("ministry")) {
                // "the ministry said": the ministry the article named last, if it named one
                if (state == null && lastOrganization != null && kb.label(lastOrganization).startsWith("Ministry"))
                    out.add(new Mention(a, b, s.text().substring(m.start(), m.end()), Kind.ORGANIZATION, List.of(lastOrganization), null, 0.7,
                                        "the ministry the article named last", List.of()));
                continue;
            }
            Set<String> types = switch (m.group(2)) {
                case "minister" -> Set.of("ForeignMinister", "Minister", "DeputyForeignMinister");
                case "premier" -> Set.of("HeadOfGovernment");
                default -> Set.of("HeadOfGovernment", "HeadOfState");
            };
            List<Node> fits = new ArrayList<>();
            for (Node p : discourse)
                if (holds(p, day, types, state))
                    fits.add(p);
            String words = s.text().substring(m.start(), m.end());
            if (lastSpeaker != null && fits.contains(lastSpeaker))
                out.add(new Mention(a, b, words, Kind.PERSON, List.of(lastSpeaker), null, 0.75,
                                    "the speaker the article quoted last, who fits \"" + words + "\"", List.of()));
            else if (fits.size() == 1)
                out.add(new Mention(a, b, words, Kind.PERSON, List.of(fits.get(0)), null, 0.7,
                                    "the only person the article named who fits \"" + words + "\" on " + day, List.of()));
            else if (fits.size() > 1)
                out.add(new Mention(a, b, words, Kind.POST, List.of(), null, 0, "several persons of the article fit", List.copyOf(fits)));
        }
        return out;
    }

    private boolean holds(Node person, LocalDate day, Set<String> types, Node state) {
        for (Node post : kb.postsOf(person, day)) {
            KnowledgeBase.Post p = kb.posts.get(post);
            if (p != null && p.type() != null && types.contains(KnowledgeBase.local(p.type()))
                && (state == null || state.equals(p.in()) || orgOfState(p.in(), state)))
                return true;
        }
        return false;
    }

    /** The state a capital stands for when it acts or speaks ("Moscow has insisted", "Tokyo protested"), from the demonyms. */
    Node stateOfCapital(Mention m) {
        return m.kind() == Kind.PLACE ? demonyms.get(norm(m.text())) : null;
    }

    /** The speaker of the article's last statement (set by the extractor): "the minister" of the next sentence is likeliest him or her. */
    Node lastSpeaker;

    /** The person a pronoun ("he", "she", "the minister") most likely means: the last person resolved. */
    Node lastPerson() {
        return discourse.isEmpty() ? null : discourse.get(discourse.size() - 1);
    }

    /** The persons the article has resolved so far. */
    List<Node> discourse() {
        return List.copyOf(discourse);
    }

    // ---- helpers

    /** Straight apostrophes and letters without diacritics, for matching (same length, so offsets hold). */
    static String norm(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '’' || c == '‘' || c == '`')
                c = '\'';
            else if (c > 0x7f && Character.isLetter(c)) {
                String d = java.text.Normalizer.normalize(String.valueOf(c), java.text.Normalizer.Form.NFD);
                if (d.length() > 1 && d.charAt(0) < 0x80 && Character.isLetter(d.charAt(0)) && d.substring(1).chars().allMatch(x -> Character.getType(x) == Character.NON_SPACING_MARK))
                    c = d.charAt(0);   // "Shinzō" → "Shinzo": a macron or an accent is no other name
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String gap(String text, int from, int to) {
        return to >= from ? text.substring(from, to) : "\u0000";
    }

    private static boolean boundary(String text, int i) {
        return i < 0 || i >= text.length() || !Character.isLetterOrDigit(text.charAt(i));
    }

    private static boolean any(boolean[] taken, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(taken.length, to); i++)
            if (taken[i])
                return true;
        return false;
    }

    private static void mark(boolean[] taken, int from, int to) {
        for (int i = from; i < to; i++)
            taken[i] = true;
    }

    private static void readTable(String resource, java.util.function.BiConsumer<String, String> row) {
        try (InputStream in = Mentions.class.getResourceAsStream(resource)) {
            if (in == null)
                throw new IllegalStateException("missing resource org/treatygraph/ingest/" + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#"))
                    continue;
                String[] cols = line.split("\t");
                if (cols.length != 2)
                    throw new IllegalStateException("org/treatygraph/ingest/" + resource + ":" + n + ": expected two tab-separated columns");
                row.accept(cols[0].strip(), cols[1].strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
