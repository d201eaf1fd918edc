//! Undo and redo of a card's text, shared by the form and the text view: both edit the same
//! text, so one history of texts lets Ctrl+Z step back over a form edit made before switching
//! to the text view, and the other way round.

/// How close together two edits of the same place must be to undo as one (typing a word is one
/// step back, not one per letter).
pub const MERGE_WITHIN_MS: f64 = 1000.0;

/// One file's earlier and undone texts. Edits of the same place (a field, a row, the text view)
/// that follow each other within `MERGE_WITHIN_MS` are one step.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    past: Vec<String>,
    future: Vec<String>,
    /// Where and when the last edit was made, to merge typing.
    last: Option<(String, f64)>,
}

/// How many steps back a file keeps: enough for an editing session, bounded for the browser.
const KEEP: usize = 200;

impl History {
    /// `before` is the text as it was before an edit of `place` at `now_ms`.
    pub fn record(&mut self, before: &str, place: &str, now_ms: f64) {
        let merge =
            matches!(&self.last, Some((p, t)) if p == place && now_ms - t < MERGE_WITHIN_MS);
        if !merge && self.past.last().map(String::as_str) != Some(before) {
            self.past.push(before.to_string());
            if self.past.len() > KEEP {
                self.past.remove(0);
            }
        }
        self.future.clear();
        self.last = Some((place.to_string(), now_ms));
    }

    /// The text before the last step, given the text now (which redo brings back).
    pub fn undo(&mut self, now: &str) -> Option<String> {
        let back = self.past.pop()?;
        self.future.push(now.to_string());
        self.last = None;
        Some(back)
    }

    /// The text the last undo left, given the text now.
    pub fn redo(&mut self, now: &str) -> Option<String> {
        let again = self.future.pop()?;
        self.past.push(now.to_string());
        self.last = None;
        Some(again)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_in_one_place_is_one_step_and_another_place_is_another() {
        let mut h = History::default();
        h.record("a", "title", 0.0);
        h.record("ab", "title", 300.0);
        h.record("abc", "title", 600.0);
        h.record("abcd", "text", 700.0);
        assert_eq!(h.undo("abcde").as_deref(), Some("abcd"));
        assert_eq!(h.undo("abcd").as_deref(), Some("a"));
        assert_eq!(h.undo("a"), None);
        assert_eq!(h.redo("a").as_deref(), Some("abcd"));
        assert_eq!(h.redo("abcd").as_deref(), Some("abcde"));
        assert_eq!(h.redo("abcde"), None);
    }

    #[test]
    fn a_pause_splits_typing_and_a_new_edit_drops_what_was_undone() {
        let mut h = History::default();
        h.record("a", "title", 0.0);
        h.record("ab", "title", 5000.0);
        assert_eq!(h.undo("abc").as_deref(), Some("ab"));
        assert!(h.can_redo());
        h.record("ab", "situations", 6000.0);
        assert!(!h.can_redo());
        assert_eq!(h.undo("abX").as_deref(), Some("ab"));
        assert_eq!(h.undo("ab").as_deref(), Some("a"));
        assert!(!h.can_undo());
    }

    #[test]
    fn the_history_is_bounded() {
        let mut h = History::default();
        for i in 0..(KEEP + 50) {
            h.record(&i.to_string(), &i.to_string(), i as f64 * 10_000.0);
        }
        let mut n = 0;
        let mut now = String::from("end");
        while let Some(t) = h.undo(&now) {
            now = t;
            n += 1;
        }
        assert_eq!(n, KEEP);
        assert_eq!(now, "50");
    }
}
