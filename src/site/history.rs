//! Publication history in the site's `history/`: what `kb history` lists, `kb rollback` restores.
//!
//! # The record format (`"format": 1`)
//!
//! One JSON file per publication in `history/`, `NNNN-UNIX.json` (`NNNN` its number, from 1, at least
//! four digits, so the names sort by time), written last, after the site's own files moved in:
//!
//! ```json
//! {
//!   "format": 1,
//!   "number": 7,
//!   "kind": "publish",
//!   "unix": 1764590461,
//!   "time": "2025-12-01T12:01:01Z",
//!   "by": "lan",
//!   "version": "3f2a…",
//!   "previous_version": "9c01…",
//!   "added": ["vi-…"], "changed": [], "removed": [],
//!   "procedures": 47,
//!   "files": { "index.html": "<sha256>", "index-vi-….bin": "<sha256>", "sw.js": "<sha256>", … }
//! }
//! ```
//!
//! `kind` is `"publish"` or `"rollback"`, or `"start"` for record 1 when the first publication
//! meets a site without history (the site as built, so that publication can be undone); a
//! rollback also has `"to"`, the version it restored
//! (its `version` is that version again: the restored worker's). `by` is `null` when not given.
//! `version` is the site's worker version after the publication (`worker::version_of` of its
//! precache list). `files` is every file that version is made of: the worker's precache list
//! (the page, the blobs, the app's files) and `sw.js` itself, each with its SHA-256. A file the
//! site no longer holds is kept in the history's `files/` under its `stored_name` (the blobs by their
//! own content-hashed names, any other file as `NAME-SHA256`), as long as one of the last
//! `KEEP` records names it; older records stay listed but cannot be restored. `history/` is
//! not part of the site a desk sees: `files::list_files` leaves it out, so neither the worker's
//! list, its version nor the size report count it.
//!
//! Everything here is pure, so `kb` and the studio run the same code: the planning functions
//! take the site's history as data (`History`: the records and the names in its `files/`)
//! and read bytes through a `SiteReader` (a folder on disk, natively in `history_disk`; the
//! files the studio read from the chosen site folder, a `BTreeMap`).

use super::names::{is_index_blob, sha256_hex};
use super::plan::{SiteFiles, SiteUpdate, SiteWrite};
use super::worker::{precache_list, version_of, SW};
use super::SiteError;
use crate::content::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Reads a file of a site by its path in the site (`sw.js`, `history/files/NAME`).
pub trait SiteReader {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>>;
}

/// A site's files already read, by path in the site (the studio's chosen site folder).
impl SiteReader for BTreeMap<String, Vec<u8>> {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        self.get(path).cloned().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "not in the site folder")
        })
    }
}

/// A site's history as the planning needs it: every record, oldest first, and the names of
/// the files in `history/files/`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub records: Vec<Record>,
    pub stored: BTreeSet<String>,
}

impl History {
    /// The history among a site folder's files as the studio reads them (paths relative to
    /// the folder, with or without its name first, as `SiteFiles::from_folder` takes them).
    pub fn from_folder(dir: &str, files: &[(String, Vec<u8>)]) -> Result<History, HistoryError> {
        let prefix = format!("{dir}/");
        let mut history = History::default();
        for (path, bytes) in files {
            let path = path.strip_prefix(&prefix).unwrap_or(path);
            let Some(rest) = path.strip_prefix(&format!("{HISTORY_DIR}/")) else {
                continue;
            };
            if let Some(name) = rest.strip_prefix("files/") {
                if !name.is_empty() && !name.contains('/') {
                    history.stored.insert(name.to_string());
                }
            } else if is_record_name(rest) {
                let full = Path::new(dir).join(path);
                let text = String::from_utf8_lossy(bytes);
                history.records.push(parse_record(&full, &text)?);
            }
        }
        history.records.sort_by_key(|r| r.number);
        Ok(history)
    }

    /// The newest record of the site's version `now` (the site as it stands).
    pub fn current(&self, now: Option<&str>) -> Option<&Record> {
        self.records
            .iter()
            .rev()
            .find(|r| Some(r.version.as_str()) == now)
    }
}

/// Whether a file name in `history/` is a record's (`NNNN-UNIX.json`).
pub(crate) fn is_record_name(name: &str) -> bool {
    let numbered = name
        .split('-')
        .next()
        .is_some_and(|n| n.parse::<u32>().is_ok());
    numbered && name.ends_with(".json") && !name.contains('/')
}

