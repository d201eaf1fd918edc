//! The output stage: turns Trunk's staged `dist/` into a static site that works offline — hashed
//! names for copied files, a strict-CSP check, a service worker with a precache list, `.gz`/`.br`.
//! Runs natively as `kb site --dir $TRUNK_STAGING_DIR` (a Trunk post_build hook), before staging
//! replaces `dist/`, so a failed check never ships.
//!
//! The rooms: `names` (content hashes, hashed file names, integrity values), `html` (the
//! page's CSP check and its index tags), `collector` (the centre's collector on the page,
//! `--report-to`), `shell` (the app shell's words in every UI language),
//! `worker` (`sw.js`: precache list and version), `compress`
//! (`.gz`/`.br`), `report` (sizes and the first-load budget), `files` (what a site holds),
//! `finish` (the build's last step); `plan` decides a publication of new content as bytes,
//! `publish` carries it out on disk and `update_zip` packs it as a `.zip`; `history` records
//! each publication in the site's `history/` and plans a rollback to one of them
//! (`history_disk` reads a site's history from disk).
//! `plan`, `history` and `update_zip` touch no file system, so they and the rooms they use
//! compile for wasm32 too (the studio runs them in the page); reading and writing folders is
//! native only.

#[cfg(not(target_arch = "wasm32"))]
mod collector;
mod compress;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod finish;
mod history;
#[cfg(not(target_arch = "wasm32"))]
mod history_disk;
mod html;
mod names;
mod plan;
#[cfg(not(target_arch = "wasm32"))]
mod publish;
/// A built site with the real content, for other modules' tests.
#[cfg(test)]
pub(crate) use publish::tests::{content as test_content, site as test_site};
#[cfg(not(target_arch = "wasm32"))]
mod report;
mod rollback;
#[cfg(not(target_arch = "wasm32"))]
mod shell;
#[cfg(not(target_arch = "wasm32"))]
mod studio;
mod update_zip;
mod worker;

#[cfg(not(target_arch = "wasm32"))]
pub use collector::{report_to, with_report_to};
pub use compress::{brotli, gzip};
#[cfg(not(target_arch = "wasm32"))]
pub use finish::finish;
pub use history::{
    parse_record, rfc3339, stored_name, with_history, History, HistoryError, Kind, Record,
    SiteReader, Stamp, HISTORY_DIR, HISTORY_FORMAT, KEEP,
};
#[cfg(not(target_arch = "wasm32"))]
pub use history_disk::read_history;
pub use html::{check_page, current_indexes, point_at_indexes, PageProblem};
pub use names::{sha256_hex, sri, ShippedIndex};
pub use plan::{plan_publish, Publication, SiteFiles, SiteUpdate, SiteWrite};
#[cfg(not(target_arch = "wasm32"))]
pub use publish::publish;
#[cfg(not(target_arch = "wasm32"))]
pub use report::{
    Budget, FileSize, Report, BUDGET, EVERY_LANGUAGE_BUDGET_GZIP, FIRST_LOAD_BUDGET_GZIP,
    STUDIO_BUDGET_GZIP,
};
pub use rollback::{plan_rollback, Rollback};
pub use update_zip::{zip_files, UPDATE_NOTE};
pub use worker::service_worker;
#[cfg(not(target_arch = "wasm32"))]
pub use worker::write_worker;

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}/index.html: {problem}", dir.display())]
    Page {
        dir: PathBuf,
        #[source]
        problem: PageProblem,
    },
    #[error("cannot build the index: {0}")]
    Index(#[from] crate::search::SearchError),
    #[error("{}: not a content language's index", .0.display())]
    NotALanguage(PathBuf),
    #[error("no <lang>.bin in {} (kb index writes them)", .0.display())]
    NoBlobs(PathBuf),
    #[error("{}: no index.html here: choose the folder the web server serves (a Cuecard build)", .0.display())]
    NotASite(PathBuf),
    #[error("{}/sw.js: no precache list: is this a Cuecard build?", .0.display())]
    NoWorkerList(PathBuf),
    #[error("the {load} is {actual} bytes gzip, over the budget of {budget} (FIRST_LOAD_BUDGET_GZIP, EVERY_LANGUAGE_BUDGET_GZIP and STUDIO_BUDGET_GZIP in src/site/report.rs; the shipped build is scripts/build.sh, with the page's size settings); largest files: {largest}")]
    OverBudget {
        load: String,
        actual: u64,
        budget: u64,
        largest: String,
    },
}

pub(crate) fn page_problem(dir: &Path) -> impl FnOnce(PageProblem) -> SiteError + '_ {
    move |problem| SiteError::Page {
        dir: dir.to_path_buf(),
        problem,
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The `Content-Type` a static host sends for a file of the site, by its extension (`kb
/// preview`'s server and the end-to-end tests' server answer with it; `application/wasm` exactly,
/// or browsers will not compile the module while it streams).
pub fn mime(path: &std::path::Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" | "webmanifest" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}
