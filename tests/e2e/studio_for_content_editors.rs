//! End to end, the studio (studio.html) in Chromium, Firefox ESR and WebKitGTK: a content
//! editor opens the real `content/` through the folder input, edits a card, sees the problems
//! with their lines and the card as the operator will, tries the search, downloads the changes,
//! finds them again after a reload, and publishes a site update that a desk then serves.
//!
//! The folder input gets the files the way a browser's folder dialog would hand them over
//! (a `DataTransfer` set on the input, then its `change`): WebDriver cannot drive the dialog
//! itself in Firefox or WebKitGTK. Downloads are caught where the page hands them to the
//! browser (`URL.createObjectURL`, the link's `click`), so no download dialog is involved.
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e;

use crate::studio_support as support;
use e2e::{copy_of_dist, Browser, Engine};
use fantoccini::Locator;
use support::{
    apply_update, catch_downloads, choose_folder, choose_site_tree, content_dir, download,
    editor_text, open_content, open_studio, opfs_text, pick_opfs_folder, problems, search_first,
    select_card, type_at,
};

const CARD: &str = "vi-gap-truong-ca.md";
/// A word no card has, typed into a step.
const NEW_WORD: &str = "zebraquokka";

async fn preview_steps(b: &Browser) -> Vec<String> {
    let mut out = Vec::new();
    for el in b
        .client
        .find_all(Locator::Css(
            "[data-testid=studio-preview] [data-testid=step]",
        ))
        .await
        .unwrap()
    {
        out.push(el.text().await.unwrap_or_default());
    }
    out
}

/// The path: open, break a line and see its problem, go to it, fix it, see the edit in
/// the preview and found by the search, and download exactly the edited text.
async fn an_edit_is_checked_previewed_searched_and_downloaded(engine: Engine) {
    let (b, _s) = open_studio(engine).await;
    open_content(&b).await;
    select_card(&b, CARD).await;
    let original = editor_text(&b).await;

    // A typo in a front-matter key: a problem at its line, in this file.
    type_at(&b, "title = ", false, "x").await;
    let found = b
        .until("the problem", || async {
            let p = problems(&b).await;
            (!p.is_empty()).then_some(p)
        })
        .await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "4", "{found:?}");
    // Checked in the studio's worker, off the page's main thread.
    assert_eq!(checked_in(&b).await, "worker");
    assert!(
        found[0].1.contains(&format!("{CARD}:4")) && found[0].1.contains("xtitle"),
        "{found:?}"
    );
    b.wait_testid("studio-problem-mark").await;
    // The preview keeps the card as it last parsed, and says so.
    b.wait_testid("studio-preview-stale").await;
    assert!(!preview_steps(&b).await.is_empty());

    // Choosing the problem puts the caret on its line.
    b.eval("document.querySelector('[data-testid=studio-editor]').setSelectionRange(0, 0); return true")
        .await;
    b.wait_testid("studio-problem").await.click().await.unwrap();
    let line_start = original.find("\ntitle = ").unwrap() + 1;
    b.until("the caret on line 4", || async {
        let v = b
            .eval("const a = document.activeElement; return a && a.dataset.testid === 'studio-editor' ? a.selectionStart : -1")
            .await;
        (v.as_i64()? == line_start as i64).then_some(())
    })
    .await;

    // Fixed, the problem goes; a new word in the first step shows in the preview.
    type_at(&b, "xtitle = ", false, "\u{E017}").await; // Delete
    b.wait_testid("studio-no-problems").await;
    b.wait_gone("the stale preview's note", "studio-preview-stale")
        .await;
    type_at(&b, "1. ", true, &format!(" Ghi mã {NEW_WORD}.")).await;
    b.until("the edit in the preview", || async {
        let steps = preview_steps(&b).await;
        steps.first()?.contains(NEW_WORD).then_some(())
    })
    .await;
    assert!(preview_steps(&b).await.len() >= 3);

    // The index follows: the new word finds the card.
    found_by_new_word(&b).await;

    // The changes: one file, its diff, and the download holds the edited text.
    let change = b.wait_testid("studio-change").await;
    assert_eq!(
        change.attr("data-path").await.unwrap().as_deref(),
        Some(CARD)
    );
    assert!(change.text().await.unwrap().contains(NEW_WORD));
    let edited = editor_text(&b).await;
    b.wait_testid("studio-download")
        .await
        .click()
        .await
        .unwrap();
    let (name, bytes) = download(&b, 0).await;
    assert_eq!(name, CARD);
    assert_eq!(String::from_utf8(bytes).unwrap(), edited);
    assert_eq!(
        edited.replace(&format!(" Ghi mã {NEW_WORD}."), ""),
        original
    );
    // Ctrl+S where the studio may not write the folder: the same download.
    let area = b.wait_testid("studio-editor").await;
    area.send_keys("\u{E009}s\u{E000}").await.unwrap();
    let (again, bytes) = download(&b, 1).await;
    assert_eq!((again.as_str(), bytes), (CARD, edited.clone().into_bytes()));
    assert_eq!(editor_text(&b).await, edited, "Ctrl+S typed nothing");

    let violations = b.axe().await;
    assert!(violations.is_empty(), "{violations:#?}");
    b.close().await;
}

