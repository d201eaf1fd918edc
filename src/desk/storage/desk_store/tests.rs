//! The rules that keep an operator's data, run natively over a map standing in for localStorage:
//! two tabs are two sets of values over one map, and days pass by changing `now`.

use super::*;
use crate::desk::call::CallField;
use crate::desk::callbacks::Callback;
use crate::desk::report::Episode;
use crate::desk::storage::tests::MapStore;
use crate::desk::storage::{decode_call, decode_callbacks, encode_call, encode_callbacks};
use crate::desk::{DAY_MS, HOUR_MS};

/// 2027-01-15, so that "eight days ago" is still a real time.
const NOW: f64 = 1_800_000_000_000.0;

fn desk() -> (DeskStore, StorageKeys) {
    let keys = StorageKeys::for_base("/desk/");
    (DeskStore::new(keys.clone(), Retention::default()), keys)
}

fn id(s: &str) -> impl FnOnce() -> String + '_ {
    move || s.to_string()
}

fn add(list: &mut Callbacks, id: &str, phone: &str, now: f64) {
    list.add(
        id.into(),
        &format!("Khách {id}"),
        phone,
        "",
        None,
        now + HOUR_MS,
        now,
    )
    .unwrap();
}

fn phones(list: &Callbacks) -> Vec<&str> {
    let mut v: Vec<&str> = list.pending().iter().map(|c| c.phone.as_str()).collect();
    v.sort();
    v
}

/// Every key and value in the store, one per line: what a look at localStorage would show.
fn everything(store: &MapStore) -> String {
    store
        .items
        .iter()
        .map(|(k, v)| format!("{k}={v}\n"))
        .collect()
}

fn stored_call(store: &MapStore, keys: &StorageKeys) -> CallState {
    decode_call(store.get(&keys.call).as_deref()).into_value()
}

fn stored_callbacks(store: &MapStore, keys: &StorageKeys) -> Callbacks {
    match decode_callbacks(store.get(&keys.callbacks).as_deref()) {
        Loaded::Ok(c) => c,
        other => panic!("stored callbacks should read cleanly: {other:?}"),
    }
}

#[test]
fn a_write_takes_in_what_another_tab_stored_and_loses_no_change() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let mut a = desk.open(&mut store, NOW, id("call-1"));
    let mut b = desk.open(&mut store, NOW + 1.0, id("call-2"));
    assert_eq!(b.call.id, "call-1", "a second tab joins the call");

    // Each tab changes something without having heard of the other's change.
    a.call.toggle("p#0", NOW + 10.0);
    assert_eq!(
        desk.save(&mut store, &mut a.call, NOW + 10.0),
        Written::Saved
    );
    b.call
        .set_field(CallField::Notes, "gọi lại sau".into(), NOW + 20.0);
    assert_eq!(
        desk.save(&mut store, &mut b.call, NOW + 20.0),
        Written::Saved
    );
    assert!(b.call.is_checked("p#0"), "B shows A's tick");
    assert_eq!(b.call.field(CallField::Notes), "gọi lại sau");
    assert_eq!(stored_call(&store, &keys), b.call, "storage holds both");

    add(&mut a.callbacks, "cb-a", "0901111111", NOW + 30.0);
    assert_eq!(
        desk.save(&mut store, &mut a.callbacks, NOW + 30.0),
        Written::Saved
    );
    add(&mut b.callbacks, "cb-b", "0902222222", NOW + 40.0);
    assert_eq!(
        desk.save(&mut store, &mut b.callbacks, NOW + 40.0),
        Written::Saved
    );
    assert_eq!(phones(&b.callbacks), ["0901111111", "0902222222"]);
    assert_eq!(
        phones(&stored_callbacks(&store, &keys)),
        ["0901111111", "0902222222"]
    );

    // A's next write takes B's callback in; storage holds that text already.
    assert_eq!(
        desk.save(&mut store, &mut a.callbacks, NOW + 50.0),
        Written::Already
    );
    assert_eq!(phones(&a.callbacks), ["0901111111", "0902222222"]);
}

