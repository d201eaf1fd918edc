//! A publication as a plan: from what a built site holds (`SiteFiles`, in memory) and the new
//! content, every decision and every byte of `kb publish` — the files to write in the order
//! they must be moved in, the old files to delete, and what changed. No file system here, so
//! `kb publish` (native, `publish`) and the studio (wasm, in the page) run the same code.

use super::compress::copies;
use super::html::current_indexes;
use super::html::{check_page, point_at_indexes, PageProblem};
use super::names::{sha256_hex, ShippedIndex};
use super::worker::{precache_list, version_of, SW};
use super::SiteError;
use super::{page_problem, worker::service_worker};
use crate::content::Procedure;
use crate::content::Synonyms;
use crate::search::{build_blobs, read_procedures, BlobError, SearchError};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What a publication needs to know of a built site, read once (natively from its folder by
/// `SiteFiles::read`; in the studio from the served site with `SiteFiles::from_worker`).
#[derive(Debug, Clone, PartialEq)]
pub struct SiteFiles {
    /// Where the site is, for messages: a path natively, the folder's name or URL in the studio.
    pub dir: PathBuf,
    /// `index.html` as it is.
    pub page: String,
    /// Every file of the site but `sw.js` and the `.gz`/`.br` copies, sorted by name, with its
    /// SHA-256 in hex: the site's version and the new worker's list are made of these.
    pub files: Vec<(String, String)>,
    /// Whether the site has a worker (`sw.js`); without one there is no old version.
    pub has_worker: bool,
    /// The bytes of the index blobs the page points at, by file name; one missing here counts
    /// as holding no procedures (they are all "added").
    pub blobs: BTreeMap<String, Vec<u8>>,
}

impl SiteFiles {
    /// A served site as the studio can fetch it: the page, its `sw.js` (whose precache list is
    /// every other file with its SHA-256, as `kb site` or `kb publish` wrote it) and the blobs
    /// the page points at (`current_indexes`).
    pub fn from_worker(
        dir: impl Into<PathBuf>,
        page: String,
        sw: &str,
        blobs: BTreeMap<String, Vec<u8>>,
    ) -> Result<SiteFiles, SiteError> {
        let dir = dir.into();
        let mut files = precache_list(sw).ok_or_else(|| SiteError::NoWorkerList(dir.clone()))?;
        files.sort();
        Ok(SiteFiles {
            dir,
            page,
            files,
            has_worker: true,
            blobs,
        })
    }

    /// A site folder as the studio reads it (a folder input or a directory handle): its
    /// top-level files by name, with or without the folder's own name first.
    pub fn from_folder(dir: &str, files: &[(String, Vec<u8>)]) -> Result<SiteFiles, SiteError> {
        let prefix = format!("{dir}/");
        let top = |name: &str| {
            files
                .iter()
                .find(|(p, _)| p.strip_prefix(&prefix).unwrap_or(p) == name)
                .map(|(_, b)| b)
        };
        let not_a_site = || SiteError::NotASite(PathBuf::from(dir));
        let page = String::from_utf8_lossy(top("index.html").ok_or_else(not_a_site)?).into_owned();
        let sw =
            String::from_utf8_lossy(top(SW).ok_or_else(|| SiteError::NoWorkerList(dir.into()))?)
                .into_owned();
        let blobs = current_indexes(&page)
            .into_iter()
            .filter_map(|(_, name)| Some((name.clone(), top(&name)?.clone())))
            .collect();
        SiteFiles::from_worker(dir, page, &sw, blobs)
    }

    /// The version the site's worker carries now (none without a worker).
    pub fn version(&self) -> Option<String> {
        self.has_worker.then(|| version_of(&self.files))
    }

    /// Whether the site already holds exactly these bytes under this name.
    fn holds(&self, name: &str, sha: &str) -> bool {
        self.files.iter().any(|(f, s)| f == name && s == sha)
    }
}

/// One file a publication writes, at its path relative to the site.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteWrite {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything a publication does to a site: `writes` moved in in this order, then `deletes`
/// removed (where present). Empty for unchanged content.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteUpdate {
    pub publication: Publication,
    /// New blobs first (new names: harmless to old desks), then the page, then the worker —
    /// a worker installed before the page changed would find the old page and refuse to
    /// install, never mix. Each file is followed by its `.gz`/`.br`.
    pub writes: Vec<SiteWrite>,
    /// The replaced blobs and their compressed copies (an unchanged language keeps its file).
    pub deletes: Vec<String>,
}

