//! The Gaps panel's fixes: "Add to card…" (a card chosen, the ones operators opened in the end
//! and the search answers now suggested first) and "Add as synonym…" (a group of
//! `synonyms.toml`, or a new one). Each is `workspace::gaps::fix`'s minimal edit written through
//! the studio's own edit path, so it shows in Changes, is kept unsaved, checked, indexed (the
//! row's "search now" follows) and undone like any edit.

use super::gaps::{panel, FixUndo, Panel, Said};
use super::state::Studio;
use super::studio;
use crate::content::synonyms::FILE as SYNONYMS;
use crate::desk::report::Gap;
use crate::i18n::{t, tf, GapsMsg, UiLang};
use crate::workspace::gaps::answers_now;
use crate::workspace::gaps::fix::{add_situation, add_synonym, synonym_groups};
use crate::workspace::gaps::fix::{FixError, SynonymTarget};
use leptos::ev::SubmitEvent;
use leptos::html::{Button, Select};
use leptos::prelude::*;

/// What a refused fix says, in the studio's language.
fn refused(lang: UiLang, e: &FixError) -> String {
    match e {
        FixError::CardHasIt(q) => tf(lang, GapsMsg::CardHasIt, &[("query", q)]),
        FixError::SynonymsHaveIt(q) => tf(lang, GapsMsg::SynonymsHaveIt, &[("query", q)]),
        other => tf(lang, GapsMsg::NotAdded, &[("why", &other.to_string())]),
    }
}

/// Writes a fix into `path` as an edit of its own (one undo step: the place names the query),
/// and says what was done or why not. `before`: the file's text (`None`: no such file yet).
fn write_fix(
    (s, p): (Studio, Panel),
    path: &str,
    query: &str,
    before: Option<String>,
    fixed: Result<String, FixError>,
) -> bool {
    let lang = s.lang.get_untracked();
    match fixed {
        Ok(text) => {
            s.change_in(path, &format!("gap:{query}"), text.clone());
            let undo = FixUndo {
                path: path.to_string(),
                after: text,
                created: before.is_none(),
            };
            p.said.set(Some(Said {
                text: tf(lang, GapsMsg::Added, &[("query", query), ("file", path)]),
                undo: Some(undo),
            }));
            true
        }
        Err(e) => {
            p.said.set(Some(Said {
                text: refused(lang, &e),
                undo: None,
            }));
            false
        }
    }
}

/// Closes the chooser and gives the keyboard back to the button that opened it.
fn close(p: Panel, back: NodeRef<Button>) {
    p.chooser.set(None);
    request_animation_frame(move || {
        if let Some(b) = back.get_untracked() {
            let _ = b.focus();
        }
    });
}

/// Esc in a chooser closes it.
fn escape_closes(p: Panel, back: NodeRef<Button>) -> impl Fn(leptos::ev::KeyboardEvent) {
    move |ev| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close(p, back);
        }
    }
}

/// Puts the keyboard in the chooser's first control once it is drawn.
fn focus_soon(el: NodeRef<Select>) {
    request_animation_frame(move || {
        if let Some(el) = el.get_untracked() {
            let _ = el.focus();
        }
    });
}

/// The form both choosers are: what is chosen for which query (`label`), a select of the choices
/// (the children its options, `pick` its test id), what else the choice needs (`more`), then
/// "Add" (test id `confirm`) and "Cancel". One shell, so both take the keyboard alike: it starts
/// in the select, and Esc or Cancel closes the chooser and gives it back to `back`.
#[component]
fn ChooserForm(
    label: String,
    pick: &'static str,
    confirm: &'static str,
    back: NodeRef<Button>,
    lang: UiLang,
    /// An option chosen in the select: its value.
    on_pick: impl Fn(String) + 'static,
    /// "Add": true when the fix was written, and the chooser's work is done (it closes).
    on_confirm: impl Fn() -> bool + 'static,
    /// What else the choice needs, below the select (a new synonym group's words).
    #[prop(optional)]
    more: Option<AnyView>,
    children: Children,
) -> impl IntoView {
    let p = panel();
    let select = NodeRef::<Select>::new();
    focus_soon(select);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if on_confirm() {
            close(p, back);
        }
    };
    view! {
        <form class="studio-gap-chooser" data-testid="studio-gap-chooser" on:submit=submit
            on:keydown=escape_closes(p, back)>
            <label>
                <span>{label}</span>
                <select node_ref=select data-testid=pick
                    on:change=move |ev| on_pick(event_target_value(&ev))>
                    {children()}
                </select>
            </label>
            {more}
            <button type="submit" data-testid=confirm>{t(lang, GapsMsg::Confirm)}</button>
            <button type="button" on:click=move |_| close(p, back)>{t(lang, GapsMsg::Cancel)}</button>
        </form>
    }
}

