//! The browser seam: clock, storage, fetch, clipboard, sound, notifications, title and location.
//! Everything the app needs from the page goes through here, so the rest stays plain Rust.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

/// Milliseconds since the epoch; `std::time` panics on wasm32-unknown-unknown.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Minutes to add to local time to get UTC (as JS `getTimezoneOffset`).
pub fn tz_offset_min() -> i32 {
    js_sys::Date::new_0().get_timezone_offset() as i32
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a value; a full or disabled storage is reported, never thrown.
pub fn save(key: &str, value: &str) -> Result<(), String> {
    let s = storage().ok_or("storage unavailable")?;
    s.set_item(key, value).map_err(|e| format!("{e:?}"))
}

/// Moves an unreadable value to a backup key instead of dropping it, and returns that key. When
/// storage is too full for a copy, the original is removed first to make room (a move, not a
/// copy); if even that fails the original is put back and left where it was.
pub fn backup(key: &str, raw: &str) -> Result<String, String> {
    let backup_key = format!(
        "{}{key}.{}",
        crate::desk::storage::BACKUP_PREFIX,
        now_ms() as u64
    );
    if save(&backup_key, raw).is_ok() {
        return Ok(backup_key);
    }
    let s = storage().ok_or("storage unavailable")?;
    let _ = s.remove_item(key);
    match save(&backup_key, raw) {
        Ok(()) => Ok(backup_key),
        Err(e) => {
            let _ = save(key, raw);
            Err(format!("could not be set aside ({e})"))
        }
    }
}

/// The index blob's URL: a `<meta name="cuecard-index">` written by the build (with the content
/// hash in the name), else `index.bin` beside the page.
pub fn index_url() -> String {
    window()
        .document()
        .and_then(|d| d.query_selector("meta[name=cuecard-index]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "index.bin".to_string())
}

pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let resp = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(|e| format!("{e:?}"))?)
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

pub fn copy_text(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}

/// A short beep through Web Audio (no sound file to ship).
pub fn beep() {
    let Ok(ctx) = web_sys::AudioContext::new() else {
        return;
    };
    let (Ok(osc), Ok(gain)) = (ctx.create_oscillator(), ctx.create_gain()) else {
        return;
    };
    osc.set_type(web_sys::OscillatorType::Sine);
    osc.frequency().set_value(880.0);
    gain.gain().set_value(0.2);
    let _ = osc.connect_with_audio_node(&gain);
    let _ = gain.connect_with_audio_node(&ctx.destination());
    let t = ctx.current_time();
    let _ = osc.start();
    let _ = osc.stop_with_when(t + 0.35);
}

pub fn notifications_allowed() -> bool {
    web_sys::Notification::permission() == web_sys::NotificationPermission::Granted
}

pub fn ask_notification_permission() {
    if web_sys::Notification::permission() == web_sys::NotificationPermission::Default {
        let _ = web_sys::Notification::request_permission();
    }
}

pub fn notify(title: &str, body: &str) -> bool {
    if !notifications_allowed() {
        return false;
    }
    let opts = web_sys::NotificationOptions::new();
    opts.set_body(body);
    web_sys::Notification::new_with_options(title, &opts).is_ok()
}

pub fn set_title(title: &str) {
    if let Some(d) = window().document() {
        d.set_title(title);
    }
}

pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

pub fn set_hash(h: &str) {
    let _ = window().location().set_hash(h);
}

pub fn history_back() {
    if let Ok(h) = window().history() {
        let _ = h.back();
    }
}

pub fn history_len() -> u32 {
    window().history().and_then(|h| h.length()).unwrap_or(0)
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
