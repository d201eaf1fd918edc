//! Files the page hands to the person at the desk (the report for editors; the studio's
//! changes and site updates), and the published site's version, which the offline worker knows.

use super::{js_error as why, window};
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Gives the browser a file to save, at once (no dialog of the page's own).
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let parts = Array::of1(&Uint8Array::from(bytes).into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(why)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(why)?;
    let doc = window().document().ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(why)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    doc.body().ok_or("no body")?.append_child(&a).map_err(why)?;
    a.click();
    a.remove();
    // The browser has the file by now; the URL is not needed after this turn.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}

/// The version of the published site this page runs, as its offline worker names it (boot.js's
/// `cuecardSiteVersion`); empty where no worker controls the page (plain http, the first visit).
pub async fn site_version() -> String {
    let Ok(f) = Reflect::get(&window(), &"cuecardSiteVersion".into()) else {
        return String::new();
    };
    let Some(f) = f.dyn_ref::<Function>() else {
        return String::new();
    };
    let Ok(p) = f.call0(&JsValue::NULL) else {
        return String::new();
    };
    match p.dyn_into::<Promise>() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// JSON indented for people to read (the browser's own `JSON.stringify`: the page carries no
/// pretty printer); the text as it is if it does not parse.
pub fn indented(json: &str) -> String {
    js_sys::JSON::parse(json)
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(&v, &JsValue::NULL, &2.into())
        })
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| json.to_string())
}

/// Today on the desk's clock as `YYYY-MM-DD` (a downloaded file's name).
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}
