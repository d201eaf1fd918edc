//! The operator desk page (Leptos, client-side rendered): search, procedure checklist, hold
//! timer, callbacks. Views are small and call the plain models in `desk` and `search`.

mod banners;
mod callbacks;
mod callbar;
pub(crate) mod card;
mod copy;
mod hold;
mod keys;
mod loading;
pub(crate) mod platform;
mod procedure;
mod report;
mod search;
mod store;
mod targets;

use crate::content::Lang;
use crate::i18n::{t, Msg, UiLang};
use crate::page::load::order;
use banners::{HttpsNote, StorageNotice, UpdateBanner};
use leptos::prelude::*;
use loading::load_lang;
use std::time::Duration;
use store::{Desk, IndexLoad, LoadState, ResultsNav, Route, Ui};

/// How often an open page applies the retention (expired callbacks, backups, an idle call).
const MAINTAIN_EVERY_MS: u32 = 60_000;

/// Mounts the app in place of the page's static shell: the query typed there becomes the app's,
/// and the cursor stays where it was.
pub fn mount() {
    platform::on_panic_show_banner();
    let shell = platform::take_shell().unwrap_or_default();
    let query = shell.query.clone();
    leptos::mount::mount_to_body(move || view! { <App query=query/> });
    platform::restore_cursor(&shell, search::SEARCH_ID);
}

