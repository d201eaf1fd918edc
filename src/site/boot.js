// Starts Cuecard without inline script (the page's Content-Security-Policy forbids it): loads the
// wasm app whose hashed names the build wrote on this tag, then registers the offline worker and
// tells the app when a new version is waiting (the app shows "new version — reload").
const tag = document.querySelector("script[data-wasm]");
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });

const UPDATE_EVENT = "cuecard:update-ready";
// Set when the operator chose "reload": only then does a change of worker reload the page (the
// first install also changes the controller, and must not reload mid-call).
let updating = false;

function offer(registration) {
  window.cuecardApplyUpdate = () => {
    updating = true;
    if (registration.waiting) registration.waiting.postMessage({ type: "skip-waiting" });
  };
  window.cuecardUpdateReady = true;
  window.dispatchEvent(new Event(UPDATE_EVENT));
}

// Service workers need a secure context (https or localhost); elsewhere the app runs online only.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (updating) window.location.reload();
  });
  navigator.serviceWorker
    .register("sw.js", { scope: "./", updateViaCache: "none" })
    .then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) offer(registration);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        if (!worker) return;
        worker.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) offer(registration);
        });
      });
      window.cuecardWorkerReady = navigator.serviceWorker.ready.then(() => true);
    })
    .catch((e) => console.warn("Cuecard works online only here:", e));
}
