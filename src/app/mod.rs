//! The operator desk page (Leptos, client-side rendered): search, procedure checklist, hold
//! timer, callbacks. Views are small and call the plain models in `desk` and `search`.

mod callbacks;
mod callbar;
pub(crate) mod card;
mod copy;
mod hold;
mod keys;
pub(crate) mod platform;
mod procedure;
mod search;
mod store;
mod targets;

use crate::content::Lang;
use crate::i18n::{t, tf, Msg, UiLang};
use crate::page::load::order;
use crate::page::{self, load::Applied};
use crate::search::Part;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use store::{
    Desk, IndexLoad, LoadProblem as Problem, LoadState, Notice, Prefs, ResultsNav, Route, Ui,
};

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

/// Starts over after a failure (`IndexLoad::retry`): the first languages and those that
/// failed, fetched again past every cache; the effect in `App` then brings the others.
fn retry_engine(ui: Ui) {
    let tickets = ui.index.try_update(IndexLoad::retry).unwrap_or_default();
    for ticket in tickets {
        fetch_and_open(ui, ticket, true);
    }
}

/// Loads one language's index unless it is open or on its way already (`IndexLoad::begin`).
fn load_lang(ui: Ui, lang: Lang) {
    if let Some(ticket) = ui.index.try_update(|l| l.begin(lang)).flatten() {
        fetch_and_open(ui, ticket, false);
    }
}

/// Fetches a language's index, checks it against the build's checksum and opens it; what that
/// does to the page is `IndexLoad::finish`'s to decide. A first load takes the bytes boot.js
/// began to download beside the wasm; without them (or on a retry) the app fetches them itself.
fn fetch_and_open(ui: Ui, ticket: page::load::Ticket, bypass_cache: bool) {
    let lang = ticket.lang;
    leptos::task::spawn_local(async move {
        let early = if bypass_cache {
            None
        } else {
            platform::take_early_index(lang).await
        };
        let fetched = match (early, platform::index_ref(lang)) {
            (Some(bytes), _) => Ok(bytes),
            (None, Some((url, integrity))) => {
                platform::fetch_checked(&url, integrity.as_deref(), bypass_cache).await
            }
            (None, None) => Err(platform::FetchProblem::Other(format!(
                "no index for {}",
                lang.code()
            ))),
        };
        if !ui.index.with_untracked(|l| l.is_current(ticket)) {
            return;
        }
        let opened = match fetched {
            Ok(bytes) => {
                if ui.index.with_untracked(|l| l.state().engine().is_none()) {
                    platform::mark("cuecard:index-fetched");
                }
                Part::open(bytes)
                    .map(Arc::new)
                    .map_err(|e| Problem::Other(e.to_string()))
            }
            Err(platform::FetchProblem::Damaged) => Err(Problem::Damaged),
            Err(platform::FetchProblem::Other(e)) => Err(Problem::Other(e)),
        };
        if let Some(Applied::Opened { first }) = ui.index.try_update(|l| l.finish(ticket, opened)) {
            if first {
                platform::mark("cuecard:index-open");
            }
            // (The page benchmark waits for every language before typing.)
            platform::mark(&format!("cuecard:index-open:{}", lang.code()));
        }
    });
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
                </aside>
            </div>
            <keys::ShortcutsOverlay/>
            <div class="visually-hidden" aria-live="polite" role="status">{move || ui.announce.get()}</div>
        </div>
    }
}

/// On a plain-http desk (no service worker, clipboard API or notifications there), a quiet
/// note that offline use needs https, until dismissed.
#[component]
fn HttpsNote(prefs: RwSignal<Prefs>) -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        (!platform::is_secure_context() && !prefs.with(|p| p.https_note_dismissed)).then(|| {
            view! {
                <p class="https-note muted" data-testid="https-note">
                    {t(ui.lang.get(), Msg::OfflineNeedsHttps)} " "
                    <button class="link" on:click=move |_| prefs.update(|p| p.https_note_dismissed = true)>
                        {t(ui.lang.get(), Msg::Dismiss)}
                    </button>
                </p>
            }
        })
    }
}

/// The index could not be fetched or opened: say so, and offer a retry that bypasses every
/// cache (never a blank page).
#[component]
fn LoadProblem(why: Problem) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let lang = move || ui.lang.get();
    let (kind, text) = match why {
        Problem::Damaged => ("damaged", None),
        Problem::Other(detail) => ("failed", Some(detail)),
    };
    view! {
        <div class="error" role="alert" data-testid="load-problem" data-kind=kind>
            <p>
                {move || t(lang(), if kind == "damaged" { Msg::IndexDamaged } else { Msg::LoadFailed })}
                {text.map(|d| format!(" ({d})"))}
            </p>
            <button on:click=move |_| retry_engine(ui)>{move || t(lang(), Msg::Retry)}</button>
        </div>
    }
}

/// A new build is installed and waiting (service worker), or another tab already switched to
/// it: offer the reload, never force it mid-call.
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

/// Storage trouble, told until dismissed: what was set aside and where (with the offer to
/// delete it: it may hold customers' data), or what lives in this tab only.
#[component]
fn StorageNotice() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let desk = expect_context::<Desk>();
    move || {
        let lang = ui.lang.get();
        desk.notice.get().map(|notice| {
            let (msg, detail, kind, backup) = match notice {
                Notice::Recovered { detail, backup_key } => {
                    (Msg::StorageRecovered, detail, "recovered", Some(backup_key))
                }
                Notice::Unreadable(d) => (Msg::StorageUnreadable, d, "unreadable", None),
                Notice::NotSaved(d) => (Msg::StorageNotSaved, d, "not-saved", None),
            };
            let days = (desk.retention.backups_ms / crate::desk::DAY_MS).round();
            view! {
                <div class="notice" role="alert" data-testid="storage-notice" data-kind=kind>
                    <span>
                        {t(lang, msg)} " (" {detail} ")"
                        {backup.clone().map(|k| view! {
                            " " {t(lang, Msg::BackupKeptAt)} " " <code data-testid="backup-key">{k}</code>
                            " — " {tf(lang, Msg::BackupExpires, &[("days", &days.to_string())])}
                        })}
                    </span>
                    {backup.map(|k| view! {
                        <button data-testid="delete-backup" on:click=move |_| desk.delete_backup(&k)>{t(lang, Msg::DeleteBackup)}</button>
                    })}
                    <button on:click=move |_| desk.notice.set(None)>{t(lang, Msg::Dismiss)}</button>
                </div>
            }
        })
    }
}
