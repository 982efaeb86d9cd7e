package org.treatygraph.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.treatygraph.load.Problem;
import org.treatygraph.load.ValidationReport;

/**
 * The review report of a draft, for the curator: each drafted fact (a node and its triples) with
 * its evidence sentences and confidence, and the existing facts of the graphs it agrees or
 * conflicts with ("source/001 says 2019-01-22; this text says 2019-01-21"); the mentions that were
 * not resolved, with their candidates; the dates as resolved; the events mentioned but not drafted;
 * and the SHACL and check findings of the draft. Written as Markdown and as HTML, from one model.
 */
final class Review {
    /** Properties whose values the graphs should agree on: a different value is a conflict. */
    private static final Set<String> SINGLE = Set.of("startDate", "endDate", "earliestDate", "latestDate", "location", "eventStatus",
                                                     "statementDate", "speaker");

    /** One row of the review: what, status text, evidence, confidence. */
    private record Row(String property, String value, String confidence, String existing) {}

    private record Section(String title, String subject, List<Row> rows, List<String> evidence) {}

    private final Ingest.Drafting d;
    private final ValidationReport report;
    private final String draftPath;
    private final List<Section> sections = new ArrayList<>();
    private final List<String[]> unresolved = new ArrayList<>();
    private final List<String[]> dates = new ArrayList<>();
    private final List<String[]> skipped = new ArrayList<>();

    Review(Ingest.Drafting d, ValidationReport report, String draftPath) {
        this.d = d;
        this.report = report;
        this.draftPath = draftPath;
        build();
    }

    int unresolvedCount() {
        return unresolved.size();
    }

    private void build() {
        KnowledgeBase kb = d.kb();
        for (Draft.Fact f : d.draft().facts()) {
            List<KnowledgeBase.Fact> existing = kb.factsAbout(f.subject());
            List<Row> rows = new ArrayList<>();
            Set<String> evidence = new LinkedHashSet<>();
            for (Draft.Drafted t : f.triples()) {
                evidence.add(t.evidence().text());
                if (t.p().equals(Draft.tg("evidence")) || t.p().equals(Draft.tg("confidence")))
                    continue;
                rows.add(new Row(d.draft().fmt(t.p()), show(t.o(), kb), String.format(java.util.Locale.ROOT, "%.2f", t.confidence()),
                                 compare(t, existing, kb)));
            }
            if (f.subject().getURI() != null && f.subject().getURI().contains("/event/")) {
                String parts = compareParticipants(f.subject(), kb);
                if (!parts.isEmpty())
                    rows.add(new Row("participants", "", "", parts));
            }
            sections.add(new Section(f.title(), d.draft().fmt(f.subject()), rows, List.copyOf(evidence)));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Facts.Unresolved u : d.extractor().unresolved) {
            List<String> cands = new ArrayList<>();
            for (Node c : u.mention().candidates())
                cands.add(kb.label(c) + " (" + d.draft().fmt(c) + ")");
            if (seen.add(u.mention().text() + "|" + u.sentence().index()))
                unresolved.add(new String[] {u.mention().text(), u.mention().how(), cands.isEmpty() ? "none" : String.join("; ", cands), u.sentence().text()});
        }
        d.extractor().dates.forEach((s, ws) -> ws.forEach(w -> dates.add(new String[] {w.text(), w.describe(), w.kind().name().toLowerCase(), s.text()})));
        for (Facts.Skipped s : d.extractor().skipped)
            skipped.add(new String[] {s.what(), s.why(), s.sentence().text()});
    }

    private static String show(Node n, KnowledgeBase kb) {
        if (n.isLiteral())
            return n.getLiteralLexicalForm();
        String label = kb.label(n);
        return label.equals(n.getURI().replaceFirst("^.*/id/", "")) ? "<" + n.getURI() + ">" : label;
    }