/// What a publication changed. (Serde: the studio's worker sends it to the page.)
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// Added, changed and removed procedure ids between two contents.
pub(crate) fn compare(
    old: &[Procedure],
    new: &[Procedure],
) -> (Vec<String>, Vec<String>, Vec<String>) {
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

/// A file and its precompressed copies, in the order they are moved in.
fn with_copies(path: &str, bytes: Vec<u8>) -> impl Iterator<Item = SiteWrite> {
    let compressed = copies(path, &bytes);
    std::iter::once(SiteWrite {
        path: path.to_string(),
        bytes,
    })
    .chain(
        compressed
            .into_iter()
            .map(|(path, bytes)| SiteWrite { path, bytes }),
    )
}

/// Plans the replacement of the site's content by `procedures` (already checked). The site
/// must have been finished by `finish` (a `scripts/build.sh` output, or a copy of it): a
/// page without index tags, or whose blobs are in another format than this version writes, is
/// refused.
pub fn plan_publish(
    procedures: &[Procedure],
    synonyms: &Synonyms,
    site: &SiteFiles,
) -> Result<SiteUpdate, SiteError> {
    let refuse = |p| page_problem(&site.dir)(p);
    let old_indexes: Vec<String> = current_indexes(&site.page)
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    if old_indexes.is_empty() {
        return Err(refuse(PageProblem::NoIndexMeta));
    }
    let mut old_procs = Vec::new();
    for old in &old_indexes {
        match site.blobs.get(old).map(|b| read_procedures(b)) {
            Some(Ok(procs)) => old_procs.extend(procs),
            // The site's app reads the format its own build wrote: a blob in another one would
            // leave the page saying "damaged index" after a publication that looked successful.
            Some(Err(SearchError::Blob(BlobError::UnsupportedFormat { found, expected }))) => {
                return Err(refuse(PageProblem::OtherFormat { found, expected }))
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
    let old_version = site.version();
    let mut publication = Publication {
        old_indexes: old_indexes.clone(),
        new_indexes: new_indexes.clone(),
        new_version: old_version.clone().unwrap_or_default(),
        old_version,
        added,
        changed,
        removed,
        count: procedures.len(),
    };
    if publication.is_noop() {
        return Ok(SiteUpdate {
            publication,
            writes: Vec::new(),
            deletes: Vec::new(),
        });
    }

    let new_page = point_at_indexes(&site.page, &blobs).map_err(refuse)?;
    check_page(&new_page).map_err(refuse)?;
    // The new site's files: the old ones without the replaced blobs, with the new page and blobs.
    let mut listing: BTreeMap<String, String> = site
        .files
        .iter()
        .filter(|(f, _)| !old_indexes.contains(f) && f != "index.html" && f != SW)
        .cloned()
        .collect();
    listing.insert("index.html".into(), sha256_hex(new_page.as_bytes()));
    let mut writes = Vec::new();
    for b in blobs {
        let sha = sha256_hex(&b.bytes);
        // An unchanged language's blob is already there, byte for byte (its name is its hash).
        if !site.holds(&b.name, &sha) {
            writes.extend(with_copies(&b.name, b.bytes));
        }
        listing.insert(b.name, sha);
    }
    let listing: Vec<(String, String)> = listing.into_iter().collect();
    publication.new_version = version_of(&listing);
    let worker = service_worker(&publication.new_version, &listing);
    writes.extend(with_copies("index.html", new_page.into_bytes()));
    writes.extend(with_copies(SW, worker.into_bytes()));
    let deletes = old_indexes
        .iter()
        .filter(|o| !new_indexes.contains(o))
        .flat_map(|old| [old.clone(), format!("{old}.gz"), format!("{old}.br")])
        .collect();
    Ok(SiteUpdate {
        publication,
        writes,
        deletes,
    })
}
