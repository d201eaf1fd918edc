//! The browser seam: clock, storage, fetch, clipboard, sound, notifications, focus, title and
//! location. Every call into the page goes through here; views only name the event types
//! their handlers receive (`KeyboardEvent`, `StorageEvent`, `SubmitEvent`).

use crate::content::Lang;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

/// Milliseconds since the epoch on a clock that only moves forward inside this page: the
/// page's start (wall clock) plus a monotonic timer. Changing the system clock mid-hold does not
/// make the hold jump. (`std::time` panics on wasm32-unknown-unknown.)
pub fn now_ms() -> f64 {
    match window().performance() {
        Some(p) => p.time_origin() + p.now(),
        None => js_sys::Date::now(),
    }
}

/// Names a moment of the page's start on the performance timeline (`cuecard:index-fetched`,
/// `cuecard:index-open`), so the page benchmark can tell where a start spends its time.
pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// The UTC offset in force at an instant (JS `getTimezoneOffset`: minutes to add to local time
/// to get UTC); asked per instant so due times stay right across daylight-saving changes.
pub fn offset_at(ms: f64) -> i32 {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).get_timezone_offset() as i32
}

/// The directory of the page's URL path ("/desk/" for "/desk/index.html"): names this
/// deployment's storage keys.
pub fn base_path() -> String {
    let path = window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".into());
    match path.rfind('/') {
        Some(i) => path[..=i].to_string(),
        None => "/".into(),
    }
}

/// The page's `<meta name="…" content="…">`, if present.
pub fn meta(name: &str) -> Option<String> {
    window()
        .document()?
        .query_selector(&format!("meta[name={name}]"))
        .ok()??
        .get_attribute("content")
}

/// localStorage as the desk's `Store`; a full or disabled storage is reported, never thrown.
pub struct LocalStore(Option<web_sys::Storage>);

impl LocalStore {
    pub fn open() -> LocalStore {
        LocalStore(window().local_storage().ok().flatten())
    }
}

impl crate::desk::storage::Store for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref()?.get_item(key).ok().flatten()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let s = self.0.as_ref().ok_or("storage unavailable")?;
        s.set_item(key, value).map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| format!("{e:?}"))
        })
    }
    fn remove(&mut self, key: &str) {
        if let Some(s) = &self.0 {
            let _ = s.remove_item(key);
        }
    }
    fn keys(&self) -> Vec<String> {
        let Some(s) = &self.0 else { return Vec::new() };
        let n = s.length().unwrap_or(0);
        (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
    }
}

/// A random id for a call or a callback (unique enough across tabs and reloads).
pub fn new_id(prefix: &str) -> String {
    format!(
        "{prefix}-{}-{:08x}",
        now_ms() as u64,
        (js_sys::Math::random() * u32::MAX as f64) as u32
    )
}

/// A language's index blob as the build named it: `<meta name="cuecard-index" data-lang="vi"
/// content="index-vi-<hash>.bin" data-integrity="sha256-…">`.
pub fn index_ref(lang: Lang) -> Option<(String, Option<String>)> {
    let meta = window()
        .document()?
        .query_selector(&format!(
            "meta[name=cuecard-index][data-lang=\"{}\"]",
            lang.code()
        ))
        .ok()??;
    let url = meta.get_attribute("content")?;
    Some((url, meta.get_attribute("data-integrity")))
}

/// The content languages this build has an index for (its `<meta name="cuecard-index">` tags).
pub fn index_langs() -> Vec<Lang> {
    let Some(list) = window()
        .document()
        .and_then(|d| d.query_selector_all("meta[name=cuecard-index]").ok())
    else {
        return Vec::new();
    };
    let mut langs: Vec<Lang> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|m| Lang::from_code(&m.get_attribute("data-lang")?))
        .collect();
    langs.sort();
    langs.dedup();
    langs
}

/// Why a fetch gave no usable bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchProblem {
    /// The bytes arrived but do not match the build's checksum.
    Damaged,
    Other(String),
}

