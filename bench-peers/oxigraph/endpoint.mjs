// Oxigraph (npm package, in memory) behind a minimal SPARQL endpoint, for the benchmark:
//   node endpoint.mjs DATA.nq
// Loads the N-Quads file (its triples without a graph into the default graph: the bench writes the
// union of the named graphs there, as Treaty Graph's default graph), then answers POST /sparql
// (application/sparql-query) in SPARQL JSON. Prints "READY port loadMillis" when it answers.
import http from "node:http";
import fs from "node:fs";
import oxigraph from "oxigraph";

const store = new oxigraph.Store();
const t0 = Date.now();
const lines = [];
let size = 0;
const flush = () => {
  if (lines.length) store.load(lines.join(""), { format: "application/n-quads", no_transaction: true });
  lines.length = 0;
  size = 0;
};
const input = fs.createReadStream(process.argv[2], { encoding: "utf8", highWaterMark: 1 << 20 });
let rest = "";
for await (const chunk of input) {
  const text = rest + chunk;
  const cut = text.lastIndexOf("\n") + 1;
  rest = text.slice(cut);
  lines.push(text.slice(0, cut));
  size += cut;
  if (size > (8 << 20)) flush();
}
lines.push(rest);
flush();
const loadMs = Date.now() - t0;

const server = http.createServer((req, res) => {
  const parts = [];
  req.on("data", (c) => parts.push(c));
  req.on("end", () => {
    const query = Buffer.concat(parts).toString("utf8");
    try {
      const out = store.query(query, { results_format: "application/sparql-results+json" });
      res.writeHead(200, { "Content-Type": "application/sparql-results+json" });
      res.end(out);
    } catch (e) {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(e));
    }
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`READY ${server.address().port} ${loadMs}`);
});
