//! The browser seam: every call into the page goes through here; views only name the event
//! types their handlers receive (`KeyboardEvent`, `StorageEvent`, `SubmitEvent`). By job: `clock`,
//! `storage`, `fetch` (the index blobs), `files` (downloads, the site's version), `clipboard`, `alerts` (sound, notifications), `history`
//! (hash routes), `boot` (boot.js: update offers, crash banner), `shell` (the static shell
//! handed over at mount), `dom` (what the keyboard
//! focuses and clicks, forms, print); here the window and the page's small facts.

mod alerts;
mod boot;
mod clipboard;
mod clock;
mod dom;
mod fetch;
mod files;
mod history;
mod shell;
mod storage;

pub use alerts::*;
pub use boot::*;
pub use clipboard::*;
pub use clock::*;
pub use dom::*;
pub use fetch::*;
pub use files::*;
pub use history::*;
pub use shell::*;
pub use storage::*;

use wasm_bindgen::JsValue;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

/// The page's `<meta name="…" content="…">`, if present.
pub fn meta(name: &str) -> Option<String> {
    window()
        .document()?
        .query_selector(&format!("meta[name={name}]"))
        .ok()??
        .get_attribute("content")
}

/// Whether the page runs in a secure context (https or localhost): service workers, the async
/// clipboard and notifications exist only there.
pub fn is_secure_context() -> bool {
    window().is_secure_context()
}

/// Whether `name` exists on `target` (an API missing on plain http is `undefined`, and calling
/// it through web-sys would throw).
pub(crate) fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(target, &name.into())
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false)
}

pub fn set_title(title: &str) {
    if let Some(d) = window().document() {
        d.set_title(title);
    }
}

pub fn confirm(message: &str) -> bool {
    window().confirm_with_message(message).unwrap_or(false)
}

pub fn browser_langs() -> Vec<String> {
    let nav = window().navigator();
    let mut out: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v: JsValue| v.as_string())
        .collect();
    if let Some(l) = nav.language() {
        out.push(l);
    }
    out
}

pub fn set_document_lang(code: &str) {
    if let Some(el) = window().document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", code);
    }
}

/// A warning for whoever looks at the browser's console (a deployment's misconfiguration).
pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

/// A random id for a call or a callback (unique enough across tabs and reloads).
pub fn new_id(prefix: &str) -> String {
    format!(
        "{prefix}-{}-{:08x}",
        now_ms() as u64,
        (js_sys::Math::random() * u32::MAX as f64) as u32
    )
}

/// A JavaScript error or rejection in words, for the messages shown to people: an `Error`'s
/// message, a thrown string as it is, anything else as JSON (not as Rust's `Debug`: the page is
/// built without Debug formatting, `-Zfmt-debug=none`).
pub(crate) fn js_error(e: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "unknown error".into())
}
