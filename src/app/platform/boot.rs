//! The bridge to boot.js: the update offer of a waiting service worker, the crash banner a
//! panic shows, the site's version, and the way to the centre's collector.

use super::window;
use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// One of boot.js's functions on `window` (`cuecard…`), if the page has it.
fn boot_fn(name: &str) -> Option<Function> {
    js_sys::Reflect::get(&window(), &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Calls boot.js's `name` with `arg` and waits for what it answers (its promise's value);
/// `None` when the page has no such function or it failed.
async fn boot_call(name: &str, arg: &JsValue) -> Option<JsValue> {
    let answer = boot_fn(name)?.call1(&JsValue::NULL, arg).ok()?;
    match answer.dyn_into::<Promise>() {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(value) => Some(value),
    }
}

/// The version of the published site this page runs, as its offline worker names it (boot.js's
/// `cuecardSiteVersion`); empty where no worker controls the page (plain http, the first visit).
pub async fn site_version() -> String {
    let version = boot_call("cuecardSiteVersion", &JsValue::NULL).await;
    version.and_then(|v| v.as_string()).unwrap_or_default()
}

/// Starts sending to the centre's collector when the site names one (boot.js's
/// `cuecardCollector`, there only with a `<meta name="cuecard-report-to">`): every `every_ms`,
/// and when the network is back (`online` true), boot.js asks `take` for a batch with the site's
/// version, posts it, and tells `sent` whether the collector took it, in one tab at a time.
pub fn start_collector(
    take: impl FnMut(String, bool) -> Option<String> + 'static,
    sent: impl FnMut(bool) + 'static,
    every_ms: f64,
) {
    use wasm_bindgen::closure::Closure;
    let Some(start) = boot_fn("cuecardCollector") else {
        return;
    };
    let take = Closure::<dyn FnMut(String, bool) -> Option<String>>::new(take).into_js_value();
    let sent = Closure::<dyn FnMut(bool)>::new(sent).into_js_value();
    let _ = start.call3(&JsValue::NULL, &take, &sent, &every_ms.into());
}

/// Fired by boot.js when a new build's service worker is installed and waiting.
pub const UPDATE_EVENT: &str = "cuecard:update-ready";

pub fn update_ready() -> bool {
    js_sys::Reflect::get(&window(), &"cuecardUpdateReady".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

/// Asks the waiting worker to take over; boot.js reloads the page when it has.
pub fn apply_update() {
    if let Some(f) = boot_fn("cuecardApplyUpdate") {
        let _ = f.call0(&JsValue::NULL);
    }
}

/// A panic must never leave a frozen page: the hook tells boot.js, which shows "Something went
/// wrong — reload; your call and callbacks are saved" (the desk saves on every change) with a
/// reload button that needs no wasm. boot.js also catches traps the hook never sees, and in the
/// shipped build every panic is one: it is built with `panic = "immediate-abort"` (scripts/setup.sh,
/// `PAGE_SIZE_ENV`), where no hook runs; this hook serves development builds, with the message.
pub fn on_panic_show_banner() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        if let Some(f) = boot_fn("cuecardCrashed") {
            let _ = f.call1(&JsValue::NULL, &message.into());
        }
    }));
}

/// A deliberate panic, for the end-to-end test of the crash banner (boot.js exposes it as
/// `cuecardSelfTest.panicInTask`). It only ever breaks the page that calls it.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn cuecard_self_test_panic() {
    panic!("self-test: a deliberate panic to check the crash banner");
}
