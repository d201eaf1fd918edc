//! Codecs for what the page keeps in localStorage: a versioned envelope, migrations, and
//! salvage of whatever can still be read, so corrupt storage never blanks the app.

use super::call::{CallContext, CallState, Stamped};
use super::callbacks::{Callback, Callbacks};
use super::hold::Hold;
use super::retention::Retention;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Each stored value's shape version, bumped with a migration whenever that shape changes.
pub const CALL_VERSION: u32 = 2;
pub const CALLBACKS_VERSION: u32 = 1;
pub const PREFS_VERSION: u32 = 1;

/// The keys of builds before storage was namespaced per deployment; the first deployment that
/// loads on an origin adopts what they hold (`adopt_legacy`).
pub const LEGACY_CALL_KEY: &str = "cuecard.call";
pub const LEGACY_CALLBACKS_KEY: &str = "cuecard.callbacks";
pub const LEGACY_PREFS_KEY: &str = "cuecard.prefs";
pub const LEGACY_BACKUP_PREFIX: &str = "cuecard.backup.";

/// A key-value store: the page's localStorage, or a map in tests.
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    /// Fails when the store is full or disabled.
    fn set(&mut self, key: &str, value: &str) -> Result<(), String>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
}

/// The storage keys of one deployment. Two builds served from different paths of one origin
/// (`/staging/`, `/desk/`) share localStorage; their keys carry the base path so their calls and
/// callback lists never mix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub call: String,
    pub callbacks: String,
    pub prefs: String,
    /// Unreadable values are moved to `<backup_prefix><name>.<ms>` instead of being dropped.
    pub backup_prefix: String,
}

impl Keys {
    /// Keys for the deployment whose page lives at `base_path` (the directory of its URL path,
    /// e.g. "/desk/").
    pub fn for_base(base_path: &str) -> Keys {
        let ns = format!("cuecard:{base_path}:");
        Keys {
            call: format!("{ns}call"),
            callbacks: format!("{ns}callbacks"),
            prefs: format!("{ns}prefs"),
            backup_prefix: format!("{ns}backup."),
        }
    }

    /// The backup key for an unreadable value of `key`, set aside at `now_ms`.
    pub fn backup_key(&self, key: &str, now_ms: f64) -> String {
        let name = key.rsplit(':').next().unwrap_or(key);
        format!("{}{name}.{}", self.backup_prefix, now_ms as u64)
    }
}

/// When a backup was made, from its key's suffix.
fn backup_time(key: &str) -> Option<f64> {
    key.rsplit('.')
        .next()?
        .parse::<u64>()
        .ok()
        .map(|t| t as f64)
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    v: u32,
    data: T,
}

/// The result of reading a stored value.
#[derive(Debug, PartialEq)]
pub enum Loaded<T> {
    /// Nothing was stored.
    Empty,
    Ok(T),
    /// Part or all of it could not be read: `value` is what could, `unreadable` should be kept
    /// under a backup key and the operator told.
    Salvaged {
        value: T,
        unreadable: String,
        reason: String,
    },
}

impl<T: Default> Loaded<T> {
    pub fn into_value(self) -> T {
        match self {
            Loaded::Empty => T::default(),
            Loaded::Ok(v) | Loaded::Salvaged { value: v, .. } => v,
        }
    }
}

pub fn encode<T: Serialize>(data: &T, version: u32) -> String {
    serde_json::to_string(&Envelope { v: version, data }).expect("stored values serialise")
}

pub fn encode_call(call: &CallState) -> String {
    encode(call, CALL_VERSION)
}

/// Sorted by id so that two tabs holding the same callbacks write the same text (no ping-pong).
pub fn encode_callbacks(c: &Callbacks) -> String {
    encode(&c.normalised(), CALLBACKS_VERSION)
}

