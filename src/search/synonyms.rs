//! Words and phrases that mean the same at this center, across languages (`content/synonyms.toml`,
//! kept by editors), carried in every blob and used by the engine: a query holding one member
//! of a group also searches the others, below a match as typed.

use super::analyzer::{words, Word};
use serde::{Deserialize, Serialize};

/// The groups as the editors wrote them (each of two members at least).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synonyms {
    #[serde(default)]
    pub groups: Vec<Vec<String>>,
}

/// One member, analysed once.
pub(super) struct Member {
    pub text: String,
    pub words: Vec<Word>,
    /// Its folded units in order, matched against the query's.
    pub units: Vec<String>,
}

/// Every group analysed, for matching queries.
#[derive(Default)]
pub(super) struct Groups(pub Vec<Vec<Member>>);

/// A word's folded units (an expanded abbreviation has several).
fn units(ws: &[Word]) -> Vec<String> {
    ws.iter().flat_map(|w| w.folded.iter().cloned()).collect()
}

impl Groups {
    pub fn new(s: &Synonyms) -> Groups {
        Groups(
            s.groups
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|text| {
                            let ws = words(text);
                            Member {
                                text: text.clone(),
                                units: units(&ws),
                                words: ws,
                            }
                        })
                        .filter(|m| !m.units.is_empty())
                        .collect::<Vec<_>>()
                })
                .filter(|g| g.len() >= 2)
                .collect(),
        )
    }
}

impl Synonyms {
    /// The groups of several blobs as one (each blob carries the same; duplicates drop).
    pub fn merged<'a>(all: impl IntoIterator<Item = &'a Synonyms>) -> Synonyms {
        let mut groups: Vec<Vec<String>> = Vec::new();
        for s in all {
            for g in &s.groups {
                if !groups.contains(g) {
                    groups.push(g.clone());
                }
            }
        }
        Synonyms { groups }
    }
}
