//! The rules that keep an operator's data, over any `Store`: the call and the callbacks read at
//! load (what cannot be read set aside, the rest kept), merged with what other tabs stored on
//! every write and on every other tab's write, kept no longer than the retention allows, and a
//! failed write told; the preferences. `app::store` only connects this to signals, storage
//! events and timers.

use super::kept::Kept;
use super::{adopt_legacy, back_up, decode, encode, purge_backups, Loaded, StorageKeys, Store};
use super::{StoreError, PREFS_VERSION};
use crate::content::Lang;
use crate::desk::call::CallState;
use crate::desk::callbacks::Callbacks;
use crate::desk::report::Log;
use crate::desk::retention::Retention;
use crate::i18n::UiLang;
use serde::{Deserialize, Serialize};

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

/// What a write of the call or the callbacks did.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// Storage held this very text already: nothing written, so other tabs get no event and
    /// cannot answer with one (no ping-pong).
    Already,
    Saved,
    /// Refused: the change lives in this tab's memory only.
    Failed(StoreError),
}

impl Notice {
    /// The notice after a write. A failed write is told (the words are the browser's); a write
    /// that reached storage clears that notice, the data got there after all. A write that was
    /// not needed changes nothing, and what was set aside at load stays told until dismissed.
    pub fn after_write(current: Option<Notice>, written: &Written) -> Option<Notice> {
        match written {
            Written::Failed(e) => Some(Notice::NotSaved(e.to_string())),
            Written::Saved if matches!(current, Some(Notice::NotSaved(_))) => None,
            _ => current,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Prefs {
    pub ui_lang: Option<UiLang>,
    /// The content language searched (`None`: all): a desk that searches one language
    /// downloads only that one's index.
    pub lang_filter: Option<Lang>,
    /// Read by boot.js before the app runs: the index blobs to download beside the wasm
    /// (`page::load::order::hint` writes it).
    pub index_first: String,
    /// The "offline use needs https" note was dismissed (plain-http desks).
    pub https_note_dismissed: bool,
}

/// The desk as `DeskStore::open` found it.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub call: CallState,
    pub callbacks: Callbacks,
    /// What is kept for editors (`report::Log`).
    pub report: Log,
    pub notice: Option<Notice>,
}

/// One deployment's keys and retention: every rule of keeping the desk's data, applied to
/// whichever `Store` is passed (the page's localStorage, a map in tests). It holds no data of
/// its own, so a tab's values stay where the page shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct DeskStore {
    keys: StorageKeys,
    keep: Retention,
}

impl DeskStore {
    pub fn new(keys: StorageKeys, keep: Retention) -> DeskStore {
        DeskStore { keys, keep }
    }

    /// Reads the desk at load: what builds before namespacing stored is adopted, expired backups
    /// go, an idle or missing call becomes a new one (`new_id`), expired callbacks go, and what
    /// was read is written back clean (salvaged, migrated, purged), so the next load finds no
    /// broken value and no expired personal data.
    pub fn open(
        &self,
        store: &mut dyn Store,
        now_ms: f64,
        new_id: impl FnOnce() -> String,
    ) -> Opened {
        adopt_legacy(store, &self.keys, now_ms, &self.keep);
        purge_backups(store, &self.keys, now_ms, &self.keep);
        let mut notice = None;
        let mut call: CallState = self.read(store, now_ms, &mut notice);
        if call.id.is_empty() || call.is_idle(now_ms, &self.keep) {
            call = call.next(new_id(), now_ms);
        }
        let mut callbacks: Callbacks = self.read(store, now_ms, &mut notice);
        callbacks.purge(now_ms, &self.keep);
        let mut report: Log = self.read(store, now_ms, &mut notice);
        report.tidy(now_ms, self.keep.search_log_ms);
        for written in [
            self.save(store, &mut call, now_ms),
            self.save(store, &mut callbacks, now_ms),
            self.save(store, &mut report, now_ms),
        ] {
            notice = Notice::after_write(notice, &written);
        }
        Opened {
            call,
            callbacks,
            report,
            notice,
        }
    }

    /// Reads one value; what cannot be read is moved to a backup key and `notice` says where
    /// (or that it could not be set aside), and the page goes on with what could be read.
    fn read<T: Kept>(&self, store: &mut dyn Store, now_ms: f64, notice: &mut Option<Notice>) -> T {
        let key = T::key(&self.keys);
        let loaded = T::decode(store.get(key).as_deref());
        if let Loaded::Salvaged {
            unreadable, reason, ..
        } = &loaded
        {
            *notice = Some(self.set_aside(store, key, unreadable, reason, now_ms));
        }
        loaded.into_value()
    }

