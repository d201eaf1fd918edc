//! The callback list: promises to customers, holding their names and phone numbers. Merging is
//! by id with the newest edit winning; a deletion leaves only a tombstone (id and time).

use super::retention::Retention;
use super::{OffsetAt, DAY_MS, MINUTE_MS};
use crate::content::CallbackRule;
use serde::{Deserialize, Serialize};
use thiserror::Error;

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
    /// Deletes the item's personal data, keeping only what merging needs: its id and time.
    fn tombstone(&mut self, now_ms: f64) {
        *self = Callback {
            id: std::mem::take(&mut self.id),
            name: String::new(),
            phone: String::new(),
            note: String::new(),
            procedure_id: None,
            created_ms: 0.0,
            due_ms: 0.0,
            done_ms: None,
            deleted: true,
            updated_ms: now_ms.max(self.updated_ms + 1.0),
        };
    }

    /// One line for the call summary: name, phone, due time (local clock).
    pub fn summary_line(&self, offset_at: OffsetAt) -> String {
        format!(
            "{} {} {}",
            self.name,
            self.phone,
            format_clock(self.due_ms, offset_at)
        )
    }

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

    /// "Clear all": every item's personal data is deleted; tombstones (id and time) remain so
    /// other tabs do not bring the items back.
    pub fn clear_all(&mut self, now_ms: f64) {
        for c in self.items.iter_mut().filter(|c| !c.deleted) {
            c.tombstone(now_ms);
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

    /// Applies the retention: done items past their time become tombstones (their personal
    /// data goes), expired tombstones go entirely; pending ones are never touched. Returns
    /// whether anything changed.
    pub fn purge(&mut self, now_ms: f64, keep: &Retention) -> bool {
        let before = self.items.len();
        let mut changed = false;
        for c in &mut self.items {
            if let (false, Some(done)) = (c.deleted, c.done_ms) {
                if now_ms - done >= keep.done_callbacks_ms {
                    c.tombstone(now_ms);
                    changed = true;
                }
            }
        }
        self.items
            .retain(|c| !(c.deleted && now_ms - c.updated_ms >= keep.tombstones_ms));
        changed || self.items.len() != before
    }

    /// Takes in another copy (another tab's): per id, the most recently changed version wins;
    /// then the retention applies, so an expired item another tab still holds is not revived.
    pub fn merge(&mut self, other: &Callbacks, now_ms: f64, keep: &Retention) {
        for theirs in &other.items {
            match self.items.iter_mut().find(|c| c.id == theirs.id) {
                Some(ours) if ours.updated_ms >= theirs.updated_ms => {}
                Some(ours) => *ours = theirs.clone(),
                None => self.items.push(theirs.clone()),
            }
        }
        self.purge(now_ms, keep);
    }

    /// In a stable order (by id), so that two tabs holding the same list store the same text.
    pub fn normalised(&self) -> Callbacks {
        let mut c = self.clone();
        c.items.sort_by(|a, b| a.id.cmp(&b.id));
        c
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
pub fn parse_moment(input: &str, now_ms: f64, offset_at: OffsetAt) -> Result<f64, DueError> {
    if input.trim().is_empty() {
        return Ok(now_ms);
    }
    if !input.contains(':') {
        return Err(DueError::Unreadable);
    }
    let next = parse_due(input, now_ms, offset_at)?;
    Ok(if next - DAY_MS <= now_ms && next > now_ms {
        next - DAY_MS
    } else {
        next
    })
}

/// Reads the due field: minutes from now ("30", "90 min") or a local time of day ("14:30", next
/// occurrence). `offset_at(ms)` is the UTC offset at that instant (JS `getTimezoneOffset`:
/// minutes to add to local time to get UTC), so a due time across a daylight-saving change
/// keeps its wall-clock meaning.
pub fn parse_due(input: &str, now_ms: f64, offset_at: OffsetAt) -> Result<f64, DueError> {
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
    let local_now = now_ms - offset_at(now_ms) as f64 * MINUTE_MS;
    let local_midnight = (local_now / DAY_MS).floor() * DAY_MS;
    let mut local_due = local_midnight + (h * 60 + m) as f64 * MINUTE_MS;
    if local_due <= local_now {
        local_due += DAY_MS;
    }
    Ok(local_to_utc(local_due, offset_at))
}

/// The instant a local wall-clock time stands for, with the offset in force at that instant.
fn local_to_utc(local_ms: f64, offset_at: OffsetAt) -> f64 {
    let guess = local_ms + offset_at(local_ms) as f64 * MINUTE_MS;
    local_ms + offset_at(guess) as f64 * MINUTE_MS
}

/// `HH:MM` in local time at that instant.
pub fn format_clock(ms: f64, offset_at: OffsetAt) -> String {
    let local = ms - offset_at(ms) as f64 * MINUTE_MS;
    let minutes = ((local.rem_euclid(DAY_MS)) / MINUTE_MS) as u64;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Whole minutes from `now_ms` until `due_ms` (negative when overdue), as the list shows them.
pub fn minutes_until(due_ms: f64, now_ms: f64) -> i64 {
    ((due_ms - now_ms) / MINUTE_MS).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const UTC: OffsetAt = &|_| 0;

    #[test]
    fn clock_in_local_time() {
        assert_eq!(format_clock(14.5 * 3_600_000.0, UTC), "14:30");
        assert_eq!(format_clock(23.0 * 3_600_000.0, &|_| -420), "06:00");
    }

    fn list() -> Callbacks {
        let mut c = Callbacks::default();
        c.add("a".into(), "An", "0901", "gọi lại", None, 5_000.0, 0.0)
            .unwrap();
        c.add("b".into(), "Bình", "0902", "", None, 1_000.0, 0.0)
            .unwrap();
        c
    }

    #[test]
    fn pending_sorted_by_due() {
        let c = list();
        let ids: Vec<&str> = c.pending().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["b", "a"]);
        assert!(c.pending()[0].is_overdue(2_000.0));
        assert!(!c.pending()[0].is_overdue(0.0));
    }

    #[test]
    fn phone_is_required() {
        let mut c = Callbacks::default();
        assert_eq!(
            c.add("x".into(), "n", "  ", "", None, 0.0, 0.0),
            Err(CallbackError::MissingPhone)
        );
    }

    fn has_personal_data(c: &Callbacks) -> bool {
        let text = serde_json::to_string(c).unwrap();
        ["An", "Bình", "0901", "0902", "gọi lại"]
            .iter()
            .any(|p| text.contains(p))
    }

    #[test]
    fn clear_all_keeps_only_ids_and_times() {
        let mut c = list();
        c.clear_all(50.0);
        assert!(c.pending().is_empty());
        assert!(!has_personal_data(&c), "{c:?}");
        assert_eq!(c.items.len(), 2, "tombstones stay for other tabs");
        assert!(c.items.iter().all(|t| t.deleted && t.updated_ms >= 50.0));
    }

    #[test]
    fn done_items_lose_their_data_after_the_retention_and_tombstones_expire() {
        let keep = Retention::default();
        let mut c = list();
        c.mark_done("a", 10.0);
        assert!(!c.purge(10.0 + keep.done_callbacks_ms - 1.0, &keep));
        assert_eq!(c.done().len(), 1, "still there for undo");
        let purge_at = 10.0 + keep.done_callbacks_ms;
        assert!(c.purge(purge_at, &keep));
        assert!(c.done().is_empty());
        assert_eq!(c.pending().len(), 1, "pending callbacks are never purged");
        assert!(!serde_json::to_string(&c).unwrap().contains("0901"));
        assert!(c.purge(purge_at + keep.tombstones_ms, &keep));
        assert_eq!(c.items.len(), 1, "the tombstone itself expired");
    }

    #[test]
    fn two_tabs_editing_at_once_lose_neither_change() {
        let keep = Retention::default();
        let base = list();
        let mut tab1 = base.clone();
        let mut tab2 = base.clone();
        tab1.mark_done("a", 100.0);
        tab2.add("c".into(), "Chi", "0903", "", None, 9_000.0, 110.0)
            .unwrap();
        let mut merged = tab2.clone();
        merged.merge(&tab1, 120.0, &keep);
        assert!(merged.items.iter().any(|c| c.id == "c"));
        assert!(merged
            .items
            .iter()
            .find(|c| c.id == "a")
            .unwrap()
            .done_ms
            .is_some());
        let mut other_way = tab1;
        other_way.merge(&tab2, 120.0, &keep);
        assert_eq!(other_way.normalised(), merged.normalised());
    }

    #[test]
    fn a_stale_tab_brings_back_neither_cleared_nor_expired_items() {
        let keep = Retention::default();
        let stale = list();
        let mut c = list();
        c.clear_all(50.0);
        c.merge(&stale, 60.0, &keep);
        assert!(c.pending().is_empty());
        assert!(!has_personal_data(&c));

        // A done item another tab still holds past its retention is not revived by merging.
        let mut old = list();
        old.mark_done("a", 10.0);
        let now = 10.0 + keep.done_callbacks_ms + 5.0;
        let mut fresh = Callbacks::default();
        fresh.merge(&old, now, &keep);
        assert!(fresh.done().is_empty());
        assert!(!serde_json::to_string(&fresh).unwrap().contains("0901"));
    }

    #[test]
    fn due_in_minutes_or_at_a_time_of_day() {
        let now = 10.0 * 3_600_000.0; // 10:00 UTC on day 0
        assert_eq!(parse_due("30", now, UTC), Ok(now + 30.0 * MINUTE_MS));
        assert_eq!(parse_due("45 min", now, UTC), Ok(now + 45.0 * MINUTE_MS));
        assert_eq!(parse_due("14:30", now, UTC), Ok(14.5 * 3_600_000.0));
        assert_eq!(
            parse_due("09:00", now, UTC),
            Ok(DAY_MS + 9.0 * 3_600_000.0),
            "past times mean tomorrow"
        );
        // UTC+7 (offset -420): 10:00 UTC is 17:00 local; 18:00 local is 11:00 UTC.
        assert_eq!(parse_due("18:00", now, &|_| -420), Ok(11.0 * 3_600_000.0));
        for bad in ["", "soon", "25:00", "12:61", "một giờ"] {
            assert_eq!(parse_due(bad, now, UTC), Err(DueError::Unreadable), "{bad}");
        }
    }

    #[test]
    fn a_due_time_across_a_daylight_saving_change_keeps_its_wall_clock_meaning() {
        // A zone at UTC+1 that moves to UTC+2 at 01:00 UTC on day 1 (offsets as JS gives them).
        let switch = DAY_MS + 3_600_000.0;
        let offset_at: OffsetAt = &move |ms| if ms < switch { -60 } else { -120 };
        let now = 20.0 * 3_600_000.0; // 21:00 local on day 0
        let due = parse_due("09:00", now, offset_at).unwrap();
        assert_eq!(
            due,
            DAY_MS + 7.0 * 3_600_000.0,
            "09:00 at UTC+2 is 07:00 UTC"
        );
        assert_eq!(format_clock(due, offset_at), "09:00");
        assert_eq!(format_clock(now, offset_at), "21:00");
    }

    #[test]
    fn a_window_from_an_entered_moment() {
        let now = 14.0 * 3_600_000.0; // 14:00 UTC
        let notice = parse_moment("13:05", now, UTC).unwrap();
        assert_eq!(notice, 13.0 * 3_600_000.0 + 5.0 * MINUTE_MS);
        assert_eq!(parse_moment("", now, UTC), Ok(now));
        assert_eq!(
            parse_moment("23:00", now, UTC),
            Ok(23.0 * 3_600_000.0 - DAY_MS),
            "a time still to come today was yesterday"
        );
        assert_eq!(parse_moment("30", now, UTC), Err(DueError::Unreadable));
        let rule = CallbackRule {
            within_secs: Some(7200),
            after_secs: None,
            from: crate::content::CountFrom::CallEnd,
            reason: String::new(),
        };
        assert_eq!(format_clock(due_from(Some(&rule), notice), UTC), "15:05");
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
        assert_eq!(minutes_until(10.0 * MINUTE_MS, 0.0), 10);
    }

    #[test]
    fn summary_line_has_the_local_due_time() {
        let c = list();
        assert_eq!(c.items[0].summary_line(UTC), "An 0901 00:00");
    }
}
