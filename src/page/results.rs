//! The results list in the header's search box: which row is selected, whether the list shows
//! over an open procedure, and what the box's keys do with it. `app::search` holds the state in
//! signals and does what these transitions answer.

/// The list's own state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResultsNav {
    /// The highlighted row (Enter opens it).
    pub selected: usize,
    /// Shown over an open procedure (on the search page the results always show).
    pub open: bool,
}

/// What a key in the search box asks of the page, beyond the list's own state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxAction {
    /// The key only moved the selection (the browser's own use of it is prevented).
    Moved,
    /// Open the procedure of this row.
    Open(usize),
    /// Back to the open procedure, the query kept for later.
    BackToProcedure,
    /// Clear the query (the search page's Esc).
    ClearQuery,
}

impl ResultsNav {
    /// The operator typed: the first row, and the list shows (over a procedure too).
    pub fn typed(&mut self) {
        *self = ResultsNav {
            selected: 0,
            open: true,
        };
    }

    /// A result was opened: the list gives way to the procedure.
    pub fn opened(&mut self) {
        self.open = false;
    }

    /// Whether the list is on screen: there are results, and the search page shows or the
    /// operator asked for them over the procedure.
    pub fn listed(&self, results: usize, on_procedure: bool) -> bool {
        results > 0 && (!on_procedure || self.open)
    }

    /// A key pressed in the search box, with `results` rows found; `None`: not the list's key
    /// (it types as usual).
    pub fn key(&mut self, key: &str, results: usize, on_procedure: bool) -> Option<BoxAction> {
        match key {
            "ArrowDown" if results > 0 => {
                self.open = true;
                self.selected = (self.selected + 1).min(results - 1);
                Some(BoxAction::Moved)
            }
            "ArrowUp" => {
                self.selected = self.selected.saturating_sub(1);
                Some(BoxAction::Moved)
            }
            "Enter" if self.selected < results => {
                let row = self.selected;
                self.opened();
                Some(BoxAction::Open(row))
            }
            "Escape" if on_procedure => {
                self.open = false;
                Some(BoxAction::BackToProcedure)
            }
            "Escape" => {
                self.selected = 0;
                Some(BoxAction::ClearQuery)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_move_within_the_rows_and_enter_opens_the_selected_one() {
        let mut nav = ResultsNav::default();
        nav.typed();
        assert_eq!(nav.key("ArrowDown", 3, false), Some(BoxAction::Moved));
        assert_eq!(nav.key("ArrowDown", 3, false), Some(BoxAction::Moved));
        assert_eq!(nav.key("ArrowDown", 3, false), Some(BoxAction::Moved));
        assert_eq!(nav.selected, 2, "stops at the last row");
        assert_eq!(nav.key("ArrowUp", 3, false), Some(BoxAction::Moved));
        assert_eq!(nav.selected, 1);
        assert_eq!(nav.key("Enter", 3, false), Some(BoxAction::Open(1)));
        assert!(!nav.open);
        assert_eq!(nav.key("Enter", 0, false), None, "nothing to open");
        assert_eq!(
            nav.key("ArrowDown", 0, false),
            None,
            "no rows: the key types"
        );
        assert_eq!(nav.key("a", 3, false), None);
    }

    #[test]
    fn over_a_procedure_the_list_shows_only_when_asked_for() {
        let mut nav = ResultsNav::default();
        assert!(nav.listed(2, false), "the search page always lists them");
        assert!(!nav.listed(2, true), "a procedure stays in front");
        nav.typed();
        assert!(nav.listed(2, true), "typing brings the results over it");
        assert!(!nav.listed(0, true));
        assert_eq!(nav.key("Escape", 2, true), Some(BoxAction::BackToProcedure));
        assert!(!nav.listed(2, true), "Esc: back to the procedure");
        nav.key("ArrowDown", 2, true);
        assert!(nav.listed(2, true), "↓ shows them again");
    }

    #[test]
    fn escape_on_the_search_page_clears_the_query_and_the_selection() {
        let mut nav = ResultsNav::default();
        nav.typed();
        nav.key("ArrowDown", 5, false);
        assert_eq!(nav.key("Escape", 5, false), Some(BoxAction::ClearQuery));
        assert_eq!(nav.selected, 0);
    }
}
