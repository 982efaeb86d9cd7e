// A place's page: its position on a small offline map.
document.addEventListener("DOMContentLoaded", async () => {
  "use strict";
  const box = document.getElementById("mini-map");
  if (!box) return;
  const lat = +box.dataset.lat, long = +box.dataset.long;
  const width = 420, height = 260;
  const svg = d3.create("svg").attr("width", width).attr("height", height).attr("class", "map");
  const near = Math.abs(long - 146) < 20 && Math.abs(lat - 43) < 14;
  const d = near ? 3 : 25;
  const projection = await BaseMap.draw(svg, width, height, [[long - d * 1.6, lat - d], [long + d * 1.6, lat + d]], near);
  const g = svg.append("g").attr("class", "marker focus").attr("transform", `translate(${projection([long, lat]).join(",")})`);
  g.append("circle").attr("r", 6);
  box.replaceChildren(svg.node());
  box.dataset.state = "ready";
});
