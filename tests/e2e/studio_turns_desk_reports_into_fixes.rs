//! End to end, the studio's Gaps panel in Chromium, Firefox ESR and WebKitGTK: desk reports
//! (a desk's export, format 1, and a broken collector file) opened with `studio-gaps-open`; each
//! missed search a `studio-gap` row (`data-query`: the grouped text) with what the search answers
//! now (`studio-gap-now`, an `li[data-id]` per card); a flag on a card changed since marked "may
//! be fixed" (`studio-flag[data-card]`); "Add to card…" (`studio-gap-add`, then the card chosen
//! by id in `studio-gap-card` and `studio-gap-confirm`) writes one situation and the studio's
//! search then ranks that card first; "Add as synonym…" (`studio-gap-synonym`, the group by its
//! place in `studio-gap-group`, `studio-gap-synonym-confirm`) joins a synonym group; a dismissed
//! row (`studio-gap-dismiss`) stays hidden after a reload.
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e::{Browser, Engine, Server};
use crate::studio_support::{
    catch_downloads, choose_folder, content_dir, download, open_content, open_studio, search_first,
};
use fantoccini::elements::Element;
use fantoccini::Locator;
use serde_json::json;
use std::path::Path;

const T: f64 = 1_700_000_000_000.0;
/// Words no card has today: the search answers nothing.
const ROUTER: &str = "wifi router";
const CARD: &str = "vi-tinh-huong-dac-biet";
/// Another situation no card answers, given up on before it found anything.
const PORTING: &str = "porting";
const BATTERY: &str = "sạc pin nóng";

fn episode(time: f64, queries: &[&str], outcome: &str, opened: Option<&str>) -> serde_json::Value {
    json!({"time": time, "queries": queries, "outcome": outcome, "results": 0,
           "opened": opened, "rank": opened.map(|_| 1)})
}

/// A folder holding two desks' exports and a collector's file broken at line 2.
fn reports() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let desk = |episodes: Vec<serde_json::Value>, flags: Vec<serde_json::Value>| {
        json!({"format": 1, "site_version": "0123456789abcdef", "ui_lang": "vi", "from": T,
               "to": T + 100_000.0, "episodes": episodes, "flags": flags, "found_first_try": {}})
        .to_string()
    };
    let one = desk(
        vec![
            episode(T, &[ROUTER], "no_results", None),
            episode(T + 1000.0, &[BATTERY], "no_results", None),
            episode(
                T + 2000.0,
                &[PORTING, "chuyển mạng giữ số"],
                "reformulated",
                Some("vi-chuyen-mang-chu-dong"),
            ),
        ],
        vec![json!({"time": T + 3000.0, "card": "vi-gap-truong-ca",
                    "card_version": "0000000000000000", "flag": "outdated",
                    "note": "số máy lẻ # đã đổi"})],
    );
    let two = desk(
        vec![
            episode(T + 5000.0, &[ROUTER], "no_results", None),
            episode(T + 6000.0, &["Wifi Router"], "abandoned", None),
        ],
        vec![],
    );
    std::fs::write(dir.path().join("cuecard-report-desk-1.json"), one).unwrap();
    std::fs::write(dir.path().join("cuecard-report-desk-2.json"), two).unwrap();
    let broken =
        "{\"kind\":\"report\",\"format\":1}\n{\"kind\":\"episode\",\"time\":1,\"outcome\":}\n";
    std::fs::write(dir.path().join("collector.jsonl"), broken).unwrap();
    dir
}

/// Each row's query and the ids the search answers now (`None` while the index is not built).
async fn rows(b: &Browser) -> Vec<(String, Option<Vec<String>>)> {
    let v = b
        .eval(
            "return [...document.querySelectorAll('[data-testid=studio-gap]')].map(r => {
               const now = r.querySelector('[data-testid=studio-gap-now]');
               return [r.dataset.query, now && [...now.querySelectorAll('li[data-id]')].map(l => l.dataset.id)];
             })",
        )
        .await;
    serde_json::from_value(v).unwrap()
}

/// Waits until the rows pass `ok`; a timeout shows them as they stand.
async fn until_rows(
    b: &Browser,
    what: &str,
    ok: impl Fn(&[(String, Option<Vec<String>>)]) -> bool,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let r = rows(b).await;
        if ok(&r) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}: {r:#?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

fn now_of<'r>(rows: &'r [(String, Option<Vec<String>>)], query: &str) -> Option<&'r [String]> {
    let row = rows.iter().find(|(q, _)| q == query)?;
    row.1.as_deref()
}

/// A control of the row for `query`, centred.
async fn in_row(b: &Browser, query: &str, testid: &str) -> Element {
    centred(
        b,
        &format!("[data-testid=studio-gap][data-query=\"{query}\"] [data-testid={testid}]"),
    )
    .await
}

