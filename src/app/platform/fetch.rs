//! Fetching the index blobs: which the build shipped, the early downloads boot.js started, and
//! the integrity-checked fetch with its retry.

use super::{js_error, window};
use crate::content::Lang;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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
