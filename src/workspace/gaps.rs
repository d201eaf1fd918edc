//! The studio's Gaps panel as plain data, and what `kb gaps` shares with it: the desks' report
//! files read (each broken one named with its line) and merged by `desk::report`'s own grouping,
//! what the search answers for a missed query now, the rows an editor dismissed (kept in the
//! browser), and the flags on each card with whether the card changed since. The fixes, minimal
//! edits of a card or of `synonyms.toml`, are in `fix`.

pub mod fix;

use crate::desk::report::gaps::analysed;
use crate::desk::report::{flags_by_card, parse_reports, CardFlags, Gap, Report, ReportError};
use crate::desk::storage::{decode_at, encode};
use crate::search::{At, Engine, Hit, SearchError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How many cards "the search now" names for a missed query, in the studio and in `kb gaps`.
pub const NOW: usize = 3;

/// The cards the search answers first for a missed query today: has a fix reached it? `at`:
/// the desk's moment (`kb gaps`: cards not in force are left out); `None` offers every card, as
/// the studio's own search does.
pub fn answers_now(engine: &Engine, query: &str, at: Option<At>) -> Result<Vec<Hit>, SearchError> {
    Ok(engine.try_find_at(query, None, NOW, at)?.hits)
}

/// Why one report file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error("not UTF-8 text (byte {at}): is this a report file?")]
    NotText {
        at: usize,
        #[source]
        source: std::str::Utf8Error,
    },
}

/// A report file that could not be read, named as the editor knows it, with where and why
/// (`name:LINE:COLUMN: reason`, as `kb check --format short` names a content problem).
#[derive(Debug, thiserror::Error)]
#[error("{}", located(name, error))]
pub struct BadFile {
    pub name: String,
    #[source]
    pub error: FileError,
}

impl BadFile {
    /// The line the file broke at, when there is one.
    pub fn line(&self) -> Option<usize> {
        match &self.error {
            FileError::Report(ReportError::Json { line, .. })
            | FileError::Report(ReportError::UnknownKind { line, .. }) => Some(*line),
            _ => None,
        }
    }
}

fn located(name: &str, e: &FileError) -> String {
    match e {
        FileError::Report(ReportError::Json {
            line,
            column,
            reason,
            ..
        }) => format!("{name}:{line}:{column}: {reason}"),
        FileError::Report(ReportError::UnknownKind { line, kind }) => {
            format!("{name}:{line}: unknown kind `{kind}`: expected report, episode, flag or found")
        }
        other => format!("{name}: {other}"),
    }
}

/// Every report in one file's bytes (a desk's export or a collector's JSON Lines).
pub fn read_report_file(name: &str, bytes: &[u8]) -> Result<Vec<Report>, BadFile> {
    let bad = |error| BadFile {
        name: name.to_string(),
        error,
    };
    let text = std::str::from_utf8(bytes).map_err(|source| {
        bad(FileError::NotText {
            at: source.valid_up_to() + 1,
            source,
        })
    })?;
    parse_reports(text).map_err(|e| bad(e.into()))
}

/// The report files opened, by name: a file opened again replaces its earlier copy, and one that
/// cannot be read leaves the set as it was. The merge is `desk::report`'s (an episode read in two
/// files counts once).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportFiles {
    files: BTreeMap<String, Vec<Report>>,
}

impl ReportFiles {
    /// Reads `files` (name, bytes) into the set; returns those that could not be read.
    pub fn add(&mut self, files: Vec<(String, Vec<u8>)>) -> Vec<BadFile> {
        let mut bad = Vec::new();
        for (name, bytes) in files {
            match read_report_file(&name, &bytes) {
                Ok(reports) => drop(self.files.insert(name, reports)),
                Err(e) => bad.push(e),
            }
        }
        bad
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The files' names, in name order.
    pub fn names(&self) -> Vec<String> {
        self.files.keys().cloned().collect()
    }

    /// Every report of every file (one per desk).
    pub fn reports(&self) -> Vec<Report> {
        self.files.values().flatten().cloned().collect()
    }

    /// The earliest and latest moment the reports cover, ms since the epoch.
    pub fn span(&self) -> Option<(f64, f64)> {
        let all = self.files.values().flatten();
        all.fold(None, |acc, r| match acc {
            None => Some((r.from, r.to)),
            Some((a, b)) => Some((r.from.min(a), r.to.max(b))),
        })
    }
}

/// The shape of `Dismissed` in its stored envelope.
pub const DISMISSED_VERSION: u32 = 1;

/// The rows an editor dismissed, by their analysed form: another spelling of a dismissed
/// situation stays hidden, and so does the row when the next week's reports bring it again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dismissed(BTreeSet<String>);

impl Dismissed {
    pub fn dismiss(&mut self, query: &str) {
        self.0.insert(analysed(query));
    }

    pub fn contains(&self, query: &str) -> bool {
        self.0.contains(&analysed(query))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// In the desk's versioned envelope, for the browser's storage.
    pub fn encode(&self) -> String {
        encode(self, DISMISSED_VERSION)
    }

    /// What was stored; nothing (no row hidden) when it cannot be read.
    pub fn decode(raw: Option<&str>) -> Dismissed {
        decode_at(raw, DISMISSED_VERSION).into_value()
    }
}

/// The storage key of the dismissed rows, beside the studio's other keys of the deployment.
pub fn dismissed_key(base_path: &str) -> String {
    format!("cuecard:{base_path}:studio-gaps-dismissed")
}

/// The gaps the editor has not dismissed, in `gaps`' order, and how many were left out.
pub fn not_dismissed(gaps: Vec<Gap>, dismissed: &Dismissed) -> (Vec<Gap>, usize) {
    let before = gaps.len();
    let shown: Vec<Gap> = gaps
        .into_iter()
        .filter(|g| !dismissed.contains(&g.query))
        .collect();
    let hidden = before - shown.len();
    (shown, hidden)
}

/// What operators said about one card, beside the card's version in the folder.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagRow {
    pub flags: CardFlags,
    /// The card's version now (`Engine::card_version`); `None`: no such card in the folder.
    pub current: Option<String>,
}

impl FlagRow {
    /// Raised on another version than the card's now: it may have been fixed since.
    pub fn is_older(&self, version: &str) -> bool {
        self.current.as_deref().is_some_and(|now| now != version)
    }

    /// Every flag was raised on an earlier version of the card.
    pub fn may_be_fixed(&self) -> bool {
        self.current.is_some() && self.flags.versions.iter().all(|v| self.is_older(v))
    }
}

/// The flags of every report by card (`desk::report::flags_by_card`'s order), each card with its
/// version now, from `version_of` (the index of the folder as edited, or as published).
pub fn flag_rows(reports: &[Report], version_of: impl Fn(&str) -> Option<String>) -> Vec<FlagRow> {
    flags_by_card(reports)
        .into_iter()
        .map(|flags| FlagRow {
            current: version_of(&flags.card),
            flags,
        })
        .collect()
}

#[cfg(test)]
mod tests;
