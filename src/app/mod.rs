//! The operator desk page (Leptos, client-side rendered): search, procedure checklist, hold
//! timer, callbacks. Views are small and call the plain models in `desk` and `search`.

mod callbacks;
mod callbar;
mod hold;
mod platform;
mod procedure;
mod search;
mod store;

use crate::i18n::{t, Msg, UiLang};
use leptos::prelude::*;
use std::sync::Arc;
use store::{Desk, LoadState, Notice, Prefs, Route, Ui};

pub fn mount() {
    leptos::mount::mount_to_body(App);
}

/// Fetches and opens the index; on failure the page shows why, with a retry.
fn load_engine(ui: Ui) {
    ui.engine.set(LoadState::Loading);
    leptos::task::spawn_local(async move {
        let state = match platform::fetch_bytes(&platform::index_url()).await {
            Ok(bytes) => match crate::search::Engine::from_blob(&bytes) {
                Ok(e) => LoadState::Ready(Arc::new(e)),
                Err(e) => LoadState::Failed(e.to_string()),
            },
            Err(e) => LoadState::Failed(e),
        };
        ui.engine.set(state);
    });
}

#[component]
pub fn App() -> impl IntoView {
    let prefs = store::load_prefs();
    let lang = prefs.ui_lang.unwrap_or_else(|| {
        let langs = platform::browser_langs();
        UiLang::from_browser(langs.iter().map(String::as_str))
    });
    let ui = Ui {
        lang: RwSignal::new(lang),
        now: RwSignal::new(platform::now_ms()),
        engine: RwSignal::new(LoadState::Loading),
        query: RwSignal::new(String::new()),
        lang_filter: RwSignal::new(None),
        selected: RwSignal::new(0),
        route: RwSignal::new(Route::from_hash(&platform::hash())),
        announce: RwSignal::new(String::new()),
        update_ready: RwSignal::new(platform::update_ready()),
    };
    let desk = Desk::load();
    provide_context(ui);
    provide_context(desk);
    load_engine(ui);

    // The clock: displays derive from timestamps, so a throttled tick only delays, never drifts.
    let tick = gloo_timers::callback::Interval::new(250, move || ui.now.set(platform::now_ms()));
    std::mem::forget(tick);

    let hashchange = window_event_listener(leptos::ev::hashchange, move |_| {
        ui.route.set(Route::from_hash(&platform::hash()))
    });
    std::mem::forget(hashchange);
    let update =
        window_event_listener_untyped(platform::UPDATE_EVENT, move |_| ui.update_ready.set(true));
    std::mem::forget(update);
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "/" && !ev.ctrl_key() && !ev.meta_key() && !search::typing_in_a_field(&ev) {
            ev.prevent_default();
            if ui.route.get_untracked() != Route::Search {
                platform::set_hash("#/");
            }
            search::focus_search();
        }
    });
    std::mem::forget(keys);

    Effect::new(move |_| {
        let l = ui.lang.get();
        platform::set_document_lang(l.code());
        store::save_prefs(&Prefs { ui_lang: Some(l) });
    });

    let show_callbacks = RwSignal::new(false);
    let tr = move |m: Msg| t(ui.lang.get(), m);
    view! {
        <div class="app">
            <header class="top">
                <a class="brand" href="#/">"Cuecard"</a>
                <callbar::CallBar/>
                <button
                    class="badge-button"
                    aria-controls="callbacks"
                    aria-expanded=move || show_callbacks.get().to_string()
                    on:click=move |_| show_callbacks.update(|s| *s = !*s)
                >
                    {move || tr(Msg::Callbacks)}
                    " "
                    <span class="badge">{move || desk.callbacks.with(|c| c.pending().len())}</span>
                </button>
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
            <div class="layout">
                <main class="main">
                    {move || match ui.route.get() {
                        Route::Search => view! { <search::SearchPage/> }.into_any(),
                        Route::Procedure(id) => view! { <procedure::ProcedurePage id=id/> }.into_any(),
                    }}
                </main>
                <aside id="callbacks" class="side" class:open=move || show_callbacks.get()>
                    <callbacks::CallbackPanel/>
                </aside>
            </div>
            <div class="visually-hidden" aria-live="polite" role="status">{move || ui.announce.get()}</div>
        </div>
    }
}

/// The index could not be fetched or opened: say so, and offer a retry (never a blank page).
#[component]
fn LoadProblem(why: String) -> impl IntoView {
    let ui = expect_context::<Ui>();
    view! {
        <div class="error" role="alert">
            <p>{move || t(ui.lang.get(), Msg::LoadFailed)} " (" {why} ")"</p>
            <button on:click=move |_| load_engine(ui)>{move || t(ui.lang.get(), Msg::Retry)}</button>
        </div>
    }
}

/// A new build is installed and waiting (service worker): offer the switch, never force it mid-call.
#[component]
fn UpdateBanner() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        ui.update_ready.get().then(|| {
            view! {
                <div class="notice update" role="status" data-testid="update-ready">
                    <span>{t(ui.lang.get(), Msg::UpdateReady)}</span>
                    <button on:click=move |_| platform::apply_update()>{t(ui.lang.get(), Msg::Reload)}</button>
                </div>
            }
        })
    }
}

/// Storage trouble, told until dismissed: what was set aside, or what lives in this tab only.
#[component]
fn StorageNotice() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let desk = expect_context::<Desk>();
    move || {
        desk.notice.get().map(|notice| {
            let (msg, detail, kind) = match notice {
                Notice::Recovered(d) => (Msg::StorageRecovered, d, "recovered"),
                Notice::NotSaved(d) => (Msg::StorageNotSaved, d, "not-saved"),
            };
            view! {
                <div class="notice" role="alert" data-testid="storage-notice" data-kind=kind>
                    <span>{t(ui.lang.get(), msg)} " (" {detail} ")"</span>
                    <button on:click=move |_| desk.notice.set(None)>{t(ui.lang.get(), Msg::Dismiss)}</button>
                </div>
            }
        })
    }
}
