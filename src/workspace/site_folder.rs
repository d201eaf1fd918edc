//! A site folder as the studio reads it (the folder input's files, or File System Access's):
//! what a publication needs (`site::SiteFiles`), its history, and its files by path. The page's
//! History panel and the worker's publications read it the same way.

use super::told;
use crate::site::{History, SiteFiles};
use std::collections::BTreeMap;

/// A site folder as the studio read it: what a publication needs (`site`), its history, and
/// its files by their path in the folder (where the history's planning reads bytes).
#[derive(Debug)]
pub struct SiteFolder {
    pub name: String,
    pub site: SiteFiles,
    pub history: History,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl SiteFolder {
    /// The folder's files as a folder input or `platform::read_site_folder` gives them.
    pub fn read(name: String, files: Vec<(String, Vec<u8>)>) -> Result<SiteFolder, String> {
        let prefix = format!("{name}/");
        let files: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|(p, b)| (p.strip_prefix(&prefix).map(String::from).unwrap_or(p), b))
            .collect();
        let site = SiteFiles::from_folder(&name, &files).map_err(|e| told(&e))?;
        let history = History::from_folder(&name, &files).map_err(|e| told(&e))?;
        Ok(SiteFolder {
            name,
            site,
            history,
            files: files.into_iter().collect(),
        })
    }
}
