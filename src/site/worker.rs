//! The service worker (`sw.js`): this build's precache list, each file with its SHA-256, and
//! the version, a hash of that list.

use super::files::list_files;
use super::names::sha256_hex;
use super::studio::is_studio_file;
use super::{io, SiteError};
use std::path::Path;

/// The service worker's source; `kb site` fills in the build's version and file list.
const SW_TEMPLATE: &str = include_str!("sw.js");

/// The service worker's file name (not in its own precache list).
pub(crate) const SW: &str = "sw.js";

/// The version of the site in `dir` as it stands: a hash of every file's name and SHA-256 (the
/// worker and the studio excluded), the value `write_worker` writes into `sw.js`. It changes exactly when a
/// file does, so a site that `finish` or `publish` wrote has the version its worker carries.
pub(crate) fn version(dir: &Path) -> Result<String, SiteError> {
    Ok(listing(dir)?.0)
}

/// The version and every file but the worker with its SHA-256.
fn listing(dir: &Path) -> Result<(String, Vec<(String, String)>), SiteError> {
    let mut listing = String::new();
    let mut hashed_files = Vec::new();
    // The studio is not the desk's: the worker neither precaches nor serves it, and a new
    // studio is no new version of the desk.
    for f in list_files(dir)?
        .into_iter()
        .filter(|f| f != SW && !is_studio_file(f))
    {
        let p = dir.join(&f);
        let bytes = std::fs::read(&p).map_err(io(&p))?;
        let sha = sha256_hex(&bytes);
        listing.push_str(&format!("{sha} {f}\n"));
        hashed_files.push((f, sha));
    }
    let version = sha256_hex(listing.as_bytes())[..16].to_string();
    Ok((version, hashed_files))
}

/// Writes `sw.js` for the files now in `dir` (each with its SHA-256) and returns the build's
/// version, a hash of that list: it changes exactly when a file does.
pub(crate) fn write_worker(dir: &Path) -> Result<String, SiteError> {
    let (version, hashed_files) = listing(dir)?;
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
