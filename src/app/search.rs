//! Finding the situation: the search box in the header (on every screen), the result list on
//! the search page, and the same results over an open procedure without losing the call.

use super::platform;
use super::store::{LoadState, ResultsNav, Route, Status, Ui};
use super::targets;
use crate::content::Lang;
use crate::i18n::{plural_category, results_count, t, tf, Msg, EXAMPLES};
use crate::page::results::BoxAction;
use crate::search::{Found, Hit, NotInForce, Snippet};
use leptos::prelude::*;

pub(super) const SEARCH_ID: &str = "search";
/// Results shown for a query: what fits the screen beside a call (and what a keystroke redraws).
const LIMIT: usize = 10;

pub fn focus_search() {
    platform::focus_and_select(SEARCH_ID);
}

/// The current query's hits, computed once for the box, the page and the overlay.
#[derive(Clone, Copy)]
pub struct Results(pub Memo<Vec<Hit>>);

/// What was searched, when the query matched only as read another way (the other keyboard
/// layout, Russian in Latin letters, pinyin, a synonym): shown above the results.
#[derive(Clone, Copy)]
pub struct SearchedAs(pub Memo<Option<String>>);

/// The best match that is not in force at the desk's moment, when it ranked above every hit:
/// one quiet line says so instead of finding nothing.
#[derive(Clone, Copy)]
pub struct NotInForceMatch(pub Memo<Option<NotInForce>>);

/// Provides the results and announces their count (in the UI language's plural forms).
pub fn provide_results(ui: Ui) {
    // A memo computes; what a failure does to the page is the effect's (a memo that wrote the
    // load state it reads would be computing and acting at once).
    let outcome = Memo::new(move |_| {
        let q = ui.query.get();
        match ui.engine.get() {
            LoadState::Ready(e) if !q.trim().is_empty() => e
                // Judged at every search on the desk's clock: an offline desk drops an expired
                // card at midnight without a new publication.
                .try_find_at(
                    &q,
                    ui.lang_filter.get(),
                    LIMIT,
                    Some(platform::desk_moment()),
                )
                .map_err(|err| err.to_string()),
            _ => Ok(Found::default()),
        }
    });
    Effect::new(move |_| {
        // The index itself failed (not the query): on screen as a load problem.
        if let Err(why) = outcome.get() {
            ui.index
                .update(|l| l.fail(super::store::LoadProblem::Other(why)));
        }
    });
    let found = Memo::new(move |_| outcome.with(|o| o.clone().unwrap_or_default()));
    let results = Memo::new(move |_| found.with(|f| f.hits.clone()));
    provide_context(SearchedAs(Memo::new(move |_| {
        found.with(|f| f.searched_as.clone())
    })));
    provide_context(NotInForceMatch(Memo::new(move |_| {
        found.with(|f| f.not_in_force.clone())
    })));
    Effect::new(move |_| {
        let n = results.with(Vec::len);
        if !ui.query.with(|q| q.trim().is_empty()) {
            let lang = ui.lang.get_untracked();
            ui.announce
                .set(results_count(lang, n, plural_category(lang, n)));
        }
    });
    provide_context(Results(results));
}

/// Opens a result: the route changes, the call stays (it lives in the desk store).
fn open(ui: Ui, id: &str) {
    ui.results.update(ResultsNav::opened);
    platform::set_hash(&format!("#/p/{id}"));
}

