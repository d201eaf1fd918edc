//! The studio's slow work as plain data: the folder checked, its index built and a publication
//! planned and packed, asked for and answered by generation number, with a queue that drops what
//! a newer edit has made stale. The
//! studio's Web Worker runs it (`studio::background`), and the page itself where no worker
//! starts: the same code both ways, tested here.

use crate::content::attention::{judge_today, Row};
use crate::content::{Checked, Lang, ParseCache, Procedure, Synonyms, Zone};
use crate::search::{build_lang_blob, SearchError};
use crate::site::{plan_publish, with_history, Publication, SiteUpdate, Stamp};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

/// The whole folder as edited, to be checked as of `now` (Unix ms, the page's clock: the
/// desks' own rule of "today"). `gen` counts the studio's edits: answers carry it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckJob {
    pub gen: u64,
    pub files: Vec<(String, Vec<u8>)>,
    pub now: i64,
}

/// A folder as checked today.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedToday {
    pub checked: Checked,
    /// The cards that need attention today, judged with `checked`.
    pub attention: Vec<Row>,
}

/// A card in an answer: the page has it already, as an earlier answer gave it, or here it is.
#[derive(Serialize, Deserialize)]
enum Card {
    Kept(PathBuf),
    Fresh(PathBuf, Box<Procedure>),
}

/// An answer as it travels (JSON: `Checked` holds internally tagged enums, which only a
/// self-describing format reads back), its cards apart from the rest of the check.
#[derive(Serialize, Deserialize)]
struct Wire {
    checked: Checked,
    cards: Vec<Card>,
    attention: Vec<Row>,
}

/// Writes the worker's answers. The page reads each one on its main thread, and a 1 000-card
/// folder is megabytes of JSON: a card the page already has, unchanged, goes by its path only,
/// so an edit's answer carries the edited card.
#[derive(Default)]
pub struct Sender {
    sent: HashMap<PathBuf, Procedure>,
}

impl Sender {
    pub fn encode(&mut self, today: &CheckedToday) -> String {
        let cards = today
            .checked
            .cards
            .iter()
            .map(|(path, p)| match self.sent.get(path) {
                Some(had) if had == p => Card::Kept(path.clone()),
                _ => Card::Fresh(path.clone(), Box::new(p.clone())),
            })
            .collect();
        self.sent = today.checked.cards.iter().cloned().collect();
        let wire = Wire {
            checked: Checked {
                cards: Vec::new(),
                ..today.checked.clone()
            },
            cards,
            attention: today.attention.clone(),
        };
        serde_json::to_string(&wire).expect("a checked folder is plain data")
    }
}

/// Reads the worker's answers back, every one in the order sent (also those the page does not
/// show: the next may name their cards).
#[derive(Default)]
pub struct Receiver {
    had: HashMap<PathBuf, Procedure>,
}

/// An answer the page cannot read.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    #[error("the worker's answer: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the worker's answer keeps {0}, which the page never had")]
    Unknown(PathBuf),
}

impl Receiver {
    pub fn decode(&mut self, json: &str) -> Result<CheckedToday, AnswerError> {
        let wire: Wire = serde_json::from_str(json)?;
        let mut cards = Vec::with_capacity(wire.cards.len());
        for card in wire.cards {
            cards.push(match card {
                Card::Kept(path) => {
                    let p = self
                        .had
                        .get(&path)
                        .cloned()
                        .ok_or_else(|| AnswerError::Unknown(path.clone()))?;
                    (path, p)
                }
                Card::Fresh(path, p) => (path, *p),
            });
        }
        self.had = cards.iter().cloned().collect();
        Ok(CheckedToday {
            checked: Checked {
                cards,
                ..wire.checked
            },
            attention: wire.attention,
        })
    }
}

/// A language's index, rebuilt because its cards (or the synonyms) changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    pub lang: Lang,
    pub bytes: Vec<u8>,
}

/// A publication of the folder as last checked into a site folder (its files as the studio
/// read them, `history/` included), by `stamp`; `zip`: as a site update `.zip` dated
/// `stamp.unix` (else the plan's writes, for the page to carry out in place).
#[derive(Debug, Clone, PartialEq)]
pub struct PublishJob {
    pub site_name: String,
    pub site_files: Vec<(String, Vec<u8>)>,
    pub stamp: Stamp,
    pub zip: bool,
}

