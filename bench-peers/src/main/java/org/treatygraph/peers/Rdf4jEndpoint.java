package org.treatygraph.peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.vocabulary.RDF4J;
import org.eclipse.rdf4j.query.BooleanQuery;
import org.eclipse.rdf4j.query.Query;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.query.TupleQuery;
import org.eclipse.rdf4j.query.impl.SimpleDataset;
import org.eclipse.rdf4j.query.resultio.sparqljson.SPARQLBooleanJSONWriter;
import org.eclipse.rdf4j.query.resultio.sparqljson.SPARQLResultsJSONWriter;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.sail.Sail;
import org.eclipse.rdf4j.sail.memory.MemoryStore;
import org.eclipse.rdf4j.sail.nativerdf.NativeStore;

/**
 * RDF4J behind a minimal SPARQL endpoint, for the benchmark: {@code memory|native DATA.nq [DIR]}.
 * Loads the N-Quads file (its triples without a graph into the null context: the bench writes the
 * union of the named graphs there, as Treaty Graph's default graph), then answers POST /sparql
 * (application/sparql-query) in SPARQL JSON, with the dataset of Treaty Graph's semantics: the
 * default graph is the null context, the named graphs are all the others. Prints "READY port
 * loadMillis" when it answers.
 */
public final class Rdf4jEndpoint {
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path data = Path.of(args[1]);
        Sail sail = kind.equals("native") ? new NativeStore(Path.of(args[2]).toFile(), "spoc,posc,opsc,cspo")
                                          : new MemoryStore();
        SailRepository repo = new SailRepository(sail);
        repo.init();
        long t0 = System.nanoTime();
        SimpleDataset dataset = new SimpleDataset();
        dataset.addDefaultGraph(RDF4J.NIL);
        try (RepositoryConnection c = repo.getConnection(); InputStream in = Files.newInputStream(data)) {
            c.begin();
            c.add(in, "", RDFFormat.NQUADS);
            c.commit();
            try (var ids = c.getContextIDs()) {
                for (Resource r : ids)
                    if (r instanceof IRI iri)
                        dataset.addNamedGraph(iri);
            }
        }
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/sparql", ex -> answer(ex, repo, dataset));
        server.start();
        System.out.println("READY " + server.getAddress().getPort() + " " + loadMs);
        System.out.flush();
    }

    private static void answer(HttpExchange ex, SailRepository repo, SimpleDataset dataset) throws IOException {
        String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = 200;
        try (RepositoryConnection c = repo.getConnection()) {
            Query q = c.prepareQuery(QueryLanguage.SPARQL, text);
            q.setDataset(dataset);
            if (q instanceof TupleQuery tq)
                tq.evaluate(new SPARQLResultsJSONWriter(body));
            else if (q instanceof BooleanQuery bq)
                new SPARQLBooleanJSONWriter(body).handleBoolean(bq.evaluate());
            else
                throw new IllegalArgumentException("only SELECT and ASK");
        } catch (RuntimeException e) {
            status = 500;
            body.reset();
            body.write(String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        }
        ex.getResponseHeaders().add("Content-Type", status == 200 ? "application/sparql-results+json" : "text/plain");
        ex.sendResponseHeaders(status, body.size());
        try (OutputStream out = ex.getResponseBody()) {
            body.writeTo(out);
        }
    }
}
