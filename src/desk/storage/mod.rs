//! What the page keeps in localStorage, over a `Store` so that all of it is tested natively: the
//! keys of one deployment here; `desk_store` (the rules that keep an operator's data: load,
//! merge with other tabs, retention, failed writes told), `kept` (the call and the callbacks as
//! one kind of value), `codec` (the versioned envelope and salvage of what can still be read, so
//! corrupt storage never blanks the app), `migrate` (older shapes brought up to date), `backup`
//! (unreadable values set aside, and expired), `legacy` (adopting what builds before namespacing
//! stored).

mod backup;
mod codec;
mod desk_store;
mod kept;
mod legacy;
mod migrate;

pub use backup::*;
pub use codec::*;
pub use desk_store::*;
pub use kept::Kept;
pub use legacy::*;

/// Why a store did not take a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No storage at all: disabled or blocked in this browser (private modes, policies).
    #[error("storage is unavailable in this browser")]
    Unavailable,
    /// The store refused the value, in the browser's words (e.g. a `QuotaExceededError`).
    #[error("{0}")]
    Refused(String),
}

/// A key-value store: the page's localStorage, or a map in tests.
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    /// Fails when the store is full or disabled.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
}

/// The storage keys of one deployment. Two builds served from different paths of one origin
/// (`/staging/`, `/desk/`) share localStorage; their keys carry the base path so their calls and
/// callback lists never mix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageKeys {
    pub call: String,
    pub callbacks: String,
    pub prefs: String,
    /// What the desk keeps for editors (`report::Log`).
    pub report: String,
    /// Unreadable values are moved to `<backup_prefix><name>.<ms>` instead of being dropped.
    pub backup_prefix: String,
}

impl StorageKeys {
    /// StorageKeys for the deployment whose page lives at `base_path` (the directory of its URL path,
    /// e.g. "/desk/").
    pub fn for_base(base_path: &str) -> StorageKeys {
        let ns = format!("cuecard:{base_path}:");
        StorageKeys {
            call: format!("{ns}call"),
            callbacks: format!("{ns}callbacks"),
            prefs: format!("{ns}prefs"),
            report: format!("{ns}report"),
            backup_prefix: format!("{ns}backup."),
        }
    }

    /// The backup key for an unreadable value of `key`, set aside at `now_ms`.
    pub fn backup_key(&self, key: &str, now_ms: f64) -> String {
        let name = key.rsplit(':').next().unwrap_or(key);
        format!("{}{name}.{}", self.backup_prefix, now_ms as u64)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::desk::callbacks::Callbacks;
    use std::collections::BTreeMap;

    pub(crate) fn sample() -> Callbacks {
        let mut c = Callbacks::default();
        c.add("a".into(), "An", "0901", "n", None, 5.0, 1.0)
            .unwrap();
        c
    }

    /// localStorage as a map, optionally with a size limit.
    #[derive(Default)]
    pub(crate) struct MapStore {
        pub(crate) items: BTreeMap<String, String>,
        pub(crate) limit: Option<usize>,
    }

    impl Store for MapStore {
        fn get(&self, key: &str) -> Option<String> {
            self.items.get(key).cloned()
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
            let used: usize = self
                .items
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if self
                .limit
                .is_some_and(|l| used + key.len() + value.len() > l)
            {
                return Err(StoreError::Refused("QuotaExceededError".into()));
            }
            self.items.insert(key.into(), value.into());
            Ok(())
        }
        fn remove(&mut self, key: &str) {
            self.items.remove(key);
        }
        fn keys(&self) -> Vec<String> {
            self.items.keys().cloned().collect()
        }
    }

    #[test]
    fn two_deployments_have_their_own_keys() {
        let (staging, desk) = (
            StorageKeys::for_base("/staging/"),
            StorageKeys::for_base("/desk/"),
        );
        assert_ne!(staging.callbacks, desk.callbacks);
        assert_eq!(desk.call, "cuecard:/desk/:call");
        assert_eq!(
            desk.backup_key(&desk.callbacks, 42.0),
            "cuecard:/desk/:backup.callbacks.42"
        );
    }
}
