//! The form over every real card: an edit changes its own bytes and no others.

use super::*;
use crate::content::template::new_form_card;
use crate::content::Lang;
use crate::workspace::outline::{read_outline, write_outline, RowKind};

const CARD: &str = "+++
id = \"vi-x\"
lang = \"vi\"
title = \"Cũ\"   # the old title
category = \"Chuyển máy\"
situations = [
  \"một\",
  \"hai\",
]

# Timers below.
[timers]
hold_limit = \"60s\"

[source]
file = \"a.txt\"
section = \"A\"
+++

## Steps

1. Làm.
";

fn cards() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
    let mut all: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    all.sort();
    assert!(
        all.len() >= 40,
        "the real content is read: {} cards",
        all.len()
    );
    all
}

fn text(v: &str) -> FieldValue {
    FieldValue::Text(v.to_string())
}

/// The lines of `old` all stand in `new`, in order, and `new` has `added` more.
fn only_added(old: &str, new: &str, added: &[&str]) {
    let (o, n): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut i = 0;
    let mut extra = Vec::new();
    for line in &n {
        if i < o.len() && o[i] == *line {
            i += 1;
        } else {
            extra.push(*line);
        }
    }
    assert_eq!(
        i,
        o.len(),
        "a line of the old text was changed or lost:\n{new}"
    );
    assert_eq!(extra, added, "\n{new}");
}

/// The two texts differ in exactly one line, which becomes `line`.
fn one_line_changed(old: &str, new: &str, line: &str) {
    let (o, n): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    assert_eq!(o.len(), n.len(), "\n{new}");
    let changed: Vec<(&str, &str)> = o
        .iter()
        .zip(&n)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (*a, *b))
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(
        changed[0].1.starts_with(line),
        "{:?} should start with {line:?}",
        changed[0].1
    );
    assert_eq!(old.ends_with('\n'), new.ends_with('\n'));
}

#[test]
fn fields_are_read_in_the_forms_order_with_absent_ones_empty() {
    let f = read_fields(CARD).unwrap();
    assert_eq!(f.0.len(), FIELDS.len());
    assert_eq!(f.get("title"), Some(&text("Cũ")));
    assert_eq!(
        f.get("situations"),
        Some(&FieldValue::List(vec!["một".into(), "hai".into()]))
    );
    assert_eq!(f.get("timers.hold_limit"), Some(&text("60s")));
    assert_eq!(f.get("cautions"), Some(&FieldValue::List(vec![])));
    assert_eq!(f.get("draft"), Some(&FieldValue::Switch(false)));
    assert_eq!(
        f.get("timers.callbacks"),
        Some(&FieldValue::Callbacks(vec![]))
    );
    assert_eq!(f.get("owner"), Some(&text("")));
}

#[test]
fn a_changed_value_keeps_its_comment_and_everything_else() {
    let new = set_field(CARD, "title", &text("Mới")).unwrap();
    assert_eq!(
        new,
        CARD.replace("\"Cũ\"   # the old title", "\"Mới\"   # the old title")
    );
    let new = set_field(
        CARD,
        "situations",
        &FieldValue::List(vec!["một".into(), "ba".into()]),
    )
    .unwrap();
    assert_eq!(new, CARD.replace("\"hai\"", "\"ba\""));
    let list = FieldValue::List(vec!["hai".into(), "một".into(), "bốn".into()]);
    let new = set_field(CARD, "situations", &list).unwrap();
    assert_eq!(
        new,
        CARD.replace("\"một\",\n  \"hai\",", "\"hai\",\n  \"một\",\n  \"bốn\",")
    );
}

#[test]
fn an_empty_value_removes_its_key_and_an_emptied_table_goes_too() {
    let new = set_field(CARD, "timers.hold_limit", &text("")).unwrap();
    assert!(
        !new.contains("[timers]") && !new.contains("hold_limit"),
        "{new}"
    );
    assert!(
        new.contains("]\n\n[source]"),
        "only the emptied table went:\n{new}"
    );
    let back = set_field(&new, "timers.hold_limit", &text("90s")).unwrap();
    assert!(
        back.contains("]\n\n[timers]\nhold_limit = \"90s\"\n\n[source]\n"),
        "{back}"
    );
    read_fields(&back).unwrap();
}

#[test]
fn new_keys_land_beside_their_neighbours() {
    let new = set_field(CARD, "cautions", &FieldValue::List(vec!["Cẩn thận".into()])).unwrap();
    only_added(CARD, &new, &["cautions = [", "  \"Cẩn thận\",", "]"]);
    let on = set_field(CARD, "draft", &FieldValue::Switch(true)).unwrap();
    only_added(CARD, &on, &["draft = true"]);
    assert_eq!(
        set_field(&on, "draft", &FieldValue::Switch(false)).unwrap(),
        CARD
    );
    let dated = set_field(CARD, "valid_from", &text("2026-12-01")).unwrap();
    only_added(CARD, &dated, &["valid_from = 2026-12-01"]);
    let cb = CallbackFields {
        within: "2h".into(),
        reason: "Gọi lại".into(),
        ..Default::default()
    };
    let new = set_field(
        CARD,
        "timers.callbacks",
        &FieldValue::Callbacks(vec![cb.clone()]),
    )
    .unwrap();
    assert_eq!(
        read_fields(&new).unwrap().get("timers.callbacks"),
        Some(&FieldValue::Callbacks(vec![cb]))
    );
    assert!(
        new.contains("[[timers.callbacks]]\nwithin = \"2h\"\nreason = \"Gọi lại\"\n"),
        "{new}"
    );
    assert!(
        new.find("[[timers.callbacks]]") < new.find("[source]"),
        "{new}"
    );
}

