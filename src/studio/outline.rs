//! The steps as an outline: a row per step, script, decision, branch or set of alternatives,
//! with its kind and depth; Enter adds a row, Tab and Shift+Tab indent and outdent, Alt+↑/↓
//! move a row with what is under it. Each change rewrites only the steps it touched
//! (`workspace::outline`).

use super::form::focus;
use super::state::Studio;
use super::studio;
use crate::content::template::guidance;
use crate::content::Lang;
use crate::i18n::{t, tf, FormMsg};
use crate::workspace::outline::{
    read_outline, write_outline, Outline as Rows, Row, RowKind, STEP_KINDS,
};
use crate::workspace::place::{place_of, Place};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What a script may leave for the desk to fill in (content/README.md, "A line to say").
const PLACEHOLDERS: [&str; 5] = [
    "{customer_name}",
    "{operator_name}",
    "{company}",
    "{time}",
    "{date}",
];

fn kind_name(kind: RowKind) -> FormMsg {
    match kind {
        RowKind::Do => FormMsg::KindDo,
        RowKind::Say => FormMsg::KindSay,
        RowKind::Decide => FormMsg::KindDecide,
        RowKind::Branch => FormMsg::KindBranch,
        RowKind::Alternatives => FormMsg::KindAlternatives,
    }
}

/// The selected file's text.
fn text_now(s: Studio) -> String {
    s.selected
        .get_untracked()
        .and_then(|f| s.ws.with_untracked(|w| w.text(&f)))
        .unwrap_or_default()
}

/// The card's language, for the guidance shown in empty rows.
fn card_lang(s: Studio) -> Lang {
    let file = s.selected.get_untracked().unwrap_or_default();
    Lang::ALL
        .into_iter()
        .find(|l| file.starts_with(&format!("{}-", l.code())))
        .unwrap_or(Lang::Vi)
}

#[component]
pub fn Outline() -> impl IntoView {
    let s = studio();
    let text = text_now(s);
    let read = read_outline(&text);
    let (rows, unreadable) = match read {
        Ok(rows) => (rows, None),
        Err(e) => (Rows::default(), Some(e.to_string())),
    };
    let rows = StoredValue::new(rows);
    // The cards' titles for a link's menu: drawn once a row is focused (a link is typed in a
    // row), and again only when a title or id changes, not at every check (a thousand options
    // each time).
    let titles_wanted = RwSignal::new(false);
    let titles = Memo::new(move |_| {
        s.checked.with(|c| {
            c.cards
                .iter()
                .map(|(_, p)| (p.title.clone(), p.id.clone()))
                .collect::<Vec<_>>()
        })
    });
    // Bumped when rows are added, removed, moved or change kind: the rows are drawn again.
    // Typing in a row changes the text only, so its box keeps the caret.
    let shape = RwSignal::new(0u64);
    let commit = move |place: &str| {
        let new = rows.with_value(|o| write_outline(&text_now(s), o));
        s.change(place, new);
    };
    let restructure = move |focus_at: Option<usize>| {
        commit("outline");
        shape.update(|n| *n += 1);
        if let Some(i) = focus_at {
            request_animation_frame(move || {
                focus(&format!(
                    "[data-testid=studio-row-text][data-index=\"{i}\"]"
                ))
            });
        }
    };
    let lang = card_lang(s);
    view! {
        <section class="studio-outline-section" aria-labelledby="studio-steps-label"
            on:focusin=move |_| titles_wanted.set(true)>
            <h3 id="studio-steps-label">{move || t(s.lang.get(), FormMsg::Steps)}</h3>
            <p class="muted" id="studio-steps-keys">{move || t(s.lang.get(), FormMsg::StepsKeys)}</p>
            {unreadable.map(|why| view! {
                <p class="studio-warning" role="alert" data-testid="studio-outline-unavailable">
                    {move || tf(s.lang.get(), FormMsg::FormUnavailable, &[("why", &why)])}
                </p>
            })}
            <datalist id="studio-card-titles">
                {move || titles_wanted.get().then(|| titles.with(|t| t.iter().map(|(title, id)| view! {
                    <option value=title.clone()>{id.clone()}</option>
                }).collect_view()))}
            </datalist>
            <div class="studio-outline" data-testid="studio-outline" role="list" aria-describedby="studio-steps-keys">
                {move || {
                    shape.track();
                    let all = rows.with_value(|o| o.rows.clone());
                    let mut step = 0usize;
                    all.into_iter().enumerate().map(|(i, row)| {
                        let top = (row.depth == 0).then(|| { step += 1; step - 1 });
                        view! { <RowView i=i row=row top=top rows=rows lang=lang commit=commit restructure=restructure/> }
                    }).collect_view()
                }}
            </div>
        </section>
    }
}

