//! The output stage: turns Trunk's staged `dist/` into a static site that works offline — hashed
//! names for copied files, a strict-CSP check, a service worker with a precache list, `.gz`/`.br`.
//! Runs natively as `kb site --dir $TRUNK_STAGING_DIR` (a Trunk post_build hook), before staging
//! replaces `dist/`, so a failed check never ships.

mod publish;

use crate::content::Lang;
pub use publish::{publish, Publication};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The service worker's source; `kb site` fills in the build's version and file list.
const SW_TEMPLATE: &str = include_str!("sw.js");

/// Files copied by Trunk under a fixed name that `finish` renames to `<stem>-<hash>.<ext>`, so a
/// host or browser cache can never pair a new app with an old one.
const HASHED: [&str; 1] = ["boot.js"];
/// The folder of index blobs (`<lang>.bin`, from `kb index`) as Trunk copies it; `finish` names
/// each `index-<lang>-<hash>.bin` by its content (a new index never pairs with an old app).
const INDEX_DIR: &str = "index";

/// The service worker's file name (not in its own precache list).
const SW: &str = "sw.js";

/// Extensions worth precompressing (images are already compressed).
const COMPRESSIBLE: [&str; 7] = ["html", "js", "wasm", "css", "bin", "webmanifest", "svg"];

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}/index.html: {1}")]
    Page(PathBuf, String),
    #[error("cannot build the index: {0}")]
    Index(String),
    #[error("the first load is {actual} bytes gzip, over the budget of {budget} (FIRST_LOAD_BUDGET_GZIP in src/site/mod.rs); largest files: {largest}")]
    OverBudget {
        actual: u64,
        budget: u64,
        largest: String,
    },
}

/// What the page may cost before its first answer, gzip: the build fails above it, so that a
/// dependency bump cannot quietly bring back hundreds of KB (once, 268 KB of regex tables).
/// Measured: see README "Performance"; raise it only with a reason in the commit.
pub const FIRST_LOAD_BUDGET_GZIP: u64 = 550 * 1024;

impl Report {
    /// Fails when the first load is over `budget` gzip bytes, naming the largest files.
    pub fn check_budget(&self, budget: u64) -> Result<(), SiteError> {
        let total = self.first_load();
        if total.gzip <= budget {
            return Ok(());
        }
        let mut files: Vec<&FileSize> = self
            .files
            .iter()
            .filter(|f| self.on_first_load(&f.path))
            .collect();
        files.sort_by_key(|f| std::cmp::Reverse(f.gzip));
        let largest = files
            .iter()
            .take(3)
            .map(|f| format!("{} {} B", f.path, f.gzip))
            .collect::<Vec<_>>()
            .join(", ");
        Err(SiteError::OverBudget {
            actual: total.gzip,
            budget,
            largest,
        })
    }
}

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One shipped file and its sizes, for the build's size report.
#[derive(Debug, Clone)]
pub struct FileSize {
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

#[derive(Debug, Clone)]
pub struct Report {
    /// Identifies this build's cache in the browser (a hash of every file's name and content).
    pub version: String,
    pub files: Vec<FileSize>,
}

impl Report {
    /// Bytes fetched before the first answered query of a desk that searches one language: the
    /// app and the largest language's index (the worker, manifest and icons come after the app
    /// runs, or never; the other languages after the first answer, or never).
    pub fn first_load(&self) -> FileSize {
        let mut sum = FileSize {
            path: "first load".into(),
            raw: 0,
            gzip: 0,
            brotli: 0,
        };
        for f in self.files.iter().filter(|f| self.on_first_load(&f.path)) {
            sum.raw += f.raw;
            sum.gzip += f.gzip;
            sum.brotli += f.brotli;
        }
        sum
    }

