package org.treatygraph.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.profiles.OWL2RLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.util.SimpleIRIMapper;

/**
 * The ontology files themselves: they parse, carry the header metadata, stay inside OWL 2 RL
 * (checked with the OWL API's profile checker), and keep the alignments that users of
 * schema.org, W3C ORG, PROV-O and SKOS rely on.
 */
class OntologyTest {

    static final String TG = OntologyFiles.TG;
    static final String SCHEMA = "http://schema.org/";
    static final String ORG = "http://www.w3.org/ns/org#";
    static final String PROV = "http://www.w3.org/ns/prov#";
    static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    static final String SKOSXL = "http://www.w3.org/2008/05/skos-xl#";
    static final String CORE_IRI = "https://w3id.org/treatygraph/ontology";

    static Model ontology;

    @BeforeAll
    static void readOntology() {
        ontology = ModelFactory.createDefaultModel();
        OntologyFiles.ontologyFiles().forEach(f -> RDFDataMgr.read(ontology, f.toString()));
    }

    // ---- parsing and header

    @TestFactory
    Stream<DynamicTest> each_ontology_file_parses_and_declares_one_ontology_with_the_full_header() {
        return Stream.of(OntologyFiles.CORE, OntologyFiles.ALIGNMENTS).map(f -> DynamicTest.dynamicTest(
            f.getFileName() + " parses and has dct:title, dct:description, dct:created, dct:modified, dct:license, owl:versionIRI and owl:versionInfo",
            () -> {
                Model m = RDFDataMgr.loadModel(f.toString());
                List<Resource> onts = m.listSubjectsWithProperty(RDF.type, OWL2.Ontology).toList();
                assertEquals(1, onts.size(), "one owl:Ontology per file");
                Resource o = onts.get(0);
                List<String> missing = new ArrayList<>();
                for (Property p : List.of(DCTerms.title, DCTerms.description, DCTerms.created, DCTerms.modified,
                                          DCTerms.license, OWL2.versionIRI, OWL2.versionInfo))
                    if (!o.hasProperty(p))
                        missing.add(m.shortForm(p.getURI()));
                assertEquals(List.of(), missing, "missing header properties");
                Literal created = o.getProperty(DCTerms.created).getLiteral();
                Literal modified = o.getProperty(DCTerms.modified).getLiteral();
                assertEquals(XSDDatatype.XSDdate.getURI(), created.getDatatypeURI(), "dct:created is an xsd:date");
                assertEquals(XSDDatatype.XSDdate.getURI(), modified.getDatatypeURI(), "dct:modified is an xsd:date");
                assertTrue(created.getLexicalForm().compareTo(modified.getLexicalForm()) <= 0, "modified before created");
                String version = o.getProperty(OWL2.versionInfo).getString();
                String versionIri = o.getPropertyResourceValue(OWL2.versionIRI).getURI();
                assertEquals(o.getURI() + "/" + version, versionIri, "owl:versionIRI is the ontology IRI + '/' + owl:versionInfo");
            }));
    }

    @Test
    void the_alignments_import_the_core_ontology_and_share_its_version() {
        Resource core = ontology.getResource(CORE_IRI);
        Resource alignments = ontology.getResource(CORE_IRI + "/alignments");
        assertTrue(alignments.hasProperty(OWL2.imports, core));
        assertEquals(core.getProperty(OWL2.versionInfo).getString(), alignments.getProperty(OWL2.versionInfo).getString());
    }

    // ---- OWL 2 RL profile (OWL API)

    @TestFactory
    Stream<DynamicTest> each_ontology_file_is_inside_the_owl_2_rl_profile() {
        return Stream.of(OntologyFiles.CORE, OntologyFiles.ALIGNMENTS).map(f -> DynamicTest.dynamicTest(
            f.getFileName() + " is inside OWL 2 RL according to the OWL API profile checker", () -> {
                OWLOntology o = owlApiLoad(f);
                OWLProfileReport report = new OWL2RLProfile().checkOntology(o);
                String violations = report.getViolations().stream().map(OWLProfileViolation::toString)
                    .collect(Collectors.joining("\n  "));
                assertTrue(report.isInProfile(), f.getFileName() + " leaves OWL 2 RL:\n  " + violations);
            }));
    }

