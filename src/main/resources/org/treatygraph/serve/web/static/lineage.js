// The treaty-lineage view: agreements of the named query lineage_graph in date order, an arrow
// from each agreement to the one it rests on, labelled with the relation. Following an agreement
// highlights what it rests on (down) and what rests on it (up), all the way.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const form = document.getElementById("lineage-form");
  const box = document.getElementById("lineage");
  const summary = document.getElementById("lineage-summary");
  const ID = "https://w3id.org/treatygraph/id/";
  const params = new URLSearchParams(location.search);

  async function draw() {
    const r = await fetch("/kg/queries/lineage_graph", { headers: { Accept: "application/sparql-results+json" } });
    const rows = (await r.json()).results.bindings;
    const nodes = new Map();
    const node = (iri, label, date) => {
      if (!nodes.has(iri)) nodes.set(iri, { id: iri, label: label || iri.replace(/^.*\//, ""), date: date || "" });
      return nodes.get(iri);
    };
    const edges = rows.map(b => ({ from: node(b.agreement.value, b.label && b.label.value, b.date && b.date.value),
      to: node(b.restsOn.value, b.restsOnLabel && b.restsOnLabel.value, b.restsOnDate && b.restsOnDate.value),
      relation: b.relationLabel ? b.relationLabel.value : b.relation.value.replace(/^.*[#/]/, "") }));
    const list = [...nodes.values()].sort((a, b) => (a.date + a.id).localeCompare(b.date + b.id));
    const select = form.elements.focus;
    if (select.options.length === 1)
      list.forEach(n => { const o = document.createElement("option"); o.value = "agreement:" + n.id.replace(/^.*\//, ""); o.textContent = `${n.date.substring(0, 4)} ${n.label}`; select.append(o); });
    if (params.get("focus") && !select.dataset.init) { select.value = params.get("focus"); select.dataset.init = "1"; }
    const focus = select.value ? ID + "agreement/" + select.value.replace(/^agreement:/, "") : null;
    // up and down from the focus
    const down = new Set(), up = new Set();
    if (focus) {
      const walk = (start, next, seen) => { const todo = [start]; while (todo.length) { const c = todo.pop(); for (const e of edges) { const [a, b] = next(e); if (a.id === c && !seen.has(b.id)) { seen.add(b.id); todo.push(b.id); } } } };
      walk(focus, e => [e.from, e.to], down);
      walk(focus, e => [e.to, e.from], up);
    }
    const related = id => !focus || id === focus || down.has(id) || up.has(id);
    const colW = 150, rowH = 70, lanes = 4;
    list.forEach((n, i) => { n.x = 80 + i * colW * 0.62; n.y = 60 + (i % lanes) * rowH * 1.3; });
    const width = Math.max(900, 160 + list.length * colW * 0.62), height = 60 + lanes * rowH * 1.3 + 40;
    const svg = d3.create("svg").attr("width", width).attr("height", height).attr("class", "lineage");
    svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 0 10 10").attr("refX", 10).attr("refY", 5)
      .attr("markerWidth", 7).attr("markerHeight", 7).attr("orient", "auto-start-reverse").append("path").attr("d", "M0,0L10,5L0,10z").attr("fill", "#8a99a8");
    const e = svg.append("g").selectAll("g").data(edges).join("g")
      .attr("class", d => "edge" + (focus ? (related(d.from.id) && related(d.to.id) && (d.from.id === focus || d.to.id === focus || (down.has(d.from.id) && down.has(d.to.id)) || (up.has(d.from.id) && up.has(d.to.id)) || (up.has(d.from.id) && d.to.id === focus) || (d.from.id === focus && down.has(d.to.id))) ? " focus" : " dim") : ""));
    e.append("path").attr("marker-end", "url(#arrow)").attr("d", d => {
      const mx = (d.from.x + d.to.x) / 2, my = Math.min(d.from.y, d.to.y) - 30;
      return `M${d.from.x},${d.from.y - 12} Q${mx},${my} ${d.to.x},${d.to.y - 12}`; });
    e.append("text").attr("class", "relation").attr("text-anchor", "middle")
      .attr("x", d => (d.from.x + d.to.x) / 2).attr("y", d => Math.min(d.from.y, d.to.y) - 18).text(d => d.relation);
    const n = svg.append("g").selectAll("a").data(list).join("a")
      .attr("class", d => "agreement" + (d.id === focus ? " focus" : focus && !related(d.id) ? " dim" : ""))
      .attr("href", d => "/id/" + d.id.substring(ID.length)).attr("transform", d => `translate(${d.x},${d.y})`);
    n.append("rect").attr("x", -70).attr("y", -12).attr("width", 140).attr("height", 34);
    n.append("text").attr("text-anchor", "middle").attr("y", 2).text(d => d.label.length > 26 ? d.label.substring(0, 25) + "…" : d.label);
    n.append("text").attr("text-anchor", "middle").attr("y", 16).attr("class", "date").text(d => d.date);
    n.append("title").text(d => `${d.label} (${d.date})`);
    box.replaceChildren(svg.node());
    box.dataset.nodes = list.length;
    box.dataset.edges = edges.length;
    box.dataset.related = focus ? 1 + down.size + up.size : list.length;
    summary.textContent = `${list.length} agreements, ${edges.length} relations` + (focus ? `; following ${nodes.get(focus) ? nodes.get(focus).label : focus}: ${down.size} earlier, ${up.size} later` : "");
    box.dataset.state = "ready";
  }
  form.addEventListener("submit", ev => { ev.preventDefault(); box.dataset.state = "loading"; draw(); });
  draw();
});
