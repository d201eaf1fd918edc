//! The bridge to boot.js: the update offer of a waiting service worker, and the crash banner
//! a panic shows.

use super::window;
use wasm_bindgen::{JsCast, JsValue};

/// Fired by boot.js when a new build's service worker is installed and waiting.
pub const UPDATE_EVENT: &str = "cuecard:update-ready";

pub fn update_ready() -> bool {
    js_sys::Reflect::get(&window(), &"cuecardUpdateReady".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

/// Asks the waiting worker to take over; boot.js reloads the page when it has.
pub fn apply_update() {
    if let Ok(f) = js_sys::Reflect::get(&window(), &"cuecardApplyUpdate".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(&JsValue::NULL);
        }
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
        if let Ok(f) = js_sys::Reflect::get(&window(), &"cuecardCrashed".into()) {
            if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                let _ = f.call1(&JsValue::NULL, &message.into());
            }
        }
    }));
}

/// A deliberate panic, for the end-to-end test of the crash banner (boot.js exposes it as
/// `cuecardSelfTest.panicInTask`). It only ever breaks the page that calls it.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn cuecard_self_test_panic() {
    panic!("self-test: a deliberate panic to check the crash banner");
}
