//! The studio's page in a finished site: `studio.html` pointed at the build's hashed files (its
//! glue, wasm, stylesheet and worker's script under `studio/`, the desk's stylesheet and boot script), with their
//! integrity values and the desk's CSP check. The studio is kept out of the operator's first load
//! and of the offline worker's list (`is_studio_file`): a desk pays nothing for it.

use super::html::{check_page, with_app_integrity, PageProblem};
use super::names::{sha256_hex, sri};
use super::{io, SiteError};
use std::path::Path;

/// The studio's page, beside index.html.
pub const STUDIO_PAGE: &str = "studio.html";
/// Its own files (scripts/build-studio.sh writes them; Trunk copies the folder).
pub const STUDIO_DIR: &str = "studio";
/// The names the build script gives them, renamed here to `<stem>-<hash>.<ext>` (the glue and
/// the wasm first: their integrity values go on the boot script's tag).
const STUDIO_FILES: [&str; 4] = [
    "studio.js",
    "studio_bg.wasm",
    "studio.css",
    "studio-worker.js",
];

/// A file of the studio's, by its path in the site (its compressed copies included).
pub fn is_studio_file(path: &str) -> bool {
    path.starts_with(STUDIO_PAGE) || path.starts_with(&format!("{STUDIO_DIR}/"))
}

/// The desk page's stylesheet (`href` as Trunk wrote it, hashed).
fn desk_stylesheet(desk_page: &str) -> Option<&str> {
    let at = desk_page.find("<link rel=\"stylesheet\" href=\"")?
        + "<link rel=\"stylesheet\" href=\"".len();
    desk_page[at..].split('"').next()
}

/// Finishes `studio.html` in the staged site `dir`, after the desk's page (`desk_page`, whose
/// boot script is already `boot` under its hashed name). A site without the studio's page is
/// left as it is (a build from before it).
pub(crate) fn finish_studio(dir: &Path, desk_page: &str, boot: &str) -> Result<(), SiteError> {
    let page_path = dir.join(STUDIO_PAGE);
    if !page_path.is_file() {
        return Ok(());
    }
    let problem = |problem| SiteError::Page {
        dir: dir.to_path_buf(),
        problem,
    };
    let mut page = std::fs::read_to_string(&page_path).map_err(io(&page_path))?;
    let mut integrity = Vec::new();
    for name in STUDIO_FILES {
        let from = dir.join(STUDIO_DIR).join(name);
        let bytes = std::fs::read(&from).map_err(io(&from))?;
        let (stem, ext) = name
            .rsplit_once('.')
            .expect("STUDIO_FILES have an extension");
        let hashed = format!("{stem}-{}.{ext}", &sha256_hex(&bytes)[..16]);
        std::fs::rename(&from, dir.join(STUDIO_DIR).join(&hashed)).map_err(io(&from))?;
        // `./`: boot.js imports the glue by this name, and a bare `studio/…` is no module path.
        let (old, new) = (
            format!("\"./{STUDIO_DIR}/{name}\""),
            format!("\"./{STUDIO_DIR}/{hashed}\""),
        );
        if !page.contains(&old) {
            return Err(problem(PageProblem::Unreferenced {
                name: name.to_string(),
                hashed,
            }));
        }
        page = page.replace(&old, &new);
        integrity.push(sri(&bytes));
    }
    let css = desk_stylesheet(desk_page).ok_or_else(|| problem(PageProblem::NoStylesheet))?;
    page = page
        .replace("href=\"desk.css\"", &format!("href=\"{css}\""))
        .replace("src=\"boot.js\"", &format!("src=\"{boot}\""));
    page = with_app_integrity(&page, &integrity[0], &integrity[1]).map_err(problem)?;
    check_page(&page).map_err(problem)?;
    std::fs::write(&page_path, page).map_err(io(&page_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_studio_is_its_page_and_its_folder_only() {
        for p in [
            "studio.html",
            "studio.html.gz",
            "studio/studio-0123456789abcdef.js",
        ] {
            assert!(is_studio_file(p), "{p}");
        }
        for p in [
            "index.html",
            "studios.css",
            "boot-0123456789abcdef.js",
            "main-1.css",
        ] {
            assert!(!is_studio_file(p), "{p}");
        }
    }

    #[test]
    fn the_desk_stylesheet_is_read_from_the_desk_page() {
        let page = r#"<link rel="stylesheet" href="./main-d382f51a96eb1611.css" integrity="x"/>"#;
        assert_eq!(desk_stylesheet(page), Some("./main-d382f51a96eb1611.css"));
    }
}
