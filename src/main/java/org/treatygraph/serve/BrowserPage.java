package org.treatygraph.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser pages and their files, all from the class path (nothing is fetched from elsewhere):
 * <ul>
 * <li>{@code /} the workbench ({@code workbench.mustache}): the named-query gallery (search, a
 *     parameter form per query that runs it and shows the rows), YASGUI on {@code /kg/sparql}
 *     with every outbound call removed and completion from {@code /kg/vocabulary} and
 *     {@code /kg/search};
 * <li>{@code /views/timeline}, {@code /views/network}, {@code /views/lineage}, {@code /views/map}
 *     the views, each drawn from a named query of {@code /kg/queries};
 * <li>{@code /static/…} the pages' scripts, styles and the offline base map
 *     ({@code org/treatygraph/serve/web/static/}); {@code /yasgui/…} and {@code /webjars/d3/…}
 *     the WebJars' files.
 * </ul>
 * Every page carries the search box (autocompletion from {@code /kg/search}).
 */
final class BrowserPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String YASGUI = "META-INF/resources/webjars/zazuko__yasgui/4.5.0/build/";
    static final String D3 = "META-INF/resources/webjars/d3/7.9.0/dist/";
    static final String STATIC = "org/treatygraph/serve/web/static/";
    private static final Map<String, String> VIEWS = Map.of(
        "timeline", "Timeline", "network", "Who met whom", "lineage", "Treaty lineage", "map", "Map");
    private static final Map<String, String> TYPES = Map.of(
        "js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8", "geojson", "application/geo+json",
        "json", "application/json", "svg", "image/svg+xml", "png", "image/png");

    /** Whether the WebJars are on the class path. */
    static boolean available() {
        ClassLoader cl = BrowserPage.class.getClassLoader();
        return cl.getResource(YASGUI + "yasgui.min.js") != null && cl.getResource(D3 + "d3.min.js") != null;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.isEmpty() || path.equals("/") || path.equals("/index.html")) {
            page(resp, "workbench", "Workbench");
            return;
        }
        if (path.startsWith("/views/")) {
            String view = path.substring("/views/".length());
            if (VIEWS.containsKey(view)) {
                page(resp, view, VIEWS.get(view));
                return;
            }
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String resource = null;
        if (path.startsWith("/yasgui/"))
            resource = YASGUI + path.substring("/yasgui/".length());
        else if (path.startsWith("/webjars/d3/"))
            resource = D3 + path.substring("/webjars/d3/".length());
        else if (path.startsWith("/static/"))
            resource = STATIC + path.substring("/static/".length());
        String ext = path.substring(path.lastIndexOf('.') + 1);
        if (resource == null || resource.contains("..") || !TYPES.containsKey(ext)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            resp.setContentType(TYPES.get(ext));
            resp.setHeader("Cache-Control", "public, max-age=3600");
            in.transferTo(resp.getOutputStream());
        }
    }

    private static void page(HttpServletResponse resp, String template, String title) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("pageTitle", title);
        model.put("view-" + template, true);
        byte[] body = Templates.render(template, model).getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/html;charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
