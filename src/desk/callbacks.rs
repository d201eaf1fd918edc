//! The callback list: promises to customers. Merging is by id with the newest edit winning and
//! deletions kept as tombstones, so two tabs editing at once lose neither change.

use super::{DAY_MS, MINUTE_MS};
use crate::content::CallbackRule;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Done and deleted items are kept this long, then purged.
pub const KEEP_DONE_MS: f64 = 7.0 * DAY_MS;
/// The due time where the procedure gives none.
pub const DEFAULT_DUE_MINUTES: u64 = 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Callback {
    pub id: String,
    pub name: String,
    pub phone: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub procedure_id: Option<String>,
    pub created_ms: f64,
    pub due_ms: f64,
    #[serde(default)]
    pub done_ms: Option<f64>,
    #[serde(default)]
    pub deleted: bool,
    /// Last change, for merging edits from other tabs.
    pub updated_ms: f64,
}

impl Callback {
    pub fn is_pending(&self) -> bool {
        self.done_ms.is_none() && !self.deleted
    }
    pub fn is_overdue(&self, now_ms: f64) -> bool {
        self.is_pending() && self.due_ms <= now_ms
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Callbacks {
    pub items: Vec<Callback>,
}

#[derive(Debug, Error, PartialEq)]
pub enum CallbackError {
    #[error("a phone number is needed")]
    MissingPhone,
    #[error("due: {0}")]
    Due(#[from] DueError),
}

impl Callbacks {
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        id: String,
        name: &str,
        phone: &str,
        note: &str,
        procedure_id: Option<String>,
        due_ms: f64,
        now_ms: f64,
    ) -> Result<(), CallbackError> {
        if phone.trim().is_empty() {
            return Err(CallbackError::MissingPhone);
        }
        self.items.push(Callback {
            id,
            name: name.trim().to_string(),
            phone: phone.trim().to_string(),
            note: note.trim().to_string(),
            procedure_id,
            created_ms: now_ms,
            due_ms,
            done_ms: None,
            deleted: false,
            updated_ms: now_ms,
        });
        Ok(())
    }

    fn edit(&mut self, id: &str, now_ms: f64, f: impl FnOnce(&mut Callback)) {
        if let Some(c) = self.items.iter_mut().find(|c| c.id == id) {
            f(c);
            c.updated_ms = now_ms.max(c.updated_ms + 1.0);
        }
    }

    pub fn mark_done(&mut self, id: &str, now_ms: f64) {
        self.edit(id, now_ms, |c| c.done_ms = Some(now_ms));
    }

    pub fn undo_done(&mut self, id: &str, now_ms: f64) {
        self.edit(id, now_ms, |c| c.done_ms = None);
    }

    /// "Clear all": every item becomes a tombstone, so other tabs do not bring them back.
    pub fn clear_all(&mut self, now_ms: f64) {
        let ids: Vec<String> = self
            .items
            .iter()
            .filter(|c| !c.deleted)
            .map(|c| c.id.clone())
            .collect();
        for id in ids {
            self.edit(&id, now_ms, |c| c.deleted = true);
        }
    }

    /// Pending callbacks, soonest first.
    pub fn pending(&self) -> Vec<&Callback> {
        let mut v: Vec<&Callback> = self.items.iter().filter(|c| c.is_pending()).collect();
        v.sort_by(|a, b| a.due_ms.total_cmp(&b.due_ms).then(a.id.cmp(&b.id)));
        v
    }

    /// Done callbacks, most recent first (for undo).
    pub fn done(&self) -> Vec<&Callback> {
        let mut v: Vec<&Callback> = self
            .items
            .iter()
            .filter(|c| c.done_ms.is_some() && !c.deleted)
            .collect();
        v.sort_by(|a, b| {
            b.done_ms
                .unwrap_or(0.0)
                .total_cmp(&a.done_ms.unwrap_or(0.0))
        });
        v
    }

    pub fn overdue_count(&self, now_ms: f64) -> usize {
        self.items.iter().filter(|c| c.is_overdue(now_ms)).count()
    }

    /// Drops done items and tombstones older than seven days; pending ones are never dropped.
    pub fn purge(&mut self, now_ms: f64) {
        self.items.retain(|c| {
            let ended = if c.deleted {
                Some(c.updated_ms)
            } else {
                c.done_ms
            };
            ended.is_none_or(|t| now_ms - t < KEEP_DONE_MS)
        });
    }

    /// Takes in another copy (another tab's): per id, the most recently changed version wins.
    pub fn merge(&mut self, other: &Callbacks) {
        for theirs in &other.items {
            match self.items.iter_mut().find(|c| c.id == theirs.id) {
                Some(ours) if ours.updated_ms >= theirs.updated_ms => {}
                Some(ours) => *ours = theirs.clone(),
                None => self.items.push(theirs.clone()),
            }
        }
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DueError {
    #[error("write minutes (\"30\") or a time of day (\"14:30\")")]
    Unreadable,
}

/// The default due time for a callback promised in a procedure: its rule's deadline, or an hour.
pub fn default_due_minutes(rule: Option<&CallbackRule>) -> u64 {
    rule.and_then(|r| r.within_secs)
        .map(|s| s.div_ceil(60))
        .unwrap_or(DEFAULT_DUE_MINUTES)
}

/// The rule a new callback's due time follows on a procedure: the first with a deadline.
pub fn due_rule(rules: &[CallbackRule]) -> Option<&CallbackRule> {
    rules.iter().find(|r| r.within_secs.is_some())
}

/// The due time of a rule whose window counts from `start_ms` (the call's end, or the moment
/// the operator entered).
pub fn due_from(rule: Option<&CallbackRule>, start_ms: f64) -> f64 {
    start_ms + default_due_minutes(rule) as f64 * MINUTE_MS
}

/// Reads a moment that has already happened: a local time of day ("13:05", today, or
/// yesterday if that is still to come), or empty for now.
pub fn parse_moment(input: &str, now_ms: f64, tz_offset_min: i32) -> Result<f64, DueError> {
    if input.trim().is_empty() {
        return Ok(now_ms);
    }
    if !input.contains(':') {
        return Err(DueError::Unreadable);
    }
    let next = parse_due(input, now_ms, tz_offset_min)?;
    Ok(if next - DAY_MS <= now_ms && next > now_ms {
        next - DAY_MS
    } else {
        next
    })
}

/// Reads the due field: minutes from now ("30", "90 min") or a local time of day ("14:30", next
/// occurrence). `tz_offset_min` is minutes to add to local time to get UTC (JS `getTimezoneOffset`).
pub fn parse_due(input: &str, now_ms: f64, tz_offset_min: i32) -> Result<f64, DueError> {
    let t = input
        .trim()
        .trim_end_matches("min")
        .trim_end_matches('m')
        .trim();
    if let Ok(min) = t.parse::<u32>() {
        return Ok(now_ms + min as f64 * MINUTE_MS);
    }
    let (h, m) = t.split_once(':').ok_or(DueError::Unreadable)?;
    let (h, m): (u32, u32) = (
        h.trim().parse().map_err(|_| DueError::Unreadable)?,
        m.trim().parse().map_err(|_| DueError::Unreadable)?,
    );
    if h > 23 || m > 59 {
        return Err(DueError::Unreadable);
    }
    let local_now = now_ms - tz_offset_min as f64 * MINUTE_MS;
    let local_midnight = (local_now / DAY_MS).floor() * DAY_MS;
    let mut local_due = local_midnight + (h * 60 + m) as f64 * MINUTE_MS;
    if local_due <= local_now {
        local_due += DAY_MS;
    }
    Ok(local_due + tz_offset_min as f64 * MINUTE_MS)
}

/// `HH:MM` in local time.
pub fn format_clock(ms: f64, tz_offset_min: i32) -> String {
    let local = ms - tz_offset_min as f64 * MINUTE_MS;
    let minutes = ((local.rem_euclid(DAY_MS)) / MINUTE_MS) as u64;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_in_local_time() {
        assert_eq!(format_clock(14.5 * 3_600_000.0, 0), "14:30");
        assert_eq!(format_clock(23.0 * 3_600_000.0, -420), "06:00");
    }

    fn list() -> Callbacks {
        let mut c = Callbacks::default();
        c.add("a".into(), "An", "0901", "", None, 5_000.0, 0.0)
            .unwrap();
        c.add("b".into(), "Bình", "0902", "", None, 1_000.0, 0.0)
            .unwrap();
        c
    }

    #[test]
    fn pending_sorted_by_due_and_overdue_counted() {
        let c = list();
        assert_eq!(
            c.pending()
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert_eq!(c.overdue_count(2_000.0), 1);
        assert_eq!(c.overdue_count(0.0), 0);
    }

    #[test]
    fn phone_is_required() {
        let mut c = Callbacks::default();
        assert_eq!(
            c.add("x".into(), "n", "  ", "", None, 0.0, 0.0),
            Err(CallbackError::MissingPhone)
        );
    }

    #[test]
    fn done_undo_and_purge_after_seven_days() {
        let mut c = list();
        c.mark_done("a", 10.0);
        assert_eq!(c.pending().len(), 1);
        c.undo_done("a", 20.0);
        assert_eq!(c.pending().len(), 2);
        c.mark_done("a", 30.0);
        c.purge(30.0 + KEEP_DONE_MS - 1.0);
        assert_eq!(c.items.len(), 2);
        c.purge(30.0 + KEEP_DONE_MS);
        assert_eq!(
            c.items.len(),
            1,
            "done item older than 7 days is purged; pending kept"
        );
    }

    #[test]
    fn two_tabs_editing_at_once_lose_neither_change() {
        let base = list();
        let mut tab1 = base.clone();
        let mut tab2 = base.clone();
        tab1.mark_done("a", 100.0);
        tab2.add("c".into(), "Chi", "0903", "", None, 9_000.0, 110.0)
            .unwrap();
        let mut merged = tab2.clone();
        merged.merge(&tab1);
        assert!(merged.items.iter().any(|c| c.id == "c"));
        assert!(merged
            .items
            .iter()
            .find(|c| c.id == "a")
            .unwrap()
            .done_ms
            .is_some());
        let mut other_way = tab1;
        other_way.merge(&tab2);
        assert_eq!(other_way.pending().len(), merged.pending().len());
    }

    #[test]
    fn clear_all_is_not_undone_by_a_stale_tab() {
        let stale = list();
        let mut c = list();
        c.clear_all(50.0);
        c.merge(&stale);
        assert!(c.pending().is_empty());
    }

    #[test]
    fn due_in_minutes_or_at_a_time_of_day() {
        let now = 10.0 * 3_600_000.0; // 10:00 UTC on day 0
        assert_eq!(parse_due("30", now, 0), Ok(now + 30.0 * MINUTE_MS));
        assert_eq!(parse_due("45 min", now, 0), Ok(now + 45.0 * MINUTE_MS));
        assert_eq!(parse_due("14:30", now, 0), Ok(14.5 * 3_600_000.0));
        assert_eq!(
            parse_due("09:00", now, 0),
            Ok(DAY_MS + 9.0 * 3_600_000.0),
            "past times mean tomorrow"
        );
        // UTC+7 (offset -420): 10:00 UTC is 17:00 local; 18:00 local is 11:00 UTC.
        assert_eq!(parse_due("18:00", now, -420), Ok(11.0 * 3_600_000.0));
        for bad in ["", "soon", "25:00", "12:61", "một giờ"] {
            assert_eq!(parse_due(bad, now, 0), Err(DueError::Unreadable), "{bad}");
        }
    }

    #[test]
    fn a_window_from_an_entered_moment() {
        let now = 14.0 * 3_600_000.0; // 14:00 UTC
        let notice = parse_moment("13:05", now, 0).unwrap();
        assert_eq!(notice, 13.0 * 3_600_000.0 + 5.0 * MINUTE_MS);
        assert_eq!(parse_moment("", now, 0), Ok(now));
        assert_eq!(
            parse_moment("23:00", now, 0),
            Ok(23.0 * 3_600_000.0 - DAY_MS),
            "a time still to come today was yesterday"
        );
        assert_eq!(parse_moment("30", now, 0), Err(DueError::Unreadable));
        let rule = CallbackRule {
            within_secs: Some(7200),
            after_secs: None,
            from: crate::content::CountFrom::CallEnd,
            reason: String::new(),
        };
        assert_eq!(format_clock(due_from(Some(&rule), notice), 0), "15:05");
        assert_eq!(due_rule(std::slice::from_ref(&rule)), Some(&rule));
    }

    #[test]
    fn default_due_follows_the_procedure() {
        let rule = CallbackRule {
            within_secs: Some(7200),
            after_secs: None,
            from: Default::default(),
            reason: String::new(),
        };
        assert_eq!(default_due_minutes(Some(&rule)), 120);
        assert_eq!(default_due_minutes(None), 60);
    }
}