fn js_error(e: wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{e:?}"))
}

async fn fetch_once(
    url: &str,
    integrity: Option<&str>,
    bypass_cache: bool,
) -> Result<Vec<u8>, String> {
    let init = web_sys::RequestInit::new();
    if let Some(i) = integrity {
        init.set_integrity(i);
    }
    if bypass_cache {
        init.set_cache(web_sys::RequestCache::Reload);
    }
    let resp = JsFuture::from(window().fetch_with_str_and_init(url, &init))
        .await
        .map_err(js_error)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// A language's index bytes boot.js began to download beside the wasm, taken once (a retry
/// fetches anew); `None` when boot.js did not start that one or its download failed.
pub async fn take_early_index(lang: Lang) -> Option<Vec<u8>> {
    let started = js_sys::Reflect::get(&window(), &JsValue::from_str("cuecardIndexBytes")).ok()?;
    let key = JsValue::from_str(lang.code());
    let promise = js_sys::Reflect::get(&started, &key)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let _ = js_sys::Reflect::delete_property(started.dyn_ref::<js_sys::Object>()?, &key);
    let buf = JsFuture::from(promise).await.ok()?;
    let buf = buf.dyn_into::<js_sys::ArrayBuffer>().ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Fetches `url`, checked against the build's SHA-256 (the browser's Subresource Integrity)
/// before anything reads it. A file that arrives but does not match is `Damaged`; the retry
/// passes `bypass_cache` so that neither the HTTP cache nor the offline copy answers it.
pub async fn fetch_checked(
    url: &str,
    integrity: Option<&str>,
    bypass_cache: bool,
) -> Result<Vec<u8>, FetchProblem> {
    match fetch_once(url, integrity, bypass_cache).await {
        Ok(bytes) => Ok(bytes),
        Err(e) if integrity.is_some() && !e.starts_with("HTTP ") => {
            // An integrity failure looks like a network error: ask again without the check
            // to tell them apart (the bytes are only looked at, never opened).
            match fetch_once(url, None, true).await {
                Ok(_) => Err(FetchProblem::Damaged),
                Err(again) => Err(FetchProblem::Other(again)),
            }
        }
        Err(e) => Err(FetchProblem::Other(e)),
    }
}

/// Whether the page runs in a secure context (https or localhost): service workers, the async
/// clipboard and notifications exist only there.
pub fn is_secure_context() -> bool {
    window().is_secure_context()
}

/// Whether `name` exists on `target` (an API missing on plain http is `undefined`, and calling
/// it through web-sys would throw).
fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(target, &name.into())
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false)
}

/// How a copy ended: only `Copied` may say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyOutcome {
    Copied,
    /// Nothing reached the clipboard; the text is selected for Ctrl+C.
    Selected,
}

/// Copies through a selection (`execCommand('copy')`), the way that works on plain http: the
/// text goes into an off-screen field, is selected and copied. On failure the field stays,
/// selected, so Ctrl+C copies it. Must run inside the click (a user gesture).
fn copy_by_selection(text: &str, keep_on_failure_in: Option<&web_sys::Element>) -> CopyOutcome {
    let Some(doc) = window().document() else {
        return CopyOutcome::Selected;
    };
    let Ok(area) = doc.create_element("textarea") else {
        return CopyOutcome::Selected;
    };
    let area: web_sys::HtmlTextAreaElement = area.unchecked_into();
    area.set_value(text);
    area.set_read_only(true);
    area.set_class_name("copy-buffer");
    let _ = area.set_attribute("aria-hidden", "true");
    let parent: web_sys::Element = match keep_on_failure_in {
        Some(p) => p.clone(),
        None => match doc.body() {
            Some(b) => b.into(),
            None => return CopyOutcome::Selected,
        },
    };
    let _ = parent.append_child(&area);
    area.select();
    let html: web_sys::HtmlDocument = doc.unchecked_into();
    let copied = html.exec_command("copy").unwrap_or(false);
    if copied {
        area.remove();
        CopyOutcome::Copied
    } else {
        // Left in place and selected: the operator presses Ctrl+C.
        area.set_class_name("copy-buffer visible");
        let _ = area.remove_attribute("aria-hidden");
        let _ = area.focus();
        area.select();
        CopyOutcome::Selected
    }
}

