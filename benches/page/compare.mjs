// Cuecard's release build side by side with MiniSearch and FlexSearch, in one headless Chromium
// run (scripts/bench-page.sh prepares the inputs). For each: bytes transferred (gzip) until the
// first answered query, navigation-to-first-answer, keystroke-to-updated-results p50/p95 (in the
// page: input event -> last DOM mutation of the update), hit@1/hit@3 on the dev query set.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";

const modules = path.join(path.dirname(new URL(import.meta.url).pathname), "node_modules");
const [dist, work, devQueriesPath] = process.argv.slice(2);
if (!dist || !work || !devQueriesPath) {
  console.error("usage: node compare.mjs DIST WORKDIR DEV_QUERIES.tsv");
  process.exit(2);
}
const RUNS = Number(process.env.RUNS || 5);

// ---- inputs -------------------------------------------------------------------------------
const docs = JSON.parse(fs.readFileSync(path.join(work, "docs.json"), "utf8"));
const devQueries = fs.readFileSync(devQueriesPath, "utf8").split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => { const [lang, query, markers] = l.split("\t"); return { lang, query, markers: markers.split("|") }; });
const norm = (s) => s.normalize("NFC").toLowerCase().replace(/_/g, " ")
  .replace(/[\p{P}\p{S}]/gu, " ").replace(/\s+/g, " ").trim();
const textById = new Map(docs.map((d) => [d.id, norm(d.text)]));
const isHit = (id, markers) => markers.some((m) => (textById.get(id) || "").includes(norm(m)));

