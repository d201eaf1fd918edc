use super::*;
use crate::desk::report::{parse_reports, FlagKind, Report};
use crate::desk::DAY_MS;

const T: f64 = 1_700_000_000_000.0;
const MONTH: f64 = 30.0 * DAY_MS;

fn episode(time: f64, q: &str) -> Episode {
    Episode::missed(time, q)
}

fn flag(time: f64, card: &str) -> Flag {
    Flag::new(time, card, "00ff", FlagKind::Outdated, "giá cũ", &[])
}

/// The export as editors read it.
fn report(l: &Log, now: f64) -> Report {
    let mut r = parse_reports(&l.report_json("abc", "vi", now)).unwrap();
    assert_eq!(r.len(), 1);
    r.remove(0)
}

fn sample() -> Log {
    let mut l = Log::default();
    l.keep_episode(episode(T, "khach doi boi thuong"), T + 1.0);
    l.keep_flag(flag(T + 5.0, "vi-a"), T + 5.0);
    l.count_found("vi-b", T + 6.0);
    l.count_found("vi-b", T + 7.0);
    l
}

#[test]
fn the_export_holds_what_was_kept_and_says_its_span() {
    let l = sample();
    assert_eq!((l.len(), l.span()), (2, Some((T, T + 5.0))));
    let r = report(&l, T + 100.0);
    assert_eq!((r.from, r.to), (T, T + 100.0));
    assert_eq!((r.site_version.as_str(), r.ui_lang.as_str()), ("abc", "vi"));
    assert_eq!(r.episodes, [episode(T, "khach doi boi thuong")]);
    assert_eq!(r.flags, [flag(T + 5.0, "vi-a")]);
    assert_eq!(r.found_first_try["vi-b"], 2);
    assert!(report(&Log::default(), T).episodes.is_empty());
}

#[test]
fn entries_older_than_the_lifetime_go_and_a_lifetime_of_zero_keeps_nothing() {
    let mut l = sample();
    l.keep_episode(episode(T + MONTH, "later"), T + MONTH);
    l.tidy(T + MONTH + 10.0, MONTH);
    assert_eq!(l.episodes.len(), 1);
    assert_eq!(
        report(&l, T + MONTH + 10.0).episodes,
        [episode(T + MONTH, "later")]
    );
    assert!(l.flags.is_empty());
    assert!(l.found.is_empty(), "the counts' month is over");
    l.tidy(T + MONTH + 3.0, 0.0);
    assert!(l.is_empty());
}

#[test]
fn two_tabs_merge_without_losing_or_doubling_anything() {
    let mut a = sample();
    let mut b = a.clone();
    a.keep_episode(episode(T + 10.0, "tab a"), T + 10.0);
    b.keep_flag(flag(T + 11.0, "vi-c"), T + 11.0);
    b.count_found("vi-b", T + 12.0);
    a.merge(&b, T + 20.0, MONTH);
    b.merge(&a, T + 20.0, MONTH);
    assert_eq!(a, b);
    assert_eq!((a.episodes.len(), a.flags.len()), (2, 2));
    assert_eq!(a.found["vi-b"], 3);
    // Merging again changes nothing.
    let again = a.clone();
    a.merge(&again, T + 21.0, MONTH);
    assert_eq!(a, again);
}

#[test]
fn clear_all_in_one_tab_is_not_undone_by_another_tab_s_copy() {
    let mut a = sample();
    let stale = a.clone();
    a.clear(T + 50.0);
    a.merge(&stale, T + 60.0, MONTH);
    assert!(a.is_empty(), "{a:?}");
    // What is kept after the clear, in either tab, stays: an entry even by a tab that had not
    // heard of the clear yet; counts once it has (they carry no times to tell them apart).
    let mut b = stale;
    b.keep_episode(episode(T + 70.0, "after"), T + 70.0);
    b.merge(&a, T + 75.0, MONTH);
    b.count_found("vi-d", T + 76.0);
    a.merge(&b, T + 80.0, MONTH);
    assert_eq!(a.episodes.len(), 1);
    assert_eq!(a.found.len(), 1);
    assert!(!a.found.contains_key("vi-b"));
}

/// Later than `at` by more than `SETTLE_MS`: what was kept by then may go.
fn after(at: f64) -> f64 {
    at + SETTLE_MS + 1.0
}

