// The studio's worker: the folder's check and its index build, off the page's main thread. It
// runs the studio's own wasm (the page names its glue and wasm in this script's address), whose
// start sees a worker and answers the page's messages (src/studio/background.rs). Messages that
// arrive while the wasm starts are held and handed over in order once it listens.
const held = [];
const hold = (event) => held.push(event.data);
self.addEventListener("message", hold);
const params = new URLSearchParams(self.location.search);
const glue = await import(params.get("js"));
await glue.default({ module_or_path: params.get("wasm") });
self.removeEventListener("message", hold);
for (const data of held) self.dispatchEvent(new MessageEvent("message", { data }));
