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

/// The desk's own time zone, as the browser keeps it (its daylight-saving days included): a
/// card's plain dates start and end at the desk's midnight.
pub struct DeskZone;

impl crate::content::Zone for DeskZone {
    fn day_start(&self, d: crate::content::Date) -> i64 {
        js_sys::Date::new_with_year_month_day(
            d.year as u32,
            i32::from(d.month) - 1,
            i32::from(d.day),
        )
        .get_time() as i64
    }

    fn date_of(&self, ms: i64) -> crate::content::Date {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        crate::content::Date {
            year: d.get_full_year() as i32,
            month: d.get_month() as u8 + 1,
            day: d.get_date() as u8,
        }
    }
}

/// The moment the desk judges cards at: the wall clock (`Date.now()`, which follows the
/// system's clock, unlike `now_ms`) in the desk's zone.
pub fn desk_moment() -> crate::search::At<'static> {
    crate::search::At {
        now: js_sys::Date::now() as i64,
        zone: &DeskZone,
    }
}

/// A day as the desk's locale writes it: "30/11/2026", or "30/11" without the year. The
/// browser's default locale (no tag is passed: a desk whose `navigator.language` is not a valid
/// tag, such as `c` under `LANG=C`, would make `toLocaleDateString` throw); if the browser
/// still refuses, the ISO date.
pub fn day_text(d: crate::content::Date, with_year: bool) -> String {
    let date = js_sys::Date::new_with_year_month_day(
        d.year as u32,
        i32::from(d.month) - 1,
        i32::from(d.day),
    );
    let options = js_sys::Object::new();
    let set = |k: &str, v: &str| {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    };
    set("day", "numeric");
    set("month", "numeric");
    if with_year {
        set("year", "numeric");
    }
    use wasm_bindgen::JsCast;
    date.unchecked_ref::<AnyDate>()
        .local_date(&wasm_bindgen::JsValue::UNDEFINED, &options)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| d.to_string())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A `Date`, for the one method js-sys binds too narrowly.
    type AnyDate;
    /// `Date.prototype.toLocaleDateString` with any locale value (js-sys's takes a `&str`, which
    /// cannot be `undefined`, the browser's default), its exception caught.
    #[wasm_bindgen(method, catch, js_name = toLocaleDateString)]
    fn local_date(
        this: &AnyDate,
        locales: &wasm_bindgen::JsValue,
        options: &wasm_bindgen::JsValue,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}
