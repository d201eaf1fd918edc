//! The two values the desk keeps for the operator, the current call and the callback list, as one
//! trait: reading, merging and writing them is then one piece of code (`DeskStore`), not one per
//! value.

use super::{decode_call, decode_callbacks, encode_call, encode_callbacks, Loaded, StorageKeys};
use crate::desk::call::CallState;
use crate::desk::callbacks::Callbacks;
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
