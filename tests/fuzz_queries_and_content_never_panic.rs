//! Bounded fuzzing, run in CI: any query text gives results or an empty list (never a panic),
//! and any damage to a content file gives `PATH:LINE: message` errors (never a panic).
//! `PROPTEST_CASES` raises the count for a longer local run (default: 128 per property).
#![cfg(not(target_arch = "wasm32"))]

use cuecard::content::Lang;
use cuecard::content::{load_dir, parse::parse_file};
use cuecard::search::Engine;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::from_procedures(&load_dir(&content_dir()).unwrap()).unwrap())
}

fn sample_file() -> &'static (PathBuf, String) {
    static FILE: OnceLock<(PathBuf, String)> = OnceLock::new();
    FILE.get_or_init(|| {
        let path = content_dir().join("vi-gap-truong-ca.md");
        let text = std::fs::read_to_string(&path).unwrap();
        (path, text)
    })
}

/// Text people and pastes produce: words from the corpus' scripts, syntax characters, marks,
/// emoji, control and zero-width characters, fullwidth forms — mixed with arbitrary characters.
fn query_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("khách hàng".to_string()),
        Just("truong ca".to_string()),
        Just("客户投诉".to_string()),
        Just("оскорбляет".to_string()),
        Just("VIP".to_string()),
        "[-+*?~^:\"'()\\[\\]{}!&|/\\\\<> ]{1,4}",
        "[\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2060}\u{FEFF}\u{0300}-\u{036F}]{1,3}",
        "[\u{FF01}-\u{FF5E}\u{3000}]{1,5}",
        "[\u{1F300}-\u{1F64F}]{1,2}",
        "[\u{0}-\u{1F}\u{7F}]{1,2}",
        any::<String>(),
    ];
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.join(" "))
}

fn check_hits(q: &str, lang: Option<Lang>, limit: usize) {
    // `try_search`, not `search` (which turns an error into "no hits"): a `SearchError` fails.
    let hits = engine()
        .try_search(q, lang, limit)
        .unwrap_or_else(|e| panic!("{q:?} ({lang:?}, {limit}): {e}"));
    assert!(hits.len() <= limit);
    for h in &hits {
        assert!(h.score.is_finite(), "score for {q:?}");
        if let Some(l) = lang {
            assert_eq!(h.lang, l);
        }
        for &(start, end) in &h.snippet.highlights {
            assert!(
                start < end && end <= h.snippet.text.len(),
                "highlight {start}..{end} for {q:?}"
            );
            assert!(h.snippet.text.is_char_boundary(start) && h.snippet.text.is_char_boundary(end));
        }
    }
}

/// One edit to a content file: delete, insert or replace a span, at a char boundary.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = prop_oneof![
        Just("+++".to_string()),
        Just("\n## Steps\n".to_string()),
        Just("\n1. ".to_string()),
        Just("\n> ".to_string()),
        Just(" → ".to_string()),
        Just("\"".to_string()),
        Just("\nhold_limit = \"zz\"\n".to_string()),
        Just("\n[timers]\n".to_string()),
        Just("\n[[callbacks]]\n".to_string()),
        any::<String>(),
    ];
    prop_oneof![
        (any::<usize>(), 0usize..200).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), text.clone()).prop_map(|(a, t)| Edit::Insert(a, t)),
        (any::<usize>(), 0usize..40, text).prop_map(|(a, n, t)| Edit::Replace(a, n, t)),
    ]
}

fn boundary(s: &str, at: usize) -> usize {
    let mut i = at % (s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut s: String, edits: &[Edit]) -> String {
    for e in edits {
        match e {
            Edit::Delete(a, n) => {
                let a = boundary(&s, *a);
                let b = boundary(&s, (a + n).min(s.len()));
                s.replace_range(a..b.max(a), "");
            }
            Edit::Insert(a, t) => {
                let a = boundary(&s, *a);
                s.insert_str(a, t);
            }
            Edit::Replace(a, n, t) => {
                let a = boundary(&s, *a);
                let b = boundary(&s, (a + n).min(s.len())).max(a);
                s.replace_range(a..b, t);
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_query_text_gives_results_or_nothing(q in query_text(), lang in prop::option::of(prop_oneof![Just(Lang::Vi), Just(Lang::Zh), Just(Lang::Ru)]), limit in 1usize..30) {
        check_hits(&q, lang, limit);
        // The same text typed one character at a time (each prefix is a keystroke).
        let chars: Vec<char> = q.chars().take(40).collect();
        for n in 0..=chars.len() {
            check_hits(&chars[..n].iter().collect::<String>(), lang, 10);
        }
    }

    #[test]
    fn any_damage_to_a_content_file_is_reported_with_its_line(edits in prop::collection::vec(edit(), 1..6)) {
        let (path, text) = sample_file();
        let damaged = apply(text.clone(), &edits);
        let lines = damaged.lines().count().max(1);
        if let Err(errors) = parse_file(Path::new(path), damaged.as_bytes()) {
            prop_assert!(!errors.is_empty());
            for e in errors {
                let shown = e.to_string();
                prop_assert!(shown.starts_with(&format!("{}:{}: ", path.display(), e.line)), "{}", shown);
                prop_assert!(e.line >= 1 && e.line <= lines + 1, "line {} of {}: {}", e.line, lines, shown);
                prop_assert!(!e.message.trim().is_empty());
            }
        }
    }

    #[test]
    fn arbitrary_bytes_are_never_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_file(Path::new("content/x.md"), &bytes);
    }
}

#[test]
fn the_issue_s_hostile_queries_answer_without_error() {
    for q in [
        "khach hang ".repeat(1000).as_str(),
        "😡 клиент 🙏",
        "\u{202E}khach muon gap truong ca\u{202C}",
        "kh\u{200B}ach hang",
        "ｋｈａｃｈ　ｈａｎｇ",
        "-",
        "*",
        "\"",
        "title:(a AND NOT b) ^2 ~1 \\",
        "",
        "   ",
    ] {
        check_hits(q, None, 10);
    }
    // Fullwidth and zero-width forms fold to the words they look like.
    let plain = engine().search("khach hang VIP", None, 3);
    let wide = engine().search("ｋｈａｃｈ　ｈａｎｇ　ＶＩＰ", None, 3);
    assert_eq!(
        plain.iter().map(|h| &h.id).collect::<Vec<_>>(),
        wide.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
}
