//! `kb publish` on a copy of the release build (`dist/`, from `trunk build --release`; these
//! tests say so when it is missing): new content is served under new hashed indexes with a new
//! worker version, a broken card leaves the site byte for byte as it was, unchanged content
//! changes nothing, a new card becomes searchable in the page (Chromium), and `--zip` writes
//! the same publication as a site update to copy over the site. Without the build
//! (or Chromium) they say they were skipped; `CUECARD_REQUIRE_BROWSERS=1` makes that a failure.
#![cfg(not(target_arch = "wasm32"))]

#[macro_use]
mod e2e;
#[path = "support/kb.rs"]
mod kb;

use kb::{content_copy, kb, new_card};

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Every file of a site and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

fn worker_version(site: &Path) -> String {
    let sw = std::fs::read_to_string(site.join("sw.js")).unwrap();
    let rest = sw.split_once("const VERSION = \"").unwrap().1;
    rest.split_once('"').unwrap().0.to_string()
}

const NEW_CARD: &str = "+++\nid = \"vi-gio-lam-viec\"\nlang = \"vi\"\ntitle = \"Khách hỏi giờ làm việc của tổng đài\"\ncategory = \"Tư vấn\"\nsituations = [\"tổng đài làm việc mấy giờ\"]\n[source]\nfile = \"000.txt\"\nsection = \"TH 1\"\n+++\n## Steps\n1. Báo giờ làm việc: quầy xoài tím mở cửa.\n";

/// A copy of the release build and of the content, the content published into it once (the
/// build may predate an edit since `trunk build`).
fn published_copy() -> (tempfile::TempDir, tempfile::TempDir) {
    let (site, content) = (e2e::copy_of_dist(), content_copy());
    let (c, d) = (
        content.path().to_str().unwrap(),
        site.path().to_str().unwrap(),
    );
    let (code, _, err) = kb(&["publish", "--content", c, "--dist", d]);
    assert_eq!(code, 0, "{err}");
    (site, content)
}

#[test]
fn the_worker_version_changes_exactly_when_the_content_does() {
    if !e2e::stage::can_run(
        "the_worker_version_changes_exactly_when_the_content_does",
        &[e2e::stage::Need::Dist],
    ) {
        return;
    }
    let (site, content) = published_copy();
    let (c, d) = (
        content.path().to_str().unwrap(),
        site.path().to_str().unwrap(),
    );
    let before = snapshot(site.path());
    let version = worker_version(site.path());

    let (code, out, err) = kb(&["publish", "--content", c, "--dist", d]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("content unchanged"), "{out}");
    assert_eq!(
        snapshot(site.path()),
        before,
        "same content: nothing changes"
    );

    std::fs::write(content.path().join("vi-gio-lam-viec.md"), NEW_CARD).unwrap();
    let (code, out, err) = kb(&["publish", "--content", c, "--dist", d]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added (1): vi-gio-lam-viec"), "{out}");
    let after = snapshot(site.path());
    assert_ne!(worker_version(site.path()), version);
    // One blob per language: the Vietnamese one is new, the others are the same files.
    let blobs = |files: &BTreeMap<String, Vec<u8>>, lang: &str| -> Vec<String> {
        files
            .keys()
            .filter(|k| k.starts_with(&format!("index-{lang}-")) && k.ends_with(".bin"))
            .cloned()
            .collect()
    };
    let (old_vi, new_vi) = (blobs(&before, "vi"), blobs(&after, "vi"));
    assert_eq!(
        (old_vi.len(), new_vi.len()),
        (1, 1),
        "{old_vi:?} {new_vi:?}"
    );
    assert_ne!(old_vi, new_vi);
    assert!(!after.contains_key(&old_vi[0]), "the old blob was removed");
    for lang in ["zh", "ru"] {
        assert_eq!(
            blobs(&before, lang),
            blobs(&after, lang),
            "{lang} unchanged"
        );
        assert_eq!(blobs(&after, lang).len(), 1);
    }
    // Only the index, the page and the worker (and their compressed copies) changed.
    for (name, bytes) in &before {
        if !(name.starts_with("index") || name.starts_with("sw.js")) {
            assert_eq!(after.get(name), Some(bytes), "{name} should not change");
        }
    }
}

/// A new card from `kb new` is a draft: `kb publish` leaves it out (and says so), and the site
/// does not change; `kb preview` publishes it, marked as a draft on the card.
#[test]
fn a_draft_is_left_out_of_publish_and_shown_by_preview() {
    let name = "a_draft_is_left_out_of_publish_and_shown_by_preview";
    if !e2e::stage::can_run(name, &[e2e::stage::Need::Dist]) {
        return;
    }
    let (site, content) = published_copy();
    let (c, d) = (
        content.path().to_str().unwrap(),
        site.path().to_str().unwrap(),
    );
    let before = snapshot(site.path());
    let card = new_card(content.path(), "vi", "Khách hỏi giờ làm việc");
    let (code, out, err) = kb(&["publish", "--content", c, "--dist", d]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("content unchanged"), "{out}");
    assert!(
        out.contains(&format!("1 draft left out: {}", card.display())),
        "{out}"
    );
    assert_eq!(snapshot(site.path()), before, "a draft changes nothing");

    // `kb preview` publishes drafts too; stop it once it has.
    use std::io::BufRead;
    let mut preview = Command::new(env!("CARGO_BIN_EXE_kb"))
        .args(["preview", "--content", c, "--dist", d, "--port"])
        .arg(e2e::free_port().to_string())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lines = std::io::BufReader::new(preview.stdout.take().unwrap());
    let published = lines
        .lines()
        .map_while(Result::ok)
        .find(|l| l.contains("published") || l.contains("nothing to publish"));
    preview.kill().unwrap();
    preview.wait().unwrap();
    let published = published.expect("kb preview published");
    assert!(published.contains("published 47 procedures"), "{published}");
    if !e2e::can_run(
        &format!("{name} (the badge in Chromium)"),
        e2e::Engine::Chromium,
    ) {
        return;
    }
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let (b, _server) = e2e::Browser::open_site(
            e2e::Engine::Chromium,
            site.path().to_path_buf(),
            "#/p/vi-khach-hoi-gio-lam-viec",
        )
        .await;
        let badge = b.wait_testid("draft-badge").await;
        assert_eq!(badge.text().await.unwrap(), "Draft: not published");
        b.close().await;
    });
}

