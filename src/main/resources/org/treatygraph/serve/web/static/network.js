// The who-met-whom view: people as nodes, one edge per pair who met (held events both attended,
// named query who_met_whom_in_window), labelled with the days; laid out by a force simulation run
// to its end before drawing (the same picture every time).
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const form = document.getElementById("network-form");
  const box = document.getElementById("network");
  const summary = document.getElementById("network-summary");
  const params = new URLSearchParams(location.search);
  for (const k of ["from", "to", "person"]) if (params.get(k)) form.elements[k].value = params.get(k);

  async function draw() {
    const q = new URLSearchParams({ from: form.elements.from.value, to: form.elements.to.value });
    const r = await fetch("/kg/queries/who_met_whom_in_window?" + q, { headers: { Accept: "application/sparql-results+json" } });
    const rows = (await r.json()).results.bindings;
    const nodes = new Map(), links = new Map();
    const node = (iri, label) => { if (!nodes.has(iri)) nodes.set(iri, { id: iri, label: label || iri.replace(/^.*\//, ""), degree: 0 }); return nodes.get(iri); };
    for (const b of rows) {
      const a = node(b.a.value, b.aLabel && b.aLabel.value), c = node(b.b.value, b.bLabel && b.bLabel.value);
      const key = a.id + " " + c.id;
      if (!links.has(key)) { links.set(key, { source: a.id, target: c.id, dates: [], events: [] }); a.degree++; c.degree++; }
      const l = links.get(key);
      if (!l.dates.includes(b.date.value)) l.dates.push(b.date.value);
      l.events.push(b.eventLabel ? b.eventLabel.value : b.event.value);
    }
    const focus = form.elements.person.value ? "https://w3id.org/treatygraph/id/" + form.elements.person.value : null;
    const ns = [...nodes.values()], ls = [...links.values()];
    const width = Math.max(900, box.clientWidth), height = 620;
    const sim = d3.forceSimulation(ns).force("link", d3.forceLink(ls).id(d => d.id).distance(150))
      .force("charge", d3.forceManyBody().strength(-600)).force("center", d3.forceCenter(width / 2, height / 2))
      .force("collide", d3.forceCollide(40)).stop();
    for (let i = 0; i < 400; i++) sim.tick();
    ns.forEach(d => { d.x = Math.max(60, Math.min(width - 60, d.x)); d.y = Math.max(30, Math.min(height - 30, d.y)); });
    const svg = d3.create("svg").attr("width", width).attr("height", height).attr("class", "network");
    const edge = svg.append("g").selectAll("g").data(ls).join("g").attr("class", "edge-group");
    edge.append("line").attr("class", "link").attr("stroke-width", d => 1 + d.dates.length)
      .attr("x1", d => d.source.x).attr("y1", d => d.source.y).attr("x2", d => d.target.x).attr("y2", d => d.target.y)
      .append("title").text(d => `${d.source.label} – ${d.target.label}\n` + d.dates.join(", ") + "\n" + [...new Set(d.events)].join("\n"));
    edge.append("text").attr("class", "edge-label").attr("x", d => (d.source.x + d.target.x) / 2).attr("y", d => (d.source.y + d.target.y) / 2)
      .attr("text-anchor", "middle").attr("fill", "#555").text(d => d.dates.map(x => x.substring(5)).join(", "));
    const n = svg.append("g").selectAll("a").data(ns).join("a").attr("class", d => "node" + (d.id === focus ? " focus" : ""))
      .attr("href", d => "/id/" + d.id.replace(/^.*\/id\//, "")).attr("transform", d => `translate(${d.x},${d.y})`);
    n.append("circle").attr("r", d => 7 + 2 * Math.sqrt(d.degree));
    n.append("text").attr("x", 12).attr("y", 4).text(d => d.label);
    n.append("title").text(d => d.label);
    box.replaceChildren(svg.node());
    box.dataset.nodes = ns.length;
    box.dataset.edges = ls.length;
    summary.textContent = `${ns.length} people, ${ls.length} pairs who met, at ${new Set(rows.map(b => b.event.value)).size} meetings`;
    box.dataset.state = "ready";
  }
  form.addEventListener("submit", ev => { ev.preventDefault(); box.dataset.state = "loading"; draw(); });
  draw();
});
