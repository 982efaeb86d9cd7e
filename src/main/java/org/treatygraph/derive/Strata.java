package org.treatygraph.derive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

/**
 * The rules of a folder, by stratum, and what each stratum derives.
 *
 * <p><b>What a stratum derives</b> ({@link Signatures}): the predicates of its templates, and for
 * {@code rdf:type} their classes. A template whose predicate (or class) is a variable derives
 * the values that variable takes in its binding pattern, in the data the stratum starts from
 * (the super-properties for {@code ?x ?q ?y} with {@code ?p rdfs:subPropertyOf ?q}); without a
 * binding pattern, anything.
 *
 * <p><b>The two rules of the loader</b>, checked when a stratum starts (its input is then known):
 * <ol>
 * <li>A rule may not read, through a pattern the delta rewrite cannot see (NOT EXISTS, EXISTS,
 *     the right side of OPTIONAL or MINUS, a property path, a sub-query or aggregate), what its own
 *     stratum derives: such a pattern must read data that is fixed while the stratum runs. GRAPH
 *     is exempt: it reads the asserted graphs only.</li>
 * <li>What a stratum below the top derives, no other stratum derives (each derived predicate
 *     belongs to one stratum, as in stratified Datalog; the top stratum is the one that may derive
 *     anything else). So the stratum of every inferred triple is known from its predicate, and a
 *     stratum sees exactly the inferred triples of its own and earlier strata — no bookkeeping.</li>
 * </ol>
 */
final class Strata {
    final List<Rule> rules;
    final TreeMap<Integer, List<Rule>> byStratum = new TreeMap<>();
    final int top;
    /** SHA-256 of the rule files (names and texts): which rules the inferred graph was derived with. */
    final String digest;

    Strata(List<Rule> rules, String digest) {
        this.rules = rules;
        this.digest = digest;
        rules.forEach(r -> byStratum.computeIfAbsent(r.stratum, k -> new ArrayList<>()).add(r));
        this.top = byStratum.isEmpty() ? 0 : byStratum.lastKey();
    }

    static Strata load(Path dir) {
        List<Rule> rules = Rule.loadAll(dir);
        return new Strata(rules, digest(rules));
    }