#[test]
fn a_collector_gets_each_entry_once_and_counts_as_what_was_added() {
    let mut l = sample();
    let first = l
        .outbox("abc", "vi", after(T + 7.0))
        .expect("something to send");
    let reports = parse_reports(&first.body).unwrap();
    assert_eq!(reports[0].episodes.len(), 1);
    assert_eq!(reports[0].flags, [flag(T + 5.0, "vi-a")]);
    assert_eq!(reports[0].found_first_try["vi-b"], 2);
    // Kept while the batch was on its way: goes next time.
    let meanwhile = after(T + 7.0) + 10.0;
    l.keep_episode(episode(meanwhile, "meanwhile"), meanwhile);
    l.count_found("vi-b", meanwhile);
    l.mark_sent(&first);
    let fresh = l
        .outbox("abc", "vi", meanwhile + 1.0)
        .expect("a count goes at once");
    let fresh = parse_reports(&fresh.body).unwrap().remove(0);
    assert!(
        fresh.episodes.is_empty(),
        "an entry just kept waits a second"
    );
    let second = l.outbox("abc", "vi", after(meanwhile)).expect("the rest");
    let r = &parse_reports(&second.body).unwrap()[0];
    assert_eq!(r.episodes, [episode(meanwhile, "meanwhile")]);
    assert!(r.flags.is_empty());
    assert_eq!(r.found_first_try["vi-b"], 1);
    l.mark_sent(&second);
    assert_eq!(l.outbox("abc", "vi", after(meanwhile) + 5_000.0), None);
    // The export still holds everything.
    assert_eq!(report(&l, T + 300.0).episodes.len(), 2);
}

#[test]
fn sent_marks_survive_a_merge_with_a_tab_that_did_not_send() {
    let mut a = sample();
    let b = a.clone();
    let out = a.outbox("", "vi", after(T + 7.0)).unwrap();
    a.mark_sent(&out);
    a.merge(&b, after(T + 7.0), MONTH);
    assert_eq!(a.outbox("", "vi", after(T + 7.0) + 10.0), None);
    // And the tab that did not send hears of it.
    let mut b = b;
    b.merge(&a, after(T + 7.0), MONTH);
    assert_eq!(b.outbox("", "vi", after(T + 7.0) + 10.0), None);
}

#[test]
fn an_entry_kept_after_a_batch_on_a_clock_set_back_still_goes() {
    let mut l = sample();
    let out = l.outbox("", "vi", after(T + 7.0)).unwrap();
    l.mark_sent(&out);
    // The desk's clock went back a minute.
    l.keep_episode(episode(T - 60_000.0, "back"), T - 60_000.0);
    let next = l.outbox("", "vi", after(l.sent_until)).expect("not hidden");
    assert_eq!(
        parse_reports(&next.body).unwrap()[0].episodes,
        [episode(T - 60_000.0, "back")]
    );
}

#[test]
fn a_desk_keeps_at_most_so_many_entries_the_newest() {
    let mut l = Log::default();
    for i in 0..MAX_EPISODES + 5 {
        l.keep_episode(episode(T + i as f64, &format!("q{i}")), T + i as f64);
    }
    assert_eq!(l.episodes.len(), MAX_EPISODES);
    assert_eq!(l.episodes[0].time, T + 5.0);
}

#[test]
fn an_entry_that_is_not_json_goes_and_the_export_stays_readable() {
    let mut l = sample();
    l.episodes.push(Entry {
        at: T + 2.0,
        time: T + 2.0,
        json: "{\"time\":1,".into(),
    });
    l.flags[0].json = "42".into();
    l.tidy(T + 3.0, MONTH);
    assert_eq!((l.episodes.len(), l.flags.len()), (1, 0));
    assert_eq!(report(&l, T + 4.0).episodes.len(), 1);
}

#[test]
fn a_desk_is_named_once_and_its_tabs_and_clear_all_keep_one_name() {
    let mut a = sample();
    let mut b = a.clone();
    a.name_desk(0.25);
    b.name_desk(0.5);
    assert_eq!(a.desk, "400000000000");
    a.name_desk(0.75);
    assert_eq!(a.desk, "400000000000", "named once");
    b.merge(&a, T + 10.0, MONTH);
    a.merge(&b, T + 10.0, MONTH);
    assert_eq!(
        (a.desk.as_str(), b.desk.as_str()),
        ("400000000000", "400000000000")
    );
    a.clear(T + 20.0);
    assert_eq!(a.desk, "400000000000");
    let out = a.outbox("", "vi", after(T + 30.0));
    assert_eq!(out, None, "nothing to send after Clear all");
    a.keep_episode(episode(T + 40.0, "q"), T + 40.0);
    let out = a.outbox("", "vi", after(T + 40.0)).unwrap();
    assert_eq!(parse_reports(&out.body).unwrap()[0].desk, "400000000000");
    assert_eq!(report(&a, T + 42.0).desk, "400000000000");
}

#[test]
fn an_entry_read_back_from_storage_is_still_one_entry() {
    // serde_json (without float_roundtrip) reads this number back as 1796659377754.9.
    let now = 1_796_659_377_754.900_1;
    let mut l = Log::default();
    l.keep_episode(episode(now, "q"), now);
    l.keep_flag(flag(now, "vi-a"), now);
    let stored: Log = serde_json::from_str(&serde_json::to_string(&l).unwrap()).unwrap();
    l.merge(&stored, now + 1.0, MONTH);
    assert_eq!((l.episodes.len(), l.flags.len()), (1, 1), "{l:?}");
    let out = l.outbox("", "vi", after(now)).unwrap();
    let mut read: Log = serde_json::from_str(&serde_json::to_string(&l).unwrap()).unwrap();
    read.mark_sent(&out);
    l.merge(&read, after(now), MONTH);
    assert_eq!(l.outbox("", "vi", after(now) + 10.0), None);
}
