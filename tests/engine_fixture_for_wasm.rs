//! Native half of the native/wasm equivalence test: builds the blobs from the real content,
//! answers every relevance query, and writes both to `target/equivalence/` for the wasm half,
//! with the content folder's files (the page checks them and builds its own index from them)
//! and 1 000 synthetic procedures' files and blobs (`kb synth`'s corpus).
#![cfg(not(target_arch = "wasm32"))]

use cuecard::content::{check_dir, load_dir, load_synonyms, read_folder, Folder};
use cuecard::search::{build_blobs, Engine, LangBlob};
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

/// A folder's files as JSON, `[[name, text], …]` (content files are UTF-8: they pass `kb check`).
fn folder_json(folder: &Folder) -> Vec<u8> {
    let files: Vec<(String, String)> = folder
        .files
        .iter()
        .map(|(name, bytes)| {
            let text = String::from_utf8(bytes.clone()).expect("content is UTF-8");
            (name.display().to_string(), text)
        })
        .collect();
    assert!(folder.unreadable.is_empty(), "{:?}", folder.unreadable);
    serde_json::to_vec(&files).unwrap()
}

fn write_blobs(dir: &Path, prefix: &str, blobs: &[LangBlob]) {
    for b in blobs {
        std::fs::write(dir.join(format!("{prefix}{}.bin", b.lang.code())), &b.bytes).unwrap();
    }
}

/// The synthetic corpus as `kb synth` writes it (with the real synonyms file), read back as a
/// folder, and its blobs as `kb index` builds them.
fn synthetic(content: &Path, count: usize) -> (Folder, Vec<LangBlob>) {
    let dir = tempfile::tempdir().unwrap();
    cuecard::synth::write_corpus(&load_dir(content).unwrap(), count, dir.path()).unwrap();
    std::fs::copy(
        content.join("synonyms.toml"),
        dir.path().join("synonyms.toml"),
    )
    .unwrap();
    let checked = check_dir(dir.path());
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    let blobs = build_blobs(&checked.published(), &checked.synonyms).unwrap();
    (read_folder(dir.path()).unwrap(), blobs)
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
    write_blobs(&dir, "", &blobs);
    let content = read_folder(&root.join("content")).unwrap();
    std::fs::write(dir.join("content.json"), folder_json(&content)).unwrap();
    let (synth, synth_blobs) = synthetic(&root.join("content"), 1000);
    std::fs::write(dir.join("synth.json"), folder_json(&synth)).unwrap();
    write_blobs(&dir, "synth-", &synth_blobs);
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_vec(&expected).unwrap(),
    )
    .unwrap();
}
