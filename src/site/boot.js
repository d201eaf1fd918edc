// Starts Cuecard without inline script (the page's Content-Security-Policy forbids it): loads the
// wasm app whose hashed names the build wrote on this tag, then registers the offline worker and
// tells the app when a new version is waiting (the app shows "new version — reload"). It also
// owns the crash banner, which must work when the wasm app no longer can.

const CRASH_TEXT = {
  en: ["Something went wrong — reload. Your call and callbacks are saved.", "Reload"],
  vi: ["Đã xảy ra lỗi — hãy tải lại trang. Cuộc gọi và hẹn gọi lại đã được lưu.", "Tải lại"],
  zh: ["出现错误——请重新加载。您的通话和回电已保存。", "重新加载"],
  ru: ["Что-то пошло не так — перезагрузите страницу. Звонок и перезвоны сохранены.", "Перезагрузить"],
};

// Shown once, above everything, by the app's panic hook or on an uncaught trap.
window.cuecardCrashed = (detail) => {
  if (document.querySelector("[data-testid=crash]")) return;
  const lang = (document.documentElement.lang || "en").slice(0, 2);
  const [text, label] = CRASH_TEXT[lang] || CRASH_TEXT.en;
  const banner = document.createElement("div");
  banner.className = "crash";
  banner.setAttribute("role", "alert");
  banner.dataset.testid = "crash";
  const p = document.createElement("p");
  p.textContent = text;
  const button = document.createElement("button");
  button.textContent = label;
  button.addEventListener("click", () => window.location.reload());
  banner.append(p, button);
  document.body.prepend(banner);
  if (detail) console.error("Cuecard stopped:", detail);
};
window.addEventListener("error", (e) => {
  if (e.error instanceof WebAssembly.RuntimeError) window.cuecardCrashed(String(e.error));
});
window.addEventListener("unhandledrejection", (e) => {
  if (e.reason instanceof WebAssembly.RuntimeError) window.cuecardCrashed(String(e.reason));
});

// Marks on the performance timeline: where a start spends its time (the page benchmark reads them).
performance.mark("cuecard:boot");

const UI_LANGS = ["en", "vi", "zh", "ru"];
// The stored preferences' data (written by the app), or null.
function storedPrefs() {
  try {
    const base = location.pathname.replace(/[^/]*$/, "");
    return JSON.parse(localStorage.getItem(`cuecard:${base}:prefs`)).data || null;
  } catch {
    return null; // none yet, or unreadable ones (the app sets those aside itself)
  }
}
function browserLanguage() {
  return (navigator.languages || [navigator.language])
    .map((l) => String(l).split(/[-_]/)[0].toLowerCase())
    .find((l) => UI_LANGS.includes(l)) || "en";
}
// The desk's UI language as the app chooses it: the stored choice, else the browser's.
function uiLanguage() {
  const stored = (storedPrefs() || {}).ui_lang;
  return UI_LANGS.includes(stored) ? stored : browserLanguage();
}

