//! On a shared desk PC, customers' names, phones and notes stay only as long as they must:
//! "Clear all" and the retention remove them from storage, notifications carry no phone or
//! note, and one call is shared by every tab without any tab losing another's change.
//! Runs in Chromium, Firefox ESR and WebKitGTK against the release build (`dist/`).
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e;

use e2e::{Browser, Engine};
use fantoccini::Locator;
use serde_json::json;

const DAY_MS: f64 = 86_400_000.0;

async fn count_callbacks(b: &Browser, n: usize) {
    b.until(&format!("{n} callback(s) in the list"), || async {
        (b.all_testid("callback-item").await.len() == n).then_some(())
    })
    .await;
}

/// Every stored value that mentions one of `needles` (key and value).
async fn storage_mentioning(b: &Browser, needles: &[&str]) -> Vec<(String, String)> {
    b.storage()
        .await
        .into_iter()
        .filter(|(k, v)| needles.iter().any(|n| k.contains(n) || v.contains(n)))
        .collect()
}

async fn page_now(b: &Browser) -> f64 {
    b.eval("return Date.now()").await.as_f64().unwrap()
}

async fn clear_all_leaves_no_name_phone_or_note_in_storage(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    b.add_callback_with("Trần Thị Mai", "0912345678", "hỏi cước tháng 5", None)
        .await;
    b.add_callback_with("Lê Văn Hùng", "0987654321", "khiếu nại", None)
        .await;
    count_callbacks(&b, 2).await;
    let personal = [
        "0912345678",
        "0987654321",
        "Trần Thị Mai",
        "Lê Văn Hùng",
        "cước",
    ];
    assert!(!storage_mentioning(&b, &personal).await.is_empty());
    b.clear_all().await;
    count_callbacks(&b, 0).await;
    assert_eq!(
        storage_mentioning(&b, &personal).await,
        Vec::<(String, String)>::new(),
        "names, phones and notes left storage at once"
    );
    // Not brought back by a reload either.
    b.client.refresh().await.unwrap();
    b.wait_testid("search").await;
    count_callbacks(&b, 0).await;
    assert!(storage_mentioning(&b, &personal).await.is_empty());
    b.close().await;
}

fn callback(id: &str, phone: &str, done_ms: Option<f64>, updated_ms: f64) -> serde_json::Value {
    json!({"id": id, "name": format!("Khách {id}"), "phone": phone, "note": format!("ghi chú {id}"),
           "created_ms": updated_ms, "due_ms": updated_ms + 3_600_000.0, "done_ms": done_ms,
           "updated_ms": updated_ms})
}

async fn the_retention_purges_done_callbacks_tombstones_and_backups(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    let now = page_now(&b).await;
    // Stored timestamps stand in for the passing days.
    let items = json!([
        callback("old-done", "0900000001", Some(now - 8.0 * DAY_MS), now - 8.0 * DAY_MS),
        callback("recent-done", "0900000002", Some(now - 2.0 * DAY_MS), now - 2.0 * DAY_MS),
        callback("old-pending", "0900000003", None, now - 30.0 * DAY_MS),
        {"id": "old-tombstone", "name": "", "phone": "", "created_ms": 0.0, "due_ms": 0.0,
         "deleted": true, "updated_ms": now - 2.0 * DAY_MS},
        {"id": "new-tombstone", "name": "", "phone": "", "created_ms": 0.0, "due_ms": 0.0,
         "deleted": true, "updated_ms": now - 3_600_000.0},
    ]);
    b.set_storage(
        &e2e::key("callbacks"),
        &json!({"v": 1, "data": {"items": items}}).to_string(),
    )
    .await;
    let old_backup = format!(
        "{}{}",
        e2e::key("backup.callbacks."),
        (now - 8.0 * DAY_MS) as u64
    );
    let new_backup = format!("{}{}", e2e::key("backup.callbacks."), (now - DAY_MS) as u64);
    b.set_storage(&old_backup, "[{\"phone\":\"0900000009\"}]")
        .await;
    b.set_storage(&new_backup, "[{\"phone\":\"0900000010\"}]")
        .await;
    b.client.refresh().await.unwrap();
    b.wait_testid("search").await;
    count_callbacks(&b, 1).await; // the pending one, however old: a promise to a customer
    let stored = b.storage().await;
    let text: String = stored.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
    assert!(
        !text.contains("0900000001"),
        "done 8 days ago: gone: {text}"
    );
    assert!(!text.contains("Khách old-done") && !text.contains("ghi chú old-done"));
    assert!(
        text.contains("0900000002"),
        "done 2 days ago: kept for undo"
    );
    assert!(text.contains("0900000003"), "pending: kept");
    assert!(
        !text.contains("\"old-tombstone\""),
        "tombstone older than a day: gone"
    );
    assert!(
        text.contains("\"new-tombstone\""),
        "recent tombstone: kept for other tabs"
    );
    assert!(
        !stored.iter().any(|(k, _)| k == &old_backup),
        "old backup deleted"
    );
    assert!(
        stored.iter().any(|(k, _)| k == &new_backup),
        "recent backup kept"
    );
    b.close().await;
}