#[test]
fn a_card_with_an_error_leaves_the_site_byte_for_byte_unchanged() {
    if !e2e::stage::can_run(
        "a_card_with_an_error_leaves_the_site_byte_for_byte_unchanged",
        &[e2e::stage::Need::Dist],
    ) {
        return;
    }
    let site = e2e::copy_of_dist();
    let content = content_copy();
    std::fs::write(
        content.path().join("vi-gio-lam-viec.md"),
        NEW_CARD.replace("lang = \"vi\"", "lang = \"vn\""),
    )
    .unwrap();
    let before = snapshot(site.path());
    let (code, _, err) = kb(&[
        "publish",
        "--format",
        "short",
        "--content",
        content.path().to_str().unwrap(),
        "--dist",
        site.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("vi-gio-lam-viec.md:3: unknown language `vn`"),
        "the same diagnostics as kb check: {err}"
    );
    assert_eq!(snapshot(site.path()), before);
}

#[test]
fn a_published_card_is_searchable_in_the_page() {
    if !e2e::can_run(
        "a_published_card_is_searchable_in_the_page",
        e2e::Engine::Chromium,
    ) {
        return;
    }
    let site = e2e::copy_of_dist();
    let content = content_copy();
    std::fs::write(content.path().join("vi-gio-lam-viec.md"), NEW_CARD).unwrap();
    let (code, _, err) = kb(&[
        "publish",
        "--content",
        content.path().to_str().unwrap(),
        "--dist",
        site.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let (b, _server) =
            e2e::Browser::open_site(e2e::Engine::Chromium, site.path().to_path_buf(), "").await;
        b.search_expect("quay xoai tim", "giờ làm việc").await;
        b.close().await;
    });
}

/// `kb publish --zip` leaves the site alone and writes the update: its files unpacked over
/// another copy of the site, and the old files its note names deleted, give the same site, byte
/// for byte, as `kb publish` into it.
#[test]
fn a_site_update_zip_applied_over_a_copy_equals_publishing() {
    if !e2e::stage::can_run(
        "a_site_update_zip_applied_over_a_copy_equals_publishing",
        &[e2e::stage::Need::Dist],
    ) {
        return;
    }
    let (site, content) = published_copy();
    let unzipped = tempfile::tempdir().unwrap();
    for (name, bytes) in snapshot(site.path()) {
        std::fs::write(unzipped.path().join(name), bytes).unwrap();
    }
    std::fs::write(content.path().join("vi-gio-lam-viec.md"), NEW_CARD).unwrap();
    let (c, d) = (
        content.path().to_str().unwrap(),
        unzipped.path().to_str().unwrap(),
    );
    let zip_path = content.path().join("update.zip");
    let z = zip_path.to_str().unwrap();
    let before = snapshot(unzipped.path());
    let (code, out, err) = kb(&["publish", "--content", c, "--dist", d, "--zip", z]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added (1): vi-gio-lam-viec"), "{out}");
    assert_eq!(
        snapshot(unzipped.path()),
        before,
        "--zip leaves the site as it is"
    );

    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut note = String::new();
    for i in 0..archive.len() {
        use std::io::Read;
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        match entry.name() {
            "CUECARD-UPDATE.txt" => note = String::from_utf8(bytes).unwrap(),
            name => {
                // The publication's record and kept files go under `history/`.
                let to = unzipped.path().join(name);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::write(to, bytes).unwrap();
            }
        }
    }
    let deletes: Vec<&str> = note
        .split_once("delete these old files")
        .expect("the note names the files to delete")
        .1
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("     "))
        .map(str::trim)
        .collect();
    assert_eq!(
        deletes.len(),
        3,
        "the old Vietnamese blob and its copies: {note}"
    );
    for old in deletes {
        std::fs::remove_file(unzipped.path().join(old)).unwrap();
    }
    let s = site.path().to_str().unwrap();
    let (code, _, err) = kb(&["publish", "--content", c, "--dist", s]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(snapshot(unzipped.path()), snapshot(site.path()));
    if !e2e::can_run(
        "a_site_update_zip_applied_over_a_copy_equals_publishing (the edit in Chromium)",
        e2e::Engine::Chromium,
    ) {
        return;
    }
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let (b, _server) =
            e2e::Browser::open_site(e2e::Engine::Chromium, unzipped.path().to_path_buf(), "").await;
        b.search_expect("quay xoai tim", "giờ làm việc").await;
        b.close().await;
    });
}
