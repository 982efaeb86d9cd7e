package org.treatygraph.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Endpoint;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sys.JenaSystem;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.apache.jena.fuseki.main.JettySecurityLib;
import org.treatygraph.load.Database;
import org.treatygraph.load.Store;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.QueryContext;

/**
 * The Treaty Graph SPARQL service: an embedded Fuseki server with one dataset, {@code /kg}.
 * <pre>
 *   TreatyServer server = TreatyServer.builder(Store.open(Path.of("run/tdb2")))
 *       .port(3030).timeout(Duration.ofSeconds(30)).build().start();
 *   System.out.println(server.sparqlUrl());        // http://127.0.0.1:3030/kg/sparql
 *   server.stop();
 *   TreatyServer test = TreatyServer.startForTest(dsg);   // port 0; test.port() is the real one
 * </pre>
 *
 * <p>Endpoints: {@code /kg/sparql} (and {@code /kg?query=}) SPARQL query, GET and POST, results
 * by content negotiation or {@code format=}/{@code output=}; a GET without a query returns the
 * SPARQL Service Description. {@code /kg/data} Graph Store Protocol, read-only. {@code /} a
 * browser page (YASGUI) on the endpoint. {@code /kg/queries} lists the named queries (JSON) and
 * {@code /kg/queries/NAME?param=value} runs one ({@link NamedQueryServlet}).
 * {@code /$/ping}, {@code /$/stats}, {@code /$/metrics}. CORS is on. HEAD works like GET, and
 * SPARQLWrapper's format names that Fuseki lacks become content negotiation ({@link ClientRequests}).
 * With a password file only: {@code /kg/update} (SPARQL Update) and {@code /kg/store} (Graph
 * Store Protocol, read-write), HTTP basic auth, any user of the file; without one they are absent.
 *
 * <p>Every endpoint that runs a query ({@code /kg/sparql}, {@code /kg?query=}, {@code /kg/data},
 * {@code /kg/queries/NAME}) runs it with the {@link QueryContext} given to the builder, as the
 * {@code query} verb does: the default graph is the union of the named graphs; schema.org terms
 * may be written with https:// as well as http://, and a Wikidata item IRI in a pattern names the
 * entity linked to it; a query timeout (HTTP 503); SERVICE only to the allow-list (other
 * endpoints: HTTP 422, no request made). It is each endpoint's own context (Fuseki merges it over
 * the dataset's for each request); the dataset's context is not changed for it, except, with a
 * password file, for the WHERE of SPARQL Update (Fuseki's update ignores an endpoint's context).
 * SPARQL Update {@code LOAD} refused (HTTP 400); script functions stay off (Jena's default).
 * Binds 127.0.0.1 unless told otherwise.
 */
