//! The page's few explicit stores: the desk (current call, callbacks, the record kept for
//! editors), preferences, the clock,
//! and the search engine's load state. The desk's persistence rules are `desk::storage`'s
//! `DeskStore`; here they meet signals, localStorage, storage events and timers.

use super::platform::{self, LocalStore};
use crate::content::Lang;
use crate::desk::call::CallState;
use crate::desk::callbacks::Callbacks;
use crate::desk::report::{Episodes, Log};
use crate::desk::retention::Retention;
use crate::desk::storage::{DeskStore, Kept, StorageKeys, Written};
use crate::i18n::UiLang;
use leptos::prelude::*;

pub use crate::desk::storage::{Notice, Prefs};

pub use crate::page::load::{IndexLoad, LoadProblem, LoadState, Status};
pub use crate::page::results::ResultsNav;
pub use crate::page::route::Route;

/// The current call and the callback list as signals, kept by `DeskStore`: every change is
/// merged with what other tabs stored and written at once, so no tab's change is lost and a
/// reload loses nothing.
#[derive(Clone, Copy)]
pub struct Desk {
    pub call: RwSignal<CallState>,
    pub callbacks: RwSignal<Callbacks>,
    /// What is kept for editors (`desk::report`): shared by tabs like the callbacks.
    pub report: RwSignal<Log>,
    /// This tab's search going on, in memory only (a reload starts a new one).
    pub episodes: StoredValue<Episodes>,
    pub notice: RwSignal<Option<Notice>>,
    kept: StoredValue<DeskStore>,
    pub retention: Retention,
}

#[derive(Clone, Copy)]
pub struct Ui {
    pub lang: RwSignal<UiLang>,
    pub now: RwSignal<f64>,
    /// The loading of the index blobs (`page::load`): every change goes through its methods.
    pub index: RwSignal<IndexLoad>,
    /// `Ready` once one language's index is open; a new engine when another joins.
    pub engine: Memo<LoadState>,
    /// `engine`'s status, for the views that switch on it.
    pub status: Memo<Status>,
    /// Languages whose index is being fetched or opened now.
    pub loading_langs: Memo<Vec<Lang>>,
    pub query: RwSignal<String>,
    pub lang_filter: RwSignal<Option<Lang>>,
    pub route: RwSignal<Route>,
    /// Screen-reader announcements (aria-live).
    pub announce: RwSignal<String>,
    /// A new build waits in the service worker, or another tab switched to it (boot.js's event).
    pub update_ready: RwSignal<bool>,
    /// The results list: its selected row, and whether it shows over an open procedure
    /// (`page::results`: typing opens it, Esc closes it).
    pub results: RwSignal<ResultsNav>,
    /// The callback panel on narrow screens, and its "new callback" form.
    pub show_callbacks: RwSignal<bool>,
    pub callback_form: RwSignal<bool>,
    /// The keyboard shortcuts overlay (`?`).
    pub shortcuts: RwSignal<bool>,
    /// The page is being printed: every branch and script is shown.
    pub printing: RwSignal<bool>,
}

/// The deployment's retention: the page's `<meta name="cuecard-retention">`, else the default.
fn retention() -> Retention {
    match platform::meta("cuecard-retention") {
        Some(setting) => {
            let (r, problems) = Retention::parse(&setting);
            for p in problems {
                platform::warn(&format!("cuecard-retention: {p}"));
            }
            r
        }
        None => Retention::default(),
    }
}

/// Sets `value` to what `f` makes of a copy of it, only if that differs: the one way the desk
/// store's results reach the page, so that nothing re-renders for nothing.
fn apply<T, R>(value: RwSignal<T>, f: impl FnOnce(&mut T) -> R) -> R
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let mut v = value.get_untracked();
    let out = f(&mut v);
    if value.with_untracked(|old| *old != v) {
        value.set(v);
    }
    out
}

fn new_call_id() -> String {
    platform::new_id("call")
}

impl Desk {
    pub fn load() -> Desk {
        let keys = StorageKeys::for_base(&platform::base_path());
        let retention = retention();
        let kept = DeskStore::new(keys, retention);
        let opened = kept.open(&mut LocalStore::open(), platform::now_ms(), new_call_id);
        let desk = Desk {
            call: RwSignal::new(opened.call),
            callbacks: RwSignal::new(opened.callbacks),
            report: RwSignal::new(opened.report),
            episodes: StoredValue::new(Episodes::default()),
            notice: RwSignal::new(opened.notice),
            kept: StoredValue::new(kept),
            retention,
        };
        desk.listen_to_other_tabs();
        desk
    }

