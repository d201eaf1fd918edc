//! The page's few explicit stores: the desk (current call, callbacks), preferences, the clock,
//! and the search engine's load state. Persistence and cross-tab sync live here, not in views.

use super::platform;
use crate::content::Lang;
use crate::desk::call::CallState;
use crate::desk::callbacks::Callbacks;
use crate::desk::storage::{self, Loaded, CALLBACKS_KEY, CALL_KEY, PREFS_KEY};
use crate::i18n::UiLang;
use crate::search::Engine;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Clone)]
pub enum LoadState {
    Loading,
    Ready(Arc<Engine>),
    Failed(String),
}

/// Storage trouble the operator must know about (shown until dismissed).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Something stored could not be read; it was set aside under a backup key.
    Recovered(String),
    /// A change could not be written (storage full or disabled): it lives in this tab only.
    NotSaved(String),
}

/// The current call and the callback list, persisted on every change.
#[derive(Clone, Copy)]
pub struct Desk {
    pub call: RwSignal<CallState>,
    pub callbacks: RwSignal<Callbacks>,
    pub notice: RwSignal<Option<Notice>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Prefs {
    pub ui_lang: Option<UiLang>,
}

#[derive(Clone, Copy)]
pub struct Ui {
    pub lang: RwSignal<UiLang>,
    pub now: RwSignal<f64>,
    pub engine: RwSignal<LoadState>,
    pub query: RwSignal<String>,
    pub lang_filter: RwSignal<Option<Lang>>,
    pub selected: RwSignal<usize>,
    pub route: RwSignal<Route>,
    /// Screen-reader announcements (aria-live).
    pub announce: RwSignal<String>,
    /// A new build waits in the service worker (set from boot.js's event).
    pub update_ready: RwSignal<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Search,
    Procedure(String),
}

impl Route {
    pub fn from_hash(hash: &str) -> Route {
        let h = hash.trim_start_matches('#');
        match h.strip_prefix("/p/") {
            Some(id) if !id.is_empty() => Route::Procedure(id.to_string()),
            _ => Route::Search,
        }
    }
}

/// Sorted by id so that two tabs holding the same callbacks write the same text (no ping-pong).
fn encode_callbacks(c: &Callbacks) -> String {
    let mut c = c.clone();
    c.items.sort_by(|a, b| a.id.cmp(&b.id));
    storage::encode(&c)
}

fn salvage<T: Default>(key: &str, loaded: Loaded<T>, notice: &mut Option<Notice>) -> T {
    if let Loaded::Salvaged {
        unreadable, reason, ..
    } = &loaded
    {
        *notice = Some(match platform::backup(key, unreadable) {
            Ok(backup_key) => Notice::Recovered(format!("{key}: {reason}; kept as {backup_key}")),
            Err(e) => Notice::NotSaved(format!("{key}: {reason}; {e}")),
        });
    }
    loaded.into_value()
}

impl Desk {
    pub fn load() -> Desk {
        let mut notice = None;
        let now = platform::now_ms();
        let loaded_call = storage::decode_call(platform::load(CALL_KEY).as_deref());
        let call_was_salvaged = matches!(loaded_call, Loaded::Salvaged { .. });
        let mut call = salvage(CALL_KEY, loaded_call, &mut notice);
        if call.started_ms == 0.0 {
            call.started_ms = now;
        }
        let mut callbacks = salvage(
            CALLBACKS_KEY,
            storage::decode_callbacks(platform::load(CALLBACKS_KEY).as_deref()),
            &mut notice,
        );
        callbacks.purge(now);
        let desk = Desk {
            call: RwSignal::new(call),
            callbacks: RwSignal::new(callbacks),
            notice: RwSignal::new(notice),
        };
        if call_was_salvaged {
            // The broken original is in its backup key now: store what was read in its place,
            // so the next load is clean (callbacks are rewritten by `persist` below).
            desk.update_call(|_| {});
        }
        desk.persist();
        desk.listen_to_other_tabs();
        desk
    }

    /// A failed write keeps the change in memory and says so; a later successful write of the
    /// same key clears that notice (the data has reached storage after all).
    fn report(&self, key: &str, result: Result<(), String>) {
        match result {
            Err(e) => self
                .notice
                .set(Some(Notice::NotSaved(format!("{key}: {e}")))),
            Ok(()) => {
                if matches!(self.notice.get_untracked(), Some(Notice::NotSaved(ref m)) if m.starts_with(&format!("{key}:")))
                {
                    self.notice.set(None);
                }
            }
        }
    }

    fn persist(&self) {
        let desk = *self;
        Effect::new(move |_| {
            // Merge what another tab wrote since, so neither tab's change is lost.
            let mut ours = desk.callbacks.get();
            if let Loaded::Ok(theirs) =
                storage::decode_callbacks(platform::load(CALLBACKS_KEY).as_deref())
            {
                ours.merge(&theirs);
            }
            desk.report(
                CALLBACKS_KEY,
                platform::save(CALLBACKS_KEY, &encode_callbacks(&ours)),
            );
        });
    }

    fn listen_to_other_tabs(&self) {
        let desk = *self;
        let handle =
            window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
                if ev.key().as_deref() != Some(CALLBACKS_KEY) {
                    return;
                }
                if let Loaded::Ok(theirs) = storage::decode_callbacks(ev.new_value().as_deref()) {
                    let mut merged = desk.callbacks.get_untracked();
                    merged.merge(&theirs);
                    if merged != desk.callbacks.get_untracked() {
                        desk.callbacks.set(merged);
                    }
                }
            });
        // The desk lives as long as the page.
        std::mem::forget(handle);
    }

    /// Changes the current call and saves it at once (not in a later effect), so a crash or a
    /// reload right after a click loses nothing.
    pub fn update_call(&self, f: impl FnOnce(&mut CallState)) {
        self.call.update(f);
        let raw = self.call.with_untracked(storage::encode);
        self.report(CALL_KEY, platform::save(CALL_KEY, &raw));
    }

    pub fn new_call(&self, now_ms: f64) {
        self.update_call(|c| {
            let keep = crate::desk::call::CallContext {
                customer_name: String::new(),
                ..c.context.clone()
            };
            *c = CallState::new(now_ms);
            c.context = keep;
        });
    }
}

pub fn load_prefs() -> Prefs {
    storage::decode::<Prefs>(platform::load(PREFS_KEY).as_deref()).into_value()
}

pub fn save_prefs(p: &Prefs) {
    let _ = platform::save(PREFS_KEY, &storage::encode(p));
}
