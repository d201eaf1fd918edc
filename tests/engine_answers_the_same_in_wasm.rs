//! Wasm half of the equivalence test, run in headless Chromium by wasm-bindgen-test: the page's
//! engine opens the same blobs (one per language) and must return the same ranked ids (scores within 1e-4).
//! The studio's path too: the content folder's files checked and indexed IN the page must give
//! the shipped blobs, byte for byte, and the same ranking.
//! Needs the fixture from `engine_fixture_for_wasm` (run the native tests first).
#![cfg(target_arch = "wasm32")]

use cuecard::content::{check_folder, Checked, Folder};
use cuecard::search::{build_blobs, Engine, LangBlob};
use std::path::PathBuf;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

static BLOBS: [&[u8]; 3] = [
    include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/equivalence/vi.bin"
    )),
    include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/equivalence/zh.bin"
    )),
    include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/equivalence/ru.bin"
    )),
];
static EXPECTED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/equivalence/expected.json"
));
/// The content folder's files, `[[name, text], …]`, and 1 000 synthetic procedures' with the
/// blobs `kb index` built from them natively.
static CONTENT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/equivalence/content.json"
));
static SYNTH: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/equivalence/synth.json"
));
static SYNTH_BLOBS: [&[u8]; 3] = [
    include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/equivalence/synth-vi.bin"
    )),
    include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/equivalence/synth-zh.bin"
    )),
    include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/equivalence/synth-ru.bin"
    )),
];

#[wasm_bindgen_test]
fn same_ranked_ids_as_native() {
    // In the order a page may receive them: the languages' order must not matter.
    let engine = Engine::from_blobs([BLOBS[2], BLOBS[0], BLOBS[1]].map(<[u8]>::to_vec))
        .expect("blobs open in the page");
    let expected: Vec<serde_json::Value> = serde_json::from_str(EXPECTED).unwrap();
    assert!(expected.len() > 60);
    for row in &expected {
        let q = row["query"].as_str().unwrap();
        let hits = engine.search(q, None, 10);
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        let want: Vec<&str> = row["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(ids, want, "query {q:?}");
        for (h, s) in hits.iter().zip(row["scores"].as_array().unwrap()) {
            let s = s.as_f64().unwrap() as f32;
            assert!(
                (h.score - s).abs() <= 1e-4 * s.abs().max(1.0),
                "query {q:?}: score {} vs native {s}",
                h.score
            );
        }
    }
}

/// Lower case, punctuation as spaces, single spaces (the relevance test's normalisation, less
/// NFC: the content and the query files are NFC already).
fn norm(s: &str) -> String {
    let s: String = s
        .to_lowercase()
        .replace('_', " ")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The shared styles set (#24) in the page's engine: hit@3 at least 0.90, as natively.
#[wasm_bindgen_test]
fn styles_queries_reach_hit_at_3_of_0_9_in_the_page() {
    let engine = Engine::from_blobs(BLOBS.map(<[u8]>::to_vec)).expect("blobs open in the page");
    let expected: Vec<serde_json::Value> = serde_json::from_str(EXPECTED).unwrap();
    let (mut n, mut hit3) = (0, 0);
    for row in &expected {
        let Some(markers) = row["styles_markers"].as_array() else {
            continue;
        };
        n += 1;
        let hits = engine.search(row["query"].as_str().unwrap(), None, 3);
        let found = hits.iter().any(|h| {
            let text = norm(&engine.procedure(&h.id).unwrap().text());
            markers
                .iter()
                .any(|m| text.contains(&norm(m.as_str().unwrap())))
        });
        hit3 += usize::from(found);
    }
    assert!(n >= 15, "only {n} styles queries in the fixture");
    assert!(
        hit3 as f64 / n as f64 >= 0.9,
        "styles hit@3 {hit3}/{n} in the page"
    );
}

#[wasm_bindgen_test]
fn corrupt_blob_is_an_error_not_a_panic() {
    assert!(Engine::from_blob(b"<!doctype html>").is_err());
    assert!(Engine::from_blob(&BLOBS[0][..BLOBS[0].len() / 2]).is_err());
}

/// A folder as the studio hands it over: file names and bytes, no root.
fn folder(json: &str) -> Folder {
    let files: Vec<(String, String)> = serde_json::from_str(json).unwrap();
    Folder {
        files: files
            .into_iter()
            .map(|(name, text)| (PathBuf::from(name), text.into_bytes()))
            .collect(),
        ..Folder::default()
    }
}

/// Checks and indexes a folder in the page, printing how long it took (the page's clock:
/// `Instant` panics in wasm).
fn check_and_build(what: &str, json: &str) -> (Checked, Vec<LangBlob>) {
    let started = js_sys::Date::now();
    let checked = check_folder(&folder(json));
    let checked_at = js_sys::Date::now();
    assert!(checked.errors.is_empty(), "{what}: {:?}", checked.errors);
    let blobs = build_blobs(&checked.published(), &checked.synonyms).expect("builds in the page");
    let built_at = js_sys::Date::now();
    console_log!(
        "{what}: {} procedures checked in {:.0} ms, indexed in {:.0} ms (in the page)",
        checked.cards.len(),
        checked_at - started,
        built_at - checked_at
    );
    (checked, blobs)
}

/// The blob built in the page is the one `kb index` wrote natively (else: where they part).
fn same_bytes(built: &LangBlob, native: &[u8]) {
    let first = built.bytes.iter().zip(native).position(|(a, b)| a != b);
    assert!(
        built.bytes == native,
        "{} blob built in the page differs from kb index's: {} vs {} bytes, first difference at {first:?}",
        built.lang.code(),
        built.bytes.len(),
        native.len()
    );
}

#[wasm_bindgen_test]
fn the_index_built_in_the_page_from_the_content_files_ranks_as_the_shipped_one() {
    let (checked, blobs) = check_and_build("real content", CONTENT);
    assert!(checked.cards.len() > 40);
    // Byte for byte what `kb index` wrote natively: the same segments, hence the same ranking.
    for (b, shipped) in blobs.iter().zip(BLOBS) {
        same_bytes(b, shipped);
    }
    // And the ranking itself, over every relevance query (dev, styles, own), as natively.
    let engine = Engine::from_blobs(blobs.into_iter().map(|b| b.bytes)).expect("opens");
    let expected: Vec<serde_json::Value> = serde_json::from_str(EXPECTED).unwrap();
    assert!(expected.len() > 60);
    for row in &expected {
        let q = row["query"].as_str().unwrap();
        let ids: Vec<String> = engine
            .search(q, None, 10)
            .into_iter()
            .map(|h| h.id)
            .collect();
        let want: Vec<&str> = row["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(ids, want, "query {q:?}");
    }
}

#[wasm_bindgen_test]
fn a_thousand_synthetic_procedures_are_indexed_in_the_page_as_natively() {
    let (checked, blobs) = check_and_build("1 000 synthetic procedures", SYNTH);
    assert_eq!(checked.cards.len(), 1000);
    for (b, native) in blobs.iter().zip(SYNTH_BLOBS) {
        same_bytes(b, native);
    }
}