/// Checks an envelope's version against the current one. Version 0 is the bare value that
/// early builds stored without an envelope; older versions are migrated by the caller.
fn check_version(version: u32, current: u32) -> Result<(), String> {
    if version > current {
        Err(format!(
            "stored by a newer version of Cuecard (schema {version})"
        ))
    } else {
        Ok(())
    }
}

fn envelope(raw: &str) -> Result<(u32, Value), String> {
    let v: Value = serde_json::from_str(raw).map_err(|e| format!("not valid JSON ({e})"))?;
    match v {
        Value::Object(ref o) if o.contains_key("v") && o.contains_key("data") => {
            let version = o["v"].as_u64().ok_or("schema version is not a number")? as u32;
            Ok((version, o["data"].clone()))
        }
        other => Ok((0, other)),
    }
}

/// Reads a whole value of the current `version` (or an older one that `migrate` brings up to
/// date); on any failure the default is used and the raw text set aside.
fn decode_with<T: DeserializeOwned + Default>(
    raw: Option<&str>,
    version: u32,
    migrate: fn(u32, Value) -> Result<Value, String>,
) -> Loaded<T> {
    let Some(raw) = raw else { return Loaded::Empty };
    let result = envelope(raw)
        .and_then(|(v, d)| {
            check_version(v, version)?;
            if v < version {
                migrate(v, d)
            } else {
                Ok(d)
            }
        })
        .and_then(|d| serde_json::from_value(d).map_err(|e| e.to_string()));
    match result {
        Ok(v) => Loaded::Ok(v),
        Err(reason) => Loaded::Salvaged {
            value: T::default(),
            unreadable: raw.to_string(),
            reason,
        },
    }
}

/// Reads a value whose shape never changed since version 1 (preferences).
pub fn decode<T: DeserializeOwned + Default>(raw: Option<&str>) -> Loaded<T> {
    decode_with(raw, PREFS_VERSION, |_, d| Ok(d))
}

pub fn decode_call(raw: Option<&str>) -> Loaded<CallState> {
    decode_with(raw, CALL_VERSION, migrate_call)
}

/// The call as versions 0 and 1 stored it: plain values, no edit times.
#[derive(Deserialize, Default)]
#[serde(default)]
struct CallV1 {
    started_ms: f64,
    procedures: Vec<String>,
    checked: BTreeSet<String>,
    branches: BTreeMap<String, usize>,
    hold: Hold,
    notes: String,
    context: ContextV1,
    callbacks: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ContextV1 {
    customer_name: String,
    operator_name: String,
    company: String,
}

/// Version 1 → 2: every field gets an edit time (the call's start), the call an id.
fn migrate_call(_version: u32, data: Value) -> Result<Value, String> {
    let old: CallV1 = serde_json::from_value(data).map_err(|e| e.to_string())?;
    let at = old.started_ms;
    let stamp = |v: String| Stamped::new(v, at);
    let call = CallState {
        id: format!("migrated-{}", at as u64),
        started_ms: at,
        updated_ms: at,
        procedures: old
            .procedures
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p, at + i as f64))
            .collect(),
        checked: old
            .checked
            .into_iter()
            .map(|k| (k, Stamped::new(true, at)))
            .collect(),
        branches: old
            .branches
            .into_iter()
            .map(|(k, b)| (k, Stamped::new(b, at)))
            .collect(),
        hold: Stamped::new(old.hold, at),
        notes: stamp(old.notes),
        context: CallContext {
            customer_name: stamp(old.context.customer_name),
            operator_name: stamp(old.context.operator_name),
            company: stamp(old.context.company),
        },
        callbacks: old.callbacks.into_iter().collect(),
    };
    serde_json::to_value(call).map_err(|e| e.to_string())
}

