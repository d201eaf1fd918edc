//! The values every tab of the desk shares (the current call, the callback list, the record kept
//! for editors) as one trait: reading, merging and writing them is then one piece of code (`DeskStore`), not one per
//! value.

use super::{decode_at, decode_call, decode_callbacks, encode, encode_call, encode_callbacks};
use super::{Loaded, StorageKeys, REPORT_VERSION};
use crate::desk::call::CallState;
use crate::desk::callbacks::Callbacks;
use crate::desk::report::Log;
use crate::desk::retention::Retention;

/// A value every tab of a deployment shares through one storage key.
pub trait Kept: Clone + PartialEq + Default {
    /// Its key among the deployment's keys.
    fn key(keys: &StorageKeys) -> &str;
    fn decode(raw: Option<&str>) -> Loaded<Self>;
    fn encode(&self) -> String;
    /// Takes in another tab's copy so that no change is lost on either side, then applies the
    /// retention, so that what expired is not brought back by a tab that still holds it.
    fn merge(&mut self, theirs: &Self, now_ms: f64, keep: &Retention);
    /// Applies the retention alone: what a write does when there is no readable copy to merge.
    fn tidy(&mut self, now_ms: f64, keep: &Retention);
}

impl Kept for CallState {
    fn key(keys: &StorageKeys) -> &str {
        &keys.call
    }
    fn decode(raw: Option<&str>) -> Loaded<Self> {
        decode_call(raw)
    }
    fn encode(&self) -> String {
        encode_call(self)
    }
    fn merge(&mut self, theirs: &Self, _now_ms: f64, _keep: &Retention) {
        CallState::merge(self, theirs);
    }
    /// Nothing: an idle call is ended with a new id (`DeskStore::maintain`, at load), which other
    /// tabs then follow, not cleared in place on a write.
    fn tidy(&mut self, _now_ms: f64, _keep: &Retention) {}
}

impl Kept for Callbacks {
    fn key(keys: &StorageKeys) -> &str {
        &keys.callbacks
    }
    fn decode(raw: Option<&str>) -> Loaded<Self> {
        decode_callbacks(raw)
    }
    fn encode(&self) -> String {
        encode_callbacks(self)
    }
    fn merge(&mut self, theirs: &Self, now_ms: f64, keep: &Retention) {
        Callbacks::merge(self, theirs, now_ms, keep);
    }
    fn tidy(&mut self, now_ms: f64, keep: &Retention) {
        self.purge(now_ms, keep);
    }
}

/// Scrubbed already; a copy that cannot be read is set aside like the others (it is nobody's
/// promise, but an editor may want it).
impl Kept for Log {
    fn key(keys: &StorageKeys) -> &str {
        &keys.report
    }
    fn decode(raw: Option<&str>) -> Loaded<Self> {
        decode_at(raw, REPORT_VERSION)
    }
    fn encode(&self) -> String {
        encode(self, REPORT_VERSION)
    }
    fn merge(&mut self, theirs: &Self, now_ms: f64, keep: &Retention) {
        Log::merge(self, theirs, now_ms, keep.search_log_ms);
    }
    fn tidy(&mut self, now_ms: f64, keep: &Retention) {
        Log::tidy(self, now_ms, keep.search_log_ms);
    }
}