/// A publication planned and recorded in the site's history.
#[derive(Debug, Clone, PartialEq)]
pub enum Published {
    /// The writes and deletes for the page to carry out in the site folder.
    Update(SiteUpdate),
    /// "Download site update": the `.zip` (empty when nothing changed).
    Zip {
        publication: Publication,
        bytes: Vec<u8>,
    },
}

impl Published {
    pub fn publication(&self) -> &Publication {
        match self {
            Published::Update(u) => &u.publication,
            Published::Zip { publication, .. } => publication,
        }
    }
}

/// Why a publication was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublishError {
    /// Refused while the folder has problems, as `kb publish` refuses.
    #[error("the folder has {0} problems")]
    Problems(usize),
    #[error("{0}")]
    Failed(String),
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
        let mut checked = super::report::check(&job.files, &mut self.cache);
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

    /// What `kb publish` does, with its code: the folder as last checked (drafts left out)
    /// planned into the site, recorded in its history, packed as a `.zip` if asked.
    pub fn publish(&self, job: &PublishJob) -> Result<Published, PublishError> {
        let checked = self
            .checked
            .as_ref()
            .ok_or_else(|| PublishError::Failed("the folder has not been checked".into()))?;
        if !checked.errors.is_empty() {
            return Err(PublishError::Problems(checked.errors.len()));
        }
        let folder =
            super::site_folder::SiteFolder::read(job.site_name.clone(), job.site_files.clone())
                .map_err(PublishError::Failed)?;
        let failed = |e: &dyn std::error::Error| PublishError::Failed(super::told(e));
        let mut update = plan_publish(&checked.published(), &checked.synonyms, &folder.site)
            .map_err(|e| failed(&e))?;
        with_history(
            &mut update,
            &folder.site,
            &folder.history,
            &folder.files,
            &job.stamp,
        )
        .map_err(|e| failed(&e))?;
        if !job.zip {
            return Ok(Published::Update(update));
        }
        let bytes = match update.publication.is_noop() {
            true => Vec::new(),
            false => update.to_zip(job.stamp.unix),
        };
        Ok(Published::Zip {
            publication: update.publication,
            bytes,
        })
    }
}

/// Runs a check and an index build of one template card per language in a worker of its own,
/// and forgets them: a wasm instance compiles each function the first time it runs, so the
/// studio's worker does this once it has started, before an editor's folder arrives (the real
/// content's first check took 186 ms cold, 16 ms warm).
pub fn warm_up(zone: &dyn Zone) -> Result<(), SearchError> {
    let files = warm_up_files();
    let mut w = Worker::default();
    w.check(
        &CheckJob {
            gen: 0,
            files,
            now: 0,
        },
        zone,
    );
    w.index().map(drop)
}

/// `kb new`'s card in each language.
fn warm_up_files() -> Vec<(String, Vec<u8>)> {
    Lang::ALL
        .iter()
        .map(|&lang| {
            let id = format!("{}-warm-up", lang.code());
            let text = crate::content::template::new_card(&id, lang, "Warm up");
            (format!("{id}.md"), text.into_bytes())
        })
        .collect()
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
#[derive(Debug, PartialEq)]
pub enum Next {
    Check(CheckJob),
    /// After the check of the folder as the page shows it, before any index.
    Publish(Box<PublishJob>),
    /// The index of the folder checked for this generation.
    Index(u64),
}

/// The work asked for and not yet done. A folder sent while an older one waits replaces it, and
/// an index waits for no check: a newer edit is checked before the index of an older one is
/// built, and that build is dropped. Checks come first so problems follow typing at once.
#[derive(Debug, Default)]
pub struct Queue {
    check: Option<CheckJob>,
    publish: Option<PublishJob>,
    index: Option<u64>,
}

impl Queue {
    pub fn push(&mut self, job: CheckJob) {
        self.check = Some(job);
        self.index = None;
    }

    /// A publication, done once the folder sent before it is checked.
    pub fn publish(&mut self, job: PublishJob) {
        self.publish = Some(job);
    }

    /// Takes the next piece of work. A check taken is followed by its index unless a newer
    /// folder arrives before it is taken.
    pub fn take(&mut self) -> Option<Next> {
        if let Some(job) = self.check.take() {
            self.index = Some(job.gen);
            return Some(Next::Check(job));
        }
        if let Some(job) = self.publish.take() {
            return Some(Next::Publish(Box::new(job)));
        }
        self.index.take().map(Next::Index)
    }
}

#[cfg(test)]
mod tests;