/// Callbacks are promises to customers: every item that can be read is kept, even when its
/// neighbours, the envelope or the schema version are broken.
pub fn decode_callbacks(raw: Option<&str>) -> Loaded<Callbacks> {
    let Some(raw) = raw else { return Loaded::Empty };
    let (version, data) = match envelope(raw) {
        Ok(x) => x,
        Err(reason) => {
            return Loaded::Salvaged {
                value: Callbacks::default(),
                unreadable: raw.to_string(),
                reason,
            }
        }
    };
    let version_problem = check_version(version, CALLBACKS_VERSION).err();
    let items = match &data {
        Value::Object(o) => o.get("items").cloned().unwrap_or(Value::Null),
        other => other.clone(),
    };
    let Value::Array(items) = items else {
        return Loaded::Salvaged {
            value: Callbacks::default(),
            unreadable: raw.to_string(),
            reason: "no list of callbacks".into(),
        };
    };
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for item in items {
        match serde_json::from_value::<Callback>(item.clone()) {
            Ok(c) => good.push(c),
            Err(_) => bad.push(item),
        }
    }
    let value = Callbacks { items: good };
    match (bad.is_empty(), version_problem) {
        (true, None) => Loaded::Ok(value),
        (_, problem) => Loaded::Salvaged {
            value,
            unreadable: if bad.is_empty() {
                raw.to_string()
            } else {
                Value::Array(bad.clone()).to_string()
            },
            reason: problem.unwrap_or_else(|| format!("{} unreadable callback(s)", bad.len())),
        },
    }
}

/// Moves an unreadable value to a backup key instead of dropping it, and returns that key. When
/// the store is too full for a copy, the original is removed first to make room (a move, not a
/// copy); if even that fails the original is put back and left where it was.
pub fn back_up(
    store: &mut dyn Store,
    keys: &Keys,
    key: &str,
    raw: &str,
    now_ms: f64,
) -> Result<String, String> {
    let backup_key = keys.backup_key(key, now_ms);
    if store.set(&backup_key, raw).is_ok() {
        return Ok(backup_key);
    }
    store.remove(key);
    match store.set(&backup_key, raw) {
        Ok(()) => Ok(backup_key),
        Err(e) => {
            let _ = store.set(key, raw);
            Err(format!("could not be set aside ({e})"))
        }
    }
}

