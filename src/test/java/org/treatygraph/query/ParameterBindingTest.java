package org.treatygraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header parameters and their safe substitution into the query's syntax tree (no server). */
class ParameterBindingTest {
    @TempDir Path tmp;

    private static final String HEADER = """
        # # Meetings of two people
        # **Question:** When did ?a meet ?b?
        # **Parameters:** ?a (default person:taro-kono), ?b (default person:sergey-lavrov) the other one, ?from (default "2019-01-01"^^xsd:date), ?lang (default "en"; any term)
        # **Returns:** ?a ?b ?from ?lang ?x
        PREFIX person: <https://w3id.org/treatygraph/id/person/>
        PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
        """;

    private NamedQuery query(String body) throws IOException {
        Path file = tmp.resolve("meet.rq");
        Files.writeString(file, HEADER + body);
        return NamedQueries.read(file);
    }

    private static final String BODY = """
        SELECT ?a ?b ?from ?lang ?x WHERE {
          VALUES ?a { person:taro-kono }
          BIND(person:sergey-lavrov AS ?b)
          { SELECT ?from WHERE { VALUES ?from { "2019-01-01"^^xsd:date } } }
          BIND("en" AS ?lang)
          OPTIONAL { FILTER EXISTS { VALUES ?x { 1 } } }
        } ORDER BY ?a
        """;

    private static List<String> row(Query q) {
        try (QueryExec qe = QueryExec.graph(GraphFactory.createDefaultGraph()).query(q).build()) {
            RowSet rs = qe.select();
            var b = rs.next();
            return q.getResultVars().stream().map(v -> b.get(v) == null ? "" : b.get(v).toString()).toList();
        }
    }

    @Test
    void the_header_declares_parameters_with_defaults_descriptions_and_kinds() throws IOException {
        NamedQuery q = query(BODY);
        assertEquals(List.of(
            new Parameter("a", "person:taro-kono", "", false),
            new Parameter("b", "person:sergey-lavrov", "the other one", false),
            new Parameter("from", "\"2019-01-01\"^^xsd:date", "", false),
            new Parameter("lang", "\"en\"", "", true)), q.parameters());
        assertFalse(q.federated());
    }

    @Test
    void without_values_the_query_keeps_its_defaults() throws IOException {
        NamedQuery q = query(BODY);
        assertEquals(List.of("https://w3id.org/treatygraph/id/person/taro-kono", "https://w3id.org/treatygraph/id/person/sergey-lavrov",
                             "\"2019-01-01\"^^xsd:date", "\"en\"", ""),
                     row(q.bind(Map.of())));
    }

