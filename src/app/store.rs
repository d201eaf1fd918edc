//! The page's few explicit stores: the desk (current call, callbacks), preferences, the clock,
//! and the search engine's load state. Persistence, retention and cross-tab sync live here.

use super::platform::{self, LocalStore};
use crate::content::Lang;
use crate::desk::call::CallState;
use crate::desk::callbacks::Callbacks;
use crate::desk::retention::Retention;
use crate::desk::storage::{self, Keys, Loaded, Store};
use crate::i18n::UiLang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::page::load::{IndexLoad, LoadProblem, LoadState, Status};
pub use crate::page::results::ResultsNav;
pub use crate::page::route::Route;

/// Storage trouble the operator must know about (shown until dismissed).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Something stored could not be read; it was set aside under `backup_key`.
    Recovered { detail: String, backup_key: String },
    /// Something stored could not be read nor set aside.
    Unreadable(String),
    /// A change could not be written (storage full or disabled): it lives in this tab only.
    NotSaved(String),
}

/// The current call and the callback list: every change is merged with what other tabs
/// stored and written at once, so no tab's change is lost and a reload loses nothing.
#[derive(Clone, Copy)]
pub struct Desk {
    pub call: RwSignal<CallState>,
    pub callbacks: RwSignal<Callbacks>,
    pub notice: RwSignal<Option<Notice>>,
    keys: StoredValue<Keys>,
    pub retention: Retention,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Prefs {
    pub ui_lang: Option<UiLang>,
    /// The content language searched (`None`: all): a desk that searches one language
    /// downloads only that one's index.
    pub lang_filter: Option<Lang>,
    /// Read by boot.js before the app runs: the index blobs to download beside the wasm
    /// (`page::load::order::hint`).
    pub index_first: String,
    /// The "offline use needs https" note was dismissed (plain-http desks).
    pub https_note_dismissed: bool,
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

/// Reads one stored value; what cannot be read is moved to a backup key and the operator told.
fn read<T: Default>(
    store: &mut LocalStore,
    keys: &Keys,
    key: &str,
    decode: fn(Option<&str>) -> Loaded<T>,
    notice: &mut Option<Notice>,
) -> T {
    let raw = store.get(key);
    let loaded = decode(raw.as_deref());
    if let Loaded::Salvaged {
        unreadable, reason, ..
    } = &loaded
    {
        let name = key.rsplit(':').next().unwrap_or(key);
        *notice = Some(
            match storage::back_up(store, keys, key, unreadable, platform::now_ms()) {
                Ok(backup_key) => Notice::Recovered {
                    detail: format!("{name}: {reason}"),
                    backup_key,
                },
                Err(e) => Notice::Unreadable(format!("{name}: {reason}; {e}")),
            },
        );
    }
    loaded.into_value()
}

impl Desk {
    pub fn load() -> Desk {
        let keys = Keys::for_base(&platform::base_path());
        let retention = retention();
        let now = platform::now_ms();
        let mut store = LocalStore::open();
        storage::adopt_legacy(&mut store, &keys, now, &retention);
        storage::purge_backups(&mut store, &keys, now, &retention);
        let mut notice = None;
        let mut call = read(
            &mut store,
            &keys,
            &keys.call,
            storage::decode_call,
            &mut notice,
        );
        if call.id.is_empty() || call.is_idle(now, &retention) {
            call = call.next(platform::new_id("call"), now);
        }
        let mut callbacks = read(
            &mut store,
            &keys,
            &keys.callbacks,
            storage::decode_callbacks,
            &mut notice,
        );
        callbacks.purge(now, &retention);
        let desk = Desk {
            call: RwSignal::new(call),
            callbacks: RwSignal::new(callbacks),
            notice: RwSignal::new(notice),
            keys: StoredValue::new(keys),
            retention,
        };
        // Whatever was read is written back clean (salvaged, migrated, purged): the next load
        // finds no broken value and no expired personal data.
        desk.persist_call();
        desk.persist_callbacks();
        desk.listen_to_other_tabs();
        desk
    }

    /// A failed write keeps the change in memory and says so; a later successful write clears
    /// that notice (the data has reached storage after all).
    fn report(&self, result: Result<(), storage::StoreError>) {
        match result {
            // The words are the browser's; the notice around them is in the UI language.
            Err(e) => self.notice.set(Some(Notice::NotSaved(e.to_string()))),
            Ok(()) => {
                if matches!(self.notice.get_untracked(), Some(Notice::NotSaved(_))) {
                    self.notice.set(None);
                }
            }
        }
    }

    /// Merges what another tab stored into this tab's call, then writes the result.
    fn persist_call(&self) {
        let key = self.keys.with_value(|k| k.call.clone());
        let mut store = LocalStore::open();
        if let Loaded::Ok(theirs) = storage::decode_call(store.get(&key).as_deref()) {
            let mut merged = self.call.get_untracked();
            merged.merge(&theirs);
            if merged != self.call.get_untracked() {
                self.call.set(merged);
            }
        }
        let raw = self.call.with_untracked(storage::encode_call);
        self.write(&mut store, &key, &raw);
    }

    /// Writes `raw` unless storage already holds it (no event for other tabs then), and says
    /// whether it reached storage.
    fn write(&self, store: &mut LocalStore, key: &str, raw: &str) {
        if store.get(key).as_deref() != Some(raw) {
            self.report(store.set(key, raw));
        }
    }

    /// Merges what another tab stored into this tab's callbacks, applies the retention, and
    /// writes the result: deleted personal data leaves storage at once.
    fn persist_callbacks(&self) {
        let key = self.keys.with_value(|k| k.callbacks.clone());
        let now = platform::now_ms();
        let mut store = LocalStore::open();
        let mut merged = self.callbacks.get_untracked();
        match storage::decode_callbacks(store.get(&key).as_deref()) {
            Loaded::Ok(theirs) => merged.merge(&theirs, now, &self.retention),
            _ => {
                merged.purge(now, &self.retention);
            }
        }
        if merged != self.callbacks.get_untracked() {
            self.callbacks.set(merged);
        }
        let raw = self.callbacks.with_untracked(storage::encode_callbacks);
        self.write(&mut store, &key, &raw);
    }

    /// Another tab wrote: take its changes in (never written back from here, so tabs cannot
    /// ping-pong).
    fn listen_to_other_tabs(&self) {
        let desk = *self;
        let (call_key, callbacks_key) = self
            .keys
            .with_value(|k| (k.call.clone(), k.callbacks.clone()));
        let _ = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            let key = ev.key();
            if key.as_deref() == Some(call_key.as_str()) {
                if let Loaded::Ok(theirs) = storage::decode_call(ev.new_value().as_deref()) {
                    let mut merged = desk.call.get_untracked();
                    merged.merge(&theirs);
                    if merged != desk.call.get_untracked() {
                        desk.call.set(merged);
                    }
                }
            } else if key.as_deref() == Some(callbacks_key.as_str()) {
                if let Loaded::Ok(theirs) = storage::decode_callbacks(ev.new_value().as_deref()) {
                    let mut merged = desk.callbacks.get_untracked();
                    merged.merge(&theirs, platform::now_ms(), &desk.retention);
                    if merged != desk.callbacks.get_untracked() {
                        desk.callbacks.set(merged);
                    }
                }
            }
        });
    }

