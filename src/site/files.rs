//! What a site holds: its files, without the precompressed copies or its history.

use super::history::is_history_file;
use super::{io, SiteError, UPDATE_NOTE};
use std::path::Path;

/// Every file under `dir` (relative, `/`-separated, sorted), without precompressed copies.
pub(crate) fn list_files(dir: &Path) -> Result<Vec<String>, SiteError> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), SiteError> {
        for entry in std::fs::read_dir(dir).map_err(io(dir))? {
            let entry = entry.map_err(io(dir))?;
            let p = entry.path();
            if p.is_dir() {
                walk(root, &p, out)?;
            } else {
                let rel = p.strip_prefix(root).expect("under root");
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                // Precompressed copies, what an interrupted `publish` may have left, the note
                // of a site update copied over the site with its files, and the publication
                // history (`history/`: never served as part of the site, so neither in the
                // worker's list and version nor in the size report).
                let skip = rel.ends_with(".gz")
                    || rel.ends_with(".br")
                    || rel.starts_with(".publish")
                    || rel == UPDATE_NOTE
                    || is_history_file(&rel);
                if !skip {
                    out.push(rel);
                }
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}
