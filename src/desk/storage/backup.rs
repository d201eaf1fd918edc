//! Backups: an unreadable value is set aside under a backup key instead of being dropped, and
//! deleted once the retention has passed.

use super::{StorageKeys, Store, StoreError};
use crate::desk::retention::Retention;

/// An unreadable value that could not be moved to a backup key either (it was left in place).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not be set aside ({0})")]
pub struct NotSetAside(#[source] pub StoreError);

/// When a backup was made, from its key's suffix.
fn backup_time(key: &str) -> Option<f64> {
    key.rsplit('.')
        .next()?
        .parse::<u64>()
        .ok()
        .map(|t| t as f64)
}

/// Moves an unreadable value to a backup key instead of dropping it, and returns that key. When
/// the store is too full for a copy, the original is removed first to make room (a move, not a
/// copy); if even that fails the original is put back and left where it was.
pub fn back_up(
    store: &mut dyn Store,
    keys: &StorageKeys,
    key: &str,
    raw: &str,
    now_ms: f64,
) -> Result<String, NotSetAside> {
    let backup_key = keys.backup_key(key, now_ms);
    if store.set(&backup_key, raw).is_ok() {
        return Ok(backup_key);
    }
    store.remove(key);
    match store.set(&backup_key, raw) {
        Ok(()) => Ok(backup_key),
        Err(e) => {
            let _ = store.set(key, raw);
            Err(NotSetAside(e))
        }
    }
}

/// Deletes this deployment's backups older than the retention; returns how many went.
pub fn purge_backups(
    store: &mut dyn Store,
    keys: &StorageKeys,
    now_ms: f64,
    keep: &Retention,
) -> usize {
    let old: Vec<String> = store
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(&keys.backup_prefix))
        .filter(|k| backup_time(k).is_none_or(|t| now_ms - t >= keep.backups_ms))
        .collect();
    for k in &old {
        store.remove(k);
    }
    old.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::storage::tests::MapStore;

    #[test]
    fn backups_expire_after_the_retention() {
        let keep = Retention::default();
        let keys = StorageKeys::for_base("/");
        let mut store = MapStore::default();
        let old = back_up(&mut store, &keys, &keys.callbacks, "0901 An", 1_000.0).unwrap();
        let new = back_up(
            &mut store,
            &keys,
            &keys.call,
            "x",
            1_000.0 + keep.backups_ms,
        )
        .unwrap();
        store
            .set("cuecard:/other/:backup.callbacks.1", "not ours")
            .unwrap();
        assert_eq!(
            purge_backups(&mut store, &keys, 1_000.0 + keep.backups_ms, &keep),
            1
        );
        assert!(store.get(&old).is_none());
        assert!(store.get(&new).is_some());
        assert!(store.get("cuecard:/other/:backup.callbacks.1").is_some());
    }

    #[test]
    fn a_backup_moves_the_value_when_storage_is_too_full_for_a_copy() {
        let keys = StorageKeys::for_base("/");
        let raw = "x".repeat(60);
        let mut store = MapStore {
            limit: Some(150),
            ..Default::default()
        };
        store.set(&keys.call, &raw).unwrap();
        let backup = back_up(&mut store, &keys, &keys.call, &raw, 5.0).unwrap();
        assert!(store.get(&keys.call).is_none(), "moved, not copied");
        assert_eq!(store.get(&backup), Some(raw));
    }
}
