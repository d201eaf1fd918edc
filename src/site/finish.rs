//! `kb site`: finishes the site Trunk staged — hashed names for copied files and the index
//! blobs, the app's integrity values, the CSP check, the worker, `.gz`/`.br`, the size report.

use super::compress;
use super::files;
use super::html::{self, check_page, point_at_indexes, PageProblem};
use super::names::{self, sha256_hex};
use super::report::{Budget, Report};
use super::worker;
use super::{io, page_problem, SiteError};
use std::path::Path;

/// Files copied by Trunk under a fixed name that `finish` renames to `<stem>-<hash>.<ext>`, so a
/// host or browser cache can never pair a new app with an old one.
const HASHED: [&str; 1] = ["boot.js"];
/// The folder of index blobs (`<lang>.bin`, from `kb index`) as Trunk copies it; `finish` names
/// each `index-<lang>-<hash>.bin` by its content (a new index never pairs with an old app).
const INDEX_DIR: &str = "index";

/// Finishes the staged site in `dir`; see the module summary. Run it once per Trunk build (a
/// second run would find the fixed names already renamed and fail).
/// `budget`: the first load's limits, for a release build (a development build's wasm is
/// unoptimised, several times larger, and `trunk serve` must still serve it).
/// `report_to`: the centre's collector for the desks' records (`collector`), if any.
pub fn finish(
    dir: &Path,
    budget: Option<Budget>,
    report_to: Option<&str>,
) -> Result<Report, SiteError> {
    let page_path = dir.join("index.html");
    let mut page = std::fs::read_to_string(&page_path).map_err(io(&page_path))?;
    if let Some(url) = report_to {
        page = super::collector::with_report_to(&page, url).map_err(page_problem(dir))?;
    }
    let blobs = names::name_index_blobs(dir, INDEX_DIR)?;
    page = point_at_indexes(&page, &blobs).map_err(page_problem(dir))?;
    page = super::shell::fill_shell(&page).map_err(page_problem(dir))?;
    let mut boot = String::new();
    for name in HASHED {
        let from = dir.join(name);
        let bytes = std::fs::read(&from).map_err(io(&from))?;
        let (stem, ext) = name
            .rsplit_once('.')
            .expect("HASHED names have an extension");
        let hashed = format!("{stem}-{}.{ext}", &sha256_hex(&bytes)[..16]);
        let to = dir.join(&hashed);
        boot = hashed.clone();
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
        html::app_files(&page).ok_or_else(|| page_problem(dir)(PageProblem::NoBootScript))?;
    let sri_of = |name: &str| -> Result<String, SiteError> {
        let path = dir.join(name);
        Ok(names::sri(&std::fs::read(&path).map_err(io(&path))?))
    };
    page = html::with_app_integrity(&page, &sri_of(&js)?, &sri_of(&wasm)?)
        .map_err(page_problem(dir))?;
    check_page(&page).map_err(page_problem(dir))?;
    // A file changed after Trunk wrote its integrity value (a minifier, an edit) would be
    // refused by the browser: an unstyled page, or none.
    for (href, value) in html::link_integrities(&page) {
        let path = dir.join(href.trim_start_matches("./"));
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        if !names::sri_matches(&value, &bytes) {
            return Err(page_problem(dir)(PageProblem::StaleIntegrity(href)));
        }
    }
    std::fs::write(&page_path, &page).map_err(io(&page_path))?;
    super::studio::finish_studio(dir, &page, &boot)?;

    let version = worker::write_worker(dir)?;
    let mut sizes = Vec::new();
    for f in files::list_files(dir)? {
        sizes.push(compress::compress(dir, &f)?);
    }
    let report = Report {
        version,
        files: sizes,
    };
    if let Some(budget) = budget {
        report.check_budget(budget)?;
    }
    Ok(report)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::content::Lang;
    use crate::site::{sri, ShippedIndex, BUDGET};

    pub(crate) const PAGE: &str = r#"<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">
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
    fn the_studio_is_finished_beside_the_desk_and_costs_the_desk_nothing() {
        let plain = staged();
        let desk_only = finish(plain.path(), None, None).unwrap();

        let d = staged();
        let page = PAGE.replace(
            "<link rel=\"modulepreload\"",
            "<link rel=\"stylesheet\" href=\"./main-1.css\"/><link rel=\"modulepreload\"",
        );
        std::fs::write(d.path().join("index.html"), &page).unwrap();
        std::fs::write(d.path().join("main-1.css"), b"css").unwrap();
        std::fs::write(
            d.path().join("studio.html"),
            include_str!("../../studio.html"),
        )
        .unwrap();
        std::fs::create_dir(d.path().join("studio")).unwrap();
        for (name, bytes) in [
            ("studio.js", &b"// studio glue"[..]),
            ("studio_bg.wasm", &[1u8; 900][..]),
            ("studio.css", &b"studio css"[..]),
            ("studio-worker.js", &b"// studio worker"[..]),
        ] {
            std::fs::write(d.path().join("studio").join(name), bytes).unwrap();
        }
        let report = finish(d.path(), Some(BUDGET), None).unwrap();
        let studio = std::fs::read_to_string(d.path().join("studio.html")).unwrap();
        let glue = format!("studio/studio-{}.js", &sha256_hex(b"// studio glue")[..16]);
        let wasm = format!("studio/studio_bg-{}.wasm", &sha256_hex(&[1u8; 900])[..16]);
        let boot = format!("boot-{}.js", &sha256_hex(b"// boot")[..16]);
        let worker = format!(
            "studio/studio-worker-{}.js",
            &sha256_hex(b"// studio worker")[..16]
        );
        for wanted in [
            format!("data-worker=\"./{worker}\""),
            format!("data-js=\"./{glue}\""),
            format!("data-wasm=\"./{wasm}\""),
            format!("src=\"{boot}\""),
            "href=\"./main-1.css\"".to_string(),
            format!("data-wasm-integrity=\"{}\"", sri(&[1u8; 900])),
            format!("integrity=\"{}\"", sri(b"// studio glue")),
        ] {
            assert!(studio.contains(&wanted), "{wanted} in {studio}");
        }
        assert!(d.path().join(&wasm).exists() && d.path().join("studio.html.gz").exists());
        // The desk's worker neither lists nor serves a studio file; the desk's first load is
        // the same with the studio as without it (but for its stylesheet, absent there).
        let sw = std::fs::read_to_string(d.path().join("sw.js")).unwrap();
        assert!(!sw.contains("studio"), "{sw}");
        let css = report
            .files
            .iter()
            .find(|f| f.path == "main-1.css")
            .unwrap();
        assert_eq!(
            report.first_load().raw,
            desk_only.first_load().raw + css.raw + (page.len() - PAGE.len()) as u64
        );
        assert!(report.studio_first_load().raw > 900);
    }

    #[test]
    fn the_history_is_neither_precached_nor_in_the_size_report() {
        let plain = finish(staged().path(), None, None).unwrap();
        let d = staged();
        std::fs::create_dir_all(d.path().join("history/files")).unwrap();
        std::fs::write(d.path().join("history/0001-1.json"), b"{}").unwrap();
        let old_blob = "history/files/index-vi-0123456789abcdef.bin";
        std::fs::write(d.path().join(old_blob), vec![3u8; 90_000]).unwrap();
        let report = finish(d.path(), Some(BUDGET), None).unwrap();
        assert!(!crate::site::worker::precached(old_blob));
        let sw = std::fs::read_to_string(d.path().join("sw.js")).unwrap();
        assert!(!sw.contains("history"), "{sw}");
        assert!(report.files.iter().all(|f| !f.path.starts_with("history")));
        assert!(!d.path().join(format!("{old_blob}.gz")).exists());
        assert_eq!(
            report.version, plain.version,
            "the same site, the same version"
        );
        assert_eq!(report.first_load().gzip, plain.first_load().gzip);
    }

    #[test]
    fn finish_hashes_names_lists_every_file_and_precompresses() {
        let d = staged();
        let report = finish(d.path(), Some(BUDGET), None).unwrap();
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
            finish(a.path(), None, None).unwrap().version,
            finish(b.path(), None, None).unwrap().version
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
        let err = finish(d.path(), Some(BUDGET), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("nothing refers to boot.js"), "{err}");
    }

    /// Trunk writes the stylesheet's integrity value; a file changed after that (once, a
    /// minifier) would be refused by the browser, leaving the page unstyled.
    #[test]
    fn a_stylesheet_changed_after_its_integrity_value_stops_the_build() {
        let css = b"body { color: black }";
        let link = |value: &str| {
            PAGE.replace(
                "<link rel=\"modulepreload\"",
                &format!(
                    "<link rel=\"stylesheet\" href=\"./main-1.css\" integrity=\"{value}\"/><link rel=\"modulepreload\""
                ),
            )
        };
        use base64::Engine;
        use sha2::Digest;
        let sha384 = format!(
            "sha384-{}",
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(css))
        );
        let d = staged();
        std::fs::write(d.path().join("index.html"), link(&sha384)).unwrap();
        std::fs::write(d.path().join("main-1.css"), css).unwrap();
        finish(d.path(), None, None).unwrap();

        let d = staged();
        std::fs::write(d.path().join("index.html"), link(&sha384)).unwrap();
        std::fs::write(d.path().join("main-1.css"), b"body{color:#000}").unwrap();
        let err = finish(d.path(), None, None).unwrap_err().to_string();
        assert!(
            err.contains(
                "the page's integrity value for ./main-1.css does not match the file (changed \
                 after Trunk wrote it?): the browser would refuse it"
            ),
            "{err}"
        );
    }

    #[test]
    fn a_collector_named_at_build_is_on_the_finished_page_and_a_bad_one_stops_it() {
        let d = staged();
        finish(d.path(), None, Some("/collect")).unwrap();
        let page = std::fs::read_to_string(d.path().join("index.html")).unwrap();
        assert_eq!(crate::site::report_to(&page), Some("/collect"));
        let d = staged();
        let err = finish(d.path(), None, Some("https://logs.example/c"))
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with(
                "/index.html: cannot send reports to \"https://logs.example/c\": the page's \
                 policy has no connect-src 'self' to extend"
            ),
            "{err}"
        );
    }
}
