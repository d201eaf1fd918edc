//! The app shell (`index.html`'s static search page, painted before the wasm arrives) handed
//! over to the app: what the operator typed or clicked there, and where the cursor was.

use super::window;
use wasm_bindgen::JsCast;

/// The search box of the shell as the operator left it.
#[derive(Debug, Clone, Default)]
pub struct ShellInput {
    pub query: String,
    /// The box had the keyboard, with this selection (start, end in UTF-16 units).
    pub cursor: Option<(u32, u32)>,
}

/// Takes the shell off the page (the app renders the same markup in its place, in the same
/// task, so nothing paints in between) and returns what its search box held.
pub fn take_shell() -> Option<ShellInput> {
    let document = window().document()?;
    let shell = document.query_selector("[data-shell]").ok()??;
    let input = shell
        .query_selector("#search")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
    let taken = input.map(|input| {
        let focused = document
            .active_element()
            .is_some_and(|a| a == *input.unchecked_ref::<web_sys::Element>());
        let cursor = focused.then(|| {
            let start = input.selection_start().ok().flatten().unwrap_or(0);
            let end = input.selection_end().ok().flatten().unwrap_or(start);
            (start, end)
        });
        ShellInput {
            query: input.value(),
            cursor,
        }
    });
    shell.remove();
    taken
}

/// Puts the keyboard back in the app's search box where it was in the shell's.
pub fn restore_cursor(input: &ShellInput, id: &str) {
    let Some((start, end)) = input.cursor else {
        return;
    };
    if let Some(el) = window()
        .document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        // The view sets its value a moment after the mount (a render effect); a value that
        // is already the same does not move the cursor (HTML: only a changed value does).
        el.set_value(&input.query);
        let _ = el.focus();
        let _ = el.set_selection_range(start, end);
    }
}

/// Whether the element with this id has the keyboard.
pub fn has_focus(id: &str) -> bool {
    window()
        .document()
        .and_then(|d| d.active_element())
        .is_some_and(|a| a.id() == id)
}