async fn the_recovered_notice_says_where_the_backup_is_and_deletes_it(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    b.set_storage(
        &e2e::key("callbacks"),
        "{\"v\":1,\"data\":{\"items\":[{\"id\":\"a\",\"phone\":\"0911\"",
    )
    .await;
    b.client.refresh().await.unwrap();
    let notice = b.wait_testid("storage-notice").await;
    let key = b.wait_testid("backup-key").await.text().await.unwrap();
    assert!(key.starts_with(&e2e::key("backup.callbacks.")), "{key}");
    assert!(notice.text().await.unwrap().contains(&key));
    assert!(b.storage().await.iter().any(|(k, _)| k == &key));
    b.wait_testid("delete-backup").await.click().await.unwrap();
    b.wait_gone("the notice to go", "storage-notice").await;
    assert!(
        !b.storage().await.iter().any(|(k, _)| k.contains("backup")),
        "the backup left storage"
    );
    b.close().await;
}

async fn a_due_callback_notifies_with_the_name_only(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    // A stand-in for the system's notifications, permission granted, recording what is shown.
    b.eval(
        "window.__shown = [];
         window.Notification = class { constructor(title, options) { window.__shown.push([title, (options || {}).body || '']); }
           static get permission() { return 'granted'; } static requestPermission() { return Promise.resolve('granted'); } };
         return true",
    )
    .await;
    b.add_callback_with("Phạm Minh", "0977111222", "đổi sim", Some("0"))
        .await;
    let shown = b
        .until("a notification", || async {
            let v = b.eval("return window.__shown").await;
            (v.as_array()?.len() == 1).then_some(v)
        })
        .await;
    assert_eq!(shown, json!([["Callback due", "Phạm Minh"]]));
    let title = b.eval("return document.title").await;
    assert!(!title.as_str().unwrap().contains("0977"), "{title}");
    assert!(!b
        .client
        .current_url()
        .await
        .unwrap()
        .as_str()
        .contains("0977"));
    b.close().await;
}

async fn is_checked(b: &Browser) -> bool {
    let step = b.wait_testid("step").await;
    let cb = step
        .find(Locator::Css("input[type=checkbox]"))
        .await
        .unwrap();
    cb.prop("checked").await.unwrap().as_deref() == Some("true")
}

async fn two_tabs_work_on_one_call_and_a_new_call_reaches_both(engine: Engine) {
    let (b, _s) = Browser::open(engine, "#/p/vi-gap-truong-ca").await;
    b.wait_testid("procedure").await;
    let url = b.client.current_url().await.unwrap();
    let tab_a = b.client.window().await.unwrap();
    b.wait_testid("hold-start").await.click().await.unwrap();
    b.wait_testid("hold-stop").await;

    let tab_b = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(tab_b.clone()).await.unwrap();
    b.client.goto(url.as_str()).await.unwrap();
    b.wait_testid("hold-stop").await; // B sees A's hold
    b.check_first_step().await;

    b.client.switch_to_window(tab_a.clone()).await.unwrap();
    b.until("tab A to show B's ticked step", || async {
        is_checked(&b).await.then_some(())
    })
    .await;
    b.reload().await;
    b.wait_testid("hold-stop").await; // the hold still runs
    assert!(is_checked(&b).await, "and the step is still ticked");

    // "New call" in B ends the call in A too.
    b.client.switch_to_window(tab_b).await.unwrap();
    b.eval("window.confirm = () => true; return true").await;
    b.wait_testid("new-call").await.click().await.unwrap();
    b.client.switch_to_window(tab_a).await.unwrap();
    b.until("tab A to be on the new call", || async {
        (!b.all_testid("hold-start").await.is_empty()).then_some(())
    })
    .await;
    b.wait_testid("procedure").await;
    assert!(!is_checked(&b).await);
    b.close().await;
}

async fn changing_the_system_clock_mid_hold_does_not_move_the_hold(engine: Engine) {
    let (b, _s) = Browser::open(engine, "#/p/vi-gap-truong-ca").await;
    b.wait_testid("hold-start").await.click().await.unwrap();
    b.wait_testid("hold-stop").await;
    // The wall clock jumps an hour ahead (as when the system time is corrected).
    b.eval(
        "const real = Date.now.bind(Date); Date.now = () => real() + 3600000;
         return true",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let shown = b.wait_testid("hold-timer").await.text().await.unwrap();
    assert!(
        shown.starts_with("0:0"),
        "the hold shows {shown}, not an hour"
    );
    b.close().await;
}

async fn a_crash_shows_a_banner_and_loses_nothing(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    b.add_callback_with("Đỗ Hà", "0933444555", "", None).await;
    count_callbacks(&b, 1).await;
    // In a task of the page's own, uncaught, as a crash in an event handler or a timer comes.
    // The shipped wasm has no panic hook (its panics are plain traps), so the banner must come
    // from boot.js catching the trap.
    b.eval("window.cuecardSelfTest.panicInTask(); return true")
        .await;
    let banner = b.wait_testid("crash").await;
    let text = banner.text().await.unwrap();
    assert!(text.contains("Something went wrong"), "{text}");
    b.reload_from(&banner, "the page to reload").await;
    count_callbacks(&b, 1).await;
    assert!(b.all_testid("crash").await.is_empty());
    b.close().await;
}

in_every_engine!(
    clear_all_leaves_no_name_phone_or_note_in_storage,
    the_retention_purges_done_callbacks_tombstones_and_backups,
    the_recovered_notice_says_where_the_backup_is_and_deletes_it,
    a_due_callback_notifies_with_the_name_only,
    two_tabs_work_on_one_call_and_a_new_call_reaches_both,
    changing_the_system_clock_mid_hold_does_not_move_the_hold,
    a_crash_shows_a_banner_and_loses_nothing,
);
