// Cuecard's release build side by side with MiniSearch and FlexSearch, in one headless Chromium
// run (scripts/bench-page.sh prepares the inputs), on the real content and on 10 000 synthetic
// procedures. For each: bytes sent by the server (gzip, counted there, so large responses count
// right) for the requests made before the first answered query, navigation-to-first-answer cold and (Cuecard, with its
// service worker) warm, keystroke-to-updated-results p50/p95 (in the page: input event -> last
// DOM mutation of the update) typed one character at a time and pasted whole, memory after typing (JS heap + wasm memory), hit@1/hit@3.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";

const modules = path.join(path.dirname(new URL(import.meta.url).pathname), "node_modules");
const [dist, work, devQueriesPath] = process.argv.slice(2);
if (!dist || !work || !devQueriesPath) {
  console.error("usage: node compare.mjs DIST WORKDIR DEV_QUERIES.tsv");
  process.exit(2);
}
const RUNS = Number(process.env.RUNS || 5);

// ---- inputs -------------------------------------------------------------------------------
const docs = JSON.parse(fs.readFileSync(path.join(work, "docs.json"), "utf8"));
const site10k = path.join(work, "site-10k");
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
function send(res, req, site, name, body) {
  const ext = name.split(".").pop();
  const headers = { "Content-Type": types[ext] || "application/octet-stream", "Cache-Control": "no-cache" };
  // A site that ships precompressed copies (Cuecard: `kb site` writes a .gz beside each file)
  // is served those, as nginx `gzip_static` and Caddy `precompressed` do; the others are
  // compressed on the fly at gzip's best level, as a host does for files shipped without them.
  const gz = shipsGzip[site] && path.join(shipsGzip[site], name + ".gz");
  if (gz && /gzip/.test(req.headers["accept-encoding"] || "") && fs.existsSync(gz)) {
    body = fs.readFileSync(gz);
    headers["Content-Encoding"] = "gzip";
  } else if (ext !== "png" && /gzip/.test(req.headers["accept-encoding"] || "")) {
    // Per site: two sites' pages can have the same name and length (only hashes differ).
    const key = site + "/" + name + ":" + body.length;
    if (!gzCache.has(key)) gzCache.set(key, zlib.gzipSync(body, { level: 9 }));
    body = gzCache.get(key);
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = body.length;
  res.writeHead(200, headers);
  res.end(body);
  return body.length;
}
const fromDir = (dir) => (f) => fs.readFileSync(path.join(dir, f));
const peer = (pageHtml, libFile, docsFile) => (f) => f === "index.html" ? Buffer.from(pageHtml)
  : f === "lib.js" ? fs.readFileSync(path.join(modules, libFile))
  : f === "docs.json" ? fs.readFileSync(path.join(work, docsFile)) : null;
const MINI = "minisearch/dist/umd/index.js", FLEX = "flexsearch/dist/flexsearch.bundle.min.js";
// The sites whose files carry their own .gz copies (see `send`).
const shipsGzip = { cuecard: dist, cuecarden: dist, cuecard10k: site10k };
const sites = {
  cuecard: fromDir(dist),
  // The same build opened by an English desk (no content language of its own: every index).
  cuecarden: fromDir(dist),
  cuecard10k: fromDir(site10k),
  minisearch: peer(minisearchPage, MINI, "docs.json"),
  flexsearch: peer(flexsearchPage, FLEX, "docs.json"),
  minisearch10k: peer(minisearchPage, MINI, "docs-10k.json"),
  flexsearch10k: peer(flexsearchPage, FLEX, "docs-10k.json"),
};
// Body bytes sent per site since the list was last reset (gzip where the client takes it), with
// the time each request came in: what a page asked for before its first answer is what counts
// (Cuecard asks for the desk's other languages only once that answer is on screen).
const sent = {};
// The release build as a static host with precompressed files serves it (nginx
// `brotli_static`/`gzip_static`, Caddy `precompressed`): the .br or .gz that `kb site` wrote, by
// the request's Accept-Encoding. Lighthouse loads this one.
const precompressed = { cuecardstatic: dist };
function sendPrecompressed(res, req, dir, name) {
  const accepts = req.headers["accept-encoding"] || "";
  const ext = name.split(".").pop();
  const headers = { "Content-Type": types[ext] || "application/octet-stream", "Cache-Control": "no-cache" };
  let file = path.join(dir, name);
  for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (accepts.includes(encoding) && fs.existsSync(file + suffix)) {
      file += suffix;
      headers["Content-Encoding"] = encoding;
      break;
    }
  }
  const body = fs.readFileSync(file);
  headers["Content-Length"] = body.length;
  res.writeHead(200, headers);
  res.end(body);
}
const server = http.createServer((req, res) => {
  const [, site, ...rest] = decodeURIComponent(req.url.split(/[?#]/)[0]).split("/");
  const file = rest.join("/") || "index.html";
  if (precompressed[site]) {
    const dir = precompressed[site];
    if (file.includes("..") || !fs.existsSync(path.join(dir, file))) { res.writeHead(404); res.end(); return; }
    sendPrecompressed(res, req, dir, file);
    return;
  }
  let body = null;
  try { body = sites[site] && !file.includes("..") ? sites[site](file) : null; } catch { body = null; }
  if (!body) { res.writeHead(404); res.end(); return; }
  const at = Date.now();
  (sent[site] = sent[site] || []).push([at, send(res, req, site, file, body), file]);
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

async function firstLoad(browser, site, locale) {
  const context = await browser.newContext({ serviceWorkers: "block", locale });
  await context.addInitScript(firstAnswerProbe);
  const p = await context.newPage();
  if (process.env.BENCH_DEBUG) p.on("console", (m) => console.error(`[${site}] ${m.text().slice(0, 200)}`));
  sent[site] = [];
  await p.goto(`${base}/${site}/`, { waitUntil: "commit" });
  await p.waitForFunction(() => window.__firstAnswer !== undefined, null, { timeout: 180000 });
  const ms = await p.evaluate(() => window.__firstAnswer);
  // (Same machine, same clock: requests that came in before the first answer.)
  const answeredAt = await p.evaluate(() => performance.timeOrigin + window.__firstAnswer);
  const before = sent[site].filter(([at]) => at <= answeredAt);
  const bytes = before.reduce((sum, [, n]) => sum + n, 0);
  if (process.env.BENCH_DEBUG) console.error(`[${site}] before the first answer: ${before.map(([, n, f]) => `${f} ${n}`).join(", ")}`);
  return { ms, bytes, page: p, context };
}

// New tab -> first answer with the service worker installed (the desk's every-shift start), with
// the page's own start marks (boot script run, glue loaded, app mounted, index fetched, opened).
async function warmStarts(browser, site, runs, locale) {
  const context = await browser.newContext({ locale });
  await context.addInitScript(firstAnswerProbe);
  const first = await context.newPage();
  await first.goto(`${base}/${site}/`);
  await first.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 180000 });
  await first.close();
  const times = [], marks = [];
  for (let i = 0; i < runs; i++) {
    const p = await context.newPage();
    await p.goto(`${base}/${site}/`, { waitUntil: "commit" });
    await p.waitForFunction(() => window.__firstAnswer !== undefined, null, { timeout: 180000 });
    times.push(await p.evaluate(() => window.__firstAnswer));
    marks.push(await p.evaluate(() => Object.fromEntries(
      performance.getEntriesByType("mark").filter((m) => m.name.startsWith("cuecard:"))
        .map((m) => [m.name.slice(8), m.startTime]))));
    await p.close();
  }
  // TRACE=1: one more warm start, traced (not counted: tracing slows it), summarised into
  // WORK/trace-SITE.txt (where the main thread spends a warm start).
  if (process.env.TRACE) {
    const p = await context.newPage();
    const file = path.join(work, `trace-${site}.json`);
    await browser.startTracing(p, { path: file, categories: ["blink.user_timing", "devtools.timeline",
      "v8", "v8.wasm", "disabled-by-default-v8.compile", "blink", "loading", "toplevel"] });
    await p.goto(`${base}/${site}/`, { waitUntil: "commit" });
    await p.waitForFunction(() => window.__firstAnswer !== undefined, null, { timeout: 180000 });
    const answer = await p.evaluate(() => window.__firstAnswer);
    await browser.stopTracing();
    await p.close();
    const summary = traceSummary(JSON.parse(fs.readFileSync(file, "utf8")), answer);
    fs.writeFileSync(path.join(work, `trace-${site}.txt`), summary);
    console.error(`${site}, a traced warm start:\n${summary}`);
  }
  await context.close();
  return { times, marks };
}

// A traced warm start in words: the page's marks, the renderer's main thread by task (over 2 ms,
// with what took longest inside each) and the wasm functions compiled lazily on it (V8's code
// cache holds only optimised functions: the rest compile again at each start, when first called).
function traceSummary(trace, answer) {
  const events = trace.traceEvents || trace;
  const marks = events.filter((e) => String(e.name).startsWith("cuecard:"));
  if (!marks.length) return "no cuecard marks in the trace\n";
  const main = (e) => e.pid === marks[0].pid && e.tid === marks[0].tid;
  // The navigation the marks count from: the last navigationStart of the main thread before them.
  const t0 = Math.max(...events.filter((e) => main(e) && e.name === "navigationStart" && e.ts <= marks[0].ts).map((e) => e.ts));
  const at = (ts) => (ts - t0) / 1000;
  const end = t0 + answer * 1000;
  const spans = events.filter((e) => main(e) && e.ph === "X" && e.dur && e.ts >= t0 && e.ts <= end);
  const tasks = spans.filter((e) => e.name === "ThreadControllerImpl::RunTask");
  const lines = [`first answer ${answer.toFixed(0)} ms; marks: ` +
    marks.map((m) => `${m.name.slice(8)} ${at(m.ts).toFixed(0)}`).join(", "),
  `main thread busy ${(tasks.reduce((n, e) => n + e.dur, 0) / 1000).toFixed(0)} ms in ${tasks.length} tasks; over 2 ms:`];
  for (const task of tasks.filter((e) => e.dur > 2000)) {
    const inner = spans.filter((e) => e !== task && e.name !== task.name && e.ts >= task.ts && e.ts <= task.ts + task.dur)
      .sort((a, b) => b.dur - a.dur).slice(0, 4);
    lines.push(`  ${at(task.ts).toFixed(0).padStart(4)} ms +${(task.dur / 1000).toFixed(1)}: ` +
      inner.map((e) => `${e.name} ${(e.dur / 1000).toFixed(1)}`).join(", "));
  }
  const lazy = spans.filter((e) => e.name === "wasm.CompileLazy");
  const edges = [...marks.map((m) => [m.name.slice(8), m.ts]), ["answer", end]];
  lines.push(`wasm functions compiled lazily on the main thread: ${lazy.length}, ` +
    `${(lazy.reduce((n, e) => n + e.dur, 0) / 1000).toFixed(0)} ms (traced); up to each mark:`);
  let from = t0;
  for (const [name, to] of edges) {
    const these = lazy.filter((e) => e.ts >= from && e.ts < to);
    if (these.length) lines.push(`  ${name}: ${these.length}, ${(these.reduce((n, e) => n + e.dur, 0) / 1000).toFixed(1)} ms`);
    from = to;
  }
  return lines.join("\n") + "\n";
}

// JS heap (Chromium's own count) and the wasm instance's memory, after typing.
async function memory(p) {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const heap = metrics.find((m) => m.name === "JSHeapUsedSize").value;
  const wasm = await p.evaluate(() => (window.cuecardMemoryBytes ? window.cuecardMemoryBytes() : 0));
  return (heap + wasm) / (1024 * 1024);
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
    // The way an operator pastes a sentence: each whole query in one input event, from an
    // empty box, five rounds.
    const pasted = [];
    for (let round = 0; round < 5; round++) {
      for (const q of queries) {
        await type("");
        pasted.push(await type(q));
      }
    }
    mo.disconnect();
    return { samples, pasted, ranked };
  }, queries);
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const median = (xs) => pct(xs, 0.5);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
// Cuecard fetches the index of the desk's language first (one blob per content language): the
// browser's language is that of a Vietnamese desk (the first query is Vietnamese), and once of an
// English one, which fetches every language before its first answer.
const systems = [
  ["Cuecard (tantivy/wasm), vi desk", "cuecard", true, "vi-VN"],
  ["Cuecard, en desk (all languages first)", "cuecarden", true, "en-US"],
  ["MiniSearch 7.2", "minisearch", false, "vi-VN"],
  ["FlexSearch 0.8", "flexsearch", false, "vi-VN"],
  ["Cuecard, 10 000 procedures, vi desk", "cuecard10k", true, "vi-VN"],
  ["MiniSearch, 10 000", "minisearch10k", false, "vi-VN"],
  ["FlexSearch, 10 000", "flexsearch10k", false, "vi-VN"],
];
const only = process.env.SYSTEMS ? process.env.SYSTEMS.split(",") : null;
const rows = [];
for (const [name, site, worker, locale] of systems.filter(([, site]) => !only || only.includes(site))) {
  const loads = [];
  let keys = null, mem = null;
  for (let run = 0; run < RUNS; run++) {
    const m = await firstLoad(browser, site, locale);
    loads.push(m);
    if (run === RUNS - 1) {
      // Every language's index is open before the typing starts (they follow the first answer).
      if (worker) {
        await m.page.waitForFunction(() => performance.getEntriesByType("mark")
          .filter((x) => x.name.startsWith("cuecard:index-open:")).length >= 3, null, { timeout: 180000 });
      }
      keys = await keystrokes(m.page, devQueries.map((q) => q.query));
      mem = await memory(m.page);
    }
    await m.context.close();
  }
  const warmRuns = worker ? await warmStarts(browser, site, RUNS, locale) : null;
  const warm = warmRuns && median(warmRuns.times);
  // Median time of each start mark over the warm starts: where a warm start spends its time.
  const warmMarks = warmRuns && Object.fromEntries(Object.keys(warmRuns.marks[0] || {})
    .map((k) => [k, Math.round(median(warmRuns.marks.map((m) => m[k])))]));
  if (warmMarks) console.error(`${name}, warm start marks (ms, median): ${JSON.stringify(warmMarks)}`);
  const scored = site.endsWith("10k") ? null : devQueries.map((q, i) => {
    const ids = keys.ranked[i];
    return { at1: ids.slice(0, 1).some((id) => isHit(id, q.markers)), at3: ids.slice(0, 3).some((id) => isHit(id, q.markers)) };
  });
  rows.push({
    name,
    kb: median(loads.map((l) => l.bytes)) / 1024,
    firstAnswerMs: median(loads.map((l) => l.ms)),
    warmMs: warm,
    warmMarks,
    p50: pct(keys.samples, 0.5),
    p95: pct(keys.samples, 0.95),
    max: Math.max(...keys.samples),
    pastedP50: pct(keys.pasted, 0.5),
    pastedP95: pct(keys.pasted, 0.95),
    memMb: mem,
    keystrokes: keys.samples.length,
    hit1: scored && scored.filter((s) => s.at1).length / scored.length,
    hit3: scored && scored.filter((s) => s.at3).length / scored.length,
  });
  console.error(`measured ${name}`);
}
await browser.close();

// Lighthouse (npm `lighthouse`, its own Chromium: Debian's, CHROME_PATH) on the precompressed
// site, mobile (its default: simulated slow 4G and a 4× slower CPU) and desktop; median of
// LIGHTHOUSE_RUNS runs per metric (default 3).
async function lighthouseRun(url, formFactor) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] };
    const { lhr } = await lighthouse(url, flags, formFactor === "desktop" ? desktopConfig : undefined);
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    const audit = (id) => lhr.audits[id].numericValue;
    // An accessibility score under 100 names its failing audits and the elements they saw.
    for (const ref of lhr.categories.accessibility.auditRefs) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) {
        const nodes = (a.details?.items || []).map((i) => i.node?.snippet).filter(Boolean).slice(0, 3);
        console.error(`Lighthouse ${formFactor} accessibility: ${ref.id} fails: ${nodes.join(" | ")}`);
      }
    }
    return {
      performance: lhr.categories.performance.score * 100,
      accessibility: lhr.categories.accessibility.score * 100,
      fcp: audit("first-contentful-paint"), lcp: audit("largest-contentful-paint"),
      cls: audit("cumulative-layout-shift"), tbt: audit("total-blocking-time"),
      lcpElement: lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet || "",
    };
  } finally {
    await chrome.kill();
  }
}
const lighthouseRows = [];
if (!only || only.includes("lighthouse")) {
  const LH_RUNS = Number(process.env.LIGHTHOUSE_RUNS || 3);
  for (const formFactor of ["mobile", "desktop"]) {
    const runs = [];
    for (let i = 0; i < LH_RUNS; i++) runs.push(await lighthouseRun(`${base}/cuecardstatic/`, formFactor));
    const m = (k) => median(runs.map((r) => r[k]));
    lighthouseRows.push({ formFactor, runs: LH_RUNS, performance: m("performance"), accessibility: m("accessibility"),
      fcp: m("fcp"), lcp: m("lcp"), cls: m("cls"), tbt: m("tbt"), each: runs });
    console.error(`Lighthouse ${formFactor}: ${JSON.stringify(runs)}`);
  }
}
server.close();