/// The element `css` finds, scrolled to the middle of the window first: WebKitGTK's driver
/// scrolls a control to the window's edge, where its click may miss.
async fn centred(b: &Browser, css: &str) -> Element {
    b.client
        .wait()
        .at_most(std::time::Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"));
    b.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'}); return true",
            vec![json!(css)],
        )
        .await
        .unwrap();
    b.client.find(Locator::Css(css)).await.unwrap()
}

/// Hands the reports to the panel's file input, as the browser's file dialog does.
async fn open_reports(b: &Browser, dir: &Path) {
    choose_folder(b, "studio-gaps-open", dir).await;
}

/// The studio with the content folder open and the reports opened in the Gaps panel: where both
/// scenarios start. The server and the reports' folder are kept as long as the browser is.
async fn studio_with_reports(engine: Engine) -> (Browser, Server, tempfile::TempDir) {
    let (b, server) = open_studio(engine).await;
    open_content(&b).await;
    let dir = reports();
    open_reports(&b, dir.path()).await;
    (b, server, dir)
}

/// A fix's controls: the row's button that opens its chooser, the chooser's select and its "Add".
struct Fix {
    open: &'static str,
    pick: &'static str,
    confirm: &'static str,
}

/// Makes `fix` on the row for `query` as an editor does: the chooser opened (and found free of
/// accessibility violations, as each chooser must be), `value` chosen in its select, then Add.
async fn choose(b: &Browser, query: &str, fix: Fix, value: &str) {
    in_row(b, query, fix.open).await.click().await.unwrap();
    let chooser = b.wait_testid(fix.pick).await;
    let violations = b.axe().await;
    assert!(violations.is_empty(), "{violations:#?}");
    chooser.select_by_value(value).await.unwrap();
    b.wait_testid(fix.confirm).await.click().await.unwrap();
}

/// The one changed file, `file`, downloaded with the studio's Download: its text, then the
/// content folder's (what it was), for the scenario to say what the fix changed.
async fn downloaded(b: &Browser, file: &str) -> (String, String) {
    centred(b, "[data-testid=studio-download]")
        .await
        .click()
        .await
        .unwrap();
    let (name, bytes) = download(b, 0).await;
    assert_eq!(name, file);
    let original = std::fs::read_to_string(content_dir().join(file)).unwrap();
    (String::from_utf8(bytes).unwrap(), original)
}

/// The text of the panel's `testid` ("studio-gaps-said", "-problem", "-opened"), once it shows.
async fn text_of(b: &Browser, testid: &str) -> String {
    b.wait_testid(testid).await.text().await.unwrap()
}

/// The editor: a week's reports open in the panel, the gap fixed with one click.
async fn a_missed_search_is_added_to_a_card_and_the_search_then_finds_it(engine: Engine) {
    let (b, _s, _dir) = studio_with_reports(engine).await;

    // The spellings of one situation from two desks are one row, first (3 searches); each row
    // shows what the search answers now once the index is built: nothing, for these.
    until_rows(&b, "the rows with the search now", |r| {
        r.len() == 3
            && r[0].0 == ROUTER
            && r.iter().all(|(_, now)| now.is_some())
            && now_of(r, ROUTER).is_some_and(|n| n.is_empty())
    })
    .await;
    let r = rows(&b).await;
    assert!(
        r.iter().any(|(q, _)| q == PORTING) && r.iter().any(|(q, _)| q == BATTERY),
        "{r:?}"
    );
    // The broken file is named with its line; the others are read all the same.
    let problem = text_of(&b, "studio-gaps-problem").await;
    assert!(problem.contains("collector.jsonl:2:"), "{problem}");
    let opened = text_of(&b, "studio-gaps-opened").await;
    assert!(opened.contains('2'), "{opened}");
    // The card operators found "porting" on in the end is named.
    let row = b
        .client
        .find(Locator::Css(&format!(
            "[data-testid=studio-gap][data-query=\"{PORTING}\"]"
        )))
        .await
        .unwrap();
    assert!(row
        .find(Locator::Css("[data-id=\"vi-chuyen-mang-chu-dong\"]"))
        .await
        .is_ok());
    // A flag raised on an older version of a card: "may be fixed", with its note.
    let flag = b
        .client
        .find(Locator::Css(
            "[data-testid=studio-flag][data-card=\"vi-gap-truong-ca\"]",
        ))
        .await
        .unwrap();
    assert_eq!(
        flag.attr("data-may-be-fixed").await.unwrap().as_deref(),
        Some("true")
    );
    assert!(flag.text().await.unwrap().contains("số máy lẻ # đã đổi"));

    // Add to card…: the chooser, then the card, then Add.
    let card = Fix {
        open: "studio-gap-add",
        pick: "studio-gap-card",
        confirm: "studio-gap-confirm",
    };
    choose(&b, ROUTER, card, CARD).await;
    b.until("the fix said", || async {
        let text = text_of(&b, "studio-gaps-said").await;
        (text.contains(ROUTER) && text.contains(&format!("{CARD}.md"))).then_some(())
    })
    .await;

    // The row runs again over the rebuilt index: the card first now; the studio's search too.
    until_rows(&b, "the card first for the query", |r| {
        now_of(r, ROUTER)
            .and_then(|n| n.first())
            .map(String::as_str)
            == Some(CARD)
    })
    .await;
    assert_eq!(search_first(&b, ROUTER).await, CARD);
    // One situation more, every other byte as it was.
    let change = b.wait_testid("studio-change").await;
    assert_eq!(
        change.attr("data-path").await.unwrap().as_deref(),
        Some(format!("{CARD}.md").as_str())
    );
    let (got, original) = downloaded(&b, &format!("{CARD}.md")).await;
    let last = "  \"hẹn trả lời khách sau\",\n";
    assert!(
        original.contains(last),
        "the card's last situation moved: update the test"
    );
    let want = original.replacen(last, &format!("{last}  \"{ROUTER}\",\n"), 1);
    assert_eq!(got, want);

    // Undo takes it back: no change left, and the search answers nothing again.
    b.wait_testid("studio-gaps-undo")
        .await
        .click()
        .await
        .unwrap();
    b.until("the change undone", || async {
        b.all_testid("studio-change").await.is_empty().then_some(())
    })
    .await;
    until_rows(&b, "nothing found again", |r| {
        now_of(r, ROUTER).is_some_and(|n| n.is_empty())
    })
    .await;
    b.close().await;
}

