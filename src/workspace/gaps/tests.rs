//! `workspace::gaps`' tests: report files merged and named when broken, dismissed rows left out
//! and kept, flags against the folder's versions, and the fixes as minimal edits of real files.

use super::fix::{add_situation, add_synonym, synonym_groups, FixError, SynonymTarget};
use super::*;
use crate::desk::report::{gaps, Outcome};
use serde_json::json;

const T: f64 = 1_700_000_000_000.0;

fn episode(time: f64, queries: &[&str], outcome: &str, opened: Option<&str>) -> serde_json::Value {
    json!({"time": time, "queries": queries, "outcome": outcome, "results": 0,
           "opened": opened, "rank": opened.map(|_| 1)})
}

/// A desk's export (format 1).
fn export(episodes: Vec<serde_json::Value>, flags: Vec<serde_json::Value>) -> Vec<u8> {
    json!({"format": 1, "site_version": "v", "ui_lang": "vi", "from": T, "to": T + 100.0,
           "episodes": episodes, "flags": flags, "found_first_try": {}})
    .to_string()
    .into_bytes()
}

fn flag(time: f64, card: &str, version: &str, kind: &str, note: &str) -> serde_json::Value {
    json!({"time": time, "card": card, "card_version": version, "flag": kind, "note": note})
}

fn real(name: &str) -> String {
    let path = format!("{}/content/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn files_from_several_desks_merge_into_one_row_per_situation() {
    let a = export(
        vec![episode(T, &["khách muốn gặp sếp"], "no_results", None)],
        vec![],
    );
    let b = [
        json!({"kind": "report", "format": 1, "site_version": "v", "ui_lang": "vi"}),
        json!({"kind": "episode", "time": T + 50.0, "queries": ["khach muon gap sep", "gặp trưởng ca"],
               "outcome": "reformulated", "results": 3, "opened": "vi-gap-truong-ca", "rank": 1}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect::<String>();
    let mut files = ReportFiles::default();
    let bad = files.add(vec![
        ("a.json".into(), a.clone()),
        ("b.jsonl".into(), b.into_bytes()),
    ]);
    assert!(bad.is_empty(), "{bad:?}");
    let rows = gaps(&files.reports());
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0].count, rows[0].desks), (2, 2));
    assert_eq!(rows[0].opened.as_deref(), Some("vi-gap-truong-ca"));
    assert_eq!(files.names(), ["a.json", "b.jsonl"]);
    assert_eq!(files.span(), Some((T, T + 100.0)));

    // The same file opened again replaces its copy: nothing counts twice.
    files.add(vec![("a.json".into(), a)]);
    assert_eq!(gaps(&files.reports())[0].count, 2);
}

#[test]
fn a_broken_file_is_named_with_its_line_and_leaves_the_others() {
    let good = export(
        vec![episode(T, &["khách hỏi xyz"], "no_results", None)],
        vec![],
    );
    let broken = "{\"kind\":\"report\",\"format\":1}\n{\"kind\":\"episode\",\"time\":1,\"queries\":[\"x\"],\"outcome\":}\n";
    let mut files = ReportFiles::default();
    let bad = files.add(vec![
        ("good.json".into(), good),
        ("bad.jsonl".into(), broken.as_bytes().to_vec()),
        ("photo.json".into(), vec![0xff, 0xd8, 0xff]),
    ]);
    assert_eq!(bad.len(), 2);
    assert!(bad[0].to_string().starts_with("bad.jsonl:2:"), "{}", bad[0]);
    assert_eq!(bad[0].line(), Some(2));
    assert!(
        bad[1].to_string().starts_with("photo.json: not UTF-8"),
        "{}",
        bad[1]
    );
    assert_eq!(files.names(), ["good.json"]);
    assert_eq!(gaps(&files.reports()).len(), 1);

    let newer = String::from_utf8(export(vec![], vec![]))
        .unwrap()
        .replace("\"format\":1", "\"format\":2");
    let e = read_report_file("newer.json", newer.as_bytes()).unwrap_err();
    assert!(
        e.to_string().starts_with("newer.json: ") && e.to_string().contains("format 2"),
        "{e}"
    );
}

#[test]
fn dismissed_rows_are_left_out_in_any_spelling_and_kept_across_a_reload() {
    let mut files = ReportFiles::default();
    files.add(vec![(
        "a.json".into(),
        export(
            vec![
                episode(T, &["khách muốn gặp sếp"], "no_results", None),
                episode(T + 1.0, &["khách đòi hoàn tiền"], "abandoned", None),
            ],
            vec![],
        ),
    )]);
    let mut d = Dismissed::default();
    d.dismiss("KHACH MUON GAP SEP");
    let (shown, hidden) = not_dismissed(gaps(&files.reports()), &d);
    assert_eq!(hidden, 1);
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].query, "khách đòi hoàn tiền");
    assert_eq!(shown[0].outcome, Outcome::Abandoned);

    assert_eq!(Dismissed::decode(Some(&d.encode())), d);
    // Storage that held something else (or nothing) hides nothing and breaks nothing.
    assert!(Dismissed::decode(Some("{broken")).is_empty());
    assert!(Dismissed::decode(None).is_empty());
    assert_eq!(
        dismissed_key("/desk/"),
        "cuecard:/desk/:studio-gaps-dismissed"
    );
}

