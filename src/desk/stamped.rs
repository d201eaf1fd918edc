//! Last-writer-wins values: a call edited in two tabs merges field by field, the later edit
//! of each field winning, so neither tab's other edits are lost.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A value with the time it was last set, so that two tabs editing one call merge field by
/// field: the later edit of each field wins, and neither tab's other edits are lost.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stamped<T> {
    pub value: T,
    pub at: f64,
}

impl<T: Clone + PartialEq> Stamped<T> {
    pub fn new(value: T, at: f64) -> Stamped<T> {
        Stamped { value, at }
    }

    /// Sets the value as of `at` (an unchanged value keeps its old time).
    pub fn set(&mut self, value: T, at: f64) {
        if self.value != value {
            self.value = value;
            self.at = at.max(self.at);
        }
    }

    pub(crate) fn merge(&mut self, other: &Stamped<T>) {
        if other.at > self.at {
            *self = other.clone();
        }
    }
}

pub(crate) fn merge_map<T: Clone + PartialEq>(
    ours: &mut BTreeMap<String, Stamped<T>>,
    theirs: &BTreeMap<String, Stamped<T>>,
) {
    for (k, v) in theirs {
        match ours.get_mut(k) {
            Some(o) => o.merge(v),
            None => {
                ours.insert(k.clone(), v.clone());
            }
        }
    }
}