const f1 = (x) => x.toFixed(1), f2 = (x) => (x === null ? "—" : x.toFixed(2));
const ms = (x) => (x === null ? "—" : String(Math.round(x)));
const table = [
  `| System | First load, gzip (KB) | First answer, cold (ms) | First answer, warm (ms) | Keystroke p50 (ms) | Keystroke p95 (ms) | Max (ms) | Pasted query p50 (ms) | Pasted query p95 (ms) | Memory (MB) | hit@1 | hit@3 |`,
  `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ...rows.map((r) => `| ${r.name} | ${f1(r.kb)} | ${ms(r.firstAnswerMs)} | ${ms(r.warmMs)} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.max)} | ${f1(r.pastedP50)} | ${f1(r.pastedP95)} | ${f1(r.memMb)} | ${f2(r.hit1)} | ${f2(r.hit3)} |`),
].join("\n");
const note = rows.length ? `Headless Chromium on loopback, ${RUNS} cold loads and (Cuecard) ${RUNS} warm new tabs each (median), ` +
  `${rows[0].keystrokes} keystrokes over ${devQueries.length} dev queries typed one character at a time, ` +
  `then each whole query pasted in one input event (five rounds); Cuecard with every language's index open.` : "";
const lhTable = lighthouseRows.length ? [
  `| Lighthouse 12.8 (release build, precompressed files) | Performance | Accessibility | FCP (s) | LCP (s) | CLS | TBT (ms) |`,
  `|---|---:|---:|---:|---:|---:|---:|`,
  ...lighthouseRows.map((r) => `| ${r.formFactor} (median of ${r.runs}) | ${Math.round(r.performance)} | ${Math.round(r.accessibility)} | ${(r.fcp / 1000).toFixed(1)} | ${(r.lcp / 1000).toFixed(1)} | ${r.cls.toFixed(3)} | ${Math.round(r.tbt)} |`),
].join("\n") : "";
// Each table into its own file, only when this run measured it (bench-page.sh puts each into
// its place in the README).
const out = [rows.length ? table + "\n\n" + note : "", lhTable].filter(Boolean).join("\n\n");
fs.writeFileSync(path.join(work, "results.json"), JSON.stringify({ rows, lighthouse: lighthouseRows }, null, 2));
if (rows.length) fs.writeFileSync(path.join(work, "results.md"), table + "\n\n" + note + "\n");
if (lhTable) fs.writeFileSync(path.join(work, "lighthouse.md"), lhTable + "\n");
console.log(out);