    @Test
    void the_text_is_parsed_once_and_every_query_handed_out_is_a_copy_of_its_own() throws IOException {
        NamedQuery q = query(BODY);
        Query first = q.parse();
        assertEquals(QueryFactory.create(q.text(), Syntax.syntaxARQ), first);      // the same syntax tree as a fresh parse
        assertNotSame(first, q.parse());
        // changing one copy, or binding values into another, leaves the next copies as the text says
        first.setLimit(1);
        first.getPrefixMapping().removeNsPrefix("person");
        first.setQueryPattern(new ElementGroup());
        assertEquals(List.of("https://w3id.org/treatygraph/id/person/shinzo-abe", "https://w3id.org/treatygraph/id/person/sergey-lavrov",
                             "\"2019-01-01\"^^xsd:date", "\"en\"", ""),
                     row(q.bind(Map.of("a", List.of("person:shinzo-abe")))));
        Query next = q.parse();
        assertEquals(Query.NOLIMIT, next.getLimit());
        assertEquals("https://w3id.org/treatygraph/id/person/", next.getPrefixMapping().getNsPrefixURI("person"));
        assertEquals(QueryFactory.create(q.text(), Syntax.syntaxARQ), next);
        assertEquals(List.of("https://w3id.org/treatygraph/id/person/taro-kono", "https://w3id.org/treatygraph/id/person/sergey-lavrov",
                             "\"2019-01-01\"^^xsd:date", "\"en\"", ""),
                     row(q.bind(Map.of())));
        assertEquals(List.of(NodeFactory.createURI("https://w3id.org/treatygraph/id/person/taro-kono")), q.defaults().get("a"));
        assertThrows(UnsupportedOperationException.class, () -> q.defaults().put("a", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> q.defaults().get("a").clear());
    }

    @Test
    void a_query_that_does_not_parse_says_so_with_its_file_every_time() throws IOException {
        NamedQuery q = query("SELECT ?x WHERE { ?x ");
        for (int i = 0; i < 2; i++) {
            QueryParseException e = assertThrows(QueryParseException.class, q::parse);
            assertTrue(e.getMessage().startsWith(tmp.resolve("meet.rq") + ": "), e.getMessage());
        }
    }

    @Test
    void values_replace_the_defaults_in_values_blocks_binds_and_sub_queries() throws IOException {
        NamedQuery q = query(BODY);
        Query bound = q.bind(Map.of("a", List.of("person:shinzo-abe"), "?b", List.of("<https://example.org/b>"),
                                    "from", List.of("2018-11-14"), "lang", List.of("\"ja\"")));
        assertEquals(List.of("https://w3id.org/treatygraph/id/person/shinzo-abe", "https://example.org/b",
                             "\"2018-11-14\"^^xsd:date", "\"ja\"", ""), row(bound));
    }

    @Test
    void a_values_parameter_takes_several_values_and_a_bind_parameter_one() throws IOException {
        NamedQuery q = query(BODY);
        Query bound = q.bind(Map.of("a", List.of("person:shinzo-abe", "person:vladimir-putin")));
        try (QueryExec qe = QueryExec.graph(GraphFactory.createDefaultGraph()).query(bound).build()) {
            assertEquals(2, org.apache.jena.atlas.iterator.Iter.count(qe.select()));
        }
        BadParameterException e = assertThrows(BadParameterException.class,
            () -> q.bind(Map.of("b", List.of("person:shinzo-abe", "person:vladimir-putin"))));
        assertTrue(e.getMessage().contains("takes one value"), e.getMessage());
    }

    @Test
    void the_substitution_changes_terms_only_never_the_shape_of_the_query() throws IOException {
        NamedQuery q = query(BODY);
        Query original = q.parse();
        Query bound = q.bind(Map.of("a", List.of("person:shinzo-abe")));
        String before = original.serialize().replace("person:taro-kono", "person:shinzo-abe");
        assertEquals(QueryFactory.create(before).serialize(), bound.serialize());
    }

    @Test
    void a_value_that_is_not_exactly_one_iri_or_literal_is_refused() throws IOException {
        NamedQuery q = query(BODY);
        for (String evil : List.of("person:taro-kono } ?s ?p ?o {", "person:taro-kono .", "?s", "_:b", "<a b>", "",
                                   "person:x person:y", "undefined:prefix", "\"Taro\"@en", "42"))
            assertThrows(BadParameterException.class, () -> q.bind(Map.of("a", List.of(evil))), evil);
    }

    @Test
    void a_literal_parameter_checks_the_datatype_and_the_lexical_form() throws IOException {
        NamedQuery q = query(BODY);
        for (String bad : List.of("2019-13-45", "\"2019-13-45\"^^xsd:date", "person:taro-kono", "yesterday"))
            assertThrows(BadParameterException.class, () -> q.bind(Map.of("from", List.of(bad))), bad);
        assertEquals("\"2019-01-14\"^^xsd:date",
                     row(q.bind(Map.of("from", List.of("\"2019-01-14\"")))).get(2));
    }

    @Test
    void an_any_term_parameter_takes_an_iri_or_a_literal() throws IOException {
        NamedQuery q = query(BODY);
        assertEquals("https://example.org/x", row(q.bind(Map.of("lang", List.of("<https://example.org/x>")))).get(3));
        assertEquals("\"ru\"@en", row(q.bind(Map.of("lang", List.of("\"ru\"@en")))).get(3));
        assertEquals("https://example.org/x", row(q.bind(Map.of("lang", List.of("https://example.org/x")))).get(3),
                     "a bare absolute IRI, as README says");
    }

    @Test
    void a_bare_iri_with_a_fragment_is_an_iri() throws IOException {
        NamedQuery q = query(BODY);
        assertEquals("https://w3id.org/treatygraph/ontology#State",
                     row(q.bind(Map.of("a", List.of("https://w3id.org/treatygraph/ontology#State")))).get(0));
        assertEquals("https://w3id.org/treatygraph/ontology#State",
                     row(q.bind(Map.of("lang", List.of("https://w3id.org/treatygraph/ontology#State")))).get(3));
    }

    @Test
    void a_value_with_a_control_character_is_refused() throws IOException {
        NamedQuery q = query(BODY);
        BadParameterException e = assertThrows(BadParameterException.class,
            () -> q.bind(Map.of("a", List.of("https://example.org/\u0000x"))));
        assertTrue(e.getMessage().contains("control character (U+0000)"), e.getMessage());
    }

    @Test
    void an_undeclared_parameter_is_refused_with_the_list_of_declared_ones() throws IOException {
        NamedQuery q = query(BODY);
        BadParameterException e = assertThrows(BadParameterException.class, () -> q.bind(Map.of("x", List.of("1"))));
        assertEquals("Unknown parameter 'x' for query 'meet': it takes ?a, ?b, ?from, ?lang", e.getMessage());
    }

    @Test
    void an_iri_parameter_says_what_is_expected_with_the_default_as_example() throws IOException {
        NamedQuery q = query(BODY);
        BadParameterException e = assertThrows(BadParameterException.class, () -> q.bind(Map.of("a", List.of("Taro Kono"))));
        assertEquals("Parameter ?a of query 'meet': 'Taro Kono' is not an IRI: expected an IRI, as <https://…> or prefix:name"
                     + " (e.g. person:taro-kono)", e.getMessage());
    }

    @Test
    void a_declared_parameter_that_no_values_or_bind_binds_is_a_fault_of_the_query_not_of_the_caller() throws IOException {
        NamedQuery q = query("SELECT ?x WHERE { VALUES ?x { 1 } } ORDER BY ?x");
        assertThrows(IllegalStateException.class, () -> q.bind(Map.of("a", List.of("person:shinzo-abe"))));
    }

    @Test
    void parameters_none_means_no_parameters_and_the_federated_flag_is_read() throws IOException {
        Path file = tmp.resolve("fed.rq");
        Files.writeString(file, """
            # # F
            # **Question:** Q?
            # **Parameters:** none
            # **Federated:** yes — calls Wikidata
            # **Returns:** ?x
            SELECT ?x { SERVICE <https://query.wikidata.org/sparql> { ?x ?p ?o } } ORDER BY ?x
            """);
        NamedQuery q = NamedQueries.read(file);
        assertTrue(q.parameters().isEmpty());
        assertTrue(q.federated());
        assertEquals(NodeFactory.createURI("https://w3id.org/treatygraph/id/person/taro-kono"),
                     query(BODY).defaults().get("a").get(0));
    }
}
