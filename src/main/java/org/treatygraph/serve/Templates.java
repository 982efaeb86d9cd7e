package org.treatygraph.serve;

import java.io.StringWriter;
import java.util.Map;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

/**
 * The service's HTML templates (Mustache, logic-less, HTML-escaped by default):
 * {@code org/treatygraph/serve/web/templates/NAME.mustache} on the class path, with the shared
 * {@code header} and {@code footer} partials (navigation and the search box of every page).
 */
final class Templates {
    private static final MustacheFactory FACTORY = new DefaultMustacheFactory("org/treatygraph/serve/web/templates");

    private Templates() {}

    /** Render template {@code name} with {@code model}. */
    static String render(String name, Map<String, ?> model) {
        Mustache m = FACTORY.compile(name + ".mustache");
        StringWriter out = new StringWriter();
        m.execute(out, model);
        return out.toString();
    }
}
