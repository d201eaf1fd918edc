//! The studio's slow work as plain data: the folder checked and its index built, asked for and
//! answered by generation number, with a queue that drops what a newer edit has made stale. The
//! studio's Web Worker runs it (`studio::background`), and the page itself where no worker
//! starts: the same code both ways, tested here.

use crate::content::attention::{judge_today, Row};
use crate::content::{Checked, Lang, ParseCache, Procedure, Synonyms, Zone};
use crate::search::{build_lang_blob, SearchError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

/// The whole folder as edited, to be checked as of `now` (Unix ms, the page's clock: the
/// desks' own rule of "today"). `gen` counts the studio's edits: answers carry it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckJob {
    pub gen: u64,
    pub files: Vec<(String, Vec<u8>)>,
    pub now: i64,
}

/// A folder as checked today, as the worker sends it to the page (JSON: `Checked` holds
/// internally tagged enums, which only a self-describing format reads back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedToday {
    pub checked: Checked,
    /// The cards that need attention today, judged with `checked`.
    pub attention: Vec<Row>,
}

impl CheckedToday {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a checked folder is plain data")
    }

    pub fn from_json(json: &str) -> Result<CheckedToday, serde_json::Error> {
        serde_json::from_str(json)
    }
}

/// A language's index, rebuilt because its cards (or the synonyms) changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    pub lang: Lang,
    pub bytes: Vec<u8>,
}

/// What the worker keeps between jobs: the files as parsed (only an edited file is parsed
/// again), the folder as last checked, and what each language's index was last built from.
#[derive(Default)]
pub struct Worker {
    cache: ParseCache,
    checked: Option<Checked>,
    built: BTreeMap<Lang, u64>,
}

impl Worker {
    /// The folder checked exactly as `kb check` would, with today's date warnings.
    pub fn check(&mut self, job: &CheckJob, zone: &dyn Zone) -> CheckedToday {
        let folder = crate::content::Folder {
            root: std::path::PathBuf::new(),
            files: job
                .files
                .iter()
                .map(|(p, b)| (p.into(), b.clone()))
                .collect(),
            unreadable: Vec::new(),
        };
        let mut checked = crate::content::check_folder_with(&folder, &mut self.cache);
        let attention = judge_today(&mut checked, job.now, zone);
        self.checked = Some(checked.clone());
        CheckedToday { checked, attention }
    }

    /// The index blobs of the languages whose cards or synonyms changed since the last build,
    /// from the folder as last checked: every card that parses, drafts included (an editor
    /// tries a draft's words before publishing it). The shipped blobs' own builder.
    pub fn index(&mut self) -> Result<Vec<Blob>, SearchError> {
        let Some(checked) = &self.checked else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for lang in Lang::ALL {
            let own: Vec<Procedure> = checked
                .cards
                .iter()
                .filter(|(_, p)| p.lang == lang)
                .map(|(_, p)| p.clone())
                .collect();
            let key = fingerprint(&own, &checked.synonyms);
            if self.built.get(&lang) == Some(&key) {
                continue;
            }
            out.push(Blob {
                lang,
                bytes: build_lang_blob(lang, &own, &checked.synonyms)?,
            });
            self.built.insert(lang, key);
        }
        Ok(out)
    }
}

/// What a language's index is built from, as one number: its cards and the synonyms.
fn fingerprint(cards: &[Procedure], synonyms: &Synonyms) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(&(cards, synonyms))
        .unwrap_or_default()
        .hash(&mut h);
    h.finish()
}

/// The next piece of work.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    Check(CheckJob),
    /// The index of the folder checked for this generation.
    Index(u64),
}

/// The work asked for and not yet done. A folder sent while an older one waits replaces it, and
/// an index waits for no check: a newer edit is checked before the index of an older one is
/// built, and that build is dropped. Checks come first so problems follow typing at once.
#[derive(Debug, Default)]
pub struct Queue {
    check: Option<CheckJob>,
    index: Option<u64>,
}

