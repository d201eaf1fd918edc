//! Publishes new content into an already built site, without the wasm toolchain: new hashed
//! index blobs (one per language; an unchanged language keeps its file), the page pointed at them, a new service-worker list and version, `.gz`/`.br` copies.
//! Everything is written beside the site first and moved in at the end, so a failure leaves the
//! old site as it was.

use super::compress::compress;
use super::files::list_files;
use super::names::ShippedIndex;
use super::page::{check_page, current_indexes, point_at_indexes, PageProblem};
use super::worker::{write_worker, SW};
use super::{io, page_problem, SiteError};
use crate::content::Procedure;
use crate::search::{build_blobs, read_procedures, BlobError, SearchError, Synonyms};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a publication changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Publication {
    /// The blobs the page pointed at before, and those it points at now (equal: nothing to do).
    pub old_indexes: Vec<String>,
    pub new_indexes: Vec<String>,
    /// The service worker's version before and after (desks notice a new version).
    pub old_version: Option<String>,
    pub new_version: String,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// Procedures in the new content.
    pub count: usize,
}

impl Publication {
    pub fn is_noop(&self) -> bool {
        let sorted = |v: &[String]| {
            let mut v = v.to_vec();
            v.sort();
            v
        };
        sorted(&self.old_indexes) == sorted(&self.new_indexes)
    }
}

/// The version of the site the desks have now (none without a worker): the site module's
/// hash of its files, which is what its worker carries.
fn worker_version(dist: &Path) -> Option<String> {
    if !dist.join(SW).is_file() {
        return None;
    }
    super::worker::version(dist).ok()
}

/// Added, changed and removed procedure ids between two contents.
fn compare(old: &[Procedure], new: &[Procedure]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let before: BTreeMap<&str, &Procedure> = old.iter().map(|p| (p.id.as_str(), p)).collect();
    let after: BTreeMap<&str, &Procedure> = new.iter().map(|p| (p.id.as_str(), p)).collect();
    let added = after
        .keys()
        .filter(|id| !before.contains_key(*id))
        .map(|s| s.to_string())
        .collect();
    let changed = after
        .iter()
        .filter(|(id, p)| before.get(*id).is_some_and(|o| o != *p))
        .map(|(id, _)| id.to_string())
        .collect();
    let removed = before
        .keys()
        .filter(|id| !after.contains_key(*id))
        .map(|s| s.to_string())
        .collect();
    (added, changed, removed)
}