#[test]
fn another_tabs_write_is_taken_in_keeping_this_tabs_own_changes() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let mut a = desk.open(&mut store, NOW, id("call-1"));
    let mut b = desk.open(&mut store, NOW, id("call-2"));
    b.call
        .set_field(CallField::CustomerName, "Trần Thị Mai".into(), NOW + 5.0);

    a.call.toggle("p#0", NOW + 10.0);
    desk.save(&mut store, &mut a.call, NOW + 10.0);
    add(&mut a.callbacks, "cb-a", "0901111111", NOW + 10.0);
    desk.save(&mut store, &mut a.callbacks, NOW + 10.0);
    let before = store.items.clone();

    // The storage events B's page receives.
    for key in [&keys.call, &keys.callbacks] {
        let new_value = store.get(key);
        desk.take_in(&mut b.call, Some(key), new_value.as_deref(), NOW + 11.0);
        desk.take_in(
            &mut b.callbacks,
            Some(key),
            new_value.as_deref(),
            NOW + 11.0,
        );
    }
    assert!(b.call.is_checked("p#0"), "A's tick reached B");
    assert_eq!(
        b.call.field(CallField::CustomerName),
        "Trần Thị Mai",
        "B's own edit stays"
    );
    assert_eq!(phones(&b.callbacks), ["0901111111"]);
    assert_eq!(store.items, before, "taking in writes nothing");
}

#[test]
fn a_new_call_in_one_tab_ends_the_call_in_the_other() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let mut a = desk.open(&mut store, NOW, id("call-1"));
    let mut b = desk.open(&mut store, NOW, id("call-2"));
    b.call
        .set_field(CallField::OperatorName, "Lan".into(), NOW + 1.0);
    b.call
        .set_field(CallField::CustomerName, "Trần Thị Mai".into(), NOW + 1.0);
    desk.save(&mut store, &mut b.call, NOW + 1.0);
    desk.take_in(
        &mut a.call,
        Some(&keys.call),
        store.get(&keys.call).as_deref(),
        NOW + 2.0,
    );

    a.call = a.call.next("call-3".into(), NOW + 100.0);
    desk.save(&mut store, &mut a.call, NOW + 100.0);
    desk.take_in(
        &mut b.call,
        Some(&keys.call),
        store.get(&keys.call).as_deref(),
        NOW + 101.0,
    );
    assert_eq!(b.call.id, "call-3");
    assert_eq!(b.call.field(CallField::CustomerName), "");
    assert_eq!(
        b.call.field(CallField::OperatorName),
        "Lan",
        "the operator's own name stays"
    );
}

#[test]
fn other_keys_and_unreadable_values_from_other_tabs_change_nothing() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let mut ours = desk.open(&mut store, NOW, id("call-1"));
    ours.call.toggle("p#0", NOW + 1.0);
    add(&mut ours.callbacks, "cb-a", "0901111111", NOW + 1.0);
    let (call, callbacks) = (ours.call.clone(), ours.callbacks.clone());

    let later = encode_call(&CallState::new("call-9".into(), NOW + 50.0));
    let staging = StorageKeys::for_base("/staging/");
    let events: [(Option<&str>, Option<&str>); 7] = [
        (Some(&staging.call), Some(&later)), // another deployment on this origin
        (Some(&keys.prefs), Some(&later)),
        (Some(&keys.callbacks), Some(&later)), // a call under the callbacks key
        (Some(&keys.call), Some("{\"v\":2,\"data\":{\"id\":")), // cut off mid-write
        (Some(&keys.callbacks), Some("[{\"id\":7}")),
        (Some(&keys.call), None), // removed in the other tab
        (None, None),             // localStorage.clear()
    ];
    for (key, new_value) in events {
        desk.take_in(&mut ours.call, key, new_value, NOW + 60.0);
        desk.take_in(&mut ours.callbacks, key, new_value, NOW + 60.0);
    }
    assert_eq!(ours.call, call);
    assert_eq!(ours.callbacks, callbacks);
}

fn callback(id: &str, phone: &str, done_ms: Option<f64>, updated_ms: f64) -> Callback {
    Callback {
        id: id.into(),
        name: format!("Khách {id}"),
        phone: phone.into(),
        note: format!("ghi chú {id}"),
        procedure_id: None,
        created_ms: updated_ms,
        due_ms: updated_ms + HOUR_MS,
        done_ms,
        deleted: false,
        updated_ms,
    }
}

fn tombstone(id: &str, updated_ms: f64) -> Callback {
    Callback {
        name: String::new(),
        phone: String::new(),
        note: String::new(),
        created_ms: 0.0,
        due_ms: 0.0,
        deleted: true,
        ..callback(id, "", None, updated_ms)
    }
}

