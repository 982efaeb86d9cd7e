package org.treatygraph.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.sparql.exec.UpdateExec;
import org.apache.jena.update.UpdateFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.load.Database;
import org.treatygraph.load.LoadException;
import org.treatygraph.load.Project;
import org.treatygraph.testing.TestMeeting;

/**
 * The label index on the real ontology, rules and data: what a person types finds the entity
 * they mean, and every write of the write path — asserted or inferred, committed or refused —
 * leaves the index in step with the data.
 */
class LabelIndexTest {
    static final String ID = "https://w3id.org/treatygraph/id/";
    static Path tmp;
    static Database db;
    static LabelIndex index;

    @BeforeAll
    static void build() throws IOException {
        tmp = Files.createTempDirectory("label-index");
        Project project = TestMeeting.copyOfTheRealProject(tmp.resolve("project"));
        db = Database.open(tmp.resolve("tdb2"), project, new Reasoner(project.rulesDir()), LabelIndex.writeThrough());
        db.rebuild(Database.OnError.REFUSE);
        index = LabelIndex.of(db.dataset()).orElseThrow();
    }

    @AfterAll
    static void release() throws IOException {
        TDBInternal.expel(db.dataset());
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String first(String text) {
        List<LabelIndex.Hit> hits = index.search(text, 5, ID);
        return hits.isEmpty() ? "(none)" : hits.get(0).entity().getURI().substring(ID.length());
    }

    @ParameterizedTest(name = "typing \"{0}\" finds {1} first")
    @CsvSource(delimiter = '|', textBlock = """
        Лавров        | person/sergey-lavrov
        Lavrov        | person/sergey-lavrov
        lavrov        | person/sergey-lavrov
        LAVROV        | person/sergey-lavrov
        Lav           | person/sergey-lavrov
        ラブロフ        | person/sergey-lavrov
        Sergey Lav    | person/sergey-lavrov
        河野太郎        | person/taro-kono
        太郎           | person/taro-kono
        Kōno Tarō     | person/taro-kono
        安倍           | person/shinzo-abe
        Абэ           | person/shinzo-abe
        択捉           | island/iturup
        итуруп        | island/iturup
        ＩＴＵＲＵＰ     | island/iturup
        Хабомаи       | island/habomai
        """)
    @DisplayName("a name in English, Japanese or Russian — a prefix, any case, any diacritics, any width — finds its entity first")
    void findsByName(String typed, String expected) {
        assertEquals(expected, first(typed.strip()));
    }

    @Test
    void textQueryInSparqlReadsTheSameIndexOverTheUnionDefaultGraph() {
        String q = """
            PREFIX text: <http://jena.apache.org/text#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT DISTINCT ?s ?name WHERE {
              ?s text:query "Лавров" ; a <https://w3id.org/treatygraph/ontology#Person> ; rdfs:label ?name
              FILTER(LANG(?name) = "en")
            }""";
        Dataset ds = DatasetFactory.wrap(db.dataset());
        List<String> rows = Txn.calculateRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(QueryFactory.create(q)).build()) {
                return org.apache.jena.query.ResultSetFormatter.toList(qe.execSelect()).stream().map(b -> b.get("name").asLiteral().getLexicalForm()).toList();
            }
        });
        assertEquals(List.of("Sergey Lavrov"), rows);
    }

    @Test
    void aWriteIsSearchableWhenItCommitsAndNotAfterItIsDeleted() {
        String label = "Zyxwvut test meeting";
        String insert = TestMeeting.PREFIXES + "INSERT DATA { " + TestMeeting.MEETING + " }";
        db.write(Database.Origin.http("SPARQL Update", "test"),
                 dsg -> UpdateExec.dataset(dsg).update(UpdateFactory.create(insert)).execute());
        db.write(Database.Origin.http("SPARQL Update", "test"), dsg -> UpdateExec.dataset(dsg).update(UpdateFactory.create(
            TestMeeting.PREFIXES + "INSERT DATA { GRAPH <" + TestMeeting.SOURCE_005 + "> { event:2019-06-20-kono-lavrov-test rdfs:label \""
            + label + "\"@ja } }")).execute());
        assertEquals("event/2019-06-20-kono-lavrov-test", first("zyxwv"));
        assertEquals(index.labelQuads(), index.documents());

        db.write(Database.Origin.http("SPARQL Update", "test"), dsg -> UpdateExec.dataset(dsg).update(UpdateFactory.create(
            "DROP GRAPH <" + TestMeeting.SOURCE_005 + ">")).execute());
        assertEquals("(none)", first("zyxwv"));
        assertEquals(index.labelQuads(), index.documents());
    }

    @Test
    void aRefusedWriteLeavesTheIndexAsItWas() {
        long before = index.documents();
        // an event with a label but no source-graph description: the checks refuse it
        assertThrows(LoadException.class, () -> db.write(Database.Origin.http("SPARQL Update", "test"),
            dsg -> UpdateExec.dataset(dsg).update(UpdateFactory.create(
                "INSERT DATA { GRAPH <https://w3id.org/treatygraph/graph/inferred> { <" + ID
                + "event/x> <http://www.w3.org/2000/01/rdf-schema#label> \"Qwertyuiop\"@en } }")).execute()));
        assertEquals("(none)", first("qwertyuiop"));
        assertEquals(before, index.documents());
    }

    @Test
    void derivedAlternativeNamesAreIndexedFromTheInferredGraph() {
        // "Southern Kurils" is no rdfs:label of the islands: a skos:altLabel derived from their tg:Name
        List<String> hits = index.search("southern kurils", 10, ID).stream()
            .map(h -> h.entity().getURI().substring(ID.length())).toList();
        assertTrue(hits.contains("island/disputed-islands"), hits.toString());
    }

    @Test
    void anIndexThatIsMissingIsRebuiltFromTheStoreWhenTheDatabaseOpens() throws IOException {
        Path dir = tmp.resolve("second");
        Project project = new Project(tmp.resolve("project"));
        Database second = Database.open(dir, project, new Reasoner(project.rulesDir()), LabelIndex.writeThrough());
        second.rebuild(Database.OnError.REFUSE);
        long docs = LabelIndex.of(second.dataset()).orElseThrow().documents();
        TDBInternal.expel(second.dataset());
        try (Stream<Path> s = Files.walk(dir.resolve(LabelIndex.FOLDER))) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Database again = Database.open(dir, project, new Reasoner(project.rulesDir()), LabelIndex.writeThrough());
        LabelIndex rebuilt = LabelIndex.of(again.dataset()).orElseThrow();
        assertTrue(docs > 1000, "documents: " + docs);
        assertEquals(docs, rebuilt.documents());
        assertEquals("person/sergey-lavrov", rebuilt.search("Лавров", 1, ID).get(0).entity().getURI().substring(ID.length()));
        TDBInternal.expel(again.dataset());
    }
}
