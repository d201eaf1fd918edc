//! The studio's content folder as the editor changes it, as plain data: the files as opened,
//! the texts edited since, what changed (each with a line diff), new cards from `kb new`'s
//! template, and what is kept in the browser until it is saved. No Leptos, no browser here.

pub mod background;
pub mod diff;
pub mod form;
pub mod gaps;
pub mod notes;
pub mod outline;
pub mod place;
pub mod report;
pub mod site_folder;
pub mod undo;
pub mod unsaved;

use crate::content::template::{new_card, new_form_card, new_id};
use crate::content::Lang;
use diff::{line_diff, DiffLine};
use std::collections::BTreeMap;
use unsaved::{Unsaved, UnsavedFile};

/// An error as `kb` prints it: the message, then each cause.
pub fn told(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(&format!(": {c}"));
        cause = c.source();
    }
    text
}

/// The content folder: every file at its top level, by name, as `kb` reads it (sub-folders
/// are not content).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workspace {
    /// The folder's name as the editor picked it ("content").
    pub name: String,
    opened: BTreeMap<String, Vec<u8>>,
    /// The editor's bytes of each file that differs from `opened` (or is new).
    edited: BTreeMap<String, Vec<u8>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Modified,
}

/// One changed file, for the "Changes" panel and the downloads.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: String,
    pub kind: ChangeKind,
    pub bytes: Vec<u8>,
    pub diff: Vec<DiffLine>,
}

/// How a file ends its lines: a textarea hands back `\n` only, so a file written with `\r\n`
/// gets them back where the editor typed, and its untouched lines keep their bytes.
fn uses_crlf(bytes: &[u8]) -> bool {
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    crlf > 0 && crlf == bytes.iter().filter(|&&b| b == b'\n').count()
}

const BOM: &str = "\u{feff}";

impl Workspace {
    /// A folder read by the browser: `files` are paths relative to the folder picked, with or
    /// without the folder's own name first ("content/vi-x.md" from a folder input, "vi-x.md"
    /// from a directory handle). Files in sub-folders are left out, as `kb` leaves them.
    pub fn open(name: &str, files: Vec<(String, Vec<u8>)>) -> Workspace {
        let prefix = format!("{name}/");
        let opened = files
            .into_iter()
            .filter_map(|(path, bytes)| {
                let path = path.strip_prefix(&prefix).unwrap_or(&path).to_string();
                (!path.contains('/')).then_some((path, bytes))
            })
            .collect();
        Workspace {
            name: name.to_string(),
            opened,
            edited: BTreeMap::new(),
        }
    }

    /// Every file, in name order.
    pub fn paths(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .opened
            .keys()
            .chain(self.edited.keys())
            .cloned()
            .collect();
        all.sort();
        all.dedup();
        all
    }

    /// The content files among them, by `kb`'s own rule (`content::file_kind`).
    pub fn card_paths(&self) -> Vec<String> {
        self.paths().into_iter().filter(|p| is_card(p)).collect()
    }

    fn bytes(&self, path: &str) -> Option<&[u8]> {
        self.edited
            .get(path)
            .or_else(|| self.opened.get(path))
            .map(Vec::as_slice)
    }

    /// The file's text for the editor: line ends as `\n` (what a textarea holds), no BOM.
    pub fn text(&self, path: &str) -> Option<String> {
        let text = String::from_utf8_lossy(self.bytes(path)?).into_owned();
        let text = text
            .strip_prefix(BOM)
            .unwrap_or(&text)
            .replace("\r\n", "\n");
        Some(text)
    }

    /// The editor's text for `path`, written with the file's own line ends and BOM; an edit
    /// that brings the file back to its bytes as opened is no change.
    pub fn set_text(&mut self, path: &str, text: &str) {
        let text = text.replace("\r\n", "\n");
        let bytes = match self.opened.get(path) {
            Some(old) => {
                let bom = if old.starts_with(BOM.as_bytes()) {
                    BOM
                } else {
                    ""
                };
                let body = if uses_crlf(old) {
                    text.replace('\n', "\r\n")
                } else {
                    text
                };
                format!("{bom}{body}").into_bytes()
            }
            None => text.into_bytes(),
        };
        if self.opened.get(path) == Some(&bytes) {
            self.edited.remove(path);
        } else {
            self.edited.insert(path.to_string(), bytes);
        }
    }