/// The history's folder in the site.
pub const HISTORY_DIR: &str = "history";
/// The record format this version writes and reads.
pub const HISTORY_FORMAT: u32 = 1;
/// How many publications stay restorable.
pub const KEEP: usize = 10;

/// Whether a path of the site is part of its history (never served as part of the site).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn is_history_file(path: &str) -> bool {
    path == HISTORY_DIR || path.starts_with(&format!("{HISTORY_DIR}/"))
}

/// What a record is the record of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The site as it stood before its first recorded publication (as built), so that the
    /// first publication can be undone too.
    Start,
    Publish,
    Rollback,
}

/// One publication, as `history/NNNN-UNIX.json` holds it (the format: the module's comment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub format: u32,
    pub number: u32,
    pub kind: Kind,
    /// A rollback's target version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub unix: i64,
    pub time: String,
    #[serde(default)]
    pub by: Option<String>,
    pub version: String,
    #[serde(default)]
    pub previous_version: Option<String>,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub procedures: usize,
    pub files: BTreeMap<String, String>,
}

impl Record {
    /// Its file's path in the site.
    pub fn path(&self) -> String {
        format!("{HISTORY_DIR}/{:04}-{}.json", self.number, self.unix)
    }
}

/// When, and by whom, a publication was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp {
    pub unix: i64,
    pub by: Option<String>,
}

