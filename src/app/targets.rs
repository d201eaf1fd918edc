//! The elements the keyboard acts on, named once: a view marks one with `data-key=NAME` and the
//! shortcuts find it through `selector(NAME)`. Test ids and CSS classes can then change freely
//! without silently breaking a key, and renaming a target here is one edit the compiler follows.

/// A checklist step (`j`/`k` move between them, `Alt+n` chooses inside one).
pub const STEP: &str = "step";
/// A step's own checkbox (Space checks it).
pub const STEP_CHECK: &str = "step-check";
/// The radio group of a decision or of alternative scripts (`Alt+1…9`).
pub const CHOICES: &str = "choices";
/// The hold button, starting or ending the hold (`h`).
pub const HOLD: &str = "hold";
/// "New call" (`n`).
pub const NEW_CALL: &str = "new-call";
/// The callback form's first field (`c` puts the cursor there).
pub const CALLBACK_FIRST_FIELD: &str = "callback-first-field";
/// An opened procedure's title: the keyboard lands there.
pub const PROCEDURE_TITLE: &str = "procedure-title";
/// The open card's "Report a problem" (`f`).
pub const FLAG: &str = "flag";
/// The shortcuts overlay's close button.
pub const SHORTCUTS_CLOSE: &str = "shortcuts-close";

/// The CSS selector of a target.
pub fn selector(name: &str) -> String {
    format!("[data-key=\"{name}\"]")
}
