//! Files the page hands to the person at the desk (the report for editors; the studio's
//! changes and site updates).

use super::{js_error as why, window};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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
