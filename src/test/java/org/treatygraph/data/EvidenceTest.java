package org.treatygraph.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Evidence is verbatim: every tg:evidence (and tg:quote) literal of graph source/NNN occurs in the
 * text file that src:NNN tg:fileName names, after normalising whitespace only. An omission inside
 * an evidence literal is marked "…": the parts around it must occur in that order.
 */
class EvidenceTest {

    @TestFactory
    Stream<DynamicTest> every_evidence_quote_occurs_verbatim_in_its_source_text() {
        return SourceData.SOURCE_NUMBERS.stream().map(nnn -> DynamicTest.dynamicTest(
            "source/" + nnn + ": every tg:evidence occurs in the text", () -> checkLiterals(nnn, "tg:evidence")));
    }

    @TestFactory
    Stream<DynamicTest> every_quote_occurs_verbatim_in_its_source_text() {
        return SourceData.SOURCE_NUMBERS.stream().map(nnn -> DynamicTest.dynamicTest(
            "source/" + nnn + ": every tg:quote occurs in the text", () -> checkLiterals(nnn, "tg:quote")));
    }

    @Test
    void every_source_graph_carries_evidence_on_its_key_nodes() {
        // Statements, decisions, counts, claims, events, agreements, provisions and names described
        // (typed) in a source graph carry at least one tg:evidence in that same graph.
        List<String> missing = SourceData.select("""
            SELECT ?g ?node ?class WHERE {
              GRAPH ?g { ?node a ?class . }
              FILTER(STRSTARTS(STR(?g), "https://w3id.org/treatygraph/graph/source/"))
              GRAPH <https://w3id.org/treatygraph/graph/ontology> {
                VALUES ?key { tg:Statement tg:Decision tg:StatedCount tg:TerritorialClaim tg:Event
                              tg:Agreement tg:Provision tg:Name }
                ?class rdfs:subClassOf* ?key .
              }
              FILTER NOT EXISTS { GRAPH ?g { ?node tg:evidence ?e } }
            } ORDER BY ?g ?node""");
        assertTrue(missing.isEmpty(), "key nodes without evidence in their source graph:\n" + String.join("\n", missing));
    }

    @Test
    void the_repository_copies_of_the_source_texts_match_the_shared_originals() {
        Assumptions.assumeTrue(Files.isDirectory(SourceData.SHARED_TEXTS), "no ../shared/sources on this machine");
        List<Path> originals = SourceData.list(SourceData.SHARED_TEXTS, false, ".txt");
        assertFalse(originals.isEmpty(), "no texts in " + SourceData.SHARED_TEXTS);
        for (Path original : originals) {
            Path copy = SourceData.TEXTS.resolve(original.getFileName().toString());
            assertTrue(Files.exists(copy), "missing repository copy " + copy);
            assertEquals(SourceData.read(original), SourceData.read(copy), "copy differs from " + original);
        }
    }

    private static void checkLiterals(String nnn, String property) {
        String graph = SourceData.sourceGraph(nnn);
        List<String> fileNames = SourceData.select(
            "SELECT ?f WHERE { GRAPH <" + graph + "> { src:" + nnn + " tg:fileName ?f } }");
        assertEquals(1, fileNames.size(), "source/" + nnn + " must name exactly one tg:fileName of src:" + nnn);
        String fileName = fileNames.get(0).replaceFirst("^\\?f=\"(.*)\"$", "$1");
        Path text = SourceData.TEXTS.resolve(fileName);
        assertTrue(Files.exists(text), "source/" + nnn + " names " + fileName + ", which is not in " + SourceData.TEXTS);
        String normalizedText = SourceData.normalizeWhitespace(SourceData.read(text));

        List<String> literals = literals(graph, property);
        assertFalse(literals.isEmpty(), "source/" + nnn + " has no " + property);
        List<String> notFound = new ArrayList<>();
        for (String literal : literals)
            if (!occursInOrder(literal, normalizedText))
                notFound.add(literal);
        if (!notFound.isEmpty())
            fail(notFound.size() + " of " + literals.size() + " " + property + " literals of source/" + nnn
                 + " do not occur verbatim in " + fileName + ":\n  " + String.join("\n  ", notFound));
    }

    private static List<String> literals(String graph, String property) {
        var dsg = SourceData.dataset();
        return org.apache.jena.system.Txn.calculateRead(dsg, () -> {
            List<String> out = new ArrayList<>();
            org.apache.jena.sparql.exec.QueryExec.dataset(dsg)
                .query(SourceData.PREFIXES + "SELECT DISTINCT ?v WHERE { GRAPH <" + graph + "> { ?s " + property + " ?v } } ORDER BY ?v")
                .select()
                .forEachRemaining(b -> out.add(b.get("v").getLiteralLexicalForm()));
            return out;
        });
    }

    /** Whether the literal, split at "…", occurs part after part in the (normalised) text. */
    static boolean occursInOrder(String literal, String normalizedText) {
        int from = 0;
        for (String part : literal.split("…")) {
            String p = SourceData.normalizeWhitespace(part);
            if (p.isEmpty())
                continue;
            int at = normalizedText.indexOf(p, from);
            if (at < 0)
                return false;
            from = at + p.length();
        }
        return true;
    }
}
