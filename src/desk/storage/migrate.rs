//! Migrations: a stored value of an older shape brought up to the current one.

use crate::desk::call::{CallContext, CallState, Stamped};
use crate::desk::hold::Hold;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

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
pub(super) fn migrate_call(_version: u32, data: Value) -> Result<Value, String> {
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

#[cfg(test)]
mod tests {
    use crate::desk::storage::{decode_call, Loaded};

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
}
