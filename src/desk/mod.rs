//! The operator's desk as plain data: the current call, its hold timer, and the callback list.
//! No Leptos and no browser here; times are milliseconds since the epoch passed in by the caller.

pub mod call;
pub mod callbacks;
pub mod edit;
pub mod hold;
pub mod report;
pub mod retention;
pub mod stamped;
pub mod storage;
pub mod summary;

pub const MINUTE_MS: f64 = 60_000.0;
pub const HOUR_MS: f64 = 3_600_000.0;
pub const DAY_MS: f64 = 86_400_000.0;

/// The local time zone as a function: `offset_at(ms)` is the UTC offset in force at that
/// instant, in minutes to add to local time to get UTC (JS `Date#getTimezoneOffset`). Taking
/// the offset per instant, not once, keeps due times right across daylight-saving changes.
pub type OffsetAt<'a> = &'a dyn Fn(f64) -> i32;
