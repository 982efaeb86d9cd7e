package org.treatygraph.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A local stand-in for the Wikidata Query Service, for tests (no internet in tests or CI): an
 * embedded Fuseki on 127.0.0.1 and a free port, answering SPARQL queries (GET and POST, SPARQL
 * 1.1 Protocol, every result format Fuseki has) at {@code /sparql} over a small Wikidata-shaped
 * fixture in the default graph (src/test/resources/wikidata/fixture.ttl: {@code wd:Q…} items with
 * rdfs:label, skos:altLabel, schema:description, wdt:P31, wdt:P279, wdt:P569, wdt:P625 …).
 * Read-only. It counts and records the requests it receives. {@link #startWithSnapshot()} also
 * serves data/wikidata/snapshot.trig (every item the data links to).
 * <pre>{@code
 * try (WikidataStandIn wd = WikidataStandIn.start()) {
 *     String url = wd.sparqlUrl();            // http://127.0.0.1:PORT/sparql
 *     // SERVICE <url> { … }, or LinkConfig.defaults(URI.create(url)) …
 * }
 * }</pre>
 * Not supported (as on any plain SPARQL endpoint): Wikidata's label service
 * ({@code SERVICE wikibase:label}) and {@code wikibase:mwapi}; use rdfs:label with
 * {@code FILTER(LANG(?label) = "en")}, which works on both.
 */
public final class WikidataStandIn implements AutoCloseable {
    /** The fixture served by {@link #start()}. */
    public static final String FIXTURE = "/wikidata/fixture.ttl";

    private final FusekiServer server;
    private final DatasetGraph data;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> userAgents = Collections.synchronizedList(new ArrayList<>());

    private WikidataStandIn(List<String> classpathFixtures, List<Path> files) {
        data = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(data, () -> {
            for (String f : classpathFixtures)
                try (InputStream in = WikidataStandIn.class.getResourceAsStream(f)) {
                    if (in == null)
                        throw new IllegalArgumentException("fixture not on the test classpath: " + f);
                    RDFParser.source(in).lang(Lang.TURTLE).base("http://www.wikidata.org/entity/")
                             .parse(data.getDefaultGraph());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            // RDF files (Turtle or TriG): every triple, whatever its graph, into the default graph
            for (Path f : files) {
                DatasetGraph read = DatasetGraphFactory.create();
                RDFParser.source(f).parse(read);
                read.find().forEachRemaining(q -> data.getDefaultGraph().add(q.asTriple()));
            }
        });
        Filter counting = new Filter() {
            @Override public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
                    throws IOException, ServletException {
                requests.incrementAndGet();
                if (req instanceof HttpServletRequest h)
                    userAgents.add(String.valueOf(h.getHeader("User-Agent")));
                chain.doFilter(req, resp);
            }
        };
        server = FusekiServer.create()
            .loopback(true)
            .port(0)
            .add("/sparql", data, false)
            .addEndpoint("/sparql", "", Operation.Query)
            .addFilter("/*", counting)
            .build()
            .start();
    }

    /** The offline snapshot of the project (data/wikidata/snapshot.trig, relative to the project root). */
    public static final Path SNAPSHOT = Path.of("data", "wikidata", "snapshot.trig");

    /** Starts a stand-in serving {@link #FIXTURE}. */
    public static WikidataStandIn start() {
        return new WikidataStandIn(List.of(FIXTURE), List.of());
    }

    /** Starts a stand-in serving the given Turtle files of the test classpath (e.g. "/wikidata/fixture.ttl"). */
    public static WikidataStandIn start(String... classpathFixtures) {
        return new WikidataStandIn(List.of(classpathFixtures), List.of());
    }

    /**
     * Starts a stand-in serving {@link #FIXTURE} and the project's offline snapshot
     * ({@link #SNAPSHOT}; its triples, not its graph name): every item the data links to, with
     * the verified labels, dates and coordinates, so that a federated query gives online the
     * answer it gives offline over graph/wikidata. Tests run in the project root.
     */
    public static WikidataStandIn startWithSnapshot() {
        return new WikidataStandIn(List.of(FIXTURE), List.of(SNAPSHOT));
    }

    /** Starts a stand-in serving the given classpath Turtle fixtures and RDF files (Turtle or TriG, all graphs merged). */
    public static WikidataStandIn start(List<String> classpathFixtures, List<Path> files) {
        return new WikidataStandIn(classpathFixtures, files);
    }

    /** The SPARQL endpoint, {@code http://127.0.0.1:PORT/sparql}: use it where you would use https://query.wikidata.org/sparql. */
    public String sparqlUrl() {
        return "http://127.0.0.1:" + port() + "/sparql";
    }

    /** The port the server listens on (chosen by the system). */
    public int port() {
        return server.getPort();
    }

    /** The data served (default graph), for assertions. Read it inside a transaction. */
    public DatasetGraph data() {
        return data;
    }

    /** HTTP requests received so far (any path). */
    public int requestCount() {
        return requests.get();
    }

    /** The User-Agent header of each request received so far, in order. */
    public List<String> userAgents() {
        synchronized (userAgents) {
            return List.copyOf(userAgents);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