    private String compare(Draft.Drafted t, List<KnowledgeBase.Fact> existing, KnowledgeBase kb) {
        if (t.p().equals(RDFS.label.asNode()))
            return "";
        Set<String> agree = new LinkedHashSet<>(), conflict = new LinkedHashSet<>();
        for (KnowledgeBase.Fact f : existing) {
            if (!f.property().equals(t.p()) || f.graph().equals(d.draft().graph))
                continue;
            String g = graphName(f.graph());
            if (f.value().equals(t.o()))
                agree.add(g);
            else if (SINGLE.contains(KnowledgeBase.local(t.p())) && !t.p().equals(RDF.type.asNode()))
                conflict.add(g + " says " + show(f.value(), kb));
        }
        List<String> out = new ArrayList<>();
        if (!agree.isEmpty())
            out.add("agrees with " + String.join(", ", agree));
        if (!conflict.isEmpty())
            out.add("**conflicts**: " + String.join("; ", conflict) + "; this text says " + show(t.o(), kb));
        return String.join(" · ", out);
    }

    private String compareParticipants(Node event, KnowledgeBase kb) {
        KnowledgeBase.Event k = kb.events.get(event);
        if (k == null)
            return "new event: no other graph describes it";
        Set<Node> drafted = new LinkedHashSet<>();
        for (Draft.Drafted t : d.draft().triples)
            if (t.p().equals(Draft.tg("agent")) && t.s().getURI().contains("/" + event.getURI().substring(event.getURI().lastIndexOf('/') + 1) + "--"))
                drafted.add(t.o());
        List<String> out = new ArrayList<>();
        k.byGraph().forEach((g, props) -> {
            Set<Node> agents = props.getOrDefault(Draft.tg("agent"), Set.of());
            if (agents.isEmpty())
                return;
            List<String> names = agents.stream().map(kb::label).toList();
            out.add(graphName(g) + ": " + String.join(", ", names) + (agents.containsAll(drafted) ? "" : " (differs)"));
        });
        return out.isEmpty() ? "no participants stated elsewhere" : "existing participants — " + String.join("; ", out);
    }

    private static String graphName(Node g) {
        return g.getURI().replaceFirst("^https://w3id.org/treatygraph/graph/", "");
    }

    // ---- Markdown

    String markdown() {
        Article a = d.article();
        StringBuilder sb = new StringBuilder();
        sb.append("# Review of draft ").append(a.number()).append(": ").append(a.title()).append("\n\n");
        sb.append("Draft `").append(draftPath).append("` (graph `source/").append(a.number()).append("`), made by `ingest` from the article of ")
          .append(a.date()).append(" (").append(a.publisher()).append("; ").append(d.sentences().size()).append(" sentences). ")
          .append("It is **not loaded**: accept it by moving it to `data/sources/").append(a.number()).append(".trig` and `texts/")
          .append(a.fileName()).append("` to `data/sources/texts/`, after checking every fact below against its evidence.\n\n");
        sb.append("Summary: ").append(d.extractor().events.size()).append(" events, ").append(d.extractor().statements.size())
          .append(" statements, ").append(d.draft().triples.size()).append(" drafted triples, ").append(unresolved.size())
          .append(" unresolved mentions; validation: ").append(report == null ? "not run" : report.errors() + " error(s), "
              + (report.findings().size() - report.errors()) + " other finding(s)").append(".\n\n");
        sb.append("## Facts\n\n");
        for (Section s : sections) {
            sb.append("### ").append(md(s.title())).append("\n\n`").append(s.subject()).append("`\n\n");
            sb.append("| property | value | confidence | existing facts |\n|---|---|---:|---|\n");
            for (Row r : s.rows())
                sb.append("| ").append(md(r.property())).append(" | ").append(md(r.value())).append(" | ").append(r.confidence()).append(" | ")
                  .append(md(r.existing())).append(" |\n");
            sb.append("\nEvidence:\n");
            for (String e : s.evidence())
                sb.append("> ").append(e).append("\n>\n");
            sb.append('\n');
        }
        sb.append("## Unresolved mentions (not linked: pick one, or add the entity to the background graph)\n\n");
        sb.append("| mention | why | candidates | sentence |\n|---|---|---|---|\n");
        for (String[] u : unresolved)
            sb.append("| ").append(md(u[0])).append(" | ").append(md(u[1])).append(" | ").append(md(u[2])).append(" | ").append(md(u[3])).append(" |\n");
        sb.append("\n## Dates, as resolved against ").append(a.date()).append("\n\n| words | meaning | kind | sentence |\n|---|---|---|---|\n");
        for (String[] r : dates)
            sb.append("| ").append(md(r[0])).append(" | ").append(md(r[1])).append(" | ").append(r[2]).append(" | ").append(md(r[3])).append(" |\n");
        sb.append("\n## Mentioned but not drafted\n\n| what | why | sentence |\n|---|---|---|\n");
        for (String[] r : skipped)
            sb.append("| ").append(md(r[0])).append(" | ").append(md(r[1])).append(" | ").append(md(r[2])).append(" |\n");
        sb.append("\n## Validation (SHACL and checks, with the project's data)\n\n");
        if (report == null || report.findings().isEmpty())
            sb.append("No findings.\n");
        else
            for (Problem p : report.findings())
                sb.append("- ").append(md(p.toString())).append('\n');
        return sb.toString();
    }

