// The timeline view: events of the named query timeline_events, one row each, a dot for a known
// day and a bar for a date window; the mark's style says what the graphs say of the event.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const form = document.getElementById("timeline-form");
  const box = document.getElementById("timeline");
  const summary = document.getElementById("timeline-summary");
  const params = new URLSearchParams(location.search);
  for (const k of ["from", "to"]) if (params.get(k)) form.elements[k].value = params.get(k);

  // what the graphs say, as one category: held if any graph says so; else cancelled; else postponed; else planned
  function category(statuses) {
    const s = statuses.map(x => x.toLowerCase());
    if (s.some(x => x === "held")) return "held";
    if (s.some(x => x.includes("cancel") || x.includes("not held"))) return "cancelled";
    if (s.some(x => x.includes("postpone") || x.includes("put off"))) return "postponed";
    if (s.length) return "planned";
    return "unknown";
  }

  async function draw() {
    const q = new URLSearchParams({ from: form.elements.from.value, to: form.elements.to.value });
    const r = await fetch("/kg/queries/timeline_events?" + q, { headers: { Accept: "application/sparql-results+json" } });
    const json = await r.json();
    const events = new Map();
    const sources = new Set();
    for (const b of json.results.bindings) {
      const id = b.event.value;
      if (!events.has(id)) events.set(id, { id, label: b.label ? b.label.value : id.replace(/^.*\//, ""),
        start: b.start.value, end: b.end ? b.end.value : null, precision: b.precision ? b.precision.value : null, statuses: [] });
      if (b.statusLabel) { events.get(id).statuses.push({ status: b.statusLabel.value, graph: b.graph.value }); sources.add(b.graph.value); }
    }
    const select = form.elements.source;
    const chosen = params.get("source") || select.value;
    if (select.options.length === 1)
      [...sources].sort().forEach(s => { const o = document.createElement("option"); o.value = s; o.textContent = s === "background" ? "background" : "source text " + s; select.append(o); });
    select.value = chosen;
    let list = [...events.values()];
    if (select.value) list = list.filter(e => e.statuses.some(s => s.graph === select.value));
    list.forEach(e => e.category = category(e.statuses.filter(s => !select.value || s.graph === select.value).map(s => s.status)));

    const parse = d3.utcParse("%Y-%m-%d");
    const from = parse(form.elements.from.value), to = parse(form.elements.to.value);
    const width = Math.max(900, box.clientWidth), rowH = 22, left = 10, labelW = 360;
    const height = list.length * rowH + 40;
    const x = d3.scaleUtc().domain([from, d3.utcDay.offset(to, 1)]).range([left, width - labelW]);
    const svg = d3.create("svg").attr("width", width).attr("height", height).attr("class", "timeline");
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - 25})`).call(d3.axisBottom(x).ticks(8));
    const g = svg.append("g").selectAll("a").data(list).join("a").attr("href", e => "/id/" + e.id.replace(/^.*\/id\//, ""))
      .attr("class", e => "event " + e.category).attr("data-event", e => e.id)
      .attr("transform", (e, i) => `translate(0,${i * rowH + 12})`);
    g.append("title").text(e => `${e.label}\n${e.start}${e.end && e.end !== e.start ? " – " + e.end : ""}${e.end ? "" : " – (no last day given)"}`
      + (e.precision ? `\nprecision: ${e.precision}` : "") + "\n" + (e.statuses.map(s => `${s.status} (${s.graph})`).join("; ") || "no status stated"));
    g.each(function (e) {
      const s = d3.select(this), a = x(parse(e.start));
      const isDay = e.end && e.end === e.start;
      if (isDay) s.append("circle").attr("class", "mark").attr("cx", a).attr("cy", 0).attr("r", 6);
      else {
        const b = e.end ? x(d3.utcDay.offset(parse(e.end), 1)) : width - labelW;
        s.append("rect").attr("class", "mark window").attr("x", a).attr("y", -6).attr("width", Math.max(4, b - a)).attr("height", 12);
        if (!e.end) s.append("text").attr("x", b - 4).attr("y", 4).attr("text-anchor", "end").text("…");
      }
      const when = isDay ? e.start : `${e.start} – ${e.end || "…"}${e.precision ? " (" + e.precision + ")" : ""}`;
      s.append("text").attr("x", width - labelW + 8).attr("y", 4).text(`${when}  ${e.label}`);
    });
    box.replaceChildren(svg.node());
    box.dataset.events = list.length;
    const counts = d3.rollup(list, v => v.length, e => e.category);
    summary.textContent = `${list.length} events` + (list.length ? ": " + [...counts].map(([k, n]) => `${n} ${k}`).join(", ") : "");
    box.dataset.state = "ready";
  }
  form.addEventListener("submit", ev => { ev.preventDefault(); box.dataset.state = "loading"; draw(); });
  draw();
});
