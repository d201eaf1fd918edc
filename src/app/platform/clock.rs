//! The page's clock: a monotonic wall time, performance marks, the UTC offset at an instant.

use super::window;

/// Milliseconds since the epoch on a clock that only moves forward inside this page: the
/// page's start (wall clock) plus a monotonic timer. Changing the system clock mid-hold does not
/// make the hold jump. (`std::time` panics on wasm32-unknown-unknown.)
pub fn now_ms() -> f64 {
    match window().performance() {
        Some(p) => p.time_origin() + p.now(),
        None => js_sys::Date::now(),
    }
}

/// Names a moment of the page's start on the performance timeline (`cuecard:index-fetched`,
/// `cuecard:index-open`), so the page benchmark can tell where a start spends its time.
pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// The UTC offset in force at an instant (JS `getTimezoneOffset`: minutes to add to local time
/// to get UTC); asked per instant so due times stay right across daylight-saving changes.
pub fn offset_at(ms: f64) -> i32 {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).get_timezone_offset() as i32
}