/// The e2e scenario's list: what outlives the retention and what does not.
fn aged_callbacks(now: f64) -> Callbacks {
    Callbacks {
        items: vec![
            callback(
                "old-done",
                "0900000001",
                Some(now - 8.0 * DAY_MS),
                now - 8.0 * DAY_MS,
            ),
            callback(
                "recent-done",
                "0900000002",
                Some(now - 2.0 * DAY_MS),
                now - 2.0 * DAY_MS,
            ),
            callback("old-pending", "0900000003", None, now - 30.0 * DAY_MS),
            tombstone("old-tombstone", now - 2.0 * DAY_MS),
            tombstone("new-tombstone", now - HOUR_MS),
        ],
    }
}

/// What the retention must have left in `text` (storage or a value's encoding).
fn assert_retained(text: &str) {
    assert!(
        !text.contains("0900000001"),
        "done 8 days ago: gone: {text}"
    );
    assert!(!text.contains("Khách old-done") && !text.contains("ghi chú old-done"));
    assert!(
        text.contains("0900000002"),
        "done 2 days ago: kept for undo"
    );
    assert!(text.contains("0900000003"), "pending, however old: kept");
    assert!(
        !text.contains("\"old-tombstone\""),
        "tombstone older than a day: gone"
    );
    assert!(
        text.contains("\"new-tombstone\""),
        "recent tombstone: kept for other tabs"
    );
}

#[test]
fn maintain_removes_what_outlives_the_retention() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let mut call = CallState::new("call-1".into(), NOW - 13.0 * HOUR_MS);
    call.set_field(CallField::OperatorName, "Lan".into(), NOW - 13.0 * HOUR_MS);
    call.set_field(
        CallField::CustomerName,
        "Trần Thị Mai".into(),
        NOW - 13.0 * HOUR_MS,
    );
    let mut callbacks = aged_callbacks(NOW);
    store.set(&keys.call, &encode_call(&call)).unwrap();
    store
        .set(&keys.callbacks, &encode_callbacks(&callbacks))
        .unwrap();
    let old_backup = keys.backup_key(&keys.callbacks, NOW - 8.0 * DAY_MS);
    let new_backup = keys.backup_key(&keys.callbacks, NOW - DAY_MS);
    store
        .set(&old_backup, "[{\"phone\":\"0900000009\"}]")
        .unwrap();
    store
        .set(&new_backup, "[{\"phone\":\"0900000010\"}]")
        .unwrap();

    let mut report = Log::default();
    let lists = (&mut call, &mut callbacks, &mut report);
    let written = desk.maintain(&mut store, lists, NOW, id("call-2"));
    assert_eq!(written, [Written::Saved, Written::Saved]);
    assert_retained(&everything(&store));
    assert_retained(&encode_callbacks(&callbacks));
    assert!(store.get(&old_backup).is_none(), "old backup deleted");
    assert!(store.get(&new_backup).is_some(), "recent backup kept");
    assert_eq!(call.id, "call-2", "a call idle for 13 hours is over");
    assert_eq!(call.field(CallField::OperatorName), "Lan");
    assert!(
        !everything(&store).contains("Trần Thị Mai"),
        "the customer left storage"
    );
}

#[test]
fn maintain_keeps_a_call_on_hold_and_writes_nothing_when_nothing_expired() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let mut call = CallState::new("call-1".into(), NOW - 13.0 * HOUR_MS);
    call.start_hold(NOW - 13.0 * HOUR_MS);
    let mut callbacks = Callbacks::default();
    add(&mut callbacks, "cb-a", "0901111111", NOW - 30.0 * DAY_MS);
    store.set(&keys.call, &encode_call(&call)).unwrap();
    store
        .set(&keys.callbacks, &encode_callbacks(&callbacks))
        .unwrap();
    let before = (store.items.clone(), call.clone(), callbacks.clone());
    let lists = (&mut call, &mut callbacks, &mut Log::default());
    let written = desk.maintain(&mut store, lists, NOW, id("call-2"));
    assert!(written.is_empty(), "{written:?}");
    assert_eq!((store.items, call, callbacks), before);
}

