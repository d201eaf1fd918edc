//! A flag an operator raises on a card ("this is wrong", "outdated", …), with a short note
//! scrubbed of the call's names and numbers before it is kept.

use super::scrub::scrub;
use serde::{Deserialize, Serialize};

/// What the operator says is the matter with the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// The card says something that is not so.
    Wrong,
    /// It was so, but the rules have changed.
    Outdated,
    /// It could not be followed during a call.
    Unclear,
    /// Something the situation needs is not on it.
    Missing,
}

impl FlagKind {
    pub const ALL: [FlagKind; 4] = [
        FlagKind::Wrong,
        FlagKind::Outdated,
        FlagKind::Unclear,
        FlagKind::Missing,
    ];

    /// The name in the report file.
    pub fn name(self) -> &'static str {
        match self {
            FlagKind::Wrong => "wrong",
            FlagKind::Outdated => "outdated",
            FlagKind::Unclear => "unclear",
            FlagKind::Missing => "missing",
        }
    }
}

/// One flag on one version of a card (the version tells an editor whether it was already fixed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    /// ms since the epoch.
    pub time: f64,
    pub card: String,
    pub card_version: String,
    /// Named `flag` in the file (`kind` names a JSON Lines entry's kind).
    #[serde(rename = "flag")]
    pub kind: FlagKind,
    /// Scrubbed, at most `scrub::MAX_CHARS` characters; may be empty.
    pub note: String,
}

impl Flag {
    /// A flag raised now, its note scrubbed with the call's `names` (customer, operator).
    pub fn new(
        time: f64,
        card: &str,
        card_version: &str,
        kind: FlagKind,
        note: &str,
        names: &[&str],
    ) -> Flag {
        Flag {
            time,
            card: card.to_string(),
            card_version: card_version.to_string(),
            kind,
            note: scrub(note, names),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_note_is_scrubbed_and_cut() {
        let note = format!("KH Lê Văn Tám 0912 345 678 nói {}", "sai ".repeat(100));
        let f = Flag::new(1.0, "vi-a", "3f2a", FlagKind::Wrong, &note, &["le van tam"]);
        assert!(f.note.starts_with("KH # nói sai"), "{}", f.note);
        assert!(f.note.chars().count() <= 200);
    }

    #[test]
    fn flag_kinds_have_their_file_names() {
        for k in FlagKind::ALL {
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.name())
            );
        }
        let f: Flag = serde_json::from_str(
            r#"{"time":5,"card":"ru-spam","card_version":"v1","flag":"outdated","note":""}"#,
        )
        .unwrap();
        assert_eq!(f.kind, FlagKind::Outdated);
    }
}
