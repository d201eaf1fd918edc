//! `desk::report::format`'s tests: the file read back as written, both forms, refusals with their
//! place, retention.

use super::*;
use crate::desk::report::episode::Outcome;
use crate::desk::report::FlagKind;
use std::collections::BTreeMap;

const T: f64 = 1_700_000_000_000.0;
const DAY: f64 = 86_400_000.0;

fn episode(time: f64, query: &str, outcome: Outcome) -> Episode {
    Episode {
        time,
        queries: vec![query.to_string()],
        outcome,
        results: 0,
        opened: None,
        rank: None,
    }
}

fn sample() -> Report {
    let mut r = Report::new("abc123", "vi", T);
    r.add_episode(episode(T + 10.0, "khách muốn gặp sếp", Outcome::NoResults));
    r.add_episode(Episode {
        time: T + 20.0,
        queries: vec!["клиент плачет".into(), "клиент расстроен".into()],
        outcome: Outcome::Reformulated,
        results: 4,
        opened: Some("ru-agressivnoe-nedovolstvo".into()),
        rank: Some(2),
    });
    r.add_flag(Flag::new(
        T + 30.0,
        "vi-gap-truong-ca",
        "v7",
        FlagKind::Outdated,
        "thời gian chờ đã đổi",
        &[],
    ));
    r.found_first_try.insert("zh-a".into(), 3);
    r
}

#[test]
fn a_report_reads_back_what_it_wrote() {
    let r = sample();
    assert_eq!(r.to, T + 30.0);
    assert_eq!(Report::parse(&r.to_json()).unwrap(), r);
    assert_eq!(parse_reports(&r.to_json()).unwrap(), vec![r]);
}

#[test]
fn the_file_names_its_fields_as_documented() {
    let v: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
    for field in [
        "format",
        "site_version",
        "ui_lang",
        "from",
        "to",
        "episodes",
        "flags",
        "found_first_try",
    ] {
        assert!(v.get(field).is_some(), "{field}");
    }
    assert_eq!(v["format"], 1);
    assert_eq!(v["episodes"][0]["outcome"], "no_results");
    assert_eq!(v["episodes"][1]["outcome"], "reformulated");
    assert_eq!(v["episodes"][1]["rank"], 2);
    assert_eq!(v["flags"][0]["flag"], "outdated");
    assert_eq!(v["flags"][0]["card_version"], "v7");
}

