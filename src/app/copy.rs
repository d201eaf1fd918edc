//! A copy button that tells the truth: "Copied" only when the text reached the clipboard;
//! otherwise the text is left selected beside the button with "Not copied: press Ctrl+C".

use super::platform::{self, CopyOutcome};
use crate::i18n::{t, Msg, UiLang};
use leptos::html::Span;
use leptos::prelude::*;

#[component]
pub fn CopyButton(
    lang: Signal<UiLang>,
    /// What to copy, read at the click.
    text: Callback<(), String>,
    /// The button's label before anything was copied.
    label: Msg,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let state = RwSignal::new(None::<CopyOutcome>);
    let holder = NodeRef::<Span>::new();
    let on_click = move |_| {
        let text = text.run(());
        let parent: Option<web_sys::Element> = holder.get_untracked().map(Into::into);
        if let Some(p) = &parent {
            // A text left selected by an earlier failure goes first.
            while let Ok(Some(old)) = p.query_selector(".copy-buffer") {
                old.remove();
            }
        }
        state.set(None);
        if let Some(done) = platform::copy_now_if_no_clipboard(&text, parent.as_ref()) {
            state.set(Some(done));
            return;
        }
        leptos::task::spawn_local(async move {
            state.set(Some(platform::copy_text(text, parent).await));
        });
    };
    view! {
        <span class="copy-holder" node_ref=holder>
            <button
                class="copy"
                data-testid=(!testid.is_empty()).then_some(testid)
                data-state=move || match state.get() {
                    Some(CopyOutcome::Copied) => "copied",
                    Some(CopyOutcome::Selected) => "selected",
                    None => "idle",
                }
                on:click=on_click
            >
                {move || {
                    let lang = lang.get();
                    match state.get() {
                        Some(CopyOutcome::Copied) => t(lang, Msg::Copied),
                        Some(CopyOutcome::Selected) => t(lang, Msg::PressCtrlC),
                        None => t(lang, label),
                    }
                }}
            </button>
        </span>
    }
}
