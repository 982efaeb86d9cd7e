// The workbench: the named-query gallery (filter, a form per query that runs it through
// /kg/queries/NAME and shows the rows with labels, a short share link /?q=NAME&param=value) and
// YASGUI on /kg/sparql with every outbound call removed — prefixes, classes, properties and
// entities are completed from this service (/kg/prefixes, /kg/vocabulary, /kg/search), never
// from prefix.cc or LOV — and a result table that shows IRIs by their labels and dates in full.
document.addEventListener("DOMContentLoaded", async () => {
  "use strict";
  const TG = window.TreatyGraph;
  const gallery = document.getElementById("gallery");
  const filter = document.getElementById("gallery-search");
  const form = document.getElementById("query-form");
  const results = document.getElementById("query-results");
  const share = document.getElementById("share");
  const params = new URLSearchParams(location.search);
  let queries = [];
  // the named queries that a view draws
  const VIEWS = { timeline_events: ["/views/timeline", "the timeline"], who_met_whom_in_window: ["/views/network", "the network"],
                  lineage_graph: ["/views/lineage", "the lineage graph"], places_on_map: ["/views/map", "the map"] };
  let vocabulary = { prefixes: {}, classes: [], properties: [] };

  // ---- the gallery
  try { queries = await (await fetch("/kg/queries", { headers: { Accept: "application/json" } })).json(); } catch (e) { queries = []; }
  function list() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(w => w);
    gallery.replaceChildren();
    for (const q of queries) {
      const text = (q.name + " " + q.title + " " + q.question).toLowerCase();
      if (!words.every(w => text.includes(w))) continue;
      const li = document.createElement("li");
      li.className = "query";
      li.dataset.name = q.name;
      const t = document.createElement("strong");
      t.textContent = q.title || q.name;
      const d = document.createElement("div");
      d.className = "question";
      d.textContent = q.question;
      li.append(t, d);
      li.addEventListener("click", () => select(q));
      gallery.append(li);
    }
    gallery.dataset.shown = gallery.children.length;
  }
  filter.addEventListener("input", list);

  // a parameter whose default is an entity of the dataset (prefix:name of an /id/ namespace) completes by label
  function entityNamespace(value) {
    const m = /^([A-Za-z][\w-]*):/.exec(value || "");
    const ns = m && vocabulary.prefixes[m[1]];
    return ns && ns.startsWith(TG.ID) ? { prefix: m[1], ns } : null;
  }

  function paramInput(q, p, value) {
    const div = document.createElement("div");
    div.className = "param";
    const label = document.createElement("label");
    label.textContent = "?" + p.name + (p.description ? " — " + p.description : "");
    const input = document.createElement("input");
    input.name = p.name;
    input.value = value;
    input.dataset.default = p.default;
    label.htmlFor = input.id = "param-" + p.name;
    div.append(label, input);
    const ns = entityNamespace(p.default);
    if (ns) {
      input.classList.add("entity");
      const ul = document.createElement("ul");
      ul.className = "suggestions";
      ul.hidden = true;
      div.append(ul);
      let seq = 0;
      input.addEventListener("input", async () => {
        const text = input.value.replace(/^[\w-]+:/, "").replace(/-/g, " ").trim();
        const mine = ++seq;
        if (!text) { ul.hidden = true; return; }
        const hits = await (await fetch("/kg/search?limit=10&q=" + encodeURIComponent(text))).json();
        if (mine !== seq) return;
        ul.replaceChildren();
        for (const h of hits.filter(h => h.iri.startsWith(ns.ns))) {
          const li = document.createElement("li");
          li.className = "suggestion";
          li.textContent = `${h.label} — ${ns.prefix}:${h.iri.substring(ns.ns.length)}`;
          li.addEventListener("mousedown", ev => { ev.preventDefault(); input.value = ns.prefix + ":" + h.iri.substring(ns.ns.length); ul.hidden = true; });
          ul.append(li);
        }
        ul.hidden = ul.children.length === 0;
      });
      input.addEventListener("blur", () => setTimeout(() => { ul.hidden = true; }, 150));
    }
    return div;
  }

  function select(q, given) {
    for (const li of gallery.children) li.classList.toggle("selected", li.dataset.name === q.name);
    document.getElementById("query-title").textContent = q.title || q.name;
    document.getElementById("query-question").textContent = q.question;
    form.replaceChildren();
    form.dataset.query = q.name;
    for (const p of q.parameters) form.append(paramInput(q, p, given && given.get(p.name) ? given.get(p.name) : p.default));
    const run = document.createElement("button");
    run.type = "submit";
    run.id = "run-query";
    run.textContent = "Run";
    const edit = document.createElement("button");
    edit.type = "button";
    edit.textContent = "Open in the editor";
    edit.addEventListener("click", () => openInEditor(q));
    form.append(run, " ", edit);
    if (VIEWS[q.name]) {
      const view = document.createElement("a");
      view.id = "open-view";
      view.textContent = "Draw it: " + VIEWS[q.name][1];
      view.addEventListener("click", () => {
        const args = new URLSearchParams();
        for (const input of form.querySelectorAll("input")) args.append(input.name, input.value);
        view.href = VIEWS[q.name][0] + (args.toString() ? "?" + args : "");
      });
      view.href = VIEWS[q.name][0];
      form.append(" ", view);
    }
    results.replaceChildren();
    share.replaceChildren();
  }

  async function runSelected() {
    const q = queries.find(x => x.name === form.dataset.query);
    if (!q) return;
    const args = new URLSearchParams();
    for (const input of form.querySelectorAll("input")) if (input.value !== input.dataset.default) args.append(input.name, input.value);
    results.dataset.state = "loading";
    const r = await fetch(`/kg/queries/${q.name}?` + args, { headers: { Accept: "application/sparql-results+json" } });
    if (!r.ok) {
      results.replaceChildren(Object.assign(document.createElement("p"), { className: "error", textContent: await r.text() }));
    } else {
      await TG.table(results, await r.json());
    }
    const link = new URL("/", location.href);
    link.searchParams.set("q", q.name);
    args.forEach((v, k) => link.searchParams.append(k, v));
    share.replaceChildren("Share: ", Object.assign(document.createElement("a"), { href: link.pathname + link.search, id: "share-link", textContent: link.pathname + link.search }));
    history.replaceState(null, "", link.pathname + link.search);
    results.dataset.state = "ready";
  }
  form.addEventListener("submit", ev => { ev.preventDefault(); runSelected(); });

  // ---- YASGUI, with nothing asked of other hosts
  try { vocabulary = await (await fetch("/kg/vocabulary")).json(); } catch (e) { /* completion stays empty */ }
  list();
  const Yasqe = Yasgui.Yasqe;
  Yasqe.defaults.prefixCcApi = "/kg/prefixes";          // the prefix completion reads the dataset's prefixes
  const complete = kind => (yasqe, token) => {
    const typed = (token && (token.autocompletionString || token.string) || "").toLowerCase();
    const terms = vocabulary[kind === "class" ? "classes" : "properties"];
    return Promise.resolve(terms.filter(t => t.iri.toLowerCase().includes(typed) || t.label.toLowerCase().includes(typed))
      .map(t => t.iri));
  };
  for (const name of ["property", "class"])
    if (Yasqe.Autocompleters[name]) Yasqe.registerAutocompleter(Object.assign({}, Yasqe.Autocompleters[name], { name, get: complete(name) }));
  Yasqe.registerAutocompleter({
    name: "entity", bulk: false, autoShow: true, persistenceId: null,
    isValidCompletionPosition: yasqe => {
      const token = yasqe.getCompleteToken();
      return !!entityNamespace(token.string) && token.string.indexOf(":") < token.string.length - 1;
    },
    get: async (yasqe, token) => {
      const ns = entityNamespace(token.string);
      const text = token.string.substring(token.string.indexOf(":") + 1).replace(/-/g, " ");
      const hits = await (await fetch("/kg/search?limit=15&q=" + encodeURIComponent(text))).json();
      return hits.filter(h => h.iri.startsWith(ns.ns)).map(h => ns.prefix + ":" + h.iri.substring(ns.ns.length));
    }
  });

  // the result table: IRIs by label (linked to their pages), literals in full; CONSTRUCT as a triple table
  class LabelledTable {
    constructor(yasr) { this.yasr = yasr; this.priority = 20; this.label = "Table (labels)"; }
    canHandleResults() { return !!this.yasr.results && !this.yasr.results.getError(); }
    getIcon() { const s = document.createElement("span"); s.textContent = "☷"; return s; }
    async draw() {
      const el = document.createElement("div");
      el.className = "labelled-table";
      this.yasr.resultsEl.replaceChildren(el);
      const type = this.yasr.results.getType();
      if (type === "json") {
        const vars = this.yasr.results.getVariables();
        const bindings = this.yasr.results.getBindings() || [];
        await TG.table(el, { head: { vars }, results: { bindings } });
      } else {
        await TG.table(el, triples(this.yasr.results.getOriginalResponseAsString()));
      }
    }
  }
  // N-Triples (what YASGUI asks CONSTRUCT and DESCRIBE for) as rows of ?subject ?predicate ?object
  function triples(text) {
    const term = /\s*(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^<[^>]*>)?)/y;
    const bindings = [];
    for (const line of (text || "").split("\n")) {
      term.lastIndex = 0;
      const parts = [];
      let m;
      while (parts.length < 3 && (m = term.exec(line))) parts.push(m[1]);
      if (parts.length < 3) continue;
      const b = {};
      ["subject", "predicate", "object"].forEach((v, i) => {
        const t = parts[i];
        if (t.startsWith("<")) b[v] = { type: "uri", value: t.slice(1, -1) };
        else if (t.startsWith("_:")) b[v] = { type: "bnode", value: t };
        else {
          const lm = /^"((?:[^"\\]|\\.)*)"(?:@([\w-]+)|\^\^<([^>]*)>)?$/.exec(t);
          b[v] = { type: "literal", value: JSON.parse('"' + lm[1] + '"') };
          if (lm[2]) b[v]["xml:lang"] = lm[2];
          if (lm[3]) b[v].datatype = lm[3];
        }
      });
      bindings.push(b);
    }
    return { head: { vars: ["subject", "predicate", "object"] }, results: { bindings } };
  }
  Yasgui.Yasr.registerPlugin("labelled", LabelledTable);
  Yasgui.Yasr.defaults.pluginOrder = ["labelled", "table", "response"];
  Yasgui.Yasr.defaults.defaultPlugin = "labelled";

  const endpoint = new URL("/kg/sparql", location.href).href;
  // the first tab: a question in schema.org terms with a Wikidata IRI (Sergey Lavrov, Q58217)
  Yasqe.defaults.value = [
    "PREFIX schema: <http://schema.org/>",
    "PREFIX wd: <http://www.wikidata.org/entity/>",
    "# Which events did Sergey Lavrov (wd:Q58217) attend, when and where?",
    "SELECT ?date ?event ?name ?place WHERE {",
    "  ?event a schema:Event ; schema:attendee wd:Q58217 ; schema:name ?name ; schema:startDate ?date .",
    '  FILTER(LANG(?name) = "en")',
    '  OPTIONAL { ?event schema:location/schema:name ?place FILTER(LANG(?place) = "en") }',
    "} ORDER BY ?date ?event"].join("\n");
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint }] },
    persistenceId: "treatygraph-workbench"
  });
  window.treatyYasgui = yasgui;
  function openInEditor(q) {
    const existing = Object.values(yasgui.persistentConfig.getTabs ? {} : {});
    const tab = yasgui.getTab(q.name) || yasgui.addTab(true, { id: q.name, name: q.name, yasqe: { value: q.sparql } });
    yasgui.selectTabId(q.name);
    const t = yasgui.getTab(q.name);
    if (t) t.setQuery(q.sparql);
    return existing && tab;
  }

  // a shared link: /?q=NAME&param=value opens the question with those values and runs it
  const shared = params.get("q") && queries.find(q => q.name === params.get("q"));
  if (shared) { select(shared, params); runSelected(); }
  document.body.dataset.workbench = "ready";
});
