//! The shipped content: every file is valid, and it says what the five source documents say.
//! Coverage = share of each source's word 4-grams (Han characters count as words) found in the content.
#![cfg(not(target_arch = "wasm32"))]

use cuecard::content::load_dir;
use cuecard::content::{Lang, Procedure};
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

/// A procedure's text in source order: its section heading, steps, then cautions and notes.
fn coverage_text(p: &Procedure) -> String {
    let mut parts: Vec<&str> = vec![&p.title, &p.source.section];
    parts.extend(p.step_texts());
    parts.extend(p.cautions.iter().map(String::as_str));
    parts.extend(p.notes.iter().map(String::as_str));
    parts.join("\n")
}

/// Coverage of one source by the content: (share of the source's 4-grams found, share of the
/// source's words inside at least one found 4-gram). The second ignores where the content starts
/// a new step or section (a 4-gram across that seam is lost) but still misses every dropped word.
fn coverage(source: &[String], have: &HashSet<String>) -> (f64, f64, Vec<String>) {
    let grams = grams(source, 4);
    let found: Vec<bool> = grams.iter().map(|g| have.contains(g)).collect();
    let mut covered = vec![false; source.len()];
    for (i, f) in found.iter().enumerate() {
        if *f {
            covered[i..i + 4].iter_mut().for_each(|c| *c = true);
        }
    }
    let missing: Vec<String> = source
        .iter()
        .zip(&covered)
        .enumerate()
        .filter(|(_, (_, c))| !**c)
        .map(|(i, (w, _))| format!("{w}@{i}"))
        .collect();
    let gram_share = found.iter().filter(|f| **f).count() as f64 / grams.len().max(1) as f64;
    let word_share = covered.iter().filter(|c| **c).count() as f64 / source.len().max(1) as f64;
    (gram_share, word_share, missing)
}

#[test]
fn content_covers_each_source_document() {
    let procs = procedures();
    let content: String = procs
        .iter()
        .map(coverage_text)
        .collect::<Vec<_>>()
        .join("\n");
    let have: HashSet<String> = grams(&words(&content), 4).into_iter().collect();
    let mut report = Vec::new();
    let mut failed = false;
    for (name, text) in seeds() {
        let source = words(&source_body(&name, &text));
        let (gram_share, word_share, missing) = coverage(&source, &have);
        report.push(format!(
            "{name}: words covered {word_share:.3}, 4-grams found {gram_share:.3} ({} words)",
            source.len()
        ));
        if word_share < 0.9 {
            failed = true;
        }
        if word_share < 0.97 {
            report.push(format!("  uncovered: {}", missing.join(" ")));
        }
    }
    println!("{}", report.join("\n"));
    assert!(!failed, "coverage below 0.9:\n{}", report.join("\n"));
}

#[test]
fn coverage_measure_can_fail() {
    let source = words("một hai ba bốn năm sáu bảy tám");
    let have: HashSet<String> = grams(&words("một hai ba bốn"), 4).into_iter().collect();
    let (g, w, missing) = coverage(&source, &have);
    assert_eq!(missing.len(), 4);
    assert!((w - 0.5).abs() < 1e-9 && g < 0.21, "{g} {w}");
    assert_eq!(coverage(&source, &HashSet::new()).1, 0.0);
}

#[test]
fn no_page_furniture_in_content() {
    for p in procedures() {
        let text = p.text();
        for f in FURNITURE
            .iter()
            .chain(["文档评论(0)", "侵权必究", "付费"].iter())
        {
            assert!(
                !text.contains(f),
                "{}: page furniture {f:?} in content",
                p.id
            );
        }
    }
}

#[test]
fn the_example_in_the_content_guide_is_valid() {
    let guide = std::fs::read_to_string(root().join("content/README.md")).unwrap();
    let start = guide.find("```markdown\n").expect("example block") + "```markdown\n".len();
    let end = start + guide[start..].find("\n```\n").expect("example end") + 1;
    let p = cuecard::content::parse::parse_file(
        Path::new("content/README.md"),
        guide[start..end].as_bytes(),
    )
    .unwrap_or_else(|e| panic!("the guide's example does not parse: {e:?}"));
    assert_eq!(p.id, "vi-gap-truong-ca");
    assert_eq!(p.timers.hold_limit_secs, Some(60));
    assert_eq!(p.steps.len(), 3);
}
