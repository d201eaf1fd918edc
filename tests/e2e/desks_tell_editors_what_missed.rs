//! The content loop at the desk: searches that missed and flags raised on cards are kept,
//! scrubbed of the call's names and of every number, and handed to editors as a report file;
//! "Clear all" and the lifetime remove them. Runs in Chromium, Firefox ESR and WebKitGTK against
//! the release build (`dist/`).
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e;
use crate::studio_support::{catch_downloads, download};

use e2e::{Browser, Engine};
use fantoccini::Locator;
use serde_json::{json, Value};
use std::time::Duration;

const DAY_MS: f64 = 86_400_000.0;
const CUSTOMER: &str = "Nguyễn Thị Hoa";

/// Puts `text` in the search box at once, as a paste does (one `input` event).
pub(crate) async fn put_query(b: &Browser, text: &str) {
    b.wait_testid("search").await;
    b.eval(&format!(
        "const box = document.querySelector('[data-testid=search]');
         box.value = {text};
         box.dispatchEvent(new Event('input', {{ bubbles: true }}));
         return true",
        text = json!(text)
    ))
    .await;
}

/// Searches for `text`, sees nothing found, and clears the box: a missed search kept.
pub(crate) async fn give_up_on(b: &Browser, text: &str) {
    put_query(b, text).await;
    b.until("no results", || async {
        b.client
            .find(Locator::Css(".search-page p.empty"))
            .await
            .ok()
            .map(|_| ())
    })
    .await;
    put_query(b, "").await;
}

/// Long enough for a query to count as tried (`episode::SETTLE_MS`, one second).
async fn read_the_results() {
    tokio::time::sleep(Duration::from_millis(1500)).await;
}

async fn first_result_is(b: &Browser, title_part: &str) {
    b.until(&format!("{title_part:?} first"), || async {
        let titles = b.result_titles().await;
        titles
            .first()
            .is_some_and(|t| t.contains(title_part))
            .then_some(())
    })
    .await;
}

async fn open_first_result(b: &Browser) {
    b.wait_testid("result").await.click().await.unwrap();
    b.wait_testid("procedure").await;
}

/// The report the desk downloads now, as JSON.
async fn export(b: &Browser, i: usize) -> Value {
    let button = b.wait_testid("report-export").await;
    b.until("the export enabled", || async {
        button.attr("disabled").await.ok()?.is_none().then_some(())
    })
    .await;
    button.click().await.unwrap();
    let (name, bytes) = download(b, i).await;
    assert!(
        name.starts_with("cuecard-report-") && name.ends_with(".json"),
        "{name}"
    );
    serde_json::from_slice(&bytes).unwrap()
}

/// Every text an operator typed that the report keeps: the queries and the notes.
fn texts(report: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for e in report["episodes"].as_array().unwrap() {
        for q in e["queries"].as_array().unwrap() {
            out.push(q.as_str().unwrap().to_string());
        }
    }
    for f in report["flags"].as_array().unwrap() {
        out.push(f["note"].as_str().unwrap().to_string());
    }
    out
}