/// A scratch folder inside the site (same file system, so moving out of it is a rename),
/// removed however the publication ends.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Replaces the site's content by `procedures` (already checked). The site must have been
/// finished by `finish` (a `trunk build --release` output, or a copy of it).
pub fn publish(
    procedures: &[Procedure],
    synonyms: &Synonyms,
    dist: &Path,
) -> Result<Publication, SiteError> {
    let page_path = dist.join("index.html");
    let page = std::fs::read_to_string(&page_path).map_err(io(&page_path))?;
    let old_indexes: Vec<String> = current_indexes(&page).into_iter().map(|(_, f)| f).collect();
    if old_indexes.is_empty() {
        return Err(page_problem(dist)(PageProblem::NoIndexMeta));
    }
    let mut old_procs = Vec::new();
    for old in &old_indexes {
        match std::fs::read(dist.join(old)).map(|b| read_procedures(&b)) {
            Ok(Ok(procs)) => old_procs.extend(procs),
            // The site's app reads the format its own build wrote: a blob in another one would
            // leave the page saying "damaged index" after a publication that looked successful.
            Ok(Err(SearchError::Blob(BlobError::UnsupportedFormat { found, expected }))) => {
                return Err(page_problem(dist)(PageProblem::OtherFormat {
                    found,
                    expected,
                }))
            }
            // A missing or unreadable old blob: its procedures count as added.
            _ => {}
        }
    }
    let blobs: Vec<ShippedIndex> = build_blobs(procedures, synonyms)?
        .into_iter()
        .map(|b| ShippedIndex::new(b.lang, b.bytes))
        .collect();
    let new_indexes: Vec<String> = blobs.iter().map(|b| b.name.clone()).collect();
    let (added, changed, removed) = compare(&old_procs, procedures);
    let old_version = worker_version(dist);
    let mut report = Publication {
        old_indexes: old_indexes.clone(),
        new_indexes: new_indexes.clone(),
        new_version: old_version.clone().unwrap_or_default(),
        old_version,
        added,
        changed,
        removed,
        count: procedures.len(),
    };
    if report.is_noop() {
        return Ok(report);
    }

    // Stage: a copy of the site's small files plus the new blob, finished there.
    let scratch = Scratch(dist.join(format!(".publish-{}", std::process::id())));
    let stage = &scratch.0;
    let _ = std::fs::remove_dir_all(stage);
    std::fs::create_dir_all(stage).map_err(io(stage))?;
    let new_page = point_at_indexes(&page, &blobs).map_err(page_problem(dist))?;
    check_page(&new_page).map_err(page_problem(dist))?;
    for f in list_files(dist)? {
        if old_indexes.contains(&f) || f == SW || f == "index.html" {
            continue;
        }
        // Unchanged files: hard links where possible (no copy of a large wasm), else copies.
        let (from, to) = (dist.join(&f), stage.join(&f));
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).map_err(io(&from))?;
        }
    }
    let staged_page = stage.join("index.html");
    std::fs::write(&staged_page, &new_page).map_err(io(&staged_page))?;
    for b in &blobs {
        let staged_blob = stage.join(&b.name);
        std::fs::write(&staged_blob, &b.bytes).map_err(io(&staged_blob))?;
    }
    report.new_version = write_worker(stage)?;
    let mut moved = Vec::new();
    let written = new_indexes
        .iter()
        .map(String::as_str)
        .chain(["index.html", SW]);
    for f in written {
        compress(stage, f)?;
        for name in [f.to_string(), format!("{f}.gz"), format!("{f}.br")] {
            if stage.join(&name).exists() {
                moved.push(name);
            }
        }
    }

    // Move in: the new blobs first (new names, harmless), then the page, then the worker (a
    // worker installed before the page changed would find the old page and refuse to install,
    // never mix), then the old blobs go (an unchanged language's stays: same name).
    for name in &moved {
        let (from, to) = (stage.join(name), dist.join(name));
        std::fs::rename(&from, &to).map_err(io(&to))?;
    }
    for old in old_indexes.iter().filter(|o| !new_indexes.contains(o)) {
        for name in [old.clone(), format!("{old}.gz"), format!("{old}.br")] {
            let _ = std::fs::remove_file(dist.join(name));
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_dir;
    use crate::search::BLOB_FORMAT;

    fn content() -> Vec<Procedure> {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap()
    }

    /// A finished site like `trunk build --release` writes, with the real content's blob.
    fn site(procs: &[Procedure]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'\">\n<meta name=\"cuecard-index\" content=\"index.bin\"><link rel=\"modulepreload\" href=\"./app-1.js\"><script type=\"module\" src=\"./boot.js\" data-js=\"./app-1.js\" data-wasm=\"./app-1.wasm\"></script></head><body></body></html>";
        std::fs::write(d.path().join("index.html"), page).unwrap();
        std::fs::create_dir(d.path().join("index")).unwrap();
        for b in build_blobs(procs, &Synonyms::default()).unwrap() {
            let path = d.path().join(format!("index/{}.bin", b.lang.code()));
            std::fs::write(path, b.bytes).unwrap();
        }
        std::fs::write(d.path().join("boot.js"), b"// boot").unwrap();
        std::fs::write(d.path().join("app-1.wasm"), vec![7u8; 4000]).unwrap();
        std::fs::write(d.path().join("app-1.js"), b"// glue").unwrap();
        crate::site::finish(d.path(), None).unwrap();
        d
    }

    fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            out.insert(
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            );
        }
        out
    }

    #[test]
    fn new_content_gets_a_new_blob_page_and_worker_version() {
        let mut procs = content();
        let d = site(&procs);
        let before = snapshot(d.path());
        let old_version = worker_version(d.path()).unwrap();
        let sw = std::fs::read_to_string(d.path().join("sw.js")).unwrap();
        assert!(
            sw.contains(&format!("const VERSION = \"{old_version}\"")),
            "the version of the built site is the one its worker carries"
        );

        let same = publish(&procs, &Synonyms::default(), d.path()).unwrap();
        assert!(same.is_noop());
        assert_eq!(
            snapshot(d.path()),
            before,
            "unchanged content: nothing written"
        );

        // Vietnamese content changes; Chinese and Russian do not.
        let vi = |p: &Procedure| p.lang == crate::content::Lang::Vi;
        let first = procs.iter().position(vi).unwrap();
        procs[first].title.push_str(" (sửa)");
        let last = procs.iter().rposition(vi).unwrap();
        let removed = procs.remove(last).id;
        let mut extra = procs[first].clone();
        extra.id = "vi-the-moi".into();
        procs.push(extra);
        let r = publish(&procs, &Synonyms::default(), d.path()).unwrap();
        assert_eq!(r.added, ["vi-the-moi"]);
        assert_eq!(r.changed, [procs[first].id.clone()]);
        assert_eq!(r.removed, [removed]);
        assert_ne!(r.new_version, old_version);
        assert_eq!(worker_version(d.path()), Some(r.new_version.clone()));
        let sw = std::fs::read_to_string(d.path().join("sw.js")).unwrap();
        assert!(
            sw.contains(&format!("const VERSION = \"{}\"", r.new_version)),
            "the worker carries the version"
        );
        let page = std::fs::read_to_string(d.path().join("index.html")).unwrap();
        let pointed: Vec<String> = current_indexes(&page).into_iter().map(|(_, f)| f).collect();
        assert_eq!(pointed, r.new_indexes);
        let mut read_back = Vec::new();
        for name in &r.new_indexes {
            let blob = std::fs::read(d.path().join(name)).unwrap();
            assert!(page.contains(&crate::site::sri(&blob)));
            read_back.extend(read_procedures(&blob).unwrap());
            assert!(d.path().join(format!("{name}.gz")).exists());
        }
        let key = |p: &Procedure| p.id.clone();
        let (mut a, mut b) = (read_back, procs.clone());
        a.sort_by_key(key);
        b.sort_by_key(key);
        assert_eq!(a, b);
        // Only the Vietnamese blob is new; the others keep their names (desks keep them cached).
        let kept: Vec<&String> = r
            .new_indexes
            .iter()
            .filter(|n| r.old_indexes.contains(n))
            .collect();
        assert_eq!(kept.len(), 2, "{:?} -> {:?}", r.old_indexes, r.new_indexes);
        assert!(kept.iter().all(|n| !n.starts_with("index-vi-")));
        let sw = std::fs::read_to_string(d.path().join("sw.js")).unwrap();
        for old in r.old_indexes.iter().filter(|o| !r.new_indexes.contains(o)) {
            assert!(!d.path().join(old).exists(), "the old blob is gone");
            assert!(!d.path().join(format!("{old}.br")).exists());
            assert!(!sw.contains(old.as_str()));
        }
        assert!(r.new_indexes.iter().all(|n| sw.contains(n.as_str())));
        assert!(
            !snapshot(d.path()).keys().any(|k| k.starts_with(".publish")),
            "no scratch left"
        );
    }

    #[test]
    fn a_site_built_for_another_index_format_is_refused_untouched() {
        let procs = content();
        let d = site(&procs);
        let page = std::fs::read_to_string(d.path().join("index.html")).unwrap();
        let blob = d.path().join(&current_indexes(&page)[1].1);
        let mut old = std::fs::read(&blob).unwrap();
        old[8..12].copy_from_slice(&(BLOB_FORMAT - 1).to_le_bytes());
        std::fs::write(&blob, &old).unwrap();
        let before = snapshot(d.path());
        let err = publish(&procs, &Synonyms::default(), d.path())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("reads index format {}", BLOB_FORMAT - 1))
                && err.contains("rebuild the site"),
            "{err}"
        );
        assert_eq!(snapshot(d.path()), before);
    }

    #[test]
    fn a_folder_that_is_not_a_built_site_is_refused_untouched() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("index.html"), "<html></html>").unwrap();
        let err = publish(&content(), &Synonyms::default(), d.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("is this a Cuecard build?"), "{err}");
        assert_eq!(snapshot(d.path()).len(), 1);
    }
}