#[test]
fn a_load_removes_what_expired_while_the_page_was_closed() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let mut yesterday = CallState::new("call-1".into(), NOW - DAY_MS);
    yesterday.set_field(CallField::CustomerName, "Trần Thị Mai".into(), NOW - DAY_MS);
    store.set(&keys.call, &encode_call(&yesterday)).unwrap();
    store
        .set(&keys.callbacks, &encode_callbacks(&aged_callbacks(NOW)))
        .unwrap();
    let old_backup = keys.backup_key(&keys.call, NOW - 8.0 * DAY_MS);
    store.set(&old_backup, "{").unwrap();

    let opened = desk.open(&mut store, NOW, id("call-2"));
    assert_eq!(opened.notice, None);
    assert_eq!(opened.call.id, "call-2");
    assert_retained(&encode_callbacks(&opened.callbacks));
    assert_retained(&everything(&store));
    assert!(!everything(&store).contains("Trần Thị Mai"));
    assert!(store.get(&old_backup).is_none());
}

#[test]
fn another_tab_cannot_bring_back_an_expired_callback() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    // A tab left open since before the expiry still holds the done callback.
    let stale = aged_callbacks(NOW);
    let mut ours = desk.open(&mut store, NOW, id("call-1")).callbacks;
    desk.take_in(
        &mut ours,
        Some(&keys.callbacks),
        Some(&encode_callbacks(&stale)),
        NOW,
    );
    assert_retained(&encode_callbacks(&ours));
    store
        .set(&keys.callbacks, &encode_callbacks(&stale))
        .unwrap();
    desk.save(&mut store, &mut ours, NOW);
    assert_retained(&everything(&store));
}

#[test]
fn a_failed_write_keeps_the_change_in_memory_and_says_so() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let mut tab = desk.open(&mut store, NOW, id("call-1"));
    let used = store.items.iter().map(|(k, v)| k.len() + v.len()).sum();
    store.limit = Some(used); // full: anything bigger is refused

    add(&mut tab.callbacks, "cb-a", "0905555555", NOW + 1.0);
    let written = desk.save(&mut store, &mut tab.callbacks, NOW + 1.0);
    assert_eq!(
        written,
        Written::Failed(StoreError::Refused("QuotaExceededError".into()))
    );
    assert_eq!(phones(&tab.callbacks), ["0905555555"], "kept in this tab");
    let notice = Notice::after_write(tab.notice, &written);
    assert_eq!(notice, Some(Notice::NotSaved("QuotaExceededError".into())));
    assert!(!everything(&store).contains("0905555555"));

    // Room again: the next write saves everything the tab holds, and the notice goes.
    store.limit = None;
    add(&mut tab.callbacks, "cb-b", "0906666666", NOW + 2.0);
    let written = desk.save(&mut store, &mut tab.callbacks, NOW + 2.0);
    assert_eq!(written, Written::Saved);
    assert_eq!(Notice::after_write(notice, &written), None);
    assert_eq!(
        phones(&stored_callbacks(&store, &keys)),
        ["0905555555", "0906666666"]
    );
}

#[test]
fn only_a_write_that_reached_storage_clears_the_not_saved_notice() {
    let not_saved = Some(Notice::NotSaved("QuotaExceededError".into()));
    let recovered = Some(Notice::Recovered {
        detail: "call: not valid JSON".into(),
        backup_key: "cuecard:/:backup.call.1".into(),
    });
    assert_eq!(
        Notice::after_write(not_saved.clone(), &Written::Already),
        not_saved
    );
    assert_eq!(Notice::after_write(not_saved, &Written::Saved), None);
    assert_eq!(
        Notice::after_write(recovered.clone(), &Written::Saved),
        recovered
    );
    assert_eq!(
        Notice::after_write(recovered, &Written::Failed(StoreError::Unavailable)),
        Some(Notice::NotSaved(
            "storage is unavailable in this browser".into()
        ))
    );
}

#[test]
fn an_unchanged_value_is_not_written_again() {
    let (desk, _) = desk();
    let mut store = MapStore::default();
    let mut tab = desk.open(&mut store, NOW, id("call-1"));
    store.limit = Some(0); // would refuse any write
    assert_eq!(
        desk.save(&mut store, &mut tab.call, NOW + 1.0),
        Written::Already
    );
    assert_eq!(
        desk.save(&mut store, &mut tab.callbacks, NOW + 1.0),
        Written::Already
    );
}