/// "Add to card…": the card whose situations take the query (`studio-gap-card`, each option's
/// value a card id), then "Add" (`studio-gap-confirm`). The card opens in the editor with it.
#[component]
pub(super) fn CardChooser(gap: Gap, back: NodeRef<Button>, lang: UiLang) -> impl IntoView {
    let s = studio();
    let p = panel();
    let cards: Vec<(String, String)> = s.checked.with_untracked(|c| {
        let mut all: Vec<(String, String)> = c
            .cards
            .iter()
            .map(|(_, p)| (p.id.clone(), format!("{} ({})", p.title, p.id)))
            .collect();
        all.sort_by(|a, b| a.1.cmp(&b.1));
        all
    });
    let now: Vec<String> = s.engine.with_untracked(|e| {
        let hits = e
            .as_ref()
            .and_then(|e| answers_now(e, &gap.query, None).ok());
        hits.unwrap_or_default().into_iter().map(|h| h.id).collect()
    });
    let mut suggested: Vec<(String, String)> = Vec::new();
    for id in gap.opened.iter().chain(&now) {
        match cards.iter().find(|(c, _)| c == id) {
            Some(card) if !suggested.contains(card) => suggested.push(card.clone()),
            _ => {}
        }
    }
    // The browser selects the first option: the first suggestion, else the first card.
    let first = suggested.first().or(cards.first());
    let chosen = RwSignal::new(first.map(|(id, _)| id.clone()).unwrap_or_default());
    let query = gap.query.clone();
    let confirm = move || {
        let id = chosen.get_untracked();
        let path = s.checked.with_untracked(|c| {
            let card = c.cards.iter().find(|(_, p)| p.id == id);
            card.map(|(path, _)| path.display().to_string())
        });
        let Some(path) = path else { return false };
        let before = s.ws.with_untracked(|w| w.text(&path));
        let fixed = add_situation(before.as_deref().unwrap_or_default(), &query);
        let written = write_fix((s, p), &path, &query, before, fixed);
        if written {
            // The card in the editor, its new situation in view (and Ctrl+Z there undoes it).
            s.selected.set(Some(path));
            s.reload();
        }
        written
    };
    let options = |list: Vec<(String, String)>| {
        list.into_iter()
            .map(|(id, label)| view! { <option value=id>{label}</option> })
            .collect_view()
    };
    let label = tf(lang, GapsMsg::AddTo, &[("query", &gap.query)]);
    view! {
        <ChooserForm label=label pick="studio-gap-card" confirm="studio-gap-confirm" back=back lang=lang
            on_pick=move |id| chosen.set(id) on_confirm=confirm>
            {(!suggested.is_empty()).then(|| view! {
                <optgroup label=t(lang, GapsMsg::Suggested)>{options(suggested.clone())}</optgroup>
            })}
            <optgroup label=t(lang, GapsMsg::AllCards)>{options(cards.clone())}</optgroup>
        </ChooserForm>
    }
}

/// "Add as synonym…": a group of `synonyms.toml` (`studio-gap-group`, values the groups' places,
/// `new` for a new group with the words typed in `studio-gap-group-words`), then "Add"
/// (`studio-gap-synonym-confirm`).
#[component]
pub(super) fn SynonymChooser(query: String, back: NodeRef<Button>, lang: UiLang) -> impl IntoView {
    let s = studio();
    let p = panel();
    let text = s.ws.with_untracked(|w| w.text(SYNONYMS));
    let groups = synonym_groups(text.as_deref().unwrap_or_default());
    let first = match &groups {
        Ok(g) if !g.is_empty() => "0",
        _ => "new",
    };
    let choice = RwSignal::new(first.to_string());
    let words = RwSignal::new(String::new());
    let label = tf(lang, GapsMsg::SynonymTo, &[("query", &query)]);
    let confirm = move || {
        let to = match choice.get_untracked().parse::<usize>() {
            Ok(i) => SynonymTarget::Group(i),
            Err(_) => SynonymTarget::NewGroup(
                words
                    .get_untracked()
                    .split([',', '，', '、'])
                    .map(str::to_string)
                    .collect(),
            ),
        };
        let before = s.ws.with_untracked(|w| w.text(SYNONYMS));
        let fixed = add_synonym(before.as_deref().unwrap_or_default(), &query, &to);
        write_fix((s, p), SYNONYMS, &query, before, fixed)
    };
    let groups = match groups {
        Ok(groups) => groups,
        Err(e) => {
            return view! {
                <p class="error studio-gap-chooser" data-testid="studio-gap-chooser" role="alert">
                    {refused(lang, &e)} " "
                    <button type="button" on:click=move |_| close(p, back)>{t(lang, GapsMsg::Cancel)}</button>
                </p>
            }
            .into_any()
        }
    };
    // The words of a new group, asked for only while "New group" is chosen.
    let new_words = move || {
        (choice.get() == "new").then(|| view! {
            <label>
                <span>{t(lang, GapsMsg::NewGroupWords)}</span>
                <input type="text" data-testid="studio-gap-group-words" prop:value=move || words.get()
                    on:input=move |ev| words.set(event_target_value(&ev))/>
            </label>
        })
    };
    view! {
        <ChooserForm label=label pick="studio-gap-group" confirm="studio-gap-synonym-confirm" back=back
            lang=lang on_pick=move |v| choice.set(v) on_confirm=confirm more=new_words.into_any()>
            {groups.into_iter().enumerate().map(|(i, g)| view! {
                <option value=i.to_string()>{g.join(", ")}</option>
            }).collect_view()}
            <option value="new">{t(lang, GapsMsg::NewGroup)}</option>
        </ChooserForm>
    }
    .into_any()
}