    fn on_first_load(&self, path: &str) -> bool {
        if is_index_blob(path) {
            let largest = self
                .files
                .iter()
                .filter(|f| is_index_blob(&f.path))
                .max_by_key(|f| (f.gzip, std::cmp::Reverse(f.path.as_str())));
            return largest.is_some_and(|f| f.path == path);
        }
        !(path == "sw.js"
            || path.ends_with(".webmanifest")
            || path.ends_with(".png")
            || path.ends_with(".svg"))
    }
}

/// A language's index as `finish` names it: `index-<lang>-<hash>.bin`.
fn is_index_blob(path: &str) -> bool {
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

/// Finishes the staged site in `dir`; see the module summary. Run it once per Trunk build (a
/// second run would find the fixed names already renamed and fail).
pub fn finish(dir: &Path) -> Result<Report, SiteError> {
    let page_path = dir.join("index.html");
    let mut page = std::fs::read_to_string(&page_path).map_err(io(&page_path))?;
    let blobs = name_index_blobs(dir)?;
    page = point_at_indexes(&page, &blobs).map_err(|m| SiteError::Page(dir.to_path_buf(), m))?;
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
            return Err(SiteError::Page(
                dir.to_path_buf(),
                format!("nothing refers to {name}, so it cannot be renamed to {hashed}"),
            ));
        }
    }
    check_page(&page).map_err(|m| SiteError::Page(dir.to_path_buf(), m))?;
    std::fs::write(&page_path, &page).map_err(io(&page_path))?;

    let version = write_worker(dir)?;
    let mut sizes = Vec::new();
    for f in list_files(dir)? {
        sizes.push(compress(dir, &f)?);
    }
    let report = Report {
        version,
        files: sizes,
    };
    report.check_budget(FIRST_LOAD_BUDGET_GZIP)?;
    Ok(report)
}

/// Moves each `index/<lang>.bin` to its shipped name; in `Lang::ALL` order (as `kb publish`
/// writes them).
fn name_index_blobs(dir: &Path) -> Result<Vec<ShippedIndex>, SiteError> {
    let folder = dir.join(INDEX_DIR);
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
        let lang = Lang::from_code(code).ok_or_else(|| {
            SiteError::Index(format!(
                "{}: not a content language's index",
                from.display()
            ))
        })?;
        let bytes = std::fs::read(&from).map_err(io(&from))?;
        let shipped = ShippedIndex::new(lang, bytes);
        std::fs::rename(&from, dir.join(&shipped.name)).map_err(io(&from))?;
        out.push(shipped);
    }
    if out.is_empty() {
        return Err(SiteError::Index(format!(
            "no <lang>.bin in {} (kb index writes them)",
            folder.display()
        )));
    }
    out.sort_by_key(|s| s.lang);
    std::fs::remove_dir_all(&folder).map_err(io(&folder))?;
    Ok(out)
}

/// Writes `sw.js` for the files now in `dir` (each with its SHA-256) and returns the build's
/// version, a hash of that list: it changes exactly when a file does.
pub(crate) fn write_worker(dir: &Path) -> Result<String, SiteError> {
    let mut listing = String::new();
    let mut hashed_files = Vec::new();
    for f in list_files(dir)?.into_iter().filter(|f| f != SW) {
        let p = dir.join(&f);
        let bytes = std::fs::read(&p).map_err(io(&p))?;
        let sha = sha256_hex(&bytes);
        listing.push_str(&format!("{sha} {f}\n"));
        hashed_files.push((f, sha));
    }
    let version = sha256_hex(listing.as_bytes())[..16].to_string();
    let sw_path = dir.join(SW);
    std::fs::write(&sw_path, service_worker(&version, &hashed_files)).map_err(io(&sw_path))?;
    Ok(version)
}

/// Writes the `.gz` and `.br` copies of one file (when its kind compresses) and returns its
/// sizes.
pub(crate) fn compress(dir: &Path, f: &str) -> Result<FileSize, SiteError> {
    let p = dir.join(f);
    let bytes = std::fs::read(&p).map_err(io(&p))?;
    let (gz, br) = (gzip(&bytes), brotli(&bytes));
    let ext = f.rsplit('.').next().unwrap_or("");
    if COMPRESSIBLE.contains(&ext) {
        for (suffix, data) in [("gz", &gz), ("br", &br)] {
            let out = dir.join(format!("{f}.{suffix}"));
            std::fs::write(&out, data).map_err(io(&out))?;
        }
    }
    Ok(FileSize {
        path: f.to_string(),
        raw: bytes.len() as u64,
        gzip: gz.len() as u64,
        brotli: br.len() as u64,
    })
}