async fn missed_searches_and_a_flag_reach_the_report_without_names_or_numbers(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    catch_downloads(&b).await;
    let sends = b.eval("return typeof window.cuecardSend").await;
    assert_eq!(
        sends, "undefined",
        "no collector named: nothing leaves the desk"
    );
    assert!(
        b.wait_testid("report-export")
            .await
            .attr("disabled")
            .await
            .unwrap()
            .is_some(),
        "nothing to export yet"
    );
    // The customer on the line: the report must never hold their name.
    b.client
        .find(Locator::Css(".call-context summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let customer = b
        .client
        .find(Locator::Css(".call-context input"))
        .await
        .unwrap();
    b.until("the customer's name in the call", || async {
        if customer
            .prop("value")
            .await
            .ok()?
            .unwrap_or_default()
            .is_empty()
        {
            customer.send_keys(CUSTOMER).await.ok()?;
        }
        let read = format!("return localStorage.getItem({})", json!(e2e::key("call")));
        b.eval(&read)
            .await
            .as_str()?
            .contains(CUSTOMER)
            .then_some(())
    })
    .await;

    // Nonsense with a phone number, nothing found, given up.
    give_up_on(&b, "xyzzy qwrtp 0912 345 678").await;

    // A situation in other words, then rephrased, and the right card opened.
    put_query(&b, "chị Hoa đòi nói chuyện với sếp lớn").await;
    read_the_results().await;
    put_query(&b, "khach muon gap truong ca").await;
    first_result_is(&b, "Trưởng ca").await;
    open_first_result(&b).await;
    let opened = b.eval("return location.hash").await;
    assert_eq!(opened, "#/p/vi-gap-truong-ca");

    // Another card flagged, its note holding a number.
    put_query(&b, "клиент угрожает оператору").await;
    b.wait_testid("results-overlay").await;
    open_first_result(&b).await;
    let flagged = b.eval("return location.hash.slice(4)").await;
    b.wait_testid("card-flag").await.click().await.unwrap();
    let outdated = "[data-testid=card-flag-form] input[value=outdated]";
    b.until("\"out of date\" chosen", || async {
        let radio = b.client.find(Locator::Css(outdated)).await.ok()?;
        if radio.is_displayed().await.ok()? {
            radio.click().await.ok()?;
        }
        (radio.prop("checked").await.ok()?.as_deref() == Some("true")).then_some(())
    })
    .await;
    // WebKitGTK's driver, loaded, may send the keys to the radio that had focus (a space then
    // chooses it): the note is typed until it holds the text and "out of date" is still chosen.
    let note_text = "номер 8-800-555-35-35 больше не работает";
    let note = b.wait_testid("card-flag-note").await;
    b.until("the note typed, \"out of date\" still chosen", || async {
        let radio = b.client.find(Locator::Css(outdated)).await.ok()?;
        if radio.prop("checked").await.ok()?.as_deref() != Some("true") {
            radio.click().await.ok()?;
            return None;
        }
        if note.prop("value").await.ok()?.unwrap_or_default() != note_text {
            note.clear().await.ok()?;
            note.click().await.ok()?;
            note.send_keys(note_text).await.ok()?;
            return None;
        }
        Some(())
    })
    .await;
    b.wait_testid("card-flag-send").await.click().await.unwrap();
    b.until("the form closed", || async {
        let form = b.wait_testid("card-flag-form").await;
        form.attr("hidden").await.ok()?.map(|_| ())
    })
    .await;

    let report = export(&b, 0).await;
    assert_eq!(report["format"], 1);
    assert_eq!(report["ui_lang"].as_str().unwrap().len(), 2);
    let episodes = report["episodes"].as_array().unwrap();
    assert_eq!(episodes.len(), 2, "{report:#}");
    assert_eq!(episodes[0]["outcome"], "no_results");
    assert_eq!(
        episodes[0]["queries"],
        json!(["xyzzy qwrtp #"]),
        "{report:#}"
    );
    assert_eq!(episodes[1]["outcome"], "reformulated", "{report:#}");
    assert_eq!(
        episodes[1]["queries"],
        json!(["chị đòi nói chuyện với sếp lớn", "khach muon gap truong ca"]),
        "{report:#}"
    );
    assert_eq!(episodes[1]["opened"], "vi-gap-truong-ca");
    assert_eq!(episodes[1]["rank"], 1);
    let flags = report["flags"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{report:#}");
    assert_eq!(flags[0]["card"], flagged);
    assert_eq!(flags[0]["flag"], "outdated");
    assert_eq!(flags[0]["card_version"].as_str().unwrap().len(), 16);
    assert_eq!(flags[0]["note"], "номер # больше не работает");
    for text in texts(&report) {
        assert!(
            !text.chars().any(|c| c.is_ascii_digit()),
            "a number left: {text}"
        );
        assert!(!text.contains("Hoa"), "the customer's name left: {text}");
    }
    // The numbers are looked for as typed: stored timestamps are digits too, and one of
    // 13 digits may hold "0912" (it did: 1796668009128).
    let stored: String = b.storage().await.into_iter().map(|(k, v)| k + &v).collect();
    assert!(
        !stored.contains("0912 345") && !stored.contains("8-800-555"),
        "{stored}"
    );

    // "Clear all" takes the record too.
    b.clear_all().await;
    b.until("nothing left to export", || async {
        let button = b.wait_testid("report-export").await;
        button.attr("disabled").await.ok()?.map(|_| ())
    })
    .await;
    let read = format!("return localStorage.getItem({})", json!(e2e::key("report")));
    assert!(!b.eval(&read).await.to_string().contains("xyzzy"));
    b.close().await;
}

/// An entry as the desk stores it (`report::log::Entry`).
fn stored_episode(at: f64, query: &str) -> Value {
    let episode = json!({"time": at, "queries": [query], "outcome": "no_results", "results": 0,
                         "opened": null, "rank": null});
    json!({"at": at, "time": at, "json": episode.to_string()})
}

async fn the_record_lasts_thirty_days(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    let now = b.eval("return Date.now()").await.as_f64().unwrap();
    let log = json!({"v": 1, "data": {
        "episodes": [stored_episode(now - 31.0 * DAY_MS, "thang truoc"),
                     stored_episode(now - DAY_MS, "hom qua")],
    }});
    b.set_storage(&e2e::key("report"), &log.to_string()).await;
    b.reload().await;
    b.wait_testid("search").await;
    catch_downloads(&b).await;
    let report = export(&b, 0).await;
    assert_eq!(texts(&report), ["hom qua"], "{report:#}");
    let stored = b.storage().await;
    assert!(
        !stored.iter().any(|(_, v)| v.contains("thang truoc")),
        "the month-old entry left storage"
    );
    b.close().await;
}

in_every_engine!(
    missed_searches_and_a_flag_reach_the_report_without_names_or_numbers,
    the_record_lasts_thirty_days,
);
