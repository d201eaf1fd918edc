//! Coverage: the share of each source document's words that the content says, measured on word
//! 4-grams, held to 0.9, and a check that the measure can fail.

use crate::{grams, procedures, seeds, source_body, words};
use cuecard::content::Procedure;
use std::collections::HashSet;

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