/// Deletes this deployment's backups older than the retention; returns how many went.
pub fn purge_backups(store: &mut dyn Store, keys: &Keys, now_ms: f64, keep: &Retention) -> usize {
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

/// Takes over, once, what builds before namespacing stored under the shared keys: the first
/// deployment that loads adopts them and removes the originals, so nothing is lost and nothing
/// is adopted twice. Callbacks already present on both sides are merged, never dropped. Returns
/// the legacy keys that were adopted.
pub fn adopt_legacy(
    store: &mut dyn Store,
    keys: &Keys,
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

    fn sample() -> Callbacks {
        let mut c = Callbacks::default();
        c.add("a".into(), "An", "0901", "n", None, 5.0, 1.0)
            .unwrap();
        c
    }

    #[test]
    fn round_trip_with_version() {
        let raw = encode_callbacks(&sample());
        assert!(raw.starts_with("{\"v\":1,"));
        assert_eq!(decode_callbacks(Some(&raw)), Loaded::Ok(sample()));
        let call = CallState::new("c".into(), 3.0);
        let raw = encode_call(&call);
        assert!(raw.starts_with("{\"v\":2,"));
        assert_eq!(decode_call(Some(&raw)), Loaded::Ok(call));
    }

    #[test]
    fn a_version_1_call_is_migrated_with_its_progress() {
        let v1 = r#"{"v":1,"data":{"started_ms":5,"procedures":["a","b"],"checked":["a#0"],"branches":{"a#1":2},"hold":{"started_at_ms":7,"finished_ms":0},"notes":"n","context":{"customer_name":"An","operator_name":"Lan","company":""},"callbacks":["cb-1"]}}"#;
        let Loaded::Ok(c) = decode_call(Some(v1)) else {
            panic!("{:?}", decode_call(Some(v1)))
        };
        assert!(c.is_checked("a#0"));
        assert_eq!(c.chosen("a#1"), Some(2));
        assert_eq!(c.opened(), ["a", "b"]);
        assert!(c.hold.value.is_running());
        assert_eq!(c.field(crate::desk::call::CallField::CustomerName), "An");
        assert!(c.callbacks.contains("cb-1"));
        assert!(!c.id.is_empty());
    }

    /// localStorage as a map, optionally with a size limit.
    #[derive(Default)]
    struct MapStore {
        items: BTreeMap<String, String>,
        limit: Option<usize>,
    }

    impl Store for MapStore {
        fn get(&self, key: &str) -> Option<String> {
            self.items.get(key).cloned()
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
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
                return Err("QuotaExceededError".into());
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
        let (staging, desk) = (Keys::for_base("/staging/"), Keys::for_base("/desk/"));
        assert_ne!(staging.callbacks, desk.callbacks);
        assert_eq!(desk.call, "cuecard:/desk/:call");
        assert_eq!(
            desk.backup_key(&desk.callbacks, 42.0),
            "cuecard:/desk/:backup.callbacks.42"
        );
    }

    #[test]
    fn legacy_data_is_adopted_once_by_the_first_deployment() {
        let keep = Retention::default();
        let mut store = MapStore::default();
        store
            .set(LEGACY_CALLBACKS_KEY, &encode_callbacks(&sample()))
            .unwrap();
        store.set(LEGACY_CALL_KEY, "{\"v\":1,\"data\":{}}").unwrap();
        store.set("cuecard.backup.cuecard.call.9", "junk").unwrap();
        let (desk, staging) = (Keys::for_base("/desk/"), Keys::for_base("/staging/"));
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
        let desk = Keys::for_base("/");
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

    #[test]
    fn backups_expire_after_the_retention() {
        let keep = Retention::default();
        let keys = Keys::for_base("/");
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
        let keys = Keys::for_base("/");
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

    #[test]
    fn nothing_stored_is_empty() {
        assert_eq!(decode_callbacks(None), Loaded::Empty);
        assert_eq!(decode_call(None).into_value(), CallState::default());
        assert_eq!(decode_call(None), Loaded::Empty);
    }

    #[test]
    fn invalid_json_is_set_aside() {
        match decode_call(Some("{not json")) {
            Loaded::Salvaged {
                value, unreadable, ..
            } => {
                assert_eq!(value, CallState::default());
                assert_eq!(unreadable, "{not json");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn one_broken_callback_does_not_lose_the_others() {
        let raw = r#"{"v":1,"data":{"items":[{"id":"a","name":"An","phone":"0901","created_ms":1,"due_ms":5,"updated_ms":1},{"id":7}]}}"#;
        match decode_callbacks(Some(raw)) {
            Loaded::Salvaged {
                value,
                unreadable,
                reason,
            } => {
                assert_eq!(value.items.len(), 1);
                assert_eq!(unreadable, r#"[{"id":7}]"#);
                assert_eq!(reason, "1 unreadable callback(s)");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn legacy_bare_list_and_future_versions_keep_readable_items() {
        let legacy =
            r#"[{"id":"a","name":"An","phone":"0901","created_ms":1,"due_ms":5,"updated_ms":1}]"#;
        assert_eq!(decode_callbacks(Some(legacy)).into_value().items.len(), 1);
        let future = r#"{"v":9,"data":{"items":[{"id":"a","name":"An","phone":"0901","created_ms":1,"due_ms":5,"updated_ms":1}]}}"#;
        match decode_callbacks(Some(future)) {
            Loaded::Salvaged { value, reason, .. } => {
                assert_eq!(value.items.len(), 1);
                assert!(reason.contains("newer version"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn foreign_values_never_panic() {
        for raw in [
            "",
            "null",
            "42",
            "\"x\"",
            "{\"v\":\"1\",\"data\":1}",
            "[1,2,3]",
            &"[".repeat(10_000),
        ] {
            let _ = decode_callbacks(Some(raw));
            let _ = decode_call(Some(raw));
        }
    }
}
