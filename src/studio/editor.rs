//! The card as a form (fields and an outline) or as its text, and every problem `kb check`
//! finds in the folder as it stands, each with its field or line: choosing one goes there.

use super::form::{field_label, field_paths, focus, CardForm};
use super::platform::put_caret;
use super::state::View;
use super::studio;
use crate::content::ContentError;
use crate::i18n::{t, tf, FormMsg, StudioMsg};
use crate::workspace::form::read_fields;
use crate::workspace::place::{place_of, Place};
use crate::workspace::report::line_start_utf16;
use leptos::html::Textarea;
use leptos::prelude::*;

#[component]
pub fn Editor() -> impl IntoView {
    let s = studio();
    let area = NodeRef::<Textarea>::new();
    // The text is set when another file is shown (or the folder changed under it, or the form
    // edited it), never while the editor types: the caret stays theirs.
    Effect::new(move |_| {
        s.reloads.track();
        s.view.track();
        let text = s
            .selected
            .with(|p| p.as_ref().and_then(|p| s.ws.with_untracked(|w| w.text(p))));
        if let Some(el) = area.get() {
            el.set_value(&text.unwrap_or_default());
        }
    });
    // The form, when the selected card's front matter reads; else why not (the text view is
    // shown with it). Drawn again only when another card is shown or the text changed other
    // than by the form itself (an undo, a text edit, a new folder).
    let form = move || {
        s.reloads.track();
        let file = s.selected.get()?;
        if s.view.get() != View::Form {
            return None;
        }
        let text = s.ws.with_untracked(|w| w.text(&file)).unwrap_or_default();
        Some(read_fields(&text).map_err(|e| e.to_string()))
    };
    let text_shown = move || !matches!(form(), Some(Ok(_)));
    // While the form waits for a broken card, whether the text reads now (the reason shown is
    // the current one); the form comes back on request, never in the middle of typing.
    let reads_now = Memo::new(move |_| {
        let file = s.selected.get()?;
        let text = s.ws.with(|w| w.text(&file)).unwrap_or_default();
        Some(read_fields(&text).map(|_| ()).map_err(|e| e.to_string()))
    });
    let go_to = move |path: String, line: usize, message: String| {
        if s.selected.get_untracked().as_deref() != Some(path.as_str()) {
            s.selected.set(Some(path.clone()));
        }
        if s.view.get_untracked() == View::Form {
            let text = s.ws.with_untracked(|w| w.text(&path)).unwrap_or_default();
            match place_of(&text, line, &message, &field_paths()) {
                Place::Field(f) => {
                    return request_animation_frame(move || {
                        focus(&format!(
                            "[data-field=\"{f}\"] input, [data-field=\"{f}\"] textarea"
                        ))
                    })
                }
                Place::Step(k) => {
                    return request_animation_frame(move || {
                        focus(&format!(
                            ".studio-row[data-depth=\"0\"]:nth-child({}) textarea",
                            k + 1
                        ))
                    })
                }
                Place::Text => s.set_view(View::Text),
            }
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
    // Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) in either view step through one history.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let back = match ev.key().to_lowercase().as_str() {
            "z" => !ev.shift_key(),
            "y" => false,
            _ => return,
        };
        ev.prevent_default();
        s.undo(back);
    };
    let switch = move |view: View, msg: FormMsg, testid: &'static str| {
        view! {
            <button type="button" class="studio-view" data-testid=testid aria-pressed=move || (s.view.get() == view).to_string()
                on:click=move |_| s.set_view(view)>{move || t(s.lang.get(), msg)}</button>
        }
    };
    view! {
        <section class="studio-editor" on:keydown=on_key>
            <h2 id="studio-editor-label">{label}</h2>
            <div class="studio-views" role="group" aria-label=move || t(s.lang.get(), FormMsg::EditAs)>
                {switch(View::Form, FormMsg::ViewForm, "studio-view-form")}
                {switch(View::Text, FormMsg::ViewText, "studio-view-text")}
                <button type="button" class="studio-small" data-testid="studio-undo" on:click=move |_| s.undo(true)
                    title=move || t(s.lang.get(), FormMsg::Undo) aria-label=move || t(s.lang.get(), FormMsg::Undo)>"↶"</button>
                <button type="button" class="studio-small" data-testid="studio-redo" on:click=move |_| s.undo(false)
                    title=move || t(s.lang.get(), FormMsg::Redo) aria-label=move || t(s.lang.get(), FormMsg::Redo)>"↷"</button>
            </div>
            {move || match form() {
                Some(Ok(fields)) => Some(view! { <CardForm fields=fields/> }.into_any()),
                Some(Err(_)) => Some(view! {
                    <p class="studio-warning" role="alert" data-testid="studio-form-unavailable">
                        {move || match reads_now.get() {
                            Some(Err(why)) => tf(s.lang.get(), FormMsg::FormUnavailable, &[("why", &why)]).into_any(),
                            _ => view! {
                                <button type="button" data-testid="studio-form-again" on:click=move |_| s.set_view(View::Form)>
                                    {t(s.lang.get(), FormMsg::FormAgain)}
                                </button>
                            }.into_any(),
                        }}
                    </p>
                }.into_any()),
                None => None,
            }}
            <textarea node_ref=area data-testid="studio-editor" aria-labelledby="studio-editor-label"
                spellcheck="false" disabled=move || s.selected.with(Option::is_none) hidden=move || !text_shown()
                on:input=move |ev| s.edit(event_target_value(&ev))></textarea>
            <Problems go_to=go_to/>
        </section>
    }
}

#[component]
fn Problems(go_to: impl Fn(String, usize, String) + Copy + Send + Sync + 'static) -> impl IntoView {
    let s = studio();
    let item = move |e: ContentError| {
        let path = e.path.display().to_string();
        let line = e.line;
        let where_ = format!("{path}:{line}");
        // The field or step it belongs to, named for an editor who works in the form.
        let text = s.ws.with_untracked(|w| w.text(&path)).unwrap_or_default();
        let field = match place_of(&text, line, &e.message, &field_paths()) {
            Place::Field(f) => Some(field_label(s, &f)),
            Place::Step(k) => Some(format!(
                "{} {}",
                t(s.lang.get_untracked(), FormMsg::Steps),
                k + 1
            )),
            Place::Text => None,
        };
        let message = e.message.clone();
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
                    on:click=move |_| go_to(path.clone(), line, message.clone())>
                    <span class="studio-problem-where">{where_.clone()} " (" {line_text} ")"</span>
                    {field.map(|f| view! { " " <span class="studio-problem-field" data-testid="studio-problem-field">{f}</span> })}
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
                if checked.errors.is_empty() && s.first_check.get() {
                    view! { <p class="muted" data-testid="studio-first-check">{s.msg(StudioMsg::FirstCheck)}</p> }.into_any()
                } else if checked.errors.is_empty() {
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
