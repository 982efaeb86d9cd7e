package org.treatygraph.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.system.ConNeg;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * SPARQL 1.1 Service Description: a GET (or HEAD) of the endpoint without a {@code query}
 * parameter answers with the description instead of Fuseki's 404: Turtle by default; JSON-LD,
 * RDF/XML or N-Triples when the Accept header prefers them, q-values honoured (Comunica reads it
 * to find the endpoint and its features).
 */
final class ServiceDescription extends EndpointFilter {
    private static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    private static final String FORMATS = "http://www.w3.org/ns/formats/";
    private static final List<String> RESULT_FORMATS = List.of(
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
        "Turtle", "JSON-LD", "N-Triples", "RDF_XML", "TriG", "N-Quads");
    /** The description's formats, in the order that breaks ties ({@code *}{@code /*} gets Turtle). */
    private static final AcceptList OFFER = AcceptList.create(
        "text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples");

    private final DatasetGraph dsg;
    private final String datasetPath;

    /** Updates, when on, have their own endpoint (/kg/update): this one describes queries only. */
    ServiceDescription(DatasetGraph dsg, String datasetPath) {
        this.dsg = dsg;
        this.datasetPath = datasetPath;
    }

    @Override
    void filter(HttpServletRequest req, HttpServletResponse resp, String path, boolean read, FilterChain chain)
            throws IOException, ServletException {
        if (read && req.getQueryString() == null
            && (path.equals(datasetPath) || path.equals(datasetPath + "/") || path.equals(datasetPath + "/sparql")))
            describe(req, resp);
        else
            chain.doFilter(req, resp);
    }

    private void describe(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String endpoint = req.getRequestURL().toString();
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("sd", SD);
        m.setNsPrefix("formats", FORMATS);
        m.setNsPrefix("dct", DCTerms.NS);
        Resource service = m.createResource(endpoint)
            .addProperty(RDF.type, m.createResource(SD + "Service"))
            .addProperty(m.createProperty(SD, "endpoint"), m.createResource(endpoint))
            .addProperty(DCTerms.title, "Treaty Graph SPARQL endpoint")
            .addProperty(m.createProperty(SD, "supportedLanguage"), m.createResource(SD + "SPARQL11Query"))
            .addProperty(m.createProperty(SD, "feature"), m.createResource(SD + "UnionDefaultGraph"))
            .addProperty(m.createProperty(SD, "feature"), m.createResource(SD + "BasicFederatedQuery"));
        RESULT_FORMATS.forEach(f -> service.addProperty(m.createProperty(SD, "resultFormat"), m.createResource(FORMATS + f)));

        Resource dataset = m.createResource("https://w3id.org/treatygraph/dataset")
            .addProperty(RDF.type, m.createResource(SD + "Dataset"))
            .addProperty(m.createProperty(SD, "defaultGraph"),
                         m.createResource().addProperty(RDF.type, m.createResource(SD + "Graph")));
        service.addProperty(m.createProperty(SD, "defaultDataset"), dataset);
        List<Node> graphs = new ArrayList<>();
        Txn.executeRead(dsg, () -> {
            for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); )
                graphs.add(it.next());
        });
        // the dataset's VoID/DCAT description (the meta graph) describes the same dataset node
        Txn.executeRead(dsg, () -> dsg.getGraph(org.treatygraph.load.Graphs.node(org.treatygraph.load.Graphs.META)).find()
            .forEachRemaining(t -> m.getGraph().add(t)));
        m.setNsPrefix("void", "http://rdfs.org/ns/void#");
        m.setNsPrefix("dcat", "http://www.w3.org/ns/dcat#");
        graphs.stream().filter(Node::isURI).sorted((a, b) -> a.getURI().compareTo(b.getURI())).forEach(g ->
            dataset.addProperty(m.createProperty(SD, "namedGraph"), m.createResource()
                .addProperty(RDF.type, m.createResource(SD + "NamedGraph"))
                .addProperty(m.createProperty(SD, "name"), m.createResource(g.getURI()))));

        MediaType chosen = ConNeg.chooseContentType(req, OFFER, OFFER.first());
        Lang lang = chosen == null ? Lang.TURTLE : RDFLanguages.contentTypeToLang(chosen.getContentTypeStr());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RDFDataMgr.write(body, m, lang);
        resp.setStatus(200);
        resp.setContentType(lang.getContentType().getContentTypeStr() + ";charset=utf-8");
        resp.addHeader("Vary", "Accept");
        resp.setContentLength(body.size());
        if (!"HEAD".equals(req.getMethod()))
            body.writeTo(resp.getOutputStream());
    }
}