#[test]
fn unreadable_values_are_set_aside_and_what_can_be_read_is_kept() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let cut_call = "{\"v\":1,\"data\":{\"started_ms\":";
    let callbacks = r#"{"v":1,"data":{"items":[{"id":"a","name":"An","phone":"0901111111","created_ms":1,"due_ms":5,"updated_ms":1},{"id":7,"phone":null}]}}"#;
    store.set(&keys.call, cut_call).unwrap();
    store.set(&keys.callbacks, callbacks).unwrap();

    let opened = desk.open(&mut store, NOW, id("call-1"));
    let Some(Notice::Recovered { backup_key, detail }) = &opened.notice else {
        panic!("{:?}", opened.notice)
    };
    assert!(backup_key.starts_with(&format!("{}callbacks.", keys.backup_prefix)));
    assert_eq!(detail, "callbacks: 1 unreadable callback(s)");
    let backups: Vec<&String> = store
        .items
        .iter()
        .filter(|(k, _)| k.starts_with(&keys.backup_prefix))
        .map(|(_, v)| v)
        .collect();
    assert_eq!(backups, [cut_call, "[{\"id\":7,\"phone\":null}]"]);
    assert_eq!(
        phones(&opened.callbacks),
        ["0901111111"],
        "the readable callback stays"
    );
    assert_eq!(opened.call.id, "call-1", "a fresh call, not a blank page");
    assert_eq!(
        stored_callbacks(&store, &keys),
        opened.callbacks,
        "written back clean"
    );

    let again = desk.open(&mut store, NOW + 1.0, id("call-2"));
    assert_eq!(again.notice, None, "nothing new to report");
    assert_eq!(again.callbacks, opened.callbacks);
}

#[test]
fn a_value_from_a_newer_version_is_kept_aside_verbatim() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let newer = r#"{"v":99,"data":{"items":[{"id":"n","name":"N","phone":"0909999999","created_ms":1,"due_ms":5,"updated_ms":1}],"tags":["x"]}}"#;
    store.set(&keys.callbacks, newer).unwrap();
    let opened = desk.open(&mut store, NOW, id("call-1"));
    let Some(Notice::Recovered { backup_key, .. }) = &opened.notice else {
        panic!("{:?}", opened.notice)
    };
    assert_eq!(store.get(backup_key).as_deref(), Some(newer));
    assert_eq!(phones(&opened.callbacks), ["0909999999"]);
}

#[test]
fn prefs_are_kept_and_unreadable_prefs_are_the_defaults() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    assert_eq!(desk.prefs(&store), Prefs::default());
    let prefs = Prefs {
        index_first: "vi".into(),
        https_note_dismissed: true,
        ..Prefs::default()
    };
    desk.save_prefs(&mut store, &prefs).unwrap();
    assert_eq!(desk.prefs(&store), prefs);
    store.set(&keys.prefs, "[1,2,3]").unwrap();
    assert_eq!(desk.prefs(&store), Prefs::default());
}

#[test]
fn the_report_is_shared_by_tabs_kept_thirty_days_and_read_back_at_load() {
    let (desk, keys) = desk();
    let mut store = MapStore::default();
    let (mut a, mut b) = (Log::default(), Log::default());
    a.keep_episode(
        Episode::missed(NOW - 29.5 * DAY_MS, "old"),
        NOW - 29.5 * DAY_MS,
    );
    desk.save(&mut store, &mut a, NOW - 29.5 * DAY_MS);
    b.keep_episode(Episode::missed(NOW - HOUR_MS, "tab b"), NOW - HOUR_MS);
    desk.save(&mut store, &mut b, NOW - HOUR_MS);
    assert_eq!(b.len(), 2, "tab b took in tab a's entry before writing");
    let later = NOW + DAY_MS;
    desk.take_in(
        &mut a,
        Some(&keys.report),
        store.get(&keys.report).as_deref(),
        later,
    );
    assert_eq!(
        a.len(),
        1,
        "a day later the month-old entry is gone from tab a"
    );
    let opened = desk.open(&mut store, later, id("call-1"));
    assert_eq!(opened.report.len(), 1);
    assert!(!store.get(&keys.report).unwrap().contains("old"));
}

#[test]
fn a_report_lifetime_of_zero_keeps_nothing_stored() {
    let keys = StorageKeys::for_base("/desk/");
    let (off, _) = Retention::parse("search-log=0");
    let desk = DeskStore::new(keys.clone(), off);
    let mut store = MapStore::default();
    let mut kept = Log::default();
    kept.keep_episode(Episode::missed(NOW, "khach"), NOW);
    store.set(&keys.report, &kept.encode()).unwrap();
    let opened = desk.open(&mut store, NOW, id("call-1"));
    assert!(opened.report.is_empty());
    assert!(!store
        .get(&keys.report)
        .unwrap_or_default()
        .contains("khach"));
}
