//! Names and hashing: content hashes, the shipped names of the index blobs
//! (`index-<lang>-<hash>.bin`), Subresource Integrity values.

#[cfg(not(target_arch = "wasm32"))]
use super::{io, SiteError};
use crate::content::Lang;
use sha2::{Digest, Sha256};
#[cfg(not(target_arch = "wasm32"))]
use std::path::Path;

/// A language's index as `finish` names it: `index-<lang>-<hash>.bin`.
pub(crate) fn is_index_blob(path: &str) -> bool {
    path.starts_with("index-") && path.ends_with(".bin") && !path.contains('/')
}

/// A language's index blob as the site ships it.
#[derive(Debug, Clone)]
pub struct ShippedIndex {
    pub lang: Lang,
    /// `index-<lang>-<hash>.bin`: named by its content, so a new index is a new file.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl ShippedIndex {
    pub fn new(lang: Lang, bytes: Vec<u8>) -> ShippedIndex {
        let name = format!("index-{}-{}.bin", lang.code(), &sha256_hex(&bytes)[..16]);
        ShippedIndex { lang, name, bytes }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A Subresource Integrity value: `sha256-` and the base64 of the digest.
pub fn sri(bytes: &[u8]) -> String {
    use base64::Engine;
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
    )
}

/// Whether `value` is a Subresource Integrity value of `bytes`: a `sha256-` one as `sri` writes,
/// or a `sha384-` one as Trunk writes for the stylesheet.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn sri_matches(value: &str, bytes: &[u8]) -> bool {
    use base64::Engine;
    match value.split_once('-') {
        Some(("sha256", _)) => sri(bytes) == value,
        Some(("sha384", v)) => {
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes)) == v
        }
        _ => false,
    }
}

/// Moves each `index/<lang>.bin` to its shipped name; in `Lang::ALL` order (as `kb publish`
/// writes them).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn name_index_blobs(
    dir: &Path,
    index_dir: &str,
) -> Result<Vec<ShippedIndex>, SiteError> {
    let folder = dir.join(index_dir);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&folder).map_err(io(&folder))? {
        let from = entry.map_err(io(&folder))?.path();
        let Some(code) = from
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".bin"))
        else {
            continue;
        };
        let lang = Lang::from_code(code).ok_or_else(|| SiteError::NotALanguage(from.clone()))?;
        let bytes = std::fs::read(&from).map_err(io(&from))?;
        let shipped = ShippedIndex::new(lang, bytes);
        std::fs::rename(&from, dir.join(&shipped.name)).map_err(io(&from))?;
        out.push(shipped);
    }
    if out.is_empty() {
        return Err(SiteError::NoBlobs(folder));
    }
    out.sort_by_key(|s| s.lang);
    std::fs::remove_dir_all(&folder).map_err(io(&folder))?;
    Ok(out)
}
