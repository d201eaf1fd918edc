//! The card as text, and every problem `kb check` finds in the folder as it stands, each with
//! its line: choosing one puts the caret on that line.

use super::platform::put_caret;
use super::studio;
use crate::content::ContentError;
use crate::i18n::{tf, StudioMsg};
use crate::workspace::report::line_start_utf16;
use leptos::html::Textarea;
use leptos::prelude::*;

#[component]
pub fn Editor() -> impl IntoView {
    let s = studio();
    let area = NodeRef::<Textarea>::new();
    // The text is set when another file is shown (or the folder changed under it), never while
    // the editor types: the caret and the undo history stay theirs.
    Effect::new(move |_| {
        s.reloads.track();
        let text = s
            .selected
            .with(|p| p.as_ref().and_then(|p| s.ws.with_untracked(|w| w.text(p))));
        if let Some(el) = area.get() {
            el.set_value(&text.unwrap_or_default());
        }
    });
    let go_to = move |path: String, line: usize| {
        if s.selected.get_untracked().as_deref() != Some(path.as_str()) {
            s.selected.set(Some(path));
        }
        request_animation_frame(move || {
            if let Some(el) = area.get_untracked() {
                put_caret(&el, line_start_utf16(&el.value(), line), line);
            }
        });
    };
    let label = move || {
        let file = s.selected.get().unwrap_or_default();
        tf(s.lang.get(), StudioMsg::Editor, &[("file", &file)])
    };
    view! {
        <section class="studio-editor">
            <h2 id="studio-editor-label">{label}</h2>
            <textarea node_ref=area data-testid="studio-editor" aria-labelledby="studio-editor-label"
                spellcheck="false" disabled=move || s.selected.with(Option::is_none)
                on:input=move |ev| s.edit(event_target_value(&ev))></textarea>
            <Problems go_to=go_to/>
        </section>
    }
}

#[component]
fn Problems(go_to: impl Fn(String, usize) + Copy + Send + Sync + 'static) -> impl IntoView {
    let s = studio();
    let item = move |e: ContentError| {
        let path = e.path.display().to_string();
        let line = e.line;
        let where_ = format!("{path}:{line}");
        let line_text = move || {
            tf(
                s.lang.get(),
                StudioMsg::Line,
                &[("line", &line.to_string())],
            )
        };
        view! {
            <li>
                <button class="studio-problem" data-testid="studio-problem" data-path=path.clone() data-line=line
                    on:click=move |_| go_to(path.clone(), line)>
                    <span class="studio-problem-where">{where_.clone()} " (" {line_text} ")"</span>
                    " " <span class="studio-problem-message">{e.message.clone()}</span>
                    {e.hint.clone().map(|h| view! { " " <span class="muted">{h}</span> })}
                </button>
            </li>
        }
    };
    view! {
        // `data-checking`: an edit waits for its check (200 ms after typing stops); tests wait
        // for "false" before they publish what was checked.
        <section class="studio-problems" aria-live="polite" data-testid="studio-problems"
            data-checking=move || s.checking.get().to_string()>
            <h3>{move || s.msg(StudioMsg::Problems)}</h3>
            {move || {
                let checked = s.checked.get();
                if checked.errors.is_empty() {
                    view! { <p class="studio-ok" data-testid="studio-no-problems">{s.msg(StudioMsg::NoProblems)}</p> }.into_any()
                } else {
                    view! { <ul>{checked.errors.iter().cloned().map(item).collect_view()}</ul> }.into_any()
                }
            }}
            {move || {
                let checked = s.checked.get();
                (!checked.warnings.is_empty()).then(|| view! {
                    <h3>{s.msg(StudioMsg::Warnings)}</h3>
                    <ul>{checked.warnings.iter().cloned().map(item).collect_view()}</ul>
                })
            }}
        </section>
    }
}