#[test]
fn a_newer_format_is_refused_by_name() {
    let text = r#"{"format": 2, "site_version": "x", "something_new": [1]}"#;
    let e = Report::parse(text).unwrap_err();
    assert!(
        matches!(
            e,
            ReportError::Newer {
                found: 2,
                supported: 1
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("format 2"), "{e}");
    let lines = "{\"kind\":\"report\",\"format\":3}\n";
    assert!(matches!(
        parse_reports(lines),
        Err(ReportError::Newer { found: 3, .. })
    ));
}

#[test]
fn a_broken_file_is_told_with_its_line_and_column() {
    let text = "{\n  \"format\": 1,\n  \"site_version\": oops\n}";
    match Report::parse(text).unwrap_err() {
        ReportError::Json {
            line,
            column,
            reason,
            ..
        } => {
            assert_eq!((line, column), (3, 19));
            assert!(!reason.contains("at line"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
    let wrong_shape = "{\"format\": 1, \"site_version\": 5}";
    assert!(matches!(
        Report::parse(wrong_shape),
        Err(ReportError::Json { line: 1, .. })
    ));
}

#[test]
fn json_lines_are_read_as_a_collector_receives_them() {
    let text = [
        r#"{"kind":"episode","time":100,"queries":["khach muon gap sep"],"outcome":"no_results","results":0,"opened":null,"rank":null}"#,
        "",
        r#"{"kind":"flag","time":300,"card":"vi-gap-truong-ca","card_version":"v1","flag":"wrong","note":"sai số phút"}"#,
        r#"{"kind":"found","card":"vi-gap-truong-ca","count":2}"#,
        r#"{"kind":"found","card":"vi-gap-truong-ca","count":1}"#,
    ]
    .join("\n");
    let reports = parse_reports(&text).unwrap();
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r.episodes.len(), 1);
    assert_eq!(r.flags[0].kind, FlagKind::Wrong);
    assert_eq!(r.flags[0].note, "sai số phút");
    assert_eq!(r.found_first_try["vi-gap-truong-ca"], 3);
    assert_eq!((r.from, r.to), (100.0, 300.0));
}

#[test]
fn each_report_line_starts_another_desks_report() {
    let mut a = sample();
    a.ui_lang = "ru".into();
    let b = Report::new("def", "zh", T + DAY);
    let text = format!("{}{}", a.to_json_lines(), b.to_json_lines());
    let reports = parse_reports(&text).unwrap();
    assert_eq!(reports, vec![a, b]);
}

#[test]
fn lines_naming_their_desk_find_its_report_when_a_collector_interleaves_batches() {
    let text = concat!(
        "{\"kind\":\"report\",\"format\":1,\"desk\":\"a1\",\"ui_lang\":\"vi\"}\n",
        "{\"kind\":\"report\",\"format\":1,\"desk\":\"b2\",\"ui_lang\":\"ru\"}\n",
        "{\"kind\":\"found\",\"desk\":\"a1\",\"card\":\"x\",\"count\":2}\n",
        "{\"kind\":\"found\",\"desk\":\"b2\",\"card\":\"y\",\"count\":1}\n",
        "{\"kind\":\"found\",\"desk\":\"c3\",\"card\":\"z\",\"count\":1}\n",
        "{\"kind\":\"found\",\"card\":\"w\",\"count\":1}\n",
    );
    let reports = parse_reports(text).unwrap();
    let by_desk: Vec<(&str, Vec<&str>)> = reports
        .iter()
        .map(|r| {
            let cards = r.found_first_try.keys().map(String::as_str).collect();
            (r.desk.as_str(), cards)
        })
        .collect();
    assert_eq!(
        by_desk,
        [("a1", vec!["x"]), ("b2", vec!["y"]), ("c3", vec!["w", "z"])]
    );
    assert_eq!(reports[1].ui_lang, "ru");
}

#[test]
fn a_broken_line_is_told_with_its_own_line_number() {
    let text = concat!(
        "{\"kind\":\"found\",\"card\":\"a\",\"count\":1}\n",
        "\n",
        "{\"kind\":\"episode\",\"time\":1,\"queries\":[],\"outcome\":\"lost\",\"results\":0}\n",
    );
    match parse_reports(text).unwrap_err() {
        ReportError::Json {
            line,
            column,
            reason,
            ..
        } => {
            assert_eq!((line, column), (3, 56), "at the end of `\"lost\"`");
            assert!(reason.contains("`lost`"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
    let text = "{\"kind\":\"found\",\"card\":\"a\",\"count\":1}\n{\"kind\":\n";
    assert!(matches!(
        parse_reports(text),
        Err(ReportError::Json { line: 2, .. })
    ));
    let text = "{\"kind\":\"found\",\"card\":\"a\",\"count\":1}\n{\"kind\":\"party\"}\n";
    match parse_reports(text).unwrap_err() {
        e @ ReportError::UnknownKind { line: 2, .. } => {
            assert!(e.to_string().contains("`party`"), "{e}")
        }
        e => panic!("{e:?}"),
    }
}

#[test]
fn an_empty_file_holds_no_report() {
    assert_eq!(parse_reports(" \n\n").unwrap(), vec![]);
}

#[test]
fn missing_lists_read_as_empty() {
    let r =
        Report::parse(r#"{"format":1,"site_version":"","ui_lang":"en","from":1,"to":2}"#).unwrap();
    assert!(r.episodes.is_empty() && r.flags.is_empty() && r.found_first_try.is_empty());
}

#[test]
fn retain_drops_entries_older_than_the_lifetime() {
    let mut r = sample();
    r.add_episode(episode(T + 3.0 * DAY, "khach khoc", Outcome::Abandoned));
    r.retain(T + 3.0 * DAY + 1.0, DAY);
    assert_eq!(r.episodes.len(), 1);
    assert_eq!(r.episodes[0].queries, ["khach khoc"]);
    assert!(r.flags.is_empty());
    assert_eq!(
        r.found_first_try["zh-a"], 3,
        "counts carry no text and stay"
    );
    assert_eq!(r.from, T + 2.0 * DAY + 1.0);
}

#[test]
fn counts_of_cards_found_at_once_add_up() {
    let mut r = sample();
    r.add_found_first_try(BTreeMap::from([("zh-a".into(), 1), ("zh-b".into(), 1)]));
    assert_eq!(r.found_first_try["zh-a"], 4);
    assert_eq!(r.found_first_try["zh-b"], 1);
}