#[test]
fn a_flag_on_an_earlier_version_of_the_card_may_be_fixed() {
    let report = export(
        vec![],
        vec![
            flag(T, "vi-a", "old", "outdated", "đã đổi giá"),
            flag(T + 1.0, "vi-a", "old", "wrong", ""),
            flag(T + 2.0, "vi-b", "now", "unclear", ""),
            flag(T + 3.0, "vi-b", "old", "missing", ""),
            flag(T + 4.0, "vi-gone", "old", "wrong", ""),
        ],
    );
    let reports = read_report_file("a.json", &report).unwrap();
    let rows = flag_rows(&reports, |id| (id != "vi-gone").then(|| "now".to_string()));
    let row = |id: &str| rows.iter().find(|r| r.flags.card == id).unwrap();
    assert!(row("vi-a").may_be_fixed());
    assert_eq!(row("vi-a").flags.total(), 2);
    assert_eq!(row("vi-a").flags.notes, ["đã đổi giá"]);
    // One flag on today's card: not fixed, though the older one is marked.
    assert!(!row("vi-b").may_be_fixed());
    assert!(row("vi-b").is_older("old") && !row("vi-b").is_older("now"));
    // A card the folder no longer has is not called fixed.
    assert!(!row("vi-gone").may_be_fixed());
}

#[test]
fn adding_to_a_card_appends_one_situation_and_keeps_every_other_byte() {
    let card = real("vi-gap-truong-ca.md");
    let edited = add_situation(&card, "khách đòi gặp người phụ trách ca").unwrap();
    let want = card.replace(
        "  \"khach muon gap truong ca\",\n",
        "  \"khach muon gap truong ca\",\n  \"khách đòi gặp người phụ trách ca\",\n",
    );
    assert_eq!(edited, want);
    // Already there, in other letters: refused, nothing written.
    assert!(matches!(
        add_situation(&edited, "Khach doi gap nguoi phu trach ca"),
        Err(FixError::CardHasIt(_))
    ));
    // A card the form cannot read is refused with the form's reason.
    let broken = card.replacen("title = ", "title = x", 1);
    assert!(matches!(
        add_situation(&broken, "abc"),
        Err(FixError::Card(_))
    ));
}

#[test]
fn every_real_card_takes_a_situation_as_one_added_line() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !crate::workspace::is_card(&name) {
            continue;
        }
        let card = std::fs::read_to_string(&path).unwrap();
        let edited = add_situation(&card, "một câu khách nói mới").unwrap();
        let (old, new): (Vec<&str>, Vec<&str>) = (card.lines().collect(), edited.lines().collect());
        assert_eq!(new.len(), old.len() + 1, "{name}");
        let at = old.iter().zip(&new).position(|(a, b)| a != b).unwrap();
        assert_eq!(new[at].trim(), "\"một câu khách nói mới\",", "{name}");
        assert_eq!(&new[at + 1..], &old[at..], "{name}");
    }
}

#[test]
fn a_synonym_joins_a_group_as_one_more_member_and_the_rest_stays() {
    let text = real("synonyms.toml");
    let groups = synonym_groups(&text).unwrap();
    let i = groups
        .iter()
        .position(|g| g.contains(&"chuyển máy".to_string()))
        .unwrap();
    let edited = add_synonym(&text, "sang máy khác", &SynonymTarget::Group(i)).unwrap();
    let line = "words = [\"chuyển máy\", \"transfer\", \"transfer call\", \"chuyển cuộc gọi\", \"nối máy\", \"转接\", \"转接电话\", \"перевести звонок\"]";
    assert!(text.contains(line));
    let want = text.replace(line, &line.replace("\"]", "\", \"sang máy khác\"]"));
    assert_eq!(edited, want);
    assert_eq!(
        synonym_groups(&edited).unwrap()[i].last().unwrap(),
        "sang máy khác"
    );

    // A word that leads already (in any spelling, in a group or a one-way `from`) is refused.
    for taken in ["Chuyen may", "boss"] {
        let e = add_synonym(&text, taken, &SynonymTarget::Group(0)).unwrap_err();
        assert!(matches!(e, FixError::SynonymsHaveIt(_)), "{taken}: {e}");
    }
    assert!(matches!(
        add_synonym(&text, "x y", &SynonymTarget::Group(groups.len())),
        Err(FixError::NoGroup(_))
    ));
}

#[test]
fn a_new_group_goes_at_the_end_and_a_folder_without_the_file_gets_one() {
    let text = real("synonyms.toml");
    let to = SynonymTarget::NewGroup(vec!["hoàn tiền".into(), " ".into()]);
    let edited = add_synonym(&text, "trả lại tiền", &to).unwrap();
    assert_eq!(
        edited,
        format!("{text}\n[[same]]\nwords = [\"trả lại tiền\", \"hoàn tiền\"]\n")
    );
    let new_file = add_synonym("", "trả lại tiền", &to).unwrap();
    assert_eq!(
        new_file,
        "[[same]]\nwords = [\"trả lại tiền\", \"hoàn tiền\"]\n"
    );
    assert_eq!(
        synonym_groups(&new_file).unwrap(),
        [["trả lại tiền", "hoàn tiền"]]
    );
    assert!(synonym_groups("").unwrap().is_empty());
    let alone = SynonymTarget::NewGroup(vec!["Trả lại tiền".into()]);
    assert!(matches!(
        add_synonym("", "trả lại tiền", &alone),
        Err(FixError::Alone)
    ));
    // What the studio's check reads back: the new member is in the group.
    let checked =
        crate::content::parse_synonyms(std::path::Path::new("synonyms.toml"), &edited).unwrap();
    assert!(checked
        .synonyms
        .groups
        .iter()
        .any(|g| g.contains(&"trả lại tiền".to_string())));
}