/// Copies `text`: the async clipboard where it exists (secure contexts), else (or when it
/// refuses) a selection-based copy; `Copied` only when the text really went to the clipboard.
/// On failure the text is left selected in `fallback_parent` for Ctrl+C.
pub async fn copy_text(text: String, fallback_parent: Option<web_sys::Element>) -> CopyOutcome {
    let nav = window().navigator();
    if is_secure_context() && has(&nav, "clipboard") {
        if let Some(promise) = js_sys::Reflect::get(&nav, &"clipboard".into())
            .ok()
            .map(|c| c.unchecked_into::<web_sys::Clipboard>().write_text(&text))
        {
            if JsFuture::from(promise).await.is_ok() {
                return CopyOutcome::Copied;
            }
        }
    }
    copy_by_selection(&text, fallback_parent.as_ref())
}

/// The copy to try first inside a click, synchronously, where the async clipboard is missing
/// (plain http): a selection copy must run in the user's gesture, before any await.
pub fn copy_now_if_no_clipboard(
    text: &str,
    fallback_parent: Option<&web_sys::Element>,
) -> Option<CopyOutcome> {
    let nav = window().navigator();
    (!(is_secure_context() && has(&nav, "clipboard")))
        .then(|| copy_by_selection(text, fallback_parent))
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

/// Notifications exist (secure contexts) and may be shown.
pub fn notifications_allowed() -> bool {
    has(&window(), "Notification")
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Granted
}

pub fn ask_notification_permission() {
    if has(&window(), "Notification")
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Default
    {
        let _ = web_sys::Notification::request_permission();
    }
}

/// Shows a system notification where permitted. Callers pass no personal data beyond a
/// customer's name: notifications outlive the page on shared PCs.
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

/// A panic must never leave a frozen page: the hook tells boot.js, which shows "Something went
/// wrong — reload; your call and callbacks are saved" (the desk saves on every change) with a
/// reload button that needs no wasm. boot.js also catches traps the hook never sees.
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
/// `cuecardSelfTest.panic`). It only ever breaks the page that calls it.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn cuecard_self_test_panic() {
    panic!("self-test: a deliberate panic to check the crash banner");
}

/// A warning for whoever looks at the browser's console (a deployment's misconfiguration).
pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

/// Puts the keyboard in the element with this id, selecting its text.
pub fn focus_and_select(id: &str) {
    if let Some(el) = window().document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
            let _ = input.focus();
            input.select();
        }
    }
}

/// Whether a key event comes from a field that takes text (where keys type, not command);
/// checkboxes, radios and buttons take shortcuts.
pub fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            el.get_attribute("type").unwrap_or_default().as_str(),
            "checkbox" | "radio" | "button" | "submit" | "reset"
        ),
        _ => el
            .get_attribute("contenteditable")
            .is_some_and(|v| v != "false"),
    }
}

