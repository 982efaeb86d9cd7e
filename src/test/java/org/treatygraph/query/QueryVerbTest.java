package org.treatygraph.query;

import static org.treatygraph.testing.CommandLine.run;
import org.treatygraph.testing.CommandLine.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatygraph.load.Fixtures;
import org.treatygraph.load.Project;

/** The {@code query} verb with parameters, offline, on a copy of the service test project. */
class QueryVerbTest {
    @TempDir Path tmp;
    Project project;
    String db;


    @BeforeEach
    void project() throws Exception {
        project = Fixtures.copyProject(tmp.resolve("project"));
        db = tmp.resolve("db").toString();
        Files.writeString(project.queriesDir().resolve("events_attended.rq"), """
            # # Events attended
            # **Question:** Which events did a given person attend?
            # **Parameters:** ?person (default person:taro-kono)
            # **Returns:** ?event ?name — one row per event, by IRI.
            PREFIX schema: <http://schema.org/>
            PREFIX person: <https://w3id.org/treatygraph/id/person/>
            SELECT ?event ?name
            WHERE { VALUES ?person { person:taro-kono } ?event schema:attendee ?person ; schema:name ?name }
            ORDER BY ?event ?name
            """);
    }

    private Result query(String... more) {
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"query", "--project", project.root().toString(), "--db", db}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        return run(args);
    }

    @Test
    void the_query_verb_runs_a_named_query_with_a_parameter_and_prints_csv() {
        Result r = query("events_attended", "--param", "person=person:sergey-lavrov", "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        assertEquals(java.util.List.of("event,name",
                                       "https://w3id.org/treatygraph/id/event/2019-01-14-kono-lavrov-moscow,\"Kono–Lavrov talks, Moscow\""),
                     r.out().lines().toList());
    }

    @Test
    void the_query_verb_prints_a_table_by_default_with_the_defaults() {
        Result r = query("events_attended");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("# Events attended — Which events did a given person attend?"), r.out());
        assertTrue(r.out().contains("\"Kono–Lavrov talks, Moscow\"@en"), r.out());
    }

    @Test
    void the_list_shows_each_query_with_its_parameters_and_defaults() {
        Result r = query();
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("events_attended  Events attended  — Which events did a given person attend?  [?person=person:taro-kono]"), r.out());
    }

    @Test
    void a_bad_parameter_is_a_usage_error_that_says_what_is_expected() {
        Result r = query("events_attended", "--param", "person=\"Sergey Lavrov\"");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Parameter ?person of query 'events_attended': expected an IRI"), r.err());
        Result undeclared = query("events_attended", "--param", "who=person:sergey-lavrov");
        assertEquals(2, undeclared.exit());
        assertTrue(undeclared.err().contains("Unknown parameter 'who' for query 'events_attended': it takes ?person"), undeclared.err());
        Result malformed = query("events_attended", "--param", "person");
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("--param needs NAME=VALUE"), malformed.err());
        Result format = query("events_attended", "--format", "pdf");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("Unknown --format 'pdf'"), format.err());
    }

    @Test
    void the_query_verb_refuses_a_service_outside_the_allow_list_and_makes_no_request() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (java.net.Socket s = listener.accept()) {
                        connections.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String target = "http://127.0.0.1:" + listener.getLocalPort() + "/sparql";
            Path file = tmp.resolve("remote.rq");
            Files.writeString(file, "SELECT * WHERE { SERVICE <" + target + "> { ?s ?p ?o } }\n");
            Result byDefault = query(file.toString());
            assertEquals(1, byDefault.exit(), byDefault.out());
            assertTrue(byDefault.err().contains("SERVICE <" + target + "> refused")
                       && byDefault.err().contains("<https://query.wikidata.org/sparql>")
                       && byDefault.err().contains("no request was made"), byDefault.err());
            Result none = query(file.toString(), "--service-allow", "none");
            assertEquals(1, none.exit(), none.out());
            assertTrue(none.err().contains("(none allowed)"), none.err());
            assertEquals(0, connections.get(), "the listener received a connection");
        }
    }

    @Test
    void the_query_verb_cuts_off_a_query_longer_than_the_timeout_with_exit_1() throws Exception {
        Path file = tmp.resolve("runaway.rq");
        Files.writeString(file, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }\n");
        long t0 = System.nanoTime();
        Result r = query(file.toString(), "--timeout", "0.3");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("error: query 'runaway' timed out after 0.3 s (--timeout)"), r.err());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "cut off, not run to the end");
        Result zero = query("events_attended", "--timeout", "0");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("--timeout must be a positive number of seconds"), zero.err());
    }

    @Test
    void the_query_verb_reads_wikidata_items_and_https_schema_org_terms_as_the_server_does() throws Exception {
        Files.writeString(project.root().resolve("data").resolve("links.trig"), """
            GRAPH <https://w3id.org/treatygraph/graph/background> {
              <https://w3id.org/treatygraph/id/person/sergey-lavrov> <http://www.w3.org/2002/07/owl#sameAs>
                  <http://www.wikidata.org/entity/Q58217> .
            }
            """);
        Path file = tmp.resolve("by_item.rq");
        Files.writeString(file, """
            PREFIX schema: <https://schema.org/>
            PREFIX wd: <http://www.wikidata.org/entity/>
            SELECT ?event WHERE { ?event schema:attendee wd:Q58217 } ORDER BY ?event
            """);
        Result r = query(file.toString(), "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        assertEquals(java.util.List.of("event", "https://w3id.org/treatygraph/id/event/2019-01-14-kono-lavrov-moscow"),
                     r.out().lines().toList());
    }

    @Test
    void query_and_serve_share_the_timeout_and_service_allow_flags_word_for_word() {
        picocli.CommandLine main = new picocli.CommandLine(new org.treatygraph.cli.Main());
        for (String flag : java.util.List.of("--timeout", "--service-allow")) {
            picocli.CommandLine.Model.OptionSpec q = main.getSubcommands().get("query").getCommandSpec().findOption(flag);
            picocli.CommandLine.Model.OptionSpec s = main.getSubcommands().get("serve").getCommandSpec().findOption(flag);
            assertTrue(q != null && s != null, flag);
            assertEquals(java.util.List.of(s.description()), java.util.List.of(q.description()), flag);
            assertEquals(s.defaultValue(), q.defaultValue(), flag);
        }
        String help = String.join(" ", run("query", "--help").out().split("\\s+"));
        assertTrue(help.contains("--timeout=SECONDS Query timeout in seconds") && help.contains("TREATYGRAPH_TIMEOUT; default: 30)"), help);
        assertTrue(help.contains("--service-allow=IRI[,IRI...] Endpoints SERVICE may call") && help.contains("TREATYGRAPH_SERVICE_ALLOW"), help);
    }
}
