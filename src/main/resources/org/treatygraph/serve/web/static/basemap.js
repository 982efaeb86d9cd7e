// The offline base map (Natural Earth land, public domain, shipped in /static/map/): draws land
// into an SVG for a projection fitted to an extent. Nothing is asked of a tile server.
window.BaseMap = (function () {
  "use strict";
  const cache = {};
  async function load(name) {
    if (!cache[name]) cache[name] = fetch("/static/map/" + name + ".geojson").then(r => r.json());
    return cache[name];
  }
  // extent: [[west, south], [east, north]]
  async function draw(svg, width, height, extent, detailed) {
    const world = await load("world");
    const region = detailed ? await load("region") : null;
    const frame = { type: "Feature", geometry: { type: "MultiPoint", coordinates: extent } };
    const projection = d3.geoMercator().fitExtent([[10, 10], [width - 10, height - 10]], frame);
    const path = d3.geoPath(projection);
    svg.append("rect").attr("class", "sea").attr("width", width).attr("height", height);
    const land = svg.append("g").attr("class", "basemap");
    land.selectAll("path.world").data(world.features).join("path").attr("class", "land world").attr("d", path);
    if (region) land.selectAll("path.region").data(region.features).join("path").attr("class", "land region").attr("d", path);
    return projection;
  }
  return { draw, load };
})();
