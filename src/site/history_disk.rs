//! The site's history on disk, for `kb publish`, `kb history` and `kb rollback`: the records
//! and the stored files' names read from `history/` (`History::read`), and the site folder as a
//! `SiteReader`; the planning itself is `history`'s, the same code the studio runs.

use super::history::{io, is_record_name, parse_record, History, HistoryError, SiteReader};
use super::history::{Record, HISTORY_DIR};
use std::path::Path;

/// A site folder on disk, its files read by their path in it.
impl SiteReader for Path {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.join(path))
    }
}

/// Every record of the site in `dist`, oldest first (none without a history).
pub fn read_history(dist: &Path) -> Result<Vec<Record>, HistoryError> {
    let dir = dist.join(HISTORY_DIR);
    let mut records = Vec::new();
    for name in file_names(&dir)? {
        if is_record_name(&name) {
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path).map_err(io(&path))?;
            records.push(parse_record(&path, &text)?);
        }
    }
    records.sort_by_key(|r| r.number);
    Ok(records)
}

/// The names of the files in `dir` (none when it does not exist).
fn file_names(dir: &Path) -> Result<Vec<String>, HistoryError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(dir)(e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(dir))?;
        if entry.path().is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    Ok(names)
}

impl History {
    /// The history of the site in `dist`: its records and the files kept in `history/files/`.
    pub fn read(dist: &Path) -> Result<History, HistoryError> {
        let stored = file_names(&dist.join(HISTORY_DIR).join("files"))?;
        Ok(History {
            records: read_history(dist)?,
            stored: stored.into_iter().collect(),
        })
    }
}
