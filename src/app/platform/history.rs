//! The URL hash (the app's routes) and the session history.

use super::window;

pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

pub fn set_hash(h: &str) {
    let _ = window().location().set_hash(h);
}

pub fn history_back() {
    if let Ok(h) = window().history() {
        let _ = h.back();
    }
}

pub fn history_len() -> u32 {
    window().history().and_then(|h| h.length()).unwrap_or(0)
}