    static String digest(List<Rule> rules) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Rule r : rules) {
                md.update(r.file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(r.file));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Rule rule(String name) {
        return rules.stream().filter(r -> r.name.equals(name)).findFirst().orElse(null);
    }

    // ------------------------------------------------------------------ signatures

    /** A set of signatures with wildcards, and which rule put each in. */
    static final class SigSet {
        private boolean any;
        private boolean anyType;
        private final Set<Node> predicates = new HashSet<>();
        private final Set<Node> types = new HashSet<>();
        final Map<Sig, String> from = new LinkedHashMap<>();

        void add(Sig s, String rule) {
            from.putIfAbsent(s, rule);
            if (s.isAny())
                any = true;
            else if (s.type() == null)
                predicates.add(s.predicate());
            else if (s.type() == Node.ANY)
                anyType = true;
            else
                types.add(s.type());
        }

        boolean contains(Triple t) {
            if (any)
                return true;
            Node p = t.getPredicate();
            if (RDF.Nodes.type.equals(p))
                return anyType || types.contains(t.getObject());
            return predicates.contains(p);
        }

        /** A signature of this set that overlaps {@code s}, or null. */
        Sig overlap(Sig s) {
            for (Sig mine : from.keySet())
                if (mine.overlaps(s))
                    return mine;
            return null;
        }

        boolean isEmpty() {
            return from.isEmpty();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SigSet other && other.from.keySet().equals(from.keySet());
        }

        @Override
        public int hashCode() {
            return from.keySet().hashCode();
        }
    }

    /**
     * What each stratum derives, in one state of the data: built stratum by stratum
     * ({@link #start}), since a stratum's variable templates take their values from the data
     * its predecessors completed.
     */
    final class Signatures {
        final Map<Integer, SigSet> derived = new TreeMap<>();
        /** What each rule derives (rule name → signatures). */
        final Map<String, SigSet> byRule = new java.util.HashMap<>();

        /**
         * What stratum {@code k} derives, read from {@code view} (the data the stratum starts from),
         * checked against the two rules of the loader.
         *
         * @throws DeriveException naming the rule file and the reason
         */
        SigSet start(int k, View view) {
            SigSet set = derivedBy(k, view);
            derived.put(k, set);
            check(k, set);
            return set;
        }

        /** The stratum a derived triple belongs to: the stratum below the top that derives its predicate, else the top. */
        int stratumOf(Triple t) {
            for (Map.Entry<Integer, SigSet> e : derived.entrySet())
                if (e.getKey() != top && e.getValue().contains(t))
                    return e.getKey();
            return top;
        }

        /** Whether stratum {@code k} sees the derived triple {@code t}: it belongs to stratum k or an earlier one. */
        boolean visibleIn(int k, Triple t) {
            return k == top || stratumOf(t) <= k;
        }

        private void check(int k, SigSet set) {
            // 1. no pattern the delta rewrite cannot see reads what the stratum derives
            for (Rule r : byStratum.get(k)) {
                for (Shape.Atom a : r.shape.scopedAtoms()) {
                    if (a.readsAssertedOnly())
                        continue;
                    for (Sig s : a.sigs()) {
                        Sig hit = set.overlap(s);
                        if (hit != null)
                            throw new DeriveException(r.file + ": reads " + s + " through " + where(a)
                                + " (a pattern the delta rewrite cannot see), but stratum " + pad(k) + " derives "
                                + hit + " (rule " + set.from.get(hit) + "). Such a pattern must read data that is fixed"
                                + " while the stratum runs: move the rule to a later stratum, or read only what the"
                                + " graphs state with GRAPH ?g { … }");
                    }
                }
            }
            // 2. a stratum below the top derives what no other stratum derives
            for (Map.Entry<Integer, SigSet> e : derived.entrySet()) {
                int j = e.getKey();
                if (j >= k)
                    continue;
                for (Map.Entry<Sig, String> mine : set.from.entrySet()) {
                    Sig hit = e.getValue().overlap(mine.getKey());
                    if (hit != null)
                        throw new DeriveException(rule(mine.getValue()).file + ": derives " + mine.getKey()
                            + " in stratum " + pad(k) + ", but rule " + e.getValue().from.get(hit) + " of stratum "
                            + pad(j) + " derives " + hit + " too. What a stratum below the top derives must be derived"
                            + " in that stratum only (the stratum of a derived triple is known from its predicate)");
                }
            }
        }

        private SigSet derivedBy(int k, View view) {
            SigSet set = new SigSet();
            List<Rule> rules = byStratum.getOrDefault(k, List.of());
            java.util.function.BiConsumer<Sig, Rule> add = (sig, r) -> {
                set.add(sig, r.name);
                byRule.computeIfAbsent(r.name, x -> new SigSet()).add(sig, r.name);
            };
            // constant templates first, then variables, as long as what they read is not derived here
            Map<Rule, List<Triple>> variable = new LinkedHashMap<>();
            for (Rule r : rules) {
                byRule.computeIfAbsent(r.name, x -> new SigSet());
                for (Triple t : r.template) {
                    Node p = t.getPredicate(), o = t.getObject();
                    if (p.isURI() && (!RDF.Nodes.type.equals(p) || !o.isVariable()))
                        add.accept(Sig.of(p, o), r);
                    else
                        variable.computeIfAbsent(r, x -> new ArrayList<>()).add(t);
                }
            }
            variable.forEach((r, templates) -> {
                for (Triple t : templates) {
                    Node p = t.getPredicate();
                    Node var = p.isVariable() ? p : t.getObject();
                    Triple binding = r.bindingPattern(var);
                    if (binding == null || set.overlap(Sig.of(binding)) != null) {
                        add.accept(p.isVariable() ? Sig.ANY : new Sig(RDF.Nodes.type, Node.ANY), r);
                        continue;
                    }
                    for (Node v : values(view, binding, var)) {
                        if (!v.isURI())
                            continue;
                        if (p.isVariable())
                            add.accept(Sig.of(v, t.getObject()), r);
                        else
                            add.accept(new Sig(RDF.Nodes.type, v), r);
                    }
                }
            });
            return set;
        }

        /**
         * The rules of stratum {@code k} in the order their results flow: a rule before the rules
         * that read what it derives (cycles — recursion — kept in file order).
         */
        List<Rule> order(int k) {
            List<Rule> rules = byStratum.getOrDefault(k, List.of());
            Map<Rule, Set<Rule>> reads = new LinkedHashMap<>();
            for (Rule consumer : rules) {
                Set<Rule> producers = new LinkedHashSet<>();
                for (Shape.Atom a : consumer.shape.visibleAtoms())
                    for (Rule producer : rules)
                        if (producer != consumer && byRule.get(producer.name).overlap(Sig.of(a.triple())) != null)
                            producers.add(producer);
                reads.put(consumer, producers);
            }
            // depth-first: producers first; a rule already on the stack (a cycle) is not waited for
            List<Rule> out = new ArrayList<>();
            Set<Rule> done = new java.util.HashSet<>(), onStack = new java.util.HashSet<>();
            for (Rule r : rules)
                visit(r, reads, done, onStack, out);
            return out;
        }

        private void visit(Rule r, Map<Rule, Set<Rule>> reads, Set<Rule> done, Set<Rule> onStack, List<Rule> out) {
            if (done.contains(r) || onStack.contains(r))
                return;
            onStack.add(r);
            for (Rule p : reads.get(r))
                visit(p, reads, done, onStack, out);
            onStack.remove(r);
            done.add(r);
            out.add(r);
        }
    }

    /** The values of {@code var} in the triples matching {@code pattern}. */
    private static Set<Node> values(View view, Triple pattern, Node var) {
        Set<Node> out = new LinkedHashSet<>();
        Node s = pattern.getSubject().isVariable() ? Node.ANY : pattern.getSubject();
        Node o = pattern.getObject().isVariable() ? Node.ANY : pattern.getObject();
        view.getDefaultGraph().find(s, pattern.getPredicate(), o).forEachRemaining(t -> {
            if (var.equals(pattern.getSubject()))
                out.add(t.getSubject());
            if (var.equals(pattern.getObject()))
                out.add(t.getObject());
        });
        return out;
    }

    static String where(Shape.Atom a) {
        if (a.path() != null)
            return "a property path (" + a.path() + ")" + (a.scopes().isEmpty() ? "" : " inside " + a.innermost().text);
        return a.innermost().text;
    }

    static String pad(int stratum) {
        return String.format("%02d", stratum);
    }
}
