package org.treatygraph.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser page at {@code /}: YASGUI (from its WebJar) pointed at {@code /kg/sparql}, with the
 * named queries of {@code /kg/queries} listed above it (each opens in a new YASGUI tab), and
 * YASGUI's own files at {@code /yasgui/}.
 */
final class BrowserPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String WEBJAR = "META-INF/resources/webjars/zazuko__yasgui/4.5.0/build/";
    private static final Map<String, String> ASSETS = Map.of(
        "yasgui.min.js", "text/javascript;charset=utf-8",
        "yasgui.min.css", "text/css;charset=utf-8");

    private static final String PAGE = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Treaty Graph — SPARQL</title>
          <link rel="stylesheet" href="yasgui/yasgui.min.css">
          <style>
            body { font-family: system-ui, sans-serif; margin: 0 1.5rem; }
            header p { color: #444; max-width: 60rem; }
            #queries { max-width: 60rem; margin-bottom: 1rem; }
            #queries li { margin: .3rem 0; }
            #queries button { margin-right: .5rem; }
            #queries .question { color: #555; }
          </style>
        </head>
        <body>
          <header>
            <h1>Treaty Graph</h1>
            <p>The Japan–Russia peace-treaty negotiations and the treaties behind them, as a knowledge graph.
               SPARQL endpoint: <a id="endpoint" href="kg/sparql">kg/sparql</a> (the default graph is the union
               of the named graphs; entities use schema.org terms and link to Wikidata with owl:sameAs).</p>
          </header>
          <details id="queries">
            <summary>Named queries — the questions people come with, each with its expected answer
              (<a href="kg/queries">kg/queries</a>)</summary>
            <ul id="query-list"></ul>
          </details>
          <div id="yasgui"></div>
          <script src="yasgui/yasgui.min.js"></script>
          <script>
            const endpoint = new URL("kg/sparql", window.location.href).href;
            document.getElementById("endpoint").textContent = endpoint;
            // the first tab: a question in schema.org terms with a Wikidata IRI (Sergey Lavrov, Q58217)
            Yasgui.Yasqe.defaults.value = [
              "PREFIX schema: <http://schema.org/>",
              "PREFIX wd: <http://www.wikidata.org/entity/>",
              "# Which events did Sergey Lavrov (wd:Q58217) attend, when and where?",
              "SELECT ?date ?event ?name ?place WHERE {",
              "  ?event a schema:Event ; schema:attendee wd:Q58217 ; schema:name ?name ; schema:startDate ?date .",
              '  FILTER(LANG(?name) = "en")',
              '  OPTIONAL { ?event schema:location/schema:name ?place FILTER(LANG(?place) = "en") }',
              "} ORDER BY ?date ?event"].join(String.fromCharCode(10));
            const yasgui = new Yasgui(document.getElementById("yasgui"), {
              requestConfig: { endpoint: endpoint, method: "POST" },
              copyEndpointOnNewTab: true,
              endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] }
            });
            // each named query: its title and question, and a button that opens it in a new tab
            fetch(new URL("kg/queries", window.location.href), { headers: { Accept: "application/json" } })
              .then(r => r.json())
              .then(list => {
                const ul = document.getElementById("query-list");
                for (const q of list) {
                  const li = document.createElement("li");
                  const open = document.createElement("button");
                  open.textContent = "Open";
                  open.addEventListener("click", () => yasgui.addTab(true, { name: q.name, yasqe: { value: q.sparql } }));
                  const title = document.createElement("strong");
                  title.textContent = q.title;
                  const question = document.createElement("div");
                  question.className = "question";
                  question.textContent = q.question;
                  li.append(open, title, question);
                  ul.append(li);
                }
              });
          </script>
        </body>
        </html>
        """;

    /** Whether the WebJar is on the class path. */
    static boolean available() {
        return BrowserPage.class.getClassLoader().getResource(WEBJAR + "yasgui.min.js") != null;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.isEmpty() || path.equals("/") || path.equals("/index.html")) {
            resp.setContentType("text/html;charset=utf-8");
            resp.getOutputStream().write(PAGE.getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String type = ASSETS.get(name);
        try (InputStream in = type == null ? null : getClass().getClassLoader().getResourceAsStream(WEBJAR + name)) {
            if (in == null) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            resp.setContentType(type);
            resp.setHeader("Cache-Control", "public, max-age=86400");
            in.transferTo(resp.getOutputStream());
        }
    }
}