#[component]
pub fn SearchBox() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let Results(results) = expect_context::<Results>();
    let on_procedure = move || matches!(ui.route.get_untracked(), Route::Procedure(_));
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let n = results.with(Vec::len);
        // On a copy: a key that is not the list's (most of them: typing) notifies nothing.
        let mut nav = ui.results.get_untracked();
        let Some(action) = nav.key(&ev.key(), n, on_procedure()) else {
            return;
        };
        ui.results.set(nav);
        match action {
            BoxAction::Moved => ev.prevent_default(),
            BoxAction::Open(row) => {
                if let Some(h) = results.with(|r| r.get(row).cloned()) {
                    open(ui, &h.id);
                }
            }
            BoxAction::BackToProcedure => {
                ev.prevent_default();
                platform::focus_selector(&targets::selector(targets::PROCEDURE_TITLE));
            }
            BoxAction::ClearQuery => {
                ev.prevent_default();
                ui.query.set(String::new());
            }
        }
    };
    let listed = move || {
        let over_procedure = matches!(ui.route.get(), Route::Procedure(_));
        let n = results.with(Vec::len);
        ui.results.with(|r| r.listed(n, over_procedure))
    };
    view! {
        <div class="search-box" role="search">
            <label for=SEARCH_ID class="visually-hidden">{move || t(ui.lang.get(), Msg::SearchLabel)}</label>
            <input
                id=SEARCH_ID
                data-testid="search"
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder=move || t(ui.lang.get(), Msg::SearchPlaceholder)
                aria-controls=move || listed().then_some("results")
                prop:value=move || ui.query.get()
                on:input=move |ev| {
                    ui.query.set(event_target_value(&ev));
                    ui.results.update(ResultsNav::typed);
                }
                on:keydown=on_key
            />
            <select
                data-testid="lang-filter"
                aria-label=move || t(ui.lang.get(), Msg::Language)
                on:change=move |ev| ui.lang_filter.set(Lang::from_code(&event_target_value(&ev)))
            >
                <option value="" selected=move || ui.lang_filter.get().is_none()>{move || t(ui.lang.get(), Msg::AllLanguages)}</option>
                {Lang::ALL
                    .into_iter()
                    .map(|l| view! {
                        <option value=l.code() lang=l.code() selected=move || ui.lang_filter.get() == Some(l)>{l.name()}</option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The search page: what the operator sees first.
#[component]
pub fn SearchPage() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let status = ui.status;
    Effect::new(move |_| {
        // Focus on load and when coming back to the results (not when another language joins);
        // a box that has the keyboard already (typed into before the index arrived) keeps its
        // cursor instead of having its text selected.
        if status.get() == Status::Ready {
            request_animation_frame(|| {
                if !platform::has_focus(SEARCH_ID) {
                    focus_search();
                }
            });
        }
    });
    // While the index is on its way the examples show as they will once it is open (and as the
    // page's static shell showed them before the app started): "loading" only once a query
    // waits for it. A memo, so that typing does not rebuild the list.
    let body = Memo::new(move |_| match status.get() {
        Status::Loading if !ui.query.with(|q| q.trim().is_empty()) => Status::Loading,
        Status::Loading => Status::Ready,
        other => other,
    });
    view! {
        <section class="search-page">
            <h1 class="page-title">{move || t(ui.lang.get(), Msg::SearchLabel)}</h1>
            {move || match body.get() {
                Status::Loading => view! { <p class="muted">{t(ui.lang.get(), Msg::Loading)}</p> }.into_any(),
                Status::Failed(why) => view! { <super::banners::LoadProblemBanner why=why/> }.into_any(),
                Status::Ready => view! { <ResultList/> }.into_any(),
            }}
        </section>
    }
}

/// The results over an open procedure, while the operator types in the header's box; Esc or
/// opening a result closes them, and the procedure underneath keeps its state.
#[component]
pub fn ResultsOverlay() -> impl IntoView {
    let ui = expect_context::<Ui>();
    // A memo, so that a keystroke (which changes the query, not whether it is empty) does not
    // rebuild the list underneath.
    let show = Memo::new(move |_| {
        matches!(ui.route.get(), Route::Procedure(_))
            && ui.results.with(|r| r.open)
            && !ui.query.with(|q| q.trim().is_empty())
    });
    move || {
        show.get().then(|| {
            view! {
                <section class="results-overlay" data-testid="results-overlay" aria-label=move || t(ui.lang.get(), Msg::SearchResults)>
                    <ResultList/>
                </section>
            }
        })
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

/// The languages whose procedures are still on their way: their results join when they arrive.
#[component]
fn StillLoading() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        let filter = ui.lang_filter.get();
        let loading: Vec<Lang> = ui
            .loading_langs
            .get()
            .into_iter()
            .filter(|l| filter.is_none_or(|f| f == *l))
            .collect();
        (!loading.is_empty()).then(|| {
            let names = loading
                .iter()
                .map(|l| l.name())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <p class="muted still-loading" data-testid="still-loading">
                    {t(ui.lang.get(), Msg::StillLoading)} " " {names}
                </p>
            }
        })
    }
}

/// "Searched as: клиент угрожает", when part of the query was read another way.
#[component]
fn SearchedAsLine() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let SearchedAs(searched_as) = expect_context::<SearchedAs>();
    move || {
        searched_as.get().map(|text| {
            view! {
                <p class="muted searched-as" data-testid="searched-as">
                    {t(ui.lang.get(), Msg::SearchedAs)} " " <span class="searched-as-text">{text}</span>
                </p>
            }
        })
    }
}

/// "“Khuyến mãi tháng 11” matches, but it is not in force (ended 30/11/2026)."
#[component]
fn NotInForceLine() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let NotInForceMatch(m) = expect_context::<NotInForceMatch>();
    move || {
        m.get().and_then(|m| {
            let text = super::procedure::not_in_force_text(ui.lang.get(), m.standing, Some(&m.title))?;
            Some(view! { <p class="muted not-in-force" role="status" data-testid="search-not-in-force">{text}</p> })
        })
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Examples,
    Nothing,
    Hits,
}

#[component]
fn ResultList() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let Results(results) = expect_context::<Results>();
    // What the list shows changes far less often than the query: the view below re-runs only
    // when this does, and between keystrokes `<For>` updates just the rows that changed.
    let shown = Memo::new(move |_| {
        if ui.query.with(|q| q.trim().is_empty()) {
            Shown::Examples
        } else if results.with(Vec::is_empty) {
            Shown::Nothing
        } else {
            Shown::Hits
        }
    });
    move || {
        let lang = ui.lang.get();
        let shown = shown.get();
        if shown == Shown::Examples {
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
        if shown == Shown::Nothing {
            // Not "no results" while the language asked for is still on its way.
            if !ui.loading_langs.with(Vec::is_empty) {
                return view! { <StillLoading/> }.into_any();
            }
            let NotInForceMatch(m) = expect_context::<NotInForceMatch>();
            if m.with(Option::is_some) {
                return view! { <NotInForceLine/> }.into_any();
            }
            return view! { <p class="empty" role="status">{t(lang, Msg::NoResults)}</p> }
                .into_any();
        }
        // Keyed by what a row shows: a row that did not change between keystrokes is kept, not
        // rebuilt (the selection follows the hit's id, so it survives reordering).
        let selected_id = Memo::new(move |_| {
            results.with(|r| r.get(ui.results.with(|n| n.selected)).map(|h| h.id.clone()))
        });
        view! {
            <StillLoading/>
            <SearchedAsLine/>
            <NotInForceLine/>
            <ol id="results" class="results">
                <For
                    each=move || results.get()
                    key=|h: &Hit| (h.id.clone(), h.snippet.text.clone(), h.snippet.highlights.clone())
                    children=move |h: Hit| {
                        let id = h.id.clone();
                        let is_selected = Memo::new(move |_| {
                            selected_id.with(|s| s.as_deref() == Some(id.as_str()))
                        });
                        view! {
                            <li class="result-item" class:selected=is_selected>
                                <a data-testid="result" href=format!("#/p/{}", h.id)
                                    aria-current=move || if is_selected.get() { "true" } else { "false" }
                                    on:click=move |_| ui.results.update(ResultsNav::opened)>
                                    <span class="result-title">{h.title.clone()}</span>
                                    <span class="result-meta">
                                        <span class="lang-badge" lang=h.lang.code()>{h.lang.code()}</span>
                                        <span class="category">{h.category.clone()}</span>
                                        {h.ends.map(|d| view! { " " <span class="until-badge" data-testid="result-until">{move || tf(ui.lang.get(), Msg::Until, &[("date", &platform::day_text(d, false))])}</span> })}
                                    </span>
                                    <span class="snippet" lang=h.lang.code()>{snippet_view(&h.snippet)}</span>
                                </a>
                            </li>
                        }
                    }
                />
            </ol>
        }
        .into_any()
    }
}