// The app shell (the search page as the app renders it first) speaks the desk's language before
// the app starts: `kb site` wrote each word's translations beside it from the app's messages.
// An example clicked before the app mounts goes into the search box, where the app takes it.
const shell = document.querySelector("[data-shell]");
if (shell) {
  const lang = uiLanguage();
  if (lang !== "en") {
    document.documentElement.lang = lang;
    for (const el of shell.querySelectorAll("[data-msg]")) {
      const word = el.getAttribute(`data-${lang}`);
      const first = el.firstChild;
      if (word == null) continue;
      if (first && first.nodeType === Node.TEXT_NODE) {
        first.nodeValue = word + first.nodeValue.match(/\s*$/)[0];
      } else {
        el.prepend(word);
      }
    }
    for (const attr of ["placeholder", "aria-label"]) {
      for (const el of shell.querySelectorAll(`[data-${lang}-${attr}]`)) {
        el.setAttribute(attr, el.getAttribute(`data-${lang}-${attr}`));
      }
    }
    const choice = shell.querySelector("[data-shell-ui-lang]");
    if (choice) choice.value = lang;
  }
  const box = shell.querySelector("#search");
  shell.querySelector("[data-shell-examples]")?.addEventListener("click", (e) => {
    const button = e.target.closest("button");
    if (button && box) box.value = button.textContent;
  });
}
// The wasm's download starts first of all, checked against the integrity value `kb site` wrote
// on this tag (a `<link rel=preload>` of it could not check it: browsers ignore `integrity` for
// such preloads). The glue is preloaded by the page and takes this response when it starts.
const tag = document.querySelector("script[data-wasm]");
const wasmIntegrity = tag.dataset.wasmIntegrity;
const wasmResponse = fetch(tag.dataset.wasm, wasmIntegrity ? { integrity: wasmIntegrity } : {});
// (A failed download is reported where it is awaited, by the "could not start" message.)
wasmResponse.catch(() => {});
// The index downloads start now, beside the wasm's, and the app takes the bytes when it starts
// (null on any failure: the app then fetches again itself and says what went wrong). Waiting for
// the app to ask cost a warm start about 60 ms, even with the file preloaded. There is one blob
// per content language: the ones this desk needs first are those the app noted in its stored
// preferences (`index_first`); a new desk takes its browser's language, as the app's UI does,
// and every language when that one has no procedures (English).
const indexMetas = [...document.querySelectorAll("meta[name=cuecard-index][data-lang]")];
function firstLanguages() {
  const langs = indexMetas.map((m) => m.dataset.lang);
  const stored = storedPrefs() || {};
  const first = String(stored.index_first || "").split(",").filter((l) => langs.includes(l));
  if (first.length) return first;
  // Preferences from before the hint: the filter's language, else the UI's.
  const chosen = stored.lang_filter || stored.ui_lang || null;
  const ui = chosen || browserLanguage();
  return langs.includes(ui) ? [ui] : langs;
}
// A page the offline worker controls reads a blob straight from the offline cache, which the
// worker filled only with copies that match the build's SHA-256: through the worker's fetch
// handler and the integrity check again, the 17 MB blob of 10 000 procedures took ~280 ms.
function fromOfflineCache(url) {
  if (!self.caches || !navigator.serviceWorker || !navigator.serviceWorker.controller) {
    return Promise.resolve(null);
  }
  return caches
    .match(new URL(url, location.href).href)
    .then((r) => (r && r.ok ? r.arrayBuffer() : null))
    .catch(() => null);
}
window.cuecardIndexBytes = {};
for (const lang of firstLanguages()) {
  const meta = indexMetas.find((m) => m.dataset.lang === lang);
  const integrity = meta.dataset.integrity;
  window.cuecardIndexBytes[lang] = fromOfflineCache(meta.content)
    .then((kept) => kept || fetch(meta.content, integrity ? { integrity } : {})
      .then((r) => (r.ok ? r.arrayBuffer() : null)))
    .catch(() => null);
}
// Where the app cannot start, the page says why and what to do, never a blank page: WebAssembly
// missing or turned off (Edge's enhanced security, Safari's Lockdown Mode, JIT-less policies),
// or the program failing to load, compile or start. The cause goes to the console.
const CANNOT_START_TEXT = {
  en: {
    off: "Cuecard cannot start: WebAssembly is turned off or missing in this browser. If Edge's enhanced security or Safari's Lockdown Mode is on, add this site to its exceptions (or ask IT to allow WebAssembly here); otherwise open Cuecard in a current Chrome, Edge, Firefox or Safari.",
    failed: "Cuecard could not start: its program did not load. Reload the page. If it happens again, this browser may be blocking WebAssembly: add this site to the exceptions of Edge's enhanced security (or ask IT), or use a current Chrome, Edge, Firefox or Safari.",
  },
  vi: {
    off: "Không khởi động được Cuecard: trình duyệt này đã tắt hoặc không có WebAssembly. Nếu đang bật chế độ bảo mật nâng cao của Edge hoặc Lockdown Mode của Safari, hãy thêm trang này vào danh sách ngoại lệ (hoặc nhờ bộ phận IT cho phép WebAssembly); nếu không, hãy mở Cuecard bằng Chrome, Edge, Firefox hoặc Safari bản mới.",
    failed: "Không khởi động được Cuecard: chương trình chưa tải được. Hãy tải lại trang. Nếu vẫn lỗi, trình duyệt có thể đang chặn WebAssembly: hãy thêm trang này vào danh sách ngoại lệ của chế độ bảo mật nâng cao của Edge (hoặc nhờ bộ phận IT), hoặc dùng Chrome, Edge, Firefox hoặc Safari bản mới.",
  },
  zh: {
    off: "Cuecard 无法启动：此浏览器关闭了或不支持 WebAssembly。如果开启了 Edge 的增强安全模式或 Safari 的锁定模式，请把本网站加入例外（或请 IT 允许本网站使用 WebAssembly）；否则请用新版 Chrome、Edge、Firefox 或 Safari 打开 Cuecard。",
    failed: "Cuecard 无法启动：程序未能加载。请重新加载页面。如果仍然出现，浏览器可能阻止了 WebAssembly：请把本网站加入 Edge 增强安全模式的例外（或请 IT 处理），或使用新版 Chrome、Edge、Firefox 或 Safari。",
  },
  ru: {
    off: "Cuecard не может запуститься: в этом браузере WebAssembly выключен или отсутствует. Если включены усиленная защита Edge или режим блокировки Safari, добавьте этот сайт в исключения (или попросите IT разрешить здесь WebAssembly); иначе откройте Cuecard в актуальном Chrome, Edge, Firefox или Safari.",
    failed: "Cuecard не смог запуститься: программа не загрузилась. Перезагрузите страницу. Если это повторится, браузер, возможно, блокирует WebAssembly: добавьте этот сайт в исключения усиленной защиты Edge (или обратитесь в IT) либо используйте актуальный Chrome, Edge, Firefox или Safari.",
  },
};
// In the UI language, inside the shell under its title (the example queries stay visible).
function cannotStart(kind, cause) {
  console.error("Cuecard cannot start:", cause);
  if (document.querySelector("[data-testid=cannot-start]")) return;
  const lang = uiLanguage();
  const box = document.createElement("div");
  box.className = "cannot-start";
  box.setAttribute("role", "alert");
  box.lang = lang;
  box.dataset.testid = "cannot-start";
  box.dataset.kind = kind;
  const p = document.createElement("p");
  p.textContent = CANNOT_START_TEXT[lang][kind];
  box.append(p);
  const title = document.querySelector("[data-shell] .page-title");
  if (title) title.after(box);
  else document.body.prepend(box);
}
// The smallest valid module: `validate` is false (or throws) where wasm is disabled by policy.
function webAssemblyWorks() {
  try {
    return typeof WebAssembly === "object" &&
      typeof WebAssembly.instantiate === "function" &&
      WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch {
    return false;
  }
}

// The version of the site this page runs, as its worker names it ("" without one, or when it
// does not answer at once): the report for editors carries it.
window.cuecardSiteVersion = () =>
  new Promise((resolve) => {
    const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!worker || !self.MessageChannel) return resolve("");
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(String(event.data || ""));
    setTimeout(() => resolve(""), 1000);
    worker.postMessage({ type: "version" }, [channel.port2]);
  });

