//! What the studio keeps in the browser until the editor saves: each changed file with the
//! copy it was changed from, in the desk's versioned envelope (so a broken or newer value is
//! set aside, never a blank studio).

use crate::desk::storage::{decode_at, encode, Loaded};
use serde::{Deserialize, Serialize};

/// The shape's version in the envelope, bumped with a migration when it changes.
pub const UNSAVED_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Unsaved {
    /// The folder the changes belong to (its name as picked).
    pub folder: String,
    pub files: Vec<UnsavedFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnsavedFile {
    pub path: String,
    /// The folder's copy the change was made from (`None`: a new file).
    pub opened: Option<String>,
    pub text: String,
}

impl Unsaved {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn encode(&self) -> String {
        encode(self, UNSAVED_VERSION)
    }

    pub fn decode(raw: Option<&str>) -> Loaded<Unsaved> {
        decode_at(raw, UNSAVED_VERSION)
    }
}

/// The storage key of the studio's unsaved changes, beside the desk's keys of the deployment.
pub fn unsaved_key(base_path: &str) -> String {
    format!("cuecard:{base_path}:studio-unsaved")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_changes_read_back_and_a_broken_value_is_set_aside() {
        let u = Unsaved {
            folder: "content".into(),
            files: vec![UnsavedFile {
                path: "vi-a.md".into(),
                opened: None,
                text: "x".into(),
            }],
        };
        assert_eq!(Unsaved::decode(Some(&u.encode())), Loaded::Ok(u));
        assert!(matches!(
            Unsaved::decode(Some("{not json")),
            Loaded::Salvaged { .. }
        ));
        assert_eq!(Unsaved::decode(None), Loaded::Empty);
    }
}