    /// What `read` could not read, under a backup key; the notice that says where. Apart from
    /// `read`, which is one copy per kind of value, so that this is one copy in all.
    #[inline(never)]
    fn set_aside(
        &self,
        store: &mut dyn Store,
        key: &str,
        unreadable: &str,
        reason: &str,
        now_ms: f64,
    ) -> Notice {
        let name = key.rsplit(':').next().unwrap_or(key);
        match back_up(store, &self.keys, key, unreadable, now_ms) {
            Ok(backup_key) => Notice::Recovered {
                detail: format!("{name}: {reason}"),
                backup_key,
            },
            Err(e) => Notice::Unreadable(format!("{name}: {reason}; {e}")),
        }
    }

    /// Takes what is stored under `ours`'s key into it (if it can be read): the one merge of
    /// another tab's copy, whether read from storage before a write or told by a storage event.
    fn take_in_stored<T: Kept>(&self, ours: &mut T, stored: Option<&str>, now_ms: f64) -> bool {
        match T::decode(stored) {
            Loaded::Ok(theirs) => {
                ours.merge(&theirs, now_ms, &self.keep);
                true
            }
            _ => false,
        }
    }

    /// Writes `ours` at once, merged first with what another tab stored (which `ours` then
    /// shows too), with the retention applied: deleted personal data leaves storage at once, and
    /// no tab's change is lost. A refused write leaves `ours` as it is, in memory.
    pub fn save<T: Kept>(&self, store: &mut dyn Store, ours: &mut T, now_ms: f64) -> Written {
        let key = T::key(&self.keys);
        let stored = store.get(key);
        if !self.take_in_stored(ours, stored.as_deref(), now_ms) {
            ours.tidy(now_ms, &self.keep);
        }
        let raw = ours.encode();
        if stored.as_deref() == Some(raw.as_str()) {
            return Written::Already;
        }
        match store.set(key, &raw) {
            Ok(()) => Written::Saved,
            Err(e) => Written::Failed(e),
        }
    }

    /// Another tab wrote `key`: when it is `ours`'s, its new value is taken in. Nothing is
    /// written back from here, so tabs cannot ping-pong.
    pub fn take_in<T: Kept>(
        &self,
        ours: &mut T,
        key: Option<&str>,
        new_value: Option<&str>,
        now_ms: f64,
    ) {
        if key == Some(T::key(&self.keys)) {
            self.take_in_stored(ours, new_value, now_ms);
        }
    }

    /// The retention applied while the page stays open (a desk left open for days): expired
    /// callbacks, report entries and backups leave storage, an idle call ends in every tab (a
    /// new call, `new_id`). Returns the writes it made, in order.
    pub fn maintain(
        &self,
        store: &mut dyn Store,
        (call, callbacks, report): (&mut CallState, &mut Callbacks, &mut Log),
        now_ms: f64,
        new_id: impl FnOnce() -> String,
    ) -> Vec<Written> {
        let mut written = Vec::new();
        if callbacks.purge(now_ms, &self.keep) {
            written.push(self.save(store, callbacks, now_ms));
        }
        let before = report.clone();
        report.tidy(now_ms, self.keep.search_log_ms);
        if *report != before {
            written.push(self.save(store, report, now_ms));
        }
        purge_backups(store, &self.keys, now_ms, &self.keep);
        if call.is_idle(now_ms, &self.keep) {
            *call = call.next(new_id(), now_ms);
            written.push(self.save(store, call, now_ms));
        }
        written
    }

    /// Deletes a backup the operator no longer needs (the recovered notice offers this).
    pub fn delete_backup(&self, store: &mut dyn Store, backup_key: &str) {
        store.remove(backup_key);
    }

    /// The preferences; unreadable ones are the defaults (they hold nothing of a customer's).
    pub fn prefs(&self, store: &dyn Store) -> Prefs {
        decode::<Prefs>(store.get(&self.keys.prefs).as_deref()).into_value()
    }

    pub fn save_prefs(&self, store: &mut dyn Store, prefs: &Prefs) -> Result<(), StoreError> {
        store.set(&self.keys.prefs, &encode(prefs, PREFS_VERSION))
    }
}

#[cfg(test)]
mod tests;
