package org.treatygraph.derive;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule loader refuses, naming the file and the reason, a rule that reads what its own stratum
 * derives through a pattern the delta rewrite cannot see, and a predicate derived in two strata
 * below the top; rules within those limits load.
 */
class RuleLoaderTest {
    static final String EX = "PREFIX ex: <http://example.org/>\n";
    static final String PRODUCER = EX + "CONSTRUCT { ?x ex:derived ?y } WHERE { ?x ex:link ?y }";

    @TempDir Path dir;

    static DatasetGraph data(String trig) {
        DatasetGraph d = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(d, () -> RDFDataMgr.read(d, new StringReader(EX.replace("PREFIX ex:", "@prefix ex:") + " .\n" + trig),
                                                  null, Lang.TRIG));
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        FILTER NOT EXISTS | CONSTRUCT { ?x ex:alone true } WHERE { ?x ex:link ?y FILTER NOT EXISTS { ?y ex:derived ?z } }
        OPTIONAL          | CONSTRUCT { ?x ex:seen ?z } WHERE { ?x ex:link ?y OPTIONAL { ?y ex:derived ?z } }
        MINUS             | CONSTRUCT { ?x ex:left ?y } WHERE { ?x ex:link ?y MINUS { ?y ex:derived ?z } }
        a property path   | CONSTRUCT { ?x ex:far ?y } WHERE { ?x ex:derived+ ?y }
        a sub-query       | CONSTRUCT { ?x ex:count ?n } WHERE { { SELECT ?x (COUNT(*) AS ?n) { ?x ex:derived ?y } GROUP BY ?x } }
        """)
    void a_rule_reading_what_its_own_stratum_derives_through_a_pattern_the_delta_rewrite_cannot_see_is_refused(
            String where, String rule) throws IOException {
        Files.writeString(dir.resolve("10-producer.rq"), PRODUCER);
        Files.writeString(dir.resolve("10-reader.rq"), EX + rule);
        DatasetGraph d = data("ex:g { ex:a ex:link ex:b }");
        DeriveException e = assertThrows(DeriveException.class, () -> Deriver.derive(d, dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("10-reader.rq").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("<http://example.org/derived>"), e.getMessage());
        assertTrue(e.getMessage().contains(where.equals("a sub-query") ? "a sub-query" : where), e.getMessage());
        assertTrue(e.getMessage().contains("stratum 10 derives"), e.getMessage());
    }

    @Test
    void the_same_rule_in_a_later_stratum_or_reading_the_stated_graphs_loads() throws IOException {
        Files.writeString(dir.resolve("10-producer.rq"), PRODUCER);
        Files.writeString(dir.resolve("20-reader.rq"),
                          EX + "CONSTRUCT { ?x ex:alone true } WHERE { ?x ex:link ?y FILTER NOT EXISTS { ?y ex:derived ?z } }");
        Files.writeString(dir.resolve("10-stated.rq"),
                          EX + "CONSTRUCT { ?x ex:alone2 true } WHERE { ?x ex:link ?y FILTER NOT EXISTS { GRAPH ?g { ?y ex:derived ?z } } }");
        assertDoesNotThrow(() -> Deriver.derive(data("ex:g { ex:a ex:link ex:b }"), dir));
    }

    @Test
    void a_predicate_derived_in_two_strata_below_the_top_is_refused() throws IOException {
        Files.writeString(dir.resolve("05-one.rq"), PRODUCER);
        Files.writeString(dir.resolve("07-two.rq"), EX + "CONSTRUCT { ?y ex:derived ?x } WHERE { ?x ex:back ?y }");
        Files.writeString(dir.resolve("10-top.rq"), EX + "CONSTRUCT { ?x ex:top ?y } WHERE { ?x ex:derived ?y }");
        DeriveException e = assertThrows(DeriveException.class, () -> Deriver.derive(data("ex:g { ex:a ex:link ex:b }"), dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("07-two.rq").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("stratum 05 derives"), e.getMessage());
    }

    @Test
    void what_a_variable_template_derives_is_read_from_the_data_so_a_super_property_can_make_a_rule_refused() throws IOException {
        Files.writeString(dir.resolve("10-super.rq"), EX + "CONSTRUCT { ?x ?q ?y } WHERE { ?p ex:sub ?q . ?x ?p ?y }");
        Files.writeString(dir.resolve("10-alone.rq"),
                          EX + "CONSTRUCT { ?x ex:alone true } WHERE { ?x ex:link ?y FILTER NOT EXISTS { ?y ex:mark ?z } }");
        assertDoesNotThrow(() -> Deriver.derive(data("ex:g { ex:a ex:link ex:b . ex:link ex:sub ex:related }"), dir));
        DeriveException e = assertThrows(DeriveException.class,
            () -> Deriver.derive(data("ex:g { ex:a ex:link ex:b . ex:link ex:sub ex:mark }"), dir));
        assertTrue(e.getMessage().contains("10-alone.rq") && e.getMessage().contains("rule 10-super"), e.getMessage());
    }

    @Test
    void an_aggregate_over_all_the_data_or_a_limit_is_not_incremental_and_a_grouped_aggregate_and_a_negation_are() throws IOException {
        Files.writeString(dir.resolve("20-count.rq"),
                          EX + "CONSTRUCT { ?x ex:n ?n } WHERE { { SELECT ?x (COUNT(*) AS ?n) { ?x ex:link ?y } GROUP BY ?x } }");
        Files.writeString(dir.resolve("20-total.rq"),
                          EX + "CONSTRUCT { ex:all ex:n ?n } WHERE { { SELECT (COUNT(*) AS ?n) { ?x ex:link ?y } } }");
        Files.writeString(dir.resolve("20-by-label.rq"),
                          EX + "CONSTRUCT { ex:all ex:n ?n } WHERE { { SELECT (COUNT(*) AS ?n) { ?x ex:link ?y } GROUP BY (STR(?x)) } }");
        Files.writeString(dir.resolve("20-first.rq"),
                          EX + "CONSTRUCT { ?x ex:first ?y } WHERE { ?x ex:link ?z { SELECT ?y { ?y ex:link ?w } LIMIT 1 } }");
        Files.writeString(dir.resolve("20-alone.rq"),
                          EX + "CONSTRUCT { ?x ex:alone true } WHERE { ?x ex:link ?y FILTER NOT EXISTS { ?y ex:link ?z } }");
        Rule count = Rule.load(dir.resolve("20-count.rq"));
        assertTrue(count.incremental());
        assertTrue(count.shape.fixed.contains(org.apache.jena.sparql.core.Var.alloc("x")), "the group key is bound in every solution");
        assertFalse(Rule.load(dir.resolve("20-total.rq")).incremental());
        assertFalse(Rule.load(dir.resolve("20-by-label.rq")).incremental());
        assertFalse(Rule.load(dir.resolve("20-first.rq")).incremental());
        assertTrue(Rule.load(dir.resolve("20-alone.rq")).incremental());
    }
}
