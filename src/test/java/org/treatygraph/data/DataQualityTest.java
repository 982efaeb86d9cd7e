package org.treatygraph.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Quality gates of the data: links, shapes, terms, dates, IRIs, graphs, labels. */
class DataQualityTest {

    private static final String SOURCE_GRAPHS = "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/treatygraph/graph/source/\"))";

    @Test
    void no_two_iris_carry_the_same_wikidata_link() {
        List<String> shared = SourceData.select("""
            SELECT ?item (GROUP_CONCAT(DISTINCT STR(?entity); separator=" , ") AS ?entities) WHERE {
              GRAPH ?g { ?entity owl:sameAs ?item . }
              FILTER(?g != <https://w3id.org/treatygraph/graph/ontology>)
              FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/"))
            }
            GROUP BY ?item HAVING (COUNT(DISTINCT ?entity) > 1) ORDER BY ?item""");
        assertTrue(shared.isEmpty(), "Wikidata items linked from more than one IRI:\n" + String.join("\n", shared));
    }

    @Test
    void all_data_conforms_to_the_shapes() {
        Path shapesFile = SourceData.ROOT.resolve("ontology/shapes.ttl");
        Assumptions.assumeTrue(Files.exists(shapesFile), "ontology/shapes.ttl does not exist yet");
        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph(shapesFile.toString()));
        // As the load stage does: the union of the ontology graph and every data graph.
        DatasetGraph dsg = SourceData.dataset();
        Graph union = GraphFactory.createDefaultGraph();
        Txn.executeRead(dsg, () -> {
            Iterator<Quad> quads = dsg.find();
            quads.forEachRemaining(q -> union.add(q.asTriple()));
        });
        List<String> violations = new ArrayList<>();
        for (ReportEntry e : ShaclValidator.get().validate(shapes, union).getEntries())
            if (e.severity() == Severity.Violation)
                violations.add(e.focusNode() + "  " + (e.resultPath() == null ? "" : e.resultPath() + "  ") + e.message());
        assertTrue(violations.isEmpty(), violations.size() + " SHACL violations:\n" + String.join("\n", violations));
    }

    @Test
    void every_term_used_in_the_source_graphs_is_declared_in_the_ontology() {
        List<String> undeclared = SourceData.select("""
            SELECT DISTINCT ?term ?use ?g WHERE {
              {
                GRAPH ?g { ?s ?term ?o } BIND("predicate" AS ?use)
                FILTER NOT EXISTS { GRAPH <https://w3id.org/treatygraph/graph/ontology> {
                  ?term a ?k . FILTER(?k IN (owl:ObjectProperty, owl:DatatypeProperty, owl:AnnotationProperty, rdf:Property)) } }
              } UNION {
                GRAPH ?g { ?s a ?term } BIND("class" AS ?use)
                FILTER NOT EXISTS { GRAPH <https://w3id.org/treatygraph/graph/ontology> { ?term a ?k . FILTER(?k IN (owl:Class, rdfs:Class)) } }
              } UNION {
                GRAPH ?g { { ?term ?p ?o } UNION { ?s ?p ?term } } BIND("tg: term" AS ?use)
                FILTER(isIRI(?term) && STRSTARTS(STR(?term), "https://w3id.org/treatygraph/ontology#"))
                FILTER NOT EXISTS { GRAPH <https://w3id.org/treatygraph/graph/ontology> { ?term a ?k } }
              }
              """ + SOURCE_GRAPHS + """
              FILTER(!STRSTARTS(STR(?term), "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
                  && !STRSTARTS(STR(?term), "http://www.w3.org/2000/01/rdf-schema#")
                  && !STRSTARTS(STR(?term), "http://www.w3.org/2002/07/owl#"))
            } ORDER BY ?term ?g""");
        assertTrue(undeclared.isEmpty(), "undeclared terms:\n" + String.join("\n", undeclared));
    }

    @Test
    void every_date_in_the_source_graphs_is_an_xsd_date() {
        List<String> bad = SourceData.select("""
            SELECT ?g ?s ?p ?v WHERE {
              VALUES ?p { tg:startDate tg:endDate tg:earliestDate tg:latestDate tg:agreementDate tg:entryIntoForce
                          tg:statementDate tg:asOfDate tg:assertedDate tg:reportDate dct:date schema:datePublished }
              GRAPH ?g { ?s ?p ?v }
              """ + SOURCE_GRAPHS + """
              # ?parsed stays unbound when the lexical form is not a valid date ("2019-02-30")
              BIND(IF(isLiteral(?v) && datatype(?v) = xsd:date, xsd:date(STR(?v)), ?none) AS ?parsed)
              FILTER(!BOUND(?parsed))
            } ORDER BY ?g ?s""");
        assertTrue(bad.isEmpty(), "date values that are not xsd:date:\n" + String.join("\n", bad));
    }

    @Test
    void the_source_graphs_contain_no_blank_nodes() {
        List<String> blank = SourceData.select("""
            SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } """ + SOURCE_GRAPHS + """
              FILTER(isBlank(?s) || isBlank(?o)) } LIMIT 20""");
        assertTrue(blank.isEmpty(), "blank nodes in source graphs:\n" + String.join("\n", blank));
    }

    @Test
    void each_source_file_holds_exactly_its_own_graph_and_describes_its_text() {
        for (String nnn : SourceData.SOURCE_NUMBERS) {
            Path file = SourceData.SOURCES.resolve(nnn + ".trig");
            assertTrue(Files.exists(file), "missing " + file);
            DatasetGraph one = DatasetGraphFactory.createTxnMem();
            Txn.executeWrite(one, () -> RDFDataMgr.read(one, file.toString()));
            Set<String> graphs = new TreeSet<>();
            Txn.executeRead(one, () -> {
                Iterator<Node> names = one.listGraphNodes();
                names.forEachRemaining(n -> graphs.add(n.getURI()));
                assertTrue(one.getDefaultGraph().isEmpty(), file + " has triples outside any GRAPH block");
            });
            assertEquals(Set.of(SourceData.sourceGraph(nnn)), graphs, file + " must hold only graph source/" + nnn);
            String g = SourceData.sourceGraph(nnn);
            assertTrue(SourceData.ask("ASK { GRAPH <" + g + "> { <" + g + "> a tg:SourceGraph ; tg:sourceText src:" + nnn
                + " ; prov:wasDerivedFrom src:" + nnn + " ; rdfs:label ?l . src:" + nnn + " a tg:SourceText ; dct:title ?t ;"
                + " tg:publisherDescription ?p ; tg:fileName ?f ; rdfs:label ?sl . } }"),
                "source/" + nnn + " must describe itself and its text (docs/data-modelling.md)");
        }
    }

    @Test
    void every_entity_has_at_most_one_label_per_language_across_all_graphs() {
        List<String> multiple = SourceData.select("""
            SELECT ?s ?lang (GROUP_CONCAT(DISTINCT STR(?l); separator=" | ") AS ?labels) WHERE {
              GRAPH ?g { ?s rdfs:label ?l } BIND(LANG(?l) AS ?lang)
            } GROUP BY ?s ?lang HAVING (COUNT(DISTINCT ?l) > 1) ORDER BY ?s""");
        assertTrue(multiple.isEmpty(), "several labels in one language:\n" + String.join("\n", multiple));
    }

    @Test
    void every_iri_in_the_source_graphs_uses_a_kind_of_the_iri_registry() {
        Set<String> kinds = registryKinds();
        assertFalse(kinds.isEmpty(), "no kinds found in docs/iri-registry.md");
        List<String> iris = SourceData.select("""
            SELECT DISTINCT ?x WHERE { GRAPH ?g { { ?x ?p ?o } UNION { ?s ?p ?x } } """ + SOURCE_GRAPHS + """
              FILTER(isIRI(?x) && STRSTARTS(STR(?x), "https://w3id.org/treatygraph/id/")) } ORDER BY ?x""");
        List<String> unknown = new ArrayList<>();
        for (String row : iris) {
            String iri = row.replaceFirst("^\\?x=<?([^>]*)>?$", "$1");
            String rest = iri.substring("https://w3id.org/treatygraph/id/".length());
            String kind = rest.substring(0, rest.indexOf('/') + 1);
            String slug = rest.substring(rest.indexOf('/') + 1);
            if (!kinds.contains(kind) || !slug.matches("[a-z0-9]+(-[a-z0-9]+)*(--[a-z0-9]+(-[a-z0-9]+)*)?"))
                unknown.add(iri);
        }
        assertTrue(unknown.isEmpty(), "IRIs of no registered kind, or with a slug that is not lower-case hyphenated ASCII:\n"
            + String.join("\n", unknown));
    }

    /** The kind prefixes (`state/`, `person/`…) of the first column of docs/iri-registry.md. */
    private static Set<String> registryKinds() {
        Set<String> kinds = new TreeSet<>();
        Pattern cell = Pattern.compile("`([a-z]+/)`");
        for (String line : SourceData.read(SourceData.ROOT.resolve("docs/iri-registry.md")).split("\\R")) {
            if (!line.startsWith("|"))
                continue;
            String first = line.split("\\|")[1];
            Matcher m = cell.matcher(first);
            while (m.find())
                kinds.add(m.group(1));
        }
        kinds.add("participation/");
        kinds.add("statement/");
        kinds.add("decision/");
        kinds.add("count/");
        return kinds;
    }
}
