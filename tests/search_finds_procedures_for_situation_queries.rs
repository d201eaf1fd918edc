//! Relevance on the real index built from the real content: the shared dev set must pass at
//! rank 3, and our own paraphrase/typo set is measured (hit@1, hit@3, MRR) and held to hit@3 ≥ 0.9.
//! A query that stands verbatim in a card's text measures string equality, not relevance: every
//! set counts those and leaves them out of its figures and its bar.
//!
//! This file builds the engine, measures the query sets and holds them to their bars. One room
//! per kind of single-query check: `answers` (what one search returns: language, accents,
//! snippet, any text, related cards, timer rules), `in_force` (cards with dates, at the desk's
//! moment), `as_operators_type` (queries typed the way
//! operators type them, and synonyms that must not send them to the wrong card).
#![cfg(not(target_arch = "wasm32"))]

// The rooms are in the folder of this name (a file beside this one would be a test crate of
// its own), so this file keeps the path the docs give it.
#[path = "search_finds_procedures_for_situation_queries/answers.rs"]
mod answers;
#[path = "search_finds_procedures_for_situation_queries/as_operators_type.rs"]
mod as_operators_type;
#[path = "search_finds_procedures_for_situation_queries/in_force.rs"]
mod in_force;

use cuecard::content::Lang;
use cuecard::content::{load_dir, load_synonyms};
use cuecard::search::Engine;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn engine() -> Engine {
    let dir = root().join("content");
    let synonyms = load_synonyms(&dir).expect("synonyms pass").synonyms;
    Engine::from_content(&load_dir(&dir).expect("content passes"), &synonyms).expect("index builds")
}

/// The dev set's normalisation: lowercase, NFC, underscores as spaces, no punctuation, single spaces.
fn norm(s: &str) -> String {
    let s: String = s.nfc().collect::<String>().to_lowercase().replace('_', " ");
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn rows(path: &PathBuf) -> Vec<(Lang, String, Vec<String>)> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "bad row: {l}");
            (
                Lang::from_code(cols[0]).expect("lang"),
                cols[1].to_string(),
                cols[2].split('|').map(str::to_string).collect(),
            )
        })
        .collect()
}

struct Scores {
    n: usize,
    /// Queries that stand verbatim in a card's text (after normalisation): they measure string
    /// equality, not relevance, so they are counted here and left out of every figure.
    verbatim: usize,
    hit1: usize,
    hit3: usize,
    rr: f64,
    failures: Vec<String>,
}

/// Every card's text, normalised as the queries are, read once for all the sets measured.
fn card_texts() -> &'static [String] {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(|| {
        load_dir(&root().join("content"))
            .expect("content passes")
            .iter()
            .map(|p| format!(" {} ", norm(&p.text())))
            .collect()
    })
}

fn measure(
    rows: &[(Lang, String, Vec<String>)],
    is_match: impl Fn(&str, &[String]) -> bool,
    e: &Engine,
) -> Scores {
    let cards = card_texts();
    let mut s = Scores {
        n: 0,
        verbatim: 0,
        hit1: 0,
        hit3: 0,
        rr: 0.0,
        failures: Vec::new(),
    };
    for (_, query, want) in rows {
        let as_words = format!(" {} ", norm(query));
        if cards.iter().any(|c| c.contains(&as_words)) {
            s.verbatim += 1;
            continue;
        }
        let hits = e.search(query, None, 10);
        let rank = hits
            .iter()
            .position(|h| is_match(&h.id, want))
            .map(|r| r + 1);
        s.n += 1;
        if rank == Some(1) {
            s.hit1 += 1;
        }
        if rank.is_some_and(|r| r <= 3) {
            s.hit3 += 1;
        } else {
            let top: Vec<&str> = hits.iter().take(3).map(|h| h.id.as_str()).collect();
            s.failures
                .push(format!("{query:?}: rank {rank:?}, top 3 {top:?}"));
        }
        s.rr += rank.map(|r| 1.0 / r as f64).unwrap_or(0.0);
    }
    s
}

fn report(name: &str, s: &Scores) {
    println!(
        "{name}: {} queries ({} more stand verbatim in a card: set aside), hit@1 {:.3}, hit@3 {:.3}, MRR {:.3}",
        s.n,
        s.verbatim,
        s.hit1 as f64 / s.n.max(1) as f64,
        s.hit3 as f64 / s.n.max(1) as f64,
        s.rr / s.n.max(1) as f64
    );
    for f in &s.failures {
        println!("  miss {f}");
    }
}

#[test]
fn dev_queries_pass_at_rank_3() {
    let e = engine();
    let path = std::env::var_os("CUECARD_DEV_QUERIES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/relevance/dev_queries.tsv"));
    let rows = rows(&path);
    assert!(rows.len() >= 20);
    let text_of = |id: &str| norm(&e.procedure(id).expect("hit is a procedure").text());
    let s = measure(
        &rows,
        |id, markers| markers.iter().any(|m| text_of(id).contains(&norm(m))),
        &e,
    );
    report("dev", &s);
    // Most of the shared set stands verbatim in cards' situations; the rest is held to rank 3.
    assert!(s.n >= 2, "the dev set measures {} queries", s.n);
    assert!(
        s.failures.is_empty(),
        "dev queries not in the top 3:\n{}",
        s.failures.join("\n")
    );
}

