// The map view: every place with coordinates (named query places_on_map) as a marker on the
// offline base map, with the names each state uses.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const form = document.getElementById("map-form");
  const box = document.getElementById("map");
  const summary = document.getElementById("map-summary");
  const tbody = document.querySelector("#place-list tbody");
  const EXTENTS = { islands: [[139.5, 41], [149.5, 46]], region: [[127, 30], [160, 56]], world: [[-170, -50], [179, 75]] };
  const params = new URLSearchParams(location.search);
  if (params.get("extent")) form.elements.extent.value = params.get("extent");
  const focus = params.get("focus");

  async function draw() {
    const r = await fetch("/kg/queries/places_on_map", { headers: { Accept: "application/sparql-results+json" } });
    const rows = (await r.json()).results.bindings;
    const places = rows.map(b => ({ id: b.place.value, label: b.label ? b.label.value : b.place.value.replace(/^.*\//, ""),
      kind: b.kind ? b.kind.value : "", lat: +b.lat.value, long: +b.long.value, names: b.names ? b.names.value : "" }));
    const extentName = form.elements.extent.value;
    const extent = EXTENTS[extentName];
    const width = Math.max(900, box.clientWidth), height = 560;
    const svg = d3.create("svg").attr("width", width).attr("height", height).attr("class", "map");
    const projection = await BaseMap.draw(svg, width, height, extent, extentName !== "world");
    const inside = places.filter(p => p.long >= extent[0][0] && p.long <= extent[1][0] && p.lat >= extent[0][1] && p.lat <= extent[1][1]);
    const m = svg.append("g").selectAll("a").data(inside).join("a")
      .attr("class", p => "marker" + (p.id.includes("/island/") ? " island" : "") + (p.id === focus ? " focus" : ""))
      .attr("href", p => "/id/" + p.id.replace(/^.*\/id\//, ""))
      .attr("transform", p => `translate(${projection([p.long, p.lat]).join(",")})`);
    m.append("circle").attr("r", 5);
    m.append("text").attr("x", 7).attr("y", 4).text(p => p.label);
    m.append("title").text(p => `${p.label} (${p.kind})\n${p.lat}, ${p.long}` + (p.names ? "\n" + p.names.split("; ").join("\n") : ""));
    box.replaceChildren(svg.node());
    box.dataset.markers = inside.length;
    tbody.replaceChildren();
    for (const p of places) {
      const tr = tbody.insertRow();
      const a = document.createElement("a");
      a.href = "/id/" + p.id.replace(/^.*\/id\//, "");
      a.textContent = p.label;
      tr.insertCell().append(a);
      tr.insertCell().textContent = p.kind;
      tr.insertCell().textContent = p.names;
    }
    summary.textContent = `${inside.length} of ${places.length} places on this extent`;
    box.dataset.state = "ready";
  }
  form.addEventListener("submit", ev => { ev.preventDefault(); box.dataset.state = "loading"; draw(); });
  draw();
});
