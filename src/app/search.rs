//! What the operator sees first: the search box and the result list, updated on every keystroke.

use super::platform;
use super::store::{LoadState, Ui};
use crate::content::Lang;
use crate::i18n::{t, Msg, EXAMPLES};
use crate::search::{Hit, Snippet};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const SEARCH_ID: &str = "search";
const LIMIT: usize = 20;

pub fn focus_search() {
    if let Some(el) = platform::window()
        .document()
        .and_then(|d| d.get_element_by_id(SEARCH_ID))
    {
        if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
            let _ = input.focus();
            input.select();
        }
    }
}

pub fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        .unwrap_or(false)
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let results = Memo::new(move |_| {
        let q = ui.query.get();
        match ui.engine.get() {
            LoadState::Ready(e) if !q.trim().is_empty() => {
                e.search(&q, ui.lang_filter.get(), LIMIT)
            }
            _ => Vec::new(),
        }
    });
    Effect::new(move |_| {
        let n = results.with(Vec::len);
        if !ui.query.with(|q| q.trim().is_empty()) {
            ui.announce
                .set(format!("{n} {}", t(ui.lang.get_untracked(), Msg::Results)));
        }
    });
    Effect::new(move |_| {
        // Focus on load and when coming back to the results.
        if matches!(ui.engine.get(), LoadState::Ready(_)) {
            request_animation_frame(focus_search);
        }
    });
    view! {
            <section class="search-page">
                <SearchBox results=results/>
                {move || match ui.engine.get() {
                    LoadState::Loading => view! { <p class="muted">{t(ui.lang.get(), Msg::Loading)}</p> }.into_any(),
    LoadState::Failed(why) => view! { <super::LoadProblem why=why/> }.into_any(),
                    LoadState::Ready(_) => view! { <ResultList results=results/> }.into_any(),
                }}
            </section>
        }
}

#[component]
fn SearchBox(results: Memo<Vec<Hit>>) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let n = results.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                ui.selected.update(|s| *s = (*s + 1).min(n - 1));
            }
            "ArrowUp" => {
                ev.prevent_default();
                ui.selected.update(|s| *s = s.saturating_sub(1));
            }
            "Enter" => {
                if let Some(h) = results.with(|r| r.get(ui.selected.get_untracked()).cloned()) {
                    platform::set_hash(&format!("#/p/{}", h.id));
                }
            }
            "Escape" => {
                ui.query.set(String::new());
                ui.selected.set(0);
            }
            _ => {}
        }
    };
    view! {
        <div class="search-box" role="search">
            <label for=SEARCH_ID class="search-label">{move || t(ui.lang.get(), Msg::SearchLabel)}</label>
            <div class="search-row">
                <input
                    id=SEARCH_ID
                    data-testid="search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || t(ui.lang.get(), Msg::SearchPlaceholder)
                    aria-controls="results"
                    prop:value=move || ui.query.get()
                    on:input=move |ev| {
                        ui.query.set(event_target_value(&ev));
                        ui.selected.set(0);
                    }
                    on:keydown=on_key
                />
                <select
                    aria-label=move || t(ui.lang.get(), Msg::Language)
                    on:change=move |ev| ui.lang_filter.set(Lang::from_code(&event_target_value(&ev)))
                >
                    <option value="" selected=move || ui.lang_filter.get().is_none()>{move || t(ui.lang.get(), Msg::AllLanguages)}</option>
                    <option value="vi" selected=move || ui.lang_filter.get() == Some(Lang::Vi)>"Tiếng Việt"</option>
                    <option value="zh" selected=move || ui.lang_filter.get() == Some(Lang::Zh)>"中文"</option>
                    <option value="ru" selected=move || ui.lang_filter.get() == Some(Lang::Ru)>"Русский"</option>
                </select>
            </div>
        </div>
    }
}

/// The snippet as text with `<mark>`s: built from ranges, never from HTML.
pub fn snippet_view(s: &Snippet) -> impl IntoView {
    let mut parts = Vec::new();
    let mut at = 0;
    for &(a, b) in &s.highlights {
        if a < at || b > s.text.len() || !s.text.is_char_boundary(a) || !s.text.is_char_boundary(b)
        {
            continue;
        }
        parts.push(view! { <span>{s.text[at..a].to_string()}</span> }.into_any());
        parts.push(view! { <mark>{s.text[a..b].to_string()}</mark> }.into_any());
        at = b;
    }
    parts.push(view! { <span>{s.text[at..].to_string()}</span> }.into_any());
    parts
}

#[component]
fn ResultList(results: Memo<Vec<Hit>>) -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        let lang = ui.lang.get();
        if ui.query.with(|q| q.trim().is_empty()) {
            return view! {
                <div class="empty">
                    <p>{t(lang, Msg::TryExamples)}</p>
                    <ul class="examples">
                        {EXAMPLES
                            .iter()
                            .map(|ex| view! { <li><button class="link" on:click=move |_| ui.query.set(ex.to_string())>{*ex}</button></li> })
                            .collect_view()}
                    </ul>
                </div>
            }
            .into_any();
        }
        let hits = results.get();
        if hits.is_empty() {
            return view! { <p class="empty" role="status">{t(lang, Msg::NoResults)}</p> }
                .into_any();
        }
        view! {
            <ol id="results" class="results">
                {hits
                    .into_iter()
                    .enumerate()
                    .map(|(i, h)| {
                        let href = format!("#/p/{}", h.id);
                        view! {
                            <li class="result-item" class:selected=move || ui.selected.get() == i>
                                <a data-testid="result" href=href aria-current=move || if ui.selected.get() == i { "true" } else { "false" }>
                                    <span class="result-title">{h.title.clone()}</span>
                                    <span class="result-meta">
                                        <span class="lang-badge" lang=h.lang.code()>{h.lang.code()}</span>
                                        <span class="category">{h.category.clone()}</span>
                                    </span>
                                    <span class="snippet" lang=h.lang.code()>{snippet_view(&h.snippet)}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    }
}