/// The shared set of the ways operators type under pressure (wrong layout, Latin letters, pinyin,
/// English words, pasted sentences, very short), same columns and markers as the dev set.
const STYLES_HIT3: f64 = 0.9;

#[test]
fn styles_queries_reach_hit_at_3_of_0_9() {
    let e = engine();
    let path = std::env::var_os("CUECARD_STYLES_QUERIES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/relevance/dev_queries_styles.tsv"));
    let all = rows(&path);
    assert!(all.len() >= 15);
    let text_of = |id: &str| norm(&e.procedure(id).expect("hit is a procedure").text());
    let s = measure(
        &all,
        |id, markers| markers.iter().any(|m| text_of(id).contains(&norm(m))),
        &e,
    );
    report("styles", &s);
    // Per habit: the file's comment line above each group names it.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut habit = String::new();
    let mut groups: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(c) = line.strip_prefix("# ") {
            habit = c.to_string();
        } else if !line.trim().is_empty() {
            groups.push((habit.clone(), line.to_string()));
        }
    }
    let mut habits: Vec<String> = groups.iter().map(|g| g.0.clone()).collect();
    habits.dedup();
    for h in habits {
        let lines: Vec<String> = groups
            .iter()
            .filter(|g| g.0 == h)
            .map(|g| g.1.clone())
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("q.tsv");
        std::fs::write(&f, lines.join("\n")).unwrap();
        let g = measure(
            &rows(&f),
            |id, markers| markers.iter().any(|m| text_of(id).contains(&norm(m))),
            &e,
        );
        println!(
            "  {h}: {} queries, hit@1 {:.2}, hit@3 {:.2}",
            g.n,
            g.hit1 as f64 / g.n.max(1) as f64,
            g.hit3 as f64 / g.n.max(1) as f64
        );
    }
    assert!(
        s.hit3 as f64 / s.n as f64 >= STYLES_HIT3,
        "styles hit@3 below {STYLES_HIT3}:\n{}",
        s.failures.join("\n")
    );
}

#[test]
fn own_queries_reach_hit_at_3_of_0_9() {
    let e = engine();
    let rows = rows(&root().join("tests/relevance/own_queries.tsv"));
    assert!(rows.len() >= 60, "only {} own queries", rows.len());
    for lang in Lang::ALL {
        assert!(
            rows.iter().filter(|r| r.0 == lang).count() >= 15,
            "too few {lang:?} queries"
        );
    }
    for (_, _, ids) in &rows {
        for id in ids {
            assert!(
                e.procedure(id).is_some(),
                "own_queries.tsv names unknown id {id}"
            );
        }
    }
    let s = measure(&rows, |id, ids| ids.iter().any(|w| w == id), &e);
    report("own", &s);
    assert!(s.hit3 as f64 / s.n as f64 >= 0.9, "hit@3 below 0.9");
}

/// A desk that has only its own language's index open (before the others arrive, or for good
/// with a language filter) counts documents and terms over that language alone: it must rank as
/// well as the engine of everything.
#[test]
fn one_language_alone_ranks_as_well_as_all_of_them() {
    let procs = load_dir(&root().join("content")).unwrap();
    let synonyms = load_synonyms(&root().join("content")).unwrap().synonyms;
    let blobs = cuecard::search::build_blobs(&procs, &synonyms).unwrap();
    let rows = rows(&root().join("tests/relevance/own_queries.tsv"));
    let (all, mut alone) = (
        measure(&rows, |id, ids| ids.iter().any(|w| w == id), &engine()),
        Vec::new(),
    );
    for b in &blobs {
        let own: Vec<_> = rows.iter().filter(|r| r.0 == b.lang).cloned().collect();
        let e = Engine::from_blob(&b.bytes).unwrap();
        alone.push(measure(&own, |id, ids| ids.iter().any(|w| w == id), &e));
    }
    let sum = |f: fn(&Scores) -> f64| alone.iter().map(f).sum::<f64>();
    let merged = Scores {
        n: alone.iter().map(|s| s.n).sum(),
        verbatim: alone.iter().map(|s| s.verbatim).sum(),
        hit1: alone.iter().map(|s| s.hit1).sum(),
        hit3: alone.iter().map(|s| s.hit3).sum(),
        rr: sum(|s| s.rr),
        failures: alone.iter().flat_map(|s| s.failures.clone()).collect(),
    };
    report("own, each language alone", &merged);
    assert_eq!(merged.n, all.n);
    assert!(
        merged.hit1 >= all.hit1,
        "hit@1 {} < {}",
        merged.hit1,
        all.hit1
    );
    assert!(
        merged.hit3 >= all.hit3,
        "hit@3 {} < {}",
        merged.hit3,
        all.hit3
    );
}