/// Where `rows` changes are written: typing (`commit`) or a change of shape (`restructure`,
/// with the row to focus after).
#[component]
fn RowView(
    i: usize,
    row: Row,
    top: Option<usize>,
    rows: StoredValue<Rows>,
    lang: Lang,
    commit: impl Fn(&str) + Copy + Send + Sync + 'static,
    restructure: impl Fn(Option<usize>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let s = studio();
    let kind = row.kind;
    let depth = row.depth;
    let place = format!("row-{i}");
    let in_alternatives = rows.with_value(|o| parent_kind(o, i) == Some(RowKind::Alternatives));
    let name = move || {
        tf(
            s.lang.get(),
            FormMsg::RowLabel,
            &[
                ("kind", t(s.lang.get(), kind_name(kind))),
                ("depth", &(depth + 1).to_string()),
            ],
        )
    };
    let problems = move || {
        let mut out: Vec<String> = rows.with_value(|o| {
            o.check()
                .into_iter()
                .filter(|p| p.row == i)
                .map(|p| p.message)
                .collect()
        });
        if let (Some(k), Some(file)) = (top, s.selected.get()) {
            let text = text_now(s);
            let paths = super::form::field_paths();
            s.checked.with(|c| {
                out.extend(
                    c.errors
                        .iter()
                        .filter(|e| e.path.to_string_lossy() == file)
                        .filter(|e| place_of(&text, e.line, &e.message, &paths) == Place::Step(k))
                        .map(|e| e.message.clone()),
                )
            });
        }
        out
    };
    let place_text = place.clone();
    let on_text = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        rows.update_value(|o| {
            o.set_text(i, &v);
        });
        commit(&place_text);
    };
    let place_lead = place.clone();
    let on_lead = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        rows.update_value(|o| {
            o.set_lead(i, &v);
        });
        commit(&place_lead);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // WebKitGTK reports Shift+Tab as "Unidentified" (GTK's ISO_Left_Tab): its code is Tab.
        let key = match ev.key() {
            k if k == "Unidentified" && ev.code() == "Tab" => "Tab".to_string(),
            k => k,
        };
        let change = |f: &dyn Fn(&mut Rows) -> Option<usize>| {
            Some(rows.try_update_value(|o| f(o)).flatten())
        };
        let moved = match key.as_str() {
            "Enter" if !ev.shift_key() && !ev.ctrl_key() && !ev.alt_key() => {
                change(&|o| o.enter(i))
            }
            "Tab" => {
                let inward = !ev.shift_key();
                change(&|o| o.shift(i, inward))
            }
            "ArrowUp" if ev.alt_key() => change(&|o| {
                // The row lands where its previous sibling's subtree began.
                let before = o.rows.clone();
                o.move_up(i).then(|| first_changed(&before, &o.rows))
            }),
            "ArrowDown" if ev.alt_key() => change(&|o| {
                let end = o.subtree_end(i);
                let next_end = o.rows.get(end).map(|_| o.subtree_end(end))?;
                o.move_down(i).then_some(i + (next_end - end))
            }),
            _ => None,
        };
        if let Some(to) = moved {
            ev.prevent_default();
            if to.is_some() {
                restructure(to);
            }
        }
    };
    let on_kind = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        if let Some(k) = STEP_KINDS.into_iter().find(|k| k.as_str() == code) {
            if rows.try_update_value(|o| o.set_kind(i, k)).unwrap_or(false) {
                restructure(Some(i));
            }
        }
    };
    let area_sel = StoredValue::new(format!("[data-testid=studio-row-text][data-index=\"{i}\"]"));
    let insert = move |what: String| {
        let el = leptos::prelude::document()
            .query_selector(&area_sel.get_value())
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
        let Some(el) = el else { return };
        let value = el.value();
        let units: Vec<u16> = value.encode_utf16().collect();
        let at = el
            .selection_start()
            .ok()
            .flatten()
            .unwrap_or(units.len() as u32) as usize;
        let at = at.min(units.len());
        let before = String::from_utf16_lossy(&units[..at]);
        let after = String::from_utf16_lossy(&units[at..]);
        let sep = if before.is_empty() || before.ends_with(' ') {
            ""
        } else {
            " "
        };
        let new = format!("{before}{sep}{what}{after}");
        el.set_value(&new);
        let caret =
            (before.encode_utf16().count() + sep.len() + what.encode_utf16().count()) as u32;
        let _ = el.focus();
        let _ = el.set_selection_range(caret, caret);
        rows.update_value(|o| {
            o.set_text(i, &new);
        });
        commit(&format!("row-{i}"));
    };
    let on_placeholder = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if !v.is_empty() {
            insert(v);
        }
        if let Some(sel) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            sel.set_value("");
        }
    };
    let on_link = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        let id = s.checked.with_untracked(|c| {
            c.cards
                .iter()
                .find(|(_, p)| p.title == typed.trim() || p.id == typed.trim())
                .map(|(_, p)| p.id.clone())
        });
        if let Some(id) = id {
            insert(format!("[[{id}]]"));
            if let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_value("");
            }
        }
    };
    let remove = move |_| {
        rows.update_value(|o| drop(o.remove(i)));
        restructure(Some(i.saturating_sub(1)));
        s.tell(t(s.lang.get_untracked(), FormMsg::StepDeleted).to_string());
    };
    let add = move |_| {
        if let Some(j) = rows.try_update_value(|o| o.enter(i)).flatten() {
            restructure(Some(j));
        }
    };
    let shows_lead = kind == RowKind::Say;
    let lead_msg = if in_alternatives {
        FormMsg::Label
    } else {
        FormMsg::Lead
    };
    let example = guidance(lang, kind.as_str());
    view! {
        <div class="studio-row" role="listitem" data-testid="studio-row" data-kind=kind.as_str() data-depth=depth
            aria-label=name>
            <select class="studio-row-kind" data-testid="studio-row-kind" aria-label=move || t(s.lang.get(), FormMsg::RowKind)
                disabled=kind == RowKind::Branch on:change=on_kind>
                {if kind == RowKind::Branch {
                    view! { <option value="branch" selected>{move || t(s.lang.get(), FormMsg::KindBranch)}</option> }.into_any()
                } else {
                    STEP_KINDS.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=k == kind>{move || t(s.lang.get(), kind_name(k))}</option>
                    }).collect_view().into_any()
                }}
            </select>
            <div class="studio-row-body">
                {shows_lead.then(|| view! {
                    <input type="text" class="studio-row-lead" data-testid="studio-row-lead" value=row.lead.clone()
                        placeholder=move || t(s.lang.get(), lead_msg) aria-label=move || t(s.lang.get(), lead_msg)
                        on:input=on_lead/>
                })}
                <textarea class="studio-row-text" class:script=kind == RowKind::Say data-testid="studio-row-text" data-index=i
                    rows="1" aria-label=name placeholder=example prop:value=row.text.clone()
                    aria-invalid=move || (!problems().is_empty()).then_some("true")
                    on:input=on_text on:keydown=on_key></textarea>
                <ul class="studio-field-problems">
                    {move || problems().into_iter().map(|p| view! {
                        <li class="studio-field-problem" data-testid="studio-row-problem" role="alert">{p}</li>
                    }).collect_view()}
                </ul>
            </div>
            <div class="studio-row-tools">
                {if kind == RowKind::Say {
                    view! {
                        <select data-testid="studio-row-placeholder" aria-label=move || t(s.lang.get(), FormMsg::Placeholder) on:change=on_placeholder>
                            <option value="">{move || t(s.lang.get(), FormMsg::Placeholder)}</option>
                            {PLACEHOLDERS.into_iter().map(|p| view! { <option value=p>{p}</option> }).collect_view()}
                        </select>
                    }.into_any()
                } else {
                    view! {
                        <input type="text" list="studio-card-titles" data-testid="studio-row-link" class="studio-row-link"
                            placeholder=move || t(s.lang.get(), FormMsg::LinkCard) aria-label=move || t(s.lang.get(), FormMsg::LinkCard)
                            on:change=on_link/>
                    }.into_any()
                }}
                <button type="button" class="studio-small" data-testid="studio-row-add" title=move || t(s.lang.get(), FormMsg::AddBelow)
                    aria-label=move || t(s.lang.get(), FormMsg::AddBelow) on:click=add>"+"</button>
                <button type="button" class="studio-small" data-testid="studio-row-delete" title=move || t(s.lang.get(), FormMsg::Delete)
                    aria-label=move || t(s.lang.get(), FormMsg::Delete) on:click=remove>"×"</button>
            </div>
        </div>
    }
}

/// The first index where two row lists differ (where a moved row now starts).
fn first_changed(before: &[Row], after: &[Row]) -> usize {
    before
        .iter()
        .zip(after)
        .position(|(a, b)| a != b)
        .unwrap_or(0)
}

/// The kind of the row `i` sits under, if any.
fn parent_kind(o: &Rows, i: usize) -> Option<RowKind> {
    let depth = o.rows.get(i)?.depth;
    o.rows[..i]
        .iter()
        .rev()
        .find(|r| r.depth < depth)
        .map(|r| r.kind)
}