impl Stamp {
    /// Now, by `by` (the studio takes the browser's clock).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn now(by: Option<String>) -> Stamp {
        let unix = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Stamp { unix, by }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(transparent)]
    Site(#[from] SiteError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not a publication record", path.display())]
    Record {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{}: record format {found}, this kb reads {HISTORY_FORMAT}: use a newer kb", path.display())]
    NewerFormat { path: PathBuf, found: u64 },
    #[error("{}: no publication recorded yet (kb publish records each one in {HISTORY_DIR}/)", .0.display())]
    Empty(PathBuf),
    #[error("{}: no earlier publication than the site's version {version} in its history", dir.display())]
    NoEarlier { dir: PathBuf, version: String },
    #[error("{}: no publication {wanted} in its history (kb history lists them)", dir.display())]
    Unknown { dir: PathBuf, wanted: String },
    #[error("cannot restore version {version} (record {number}): {} is gone (the site's {name}); the site is unchanged", stored.display())]
    MissingFile {
        number: u32,
        version: String,
        name: String,
        stored: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot restore version {version} (record {number}): {} is damaged (not the SHA-256 its record names); the site is unchanged", stored.display())]
    Damaged {
        number: u32,
        version: String,
        stored: PathBuf,
    },
}

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> HistoryError + '_ {
    move |source| HistoryError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The name under `history/files/` that keeps the file `name` whose SHA-256 is `sha`.
pub fn stored_name(name: &str, sha: &str) -> String {
    match is_index_blob(name) {
        true => name.to_string(),
        false => format!("{}-{sha}", name.replace('/', "~")),
    }
}

/// UTC time as RFC 3339 text (`2025-12-01T12:01:01Z`).
pub fn rfc3339(unix: i64) -> String {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    format!("{}T{h:02}:{m:02}:{s:02}Z", Date::from_days(days))
}

/// Reads one record, refusing a newer format than this version's.
pub fn parse_record(path: &Path, text: &str) -> Result<Record, HistoryError> {
    let bad = |source| HistoryError::Record {
        path: path.to_path_buf(),
        source,
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
    let found = value.get("format").and_then(|f| f.as_u64()).unwrap_or(0);
    if found > u64::from(HISTORY_FORMAT) {
        return Err(HistoryError::NewerFormat {
            path: path.to_path_buf(),
            found,
        });
    }
    serde_json::from_value(value).map_err(bad)
}

/// A file of the site, read through `files`; an error names it in the site.
fn read(
    site: &SiteFiles,
    files: &(impl SiteReader + ?Sized),
    path: &str,
) -> Result<Vec<u8>, HistoryError> {
    files.read(path).map_err(io(&site.dir.join(path)))
}

/// The site's files as they are now: what `SiteFiles` hashed, and `sw.js`.
pub(super) fn files_now(
    site: &SiteFiles,
    files: &(impl SiteReader + ?Sized),
) -> Result<BTreeMap<String, String>, HistoryError> {
    let mut now: BTreeMap<String, String> = site.files.iter().cloned().collect();
    if site.has_worker {
        now.insert(SW.into(), sha256_hex(&read(site, files, SW)?));
    }
    Ok(now)
}

/// The files a site is made of once `update` is applied: the new worker's list and itself.
fn files_after(update: &SiteUpdate) -> Option<BTreeMap<String, String>> {
    let sw = update.writes.iter().find(|w| w.path == SW)?;
    let mut files: BTreeMap<_, _> = precache_list(&String::from_utf8_lossy(&sw.bytes))?
        .into_iter()
        .collect();
    files.insert(SW.into(), sha256_hex(&sw.bytes));
    Some(files)
}

/// Adds the history to a publication planned for `site` (`plan_publish`, or `plan_rollback`):
/// before the site's files, the ones it replaces that one of the last `KEEP` records names are
/// written into `history/files/` (their bytes read through `files`); after them, the new
/// record; stored files no longer named are deleted. Returns the record (none for a plan that
/// changes nothing).
pub fn with_history(
    update: &mut SiteUpdate,
    site: &SiteFiles,
    history: &History,
    files: &(impl SiteReader + ?Sized),
    stamp: &Stamp,
) -> Result<Option<Record>, HistoryError> {
    keep_history(update, site, history, files, stamp, None)
}

/// `with_history`, for a publication or (`rollback_to` its target) a rollback.
pub(super) fn keep_history(
    update: &mut SiteUpdate,
    site: &SiteFiles,
    history: &History,
    files: &(impl SiteReader + ?Sized),
    stamp: &Stamp,
    rollback_to: Option<&str>,
) -> Result<Option<Record>, HistoryError> {
    let Some(after) = files_after(update) else {
        return Ok(None);
    };
    let records = &history.records;
    let p = &update.publication;
    let version = |files: &BTreeMap<String, String>| {
        version_of(
            &files
                .iter()
                .filter(|(f, _)| *f != SW)
                .map(|(f, s)| (f.clone(), s.clone()))
                .collect::<Vec<_>>(),
        )
    };
    // A site without history is recorded as it stands first: its files are then named, so the
    // ones this publication replaces are kept, and it can be rolled back to.
    let start = match (records.is_empty(), rollback_to, site.has_worker) {
        (true, None, true) => {
            let now = files_now(site, files)?;
            Some(Record {
                format: HISTORY_FORMAT,
                number: 1,
                kind: Kind::Start,
                to: None,
                unix: stamp.unix,
                time: rfc3339(stamp.unix),
                by: None,
                version: version(&now),
                previous_version: None,
                added: Vec::new(),
                changed: Vec::new(),
                removed: Vec::new(),
                procedures: (p.count + p.removed.len()).saturating_sub(p.added.len()),
                files: now,
            })
        }
        _ => None,
    };
    let record = Record {
        format: HISTORY_FORMAT,
        number: start
            .as_ref()
            .or(records.last())
            .map_or(1, |r| r.number + 1),
        kind: match rollback_to {
            None => Kind::Publish,
            Some(_) => Kind::Rollback,
        },
        to: rollback_to.map(String::from),
        unix: stamp.unix,
        time: rfc3339(stamp.unix),
        by: stamp.by.clone(),
        version: version(&after),
        previous_version: p.old_version.clone(),
        added: p.added.clone(),
        changed: p.changed.clone(),
        removed: p.removed.clone(),
        procedures: p.count,
        files: after,
    };
    let kept = records
        .iter()
        .rev()
        .take(KEEP - 1)
        .chain(start.as_ref())
        .chain([&record]);
    let named: BTreeSet<String> = kept
        .flat_map(|r| r.files.iter().map(|(f, s)| stored_name(f, s)))
        .collect();
    let mut keep = Vec::new();
    for (name, sha) in files_now(site, files)? {
        let stored = stored_name(&name, &sha);
        let replaced = record.files.get(&name) != Some(&sha);
        if replaced && named.contains(&stored) && !history.stored.contains(&stored) {
            keep.push(SiteWrite {
                path: format!("{HISTORY_DIR}/files/{stored}"),
                bytes: read(site, files, &name)?,
            });
        }
    }
    update.writes.splice(0..0, keep);
    for stored in history.stored.iter().filter(|s| !named.contains(*s)) {
        update.deletes.push(format!("{HISTORY_DIR}/files/{stored}"));
    }
    for r in start.iter().chain([&record]) {
        let json = serde_json::to_string_pretty(r).expect("a record serialises");
        update.writes.push(SiteWrite {
            path: r.path(),
            bytes: format!("{json}\n").into_bytes(),
        });
    }
    Ok(Some(record))
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
