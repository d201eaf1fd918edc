//! What an operator does to the call from a card, as data: the card's views send a `CallEdit`,
//! and the surface showing the card applies it (the desk saves it; the studio's preview keeps
//! it in memory), so the same views serve both.

use super::call::CallState;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallEdit {
    /// A step's checkbox (by `call::step_key`).
    Toggle(String),
    /// A decision's branch or a moment's alternative script.
    Choose(String, usize),
    StartHold,
    StopHold,
}

impl CallState {
    pub fn apply(&mut self, edit: CallEdit, now_ms: f64) {
        match edit {
            CallEdit::Toggle(key) => self.toggle(&key, now_ms),
            CallEdit::Choose(key, i) => self.choose(&key, i, now_ms),
            CallEdit::StartHold => self.start_hold(now_ms),
            CallEdit::StopHold => self.stop_hold(now_ms),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_edit_does_what_its_method_does() {
        let mut c = CallState::default();
        c.apply(CallEdit::Toggle("p/0".into()), 1.0);
        c.apply(CallEdit::Choose("p/1".into(), 2), 2.0);
        c.apply(CallEdit::StartHold, 3.0);
        assert!(c.is_checked("p/0"));
        assert_eq!(c.chosen("p/1"), Some(2));
        assert!(c.hold.value.is_running());
        c.apply(CallEdit::StopHold, 4.0);
        c.apply(CallEdit::Toggle("p/0".into()), 5.0);
        assert!(!c.hold.value.is_running());
        assert!(!c.is_checked("p/0"));
    }
}