#[test]
fn the_studio_keeps_the_id_and_language_and_a_value_must_fit_its_field() {
    assert_eq!(
        set_field(CARD, "id", &text("x")),
        Err(FormError::ReadOnly("id".into()))
    );
    assert_eq!(
        set_field(CARD, "titel", &text("x")),
        Err(FormError::NoSuchField("titel".into()))
    );
    let err = set_field(CARD, "situations", &text("x")).unwrap_err();
    assert_eq!(err.to_string(), "`situations` takes a list of texts");
}

#[test]
fn a_card_the_form_cannot_show_says_where() {
    let broken = CARD.replace("title = \"Cũ\"", "title = \"Cũ");
    let err = read_fields(&broken).unwrap_err();
    assert!(matches!(err, FormError::Toml { line: 4, .. }), "{err:?}");
    assert!(err.to_string().starts_with("line 4: "), "{err}");
    let typo = CARD.replace("category =", "categroy =");
    assert_eq!(
        read_fields(&typo).unwrap_err().to_string(),
        "line 5: `categroy` is not a field of a card"
    );
    let inner = CARD.replace("hold_limit =", "hold =");
    assert_eq!(
        read_fields(&inner).unwrap_err().to_string(),
        "line 13: `timers.hold` is not a field of a card"
    );
    let shape = CARD.replace("title = \"Cũ\"", "title = 3");
    assert_eq!(
        read_fields(&shape).unwrap_err().to_string(),
        "line 4: `title` should be a text in quotes"
    );
    assert_eq!(
        read_fields("# no fields\n").unwrap_err(),
        FormError::NoFrontMatter
    );
    assert_eq!(
        read_fields("+++\ntitle = \"x\"\n").unwrap_err(),
        FormError::Unclosed
    );
}

#[test]
fn a_new_card_reads_as_fields_and_one_empty_step() {
    for lang in Lang::ALL {
        let card = new_form_card("x-new", lang, "");
        let fields = read_fields(&card).unwrap();
        assert_eq!(
            fields.get("draft"),
            Some(&FieldValue::Switch(true)),
            "{card}"
        );
        let outline = read_outline(&card).unwrap();
        assert_eq!(outline.rows.len(), 1, "{card}");
        assert_eq!(outline.rows[0].kind, RowKind::Do);
        assert_eq!(outline.rows[0].text, "");
    }
}

#[test]
fn every_real_card_reads_as_fields_and_writing_them_back_changes_nothing() {
    for (path, card) in cards() {
        let fields = read_fields(&card).unwrap_or_else(|e| panic!("{path}: {e}"));
        for f in fields.0.iter().filter(|f| f.spec.editable) {
            let same = set_field(&card, f.spec.path, &f.value).unwrap();
            assert_eq!(same, card, "{path}: {}", f.spec.path);
        }
        let outline = read_outline(&card).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(
            write_outline(&card, &outline),
            card,
            "{path}: the outline round trip"
        );
    }
}

#[test]
fn one_field_edited_in_each_real_card_leaves_every_other_byte() {
    for (path, card) in cards() {
        let fields = read_fields(&card).unwrap();
        let new = set_field(&card, "title", &text("Tiêu đề mới")).unwrap();
        one_line_changed(&card, &new, "title = \"Tiêu đề mới\"");

        let FieldValue::List(mut situations) = fields.get("situations").unwrap().clone() else {
            panic!("{path}: situations is a list");
        };
        situations.push("câu mới".into());
        let new = set_field(&card, "situations", &FieldValue::List(situations)).unwrap();
        only_added(&card, &new, &["  \"câu mới\","]);

        let new = set_field(&card, "timers.hold_limit", &text("45s")).unwrap();
        match fields.get("timers.hold_limit") {
            Some(FieldValue::Text(t)) if !t.is_empty() => {
                one_line_changed(&card, &new, "hold_limit = \"45s\"")
            }
            _ => {
                let had_timers = card.contains("\n[timers]\n");
                let added: &[&str] = if had_timers {
                    &["hold_limit = \"45s\""]
                } else {
                    &["[timers]", "hold_limit = \"45s\""]
                };
                let got: Vec<&str> = new
                    .lines()
                    .filter(|l| !card.lines().any(|c| c == *l))
                    .collect();
                assert!(added.iter().all(|a| got.contains(a)), "{path}:\n{new}");
                assert_eq!(
                    read_fields(&new).unwrap().get("timers.hold_limit"),
                    Some(&text("45s"))
                );
            }
        }
        let FieldValue::Callbacks(mut callbacks) = fields.get("timers.callbacks").unwrap().clone()
        else {
            panic!("{path}: callbacks");
        };
        callbacks.push(CallbackFields {
            within: "2h".into(),
            reason: "Gọi lại".into(),
            ..Default::default()
        });
        let new = set_field(
            &card,
            "timers.callbacks",
            &FieldValue::Callbacks(callbacks.clone()),
        )
        .unwrap();
        assert_eq!(
            read_fields(&new).unwrap().get("timers.callbacks"),
            Some(&FieldValue::Callbacks(callbacks))
        );
        let body = |t: &str| t.split("\n+++\n").nth(1).unwrap_or_default().to_string();
        assert_eq!(body(&new), body(&card), "{path}: the steps are untouched");

        let on = set_field(&card, "draft", &FieldValue::Switch(true)).unwrap();
        assert_eq!(
            set_field(&on, "draft", &FieldValue::Switch(false)).unwrap(),
            card,
            "{path}"
        );
    }
}
