package org.treatygraph.derive;

import java.util.List;

import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.shared.impl.PrefixMappingImpl;

/**
 * Why a triple holds ({@link Why}): stated by a graph, or derived by rules from premises that
 * are explained in turn, down to what the graphs state. A premise already explained elsewhere in
 * the same answer points to it ({@link #see}) instead of repeating it.
 *
 * @param id          number of this node in the answer (references point to it)
 * @param triple      the triple
 * @param status      asserted, inferred or absent
 * @param statedIn    for an asserted triple: the graphs that state it, each with its source
 * @param derivations for an inferred triple: the rules that derive it, with their premises
 * @param see         the id of the node that already explains this triple, or 0
 * @param note        why an inferred triple is not explained further (a limit, a cycle), or empty
 */
public record Explanation(int id, Triple triple, Status status, List<Statement> statedIn, List<Derivation> derivations,
                          int see, String note) {

    public enum Status {
        ASSERTED, INFERRED, ABSENT;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A graph that states the triple: its label; for a source graph the source text, its title, date
     * and the evidence quotes of the triple's subject; for the background graph the references
     * (dct:bibliographicCitation) of the subject.
     */
    public record Statement(Node graph, String label, Node sourceText, String title, String date, List<String> evidence,
                            List<String> citations) {}

    /** A rule that derives the triple: its name, title and file, its premises, and what else it required. */
    public record Derivation(String rule, String title, String file, List<Explanation> premises, List<String> conditions) {}

    // ------------------------------------------------------------------ JSON

    public JsonObject toJson(PrefixMap prefixes) {
        JsonObject o = new JsonObject();
        o.put("id", id);
        o.put("triple", triple(triple, prefixes));
        o.put("status", status.text());
        if (see > 0)
            o.put("see", see);
        if (!note.isEmpty())
            o.put("note", note);
        if (!statedIn.isEmpty()) {
            JsonArray a = new JsonArray();
            for (Statement s : statedIn) {
                JsonObject j = new JsonObject();
                j.put("graph", s.graph().getURI());
                if (!s.label().isEmpty())
                    j.put("label", s.label());
                if (s.sourceText() != null)
                    j.put("sourceText", s.sourceText().getURI());
                if (!s.title().isEmpty())
                    j.put("title", s.title());
                if (!s.date().isEmpty())
                    j.put("date", s.date());
                if (!s.evidence().isEmpty())
                    j.put("evidence", strings(s.evidence()));
                if (!s.citations().isEmpty())
                    j.put("citations", strings(s.citations()));
                a.add(j);
            }
            o.put("statedIn", a);
        }
        if (!derivations.isEmpty()) {
            JsonArray a = new JsonArray();
            for (Derivation d : derivations) {
                JsonObject j = new JsonObject();
                j.put("rule", d.rule());
                j.put("title", d.title());
                j.put("file", d.file());
                JsonArray ps = new JsonArray();
                d.premises().forEach(p -> ps.add(p.toJson(prefixes)));
                j.put("premises", ps);
                if (!d.conditions().isEmpty())
                    j.put("conditions", strings(d.conditions()));
                a.add(j);
            }
            o.put("derivations", a);
        }
        return o;
    }

    private static JsonArray strings(List<String> l) {
        JsonArray a = new JsonArray();
        l.forEach(a::add);
        return a;
    }

    private static JsonObject triple(Triple t, PrefixMap prefixes) {
        JsonObject o = new JsonObject();
        o.put("s", term(t.getSubject()));
        o.put("p", term(t.getPredicate()));
        o.put("o", term(t.getObject()));
        o.put("text", text(t, prefixes));
        return o;
    }

    /** A term as in SPARQL JSON results. */
    private static JsonObject term(Node n) {
        JsonObject o = new JsonObject();
        if (n.isURI()) {
            o.put("type", "uri");
            o.put("value", n.getURI());
        } else if (n.isBlank()) {
            o.put("type", "bnode");
            o.put("value", n.getBlankNodeLabel());
        } else if (n.isLiteral()) {
            o.put("type", "literal");
            o.put("value", n.getLiteralLexicalForm());
            if (!n.getLiteralLanguage().isEmpty())
                o.put("xml:lang", n.getLiteralLanguage());
            else if (n.getLiteralDatatypeURI() != null
                     && !n.getLiteralDatatypeURI().equals("http://www.w3.org/2001/XMLSchema#string"))
                o.put("datatype", n.getLiteralDatatypeURI());
        } else {
            o.put("type", "other");
            o.put("value", n.toString());
        }
        return o;
    }

    // ------------------------------------------------------------------ text

    /** The answer as indented plain text, IRIs shortened with {@code prefixes}. */
    public String toText(PrefixMap prefixes) {
        StringBuilder sb = new StringBuilder();
        text(sb, "", prefixes, new java.util.HashSet<>());
        return sb.toString();
    }

    /** @param shown (graph, subject) pairs whose source and evidence were already printed */
    private void text(StringBuilder sb, String indent, PrefixMap prefixes, java.util.Set<List<Node>> shown) {
        sb.append(indent).append(text(triple, prefixes));
        if (see > 0) {
            sb.append("   (").append(status.text()).append(": see [").append(see).append("] above)\n");
            return;
        }
        if (status == Status.INFERRED)
            sb.append("   [").append(id).append("]");
        sb.append('\n');
        String in = indent + "  ";
        switch (status) {
            case ABSENT -> sb.append(in).append("not in the data: no graph states it and no rule derives it\n");
            case ASSERTED -> {
                for (Statement s : statedIn) {
                    sb.append(in).append("asserted in graph <").append(s.graph().getURI()).append(">");
                    if (!s.label().isEmpty())
                        sb.append(" (").append(s.label()).append(")");
                    sb.append('\n');
                    if (!shown.add(List.of(s.graph(), triple.getSubject()))) {
                        if (s.sourceText() != null || !s.evidence().isEmpty() || !s.citations().isEmpty())
                            sb.append(in).append("  (source and evidence as above)\n");
                        continue;
                    }
                    if (s.sourceText() != null) {
                        sb.append(in).append("  source text ").append(node(s.sourceText(), prefixes));
                        if (!s.title().isEmpty())
                            sb.append(": \"").append(s.title()).append("\"");
                        if (!s.date().isEmpty())
                            sb.append(", ").append(s.date());
                        sb.append('\n');
                    }
                    for (String e : s.evidence())
                        sb.append(in).append("  evidence: \"").append(e).append("\"\n");
                    for (String c : s.citations())
                        sb.append(in).append("  reference: ").append(c).append('\n');
                }
            }
            case INFERRED -> {
                if (!note.isEmpty())
                    sb.append(in).append(note).append('\n');
                for (Derivation d : derivations) {
                    sb.append(in).append("derived by rule ").append(d.rule()).append(" — ").append(d.title())
                      .append(" (").append(d.file()).append(")").append(d.premises().isEmpty() ? "\n" : ", from:\n");
                    for (Explanation p : d.premises())
                        p.text(sb, in + "    ", prefixes, shown);
                    for (String c : d.conditions())
                        sb.append(in).append("    and ").append(c).append('\n');
                }
            }
        }
    }

    static String text(Triple t, PrefixMap prefixes) {
        return node(t.getSubject(), prefixes) + " " + node(t.getPredicate(), prefixes) + " " + node(t.getObject(), prefixes);
    }

    static String node(Node n, PrefixMap prefixes) {
        return FmtUtils.stringForNode(n, mapping(prefixes));
    }

    static PrefixMapping mapping(PrefixMap prefixes) {
        PrefixMapping pm = new PrefixMappingImpl();
        if (prefixes != null)
            prefixes.forEach(pm::setNsPrefix);
        return pm;
    }

    // ------------------------------------------------------------------ HTML

    /** The answer as a small HTML page. */
    public String toHtml(PrefixMap prefixes) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Why: ")
          .append(esc(text(triple, prefixes))).append("</title>\n<style>body{font-family:sans-serif;max-width:70em;margin:1em auto;}"
                  + " ul{list-style:none;border-left:1px solid #ccc;padding-left:1.2em;} li{margin:.3em 0;}"
                  + " code{background:#f4f4f4;} .rule{color:#225;} .src{color:#252;} .ev{color:#555;font-style:italic;}"
                  + " .cond{color:#555;}</style></head><body>\n<h1>Why?</h1>\n<ul>");
        html(sb, prefixes);
        sb.append("</ul>\n</body></html>\n");
        return sb.toString();
    }

    private void html(StringBuilder sb, PrefixMap prefixes) {
        sb.append("<li id=\"n").append(id).append("\"><code>").append(esc(text(triple, prefixes))).append("</code>");
        if (see > 0) {
            sb.append(" — ").append(status.text()).append(", see <a href=\"#n").append(see).append("\">above</a></li>\n");
            return;
        }
        switch (status) {
            case ABSENT -> sb.append(" — not in the data: no graph states it and no rule derives it");
            case ASSERTED -> {
                sb.append("<ul>");
                for (Statement s : statedIn) {
                    sb.append("<li class=\"src\">asserted in graph <code>").append(esc(s.graph().getURI())).append("</code>");
                    if (!s.label().isEmpty())
                        sb.append(" (").append(esc(s.label())).append(")");
                    if (s.sourceText() != null) {
                        sb.append("<br>source text <code>").append(esc(node(s.sourceText(), prefixes))).append("</code>");
                        if (!s.title().isEmpty())
                            sb.append(": “").append(esc(s.title())).append("”");
                        if (!s.date().isEmpty())
                            sb.append(", ").append(esc(s.date()));
                    }
                    for (String e : s.evidence())
                        sb.append("<br><span class=\"ev\">evidence: “").append(esc(e)).append("”</span>");
                    for (String c : s.citations())
                        sb.append("<br><span class=\"ev\">reference: ").append(esc(c)).append("</span>");
                    sb.append("</li>");
                }
                sb.append("</ul>");
            }
            case INFERRED -> {
                sb.append("<ul>");
                if (!note.isEmpty())
                    sb.append("<li class=\"cond\">").append(esc(note)).append("</li>");
                for (Derivation d : derivations) {
                    sb.append("<li class=\"rule\">derived by rule <b>").append(esc(d.rule())).append("</b> — ")
                      .append(esc(d.title())).append(" (<code>").append(esc(d.file())).append("</code>)<ul>");
                    for (Explanation p : d.premises())
                        p.html(sb, prefixes);
                    for (String c : d.conditions())
                        sb.append("<li class=\"cond\">and ").append(esc(c)).append("</li>");
                    sb.append("</ul></li>");
                }
                sb.append("</ul>");
            }
        }
        sb.append("</li>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
