// The studio's worker: the folder's check and its index build, off the page's main thread. It
// runs the studio's own wasm (the page names its glue and wasm in this script's address), whose
// start sees a worker and answers the page's messages (src/studio/background.rs). The page's
// first message is its compiled module, or null where it cannot send one (the wasm is then
// fetched); the messages that arrive while the wasm starts are held and handed over in order.
const held = [];
let gotModule;
const pageModule = new Promise((resolve) => (gotModule = resolve));
const hold = (event) => {
  if (event.data && "wasmModule" in event.data) gotModule(event.data.wasmModule);
  else held.push(event.data);
};
self.addEventListener("message", hold);
const params = new URLSearchParams(self.location.search);
const glue = await import(params.get("js"));
await glue.default({ module_or_path: (await pageModule) || params.get("wasm") });
self.removeEventListener("message", hold);
for (const data of held) self.dispatchEvent(new MessageEvent("message", { data }));
