//! The output stage: turns Trunk's staged `dist/` into a static site that works offline — hashed
//! names for copied files, a strict-CSP check, a service worker with a precache list, `.gz`/`.br`.
//! Runs natively as `kb site --dir $TRUNK_STAGING_DIR` (a Trunk post_build hook), before staging
//! replaces `dist/`, so a failed check never ships.
//!
//! The rooms: `names` (content hashes, hashed file names, integrity values), `page` (the
//! page's CSP check and its index tags), `shell` (the app shell's words in every UI language),
//! `worker` (`sw.js`: precache list and version), `compress`
//! (`.gz`/`.br`), `report` (sizes and the first-load budget), `files` (what a site holds);
//! `publish` puts new content into a finished site with them.

mod compress;
mod files;
mod names;
mod page;
mod publish;
mod report;
mod shell;
mod worker;

pub use compress::{brotli, gzip};
pub use names::{sha256_hex, sri, ShippedIndex};
pub use page::{check_page, current_indexes, point_at_indexes, PageProblem};
pub use publish::{publish, Publication};
pub use report::{FileSize, Report, FIRST_LOAD_BUDGET_GZIP};
pub use worker::service_worker;

use std::path::{Path, PathBuf};

/// Files copied by Trunk under a fixed name that `finish` renames to `<stem>-<hash>.<ext>`, so a
/// host or browser cache can never pair a new app with an old one.
const HASHED: [&str; 1] = ["boot.js"];
/// The folder of index blobs (`<lang>.bin`, from `kb index`) as Trunk copies it; `finish` names
/// each `index-<lang>-<hash>.bin` by its content (a new index never pairs with an old app).
const INDEX_DIR: &str = "index";

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
    #[error("the first load is {actual} bytes gzip, over the budget of {budget} (FIRST_LOAD_BUDGET_GZIP in src/site/report.rs); largest files: {largest}")]
    OverBudget {
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

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Finishes the staged site in `dir`; see the module summary. Run it once per Trunk build (a
/// second run would find the fixed names already renamed and fail).
pub fn finish(dir: &Path) -> Result<Report, SiteError> {
    let page_path = dir.join("index.html");
    let mut page = std::fs::read_to_string(&page_path).map_err(io(&page_path))?;
    let blobs = names::name_index_blobs(dir, INDEX_DIR)?;
    page = point_at_indexes(&page, &blobs).map_err(page_problem(dir))?;
    page = shell::fill_shell(&page).map_err(page_problem(dir))?;
    for name in HASHED {
        let from = dir.join(name);
        let bytes = std::fs::read(&from).map_err(io(&from))?;
        let (stem, ext) = name
            .rsplit_once('.')
            .expect("HASHED names have an extension");
        let hashed = format!("{stem}-{}.{ext}", &sha256_hex(&bytes)[..16]);
        let to = dir.join(&hashed);
        std::fs::rename(&from, &to).map_err(io(&from))?;
        let before = page.clone();
        page = page
            .replace(&format!("\"{name}\""), &format!("\"{hashed}\""))
            .replace(&format!("/{name}\""), &format!("/{hashed}\""));
        if page == before {
            return Err(page_problem(dir)(PageProblem::Unreferenced {
                name: name.to_string(),
                hashed,
            }));
        }
    }
    let (js, wasm) =
        page::app_files(&page).ok_or_else(|| page_problem(dir)(PageProblem::NoBootScript))?;
    let sri_of = |name: &str| -> Result<String, SiteError> {
        let path = dir.join(name);
        Ok(names::sri(&std::fs::read(&path).map_err(io(&path))?))
    };
    page = page::with_app_integrity(&page, &sri_of(&js)?, &sri_of(&wasm)?)
        .map_err(page_problem(dir))?;
    check_page(&page).map_err(page_problem(dir))?;
    std::fs::write(&page_path, &page).map_err(io(&page_path))?;

    let version = worker::write_worker(dir)?;
    let mut sizes = Vec::new();
    for f in files::list_files(dir)? {
        sizes.push(compress::compress(dir, &f)?);
    }
    let report = Report {
        version,
        files: sizes,
    };
    report.check_budget(FIRST_LOAD_BUDGET_GZIP)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Lang;

    pub(super) const PAGE: &str = r#"<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">
<meta name="cuecard-index" content="index.bin"><link rel="modulepreload" href="./app-1234.js" crossorigin="anonymous"><script type="module" src="./boot.js" data-js="./app-1234.js" data-wasm="./app-1234.wasm"></script></head><body></body></html>"#;

    fn staged() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("index.html"), PAGE).unwrap();
        std::fs::create_dir(d.path().join("index")).unwrap();
        std::fs::write(d.path().join("index/vi.bin"), b"blob").unwrap();
        std::fs::write(d.path().join("index/zh.bin"), b"other blob").unwrap();
        std::fs::write(d.path().join("boot.js"), b"// boot").unwrap();
        std::fs::write(d.path().join("app-1234.wasm"), vec![0u8; 5000]).unwrap();
        std::fs::write(d.path().join("app-1234.js"), b"// glue").unwrap();
        d
    }

    #[test]
    fn finish_hashes_names_lists_every_file_and_precompresses() {
        let d = staged();
        let report = finish(d.path()).unwrap();
        let page = std::fs::read_to_string(d.path().join("index.html")).unwrap();
        let blob = ShippedIndex::new(Lang::Vi, b"blob".to_vec()).name;
        let zh = ShippedIndex::new(Lang::Zh, b"other blob".to_vec()).name;
        assert!(blob.starts_with("index-vi-") && !d.path().join("index").exists());
        let boot = format!("boot-{}.js", &sha256_hex(b"// boot")[..16]);
        assert!(page.contains(&format!("content=\"{blob}\"")), "{page}");
        assert!(page.contains(&format!("src=\"./{boot}\"")), "{page}");
        let sw = std::fs::read_to_string(d.path().join("sw.js")).unwrap();
        let list = format!(
            r#"[["app-1234.js","{}"],["app-1234.wasm","{}"],["{boot}","{}"],["{blob}","{}"],["{zh}","{}"],["index.html","{}"]]"#,
            sha256_hex(b"// glue"),
            sha256_hex(&[0u8; 5000]),
            sha256_hex(b"// boot"),
            sha256_hex(b"blob"),
            sha256_hex(b"other blob"),
            sha256_hex(page.as_bytes()),
        );
        assert!(sw.contains(&list), "{sw}");
        assert!(
            page.contains(&format!("data-integrity=\"{}\"", sri(b"blob"))),
            "{page}"
        );
        // The app's integrity values: on the glue's preload, and for boot.js's wasm fetch.
        assert!(
            page.contains(&format!(
                "<link integrity=\"{}\" rel=\"modulepreload\" href=\"./app-1234.js\"",
                sri(b"// glue")
            )),
            "{page}"
        );
        assert!(
            page.contains(&format!("data-wasm-integrity=\"{}\"", sri(&[0u8; 5000]))),
            "{page}"
        );
        assert_eq!(
            sri(b""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
        assert!(sw.contains(&format!("\"{}\"", report.version)));
        assert!(d.path().join("app-1234.wasm.gz").exists());
        assert!(d.path().join("index.html.br").exists());
        let wasm = report
            .files
            .iter()
            .find(|f| f.path == "app-1234.wasm")
            .unwrap();
        assert!(wasm.gzip < wasm.raw && wasm.brotli < wasm.raw);
        // The first load holds one language's index, the largest.
        assert_eq!(
            report.first_load().raw,
            report
                .files
                .iter()
                .filter(|f| f.path != "sw.js" && f.path != blob)
                .map(|f| f.raw)
                .sum::<u64>()
        );
    }

    #[test]
    fn a_changed_file_changes_the_version() {
        let (a, b) = (staged(), staged());
        std::fs::write(b.path().join("app-1234.wasm"), vec![1u8; 5000]).unwrap();
        assert_ne!(
            finish(a.path()).unwrap().version,
            finish(b.path()).unwrap().version
        );
    }

    #[test]
    fn a_missing_reference_is_an_error_not_a_silent_rename() {
        let d = staged();
        std::fs::write(
            d.path().join("index.html"),
            PAGE.replace("./boot.js", "./start.js"),
        )
        .unwrap();
        let err = finish(d.path()).unwrap_err().to_string();
        assert!(err.contains("nothing refers to boot.js"), "{err}");
    }
}