    fn report(&self, written: &Written) {
        apply(self.notice, |n| *n = Notice::after_write(n.take(), written));
    }

    /// Writes `value` at once, showing what other tabs had stored merged in.
    fn persist<T: Kept + Send + Sync + 'static>(&self, value: RwSignal<T>) {
        let now = platform::now_ms();
        let written = self
            .kept
            .with_value(|k| apply(value, |v| k.save(&mut LocalStore::open(), v, now)));
        self.report(&written);
    }

    /// Another tab wrote: its changes are taken in (never written back from here, so tabs cannot
    /// ping-pong).
    fn listen_to_other_tabs(&self) {
        let desk = *self;
        let _ = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            let (key, new_value) = (ev.key(), ev.new_value());
            let (key, new_value) = (key.as_deref(), new_value.as_deref());
            let now = platform::now_ms();
            desk.kept.with_value(|k| {
                apply(desk.call, |c| k.take_in(c, key, new_value, now));
                apply(desk.callbacks, |c| k.take_in(c, key, new_value, now));
                apply(desk.report, |r| k.take_in(r, key, new_value, now));
            });
        });
    }

    /// The retention applied while the page stays open (a desk left open for days).
    pub fn maintain(&self) {
        let now = platform::now_ms();
        let written = self.kept.with_value(|k| {
            apply(self.call, |call| {
                apply(self.callbacks, |callbacks| {
                    apply(self.report, |report| {
                        let lists = (call, callbacks, report);
                        k.maintain(&mut LocalStore::open(), lists, now, new_call_id)
                    })
                })
            })
        });
        for w in &written {
            self.report(w);
        }
    }

    /// Changes the current call and saves it at once (not in a later effect), so a crash or a
    /// reload right after a click loses nothing. `f` gets the time of the edit.
    pub fn update_call(&self, f: impl FnOnce(&mut CallState, f64)) {
        let now = platform::now_ms();
        self.call.update(|c| f(c, now));
        self.persist(self.call);
    }

    /// Changes the callback list and saves it at once.
    pub fn update_callbacks<R>(&self, f: impl FnOnce(&mut Callbacks, f64) -> R) -> R {
        let now = platform::now_ms();
        let mut out = None;
        self.callbacks.update(|c| out = Some(f(c, now)));
        self.persist(self.callbacks);
        out.expect("update ran")
    }

    /// Changes the record kept for editors and saves it at once; nothing when recording is off
    /// (`search-log=0`).
    pub fn update_report(&self, f: impl FnOnce(&mut Log, f64)) {
        if !self.records() {
            return;
        }
        let now = platform::now_ms();
        self.report.update(|r| f(r, now));
        self.persist(self.report);
    }

    /// Whether this deployment keeps a record for editors at all.
    pub fn records(&self) -> bool {
        self.retention.search_log_ms > 0.0
    }

    /// The names a kept text is scrubbed of: the customer's and the operator's, as typed into
    /// the call.
    pub fn names(&self) -> [String; 2] {
        use crate::desk::call::CallField;
        self.call.with_untracked(|c| {
            [
                c.field(CallField::CustomerName).to_string(),
                c.field(CallField::OperatorName).to_string(),
            ]
        })
    }

    /// Ends the current call in every tab: a new call, keeping the operator's own name.
    pub fn new_call(&self) {
        self.update_call(|c, now| *c = c.next(new_call_id(), now));
    }

    /// Deletes a backup the operator no longer needs (the recovered notice offers this).
    pub fn delete_backup(&self, backup_key: &str) {
        self.kept
            .with_value(|k| k.delete_backup(&mut LocalStore::open(), backup_key));
        self.notice.set(None);
    }

    pub fn load_prefs(&self) -> Prefs {
        self.kept.with_value(|k| k.prefs(&LocalStore::open()))
    }

    /// A preference that could not be saved is not told: the notice is about the call and the
    /// callbacks.
    pub fn save_prefs(&self, p: &Prefs) {
        let _ = self
            .kept
            .with_value(|k| k.save_prefs(&mut LocalStore::open(), p));
    }
}