/// Waits until the studio's search finds the edited card by `NEW_WORD` (the index follows the
/// check).
async fn found_by_new_word(b: &Browser) {
    b.until_within(
        std::time::Duration::from_secs(60),
        "the card found by its new word",
        || async {
            let id = search_first(b, NEW_WORD).await;
            (id == "vi-gap-truong-ca").then_some(())
        },
    )
    .await;
}

/// Where the studio's last check ran: "worker" or "page".
async fn checked_in(b: &Browser) -> String {
    b.eval("return document.querySelector('.studio').dataset.checkedIn")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A site whose studio worker's script is missing (a host that lost it, a browser that cannot
/// start it): the studio checks and indexes in the page instead, and says nothing is wrong.
async fn without_its_worker_the_studio_checks_in_the_page(engine: Engine) {
    let site = copy_of_dist();
    let studio = e2e::dist().join("studio");
    std::fs::create_dir(site.path().join("studio")).unwrap();
    let mut dropped = 0;
    for entry in std::fs::read_dir(&studio).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("studio-worker-") {
            dropped += 1;
            continue;
        }
        std::fs::copy(&p, site.path().join("studio").join(&name)).unwrap();
    }
    assert!(dropped > 0, "the build has a studio worker's script");
    let (b, _s) = Browser::open_site(engine, site.path().to_path_buf(), "studio.html").await;
    b.wait_testid("studio-folder").await;
    catch_downloads(&b).await;
    open_content(&b).await;
    assert_eq!(checked_in(&b).await, "page");
    select_card(&b, CARD).await;
    type_at(&b, "title = ", false, "x").await;
    b.until("the problem", || async {
        (!problems(&b).await.is_empty()).then_some(())
    })
    .await;
    type_at(&b, "xtitle = ", false, "\u{E017}").await; // Delete
    b.wait_testid("studio-no-problems").await;
    type_at(&b, "1. ", true, &format!(" {NEW_WORD}")).await;
    found_by_new_word(&b).await;
    assert_eq!(checked_in(&b).await, "page");
    // Publishing too: the site update holds the edit.
    let target = copy_of_dist();
    choose_folder(&b, "studio-site-folder", target.path()).await;
    b.wait_testid("studio-site-name").await;
    b.wait_testid("studio-download-site")
        .await
        .click()
        .await
        .unwrap();
    let (name, zip) = download(&b, 0).await;
    assert!(name.ends_with("-update.zip"), "{name}");
    assert!(zip.len() > 1000, "{} bytes", zip.len());
    b.close().await;
}