fn query_all(selector: &str) -> Vec<web_sys::HtmlElement> {
    let Some(list) = window()
        .document()
        .and_then(|d| d.query_selector_all(selector).ok())
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

fn active_element() -> Option<web_sys::Element> {
    window().document()?.active_element()
}

/// Moves the keyboard to the next (`+1`) or previous (`-1`) step's checkbox of the open
/// procedure (`j`/`k`); Space then checks it.
pub fn focus_step(delta: i32) {
    let boxes = query_all("[data-testid=step] > .step-check input[type=checkbox]");
    if boxes.is_empty() {
        return;
    }
    // The step that has the keyboard: the innermost step around the focused element.
    let current = active_element()
        .and_then(|a| a.closest("[data-testid=step]").ok().flatten())
        .and_then(|step| {
            boxes.iter().position(|b| {
                b.closest("[data-testid=step]")
                    .ok()
                    .flatten()
                    .is_some_and(|s| s == step)
            })
        });
    let next = match current {
        None if delta > 0 => 0,
        None => boxes.len() - 1,
        Some(i) => (i as i32 + delta).clamp(0, boxes.len() as i32 - 1) as usize,
    };
    let _ = boxes[next].focus();
    boxes[next].scroll_into_view_with_bool(false);
}

/// Chooses option `n` (1-based) of a decision or of alternative scripts (`Alt+1…9`): in the
/// step that has the keyboard, else the first step whose choice is still open, else the first
/// step that offers a choice.
pub fn choose_option(n: usize) {
    let own_radios = |step: &web_sys::Element| -> Vec<web_sys::HtmlElement> {
        let Some(group) = step
            .query_selector(":scope > .decision, :scope > .alternatives")
            .ok()
            .flatten()
        else {
            return Vec::new();
        };
        let Ok(list) = group.query_selector_all("input[type=radio]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .filter(|r| {
                r.closest(".decision, .alternatives")
                    .ok()
                    .flatten()
                    .is_some_and(|g| g == group)
            })
            .collect()
    };
    let steps: Vec<web_sys::Element> = query_all("[data-testid=step]")
        .into_iter()
        .map(Into::into)
        .filter(|s| !own_radios(s).is_empty())
        .collect();
    // The innermost offering step around the keyboard (steps come in document order, so the
    // last one containing the focus is the innermost).
    let focused = active_element().and_then(|a| {
        let a: &web_sys::Node = a.as_ref();
        steps.iter().rev().find(|s| s.contains(Some(a))).cloned()
    });
    let is_open = |s: &web_sys::Element| {
        own_radios(s).iter().all(|r| {
            !r.clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.checked())
                .unwrap_or(false)
        })
    };
    let target = focused
        .or_else(|| steps.iter().find(|s| is_open(s)).cloned())
        .or_else(|| steps.first().cloned());
    if let Some(radio) = target.and_then(|s| own_radios(&s).into_iter().nth(n.wrapping_sub(1))) {
        radio.click();
        let _ = radio.focus();
    }
}

/// Clicks the element with this `data-testid` (a keyboard shortcut for a visible button).
pub fn click_testid(id: &str) -> bool {
    match query_all(&format!("[data-testid=\"{id}\"]")).first() {
        Some(el) => {
            el.click();
            true
        }
        None => false,
    }
}

/// Puts the keyboard on the first element matching `selector`.
pub fn focus_selector(selector: &str) {
    if let Some(el) = query_all(selector).first() {
        let _ = el.focus();
    }
}

/// The CLDR plural category of `n` in `lang` ("one", "few", "many", "other") from the browser's
/// `Intl.PluralRules`, or the app's own rules where Intl is missing.
pub fn plural_category(lang: &str, n: usize) -> String {
    let locales = js_sys::Array::of1(&lang.into());
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    let category = rules.select(n as f64);
    category.as_string().unwrap_or_else(|| "other".into())
}

/// Runs `f(true)` before the page is printed and `f(false)` after: the app expands every
/// branch for a paper copy (print styles alone cannot show what is not rendered).
pub fn on_print(f: impl Fn(bool) + 'static) {
    let f = std::rc::Rc::new(f);
    let g = f.clone();
    let _ = leptos::prelude::window_event_listener_untyped("beforeprint", move |_| f(true));
    let _ = leptos::prelude::window_event_listener_untyped("afterprint", move |_| g(false));
}

/// The value of the submitted form's input named `name` ("" when there is none).
pub fn form_value(ev: &web_sys::SubmitEvent, name: &str) -> String {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        .and_then(|form| form.elements().named_item(name))
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}