public final class TreatyServer {
    /** The dataset name: the service lives at {@code /kg}. */
    public static final String DATASET = "kg";
    /** The default SERVICE allow-list ({@link QueryContext#DEFAULT_SERVICE_ALLOW}). */
    public static final List<String> DEFAULT_SERVICE_ALLOW = QueryContext.DEFAULT_SERVICE_ALLOW;
    public static final int DEFAULT_PORT = 3030;
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default query timeout ({@link QueryContext#DEFAULT_TIMEOUT}). */
    public static final Duration DEFAULT_TIMEOUT = QueryContext.DEFAULT_TIMEOUT;

    private final FusekiServer fuseki;
    private final String host;
    private final Database database;

    private TreatyServer(FusekiServer fuseki, String host, Database database) {
        this.fuseki = fuseki;
        this.host = host;
        this.database = database;
    }

    public static Builder builder(DatasetGraph dsg) {
        return new Builder(dsg, null);
    }

    /** A server on {@code db}: its writes (update, store, reload) go through the database's write path. */
    public static Builder builder(Database db) {
        return new Builder(db.dataset(), db);
    }

    /** A started server on a free loopback port with the defaults (tests). */
    public static TreatyServer startForTest(DatasetGraph dsg) {
        return builder(dsg).port(0).build().start();
    }

    public TreatyServer start() {
        fuseki.start();
        if (database != null)
            Store.announce(database.dir(), baseUrl());
        return this;
    }

    public void stop() {
        if (database != null)
            Store.withdraw(database.dir());
        fuseki.stop();
    }

    /** Wait until the server stops. */
    public void join() {
        fuseki.join();
    }

    /** The port in use (the real one when built with port 0). */
    public int port() {
        return fuseki.getHttpPort();
    }

    /** {@code http://HOST:PORT} (HOST 127.0.0.1 when bound to all interfaces). */
    public String baseUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port();
    }

    public String datasetUrl() {
        return baseUrl() + "/" + DATASET;
    }

    public String sparqlUrl() {
        return datasetUrl() + "/sparql";
    }

    /** Configuration; every setting has the default stated on its constant. */
    public static final class Builder {
        private final DatasetGraph dsg;
        private final Database database;
        private int port = DEFAULT_PORT;
        private String host = DEFAULT_HOST;
        private QueryContext semantics = QueryContext.defaults();
        private Limits limits = Limits.defaults();
        private Path passwordFile;
        private String staticFiles;
        private NamedQueries namedQueries = NamedQueries.empty();
        private String publicBase = "";

        private Builder(DatasetGraph dsg, Database database) {
            this.dsg = Objects.requireNonNull(dsg);
            this.database = database;
        }

        /** HTTP port; 0 picks a free one. */
        public Builder port(int port) { this.port = port; return this; }

        /** Interface to bind: an address such as 127.0.0.1 (default) or 0.0.0.0 for all. */
        public Builder host(String host) { this.host = Objects.requireNonNull(host); return this; }

        /** Query timeout; a query running longer is cut off with HTTP 503 (sets it in {@link #queryContext}). */
        public Builder timeout(Duration timeout) { this.semantics = semantics.withTimeout(timeout); return this; }

        /** Jetty hash-login file ({@code user: password}); enables /kg/update and /kg/store for its users. */
        public Builder passwordFile(Path file) { this.passwordFile = file; return this; }

        /** Endpoints SERVICE may call (exact IRIs); empty refuses every SERVICE (sets it in {@link #queryContext}). */
        public Builder serviceAllow(List<String> endpoints) { this.semantics = semantics.withServiceAllow(endpoints); return this; }

        /**
         * The query semantics of every endpoint that runs a query (default {@link QueryContext#defaults()}):
         * replaces the timeout and allow-list given so far; {@link #timeout} and {@link #serviceAllow} after it change it.
         */
        public Builder queryContext(QueryContext semantics) { this.semantics = Objects.requireNonNull(semantics); return this; }

        /** Folder or {@code jar:} URL served at / (the browser page); null for none. */
        public Builder staticFiles(String base) { this.staticFiles = base; return this; }

        /**
         * The public URL of this service (e.g. {@code https://treatygraph.example.org}), where
         * {@code https://w3id.org/treatygraph/id/…} redirects: entity pages and search hits then give
         * absolute links under it; default none (links relative to the server).
         */
        public Builder publicBase(String base) {
            this.publicBase = base == null ? "" : base.replaceAll("/+$", "");
            return this;
        }

        /** The named queries served at /kg/queries (default: none). */
        public Builder namedQueries(NamedQueries catalog) { this.namedQueries = Objects.requireNonNull(catalog); return this; }

        /** Request limits and fair use (default {@link Limits#defaults()}). */
        public Builder limits(Limits limits) { this.limits = Objects.requireNonNull(limits); return this; }

        public TreatyServer build() {
            JenaSystem.init();

            // Every endpoint that runs a query gets the query semantics as its own context (Fuseki
            // merges it over the dataset's for each request): the dataset's context is not changed.
            DataService.Builder kg = DataService.newBuilder(dsg)
                .addEndpoint(queryEndpoint(Operation.Query, "sparql"))
                .addEndpoint(queryEndpoint(Operation.Query, null))
                .addEndpoint(queryEndpoint(Operation.GSP_R, "data"));
            boolean update = passwordFile != null;
            FusekiServer.Builder b = FusekiServer.create()
                .port(port)
                .enableCors(false)                                   // CORS for reading only: RequestGuard
                .enablePing(true)
                .enableStats(true)
                .enableMetrics(true)
                .registerOperation(Operation.Query, new QueryService(limits))   // before the dataset: its endpoints take it
                .add(DATASET, kg)
                .addFilter("/*", new RequestGuard(limits))
                .addFilter("/*", new FairUse(limits))
                .addFilter("/" + DATASET + "/*", new DatasetPage(dsg))
                .addFilter("/" + DATASET + "/*", new ServiceDescription(dsg, "/" + DATASET))
                .addFilter("/" + DATASET + "/*", new UnionDefaultGraphRead("/" + DATASET + "/data"))
                .addFilter("/" + DATASET + "/*", new ClientRequests("/" + DATASET))
                .addFilter("/" + DATASET + "/*", new WholeResponse("/" + DATASET))
                .addServlet("/" + DATASET + "/queries/*", new NamedQueryServlet(dsg, namedQueries, semantics, "/" + DATASET + "/queries"));
            // Browsing without SPARQL: entity pages, search, the vocabulary the workbench completes
            ServiceQueries pages = new ServiceQueries(dsg, semantics);
            b.addProcessor(EntityPages.PATH, new EntityPages(dsg, pages, publicBase))
             .addProcessor(SearchService.PATH, new SearchService(dsg, pages, SearchService.Answer.JSON, publicBase))
             .addProcessor(SearchService.PAGE, new SearchService(dsg, pages, SearchService.Answer.HTML, publicBase))
             .addProcessor(VocabularyService.PATH, new VocabularyService(dsg, pages, VocabularyService.Answer.VOCABULARY))
             .addProcessor(VocabularyService.PREFIXES, new VocabularyService(dsg, pages, VocabularyService.Answer.PREFIXES))
             .addProcessor(VocabularyService.LABELS, new VocabularyService(dsg, pages, VocabularyService.Answer.LABELS));
            b.addProcessor(OpenApi.PATH, new OpenApi(namedQueries));
            // why a triple holds: the rules and premises down to the stated triples and their sources
            b.addProcessor("/" + DATASET + "/why", new WhyService(dsg, database == null ? null : database.project().rulesDir()));
            if (database != null)      // versioned compressed dumps, as the dataset description advertises
                b.addProcessor(DumpService.PATH, new DumpService(database));
            if (update) {
                if (!Files.isReadable(passwordFile))
                    throw new IllegalArgumentException("Password file not readable: " + passwordFile);
                if (database == null)
                    throw new IllegalStateException("writes need the write path: build the server with builder(Database)");
                // Every write goes through the database's write path (validation, inference, journal).
                ConstraintSecurityHandler security = JettySecurityLib.makeSecurityHandler(
                    Auth.dftRealm, JettySecurityLib.makeUserStore(passwordFile.toString()), AuthScheme.BASIC);
                JettySecurityLib.addPathConstraint(security, ReloadService.PATH);
                b.securityHandler(security)
                 .serverAuthPolicy(Auth.ANY_ANON)
                 .registerOperation(Operation.Update, new UpdateService(database, semantics, limits))
                 .registerOperation(Operation.GSP_RW, new GraphStoreService(database))
                 .addEndpoint(DATASET, "update", Operation.Update, Auth.ANY_USER)
                 .addEndpoint(DATASET, "store", Operation.GSP_RW, Auth.ANY_USER)
                 .addProcessor(ReloadService.PATH, new ReloadService(database));
            }
            if (staticFiles != null)
                b.staticFileBase(staticFiles);
            else if (BrowserPage.available())
                b.addServlet("", new BrowserPage()).addServlet("/yasgui/*", new BrowserPage())
                 .addServlet("/views/*", new BrowserPage()).addServlet("/static/*", new BrowserPage())
                 .addServlet("/webjars/d3/*", new BrowserPage());
            FusekiServer fuseki = b.build();
            if (update)      // wrong passwords: back-off in front of Jetty's authentication
                fuseki.getJettyServer().setHandler(new AuthBackoff(fuseki.getJettyServer().getHandler(), limits.authFailures()));
            for (Connector c : fuseki.getJettyServer().getConnectors())
                if (c instanceof ServerConnector sc)
                    sc.setHost(host);
            return new TreatyServer(fuseki, host, database);
        }

        /** An endpoint of /kg ({@code name} null: the dataset URL itself) running with the query semantics. */
        private Endpoint queryEndpoint(Operation operation, String name) {
            Endpoint.Builder e = Endpoint.create().operation(operation).context(semantics.context());
            return (name == null ? e : e.endpointName(name)).build();
        }
    }
}