/// Unsaved changes come back after a reload, and over the folder once it is opened again.
async fn unsaved_changes_survive_a_reload(engine: Engine) {
    let (b, _s) = open_studio(engine).await;
    open_content(&b).await;
    select_card(&b, CARD).await;
    type_at(&b, "1. ", true, &format!(" {NEW_WORD}")).await;
    b.wait_testid("studio-change").await;
    // (The studio has no offline worker to wait for: a plain reload.)
    b.client.refresh().await.unwrap();
    let change = b.wait_testid("studio-change").await;
    assert_eq!(
        change.attr("data-path").await.unwrap().as_deref(),
        Some(CARD)
    );
    assert!(change.text().await.unwrap().contains(NEW_WORD));
    catch_downloads(&b).await;
    open_content(&b).await;
    select_card(&b, CARD).await;
    assert!(editor_text(&b).await.contains(NEW_WORD));
    b.close().await;
}

/// A new card is a draft from the template, listed and marked.
async fn a_new_card_is_a_draft_from_the_template(engine: Engine) {
    let (b, _s) = open_studio(engine).await;
    open_content(&b).await;
    support::new_card(&b, "Khách hỏi khuyến mãi tháng 12").await;
    // Listed, with its title and the draft mark once the folder has been checked again (the
    // row is drawn anew then: found again each time).
    let sel = "[data-testid=studio-card][data-path=\"vi-khach-hoi-khuyen-mai-thang-12.md\"]";
    b.until(
        "the new card listed with its title and draft mark",
        || async {
            let row = b.client.find(Locator::Css(sel)).await.ok()?;
            let titled = row
                .text()
                .await
                .ok()?
                .contains("Khách hỏi khuyến mãi tháng 12");
            let draft = row
                .find(Locator::Css("[data-testid=studio-draft-mark]"))
                .await
                .is_ok();
            (titled && draft).then_some(())
        },
    )
    .await;
    let text = editor_text(&b).await;
    assert!(
        text.contains("draft = true") && text.contains("id = \"vi-khach-hoi-khuyen-mai-thang-12\""),
        "{text}"
    );
    b.close().await;
}

/// "Download site update" over a copy of the built site: the desk it serves finds the edit.
async fn a_site_update_from_the_studio_serves_the_edit(engine: Engine) {
    let (b, _s) = open_studio(engine).await;
    open_content(&b).await;
    select_card(&b, CARD).await;
    type_at(&b, "1. ", true, &format!(" {NEW_WORD}")).await;
    b.wait_testid("studio-change").await;
    let site = copy_of_dist();
    choose_folder(&b, "studio-site-folder", site.path()).await;
    b.wait_testid("studio-site-name").await;
    b.until("the check after the edit", || async {
        b.client
            .find(Locator::Css("[data-testid=studio-no-problems]"))
            .await
            .ok()
    })
    .await;
    b.wait_testid("studio-download-site")
        .await
        .click()
        .await
        .unwrap();
    let (name, zip) = download(&b, 0).await;
    assert!(name.ends_with("-update.zip"), "{name}");
    let status = b.wait_testid("studio-status").await.text().await.unwrap();
    assert!(status.contains("vi-gap-truong-ca"), "{status}");
    b.close().await;

    // Applied as the note says: its files copied over, the old ones deleted.
    let (note, deleted) = apply_update(site.path(), &zip);
    assert!(deleted.iter().any(|d| d.starts_with("index-vi-")), "{note}");
    assert!(
        deleted.iter().all(|d| !d.starts_with("history/")),
        "nothing kept to prune yet: {note}"
    );
    let records: Vec<_> = std::fs::read_dir(site.path().join("history"))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    // The site as built (#1, so this first publication can be undone) and the publication.
    assert_eq!(records.len(), 2, "the publication is recorded: {records:?}");
    let (desk, _server) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    desk.search_expect(NEW_WORD, "Trưởng ca").await;
    desk.close().await;
}

