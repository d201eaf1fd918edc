//! The current call: which steps are checked, which branches chosen, the hold, the notes and the
//! call context used to fill script placeholders. Persisted so a reload or crash loses nothing.

use super::hold::Hold;
use super::retention::Retention;
use super::stamped::merge_map;
pub use super::stamped::Stamped;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the scripts' placeholders are filled from. The customer's name is personal data: it
/// goes with the call.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallContext {
    pub customer_name: Stamped<String>,
    pub operator_name: Stamped<String>,
    pub company: Stamped<String>,
}

/// A field of the call an operator types into (the call bar's inputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallField {
    CustomerName,
    OperatorName,
    Company,
    Notes,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallState {
    /// Identifies the call across tabs: "New call" in any tab replaces the call in all of them.
    pub id: String,
    pub started_ms: f64,
    /// Last edit of anything in the call (an idle call is cleared after the retention).
    pub updated_ms: f64,
    /// Procedures opened during this call, with when each was last opened.
    pub procedures: BTreeMap<String, f64>,
    /// Checked steps, keyed `procedure-id#path` (path: step and branch indices, dot-separated).
    pub checked: BTreeMap<String, Stamped<bool>>,
    /// Chosen branch per decision step, and chosen script per step with alternatives, keyed
    /// like `checked`.
    pub branches: BTreeMap<String, Stamped<usize>>,
    pub hold: Stamped<Hold>,
    pub notes: Stamped<String>,
    pub context: CallContext,
    /// Callbacks scheduled during this call (ids in the callback list).
    pub callbacks: BTreeSet<String>,
}

/// The key of a step: `procedure-id#2` for the third step, `procedure-id#2.1.0` for the first
/// step of the second branch of that decision.
pub fn step_key(procedure_id: &str, path: &str) -> String {
    format!("{procedure_id}#{path}")
}

/// The path of step `i` in the list at `prefix` ("" for the top-level list).
pub fn step_path(prefix: &str, i: usize) -> String {
    if prefix.is_empty() {
        i.to_string()
    } else {
        format!("{prefix}.{i}")
    }
}

/// The prefix of the steps inside branch `b` of the decision at `path`.
pub fn branch_prefix(path: &str, b: usize) -> String {
    format!("{path}.{b}")
}

impl CallState {
    pub fn new(id: String, now_ms: f64) -> CallState {
        CallState {
            id,
            started_ms: now_ms,
            updated_ms: now_ms,
            ..Default::default()
        }
    }

    /// The next call at this desk: everything about the customer goes, the operator's own name
    /// and company stay.
    pub fn next(&self, id: String, now_ms: f64) -> CallState {
        let mut c = CallState::new(id, now_ms);
        c.context.operator_name = self.context.operator_name.clone();
        c.context.company = self.context.company.clone();
        c
    }

    /// Whether "New call" should ask first.
    pub fn has_progress(&self) -> bool {
        self.checked.values().any(|s| s.value)
            || !self.branches.is_empty()
            || self.hold.value.finished_ms > 0.0
            || self.hold.value.is_running()
            || !self.notes.value.trim().is_empty()
    }

    /// Whether nobody touched this call for longer than the retention allows.
    pub fn is_idle(&self, now_ms: f64, keep: &Retention) -> bool {
        !self.id.is_empty()
            && now_ms - self.updated_ms >= keep.idle_call_ms
            && !self.hold.value.is_running()
    }

    fn touch(&mut self, now_ms: f64) {
        self.updated_ms = self.updated_ms.max(now_ms);
    }

    pub fn open(&mut self, procedure_id: &str, now_ms: f64) {
        self.procedures.insert(procedure_id.to_string(), now_ms);
        self.touch(now_ms);
    }

    /// The procedures opened during the call, the most recently opened last.
    pub fn opened(&self) -> Vec<&str> {
        let mut v: Vec<(&str, f64)> = self
            .procedures
            .iter()
            .map(|(id, at)| (id.as_str(), *at))
            .collect();
        v.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
        v.into_iter().map(|(id, _)| id).collect()
    }

    pub fn is_checked(&self, key: &str) -> bool {
        self.checked.get(key).is_some_and(|s| s.value)
    }

    pub fn toggle(&mut self, key: &str, now_ms: f64) {
        let value = !self.is_checked(key);
        self.checked
            .entry(key.to_string())
            .or_default()
            .set(value, now_ms);
        self.touch(now_ms);
    }

    pub fn choose(&mut self, key: &str, branch: usize, now_ms: f64) {
        match self.branches.get_mut(key) {
            Some(s) => s.set(branch, now_ms),
            None => {
                self.branches
                    .insert(key.to_string(), Stamped::new(branch, now_ms));
            }
        }
        self.touch(now_ms);
    }

    pub fn chosen(&self, key: &str) -> Option<usize> {
        self.branches.get(key).map(|s| s.value)
    }

    pub fn start_hold(&mut self, now_ms: f64) {
        let mut h = self.hold.value.clone();
        h.start(now_ms);
        self.hold.set(h, now_ms);
        self.touch(now_ms);
    }

