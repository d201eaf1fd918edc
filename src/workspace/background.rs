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
        let publish = PublishJob {
            site_name: "dist".into(),
            site_files: Vec::new(),
            stamp: Stamp { unix: 0, by: None },
            zip: true,
        };
        q.publish(publish.clone());
        assert_eq!(q.take(), Some(Next::Check(job(2, &[]))));
        // The publication is of the folder as last sent: after its check, before its index.
        assert_eq!(q.take(), Some(Next::Publish(Box::new(publish))));
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
        let back = Receiver::default()
            .decode(&Sender::default().encode(&today))
            .unwrap();
        assert_eq!(back, today);
    }

    #[test]
    fn an_edit_s_answer_carries_the_edited_card_and_reads_back_whole() {
        let (mut w, mut tx, mut rx) = (Worker::default(), Sender::default(), Receiver::default());
        let mut files = real_content();
        let first = w.check(
            &CheckJob {
                files: files.clone(),
                ..job(1, &[])
            },
            &UTC,
        );
        let whole = tx.encode(&first);
        assert_eq!(rx.decode(&whole).unwrap(), first);
        let (_, vi) = files
            .iter_mut()
            .find(|(p, _)| p.starts_with("vi-"))
            .expect("a Vietnamese card");
        let text = String::from_utf8(vi.clone()).unwrap();
        *vi = text.replacen("\n1. ", "\n1. Chào khách. ", 1).into_bytes();
        let second = w.check(
            &CheckJob {
                files: files.clone(),
                ..job(2, &[])
            },
            &UTC,
        );
        let edit = tx.encode(&second);
        assert!(
            edit.len() * 5 < whole.len(),
            "{} of {}",
            edit.len(),
            whole.len()
        );
        assert_eq!(rx.decode(&edit).unwrap(), second);
        // A card removed and one added: both read back as the worker checked them.
        files.retain(|(p, _)| !p.starts_with("zh-"));
        let third = w.check(
            &CheckJob {
                files,
                ..job(3, &[])
            },
            &UTC,
        );
        assert_eq!(rx.decode(&tx.encode(&third)).unwrap(), third);
        // A page that missed an answer is told, not given a wrong card.
        let mut late = Receiver::default();
        assert!(matches!(
            late.decode(&tx.encode(&third)),
            Err(AnswerError::Unknown(_))
        ));
    }

    #[test]
    fn problems_and_attention_travel_with_their_lines() {
        let mut w = Worker::default();
        let broken = "+++\nid = \"x\"\ntitel = \"X\"\n+++\n1. Step\n";
        let today = w.check(&job(1, &[("vi-x.md", broken)]), &UTC);
        assert!(!today.checked.errors.is_empty());
        let back = Receiver::default()
            .decode(&Sender::default().encode(&today))
            .unwrap();
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

    /// A built site's files as a folder input hands them over (under the folder's name).
    fn site_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut todo = vec![dir.to_path_buf()];
        while let Some(d) = todo.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    todo.push(p);
                } else {
                    let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                    out.push((format!("dist/{rel}"), std::fs::read(&p).unwrap()));
                }
            }
        }
        out
    }

    #[test]
    fn a_publication_from_the_worker_is_kb_publish_s_refused_while_there_are_problems() {
        let site = crate::site::test_site(&crate::site::test_content());
        let mut w = Worker::default();
        let mut files = real_content();
        let (path, vi) = files
            .iter_mut()
            .find(|(p, _)| p.starts_with("vi-"))
            .expect("a Vietnamese card");
        let path = path.clone();
        let text = String::from_utf8(vi.clone()).unwrap();
        *vi = text.replacen("\n1. ", "\n1. Chào khách. ", 1).into_bytes();
        let today = w.check(
            &CheckJob {
                files: files.clone(),
                ..job(1, &[])
            },
            &UTC,
        );
        let id = today
            .checked
            .cards
            .iter()
            .find(|(p, _)| p.to_str() == Some(path.as_str()))
            .map(|(_, p)| p.id.clone())
            .unwrap();
        let publish = PublishJob {
            site_name: "dist".into(),
            site_files: site_files(site.path()),
            stamp: Stamp {
                unix: 1_764_590_461,
                by: Some("Lan".into()),
            },
            zip: false,
        };
        let Published::Update(update) = w.publish(&publish).unwrap() else {
            panic!("asked for the writes")
        };
        assert_eq!(update.publication.changed, [id]);
        assert!(update.writes.iter().any(|w| w.path.starts_with("history/")));
        let zip = w
            .publish(&PublishJob {
                zip: true,
                ..publish.clone()
            })
            .unwrap();
        let Published::Zip { publication, bytes } = &zip else {
            panic!("asked for the zip")
        };
        assert_eq!(publication, &update.publication);
        assert_eq!(bytes, &update.to_zip(1_764_590_461));
        // A problem in one file: refused, as kb publish refuses.
        let broken = "+++\nid = \"x\"\ntitel = \"X\"\n+++\n1. Step\n";
        files.push(("vi-x.md".into(), broken.as_bytes().to_vec()));
        w.check(
            &CheckJob {
                files,
                ..job(2, &[])
            },
            &UTC,
        );
        assert!(matches!(w.publish(&publish), Err(PublishError::Problems(n)) if n > 0));
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
