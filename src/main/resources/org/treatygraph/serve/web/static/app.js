// The search box of every page: suggestions from /kg/search as one types (prefix, any case, any
// diacritics, Japanese and Cyrillic too); Enter or a click opens the entity's page. Without
// JavaScript the box still works: the form goes to /search.
(function () {
  "use strict";
  const box = document.getElementById("search-box");
  const list = document.getElementById("search-suggestions");
  if (!box || !list) return;
  let seq = 0, active = -1, hits = [], timer = null;

  function hide() { list.hidden = true; list.replaceChildren(); active = -1; hits = []; }

  function render(found) {
    hits = found;
    active = -1;
    list.replaceChildren();
    for (const [i, h] of found.entries()) {
      const li = document.createElement("li");
      li.className = "suggestion";
      li.setAttribute("role", "option");
      li.dataset.page = h.page;
      const name = document.createElement("span");
      name.className = "label";
      name.textContent = h.label;
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = " · " + (h.types && h.types.length ? h.types.join(", ") : h.kind);
      li.append(name, kind);
      if (h.matched && h.matched !== h.label) {
        const m = document.createElement("span");
        m.className = "matched";
        m.lang = h.matchedLang || "";
        m.textContent = h.matched;
        li.append(m);
      }
      li.addEventListener("mousedown", e => { e.preventDefault(); open(i); });
      list.append(li);
    }
    list.hidden = found.length === 0;
  }

  function open(i) { if (hits[i]) window.location.href = hits[i].page; }

  async function suggest() {
    const q = box.value.trim();
    const mine = ++seq;
    if (!q) { hide(); return; }
    try {
      const r = await fetch("/kg/search?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } });
      const found = r.ok ? await r.json() : [];
      if (mine === seq) render(found);
    } catch (e) { /* offline or server gone: no suggestions */ }
  }

  function move(d) {
    const items = list.querySelectorAll("li");
    if (!items.length) return;
    if (active >= 0) items[active].classList.remove("active");
    active = (active + d + items.length) % items.length;
    items[active].classList.add("active");
  }

  box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 100); });
  box.addEventListener("keydown", e => {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); open(active); }
    else if (e.key === "Escape") hide();
  });
  // leaving the box folds the suggestions away; coming back shows them again
  box.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 150));
  box.addEventListener("focus", () => { list.hidden = list.children.length === 0; });
})();

// Shared by the pages: a SPARQL JSON result as a table — IRIs of the dataset shown by their
// labels and linked to their pages, literals in full (dates never cut).
window.TreatyGraph = (function () {
  "use strict";
  const ID = "https://w3id.org/treatygraph/id/";
  const labelCache = new Map();

  async function labels(iris) {
    const missing = [...new Set(iris)].filter(i => i.startsWith(ID) && !labelCache.has(i));
    for (let k = 0; k < missing.length; k += 80) {
      const params = new URLSearchParams();
      missing.slice(k, k + 80).forEach(i => params.append("iri", i));
      try {
        const r = await fetch("/kg/labels?" + params.toString());
        if (r.ok) Object.entries(await r.json()).forEach(([i, l]) => labelCache.set(i, l));
      } catch (e) { /* keep the IRIs */ }
    }
    return labelCache;
  }

  function page(iri) { return iri.startsWith(ID) ? "/id/" + iri.substring(ID.length) : null; }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const p = page(term.value);
      const a = document.createElement(p ? "a" : "span");
      if (p) a.href = p;
      a.title = term.value;
      a.textContent = labelCache.get(term.value) || term.value.replace(/^.*[/#]/, "");
      a.className = "iri";
      td.append(a);
    } else {
      const s = document.createElement("span");
      s.className = "literal";
      s.textContent = term.value;
      if (term["xml:lang"]) { s.lang = term["xml:lang"]; td.append(s, " "); const t = document.createElement("small"); t.textContent = "@" + term["xml:lang"]; td.append(t); }
      else td.append(s);
      if (term.datatype) td.title = term.datatype;
    }
    return td;
  }

  async function table(container, json) {
    container.replaceChildren();
    const vars = json.head.vars || [];
    const rows = (json.results && json.results.bindings) || [];
    const iris = [];
    rows.forEach(b => vars.forEach(v => { if (b[v] && b[v].type === "uri") iris.push(b[v].value); }));
    await labels(iris);
    const t = document.createElement("table");
    t.className = "results";
    const head = t.createTHead().insertRow();
    vars.forEach(v => { const th = document.createElement("th"); th.textContent = "?" + v; head.append(th); });
    const body = t.createTBody();
    rows.forEach(b => { const tr = body.insertRow(); tr.className = "result-row"; vars.forEach(v => tr.append(cell(b[v]))); });
    const n = document.createElement("p");
    n.className = "summary";
    n.textContent = rows.length + " row" + (rows.length === 1 ? "" : "s");
    container.append(n, t);
    container.dataset.rows = rows.length;
    return rows.length;
  }

  return { labels, table, page, cell, ID };
})();