    pub fn stop_hold(&mut self, now_ms: f64) {
        let mut h = self.hold.value.clone();
        h.stop(now_ms);
        self.hold.set(h, now_ms);
        self.touch(now_ms);
    }

    pub fn field(&self, f: CallField) -> &str {
        match f {
            CallField::CustomerName => &self.context.customer_name.value,
            CallField::OperatorName => &self.context.operator_name.value,
            CallField::Company => &self.context.company.value,
            CallField::Notes => &self.notes.value,
        }
    }

    pub fn set_field(&mut self, f: CallField, value: String, now_ms: f64) {
        let slot = match f {
            CallField::CustomerName => &mut self.context.customer_name,
            CallField::OperatorName => &mut self.context.operator_name,
            CallField::Company => &mut self.context.company,
            CallField::Notes => &mut self.notes,
        };
        slot.set(value, now_ms);
        self.touch(now_ms);
    }

    pub fn add_callback(&mut self, id: String, now_ms: f64) {
        self.callbacks.insert(id);
        self.touch(now_ms);
    }

    /// Takes in another tab's copy of the call. A different call replaces this one when it was
    /// started later ("New call" in any tab starts a new call in all); the same call merges
    /// field by field, the later edit of each field winning.
    pub fn merge(&mut self, other: &CallState) {
        if other.id != self.id {
            if (other.started_ms, &other.id) > (self.started_ms, &self.id) {
                *self = other.clone();
            }
            return;
        }
        for (id, at) in &other.procedures {
            let e = self.procedures.entry(id.clone()).or_insert(*at);
            *e = e.max(*at);
        }
        merge_map(&mut self.checked, &other.checked);
        merge_map(&mut self.branches, &other.branches);
        self.hold.merge(&other.hold);
        self.notes.merge(&other.notes);
        self.context
            .customer_name
            .merge(&other.context.customer_name);
        self.context
            .operator_name
            .merge(&other.context.operator_name);
        self.context.company.merge(&other.context.company);
        self.callbacks.extend(other.callbacks.iter().cloned());
        self.updated_ms = self.updated_ms.max(other.updated_ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn step_paths_nest_through_branches() {
        assert_eq!(step_path("", 2), "2");
        assert_eq!(step_path(&branch_prefix("2", 1), 0), "2.1.0");
    }

    #[test]
    fn toggling_and_progress() {
        let mut c = CallState::new("c1".into(), 0.0);
        assert!(!c.has_progress());
        c.toggle("p#0", 1.0);
        assert!(c.is_checked("p#0") && c.has_progress());
        c.toggle("p#0", 2.0);
        assert!(!c.has_progress());
        c.open("a", 3.0);
        c.open("b", 4.0);
        c.open("a", 5.0);
        assert_eq!(c.opened(), ["b", "a"]);
    }

    #[test]
    fn two_tabs_editing_one_call_keep_both_changes() {
        let base = CallState::new("c1".into(), 0.0);
        let (mut a, mut b) = (base.clone(), base.clone());
        a.start_hold(1_000.0);
        b.toggle("p#0", 2_000.0);
        b.set_field(CallField::Notes, "from tab B".into(), 2_500.0);
        a.set_field(CallField::Notes, "later, from tab A".into(), 3_000.0);
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba, "merging is order-independent");
        assert!(ab.hold.value.is_running(), "A's hold survives B's write");
        assert!(ab.is_checked("p#0"), "B's step survives A's write");
        assert_eq!(ab.field(CallField::Notes), "later, from tab A");
        // An older edit never overwrites a newer one.
        let mut stale = base.clone();
        stale.toggle("p#0", 1_500.0);
        stale.toggle("p#0", 1_600.0); // unchecked at 1.6 s, before B checked it at 2 s
        ab.merge(&stale);
        assert!(ab.is_checked("p#0"));
    }

    #[test]
    fn a_new_call_in_any_tab_replaces_the_old_call_in_all() {
        let mut old = CallState::new("c1".into(), 0.0);
        old.set_field(CallField::OperatorName, "Lan".into(), 1.0);
        old.set_field(CallField::CustomerName, "Ông Ba".into(), 1.0);
        old.toggle("p#0", 2.0);
        let new = old.next("c2".into(), 10.0);
        assert_eq!(new.field(CallField::OperatorName), "Lan");
        assert_eq!(new.field(CallField::CustomerName), "");
        assert!(!new.has_progress());
        let mut other_tab = old.clone();
        other_tab.toggle("p#1", 11.0); // a late edit to the old call
        other_tab.merge(&new);
        assert_eq!(other_tab, new);
        let mut newer = new.clone();
        newer.merge(&old);
        assert_eq!(newer, new, "the older call never comes back");
    }

    #[test]
    fn an_idle_call_is_over_after_the_retention() {
        let keep = Retention::default();
        let mut c = CallState::new("c1".into(), 0.0);
        c.toggle("p#0", 10.0);
        assert!(!c.is_idle(10.0 + keep.idle_call_ms - 1.0, &keep));
        assert!(c.is_idle(10.0 + keep.idle_call_ms, &keep));
        c.start_hold(20.0);
        assert!(
            !c.is_idle(20.0 + keep.idle_call_ms, &keep),
            "not during a hold"
        );
    }
}