    @TestFactory
    Stream<DynamicTest> the_owl_api_reads_every_triple_of_each_ontology_file() {
        return Stream.of(OntologyFiles.CORE, OntologyFiles.ALIGNMENTS).map(f -> DynamicTest.dynamicTest(
            f.getFileName() + " leaves no unparsed triples in the OWL API", () -> {
                OWLOntology o = owlApiLoad(f);
                assertTrue(o.getAxiomCount() > 0);
                List<String> unparsed = o.getFormat().getOntologyLoaderMetaData()
                    .map(md -> md.getUnparsedTriples().map(Object::toString).sorted().toList())
                    .orElse(List.of());
                assertEquals(List.of(), unparsed, "triples the OWL API could not map to axioms");
            }));
    }

    @Test
    void the_profile_checker_rejects_an_axiom_outside_owl_2_rl() throws Exception {
        // an existential on the right of a sub-class axiom is OWL 2 EL/DL, not RL: the check must see it
        String ttl = "@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            + "<urn:x:o> a owl:Ontology . <urn:x:A> a owl:Class . <urn:x:B> a owl:Class . <urn:x:p> a owl:ObjectProperty .\n"
            + "<urn:x:A> rdfs:subClassOf [ a owl:Restriction ; owl:onProperty <urn:x:p> ; owl:someValuesFrom <urn:x:B> ] .\n";
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        OWLOntology o = m.loadOntologyFromOntologyDocument(
            new org.semanticweb.owlapi.io.StringDocumentSource(ttl, "urn:x:o", new org.semanticweb.owlapi.formats.TurtleDocumentFormat(), null));
        OWLProfileReport report = new OWL2RLProfile().checkOntology(o);
        assertFalse(report.isInProfile());
        assertFalse(report.getViolations().isEmpty());
    }

    /** Loads a file with the OWL API, resolving the import of the core ontology to the local file (no network). */
    private static OWLOntology owlApiLoad(Path file) throws Exception {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        m.getOntologyConfigurator().setMissingImportHandlingStrategy(MissingImportHandlingStrategy.THROW_EXCEPTION);
        m.getIRIMappers().add(new SimpleIRIMapper(IRI.create(CORE_IRI),
                                                  IRI.create(OntologyFiles.CORE.toAbsolutePath().toFile())));
        return m.loadOntologyFromOntologyDocument(new File(file.toString()));
    }

    // ---- what issue 3 asks the ontology to describe, and the alignments

    @Test
    void every_event_class_is_a_subclass_of_schema_event() {
        List<String> notEvents = subclassesOf(TG + "Event").stream()
            .filter(c -> !superclassesOf(c).contains(SCHEMA + "Event")).toList();
        assertFalse(subclassesOf(TG + "Event").isEmpty());
        assertEquals(List.of(), notEvents);
    }

    @Test
    void the_event_hierarchy_has_the_diplomatic_event_kinds_the_texts_need() {
        Set<String> events = subclassesOf(TG + "Event");
        for (String c : List.of("Summit", "ForeignMinistersMeeting", "EnvoyConsultation", "OfficialVisit", "Summons",
                                "PressConference", "WorkingLunch", "MultilateralConference", "NegotiationRound",
                                "Negotiation", "HistoricalEvent"))
            assertTrue(events.contains(TG + c), c + " is an event class");
        assertTrue(superPropertiesOf(TG + "onSidelinesOf").contains(TG + "subEventOf"), "on the sidelines of ⊑ sub-event of");
    }

    @Test
    void persons_organizations_states_and_places_are_schema_org_types() {
        assertTrue(superclassesOf(TG + "Person").containsAll(List.of(SCHEMA + "Person", PROV + "Person", PROV + "Agent")));
        assertTrue(superclassesOf(TG + "Organization").containsAll(List.of(SCHEMA + "Organization", ORG + "Organization")));
        assertTrue(superclassesOf(TG + "State").containsAll(List.of(SCHEMA + "Country", SCHEMA + "Organization", SCHEMA + "Place")));
        assertTrue(superclassesOf(TG + "HistoricalState").contains(SCHEMA + "Country"));
        for (String place : List.of("City", "Island", "IslandGroup", "Archipelago", "AdministrativeArea", "Region",
                                    "BodyOfWater", "Building", "DisputedTerritory"))
            assertTrue(superclassesOf(TG + place).contains(SCHEMA + "Place"), place + " ⊑ schema:Place");
    }

