package org.treatygraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.treatygraph.testing.CommandLine.run;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.derive.Deriver;
import org.treatygraph.derive.Reasoner;
import org.treatygraph.load.BuildRecord;
import org.treatygraph.load.Database;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Graphs;
import org.treatygraph.load.Project;
import org.treatygraph.testing.TestMeeting;
import org.treatygraph.testing.CommandLine.Result;
import org.treatygraph.testing.ServerProcess;

/** A server in a process of its own holds the database: reload through it, and kill -9 it in the middle of one. */
class ReloadWhileServingTest {
    static final String EVENT = TestMeeting.EVENT;
    static final String ENCOUNTER = TestMeeting.ENCOUNTER;

    @TempDir Path tmp;

    @Test
    void the_reload_verb_calls_the_server_that_holds_the_database_and_load_says_who_holds_it() throws Exception {
        Project project = TestMeeting.copyOfTheRealProject(tmp.resolve("project"));
        Path db = tmp.resolve("db");
        Path passwords = Fixtures.file("passwords.txt").toAbsolutePath();
        try (ServerProcess server = ServerProcess.serve(project.root(), db, "--password-file", passwords.toString())) {
            Result load = run("load", "--project", project.root().toString(), "--db", db.toString());
            assertEquals(1, load.exit());
            assertTrue(load.err().contains("in use by another process"), load.err());
            assertTrue(load.err().contains(server.baseUrl()) && load.err().contains("reload"), load.err());

            Files.writeString(project.dataDir().resolve("sources/005.trig"), TestMeeting.asTrig());
            Result noCredentials = run("reload", "--project", project.root().toString(), "--db", db.toString());
            assertEquals(2, noCredentials.exit(), noCredentials.err());
            assertTrue(noCredentials.err().contains("--password-file"), noCredentials.err());

            Result reload = run("reload", "--project", project.root().toString(), "--db", db.toString(),
                                "--password-file", passwords.toString());
            assertEquals(0, reload.exit(), reload.out() + reload.err());
            assertTrue(reload.out().contains("\"added\""), reload.out());
            assertTrue(ask(server.baseUrl(), "ASK { <" + ENCOUNTER + "> a <https://w3id.org/treatygraph/ontology#Encounter> }"));
        }
    }

    @Test
    void a_kill_9_during_a_reload_leaves_the_previous_complete_state_and_the_restart_serves_it() throws Exception {
        Project project = TestMeeting.copyOfTheRealProject(tmp.resolve("project"));
        Path db = tmp.resolve("db");
        Path passwords = Fixtures.file("passwords.txt").toAbsolutePath();
        String oldHash = project.contentHash();
        String newHash;
        boolean committed;
        try (ServerProcess server = ServerProcess.serve(project.root(), db, "--password-file", passwords.toString())) {
            Files.writeString(project.dataDir().resolve("sources/005.trig"), TestMeeting.asTrig());
            newHash = project.contentHash();
            CompletableFuture<HttpResponse<String>> reload = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/$/reload"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "admin:s3cret-for-tests".getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
            assertTrue(server.awaitLine(l -> l.contains("in one write transaction"), 60),
                       "the reload began writing:\n" + String.join("\n", server.lines()));
            server.kill();
            // The server logs "Reload by …" once the transaction has committed.
            committed = server.lines().stream().anyMatch(l -> l.contains("Reload by"));
            assertTrue(reload.handle((r, e) -> e != null || r.statusCode() != 200).get(), "the reload did not answer 200");
        }

        // Restart on the database as the killed process left it: no rebuild yet.
        Database reopened = Database.open(db, project, new Reasoner(project.rulesDir()));
        try {
            BuildRecord r = reopened.record().orElseThrow();
            DatasetGraph state = Fixtures.snapshot(reopened.dataset());
            boolean hasEvent = state.contains(Node.ANY, Graphs.node(EVENT), Node.ANY, Node.ANY);
            boolean hasEncounter = state.contains(Graphs.node(Graphs.INFERRED), Graphs.node(ENCOUNTER), Node.ANY, Node.ANY);
            assertEquals(committed ? newHash : oldHash, r.contentHash(), "the state the kill left: "
                         + (committed ? "the reload had committed" : "the reload had not committed"));
            if (r.contentHash().equals(oldHash)) {
                assertFalse(hasEvent, "the previous state: without the new file's meeting");
                assertFalse(hasEncounter);
            } else {
                assertEquals(newHash, r.contentHash(), "the kill came after the commit: the new state, complete");
                assertTrue(hasEvent && hasEncounter);
            }
            assertInferredIsCurrent(state, project);
            assertEquals(countWithoutMeta(state), r.totalTriples(), "the build record matches the data");
        } finally {
            TDBInternal.expel(reopened.dataset());
        }
        try (ServerProcess again = ServerProcess.serve(project.root(), db, "--password-file", passwords.toString())) {
            assertTrue(ask(again.baseUrl(), "ASK { <" + ENCOUNTER + "> a <https://w3id.org/treatygraph/ontology#Encounter> }"),
                       "the restarted server rebuilt from the changed files");
        }
    }

    static long countWithoutMeta(DatasetGraph dsg) {
        return dsg.stream().filter(q -> !q.getGraph().getURI().equals(Graphs.META)).count();
    }

    static void assertInferredIsCurrent(DatasetGraph state, Project project) {
        DatasetGraph fresh = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(fresh, () -> state.find().forEachRemaining(q -> {
            if (!Graphs.isReserved(q.getGraph()))
                fresh.add(q);
        }));
        Deriver.derive(fresh, project.rulesDir());
        Node inferred = Graphs.node(Graphs.INFERRED);
        Graph expected = Txn.calculateRead(fresh, () -> {
            Graph g = GraphMemFactory.createDefaultGraph();
            fresh.find(inferred, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> g.add(q.asTriple()));
            return g;
        });
        assertTrue(expected.isIsomorphicWith(state.getGraph(inferred)), "the inferred graph is that of the asserted graphs");
    }

    static boolean ask(String base, String ask) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(base + "/kg/sparql?query=" + URLEncoder.encode(ask, StandardCharsets.UTF_8)))
                .header("Accept", "application/sparql-results+json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body().contains("true");
    }
}
