//! Migrations: a stored value of an older shape brought up to the current one.

use crate::desk::call::{CallState, Stamped};
use serde_json::Value;

/// Version 0 or 1 → 2. Only builds of 2026-11-23 wrote these calls, and a call idle for the
/// retention's `idle-call` (12 hours at most by default) is over at load: `DeskStore::open` then
/// starts the next call, which keeps the operator's own name and company and nothing else. So
/// that is all a migration carries, read field by field: the rest of an old call's shape (its
/// progress, its customer) is never shown again, and reading it all weighed on the first load.
pub(super) fn migrate_call(_version: u32, data: Value) -> Result<Value, String> {
    if !data.is_object() {
        return Err("a call is not an object".into());
    }
    let at = data["started_ms"].as_f64().unwrap_or(0.0);
    let own = |name: &str| Stamped::new(data["context"][name].as_str().unwrap_or("").into(), at);
    let mut call = CallState::new(format!("migrated-{}", at as u64), at);
    call.context.operator_name = own("operator_name");
    call.context.company = own("company");
    // Through the text form: the page has its writer and reader already, while `to_value`
    // would carry a third copy of the call's serialisation in the desk's first load.
    let text = serde_json::to_string(&call).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use crate::desk::call::CallField;
    use crate::desk::retention::Retention;
    use crate::desk::storage::tests::MapStore;
    use crate::desk::storage::{decode_call, DeskStore, Loaded, StorageKeys, Store};

    const V1: &str = r#"{"v":1,"data":{"started_ms":5,"procedures":["a","b"],"checked":["a#0"],"branches":{"a#1":2},"hold":{"started_at_ms":7,"finished_ms":0},"notes":"n","context":{"customer_name":"An","operator_name":"Lan","company":"VNPT"},"callbacks":["cb-1"]}}"#;

    #[test]
    fn a_version_1_call_keeps_what_the_next_call_keeps() {
        let Loaded::Ok(c) = decode_call(Some(V1)) else {
            panic!("{:?}", decode_call(Some(V1)))
        };
        assert_eq!(c.field(CallField::OperatorName), "Lan");
        assert_eq!(c.field(CallField::Company), "VNPT");
        assert_eq!(c.field(CallField::CustomerName), "");
        assert!(!c.id.is_empty());
        assert_eq!(c.started_ms, 5.0);
    }

    #[test]
    fn a_desk_opening_a_version_1_call_starts_the_next_call_with_the_operator_s_name() {
        let keys = StorageKeys::for_base("/desk/");
        let mut store = MapStore::default();
        store.set(&keys.call, V1).unwrap();
        let desk = DeskStore::new(keys, Retention::default());
        let opened = desk.open(&mut store, 1_800_000_000_000.0, || "call-9".into());
        assert_eq!(opened.call.id, "call-9");
        assert_eq!(opened.call.field(CallField::OperatorName), "Lan");
        assert!(opened.call.opened().is_empty());
        assert_eq!(opened.notice, None);
    }
}