// The centre's collector for the desk's record, when the site names one (`kb site
// --report-to URL`); without it nothing leaves the desk. Defined before the app starts, which
// calls it when it mounts. The app decides what goes and when (`take` answers a batch or
// nothing, `sent` hears whether it was taken); here are only the rounds, the request and the
// lease.
const reportTo = document.querySelector("meta[name=cuecard-report-to]");
if (reportTo && reportTo.content) {
  // text/plain is a simple request (no preflight). The collector must still let this origin
  // read its answer (Access-Control-Allow-Origin) unless it is the site's own: an answer the
  // page cannot read counts as not taken, and the batch goes again later. `keepalive` (the
  // request outlives a closing tab) holds 64 KiB at most: a larger batch goes without it.
  const post = (body) =>
    fetch(reportTo.content, {
      method: "POST",
      body,
      keepalive: body.length < 20000,
      credentials: "omit",
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
    }).then((r) => r.ok, () => false);
  // One tab sends at a time (a Web Lock). Without Web Locks (plain http) every tab may send:
  // the app takes in the others' sent marks before it chooses a batch.
  const leased = (job) =>
    navigator.locks
      ? navigator.locks.request("cuecard-report", { ifAvailable: true }, (lock) => lock && job())
      : job();
  window.cuecardCollector = (take, sent, everyMs) => {
    let busy = false;
    const round = async (online) => {
      if (busy) return;
      busy = true;
      try {
        const version = await window.cuecardSiteVersion();
        await leased(async () => {
          for (let body; (body = take(version, online)); online = false) {
            const taken = await post(body);
            sent(taken);
            if (!taken) break;
          }
        });
      } catch (e) {
        console.warn("cuecard: sending the report", e);
      } finally {
        busy = false;
      }
    };
    setInterval(() => round(false), everyMs);
    addEventListener("online", () => round(true));
    round(false);
  };
}

// The app replaces the shell only once the browser has reported the shell's largest paint: a
// paint not yet reported when its element goes is forgotten (Chromium), so a start that
// outran it would make the page's largest paint the app's, after the wasm. Where the browser
// does not report largest paints, one frame; a tab that is not shown paints nothing and does
// not wait; and never longer than half a second.
const shellPainted = new Promise((resolve) => {
  if (!shell || document.visibilityState !== "visible") return resolve();
  document.addEventListener("visibilitychange", resolve, { once: true });
  setTimeout(resolve, 500);
  if ((PerformanceObserver.supportedEntryTypes || []).includes("largest-contentful-paint")) {
    // Before the app mounts, whatever paints is the shell's (its largest may be the search
    // box's placeholder, inside the input's own shadow tree: not "contained" by the shell).
    new PerformanceObserver((list, observer) => {
      observer.disconnect();
      resolve();
    }).observe({ type: "largest-contentful-paint", buffered: true });
  } else {
    requestAnimationFrame(() => setTimeout(resolve, 0));
  }
});