/// Chromium only, where the File System Access API is (Firefox and WebKit have no folder
/// picker: their editors download, tested above): a folder opened in place is saved in place
/// (Ctrl+S), and "Publish to site folder" writes the site update into the site's folder.
async fn a_folder_opened_in_place_is_saved_and_published_in_place(engine: Engine) {
    let (b, _s) = open_studio(engine).await;
    pick_opfs_folder(&b, "content", &content_dir()).await;
    b.wait_testid("studio-open-folder")
        .await
        .click()
        .await
        .unwrap();
    b.until("every card listed", || async {
        (b.all_testid("studio-card").await.len() > 40).then_some(())
    })
    .await;
    b.wait_testid("studio-no-problems").await;
    select_card(&b, CARD).await;
    type_at(&b, "1. ", true, &format!(" {NEW_WORD}")).await;
    b.wait_testid("studio-change").await;
    let area = b.wait_testid("studio-editor").await;
    area.send_keys("\u{E009}s\u{E000}").await.unwrap();
    b.until("the change saved", || async {
        b.all_testid("studio-change").await.is_empty().then_some(())
    })
    .await;
    let saved = opfs_text(&b, "content", CARD).await.unwrap();
    assert_eq!(saved, editor_text(&b).await);
    assert!(b
        .storage()
        .await
        .iter()
        .all(|(k, _)| !k.ends_with("studio-unsaved")));

    // Publish in place into a copy of the built site.
    let site = copy_of_dist();
    pick_opfs_folder(&b, "site", site.path()).await;
    let old_page = opfs_text(&b, "site", "index.html").await.unwrap();
    b.wait_testid("studio-publish").await.click().await.unwrap();
    let page = b
        .until("the page pointed at the new index", || async {
            let page = opfs_text(&b, "site", "index.html").await?;
            (page != old_page).then_some(page)
        })
        .await;
    let status = b.wait_testid("studio-status").await.text().await.unwrap();
    assert!(status.contains("vi-gap-truong-ca"), "{status}");
    let vi = page
        .split("content=\"")
        .filter_map(|p| p.split('"').next())
        .find(|n| n.starts_with("index-vi-"))
        .unwrap()
        .to_string();
    assert!(opfs_text(&b, "site", &vi).await.is_some(), "{vi} written");
    b.close().await;
}

/// Two publications through `publish`, each after its own edit, for the History scenarios:
/// `publish` clicks what publishes and returns once it has; the edits are typed first and the
/// folder's check has caught up (the plan publishes the folder as last checked).
async fn two_publications<F, Fut>(b: &Browser, publish: F)
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for n in 1..=2 {
        type_at(b, "1. ", true, &format!(" {NEW_WORD}{n}")).await;
        b.wait_testid("studio-change").await;
        // The check runs 200 ms after typing stops: publish what it checked.
        b.until("the edit checked", || async {
            b.client
                .find(Locator::Css(
                    "[data-testid=studio-problems][data-checking=false]",
                ))
                .await
                .ok()
        })
        .await;
        b.wait_testid("studio-no-problems").await;
        publish(n).await;
        b.until("the publication in the History panel", || async {
            // Record 1 is the site as built, recorded with the first publication.
            (b.all_testid("studio-history-row").await.len() == n + 1).then_some(())
        })
        .await;
    }
}

/// The History panel's rows as (number, current, has a Restore button), newest first.
async fn history_rows(b: &Browser) -> Vec<(String, bool, bool)> {
    let mut out = Vec::new();
    for row in b.all_testid("studio-history-row").await {
        let number = row.attr("data-number").await.unwrap().unwrap_or_default();
        let current = row.attr("data-current").await.unwrap().as_deref() == Some("true");
        let restore = row
            .find(Locator::Css("[data-testid=studio-history-restore]"))
            .await
            .is_ok();
        out.push((number, current, restore));
    }
    out
}