    /// Every file with its bytes now (what the checks and the index read).
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        self.paths()
            .into_iter()
            .filter_map(|p| Some((p.clone(), self.bytes(&p)?.to_vec())))
            .collect()
    }

    pub fn is_changed(&self, path: &str) -> bool {
        self.edited.contains_key(path)
    }

    /// The changed files in name order, each with its diff against the folder's copy.
    pub fn changes(&self) -> Vec<Change> {
        self.edited
            .iter()
            .map(|(path, bytes)| {
                let old = self.opened.get(path);
                Change {
                    path: path.clone(),
                    kind: if old.is_some() {
                        ChangeKind::Modified
                    } else {
                        ChangeKind::Added
                    },
                    bytes: bytes.clone(),
                    diff: line_diff(
                        &String::from_utf8_lossy(old.map_or(&[][..], Vec::as_slice)),
                        &String::from_utf8_lossy(bytes),
                    ),
                }
            })
            .collect()
    }

    /// Drops a change: the file is as opened again (a new file is gone).
    pub fn revert(&mut self, path: &str) {
        self.edited.remove(path);
    }

    /// The changes were written into the folder: what was written is now the folder's copy.
    pub fn mark_saved(&mut self, paths: &[String]) {
        for p in paths {
            if let Some(bytes) = self.edited.remove(p) {
                self.opened.insert(p.clone(), bytes);
            }
        }
    }

    /// A new card from `kb new`'s template (a draft), its id made from the title and unique
    /// among the folder's file names; returns its path. `for_form`: with one empty step instead
    /// of the template's examples (the form shows them as guidance).
    pub fn new_card(&mut self, lang: Lang, title: &str, for_form: bool) -> String {
        let taken: Vec<String> = self
            .paths()
            .iter()
            .filter_map(|p| p.strip_suffix(".md").map(str::to_string))
            .collect();
        let id = new_id(lang, title, &taken);
        let path = format!("{id}.md");
        let text = match for_form {
            true => new_form_card(&id, lang, title),
            false => new_card(&id, lang, title),
        };
        self.edited.insert(path.clone(), text.into_bytes());
        path
    }

    /// What the browser keeps until the changes are saved: each changed file, with the copy
    /// it was changed from.
    pub fn unsaved(&self) -> Unsaved {
        Unsaved {
            folder: self.name.clone(),
            files: self
                .edited
                .iter()
                .map(|(path, bytes)| UnsavedFile {
                    path: path.clone(),
                    opened: self
                        .opened
                        .get(path)
                        .map(|b| String::from_utf8_lossy(b).into_owned()),
                    text: String::from_utf8_lossy(bytes).into_owned(),
                })
                .collect(),
        }
    }

    /// The studio after a reload, before the folder is opened again: the changed files alone,
    /// each over the copy it was changed from.
    pub fn from_unsaved(kept: &Unsaved) -> Workspace {
        let mut w = Workspace {
            name: kept.folder.clone(),
            ..Workspace::default()
        };
        for f in &kept.files {
            if let Some(old) = &f.opened {
                w.opened.insert(f.path.clone(), old.clone().into_bytes());
            }
            w.edited.insert(f.path.clone(), f.text.clone().into_bytes());
        }
        w
    }

    /// Puts kept changes back over the folder as just opened. A file that changed in the
    /// folder since is named in the result: the editor's text still wins (it is what they
    /// typed), and its diff shows what it does to the folder's copy now.
    pub fn restore(&mut self, kept: &Unsaved) -> Vec<String> {
        let mut moved = Vec::new();
        for f in &kept.files {
            let now = self.opened.get(&f.path).map(|b| String::from_utf8_lossy(b));
            if now.as_deref() != f.opened.as_deref() {
                moved.push(f.path.clone());
            }
            if now.as_deref() != Some(f.text.as_str()) {
                self.edited
                    .insert(f.path.clone(), f.text.clone().into_bytes());
            }
        }
        moved
    }
}

#[cfg(test)]
mod tests;

/// Whether a path of the folder is a card, by the one rule `kb` reads the folder with.
pub fn is_card(path: &str) -> bool {
    crate::content::file_kind(std::path::Path::new(path)) == Some(crate::content::FileKind::Card)
}