/// The `[[same]]` group of synonyms.toml that holds `member`, by its place.
fn group_of(member: &str) -> usize {
    let text = std::fs::read_to_string(content_dir().join("synonyms.toml")).unwrap();
    let at = text.find(&format!("\"{member}\"")).unwrap();
    text[..at]
        .lines()
        .filter(|l| l.trim() == "[[same]]")
        .count()
        - 1
}

/// "Add as synonym…" joins a group (one member more in synonyms.toml, the rest kept), and a
/// dismissed row stays hidden when the reports are opened again after a reload.
async fn a_missed_word_joins_a_synonym_group_and_a_dismissed_row_stays_hidden(engine: Engine) {
    let (b, _s, dir) = studio_with_reports(engine).await;
    until_rows(&b, "the rows with the search now", |r| {
        r.len() == 3 && now_of(r, PORTING).is_some_and(|n| n.is_empty())
    })
    .await;

    // Dismissed: gone, kept in the browser.
    in_row(&b, BATTERY, "studio-gap-dismiss")
        .await
        .click()
        .await
        .unwrap();
    until_rows(&b, "the row dismissed", |r| r.len() == 2).await;
    b.wait_testid("studio-gaps-undismiss").await;
    let stored = b.storage().await;
    assert!(
        stored
            .iter()
            .any(|(k, _)| k == "cuecard:/:studio-gaps-dismissed"),
        "{stored:?}"
    );

    // After a reload (nothing unsaved yet), the reports opened again: still hidden.
    // The old page is marked, so the new one is told from it (the downloads are caught in the
    // new one; WebKitGTK may answer the refresh before it has gone).
    b.mark_page().await;
    b.client.refresh().await.unwrap();
    b.until("the studio loaded again", || async {
        let js = "return !window.__cuecardOldPage && document.readyState === 'complete' \
                  && !!document.querySelector('[data-testid=studio-folder]')";
        (b.try_eval(js).await? == serde_json::Value::Bool(true)).then_some(())
    })
    .await;
    catch_downloads(&b).await;
    open_content(&b).await;
    open_reports(&b, dir.path()).await;
    until_rows(&b, "the rows again, but the dismissed one", |r| {
        r.len() == 2 && !r.iter().any(|(q, _)| q == BATTERY)
    })
    .await;

    // Add as synonym: the transfer-of-network group, chosen by its place.
    let group = group_of("chuyển mạng");
    let synonym = Fix {
        open: "studio-gap-synonym",
        pick: "studio-gap-group",
        confirm: "studio-gap-synonym-confirm",
    };
    choose(&b, PORTING, synonym, &group.to_string()).await;
    until_rows(&b, "a network transfer card found for the word", |r| {
        now_of(r, PORTING)
            .and_then(|n| n.first())
            .is_some_and(|id| id.starts_with("vi-chuyen-mang"))
    })
    .await;
    assert!(text_of(&b, "studio-gaps-said")
        .await
        .contains("synonyms.toml"));
    let (got, original) = downloaded(&b, "synonyms.toml").await;
    let line = original
        .lines()
        .find(|l| l.contains("\"chuyển mạng\""))
        .unwrap();
    let want = original.replacen(
        line,
        &line.replace("\"]", &format!("\", \"{PORTING}\"]")),
        1,
    );
    assert_eq!(got, want);
    b.close().await;
}

in_every_engine!(
    a_missed_search_is_added_to_a_card_and_the_search_then_finds_it,
    a_missed_word_joins_a_synonym_group_and_a_dismissed_row_stays_hidden,
);
