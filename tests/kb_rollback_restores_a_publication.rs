//! `kb rollback` on a copy of the release build (`dist/`; these tests say so when it is
//! missing): after publishing A and then B, the site is A's again byte for byte (its history
//! aside), `kb history` shows the rollback as a publication of its own, a rollback of the
//! rollback gives B back, and a rollback whose file is gone from `history/files/` is refused by
//! name with the site unchanged. `CUECARD_REQUIRE_BROWSERS=1` makes a missing build a failure.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/kb.rs"]
mod kb;
#[path = "support/stage.rs"]
mod stage;

use kb::{content_copy, kb};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file of a site and its bytes, its history left out.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if p.is_dir() && rel != "history" {
                walk(root, &p, out);
            } else if p.is_file() {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A private copy of the release build, sub-folders included.
fn copy_of_dist() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let p = e.unwrap().path();
            let dest = to.join(p.file_name().unwrap());
            match p.is_dir() {
                true => copy(&p, &dest),
                false => drop(std::fs::copy(&p, &dest).unwrap()),
            }
        }
    }
    let site = tempfile::tempdir().unwrap();
    copy(&stage::dist_dir(), site.path());
    let _ = std::fs::remove_dir_all(site.path().join("history"));
    site
}

fn worker_version(site: &Path) -> String {
    let sw = std::fs::read_to_string(site.join("sw.js")).unwrap();
    let rest = sw.split_once("const VERSION = \"").unwrap().1;
    rest.split_once('"').unwrap().0.to_string()
}

/// The first step of the card `id` gets `mark` in front of its text.
fn edit(content: &Path, id: &str, mark: &str) {
    let path = content.join(format!("{id}.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("\n1. ").expect("a numbered first step") + "\n1. ".len();
    let text = format!("{}{mark} {}", &text[..at], &text[at..]);
    std::fs::write(path, text).unwrap();
}

/// The records `kb history --json` prints, newest first.
fn history(site: &str) -> Vec<serde_json::Value> {
    let (code, out, err) = kb(&["history", "--dist", site, "--json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_rollback_restores_the_previous_publication_byte_for_byte() {
    if !stage::can_run(
        "a_rollback_restores_the_previous_publication_byte_for_byte",
        &[stage::Need::Dist],
    ) {
        return;
    }
    let (site, content) = (copy_of_dist(), content_copy());
    let (c, d) = (
        content.path().to_str().unwrap(),
        site.path().to_str().unwrap(),
    );
    let card = "vi-cham-soc-kh-khong-khieu-nai";

    edit(content.path(), card, "(A)");
    let (code, out, err) = kb(&["publish", "--content", c, "--dist", d, "--by", "lan"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("recorded as #2"), "{out}");
    let (a, a_version) = (snapshot(site.path()), worker_version(site.path()));
    edit(content.path(), card, "(B)");
    let (code, out, err) = kb(&["publish", "--content", c, "--dist", d]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("changed (1): {card}")), "{out}");
    let (b, b_version) = (snapshot(site.path()), worker_version(site.path()));
    assert_ne!(a, b);

    let (code, out, err) = kb(&["rollback", "--dist", d, "--by", "minh"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("rolled back to #2"), "{out}");
    assert!(
        out.contains(&format!("version {b_version} → {a_version}")),
        "{out}"
    );
    let restored = snapshot(site.path());
    for name in a.keys().chain(restored.keys()) {
        assert!(a.get(name) == restored.get(name), "{name} is not A's");
    }
    // The worker is A's: its version is A's, so desks on B are offered it as an update.
    assert_eq!(worker_version(site.path()), a_version);
    assert_ne!(worker_version(site.path()), b_version);

    let records = history(d);
    // #1 is the site as built, recorded before the first publication.
    assert_eq!(records.len(), 4, "{records:?}");
    assert_eq!(records[3]["kind"], "start");
    let newest = &records[0];
    assert_eq!(newest["kind"], "rollback");
    assert_eq!(newest["to"], a_version.as_str());
    assert_eq!(newest["version"], a_version.as_str());
    assert_eq!(newest["by"], "minh");
    assert_eq!(newest["format"], 1);
    assert_eq!(
        (&records[1]["kind"], &records[2]["by"]),
        (&"publish".into(), &"lan".into())
    );
    let (code, out, _) = kb(&["history", "--dist", d]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("#4 ") && out.contains("rollback to"),
        "{out}"
    );

    // A rollback of the rollback is B again.
    let (code, _, err) = kb(&["rollback", "--dist", d]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(snapshot(site.path()), b);
    assert_eq!(worker_version(site.path()), b_version);
    assert_eq!(history(d).len(), 5);

    // A's page gone from the history: the rollback to A is refused by name, nothing changes.
    let a_page = records[0]["files"]["index.html"].as_str().unwrap();
    let stored = format!("history/files/index.html-{a_page}");
    std::fs::remove_file(site.path().join(&stored)).unwrap();
    let (code, _, err) = kb(&["rollback", "--dist", d, &a_version]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&stored) && err.contains("is gone") && err.contains("unchanged"),
        "{err}"
    );
    assert_eq!(snapshot(site.path()), b, "the site is unchanged");
    assert_eq!(history(d).len(), 5, "nothing recorded");
}