    private static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    // ---- HTML

    String html() {
        Article a = d.article();
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Review of draft ").append(h(a.number()))
          .append("</title>\n<style>body{font-family:sans-serif;max-width:70em;margin:2em auto;line-height:1.4}table{border-collapse:collapse;width:100%}"
                  + "td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;text-align:left}blockquote{border-left:4px solid #889;margin:.5em 0;padding-left:1em;color:#333}"
                  + ".conflict{color:#a00;font-weight:bold}code{background:#f4f4f4}</style></head><body>\n");
        sb.append("<h1>Review of draft ").append(h(a.number())).append(": ").append(h(a.title())).append("</h1>\n");
        sb.append("<p>Draft <code>").append(h(draftPath)).append("</code>, from the article of ").append(a.date()).append(" (").append(h(a.publisher()))
          .append("). Not loaded until a curator moves it to <code>data/sources/").append(a.number()).append(".trig</code> (and <code>texts/")
          .append(h(a.fileName())).append("</code> to <code>data/sources/texts/</code>).</p>\n");
        sb.append("<h2>Facts</h2>\n");
        for (Section s : sections) {
            sb.append("<h3>").append(h(s.title())).append("</h3>\n<p><code>").append(h(s.subject())).append("</code></p>\n");
            sb.append("<table><tr><th>property</th><th>value</th><th>confidence</th><th>existing facts</th></tr>\n");
            for (Row r : s.rows())
                sb.append("<tr><td>").append(h(r.property())).append("</td><td>").append(h(r.value())).append("</td><td>").append(r.confidence())
                  .append("</td><td").append(r.existing().contains("conflicts") ? " class=\"conflict\"" : "").append('>')
                  .append(h(r.existing().replace("**", ""))).append("</td></tr>\n");
            sb.append("</table>\n");
            for (String e : s.evidence())
                sb.append("<blockquote>").append(h(e)).append("</blockquote>\n");
        }
        sb.append("<h2>Unresolved mentions</h2>\n<table><tr><th>mention</th><th>why</th><th>candidates</th><th>sentence</th></tr>\n");
        for (String[] u : unresolved)
            sb.append("<tr><td>").append(h(u[0])).append("</td><td>").append(h(u[1])).append("</td><td>").append(h(u[2])).append("</td><td>").append(h(u[3])).append("</td></tr>\n");
        sb.append("</table>\n<h2>Dates, as resolved against ").append(a.date()).append("</h2>\n<table><tr><th>words</th><th>meaning</th><th>kind</th><th>sentence</th></tr>\n");
        for (String[] r : dates)
            sb.append("<tr><td>").append(h(r[0])).append("</td><td>").append(h(r[1])).append("</td><td>").append(r[2]).append("</td><td>").append(h(r[3])).append("</td></tr>\n");
        sb.append("</table>\n<h2>Mentioned but not drafted</h2>\n<table><tr><th>what</th><th>why</th><th>sentence</th></tr>\n");
        for (String[] r : skipped)
            sb.append("<tr><td>").append(h(r[0])).append("</td><td>").append(h(r[1])).append("</td><td>").append(h(r[2])).append("</td></tr>\n");
        sb.append("</table>\n<h2>Validation</h2>\n<ul>\n");
        if (report != null)
            for (Problem p : report.findings())
                sb.append("<li>").append(h(p.toString())).append("</li>\n");
        sb.append("</ul>\n</body></html>\n");
        return sb.toString();
    }

    private static String h(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static Map<String, String> none() {
        return new LinkedHashMap<>();
    }
}
