//! The shipped content: every file is valid, and it says what the five source documents say.
//! Coverage = share of each source's word 4-grams (Han characters count as words) found in the content.
//!
//! This file reads the sources and the content as every check does, and holds the checks that
//! every card is valid and its links resolve. One room per kind of faithfulness: `coverage` (the
//! sources' words are in the content), `sections` (a card's section and heading are its
//! source's), `wording` (what the operator sees is clean of page furniture, editors' remarks,
//! half-width punctuation in Chinese and step numbers), `line_by_line` (single cards held to
//! their source passage).
#![cfg(not(target_arch = "wasm32"))]

// The rooms are in the folder of this name (a file beside this one would be a test crate of
// its own), so this file keeps the path the docs give it.
#[path = "content_is_faithful_to_the_sources/coverage.rs"]
mod coverage;
#[path = "content_is_faithful_to_the_sources/line_by_line.rs"]
mod line_by_line;
#[path = "content_is_faithful_to_the_sources/sections.rs"]
mod sections;
#[path = "content_is_faithful_to_the_sources/wording.rs"]
mod wording;

use cuecard::content::load_dir;
use cuecard::content::{CountFrom, Lang, Procedure, Step};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds_dir() -> PathBuf {
    std::env::var_os("CUECARD_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/seeds"))
}

fn procedures() -> Vec<Procedure> {
    load_dir(&root().join("content"))
        .unwrap_or_else(|e| panic!("content does not pass kb check:\n{e}"))
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Lowercase, NFC, underscores as spaces, punctuation dropped; Han characters are one word each.
fn words(text: &str) -> Vec<String> {
    let norm: String = text
        .nfc()
        .collect::<String>()
        .to_lowercase()
        .replace('_', " ");
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in norm.chars() {
        if is_han(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn grams(words: &[String], n: usize) -> Vec<String> {
    words.windows(n).map(|w| w.join(" ")).collect()
}

/// Scraped-page notices and navigation, which are not content.
const FURNITURE: [&str; 9] = [
    "book118",
    "足球投注",
    "版权申诉",
    "VIP文档",
    "文档评论",
    "下载",
    "第 3 页 共 5 页",
    "HiRes",
    "查看更多",
];

/// The body of a source document without its page furniture.
fn source_body(name: &str, text: &str) -> String {
    let mut t = text.to_string();
    if name.starts_with("003_") {
        let start = t.find("热线电话接听规范").expect("003 title");
        t = t[start..].to_string();
        // The table of contents repeats section titles with page numbers.
        let toc_end = t.find("1 热线电话接听 热线").expect("003 toc end");
        t = t[toc_end..].to_string();
    }
    for f in FURNITURE {
        t = t.replace(f, " ");
    }
    t.replace("文档评论(0)", " ")
}

fn seeds() -> Vec<(String, String)> {
    let dir = seeds_dir();
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("source documents not found at {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert_eq!(
        out.len(),
        5,
        "expected the five source documents in {}",
        dir.display()
    );
    out
}

#[test]
fn every_content_file_passes_and_there_are_enough() {
    let procs = procedures();
    assert!(procs.len() >= 25, "only {} procedures", procs.len());
    for lang in Lang::ALL {
        assert!(
            procs.iter().filter(|p| p.lang == lang).count() >= 5,
            "too few procedures in {lang:?}"
        );
    }
    for p in &procs {
        assert!(
            p.situations.len() >= 3,
            "{}: give at least 3 situations",
            p.id
        );
        let text = p.text();
        assert!(
            !text.contains('_') || text.contains('{'),
            "{}: word-segmentation underscore left in text",
            p.id
        );
    }
}

#[test]
fn every_source_document_is_cited() {
    let procs = procedures();
    for (name, _) in seeds() {
        let n = procs.iter().filter(|p| p.source.file == name).count();
        assert!(n >= 3, "{name} is cited by only {n} procedures");
    }
    let names: HashSet<String> = seeds().into_iter().map(|(n, _)| n).collect();
    for p in &procs {
        assert!(
            names.contains(&p.source.file),
            "{}: source file {} is not a source document",
            p.id,
            p.source.file
        );
    }
}

#[test]
fn the_example_in_the_content_guide_is_valid() {
    let guide = std::fs::read_to_string(root().join("content/README.md")).unwrap();
    let start = guide.find("```markdown\n").expect("example block") + "```markdown\n".len();
    let end = start + guide[start..].find("\n```\n").expect("example end") + 1;
    let p = cuecard::content::parse::parse_file(
        Path::new("content/README.md"),
        &guide.as_bytes()[start..end],
    )
    .unwrap_or_else(|e| panic!("the guide's example does not parse: {e:?}"));
    assert_eq!(p.id, "vi-gap-truong-ca");
    assert_eq!(p.timers.hold_limit_secs, Some(60));
    assert_eq!(p.steps.len(), 3);
}

/// Text normalised as the coverage test does (its `words`), as one string with a space either
/// side, so that `contains(&padded(part))` matches whole words only.
fn padded(text: &str) -> String {
    format!(" {} ", words(text).join(" "))
}

/// Everything an operator sees of a card, with where it is shown.
fn visible_texts(p: &Procedure) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = vec![("title", p.title.clone())];
    out.extend(p.situations.iter().map(|t| ("situation", t.clone())));
    out.extend(p.cautions.iter().map(|t| ("caution", t.clone())));
    out.extend(p.step_texts().into_iter().map(|t| ("step", t.to_string())));
    out.extend(p.notes.iter().map(|t| ("note", t.clone())));
    for c in &p.timers.callbacks {
        out.push(("callback reason", c.reason.clone()));
        if let CountFrom::Entered { label } = &c.from {
            out.push(("callback start", label.clone()));
        }
    }
    out
}

/// Every card parsed on its own, without the loader's cross-file checks: the link check below
/// is then this test's own, not only `kb check`'s.
fn cards_parsed_one_by_one() -> Vec<Procedure> {
    let dir = root().join("content");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("README.md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            cuecard::content::parse::parse_file(p, &std::fs::read(p).unwrap())
                .unwrap_or_else(|e| panic!("{} does not parse: {e:?}", p.display()))
        })
        .collect()
}

#[test]
fn links_resolve_and_alternatives_exist() {
    let procs = cards_parsed_one_by_one();
    let ids: HashSet<&str> = procs.iter().map(|p| p.id.as_str()).collect();
    let mut problems = Vec::new();
    for p in &procs {
        for id in p.links() {
            if !ids.contains(id) {
                problems.push(format!("{}: links to {id:?}, which is not a card", p.id));
            }
        }
    }
    for id in ["vi-chuyen-mang-bi-dong", "vi-chuyen-mang-chu-dong"] {
        let p = procs
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("{id} is missing"));
        let alternatives = p
            .steps
            .iter()
            .any(|s| matches!(s, Step::Say { scripts, .. } if scripts.len() >= 2));
        if !alternatives {
            problems.push(format!(
                "{id}: its example scripts are alternatives: one step with its scripts as bullets"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        procs.len(),
        procedures().len(),
        "every card parsed one by one is loaded"
    );
}
