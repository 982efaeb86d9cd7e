package org.treatygraph.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A query of the benchmark: a .rq resource of this package; parameters are sentinel IRIs. */
record BenchQuery(String name, String title, String text) {
    /** The measured queries, in the order they are run and printed. */
    static final List<String> NAMES = List.of(
        "q1-events-of-2019", "q2-attended-events", "q3-met-whom", "q4-capacity", "q5-lineage",
        "q6-foreign-ministers", "q7-count-persons", "q8-disputed-territories", "q9-posts-held");

    /** Parameter sentinels and the pick query that chooses each one's value on the dataset. */
    static final Map<String, String> PARAMETERS = Map.of(
        "urn:treatygraph:bench:person", "pick-person",
        "urn:treatygraph:bench:agreement", "pick-agreement",
        "urn:treatygraph:bench:state", "pick-state");

    static BenchQuery load(String name) {
        String resource = name + ".rq";
        try (InputStream in = BenchQuery.class.getResourceAsStream(resource)) {
            if (in == null)
                throw new IllegalStateException("missing resource org/treatygraph/bench/" + resource);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String title = text.lines().filter(l -> l.startsWith("# # ")).map(l -> l.substring(4)).findFirst().orElse(name);
            return new BenchQuery(name, title, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with each parameter sentinel replaced by the IRI chosen for it. */
    String bind(Map<String, String> values) {
        String t = text;
        for (Map.Entry<String, String> e : values.entrySet())
            t = t.replace("<" + e.getKey() + ">", "<" + e.getValue() + ">");
        return t;
    }

    static String resource(String name) {
        try (InputStream in = BenchQuery.class.getResourceAsStream(name)) {
            if (in == null)
                throw new IllegalStateException("missing resource org/treatygraph/bench/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
