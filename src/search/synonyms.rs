//! The editors' synonyms analysed for matching queries: a query holding a member that leads also
//! searches the group's members that are found, below a match as typed (`Engine::read`).

use crate::content::Synonyms;
use crate::text::{words, Word};

/// One member, analysed once.
pub(super) struct Member {
    pub text: String,
    pub words: Vec<Word>,
    /// Its folded units in order, matched against the query's.
    pub units: Vec<String>,
    /// Typing it searches the group's other members that are `found`.
    pub leads: bool,
    /// It is searched when another member is typed.
    pub found: bool,
}

/// Every group analysed, for matching queries.
#[derive(Default)]
pub(super) struct Groups(pub Vec<Vec<Member>>);

/// A word's folded units (an expanded abbreviation has several).
fn units(ws: &[Word]) -> Vec<String> {
    ws.iter().flat_map(|w| w.folded.iter().cloned()).collect()
}

fn member(text: &str, leads: bool, found: bool) -> Member {
    let ws = words(text);
    Member {
        text: text.to_string(),
        units: units(&ws),
        words: ws,
        leads,
        found,
    }
}

impl Groups {
    pub fn new(s: &Synonyms) -> Groups {
        let same = s
            .groups
            .iter()
            .map(|g| g.iter().map(|t| member(t, true, true)).collect::<Vec<_>>());
        let one_way = s.one_way.iter().map(|o| {
            let from = o.from.iter().map(|t| member(t, true, false));
            from.chain(o.to.iter().map(|t| member(t, false, true)))
                .collect::<Vec<_>>()
        });
        Groups(
            same.chain(one_way)
                .map(|g| g.into_iter().filter(|m| !m.units.is_empty()).collect())
                .filter(|g: &Vec<Member>| g.iter().any(|m| m.leads) && g.iter().any(|m| m.found))
                .collect(),
        )
    }
}
