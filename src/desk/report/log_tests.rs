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

#[test]
fn a_collector_gets_each_entry_once_and_counts_as_what_was_added() {
    let mut l = sample();
    let first = l.outbox("abc", "vi", T + 100.0).expect("something to send");
    let reports = parse_reports(&first.body).unwrap();
    assert_eq!(reports[0].episodes.len(), 1);
    assert_eq!(reports[0].found_first_try["vi-b"], 2);
    // Kept while the batch was on its way: not marked, goes next time.
    l.keep_episode(episode(T + 101.0, "meanwhile"), T + 101.0);
    l.count_found("vi-b", T + 102.0);
    l.mark_sent(&first);
    let second = l.outbox("abc", "vi", T + 200.0).expect("the rest");
    let r = &parse_reports(&second.body).unwrap()[0];
    assert_eq!(r.episodes, [episode(T + 101.0, "meanwhile")]);
    assert!(r.flags.is_empty());
    assert_eq!(reports[0].flags, [flag(T + 5.0, "vi-a")]);
    assert_eq!(r.found_first_try["vi-b"], 1);
    l.mark_sent(&second);
    assert_eq!(l.outbox("abc", "vi", T + 300.0), None);
    // The export still holds everything.
    assert_eq!(report(&l, T + 300.0).episodes.len(), 2);
}

#[test]
fn sent_marks_survive_a_merge_with_a_tab_that_did_not_send() {
    let mut a = sample();
    let b = a.clone();
    let out = a.outbox("", "vi", T + 100.0).unwrap();
    a.mark_sent(&out);
    a.merge(&b, T + 110.0, MONTH);
    assert_eq!(a.outbox("", "vi", T + 120.0), None);
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
        sent: false,
        json: "{\"time\":1,".into(),
    });
    l.flags[0].json = "42".into();
    l.tidy(T + 3.0, MONTH);
    assert_eq!((l.episodes.len(), l.flags.len()), (1, 0));
    assert_eq!(report(&l, T + 4.0).episodes.len(), 1);
}

#[test]
fn two_entries_kept_in_the_same_millisecond_are_sent_each_once() {
    let mut l = Log::default();
    l.keep_episode(episode(T, "tab a"), T);
    let out = l.outbox("", "vi", T + 1.0).unwrap();
    l.keep_episode(episode(T, "tab b"), T);
    l.mark_sent(&out);
    let next = l.outbox("", "vi", T + 2.0).expect("tab b's entry waits");
    assert_eq!(
        parse_reports(&next.body).unwrap()[0].episodes,
        [episode(T, "tab b")]
    );
}