    @Test
    void event_participants_dates_and_places_reach_schema_org_properties() {
        assertTrue(superPropertiesOf(TG + "participant").contains(SCHEMA + "attendee"));
        assertTrue(superPropertiesOf(TG + "startDate").contains(SCHEMA + "startDate"));
        assertTrue(superPropertiesOf(TG + "endDate").contains(SCHEMA + "endDate"));
        assertTrue(superPropertiesOf(TG + "location").contains(SCHEMA + "location"));
        // statuses reach schema:eventStatus as schema.org values only (rule 10-view-event-status), never as tg: values
        assertTrue(!superPropertiesOf(TG + "eventStatus").contains(SCHEMA + "eventStatus"));
        // participants are derived from qualified participations by a property chain
        assertTrue(ontology.getResource(TG + "participant").hasProperty(OWL2.propertyChainAxiom));
    }

    @Test
    void posts_and_tenures_are_aligned_to_w3c_org() {
        assertTrue(superclassesOf(TG + "Post").contains(ORG + "Post"));
        assertTrue(superclassesOf(TG + "Tenure").contains(ORG + "Membership"));
        assertTrue(superPropertiesOf(TG + "holder").contains(ORG + "member"));
        assertTrue(superPropertiesOf(TG + "postIn").contains(ORG + "postIn"));
    }

    @Test
    void names_concepts_sources_and_claims_are_aligned_to_skos_and_prov() {
        assertTrue(superclassesOf(TG + "Name").contains(SKOSXL + "Label"));
        assertTrue(superPropertiesOf(TG + "hasName").contains(SKOSXL + "altLabel"));
        assertTrue(superclassesOf(TG + "Concept").contains(SKOS + "Concept"));
        for (String e : List.of("SourceText", "TerritorialClaim", "Agreement", "Statement", "StatedCount"))
            assertTrue(superclassesOf(TG + e).contains(PROV + "Entity"), e + " ⊑ prov:Entity");
        assertTrue(superPropertiesOf(TG + "sourceText").contains(PROV + "wasDerivedFrom"));
    }

    @Test
    void treaty_lineage_is_transitive_and_every_lineage_step_reaches_it() {
        assertTrue(ontology.getResource(TG + "restsOn").hasProperty(RDF.type, OWL2.TransitiveProperty));
        for (String step : List.of("basedOn", "reaffirms", "respondsTo", "amends", "supersedes",
                                   "withdrawsObligationOf", "conditionsObligationOf"))
            assertTrue(superPropertiesOf(TG + step).contains(TG + "restsOn"), step + " ⊑ tg:restsOn");
        assertFalse(superPropertiesOf(TG + "refersTo").contains(TG + "restsOn"), "refersTo is not lineage");
    }

    @Test
    void every_controlled_list_has_the_values_the_texts_need() {
        Set<String> statuses = instancesOf(TG + "EventStatus");
        for (String s : List.of("Held", "Planned", "Postponed", "Cancelled", "UnderConsideration", "NotHeld"))
            assertTrue(statuses.contains(TG + s), s + " is an event status");
        Set<String> roles = instancesOf(TG + "ParticipantRole");
        for (String r : List.of("Host", "Guest", "Chair", "Summoner", "Summoned", "Envoy"))
            assertTrue(roles.contains(TG + r), r + " is a participant role");
        Set<String> stances = instancesOf(TG + "ClaimStance");
        for (String s : List.of("ClaimsSovereignty", "Administers", "DisputesSovereignty"))
            assertTrue(stances.contains(TG + s), s + " is a claim stance");
    }

    // ---- helpers (reflexive-transitive closure over the asserted hierarchy)

    private static Set<String> superclassesOf(String c) {
        return closure(c, "<http://www.w3.org/2000/01/rdf-schema#subClassOf>*", false);
    }

    private static Set<String> subclassesOf(String c) {
        return closure(c, "<http://www.w3.org/2000/01/rdf-schema#subClassOf>*", true);
    }

    private static Set<String> superPropertiesOf(String p) {
        return closure(p, "<http://www.w3.org/2000/01/rdf-schema#subPropertyOf>*", false);
    }

    private static Set<String> instancesOf(String c) {
        return closure(c, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*", true);
    }

    private static Set<String> closure(String start, String path, boolean inverse) {
        String q = inverse ? "SELECT ?x { ?x " + path + " <" + start + "> }" : "SELECT ?x { <" + start + "> " + path + " ?x }";
        Set<String> out = new TreeSet<>();
        try (QueryExecution qe = QueryExecution.model(ontology).query(q).build()) {
            qe.execSelect().forEachRemaining(s -> {
                RDFNode x = s.get("x");
                if (x.isURIResource())
                    out.add(x.asResource().getURI());
            });
        }
        return out;
    }
}
