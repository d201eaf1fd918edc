//! A rollback as a plan: the record to go back to (by version or number, or the newest that is
//! not the site's now) and the `SiteUpdate` that puts its files back from the site and
//! the files its history keeps, recorded as a publication of its own (`history`'s `keep_history`), so
//! `kb rollback` and the studio's Restore carry it out like any publication.

use super::compress::copies;
use super::history::{
    files_now, keep_history, stored_name, History, HistoryError, Record, SiteReader, Stamp,
    HISTORY_DIR,
};
use super::html::current_indexes;
use super::names::{is_index_blob, sha256_hex};
use super::plan::{compare, Publication, SiteFiles, SiteUpdate, SiteWrite};
use super::worker::SW;
use crate::search::read_procedures;
use std::collections::BTreeMap;
use std::path::Path;
/// A rollback as a plan: the publication it restores, the update (history included) and the
/// record it adds (none when the site is at that version already).
#[derive(Debug, Clone)]
pub struct Rollback {
    pub target: Record,
    pub update: SiteUpdate,
    pub record: Option<Record>,
}

/// The record `wanted` names (a version, else a record number), or without it the newest whose
/// version is not the site's now (`current`).
fn choose(
    dir: &Path,
    history: &[Record],
    current: Option<&str>,
    wanted: Option<&str>,
) -> Result<Record, HistoryError> {
    let found = match wanted {
        None => history
            .iter()
            .rev()
            .find(|r| Some(r.version.as_str()) != current),
        Some(w) => history.iter().rev().find(|r| r.version == w).or_else(|| {
            let n = w.trim_start_matches('#').parse::<u32>().ok()?;
            history.iter().find(|r| r.number == n)
        }),
    };
    found.cloned().ok_or_else(|| match wanted {
        None => HistoryError::NoEarlier {
            dir: dir.to_path_buf(),
            version: current.unwrap_or("?").to_string(),
        },
        Some(w) => HistoryError::Unknown {
            dir: dir.to_path_buf(),
            wanted: w.to_string(),
        },
    })
}

/// Plans the site's return to the publication `wanted` names (`kb history`'s version or record
/// number; none: the newest one whose version is not the site's now). Its files are taken from
/// the site where it still holds them, else from `history/files/` (a file gone from there is
/// refused, naming it, before anything is written); `SiteUpdate::apply` (or the studio's
/// writes) then moves them in in `plan_publish`'s order (blobs, page, worker) and the record
/// says `"kind": "rollback"`. `history` is the site's, `files` reads its files.
pub fn plan_rollback(
    site: &SiteFiles,
    history: &History,
    files: &(impl SiteReader + ?Sized),
    wanted: Option<&str>,
    stamp: &Stamp,
) -> Result<Rollback, HistoryError> {
    if history.records.is_empty() {
        return Err(HistoryError::Empty(site.dir.clone()));
    }
    let current = site.version();
    let target = choose(&site.dir, &history.records, current.as_deref(), wanted)?;
    let now = files_now(site, files)?;
    // The target's bytes of a file, from the site or the history.
    let bytes_of = |name: &str, sha: &str| -> Result<Option<Vec<u8>>, HistoryError> {
        if now.get(name).map(String::as_str) == Some(sha) {
            return Ok(None);
        }
        let name_there = stored_name(name, sha);
        let path = format!("{HISTORY_DIR}/files/{name_there}");
        let stored = site.dir.join(&path);
        let listed = match history.stored.contains(&name_there) {
            true => files.read(&path),
            false => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not in the history's files",
            )),
        };
        let bytes = listed.map_err(|source| HistoryError::MissingFile {
            number: target.number,
            version: target.version.clone(),
            name: name.to_string(),
            stored: stored.clone(),
            source,
        })?;
        match sha256_hex(&bytes) == sha {
            true => Ok(Some(bytes)),
            false => Err(HistoryError::Damaged {
                number: target.number,
                version: target.version.clone(),
                stored,
            }),
        }
    };
    let last = |f: &str| match f {
        "index.html" => 1,
        SW => 2,
        _ => 0,
    };
    let mut order: Vec<(&String, &String)> = target.files.iter().collect();
    order.sort_by_key(|(f, _)| last(f));
    let (mut writes, mut page) = (Vec::new(), site.page.clone());
    let mut target_blobs = BTreeMap::new();
    for (name, sha) in order {
        let restored = bytes_of(name, sha)?;
        if name == "index.html" {
            if let Some(b) = &restored {
                page = String::from_utf8_lossy(b).into_owned();
            }
        }
        if is_index_blob(name) {
            let blob = restored.clone().or_else(|| site.blobs.get(name).cloned());
            target_blobs.insert(name.clone(), blob.unwrap_or_default());
        }
        if let Some(bytes) = restored {
            let compressed = copies(name, &bytes);
            writes.push(SiteWrite {
                path: name.clone(),
                bytes,
            });
            writes.extend(
                compressed
                    .into_iter()
                    .map(|(path, bytes)| SiteWrite { path, bytes }),
            );
        }
    }
    let old_indexes: Vec<String> = current_indexes(&site.page)
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    let new_indexes: Vec<String> = current_indexes(&page).into_iter().map(|(_, f)| f).collect();
    let procedures = |blobs: &mut dyn Iterator<Item = &Vec<u8>>| {
        blobs
            .flat_map(|b| read_procedures(b).unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let before = procedures(&mut site.blobs.values());
    let after = procedures(&mut target_blobs.values());
    let (added, changed, removed) = compare(&before, &after);
    let deletes = old_indexes
        .iter()
        .filter(|o| !target.files.contains_key(*o))
        .flat_map(|old| [old.clone(), format!("{old}.gz"), format!("{old}.br")])
        .collect();
    let mut update = SiteUpdate {
        publication: Publication {
            old_indexes,
            new_indexes,
            old_version: current.clone(),
            new_version: target.version.clone(),
            added,
            changed,
            removed,
            count: after.len(),
        },
        writes,
        deletes,
    };
    if current.as_deref() == Some(target.version.as_str()) {
        update.writes.clear();
        update.deletes.clear();
        return Ok(Rollback {
            target,
            update,
            record: None,
        });
    }
    let record = keep_history(
        &mut update,
        site,
        history,
        files,
        stamp,
        Some(&target.version),
    )?;
    Ok(Rollback {
        target,
        update,
        record,
    })
}