async fn click_restore(b: &Browser, number: u32) {
    let css = format!("[data-testid=studio-history-restore][data-number=\"{number}\"]");
    b.client
        .find(Locator::Css(&css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Chromium only (File System Access): two publications into the site folder in place are
/// recorded with the editor's name, listed newest first with the site's version marked, and
/// "Restore" on the first writes its files back in place (the page byte for byte), recorded
/// as a rollback.
async fn the_history_panel_restores_a_publication_in_place(engine: Engine) {
    let (b, _s) = open_studio(engine).await;
    open_content(&b).await;
    select_card(&b, CARD).await;
    let site = copy_of_dist();
    pick_opfs_folder(&b, "site", site.path()).await;
    b.wait_testid("studio-by")
        .await
        .send_keys("Lan")
        .await
        .unwrap();
    let pages = std::cell::RefCell::new(vec![opfs_text(&b, "site", "index.html").await.unwrap()]);
    let (br, pages) = (&b, &pages);
    two_publications(br, |_| async move {
        let before = pages.borrow().last().unwrap().clone();
        br.wait_testid("studio-publish")
            .await
            .click()
            .await
            .unwrap();
        let page = br
            .until("the page published", || async {
                let page = opfs_text(br, "site", "index.html").await?;
                (page != before).then_some(page)
            })
            .await;
        pages.borrow_mut().push(page);
    })
    .await;
    let rows = history_rows(&b).await;
    assert_eq!(
        rows,
        [
            ("3".into(), true, false),
            ("2".into(), false, true),
            ("1".into(), false, true)
        ],
        "newest first, the site's version marked"
    );
    let panel = b.wait_testid("studio-history").await.text().await.unwrap();
    assert!(panel.contains("Lan") && panel.contains("~1"), "{panel}");

    click_restore(&b, 2).await;
    b.until("the rollback recorded", || async {
        (history_rows(&b).await.first()? == &("4".to_string(), true, false)).then_some(())
    })
    .await;
    let page_a = pages.borrow()[1].clone();
    assert_eq!(opfs_text(&b, "site", "index.html").await.unwrap(), page_a);
    let status = b.wait_testid("studio-status").await.text().await.unwrap();
    assert!(status.contains("#2"), "{status}");
    b.close().await;
}

/// In every engine, without File System Access: each "Download site update" carries its record
/// and the replaced files in `history/`; with the updates applied and the folder chosen again,
/// "Restore" on the first publication downloads an update that gives its files back.
async fn the_history_panel_restores_a_publication_by_download(engine: Engine) {
    let (b, _s) = open_studio(engine).await;
    open_content(&b).await;
    select_card(&b, CARD).await;
    let site = copy_of_dist();
    choose_site_tree(&b, site.path()).await;
    b.wait_testid("studio-history-empty").await;
    let downloads = &std::cell::Cell::new(0);
    let after_first = &std::cell::RefCell::new(None);
    let (br, dir) = (&b, site.path());
    two_publications(br, |n| async move {
        br.wait_testid("studio-download-site")
            .await
            .click()
            .await
            .unwrap();
        let (_, zip) = download(br, downloads.get()).await;
        downloads.set(downloads.get() + 1);
        apply_update(dir, &zip);
        if n == 1 {
            *after_first.borrow_mut() = Some(std::fs::read(dir.join("index.html")).unwrap());
        }
        choose_site_tree(br, dir).await;
    })
    .await;
    let rows = history_rows(&b).await;
    assert_eq!(
        rows,
        [
            ("3".into(), true, false),
            ("2".into(), false, true),
            ("1".into(), false, true)
        ]
    );
    click_restore(&b, 2).await;
    let (name, zip) = download(&b, downloads.get()).await;
    assert!(name.ends_with("-restore-2.zip"), "{name}");
    apply_update(site.path(), &zip);
    let page = std::fs::read(site.path().join("index.html")).unwrap();
    assert!(
        page == after_first.borrow().clone().unwrap(),
        "the first publication's page again"
    );
    choose_site_tree(&b, site.path()).await;
    b.until("the rollback recorded", || async {
        (history_rows(&b).await.first()? == &("4".to_string(), true, false)).then_some(())
    })
    .await;
    b.close().await;
}

in_every_engine!(
    an_edit_is_checked_previewed_searched_and_downloaded,
    unsaved_changes_survive_a_reload,
    a_new_card_is_a_draft_from_the_template,
    a_site_update_from_the_studio_serves_the_edit,
    the_history_panel_restores_a_publication_by_download,
    without_its_worker_the_studio_checks_in_the_page;
    only Chromium: a_folder_opened_in_place_is_saved_and_published_in_place,
    the_history_panel_restores_a_publication_in_place,
);
