//! What each shortcut acts on, decided from the page's state alone: `app::keys` reads the
//! event and the state, asks `action`, and does what it answers.

/// Everything a shortcut depends on, read when the key is pressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyContext {
    /// The shortcuts overlay (`?`) is open: only its own keys work.
    pub shortcuts_open: bool,
    /// The cursor is in a text field: the key is the operator's typing, never a shortcut.
    pub typing: bool,
    /// Ctrl or Meta is held: the browser's and the system's shortcuts.
    pub ctrl_or_meta: bool,
    pub alt: bool,
    /// A procedure is open (else the search page).
    pub on_procedure: bool,
    /// Something is typed in the search box.
    pub has_query: bool,
    /// The results are shown over the open procedure.
    pub results_open: bool,
}

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    CloseShortcuts,
    /// `Alt+n`: the n-th branch or alternative of the step in focus, else of the first open one.
    Choose(usize),
    /// `/`: the cursor to the search box; over a procedure, the results show again.
    Search {
        reopen_results: bool,
    },
    ShowShortcuts,
    /// `h`: start the hold, or end it.
    ToggleHold,
    /// `j` / `k`: the next or previous step.
    Step(i32),
    /// `c`: the callback form, with the cursor in its first field.
    NewCallback,
    /// `n`: a new call (the page asks first when the call has progress).
    NewCall,
    /// `f`: "Report a problem" on the open card.
    Flag,
    CloseResults,
}

/// `Alt+1…9` by physical key (`Digit1`…), so keyboard layouts and macOS's Option characters
/// agree.
fn digit(code: &str) -> Option<usize> {
    code.strip_prefix("Digit")
        .and_then(|d| d.parse::<usize>().ok())
        .filter(|d| (1..=9).contains(d))
}

/// The action of `key` (the event's `key`) pressed on the physical key `code`, if any.
pub fn action(cx: KeyContext, key: &str, code: &str) -> Option<KeyAction> {
    use KeyAction::*;
    if cx.shortcuts_open {
        return matches!(key, "Escape" | "?").then_some(CloseShortcuts);
    }
    if cx.typing || cx.ctrl_or_meta {
        return None;
    }
    if cx.alt {
        return digit(code).map(Choose);
    }
    match key {
        "/" => Some(Search {
            reopen_results: cx.on_procedure && cx.has_query,
        }),
        "?" => Some(ShowShortcuts),
        "h" | "H" if cx.on_procedure => Some(ToggleHold),
        "j" | "J" if cx.on_procedure => Some(Step(1)),
        "k" | "K" if cx.on_procedure => Some(Step(-1)),
        "f" | "F" if cx.on_procedure => Some(Flag),
        "c" | "C" => Some(NewCallback),
        "n" | "N" => Some(NewCall),
        "Escape" if cx.results_open => Some(CloseResults),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::KeyAction::*;
    use super::*;

    fn on_procedure() -> KeyContext {
        KeyContext {
            on_procedure: true,
            ..KeyContext::default()
        }
    }

    #[test]
    fn f_flags_the_open_card_only() {
        assert_eq!(action(on_procedure(), "f", "KeyF"), Some(Flag));
        assert_eq!(action(KeyContext::default(), "f", "KeyF"), None);
    }

    #[test]
    fn typing_and_system_shortcuts_are_never_taken() {
        for cx in [
            KeyContext {
                typing: true,
                ..on_procedure()
            },
            KeyContext {
                ctrl_or_meta: true,
                ..on_procedure()
            },
        ] {
            for key in ["/", "?", "h", "j", "c", "n", "Escape"] {
                assert_eq!(action(cx, key, ""), None, "{key} in {cx:?}");
            }
        }
    }

    #[test]
    fn the_overlay_takes_only_its_own_keys() {
        let cx = KeyContext {
            shortcuts_open: true,
            ..on_procedure()
        };
        assert_eq!(action(cx, "Escape", "Escape"), Some(CloseShortcuts));
        assert_eq!(action(cx, "?", "Slash"), Some(CloseShortcuts));
        assert_eq!(action(cx, "h", "KeyH"), None);
    }

    #[test]
    fn step_and_hold_keys_act_on_an_open_procedure_only() {
        assert_eq!(action(on_procedure(), "j", "KeyJ"), Some(Step(1)));
        assert_eq!(action(on_procedure(), "K", "KeyK"), Some(Step(-1)));
        assert_eq!(action(on_procedure(), "h", "KeyH"), Some(ToggleHold));
        let search = KeyContext::default();
        for key in ["j", "k", "h"] {
            assert_eq!(action(search, key, ""), None);
        }
        assert_eq!(action(search, "c", "KeyC"), Some(NewCallback));
        assert_eq!(action(search, "n", "KeyN"), Some(NewCall));
        assert_eq!(action(search, "?", "Slash"), Some(ShowShortcuts));
    }

    #[test]
    fn slash_reopens_the_results_over_a_procedure_only_with_a_query() {
        let with_query = KeyContext {
            has_query: true,
            ..on_procedure()
        };
        assert_eq!(
            action(with_query, "/", "Slash"),
            Some(Search {
                reopen_results: true
            })
        );
        assert_eq!(
            action(on_procedure(), "/", "Slash"),
            Some(Search {
                reopen_results: false
            })
        );
        let search_page = KeyContext {
            has_query: true,
            ..KeyContext::default()
        };
        assert_eq!(
            action(search_page, "/", "Slash"),
            Some(Search {
                reopen_results: false
            })
        );
    }

    #[test]
    fn alt_digits_choose_by_physical_key_and_escape_closes_results() {
        let alt = KeyContext {
            alt: true,
            ..on_procedure()
        };
        // macOS's Option+2 types "™": the physical key decides.
        assert_eq!(action(alt, "™", "Digit2"), Some(Choose(2)));
        assert_eq!(action(alt, "0", "Digit0"), None);
        assert_eq!(action(alt, "j", "KeyJ"), None);
        let open = KeyContext {
            results_open: true,
            ..on_procedure()
        };
        assert_eq!(action(open, "Escape", "Escape"), Some(CloseResults));
        assert_eq!(action(on_procedure(), "Escape", "Escape"), None);
    }
}