// The wasm compiles as it downloads, while the shell paints (only mounting waits for the paint):
// streamed from the response itself, so Chromium can also keep the compiled code for the next
// start. A server that does not say `application/wasm` gets the bytes compiled instead.
async function compileWasm() {
  const response = await wasmResponse;
  if (!response.ok) throw new Error(`the program file answered ${response.status}`);
  const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
  if (type === "application/wasm" && WebAssembly.compileStreaming) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

let glue, wasm;
if (!webAssemblyWorks()) {
  cannotStart("off", "WebAssembly is not available in this browser");
} else {
  try {
    const compiled = compileWasm();
    compiled.catch(() => {}); // reported where it is awaited
    glue = await import(tag.dataset.js);
    performance.mark("cuecard:glue");
    const module = await compiled;
    performance.mark("cuecard:compiled");
    await shellPainted;
    wasm = await glue.default({ module_or_path: module });
    performance.mark("cuecard:mounted");
  } catch (e) {
    // A trap while running is the crash banner's; this is a start that never happened.
    if (e instanceof WebAssembly.RuntimeError) throw e;
    cannotStart("failed", e);
  }
}
// The studio (studio.html, `data-surface="studio"`) starts the same way but is not the desk: no
// offline worker and no update offers (the desk's worker neither precaches nor serves it).
if (wasm && tag.dataset.surface !== "studio") started();

// What only a running app needs: its memory figure, the worker and the update offers.
function started() {
  // For the page benchmark's memory figure (the wasm instance's memory is outside the JS heap).
  window.cuecardMemoryBytes = () => wasm.memory.buffer.byteLength;
  // For the end-to-end test of the crash banner only: a panic in a task of the page's own,
  // uncaught, as a crash in an event handler or a timer comes. (A timer a WebDriver script
  // starts reports its error muted in Firefox, without the RuntimeError the banner looks for.)
  window.cuecardSelfTest = { panicInTask: () => setTimeout(glue.cuecard_self_test_panic) };

  const UPDATE_EVENT = "cuecard:update-ready";
  // Set when the operator chose "reload" here: only then does a change of worker reload this page.
  let updating = false;

  function offer(apply) {
    window.cuecardApplyUpdate = apply;
    window.cuecardUpdateReady = true;
    window.dispatchEvent(new Event(UPDATE_EVENT));
  }

  // Service workers need a secure context (https or localhost); elsewhere the app runs online only.
  if ("serviceWorker" in navigator) {
    let controlled = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (updating) {
        window.location.reload();
      } else if (controlled) {
        // Another tab switched to the new build: this page still runs the old one, whose files
        // are gone from the offline cache. Offer the reload that works, never force it mid-call.
        offer(() => window.location.reload());
      }
      controlled = true;
    });
    // The registration once register() has settled (null when it failed): the end-to-end tests
    // wait on it, since a page that goes away while its first worker starts wedges that worker
    // in some engines.
    window.cuecardWorker = navigator.serviceWorker
      .register("sw.js", { scope: "./", updateViaCache: "none" })
      .then((registration) => {
        const offerWaiting = () =>
          offer(() => {
            updating = true;
            if (registration.waiting) registration.waiting.postMessage({ type: "skip-waiting" });
            else window.location.reload();
          });
        if (registration.waiting && navigator.serviceWorker.controller) offerWaiting();
        registration.addEventListener("updatefound", () => {
          const worker = registration.installing;
          if (!worker) return;
          worker.addEventListener("statechange", () => {
            if (worker.state === "installed" && navigator.serviceWorker.controller) offerWaiting();
          });
        });
        // A desk left open for days still hears of new builds: check now and then, and when the
        // tab comes back into view.
        let lastCheck = Date.now();
        const check = () => {
          lastCheck = Date.now();
          registration.update().catch(() => {});
        };
        setInterval(check, 60 * 60 * 1000);
        document.addEventListener("visibilitychange", () => {
          if (document.visibilityState === "visible" && Date.now() - lastCheck > 10 * 60 * 1000) check();
        });
        return registration;
      })
      .catch((e) => {
        console.warn("Cuecard works online only here:", e);
        return null;
      });
  }
}
