//! The page (`index.html`) as the build and `kb publish` rewrite it: the strict-CSP check and
//! the `<meta name="cuecard-index">` tags that point at the index blobs.

use super::names::{sri, ShippedIndex};

/// What is wrong with a page the build or `kb publish` was to ship (`SiteError::Page` names it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageProblem {
    #[error("no <meta http-equiv=\"Content-Security-Policy\"> in the page")]
    NoPolicy,
    #[error("the Content-Security-Policy allows {0}")]
    UnsafePolicy(&'static str),
    #[error("script #{0} is inline; the Content-Security-Policy would block it (set pattern_script in Trunk.toml)")]
    InlineScript(usize),
    #[error("no <meta name=\"cuecard-index\">: is this a Cuecard build?")]
    NoIndexMeta,
    #[error("no boot script with data-js/data-wasm and its modulepreload (see pattern_script and pattern_preload in Trunk.toml)")]
    NoBootScript,
    #[error("no stylesheet link in index.html for studio.html to share")]
    NoStylesheet,
    #[error("nothing refers to {name}, so it cannot be renamed to {hashed}")]
    Unreferenced { name: String, hashed: String },
    #[error("the shell names message `{0}`, which the app does not have")]
    ShellMessage(String),
    #[error("the shell's `{key}` says {written:?}, the app says {expected:?}")]
    ShellWords {
        key: String,
        written: String,
        expected: String,
    },
    #[error("the page's integrity value for {0} does not match the file (changed after Trunk wrote it?): the browser would refuse it")]
    StaleIntegrity(String),
    #[error("cannot send reports to {url:?}: {why}")]
    ReportTo { url: String, why: &'static str },
    #[error("this site's app reads index format {found}, this kb writes format {expected}: rebuild the site with this version (bash scripts/build.sh), then publish")]
    OtherFormat { found: u32, expected: u32 },
}

/// The page must run under a strict Content-Security-Policy: one in a meta tag, without
/// `'unsafe-inline'` or `'unsafe-eval'` for scripts, and no inline script for it to block.
pub fn check_page(html: &str) -> Result<(), PageProblem> {
    let csp = html
        .split("<meta")
        .skip(1)
        .find(|m| m.contains("http-equiv=\"Content-Security-Policy\""))
        .ok_or(PageProblem::NoPolicy)?;
    for bad in ["'unsafe-inline'", "'unsafe-eval'"] {
        if csp.split('>').next().unwrap_or("").contains(bad) {
            return Err(PageProblem::UnsafePolicy(bad));
        }
    }
    for (i, tag) in html.split("<script").skip(1).enumerate() {
        let open = tag.split('>').next().unwrap_or("");
        if !open.contains("src=") {
            return Err(PageProblem::InlineScript(i + 1));
        }
    }
    Ok(())
}

/// The app's integrity values on the page (`sri` of the glue and of the wasm): on the glue's
/// `modulepreload`, and as `data-wasm-integrity` on the boot script, which fetches the wasm with
/// it (a wasm preload's `integrity` is ignored by browsers). Only the build (`finish`) adds them.
#[cfg(not(target_arch = "wasm32"))]
pub fn with_app_integrity(page: &str, js_sri: &str, wasm_sri: &str) -> Result<String, PageProblem> {
    let script = page
        .find("<script type=\"module\" src=")
        .filter(|&i| {
            page[i..]
                .split('>')
                .next()
                .is_some_and(|t| t.contains(" data-wasm=\""))
        })
        .ok_or(PageProblem::NoBootScript)?;
    let preload = page
        .find("<link rel=\"modulepreload\"")
        .ok_or(PageProblem::NoBootScript)?;
    let mut out = page.to_string();
    // The later position first, so the earlier one stays where it was.
    let mut edits = [
        (
            script + "<script".len(),
            format!(" data-wasm-integrity=\"{wasm_sri}\""),
        ),
        (preload + "<link".len(), format!(" integrity=\"{js_sri}\"")),
    ];
    edits.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, text) in edits {
        out.insert_str(at, &text);
    }
    Ok(out)
}

/// The glue's and the wasm's file names (`data-js`, `data-wasm` of the boot script).
#[cfg(not(target_arch = "wasm32"))]
pub fn app_files(page: &str) -> Option<(String, String)> {
    let tag = page[page
        .find(" data-wasm=\"")
        .map(|i| page[..i].rfind("<script").unwrap_or(0))?..]
        .split('>')
        .next()?;
    let attr = |name: &str| {
        let rest = tag.split_once(&format!(" {name}=\""))?.1;
        Some(rest.split_once('"')?.0.trim_start_matches("./").to_string())
    };
    Some((attr("data-js")?, attr("data-wasm")?))
}

pub(crate) const INDEX_META: &str = "<meta name=\"cuecard-index\"";

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

/// Every `<link>` of the page with an `integrity` value: (its `href`, the value).
#[cfg(not(target_arch = "wasm32"))]
pub fn link_integrities(page: &str) -> Vec<(String, String)> {
    page.split("<link")
        .skip(1)
        .filter_map(|tag| {
            let open = tag.split('>').next().unwrap_or("");
            Some((
                attribute(open, "href")?.to_string(),
                attribute(open, "integrity")?.to_string(),
            ))
        })
        .collect()
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
pub fn point_at_indexes(page: &str, blobs: &[ShippedIndex]) -> Result<String, PageProblem> {
    let metas = index_metas(page);
    let first = metas.first().cloned().ok_or(PageProblem::NoIndexMeta)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Lang;
    use crate::site::finish::tests::PAGE;

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
    fn an_inline_script_or_a_loose_policy_fails_the_build() {
        let inline = PAGE.replace("</body>", "<script>alert(1)</script></body>");
        assert_eq!(check_page(&inline), Err(PageProblem::InlineScript(2)));
        assert_eq!(
            check_page(&inline).unwrap_err().to_string(),
            "script #2 is inline; the Content-Security-Policy would block it (set pattern_script in Trunk.toml)"
        );
        let loose = PAGE.replace("'wasm-unsafe-eval'", "'unsafe-inline'");
        assert_eq!(
            check_page(&loose),
            Err(PageProblem::UnsafePolicy("'unsafe-inline'"))
        );
        let none = PAGE.replace("Content-Security-Policy", "X");
        assert_eq!(check_page(&none), Err(PageProblem::NoPolicy));
        assert_eq!(check_page(PAGE), Ok(()));
    }
}
