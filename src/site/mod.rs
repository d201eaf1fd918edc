//! The output stage: turns Trunk's staged `dist/` into a static site that works offline — hashed
//! names for copied files, a strict-CSP check, a service worker with a precache list, `.gz`/`.br`.
//! Runs natively as `kb site --dir $TRUNK_STAGING_DIR` (a Trunk post_build hook), before staging
//! replaces `dist/`, so a failed check never ships.

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The service worker's source; `kb site` fills in the build's version and file list.
const SW_TEMPLATE: &str = include_str!("sw.js");

/// Files copied by Trunk under a fixed name that `finish` renames to `<stem>-<hash>.<ext>`, so a
/// host or browser cache can never pair a new app with an old index (or the reverse).
const HASHED: [&str; 2] = ["index.bin", "boot.js"];

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
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SiteError + '_ {
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
    /// Bytes fetched before the first answered query: everything but the worker, manifest and
    /// icons (fetched after the app runs, or never).
    pub fn first_load(&self) -> FileSize {
        let mut sum = FileSize {
            path: "first load".into(),
            raw: 0,
            gzip: 0,
            brotli: 0,
        };
        for f in self.files.iter().filter(|f| on_first_load(&f.path)) {
            sum.raw += f.raw;
            sum.gzip += f.gzip;
            sum.brotli += f.brotli;
        }
        sum
    }
}

fn on_first_load(path: &str) -> bool {
    !(path == "sw.js"
        || path.ends_with(".webmanifest")
        || path.ends_with(".png")
        || path.ends_with(".svg"))
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

    let mut files = list_files(dir)?;
    files.retain(|f| f != "sw.js");
    let mut listing = String::new();
    for f in &files {
        let p = dir.join(f);
        let bytes = std::fs::read(&p).map_err(io(&p))?;
        listing.push_str(&format!("{} {f}\n", sha256_hex(&bytes)));
    }
    let version = sha256_hex(listing.as_bytes())[..16].to_string();
    let sw = service_worker(&version, &files);
    let sw_path = dir.join("sw.js");
    std::fs::write(&sw_path, sw).map_err(io(&sw_path))?;

    let mut sizes = Vec::new();
    for f in list_files(dir)? {
        let p = dir.join(&f);
        let bytes = std::fs::read(&p).map_err(io(&p))?;
        let (gz, br) = (gzip(&bytes), brotli(&bytes));
        let ext = f.rsplit('.').next().unwrap_or("");
        if COMPRESSIBLE.contains(&ext) {
            for (suffix, data) in [("gz", &gz), ("br", &br)] {
                let out = dir.join(format!("{f}.{suffix}"));
                std::fs::write(&out, data).map_err(io(&out))?;
            }
        }
        sizes.push(FileSize {
            path: f,
            raw: bytes.len() as u64,
            gzip: gz.len() as u64,
            brotli: br.len() as u64,
        });
    }
    Ok(Report {
        version,
        files: sizes,
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

/// The service worker for this build: its cache name carries `version`, so an update installs
/// beside the old cache and replaces it only when activated — never a mix of two builds.
pub fn service_worker(version: &str, files: &[String]) -> String {
    let list = serde_json::to_string(files).expect("strings serialise");
    SW_TEMPLATE
        .replace("__VERSION__", version)
        .replace("__FILES__", &list)
}

/// Every file under `dir` (relative, `/`-separated, sorted), without precompressed copies.
fn list_files(dir: &Path) -> Result<Vec<String>, SiteError> {
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
                if !(rel.ends_with(".gz") || rel.ends_with(".br")) {
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
        std::fs::write(d.path().join("index.bin"), b"blob").unwrap();
        std::fs::write(d.path().join("boot.js"), b"// boot").unwrap();
        std::fs::write(d.path().join("app-1234.wasm"), vec![0u8; 5000]).unwrap();
        d
    }

    #[test]
    fn finish_hashes_names_lists_every_file_and_precompresses() {
        let d = staged();
        let report = finish(d.path()).unwrap();
        let page = std::fs::read_to_string(d.path().join("index.html")).unwrap();
        let blob = format!("index-{}.bin", &sha256_hex(b"blob")[..16]);
        let boot = format!("boot-{}.js", &sha256_hex(b"// boot")[..16]);
        assert!(page.contains(&format!("content=\"{blob}\"")), "{page}");
        assert!(page.contains(&format!("src=\"./{boot}\"")), "{page}");
        let sw = std::fs::read_to_string(d.path().join("sw.js")).unwrap();
        let list = format!(r#"["app-1234.wasm","{boot}","{blob}","index.html"]"#);
        assert!(sw.contains(&list), "{sw}");
        assert!(sw.contains(&format!("\"{}\"", report.version)));
        assert!(d.path().join("app-1234.wasm.gz").exists());
        assert!(d.path().join("index.html.br").exists());
        let wasm = report
            .files
            .iter()
            .find(|f| f.path == "app-1234.wasm")
            .unwrap();
        assert!(wasm.gzip < wasm.raw && wasm.brotli < wasm.raw);
        assert_eq!(
            report.first_load().raw,
            report
                .files
                .iter()
                .filter(|f| f.path != "sw.js")
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
