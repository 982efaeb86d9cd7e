package org.treatygraph.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.fuseki.servlets.ActionProcessor;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.graph.Node;
import org.treatygraph.query.NamedQueries;
import org.treatygraph.query.NamedQuery;
import org.treatygraph.query.Parameter;

/**
 * {@code GET /openapi.json}: an OpenAPI 3.1 description of every HTTP endpoint beyond the SPARQL
 * protocol. The fixed endpoints come from {@code api/openapi.json} (a resource); each named query
 * is added from its header as {@code /kg/queries/NAME}, with each parameter's kind (IRI, date,
 * literal, any term) and default — so the description follows queries/ as it is served.
 * {@code OpenApiTest} validates it with swagger-parser and checks it against the server's endpoints.
 */
final class OpenApi implements ActionProcessor {
    static final String PATH = "/openapi.json";
    private static final String BASE = "/org/treatygraph/serve/api/openapi.json";

    private final NamedQueries catalog;

    OpenApi(NamedQueries catalog) {
        this.catalog = catalog;
    }

    @Override
    public void execGet(HttpAction action) {
        byte[] body = document(catalog);
        action.setResponseStatus(200);
        action.setResponseContentType("application/json; charset=utf-8");
        action.setResponseContentLength(body.length);
        try {
            action.getResponseOutputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The description, as JSON bytes. */
    static byte[] document(NamedQueries catalog) {
        JsonObject doc;
        try (InputStream in = OpenApi.class.getResourceAsStream(BASE)) {
            doc = JSON.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonObject paths = doc.get("paths").getAsObject();
        for (NamedQuery q : catalog.all())
            paths.put("/kg/queries/" + q.name(), path(q));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JSON.write(out, doc);
        return out.toByteArray();
    }

    /** The kind of value a parameter takes: {@code iri}, {@code date}, {@code literal} or {@code any term}. */
    static String kind(Parameter p, List<Node> defaults) {
        if (p.anyTerm() || defaults == null || defaults.isEmpty())
            return "any term";
        Node d = defaults.get(0);
        if (d.isURI())
            return "iri";
        if (d.isLiteral() && XSDDatatype.XSDdate.getURI().equals(d.getLiteralDatatypeURI()))
            return "date";
        return "literal";
    }

    private static JsonObject path(NamedQuery q) {
        Map<String, List<Node>> defaults = q.defaults();
        JsonArray params = new JsonArray();
        JsonObject bodyProps = new JsonObject();
        for (Parameter p : q.parameters()) {
            String kind = kind(p, defaults.get(p.name()));
            JsonObject schema = new JsonObject();
            schema.put("type", "string");
            if (kind.equals("iri"))
                schema.put("format", "iri");
            else if (kind.equals("date"))
                schema.put("format", "date");
            if (!p.defaultValue().isEmpty())
                schema.put("default", p.defaultValue());
            JsonObject param = new JsonObject();
            param.put("name", p.name());
            param.put("in", "query");
            param.put("required", false);
            param.put("description", "Kind: " + kind + (kind.equals("iri") ? " (prefix:name, <IRI> or a bare absolute IRI)" : "")
                                     + (p.description().isEmpty() ? "" : ". " + p.description()));
            param.put("schema", schema);
            params.add(param);
            bodyProps.put(p.name(), schema);
        }
        JsonObject format = new JsonObject();
        format.put("name", "format");
        format.put("in", "query");
        format.put("required", false);
        JsonObject fs = new JsonObject();
        fs.put("type", "string");
        JsonArray fe = new JsonArray();
        List.of("json", "xml", "csv", "tsv").forEach(fe::add);
        fs.put("enum", fe);
        format.put("schema", fs);
        params.add(format);

        JsonObject get = new JsonObject();
        get.put("operationId", "query_" + q.name());
        get.put("summary", q.title().isEmpty() ? q.name() : q.title());
        get.put("description", q.question() + (q.returns().isEmpty() ? "" : " Returns: " + q.returns())
                               + (q.federated() ? " Federated: calls the Wikidata Query Service through SERVICE." : ""));
        get.put("parameters", params);
        get.put("responses", responses());

        JsonObject post = new JsonObject();
        post.put("operationId", "query_" + q.name() + "_post");
        post.put("summary", "The same, the parameters as a form or a JSON object.");
        JsonObject objSchema = new JsonObject();
        objSchema.put("type", "object");
        objSchema.put("properties", bodyProps);
        JsonObject json = new JsonObject();
        json.put("schema", objSchema);
        JsonObject content = new JsonObject();
        content.put("application/json", json);
        JsonObject form = new JsonObject();
        form.put("schema", objSchema);
        content.put("application/x-www-form-urlencoded", form);
        JsonObject body = new JsonObject();
        body.put("content", content);
        body.put("required", false);
        post.put("requestBody", body);
        post.put("responses", responses());

        JsonObject item = new JsonObject();
        item.put("get", get);
        item.put("post", post);
        return item;
    }

    private static JsonObject responses() {
        JsonObject r = new JsonObject();
        JsonObject ok = new JsonObject();
        ok.put("description", "SPARQL results: JSON by default; XML, CSV, TSV by Accept or format=.");
        JsonObject content = new JsonObject();
        for (String type : List.of("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                                   "text/tab-separated-values")) {
            JsonObject c = new JsonObject();
            JsonObject sc = new JsonObject();
            sc.put("type", type.contains("json") ? "object" : "string");
            c.put("schema", sc);
            content.put(type, c);
        }
        ok.put("content", content);
        r.put("200", ok);
        r.put("303", text("A browser (Accept: text/html): see the workbench's form for the question."));
        r.put("400", text("An undeclared parameter, a malformed value, an unknown format."));
        r.put("404", text("An entity the data does not know (with the closest names)."));
        r.put("422", text("A SERVICE outside the allow-list."));
        r.put("502", text("A SERVICE endpoint failed (naming the offline twin)."));
        r.put("503", text("Timed out, or the server is busy (Retry-After)."));
        return r;
    }

    private static JsonObject text(String description) {
        JsonObject o = new JsonObject();
        o.put("description", description);
        return o;
    }
}
