//! The card as a form: one field per front-matter key (`content::FIELDS`, the schema's own
//! list), each labelled with a one-line hint and its problems beside it, then the steps as an
//! outline. Every edit rewrites only its own bytes of the file (`workspace::form`).

use super::outline::Outline;
use super::state::Studio;
use super::studio;
use crate::content::{
    format_duration, parse_spoken_duration, FieldKind, FieldSpec, FIELDS, UNFILLED,
};
use crate::i18n::{t, FormMsg};
use crate::workspace::form::{set_field, CallbackFields, FieldValue, Fields};
use crate::workspace::notes::{read_notes, set_notes};
use crate::workspace::place::{place_of, Place};
use leptos::prelude::*;

/// The label and hint of a field, by its path; a key added to the schema later shows its own
/// name until it is given words here.
pub fn field_words(path: &str) -> Option<(FormMsg, FormMsg)> {
    use FormMsg::*;
    Some(match path {
        "draft" => (Ready, ReadyHint),
        "id" => (IdL, IdHint),
        "lang" => (LangL, LangHint),
        "title" => (TitleL, TitleHint),
        "category" => (Category, CategoryHint),
        "situations" => (Situations, SituationsHint),
        "cautions" => (Cautions, CautionsHint),
        "valid_from" => (ValidFrom, ValidFromHint),
        "valid_until" => (ValidUntil, ValidUntilHint),
        "review_by" => (ReviewBy, ReviewByHint),
        "owner" => (Owner, OwnerHint),
        "timers.hold_limit" => (HoldLimit, HoldLimitHint),
        "timers.no_hold" => (NoHold, NoHoldHint),
        "timers.callbacks" => (Callbacks, CallbacksHint),
        "source.file" => (SourceFile, SourceFileHint),
        "source.section" => (SourceSection, SourceSectionHint),
        _ => return None,
    })
}

/// The field's label in the studio's language.
pub fn field_label(s: Studio, path: &str) -> String {
    match field_words(path) {
        Some((label, _)) => t(s.lang.get_untracked(), label).to_string(),
        None => path.to_string(),
    }
}

/// The last part of a field's path: its test hook's name (`studio-field-hold_limit`).
fn key(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// Every field's path, for `place_of`.
pub fn field_paths() -> Vec<&'static str> {
    FIELDS.iter().map(|f| f.path).collect()
}

/// Writes one field into the selected file's text (only its bytes change); the error says why
/// it could not be written.
fn write(s: Studio, path: &str, value: &FieldValue) -> Result<(), String> {
    let Some(file) = s.selected.get_untracked() else {
        return Ok(());
    };
    let text = s.ws.with_untracked(|w| w.text(&file)).unwrap_or_default();
    let new = set_field(&text, path, value).map_err(|e| e.to_string())?;
    s.change(path, new);
    Ok(())
}

/// The problems `kb check` has with this field of the selected file.
fn problems_at(s: Studio, place: Place) -> Vec<String> {
    let Some(file) = s.selected.get() else {
        return Vec::new();
    };
    let text = s.ws.with_untracked(|w| w.text(&file)).unwrap_or_default();
    let paths = field_paths();
    s.checked.with(|c| {
        c.errors
            .iter()
            .filter(|e| e.path.to_string_lossy() == file)
            .filter(|e| place_of(&text, e.line, &e.message, &paths) == place)
            .map(|e| e.message.clone())
            .collect()
    })
}

#[component]
pub fn CardForm(fields: Fields) -> impl IntoView {
    let s = studio();
    let shown = fields
        .0
        .into_iter()
        .map(|f| view! { <Field spec=*f.spec value=f.value/> })
        .collect_view();
    view! {
        <div class="studio-form" data-testid="studio-form">
            <datalist id="studio-categories">
                {move || s.checked.with(|c| {
                    let mut cats: Vec<String> = c.cards.iter().map(|(_, p)| p.category.clone()).collect();
                    cats.sort();
                    cats.dedup();
                    cats.into_iter().map(|c| view! { <option value=c/> }).collect_view()
                })}
            </datalist>
            <datalist id="studio-sources">
                {move || s.checked.with(|c| {
                    let mut files: Vec<String> = c.cards.iter().map(|(_, p)| p.source.file.clone()).collect();
                    files.sort();
                    files.dedup();
                    files.into_iter().map(|f| view! { <option value=f/> }).collect_view()
                })}
            </datalist>
            {shown}
            <Outline/>
            <NotesField/>
        </div>
    }
}

