//! The operator's desk as plain data: the current call, its hold timer, and the callback list.
//! No Leptos and no browser here; times are milliseconds since the epoch passed in by the caller.

pub mod call;
pub mod callbacks;
pub mod hold;
pub mod storage;

pub const MINUTE_MS: f64 = 60_000.0;
pub const DAY_MS: f64 = 86_400_000.0;
