//! `kb gaps` over report files written here (one JSON, one JSON Lines) and the real `content/`:
//! spellings of one situation from two desks are one row, and each row names the cards the
//! search answers for it now; a broken file is named with its line and `kb` fails.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/kb.rs"]
mod kb;

use kb::kb;
use serde_json::{json, Value};
use std::path::Path;

const T: f64 = 1_700_000_000_000.0;

fn content() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .to_string_lossy()
        .into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// One desk's report file, as the desk exports it.
fn json_report() -> String {
    json!({
        "format": 1,
        "site_version": "abc",
        "ui_lang": "vi",
        "from": T,
        "to": T + 10_000.0,
        "episodes": [
            {"time": T, "queries": ["khách muốn gặp sếp"], "outcome": "no_results",
             "results": 0, "opened": null, "rank": null},
            {"time": T + 5000.0, "queries": ["клиент угрожает", "оскорбление"],
             "outcome": "reformulated", "results": 2,
             "opened": "ru-ugrozy-oskorbleniya", "rank": 1},
        ],
        "flags": [],
        "found_first_try": {"vi-gap-truong-ca": 4},
    })
    .to_string()
}

/// Another desk's entries as a collector received them.
fn json_lines_report() -> String {
    [
        json!({"kind": "report", "format": 1, "site_version": "abc", "ui_lang": "vi"}),
        json!({"kind": "episode", "time": T + 9000.0, "queries": ["khach muon gap sep"],
               "outcome": "no_results", "results": 0, "opened": null, "rank": null}),
        json!({"kind": "flag", "time": T + 9500.0, "card": "vi-gap-truong-ca",
               "card_version": "v1", "flag": "outdated", "note": "đã đổi quy trình"}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect()
}

#[test]
fn spellings_from_two_desks_are_one_gap_with_the_cards_the_search_finds_now() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.json", &json_report());
    let b = write(dir.path(), "b.jsonl", &json_lines_report());
    let (code, out, err) = kb(&["gaps", "--content", &content(), "--format", "json", &a, &b]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.len(), 2, "{out}");

    let boss = &rows[0];
    assert_eq!(boss["count"], 2, "{out}");
    assert_eq!(boss["desks"], 2);
    assert_eq!(boss["outcome"], "no_results");
    assert!(boss["opened"].is_null());
    let now: Vec<&str> = boss["now"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(now.len() <= 3, "{now:?}");
    assert!(
        now.contains(&"vi-gap-truong-ca"),
        "a situation of the card, as typed: {now:?}"
    );

    let threat = &rows[1];
    assert_eq!(threat["query"], "клиент угрожает");
    assert_eq!(threat["outcome"], "reformulated");
    assert_eq!(threat["opened"], "ru-ugrozy-oskorbleniya");
    assert!(
        threat["now"]
            .as_array()
            .unwrap()
            .contains(&json!("ru-ugrozy-oskorbleniya")),
        "{threat}"
    );
}

#[test]
fn the_table_shows_each_gap_with_the_search_now_and_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.json", &json_report());
    let b = write(dir.path(), "b.jsonl", &json_lines_report());
    let (code, out, err) = kb(&["gaps", "--content", &content(), &a, &b]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2×"), "{out}");
    assert!(out.contains("the search now: "), "{out}");
    assert!(out.contains("vi-gap-truong-ca"), "{out}");
    assert!(out.contains("outdated 1"), "{out}");
    assert!(out.contains("đã đổi quy trình"), "{out}");
}

#[test]
fn a_broken_report_is_named_with_its_line_and_kb_fails() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.json", &json_report());
    let broken = json_lines_report().replace("\"outcome\":\"no_results\"", "\"outcome\":");
    let bad = write(dir.path(), "bad.jsonl", &broken);
    let (code, out, err) = kb(&["gaps", "--content", &content(), &good, &bad]);
    assert_ne!(code, 0, "{out}");
    assert!(err.contains("bad.jsonl:2:"), "{err}");
    assert!(!err.contains("good.json"), "{err}");
    assert!(out.is_empty(), "{out}");
}

#[test]
fn a_report_from_a_newer_cuecard_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let newer = json_report().replace("\"format\":1", "\"format\":2");
    let path = write(dir.path(), "newer.json", &newer);
    let (code, _, err) = kb(&["gaps", "--content", &content(), &path]);
    assert_ne!(code, 0);
    assert!(
        err.contains("newer.json") && err.contains("format 2"),
        "{err}"
    );
}