/// The page must run under a strict Content-Security-Policy: one in a meta tag, without
/// `'unsafe-inline'` or `'unsafe-eval'` for scripts, and no inline script for it to block.
pub fn check_page(html: &str) -> Result<(), String> {
    let csp = html
        .split("<meta")
        .skip(1)
        .find(|m| m.contains("http-equiv=\"Content-Security-Policy\""))
        .ok_or("no <meta http-equiv=\"Content-Security-Policy\"> in the page")?;
    for bad in ["'unsafe-inline'", "'unsafe-eval'"] {
        if csp.split('>').next().unwrap_or("").contains(bad) {
            return Err(format!("the Content-Security-Policy allows {bad}"));
        }
    }
    for (i, tag) in html.split("<script").skip(1).enumerate() {
        let open = tag.split('>').next().unwrap_or("");
        if !open.contains("src=") {
            return Err(format!(
                "script #{} is inline; the Content-Security-Policy would block it (set pattern_script in Trunk.toml)",
                i + 1
            ));
        }
    }
    Ok(())
}

const INDEX_META: &str = "<meta name=\"cuecard-index\"";

/// Every `<meta name="cuecard-index" …>` tag of a page, as byte ranges.
fn index_metas(page: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = page[from..].find(INDEX_META).map(|i| from + i) {
        let Some(len) = page[start..].find('>') else {
            break;
        };
        out.push(start..start + len + 1);
        from = start + len + 1;
    }
    out
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let rest = tag.split_once(&format!(" {name}=\""))?.1;
    Some(rest.split_once('"')?.0)
}

/// The index blobs a page points at (its `<meta name="cuecard-index">` tags): (language, file).
/// A page from before one blob per language has one tag without a language ("").
pub fn current_indexes(page: &str) -> Vec<(String, String)> {
    index_metas(page)
        .into_iter()
        .filter_map(|r| {
            let tag = &page[r];
            let file = attribute(tag, "content")?;
            Some((
                attribute(tag, "data-lang").unwrap_or("").to_string(),
                file.to_string(),
            ))
        })
        .collect()
}

/// Points the page at one blob per language: a `<meta name="cuecard-index">` each, with its
/// Subresource Integrity value, so the page fetches the languages it needs and checks each
/// before opening it. boot.js starts those downloads beside the wasm's (which languages depends
/// on the desk, so no build-written preload).
pub fn point_at_indexes(page: &str, blobs: &[ShippedIndex]) -> Result<String, String> {
    let metas = index_metas(page);
    let first = metas
        .first()
        .cloned()
        .ok_or("no <meta name=\"cuecard-index\"> to point at the index")?;
    let tags = blobs
        .iter()
        .map(|b| {
            format!(
                "{INDEX_META} data-lang=\"{}\" content=\"{}\" data-integrity=\"{}\">",
                b.lang.code(),
                b.name,
                sri(&b.bytes)
            )
        })
        .collect::<Vec<_>>()
        .join("\n  ");
    // The first tag is replaced by the new ones; the others go, each with the indentation and
    // line break before it when only those are there (tags sharing a line stay disjoint).
    let mut out = page.to_string();
    for r in metas[1..].iter().rev() {
        let before = page[..r.start].trim_end_matches([' ', '\t']);
        let start = before.strip_suffix('\n').map_or(r.start, str::len);
        out.replace_range(start..r.end, "");
    }
    out.replace_range(first, &tags);
    Ok(out)
}

