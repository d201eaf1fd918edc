//! The editors' synonyms (`content/synonyms.toml`): groups of words and phrases that mean the
//! same at this center, across languages, and one-way entries (a looser or narrower name: "sếp"
//! for "trưởng ca"). One type, carried in every index blob and read by the engine; the file's
//! parser and its checks (`file`) are authoring code.

use serde::{Deserialize, Serialize};

#[cfg(authoring)]
mod file;
#[cfg(authoring)]
pub(super) use file::from_bytes as file_from_bytes;
#[cfg(not(target_arch = "wasm32"))]
pub use file::load_synonyms;
#[cfg(authoring)]
pub use file::{parse_synonyms, synonym_warnings, SynonymsFile, FILE};

/// The groups as the editors wrote them (each of two members at least).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Wire", into = "Wire")]
pub struct Synonyms {
    pub groups: Vec<Vec<String>>,
    pub one_way: Vec<OneWay>,
}

/// A search for any of `from` also finds the cards that use one of `to`; never the reverse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OneWay {
    pub from: Vec<String>,
    pub to: Vec<String>,
}

/// The blob's JSON: one-way entries as two lists beside the groups, so the page reads them with
/// the groups' own decoder (a struct of its own cost the page's wasm 2 KB). Blobs without
/// one-way entries carry neither list.
#[derive(Serialize, Deserialize)]
struct Wire {
    #[serde(default)]
    groups: Vec<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    one_way_from: Vec<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    one_way_to: Vec<Vec<String>>,
}

impl From<Wire> for Synonyms {
    fn from(w: Wire) -> Synonyms {
        let one_way = w
            .one_way_from
            .into_iter()
            .zip(w.one_way_to)
            .map(|(from, to)| OneWay { from, to })
            .collect();
        Synonyms {
            groups: w.groups,
            one_way,
        }
    }
}

impl From<Synonyms> for Wire {
    fn from(s: Synonyms) -> Wire {
        let (one_way_from, one_way_to) = s.one_way.into_iter().map(|o| (o.from, o.to)).unzip();
        Wire {
            groups: s.groups,
            one_way_from,
            one_way_to,
        }
    }
}

impl Synonyms {
    /// The groups of several blobs as one (each blob carries the same; duplicates drop).
    pub fn merged<'a>(all: impl IntoIterator<Item = &'a Synonyms>) -> Synonyms {
        let mut out = Synonyms::default();
        for s in all {
            for g in &s.groups {
                if !out.groups.contains(g) {
                    out.groups.push(g.clone());
                }
            }
            for o in &s.one_way {
                if !out.one_way.contains(o) {
                    out.one_way.push(o.clone());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blob_form_round_trips_and_reads_blobs_without_one_way_entries() {
        let s = Synonyms {
            groups: vec![vec!["a".into(), "b".into()]],
            one_way: vec![OneWay {
                from: vec!["c".into()],
                to: vec!["a".into(), "d".into()],
            }],
        };
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Synonyms>(&json).unwrap(), s);
        let old: Synonyms = serde_json::from_str(r#"{"groups":[["a","b"]]}"#).unwrap();
        assert_eq!(old.groups, s.groups);
        assert!(old.one_way.is_empty());
        assert_eq!(
            serde_json::to_string(&Synonyms::default()).unwrap(),
            r#"{"groups":[]}"#
        );
    }
}
