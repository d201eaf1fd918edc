//! Copying to the clipboard: the async clipboard in secure contexts, a selection copy elsewhere,
//! and an honest outcome.

use super::{has, is_secure_context, window};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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