/// A Subresource Integrity value: `sha256-` and the base64 of the digest.
pub fn sri(bytes: &[u8]) -> String {
    use base64::Engine;
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
    )
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
                // Precompressed copies, and what an interrupted `publish` may have left.
                let skip =
                    rel.ends_with(".gz") || rel.ends_with(".br") || rel.starts_with(".publish");
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

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("in-memory write");
    enc.finish().expect("in-memory write")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        // The best level costs about a second per MB: fine for a release build, too slow for
        // the tens of MB of a debug build under `trunk serve`.
        quality: if bytes.len() <= 8 << 20 { 11 } else { 5 },
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in-memory write");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">
<meta name="cuecard-index" content="index.bin"><script type="module" src="./boot.js"></script></head><body></body></html>"#;

    fn staged() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("index.html"), PAGE).unwrap();
        std::fs::create_dir(d.path().join("index")).unwrap();
        std::fs::write(d.path().join("index/vi.bin"), b"blob").unwrap();
        std::fs::write(d.path().join("index/zh.bin"), b"other blob").unwrap();
        std::fs::write(d.path().join("boot.js"), b"// boot").unwrap();
        std::fs::write(d.path().join("app-1234.wasm"), vec![0u8; 5000]).unwrap();
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
            r#"[["app-1234.wasm","{}"],["{boot}","{}"],["{blob}","{}"],["{zh}","{}"],["index.html","{}"]]"#,
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
    fn the_page_points_at_one_index_per_language_and_repointing_replaces_them() {
        let (ru, vi) = (
            ShippedIndex::new(Lang::Ru, b"one".to_vec()),
            ShippedIndex::new(Lang::Vi, b"two".to_vec()),
        );
        let page = point_at_indexes(PAGE, &[ru.clone(), vi.clone()]).unwrap();
        assert_eq!(
            current_indexes(&page),
            [
                ("ru".to_string(), ru.name),
                ("vi".to_string(), vi.name.clone())
            ]
        );
        assert!(page.contains(&format!(
            "data-lang=\"vi\" content=\"{}\" data-integrity=\"{}\"",
            vi.name,
            sri(b"two")
        )));
        assert_eq!(
            current_indexes(PAGE),
            [(String::new(), "index.bin".to_string())],
            "a page from before one blob per language"
        );
        let zh = ShippedIndex::new(Lang::Zh, b"three".to_vec());
        let again = point_at_indexes(&page, std::slice::from_ref(&zh)).unwrap();
        assert_eq!(again.matches(INDEX_META).count(), 1, "{again}");
        assert_eq!(
            current_indexes(&again),
            [("zh".to_string(), zh.name.clone())]
        );
        check_page(&again).unwrap();
        // Minified: every tag on one line.
        let one_line = page.replace('\n', "");
        let again = point_at_indexes(&one_line, std::slice::from_ref(&zh)).unwrap();
        assert_eq!(current_indexes(&again), [("zh".to_string(), zh.name)]);
        check_page(&again).unwrap();
    }

    #[test]
    fn a_first_load_over_budget_fails_the_build_naming_the_largest_files() {
        let report = Report {
            version: "v".into(),
            files: vec![
                FileSize {
                    path: "app.wasm".into(),
                    raw: 9,
                    gzip: 900,
                    brotli: 800,
                },
                FileSize {
                    path: "index-vi-x.bin".into(),
                    raw: 9,
                    gzip: 200,
                    brotli: 150,
                },
                FileSize {
                    path: "index-zh-x.bin".into(),
                    raw: 9,
                    gzip: 150,
                    brotli: 100,
                },
                FileSize {
                    path: "icon-512.png".into(),
                    raw: 9,
                    gzip: 5_000,
                    brotli: 5_000,
                },
            ],
        };
        assert!(
            report.check_budget(1_100).is_ok(),
            "icons and the smaller language's index are not in the first load"
        );
        let err = report.check_budget(1_000).unwrap_err().to_string();
        assert!(
            err.contains("1100 bytes gzip, over the budget of 1000"),
            "{err}"
        );
        assert!(
            err.contains("app.wasm 900 B, index-vi-x.bin 200 B"),
            "{err}"
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
    fn an_inline_script_or_a_loose_policy_fails_the_build() {
        let inline = PAGE.replace("</body>", "<script>alert(1)</script></body>");
        assert!(check_page(&inline)
            .unwrap_err()
            .contains("script #2 is inline"));
        let loose = PAGE.replace("'wasm-unsafe-eval'", "'unsafe-inline'");
        assert!(check_page(&loose)
            .unwrap_err()
            .contains("allows 'unsafe-inline'"));
        let none = PAGE.replace("Content-Security-Policy", "X");
        assert!(check_page(&none).unwrap_err().contains("no <meta"));
        assert_eq!(check_page(PAGE), Ok(()));
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
