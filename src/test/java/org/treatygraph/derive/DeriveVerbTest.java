package org.treatygraph.derive;

import static org.treatygraph.testing.CommandLine.run;
import org.treatygraph.testing.CommandLine.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code treatygraph derive}: re-derives an existing database and prints the triples per rule. */
class DeriveVerbTest {

    @Test void derive_rebuilds_the_inferred_graph_of_a_database_and_prints_triples_per_rule(@TempDir Path dir) {
        Path db = dir.resolve("tdb2");
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(db.toString());
        Txn.executeWrite(dsg, () -> {
            Fixtures.addOntology(dsg);
            RDFDataMgr.read(dsg, Fixtures.SCENARIO.toString());
            // a stale inference that the rules do not support: derive must remove it
            dsg.add(Fixtures.INFERRED, node("person/shinzo-abe"), node("ontology#metWith"), node("person/vladimir-putin"));
        });
        TDBInternal.expel(dsg);

        Result run = run("derive", "--db", db.toString(), "--rules", "ontology/rules");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("10-met-with"), run.out());
        assertTrue(run.out().contains("10-encounter"), run.out());
        assertTrue(run.out().contains("total"), run.out());

        DatasetGraph after = DatabaseMgr.connectDatasetGraph(db.toString());
        try {
            Txn.executeRead(after, () -> {
                assertTrue(Fixtures.ask(after, "person:taro-kono tg:metWith person:sergey-lavrov"));
                assertTrue(!Fixtures.ask(after, "person:shinzo-abe tg:metWith ?x"));
            });
        } finally {
            TDBInternal.expel(after);
        }
    }

    @Test void derive_without_a_database_fails_with_a_message(@TempDir Path dir) {
        Result run = run("derive", "--db", dir.resolve("none").toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("no database"), run.err());
    }

    @Test void derive_with_a_broken_rule_names_the_file_and_changes_nothing(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("tdb2");
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(db.toString());
        Txn.executeWrite(dsg, () -> RDFDataMgr.read(dsg, Fixtures.SCENARIO.toString()));
        TDBInternal.expel(dsg);
        Path rules = dir.resolve("rules");
        java.nio.file.Files.createDirectories(rules);
        java.nio.file.Files.writeString(rules.resolve("10-broken.rq"), "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ");

        Result run = run("derive", "--db", db.toString(), "--rules", rules.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("10-broken.rq"), run.err());
    }

    private static org.apache.jena.graph.Node node(String path) {
        return org.apache.jena.graph.NodeFactory.createURI(
            path.startsWith("ontology#") ? "https://w3id.org/treatygraph/" + path : "https://w3id.org/treatygraph/id/" + path);
    }

}