// ---- the comparison pages: plain JS, the same DOM contract as Cuecard's search page ---------
const fold = `(t) => t.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()`;
const page = (lib, setup, search) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${lib}</title>
<script src="lib.js"></script></head><body><input data-testid="search" autofocus><ol id="results"></ol>
<script>
const fold = ${fold};
fetch("docs.json").then((r) => r.json()).then((docs) => {
  ${setup}
  const input = document.querySelector("[data-testid=search]"), list = document.getElementById("results");
  const run = () => {
    const q = input.value;
    const hits = q.trim() ? (${search}) : [];
    list.replaceChildren(...hits.slice(0, 10).map((h) => {
      const li = document.createElement("li"), a = document.createElement("a");
      a.dataset.testid = "result"; a.href = "#/p/" + h.id; a.textContent = h.title;
      li.append(a); return li;
    }));
  };
  input.addEventListener("input", run);
  if (input.value) run();
});
</script></body></html>`;

const minisearchPage = page("MiniSearch", `
  const ms = new MiniSearch({ fields: ["title", "situations", "text"], storeFields: ["title"],
    extractField: (d, f) => Array.isArray(d[f]) ? d[f].join(" ") : d[f], processTerm: fold,
    searchOptions: { boost: { title: 2, situations: 1.5 }, prefix: true, fuzzy: 0.2 } });
  ms.addAll(docs);`, `ms.search(q).map((r) => ({ id: r.id, title: r.title }))`);

const flexsearchPage = page("FlexSearch", `
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  const fx = new FlexSearch.Document({ document: { id: "id", index: ["title", "situations", "text"] },
    tokenize: "forward", encoder: FlexSearch.Charset.Normalize });
  for (const d of docs) fx.add({ id: d.id, title: d.title, situations: d.situations.join(" "), text: d.text });`,
  `fx.search(q, { limit: 10, suggest: true, merge: true }).map((r) => ({ id: r.id, title: titles.get(r.id) }))`);

// ---- one local server for all of them, gzip like a static host ------------------------------
const types = { html: "text/html; charset=utf-8", js: "text/javascript", wasm: "application/wasm",
  css: "text/css", json: "application/json", bin: "application/octet-stream", webmanifest: "application/manifest+json",
  svg: "image/svg+xml", png: "image/png" };
const gzCache = new Map();
function send(res, req, name, body) {
  const ext = name.split(".").pop();
  const headers = { "Content-Type": types[ext] || "application/octet-stream", "Cache-Control": "no-cache" };
  if (ext !== "png" && /gzip/.test(req.headers["accept-encoding"] || "")) {
    const key = name + ":" + body.length;
    if (!gzCache.has(key)) gzCache.set(key, zlib.gzipSync(body, { level: 9 }));
    body = gzCache.get(key);
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = body.length;
  res.writeHead(200, headers);
  res.end(body);
}
const sites = {
  cuecard: (f) => fs.readFileSync(path.join(dist, f)),
  cuecard10k: (f) => f === "index.html"
    ? Buffer.from(fs.readFileSync(path.join(dist, f), "utf8").replace(/content="index-[0-9a-f]+\.bin"/, 'content="index-10k.bin"'))
    : f === "index-10k.bin" ? fs.readFileSync(path.join(work, "index-10k.bin"))
    : f === "sw.js" ? null : fs.readFileSync(path.join(dist, f)),
  minisearch: (f) => f === "index.html" ? Buffer.from(minisearchPage)
    : f === "lib.js" ? fs.readFileSync(path.join(modules, "minisearch/dist/umd/index.js"))
    : f === "docs.json" ? fs.readFileSync(path.join(work, "docs.json")) : null,
  flexsearch: (f) => f === "index.html" ? Buffer.from(flexsearchPage)
    : f === "lib.js" ? fs.readFileSync(path.join(modules, "flexsearch/dist/flexsearch.bundle.min.js"))
    : f === "docs.json" ? fs.readFileSync(path.join(work, "docs.json")) : null,
};
const server = http.createServer((req, res) => {
  const [, site, ...rest] = decodeURIComponent(req.url.split(/[?#]/)[0]).split("/");
  const file = rest.join("/") || "index.html";
  let body = null;
  try { body = sites[site] && !file.includes("..") ? sites[site](file) : null; } catch { body = null; }
  if (!body) { res.writeHead(404); res.end(); return; }
  send(res, req, file, body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
if (process.env.SERVE_ONLY) {
  console.log(`serving ${Object.keys(sites).map((s) => `${base}/${s}/`).join(" ")}`);
  await new Promise(() => {});
}

// ---- measurements -----------------------------------------------------------------------------
const FIRST = "khach muon gap truong ca";
// Installed before any page script: types FIRST as soon as the search box exists and notes when
// the first result appears (performance.now() counts from the start of navigation).
const firstAnswerProbe = `(() => {
  const mo = new MutationObserver(() => {
    const input = document.querySelector("[data-testid=search]");
    if (input && !input.__typed) { input.__typed = true; input.value = ${JSON.stringify(FIRST)};
      input.dispatchEvent(new Event("input", { bubbles: true })); }
    if (document.querySelector("[data-testid=result]")) { window.__firstAnswer = performance.now(); mo.disconnect(); }
  });
  mo.observe(document, { subtree: true, childList: true });
})();`;

async function firstLoad(browser, url) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  await context.addInitScript(firstAnswerProbe);
  const p = await context.newPage();
  await p.goto(url, { waitUntil: "commit" });
  await p.waitForFunction(() => window.__firstAnswer !== undefined, null, { timeout: 120000 });
  const m = await p.evaluate(() => {
    const t = window.__firstAnswer;
    const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
      .filter((e) => e.responseEnd <= t);
    return { ms: t, bytes: entries.reduce((s, e) => s + (e.transferSize || e.encodedBodySize || 0), 0) };
  });
  return { ...m, page: p, context };
}

async function keystrokes(p, queries) {
  return p.evaluate(async (queries) => {
    const input = document.querySelector("[data-testid=search]");
    let last = 0;
    const mo = new MutationObserver(() => { last = performance.now(); });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const type = async (value) => {
      input.value = value;
      last = 0;
      const t0 = performance.now();
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const sync = performance.now();
      await settle();
      return Math.max(last, sync) - t0;
    };
    const samples = [], ranked = [];
    for (const q of queries) {
      await type("");
      const chars = [...q];
      for (let i = 1; i <= chars.length; i++) samples.push(await type(chars.slice(0, i).join("")));
      await settle();
      ranked.push([...document.querySelectorAll("[data-testid=result]")].map((a) => decodeURIComponent(a.getAttribute("href").split("/p/")[1])));
    }
    mo.disconnect();
    return { samples, ranked };
  }, queries);
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const median = (xs) => pct(xs, 0.5);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const systems = [
  ["Cuecard (tantivy/wasm)", "cuecard"],
  ["MiniSearch 7.2", "minisearch"],
  ["FlexSearch 0.8", "flexsearch"],
  ["Cuecard, 10 000 procedures", "cuecard10k"],
];
const rows = [];
for (const [name, site] of systems) {
  const loads = [];
  let keys = null;
  for (let run = 0; run < RUNS; run++) {
    const m = await firstLoad(browser, `${base}/${site}/`);
    loads.push(m);
    if (run === RUNS - 1) keys = await keystrokes(m.page, devQueries.map((q) => q.query));
    await m.context.close();
  }
  const scored = site === "cuecard10k" ? null : devQueries.map((q, i) => {
    const ids = keys.ranked[i];
    return { at1: ids.slice(0, 1).some((id) => isHit(id, q.markers)), at3: ids.slice(0, 3).some((id) => isHit(id, q.markers)) };
  });
  rows.push({
    name,
    kb: median(loads.map((l) => l.bytes)) / 1024,
    firstAnswerMs: median(loads.map((l) => l.ms)),
    p50: pct(keys.samples, 0.5),
    p95: pct(keys.samples, 0.95),
    max: Math.max(...keys.samples),
    keystrokes: keys.samples.length,
    hit1: scored && scored.filter((s) => s.at1).length / scored.length,
    hit3: scored && scored.filter((s) => s.at3).length / scored.length,
  });
  console.error(`measured ${name}`);
}
await browser.close();
server.close();

const f1 = (x) => x.toFixed(1), f2 = (x) => (x === null ? "—" : x.toFixed(2));
const table = [
  `| System | First load, gzip (KB) | Navigation → first answer (ms) | Keystroke p50 (ms) | Keystroke p95 (ms) | Max (ms) | hit@1 | hit@3 |`,
  `|---|---:|---:|---:|---:|---:|---:|---:|`,
  ...rows.map((r) => `| ${r.name} | ${f1(r.kb)} | ${Math.round(r.firstAnswerMs)} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.max)} | ${f2(r.hit1)} | ${f2(r.hit3)} |`),
].join("\n");
const note = `Headless Chromium on loopback, ${RUNS} cold loads each (median), ` +
  `${rows[0].keystrokes} keystrokes over ${devQueries.length} dev queries typed one character at a time.`;
fs.writeFileSync(path.join(work, "results.json"), JSON.stringify(rows, null, 2));
fs.writeFileSync(path.join(work, "results.md"), table + "\n\n" + note + "\n");
console.log(table + "\n\n" + note);