/// The desk; `query` is what the search box starts with (typed in the shell before the mount).
#[component]
pub fn App(#[prop(optional)] query: String) -> impl IntoView {
    let desk = Desk::load();
    let prefs = RwSignal::new(desk.load_prefs());
    let lang = prefs.with_untracked(|p| p.ui_lang).unwrap_or_else(|| {
        let langs = platform::browser_langs();
        UiLang::from_browser(langs.iter().map(String::as_str))
    });
    let filter = prefs.with_untracked(|p| p.lang_filter);
    let content_lang = |l: UiLang| Lang::from_code(l.code());
    let index = RwSignal::new(IndexLoad::new(
        platform::index_langs(),
        filter,
        content_lang(lang),
    ));
    let engine = Memo::new(move |_| index.with(|l| l.state().clone()));
    let ui = Ui {
        lang: RwSignal::new(lang),
        now: RwSignal::new(platform::now_ms()),
        index,
        engine,
        status: Memo::new(move |_| engine.with(LoadState::status)),
        loading_langs: Memo::new(move |_| index.with(|l| l.in_flight().to_vec())),
        query: RwSignal::new(query),
        lang_filter: RwSignal::new(filter),
        route: RwSignal::new(Route::from_hash(&platform::hash())),
        announce: RwSignal::new(String::new()),
        update_ready: RwSignal::new(platform::update_ready()),
        results: RwSignal::new(ResultsNav::default()),
        show_callbacks: RwSignal::new(false),
        callback_form: RwSignal::new(false),
        shortcuts: RwSignal::new(false),
        printing: RwSignal::new(false),
    };
    provide_context(ui);
    provide_context(desk);
    search::provide_results(ui);
    report::record_searches(ui, desk);
    report::send_reports(ui, desk);

    // Brings in the languages the page needs now (`IndexLoad::wanted`): the first ones, the
    // filter's, the rest once "all languages" has something open, or all when a procedure asked
    // for (a link, a procedure of the restored call) is in none of those open.
    Effect::new(move |_| {
        let missing = match &*ui.engine.read() {
            LoadState::Failed(_) => return,
            LoadState::Loading => false,
            LoadState::Ready(e) => {
                let route_missing =
                    matches!(&*ui.route.read(), Route::Procedure(id) if e.procedure(id).is_none());
                let call_missing = desk
                    .call
                    .with(|c| c.opened().into_iter().any(|id| e.procedure(id).is_none()));
                route_missing || call_missing
            }
        };
        let filter = ui.lang_filter.get();
        let wanted = ui.index.with_untracked(|l| l.wanted(filter, missing));
        for lang in wanted.now {
            load_lang(ui, lang);
        }
        for lang in wanted.after_first_answer {
            // Fetching and opening these must not delay the answer being painted.
            request_animation_frame(move || {
                set_timeout(move || load_lang(ui, lang), Duration::ZERO)
            });
        }
    });

    // The clock: displays derive from timestamps, so a throttled tick only delays, never drifts.
    // The interval lives as long as the page.
    gloo_timers::callback::Interval::new(250, move || ui.now.set(platform::now_ms())).forget();
    // The retention, applied while the page stays open for days.
    gloo_timers::callback::Interval::new(MAINTAIN_EVERY_MS, move || desk.maintain()).forget();

    // Listeners added with `window_event_listener` stay until the page goes.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        ui.route.set(Route::from_hash(&platform::hash()))
    });
    let _ =
        window_event_listener_untyped(platform::UPDATE_EVENT, move |_| ui.update_ready.set(true));
    let _ = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        keys::on_key(ui, desk, &ev)
    });
    platform::on_print(move |printing| ui.printing.set(printing));

    Effect::new(move |_| {
        let l = ui.lang.get();
        platform::set_document_lang(l.code());
        prefs.update(|p| p.ui_lang = Some(l));
    });
    // The desk's language choice, and what the next start downloads first.
    Effect::new(move |_| {
        let filter = ui.lang_filter.get();
        let available = ui.index.with_untracked(|l| l.available().to_vec());
        let first = order::first(&available, filter, content_lang(ui.lang.get()));
        prefs.update(|p| {
            p.lang_filter = filter;
            p.index_first = order::hint(&first);
        });
    });
    Effect::new(move |_| prefs.with(|p| desk.save_prefs(p)));

    let tr = move |m: Msg| t(ui.lang.get(), m);
    view! {
        <div class="app" class:printing=move || ui.printing.get()>
            <header class="top">
                <a class="brand" href="#/">"Cuecard"</a>
                <search::SearchBox/>
                <callbar::CallBar/>
                <button
                    class="badge-button"
                    aria-controls="callbacks"
                    aria-expanded=move || ui.show_callbacks.get().to_string()
                    on:click=move |_| ui.show_callbacks.update(|s| *s = !*s)
                >
                    {move || tr(Msg::Callbacks)}
                    " "
                    <span class="badge">{move || desk.callbacks.with(|c| c.pending().len())}</span>
                </button>
                <button class="shortcuts-button" data-testid="shortcuts-button"
                    aria-label=move || tr(Msg::Shortcuts)
                    on:click=move |_| ui.shortcuts.set(true)>"?"</button>
                <label class="ui-lang">
                    <span class="visually-hidden">{move || tr(Msg::Language)}</span>
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(l) = UiLang::ALL.into_iter().find(|l| l.code() == v) {
                            ui.lang.set(l);
                        }
                    }>
                        {UiLang::ALL
                            .into_iter()
                            .map(|l| view! { <option value=l.code() selected=move || ui.lang.get() == l>{l.name()}</option> })
                            .collect_view()}
                    </select>
                </label>
            </header>
            <UpdateBanner/>
            <StorageNotice/>
            <HttpsNote prefs=prefs/>
            <div class="layout">
                <main class="main">
                    <search::ResultsOverlay/>
                    {move || match ui.route.get() {
                        Route::Search => view! { <search::SearchPage/> }.into_any(),
                        Route::Procedure(id) => view! { <procedure::ProcedurePage id=id/> }.into_any(),
                    }}
                </main>
                <aside id="callbacks" class="side" class:open=move || ui.show_callbacks.get()>
                    <callbacks::CallbackPanel/>
                    <report::ReportExport/>
                </aside>
            </div>
            <keys::ShortcutsOverlay/>
            <div class="visually-hidden" aria-live="polite" role="status">{move || ui.announce.get()}</div>
        </div>
    }
}
