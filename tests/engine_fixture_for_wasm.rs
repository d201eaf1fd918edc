//! Native half of the native/wasm equivalence test: builds the blobs from the real content,
//! answers every relevance query, and writes both to `target/equivalence/` for the wasm half.
#![cfg(not(target_arch = "wasm32"))]

use cuecard::content::{load_dir, load_synonyms};
use cuecard::search::{build_blobs, Engine};
use std::path::{Path, PathBuf};

#[path = "support/queries.rs"]
mod support;

/// The shared styles set: each query with its markers (the wasm half measures its hit@3 too).
fn styles(root: &Path) -> Vec<(String, Vec<String>)> {
    let Ok(text) = std::fs::read_to_string(root.join("../shared/relevance/dev_queries_styles.tsv"))
    else {
        return Vec::new();
    };
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.len() == 3).then(|| {
                (
                    cols[1].to_string(),
                    cols[2].split('|').map(str::to_string).collect(),
                )
            })
        })
        .collect()
}

fn queries(root: &Path) -> Vec<String> {
    let mut out = support::relevance_queries(root);
    // The ways operators type (#24): other layout, Latin letters, pinyin, pasted sentences.
    out.extend(styles(root).into_iter().map(|(q, _)| q));
    out.extend(
        [
            "",
            "*",
            "((",
            "😀",
            "truong c",
            "клиен",
            "rkbtyn euhj;ftn",
            "zvonok ot rebenka",
            "ltnb",
            "МШЗ",
            "tousu dianhua",
            "zhuanjie",
            "Здравствуйте, это Иван, 89161234567, вы меня слышите? алло",
        ]
        .map(str::to_string),
    );
    out
}

#[test]
fn write_equivalence_fixture() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("content");
    let synonyms = load_synonyms(&dir).unwrap().synonyms;
    let blobs = build_blobs(&load_dir(&dir).unwrap(), &synonyms).unwrap();
    let engine = Engine::from_blobs(blobs.iter().map(|b| b.bytes.clone())).unwrap();
    let styles = styles(&root);
    let expected: Vec<serde_json::Value> = queries(&root)
        .into_iter()
        .map(|q| {
            let hits = engine.search(&q, None, 10);
            let markers = styles.iter().find(|(s, _)| *s == q).map(|(_, m)| m.clone());
            serde_json::json!({
                "query": q,
                "ids": hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>(),
                "scores": hits.iter().map(|h| h.score).collect::<Vec<_>>(),
                "styles_markers": markers,
            })
        })
        .collect();
    assert!(expected.len() > 60);
    let dir = root.join("target/equivalence");
    std::fs::create_dir_all(&dir).unwrap();
    // One file per language, named as the wasm half includes them.
    for b in &blobs {
        std::fs::write(dir.join(format!("{}.bin", b.lang.code())), &b.bytes).unwrap();
    }
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_vec(&expected).unwrap(),
    )
    .unwrap();
}
