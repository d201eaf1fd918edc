//! The versioned envelope (`{"v":…,"data":…}`) every stored value is written in, and reading it
//! back: migrated when older, salvaged item by item when broken.

use super::migrate::migrate_call;
use crate::desk::call::CallState;
use crate::desk::callbacks::{Callback, Callbacks};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::Value;

/// Each stored value's shape version, bumped with a migration whenever that shape changes.
pub const CALL_VERSION: u32 = 2;
pub const CALLBACKS_VERSION: u32 = 1;
pub const PREFS_VERSION: u32 = 1;
pub const REPORT_VERSION: u32 = 1;

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
    decode_at(raw, PREFS_VERSION)
}

/// Reads a value of shape `version` that has no older shapes to migrate.
pub fn decode_at<T: DeserializeOwned + Default>(raw: Option<&str>, version: u32) -> Loaded<T> {
    decode_with(raw, version, |_, d| Ok(d))
}

pub fn decode_call(raw: Option<&str>) -> Loaded<CallState> {
    decode_with(raw, CALL_VERSION, migrate_call)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::storage::tests::sample;

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
