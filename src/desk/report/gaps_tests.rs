//! `desk::report::gaps`'s tests: spellings of one situation in one row, the order of rows, flags
//! gathered by card.

use super::*;
use crate::desk::report::flag::Flag;

const T: f64 = 1_700_000_000_000.0;

fn ep(time: f64, queries: &[&str], outcome: Outcome, opened: Option<&str>) -> Episode {
    Episode {
        time,
        queries: queries.iter().map(|q| q.to_string()).collect(),
        outcome,
        results: 0,
        opened: opened.map(str::to_string),
        rank: opened.map(|_| 1),
    }
}

fn report(episodes: Vec<Episode>) -> Report {
    let mut r = Report::new("v", "vi", T);
    for e in episodes {
        r.add_episode(e);
    }
    r
}

#[test]
fn spellings_with_and_without_diacritics_fall_in_one_group() {
    let reports = [
        report(vec![
            ep(T, &["khách muốn gặp sếp"], Outcome::NoResults, None),
            ep(T + 5.0, &["khach muon gap sep"], Outcome::NoResults, None),
        ]),
        report(vec![ep(
            T + 9.0,
            &["Khách muốn gặp sếp"],
            Outcome::Abandoned,
            None,
        )]),
    ];
    let g = gaps(&reports);
    assert_eq!(g.len(), 1, "{g:?}");
    assert_eq!(g[0].count, 3);
    assert_eq!(g[0].desks, 2);
    assert_eq!(g[0].outcome, Outcome::NoResults);
    assert_eq!(g[0].last_seen, T + 9.0);
    assert!(
        g[0].query.to_lowercase().contains("khách"),
        "{}",
        g[0].query
    );
}

#[test]
fn the_group_shows_its_most_frequent_spelling() {
    let r = report(vec![
        ep(T, &["khach muon gap sep"], Outcome::NoResults, None),
        ep(T + 1.0, &["khách muốn gặp sếp"], Outcome::NoResults, None),
        ep(T + 2.0, &["khách muốn gặp sếp"], Outcome::NoResults, None),
    ]);
    assert_eq!(gaps(&[r])[0].query, "khách muốn gặp sếp");
}

#[test]
fn an_abbreviation_meets_its_words_and_russian_forms_meet_their_stem() {
    assert_eq!(
        analysed("KH muốn gặp sếp"),
        analysed("khách hàng muốn gặp sếp")
    );
    assert_eq!(analysed("клиент угрожает"), analysed("Клиенты угрожают"));
    assert_eq!(analysed("客户 哭了"), analysed("客户哭了"));
    assert_ne!(analysed("клиент угрожает"), analysed("клиент плачет"));
}

#[test]
fn a_reformulated_search_counts_its_earlier_queries_with_the_card_it_found() {
    let r = report(vec![
        ep(
            T,
            &["khách đòi gặp sếp", "trưởng ca"],
            Outcome::Reformulated,
            Some("vi-gap-truong-ca"),
        ),
        ep(
            T + 1.0,
            &["khach doi gap sep", "quan ly"],
            Outcome::Reformulated,
            Some("vi-gap-truong-ca"),
        ),
        ep(T + 2.0, &["khách đòi gặp sếp"], Outcome::NoResults, None),
    ]);
    let g = gaps(&[r]);
    assert_eq!(g.len(), 1, "the queries that worked are not gaps: {g:?}");
    assert_eq!(g[0].count, 3);
    assert_eq!(g[0].outcome, Outcome::Reformulated);
    assert_eq!(g[0].opened.as_deref(), Some("vi-gap-truong-ca"));
}

#[test]
fn rows_are_sorted_by_count_then_by_the_latest() {
    let r = report(vec![
        ep(T, &["клиент плачет"], Outcome::NoResults, None),
        ep(T + 1.0, &["клиент плачет"], Outcome::NoResults, None),
        ep(T + 2.0, &["客户哭了"], Outcome::NoResults, None),
        ep(T + 5.0, &["khach khoc"], Outcome::Abandoned, None),
    ]);
    let order: Vec<String> = gaps(&[r]).into_iter().map(|g| g.query).collect();
    assert_eq!(order, ["клиент плачет", "khach khoc", "客户哭了"]);
}

#[test]
fn an_episode_counts_once_per_group_and_once_when_read_twice() {
    let r = report(vec![ep(
        T,
        &["khach khoc", "Khách khóc"],
        Outcome::Abandoned,
        None,
    )]);
    let g = gaps(&[r.clone(), r]);
    assert_eq!((g.len(), g[0].count, g[0].desks), (1, 1, 1));
}

#[test]
fn queries_with_no_words_are_left_out() {
    let r = report(vec![ep(T, &["# @", "?!"], Outcome::NoResults, None)]);
    assert!(gaps(&[r]).is_empty());
}

#[test]
fn flags_are_gathered_by_card_with_counts_notes_and_versions() {
    let mut a = Report::new("v", "vi", T);
    let mut b = Report::new("v", "ru", T);
    let f = |t: f64, card: &str, v: &str, kind: FlagKind, note: &str| {
        Flag::new(T + t, card, v, kind, note, &[])
    };
    a.add_flag(f(
        1.0,
        "vi-gap-truong-ca",
        "v1",
        FlagKind::Outdated,
        "đã đổi",
    ));
    a.add_flag(f(2.0, "vi-gap-truong-ca", "v2", FlagKind::Outdated, ""));
    a.add_flag(f(3.0, "ru-spam", "r1", FlagKind::Unclear, "непонятно"));
    b.add_flag(f(4.0, "vi-gap-truong-ca", "v2", FlagKind::Wrong, "sai giờ"));
    b.add_flag(f(4.0, "vi-gap-truong-ca", "v2", FlagKind::Wrong, "sai giờ"));
    let cards = flags_by_card(&[a, b]);
    assert_eq!(cards.len(), 2);
    let c = &cards[0];
    assert_eq!(c.card, "vi-gap-truong-ca");
    assert_eq!(c.total(), 3, "the repeated flag counts once");
    assert_eq!(c.kinds[&FlagKind::Outdated], 2);
    assert_eq!(c.kinds[&FlagKind::Wrong], 1);
    assert_eq!(c.notes, ["sai giờ", "đã đổi"]);
    assert_eq!(c.versions, ["v1", "v2"]);
    assert_eq!(c.last_seen, T + 4.0);
    assert_eq!(cards[1].card, "ru-spam");
}

#[test]
fn a_named_desk_s_batches_count_as_one_desk() {
    let named = |desk: &str, e: Episode| {
        let mut r = report(vec![e]);
        r.desk = desk.to_string();
        r
    };
    let reports = [
        named(
            "0a",
            ep(T, &["khach muon gap sep"], Outcome::NoResults, None),
        ),
        named(
            "0a",
            ep(T + 1.0, &["khach muon gap sep"], Outcome::NoResults, None),
        ),
        named(
            "0b",
            ep(T + 2.0, &["khach muon gap sep"], Outcome::NoResults, None),
        ),
        report(vec![ep(
            T + 3.0,
            &["khach muon gap sep"],
            Outcome::NoResults,
            None,
        )]),
    ];
    let g = gaps(&reports);
    assert_eq!((g[0].count, g[0].desks), (4, 3));
}
