//! The service worker (`sw.js`): this build's precache list, each file with its SHA-256, and
//! the version, a hash of that list.

#[cfg(not(target_arch = "wasm32"))]
use super::history::is_history_file;
use super::names::sha256_hex;
#[cfg(not(target_arch = "wasm32"))]
use super::studio::is_studio_file;
#[cfg(not(target_arch = "wasm32"))]
use super::{files::list_files, io, SiteError};
#[cfg(not(target_arch = "wasm32"))]
use std::path::Path;

/// The service worker's source; `kb site` fills in the build's version and file list.
const SW_TEMPLATE: &str = include_str!("sw.js");

/// The service worker's file name (not in its own precache list).
pub(crate) const SW: &str = "sw.js";

/// Where the precache list starts in a written `sw.js` (the template's `__FILES__` line).
const FILES_AT: &str = "const FILES = ";

/// The version of a site whose files (the worker excluded, sorted) have these SHA-256s: a hash
/// of every name and hash, the value the worker carries. It changes exactly when a file does.
pub(crate) fn version_of(hashed_files: &[(String, String)]) -> String {
    let mut listing = String::new();
    for (f, sha) in hashed_files {
        listing.push_str(&format!("{sha} {f}\n"));
    }
    sha256_hex(listing.as_bytes())[..16].to_string()
}

/// The precache list of a written `sw.js`: every file of its site but the worker, with its
/// SHA-256 (what `version_of` needs), or `None` when it holds none (not a Cuecard worker).
pub(crate) fn precache_list(sw: &str) -> Option<Vec<(String, String)>> {
    let rest = &sw[sw.find(FILES_AT)? + FILES_AT.len()..];
    serde_json::Deserializer::from_str(rest)
        .into_iter::<Vec<(String, String)>>()
        .next()?
        .ok()
}

/// The version of the site in `dir` as it stands (see `version_of`): the tests check with it
/// that a site `finish` or `publish` wrote has the version its worker carries.
#[cfg(test)]
pub(crate) fn version(dir: &Path) -> Result<String, SiteError> {
    Ok(version_of(&listing(dir)?))
}

/// Whether the worker lists (and so serves and counts in the version) a file of the site: all
/// but itself, the studio's and the publication history's — a desk neither precaches the studio
/// or old publications nor sees a new version when only they changed.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn precached(path: &str) -> bool {
    path != SW && !is_studio_file(path) && !is_history_file(path)
}

/// Every file the worker lists, with its SHA-256.
#[cfg(not(target_arch = "wasm32"))]
fn listing(dir: &Path) -> Result<Vec<(String, String)>, SiteError> {
    let mut hashed_files = Vec::new();
    for f in list_files(dir)?.into_iter().filter(|f| precached(f)) {
        let p = dir.join(&f);
        let bytes = std::fs::read(&p).map_err(io(&p))?;
        hashed_files.push((f, sha256_hex(&bytes)));
    }
    Ok(hashed_files)
}

/// Writes `sw.js` for the files now in `dir` (each with its SHA-256) and returns the build's
/// version, a hash of that list: it changes exactly when a file does.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_worker(dir: &Path) -> Result<String, SiteError> {
    let hashed_files = listing(dir)?;
    let version = version_of(&hashed_files);
    let sw_path = dir.join(SW);
    std::fs::write(&sw_path, service_worker(&version, &hashed_files)).map_err(io(&sw_path))?;
    Ok(version)
}

/// The service worker for this build: its cache name carries `version`, so an update installs
/// beside the old cache and replaces it only when activated — never a mix of two builds. Each
/// file is listed with its SHA-256, which the worker checks when it installs.
pub fn service_worker(version: &str, files: &[(String, String)]) -> String {
    let list = serde_json::to_string(files).expect("strings serialise");
    SW_TEMPLATE
        .replace("__VERSION__", version)
        .replace("__FILES__", &list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_worker_gives_back_its_list() {
        let files = vec![
            ("a.js".to_string(), sha256_hex(b"a")),
            ("index.html".to_string(), sha256_hex(b"<html>")),
        ];
        let sw = service_worker(&version_of(&files), &files);
        assert_eq!(precache_list(&sw), Some(files));
        assert_eq!(precache_list("self.addEventListener('fetch', f);"), None);
    }
}
