//! Adopting what builds before namespacing stored under the shared keys (`cuecard.callbacks`, …).

use super::{back_up, decode_call, decode_callbacks, encode_call, encode_callbacks};
use super::{Loaded, StorageKeys, Store};
use crate::desk::retention::Retention;

/// The keys of builds before storage was namespaced per deployment; the first deployment that
/// loads on an origin adopts what they hold (`adopt_legacy`).
pub const LEGACY_CALL_KEY: &str = "cuecard.call";
pub const LEGACY_CALLBACKS_KEY: &str = "cuecard.callbacks";
pub const LEGACY_PREFS_KEY: &str = "cuecard.prefs";
pub const LEGACY_BACKUP_PREFIX: &str = "cuecard.backup.";

/// Takes over, once, what builds before namespacing stored under the shared keys: the first
/// deployment that loads adopts them and removes the originals, so nothing is lost and nothing
/// is adopted twice. Callbacks already present on both sides are merged, never dropped. Returns
/// the legacy keys that were adopted.
pub fn adopt_legacy(
    store: &mut dyn Store,
    keys: &StorageKeys,
    now_ms: f64,
    keep: &Retention,
) -> Vec<String> {
    let mut adopted = Vec::new();
    if let Some(old) = store.get(LEGACY_CALL_KEY) {
        let moved = match (store.get(&keys.call), decode_call(Some(&old))) {
            (None, _) => store.set(&keys.call, &old).is_ok(),
            (Some(ours), Loaded::Ok(theirs)) => match decode_call(Some(&ours)) {
                Loaded::Ok(mut call) => {
                    call.merge(&theirs);
                    store.set(&keys.call, &encode_call(&call)).is_ok()
                }
                _ => back_up(store, keys, &keys.call, &old, now_ms).is_ok(),
            },
            // Unreadable and this deployment has a call already: kept aside, not lost.
            (Some(_), _) => back_up(store, keys, &keys.call, &old, now_ms).is_ok(),
        };
        if moved {
            store.remove(LEGACY_CALL_KEY);
            adopted.push(LEGACY_CALL_KEY.to_string());
        }
    }
    if let Some(v) = store.get(LEGACY_PREFS_KEY) {
        // Preferences hold only the UI language: this deployment's own choice wins.
        if store.get(&keys.prefs).is_some() || store.set(&keys.prefs, &v).is_ok() {
            store.remove(LEGACY_PREFS_KEY);
            adopted.push(LEGACY_PREFS_KEY.to_string());
        }
    }
    if let Some(old) = store.get(LEGACY_CALLBACKS_KEY) {
        let merged = match (
            decode_callbacks(Some(&old)),
            decode_callbacks(store.get(&keys.callbacks).as_deref()),
        ) {
            (Loaded::Ok(theirs), Loaded::Ok(mut ours)) => {
                ours.merge(&theirs, now_ms, keep);
                Some(encode_callbacks(&ours))
            }
            (_, Loaded::Empty) => Some(old.clone()),
            // One side unreadable: leave the legacy value for the salvage path to keep.
            _ => None,
        };
        if let Some(m) = merged {
            if store.set(&keys.callbacks, &m).is_ok() {
                store.remove(LEGACY_CALLBACKS_KEY);
                adopted.push(LEGACY_CALLBACKS_KEY.to_string());
            }
        }
    }
    for k in store.keys() {
        if let Some(rest) = k.strip_prefix(LEGACY_BACKUP_PREFIX) {
            if let Some(v) = store.get(&k) {
                if store
                    .set(&format!("{}{rest}", keys.backup_prefix), &v)
                    .is_ok()
                {
                    store.remove(&k);
                    adopted.push(k.clone());
                }
            }
        }
    }
    adopted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::callbacks::Callbacks;
    use crate::desk::storage::tests::{sample, MapStore};

    #[test]
    fn legacy_data_is_adopted_once_by_the_first_deployment() {
        let keep = Retention::default();
        let mut store = MapStore::default();
        store
            .set(LEGACY_CALLBACKS_KEY, &encode_callbacks(&sample()))
            .unwrap();
        store.set(LEGACY_CALL_KEY, "{\"v\":1,\"data\":{}}").unwrap();
        store.set("cuecard.backup.cuecard.call.9", "junk").unwrap();
        let (desk, staging) = (
            StorageKeys::for_base("/desk/"),
            StorageKeys::for_base("/staging/"),
        );
        let adopted = adopt_legacy(&mut store, &desk, 10.0, &keep);
        assert_eq!(adopted.len(), 3, "{adopted:?}");
        assert_eq!(
            decode_callbacks(store.get(&desk.callbacks).as_deref()).into_value(),
            sample()
        );
        assert!(store.get(LEGACY_CALLBACKS_KEY).is_none());
        assert_eq!(
            store.get("cuecard:/desk/:backup.cuecard.call.9").as_deref(),
            Some("junk")
        );
        assert!(
            adopt_legacy(&mut store, &staging, 10.0, &keep).is_empty(),
            "adopted once"
        );
        assert!(store.get(&staging.callbacks).is_none());
    }

    #[test]
    fn legacy_callbacks_written_after_adoption_are_merged_not_lost() {
        let keep = Retention::default();
        let mut store = MapStore::default();
        let desk = StorageKeys::for_base("/");
        let mut ours = Callbacks::default();
        ours.add("b".into(), "Bình", "0902", "", None, 5.0, 1.0)
            .unwrap();
        store
            .set(&desk.callbacks, &encode_callbacks(&ours))
            .unwrap();
        store
            .set(LEGACY_CALLBACKS_KEY, &encode_callbacks(&sample()))
            .unwrap();
        adopt_legacy(&mut store, &desk, 10.0, &keep);
        assert_eq!(
            decode_callbacks(store.get(&desk.callbacks).as_deref())
                .into_value()
                .items
                .len(),
            2
        );
    }
}