/// The `## Notes` section: free text below the steps (`workspace::notes`).
#[component]
fn NotesField() -> impl IntoView {
    let s = studio();
    let file = s.selected.get_untracked().unwrap_or_default();
    let notes =
        s.ws.with_untracked(|w| w.text(&file))
            .map(|t| read_notes(&t))
            .unwrap_or_default();
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        let text = s.ws.with_untracked(|w| w.text(&file)).unwrap_or_default();
        s.change("notes", set_notes(&text, &typed));
    };
    view! {
        <div class="studio-field" data-field="notes">
            <label for="studio-field-notes">{move || t(s.lang.get(), FormMsg::NotesL)}</label>
            <span class="muted studio-field-hint" id="studio-field-notes-hint">{move || t(s.lang.get(), FormMsg::NotesHint)}</span>
            <textarea id="studio-field-notes" data-testid="studio-field-notes" rows="3"
                aria-describedby="studio-field-notes-hint" prop:value=notes on:input=on_input></textarea>
        </div>
    }
}

/// One field: its label, hint, control and problems.
#[component]
fn Field(spec: FieldSpec, value: FieldValue) -> impl IntoView {
    let s = studio();
    let path = spec.path;
    let id = format!("studio-field-{}", path.replace('.', "-"));
    let hint_id = format!("{id}-hint");
    let words = field_words(path);
    let label = move || match words {
        Some((l, _)) => t(s.lang.get(), l).to_string(),
        None => path.to_string(),
    };
    let hint = move || words.map(|(_, h)| t(s.lang.get(), h)).unwrap_or_default();
    let error = RwSignal::new(None::<String>);
    let problems = move || {
        let mut all = problems_at(s, Place::Field(path.to_string()));
        all.extend(error.get());
        all
    };
    let invalid = move || (!problems().is_empty()).then_some("true");
    let control = match (spec.kind, value) {
        (FieldKind::Switch, FieldValue::Switch(on)) => {
            // `draft` is shown the way an editor thinks of it: ready for operators or not.
            let ready = spec.inverted;
            let checked = if ready { !on } else { on };
            view! {
                <input type="checkbox" role="switch" id=id.clone() data-testid=format!("studio-field-{}", key(path))
                    aria-describedby=hint_id.clone() prop:checked=checked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let value = FieldValue::Switch(if ready { !on } else { on });
                        error.set(write(s, path, &value).err());
                    }/>
            }
            .into_any()
        }
        (FieldKind::List, FieldValue::List(items)) => {
            view! { <ListField path=path items=items error=error hint_id=hint_id.clone()/> }
                .into_any()
        }
        (FieldKind::Callbacks, FieldValue::Callbacks(items)) => {
            view! { <CallbacksField items=items error=error/> }.into_any()
        }
        (kind, value) => {
            // `?` is the template's "only you can fill this in": shown as an empty field.
            let text = match value {
                FieldValue::Text(t) if t.trim() == UNFILLED => String::new(),
                FieldValue::Text(t) => t,
                _ => String::new(),
            };
            let text = RwSignal::new(text);
            let list = match kind {
                FieldKind::Choice => Some("studio-categories"),
                _ if path == "source.file" => Some("studio-sources"),
                _ => None,
            };
            let on_change = move |typed: String| {
                let value = if kind == FieldKind::Duration && !typed.trim().is_empty() {
                    match parse_spoken_duration(&typed) {
                        Ok(secs) => {
                            let normal = format_duration(secs);
                            text.set(normal.clone());
                            normal
                        }
                        Err(_) => {
                            error.set(Some(
                                t(s.lang.get_untracked(), FormMsg::BadDuration).to_string(),
                            ));
                            return;
                        }
                    }
                } else {
                    typed
                };
                error.set(write(s, path, &FieldValue::Text(value)).err());
            };
            let testid = format!("studio-field-{}", key(path));
            if kind == FieldKind::LongText {
                view! {
                    <textarea id=id.clone() data-testid=testid aria-describedby=hint_id.clone() aria-invalid=invalid rows="2"
                        prop:value=move || text.get()
                        on:input=move |ev| on_change(event_target_value(&ev))></textarea>
                }
                .into_any()
            } else {
                // A duration is read when the editor leaves the field (it is typed in words),
                // everything else as it is typed.
                let duration = kind == FieldKind::Duration;
                view! {
                    <input type="text" id=id.clone() data-testid=testid aria-describedby=hint_id.clone() aria-invalid=invalid
                        list=list prop:value=move || text.get() readonly=!spec.editable
                        on:input=move |ev| if !duration { on_change(event_target_value(&ev)) }
                        on:change=move |ev| if duration { on_change(event_target_value(&ev)) }/>
                }
                .into_any()
            }
        }
    };
    let labelled = !matches!(spec.kind, FieldKind::List | FieldKind::Callbacks);
    view! {
        <div class="studio-field" data-field=path>
            {if labelled {
                view! { <label for=id.clone()>{label}{spec.required.then_some(" *")}</label> }.into_any()
            } else {
                view! { <span class="studio-field-label" id=format!("{id}-label")>{label}{spec.required.then_some(" *")}</span> }.into_any()
            }}
            <span class="muted studio-field-hint" id=hint_id.clone()>{hint}</span>
            {control}
            <ul class="studio-field-problems">
                {move || problems().into_iter().map(|p| view! {
                    <li class="studio-field-problem" data-testid="studio-field-problem" role="alert">{p}</li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// A list of texts (situations, cautions): one input per item; add, remove and reorder.
#[component]
fn ListField(
    path: &'static str,
    items: Vec<String>,
    error: RwSignal<Option<String>>,
    hint_id: String,
) -> impl IntoView {
    let s = studio();
    let next = StoredValue::new(items.len());
    let items = RwSignal::new(
        items
            .into_iter()
            .enumerate()
            .collect::<Vec<(usize, String)>>(),
    );
    let label_id = format!("studio-field-{}-label", path.replace('.', "-"));
    let save = move || {
        let list: Vec<String> = items.with_untracked(|v| {
            v.iter()
                .map(|(_, t)| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect()
        });
        error.set(write(s, path, &FieldValue::List(list)).err());
    };
    let add = move |_| {
        let n = next.get_value();
        next.set_value(n + 1);
        items.update(|v| v.push((n, String::new())));
        request_animation_frame(move || {
            let sel = format!(
                "[data-testid=studio-field-{}] .studio-list-item:last-of-type input",
                key(path)
            );
            focus(&sel);
        });
    };
    let shift = move |id: usize, by: isize| {
        items.update(|v| {
            if let Some(i) = v.iter().position(|(k, _)| *k == id) {
                let j = i as isize + by;
                if j >= 0 && (j as usize) < v.len() {
                    v.swap(i, j as usize);
                }
            }
        });
        save();
    };
    view! {
        <div class="studio-list" role="group" aria-labelledby=label_id aria-describedby=hint_id
            data-testid=format!("studio-field-{}", key(path))>
            <For each=move || items.get() key=|(k, _)| *k let:item>
                {
                    let (k, text) = item;
                    let n = move || items.with(|v| v.iter().position(|(x, _)| *x == k).unwrap_or(0) + 1);
                    let name = move || format!("{} {}", field_label(s, path), n());
                    view! {
                        <div class="studio-list-item">
                            <input type="text" value=text aria-label=name
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    items.update_untracked(|all| {
                                        if let Some(x) = all.iter_mut().find(|(x, _)| *x == k) {
                                            x.1 = v;
                                        }
                                    });
                                    save();
                                }/>
                            <button type="button" class="studio-small" title=move || t(s.lang.get(), FormMsg::MoveUp)
                                aria-label=move || format!("{}: {}", t(s.lang.get(), FormMsg::MoveUp), name())
                                on:click=move |_| shift(k, -1)>"↑"</button>
                            <button type="button" class="studio-small" title=move || t(s.lang.get(), FormMsg::MoveDown)
                                aria-label=move || format!("{}: {}", t(s.lang.get(), FormMsg::MoveDown), name())
                                on:click=move |_| shift(k, 1)>"↓"</button>
                            <button type="button" class="studio-small" title=move || t(s.lang.get(), FormMsg::Remove)
                                aria-label=move || format!("{}: {}", t(s.lang.get(), FormMsg::Remove), name())
                                on:click=move |_| { items.update(|v| v.retain(|(x, _)| *x != k)); save(); }>"×"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" data-testid=format!("studio-field-{}-add", key(path)) on:click=add>
                "+ " {move || t(s.lang.get(), FormMsg::Add)}
            </button>
        </div>
    }
}

/// The callbacks a card promises: within, not before, and the reason of each.
#[component]
fn CallbacksField(items: Vec<CallbackFields>, error: RwSignal<Option<String>>) -> impl IntoView {
    let s = studio();
    let path = "timers.callbacks";
    let next = StoredValue::new(items.len());
    let items = RwSignal::new(
        items
            .into_iter()
            .enumerate()
            .collect::<Vec<(usize, CallbackFields)>>(),
    );
    let save = move || {
        let list: Vec<CallbackFields> =
            items.with_untracked(|v| v.iter().map(|(_, c)| c.clone()).collect());
        error.set(write(s, path, &FieldValue::Callbacks(list)).err());
    };
    let edit = move |k: usize, f: fn(&mut CallbackFields, String), v: String| {
        items.update_untracked(|all| {
            if let Some((_, c)) = all.iter_mut().find(|(x, _)| *x == k) {
                f(c, v);
            }
        });
        save();
    };
    view! {
        <div class="studio-list" role="group" aria-labelledby="studio-field-timers-callbacks-label"
            data-testid="studio-field-callbacks">
            <For each=move || items.get() key=|(k, _)| *k let:item>
                {
                    let (k, c) = item;
                    view! {
                        <div class="studio-callback">
                            <label>{move || t(s.lang.get(), FormMsg::Within)}
                                <input type="text" value=c.within.clone() on:change=move |ev| {
                                    let typed = event_target_value(&ev);
                                    let v = match parse_spoken_duration(&typed) {
                                        Ok(secs) => format_duration(secs),
                                        Err(_) if typed.trim().is_empty() => String::new(),
                                        Err(_) => {
                                            error.set(Some(t(s.lang.get_untracked(), FormMsg::BadDuration).to_string()));
                                            return;
                                        }
                                    };
                                    edit(k, |c, v| c.within = v, v);
                                }/>
                            </label>
                            <label>{move || t(s.lang.get(), FormMsg::Reason)}
                                <input type="text" value=c.reason.clone()
                                    on:input=move |ev| edit(k, |c, v| c.reason = v, event_target_value(&ev))/>
                            </label>
                            <button type="button" class="studio-small" on:click=move |_| { items.update(|v| v.retain(|(x, _)| *x != k)); save(); }>
                                {move || t(s.lang.get(), FormMsg::Remove)}
                            </button>
                        </div>
                    }
                }
            </For>
            <button type="button" data-testid="studio-field-callbacks-add" on:click=move |_| {
                let n = next.get_value();
                next.set_value(n + 1);
                items.update(|v| v.push((n, CallbackFields::default())));
            }>"+ " {move || t(s.lang.get(), FormMsg::Add)}</button>
        </div>
    }
}

/// Focuses the first element `selector` finds.
pub fn focus(selector: &str) {
    use wasm_bindgen::JsCast;
    let el = leptos::prelude::document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}