    /// The retention applied while the page stays open (a desk left open for days): expired
    /// callbacks and backups leave storage, an idle call ends.
    pub fn maintain(&self) {
        let now = platform::now_ms();
        let mut expired = false;
        self.callbacks
            .update(|c| expired = c.purge(now, &self.retention));
        if expired {
            self.persist_callbacks();
        }
        let mut store = LocalStore::open();
        self.keys
            .with_value(|k| storage::purge_backups(&mut store, k, now, &self.retention));
        if self
            .call
            .with_untracked(|c| c.is_idle(now, &self.retention))
        {
            self.new_call();
        }
    }

    /// Changes the current call and saves it at once (not in a later effect), so a crash or a
    /// reload right after a click loses nothing. `f` gets the time of the edit.
    pub fn update_call(&self, f: impl FnOnce(&mut CallState, f64)) {
        let now = platform::now_ms();
        self.call.update(|c| f(c, now));
        self.persist_call();
    }

    /// Changes the callback list and saves it at once.
    pub fn update_callbacks<R>(&self, f: impl FnOnce(&mut Callbacks, f64) -> R) -> R {
        let now = platform::now_ms();
        let mut out = None;
        self.callbacks.update(|c| out = Some(f(c, now)));
        self.persist_callbacks();
        out.expect("update ran")
    }

    /// Ends the current call in every tab: a new call, keeping the operator's own name.
    pub fn new_call(&self) {
        self.update_call(|c, now| *c = c.next(platform::new_id("call"), now));
    }

    /// Deletes a backup the operator no longer needs (the recovered notice offers this).
    pub fn delete_backup(&self, backup_key: &str) {
        LocalStore::open().remove(backup_key);
        self.notice.set(None);
    }

    pub fn load_prefs(&self) -> Prefs {
        let key = self.keys.with_value(|k| k.prefs.clone());
        storage::decode::<Prefs>(LocalStore::open().get(&key).as_deref()).into_value()
    }

    pub fn save_prefs(&self, p: &Prefs) {
        let key = self.keys.with_value(|k| k.prefs.clone());
        let _ = LocalStore::open().set(&key, &storage::encode(p, storage::PREFS_VERSION));
    }
}