impl Queue {
    pub fn push(&mut self, job: CheckJob) {
        self.check = Some(job);
        self.index = None;
    }

    /// Takes the next piece of work. A check taken is followed by its index unless a newer
    /// folder arrives before it is taken.
    pub fn take(&mut self) -> Option<Next> {
        if let Some(job) = self.check.take() {
            self.index = Some(job.gen);
            return Some(Next::Check(job));
        }
        self.index.take().map(Next::Index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::validity::FixedOffset;
    use crate::content::Date;

    const UTC: FixedOffset = FixedOffset(0);

    fn job(gen: u64, files: &[(&str, &str)]) -> CheckJob {
        CheckJob {
            gen,
            files: files
                .iter()
                .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
                .collect(),
            now: UTC.day_start(Date {
                year: 2026,
                month: 12,
                day: 8,
            }),
        }
    }

    fn real_content() -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir("content")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_newer_folder_replaces_one_not_yet_checked_and_the_stale_index() {
        let mut q = Queue::default();
        q.push(job(1, &[]));
        q.push(job(2, &[]));
        assert_eq!(q.take(), Some(Next::Check(job(2, &[]))));
        // Checked; before its index is built, another edit comes: its check goes first and
        // the index of 2 is never built.
        q.push(job(3, &[]));
        assert_eq!(q.take(), Some(Next::Check(job(3, &[]))));
        assert_eq!(q.take(), Some(Next::Index(3)));
        assert_eq!(q.take(), None);
    }

    #[test]
    fn the_real_content_checked_in_the_worker_reads_back_the_same_in_the_page() {
        let mut w = Worker::default();
        let real = CheckJob {
            files: real_content(),
            ..job(1, &[])
        };
        let today = w.check(&real, &UTC);
        assert!(
            today.checked.cards.len() > 10,
            "{}",
            today.checked.cards.len()
        );
        assert!(
            today.checked.errors.is_empty(),
            "{:?}",
            today.checked.errors
        );
        let back = CheckedToday::from_json(&today.to_json()).unwrap();
        assert_eq!(back, today);
    }

    #[test]
    fn problems_and_attention_travel_with_their_lines() {
        let mut w = Worker::default();
        let broken = "+++\nid = \"x\"\ntitel = \"X\"\n+++\n1. Step\n";
        let today = w.check(&job(1, &[("vi-x.md", broken)]), &UTC);
        assert!(!today.checked.errors.is_empty());
        let back = CheckedToday::from_json(&today.to_json()).unwrap();
        assert_eq!(back.checked.errors, today.checked.errors);
        assert!(
            back.checked.errors.iter().any(|e| e.line == 3),
            "{:?}",
            back.checked.errors
        );
        assert_eq!(back.attention, today.attention);
        assert!(
            !back.attention.is_empty(),
            "a card with problems needs attention"
        );
    }

    #[test]
    fn only_the_languages_whose_cards_changed_are_indexed_again() {
        let mut w = Worker::default();
        let mut files = real_content();
        w.check(
            &CheckJob {
                files: files.clone(),
                ..job(1, &[])
            },
            &UTC,
        );
        let first: Vec<Lang> = w.index().unwrap().iter().map(|b| b.lang).collect();
        assert_eq!(
            first,
            Lang::ALL.to_vec(),
            "the first build builds every language"
        );
        assert!(w.index().unwrap().is_empty(), "nothing changed");
        let (_, vi) = files
            .iter_mut()
            .find(|(p, _)| p.starts_with("vi-"))
            .expect("a Vietnamese card");
        let text = String::from_utf8(vi.clone()).unwrap();
        *vi = text.replacen("\n1. ", "\n1. Chào khách. ", 1).into_bytes();
        w.check(
            &CheckJob {
                files,
                ..job(2, &[])
            },
            &UTC,
        );
        let again: Vec<Lang> = w.index().unwrap().iter().map(|b| b.lang).collect();
        assert_eq!(again, vec![Lang::Vi]);
    }
}
