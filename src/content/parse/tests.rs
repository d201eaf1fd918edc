//! The parser's behaviour on small files: structure, timers, and exact error texts.
use super::*;
use crate::content::{CountFrom, Script, Step};

fn parse(text: &str) -> Result<Procedure, Vec<String>> {
    parse_file(Path::new("c/x.md"), text.as_bytes())
        .map_err(|es| es.iter().map(|e| e.to_string()).collect())
}

const HEAD: &str = "+++\nid = \"vi-test\"\nlang = \"vi\"\ntitle = \"Chuyển máy\"\ncategory = \"Chuyển máy\"\nsituations = [\"khách muốn gặp trưởng ca\"]\n[source]\nfile = \"000.txt\"\nsection = \"TH 2\"\n+++\n";

#[test]
fn parses_actions_scripts_and_decisions() {
    let p = parse(&format!(
        "{HEAD}\n## Steps\n\n1. Hỏi nội dung.\n   - chi tiết một\n2. Nói:\n   > Xin lỗi {{customer_name}}.\n3. KH đồng ý không?\n   - KH đồng ý → ĐTV hỗ trợ.\n   - KH không đồng ý ->\n     1. Hướng dẫn KH gọi lại.\n     2. > Em xin lỗi.\n\n## Notes\n\nGhi chú một.\n\n- Ghi chú hai\n"
    ))
    .unwrap();
    assert_eq!(p.steps.len(), 3);
    assert_eq!(
        p.steps[0],
        Step::Action {
            text: "Hỏi nội dung.".into(),
            details: vec!["chi tiết một".into()]
        }
    );
    assert_eq!(
        p.steps[1],
        Step::Say {
            lead: Some("Nói:".into()),
            scripts: vec![Script {
                label: None,
                text: "Xin lỗi {customer_name}.".into()
            }]
        }
    );
    let Step::Decision { text, branches } = &p.steps[2] else {
        panic!("not a decision: {:?}", p.steps[2])
    };
    assert_eq!(text, "KH đồng ý không?");
    assert_eq!(branches[0].condition, "KH đồng ý");
    assert_eq!(
        branches[0].steps,
        vec![Step::Action {
            text: "ĐTV hỗ trợ.".into(),
            details: vec![]
        }]
    );
    assert_eq!(branches[1].condition, "KH không đồng ý");
    assert_eq!(branches[1].steps.len(), 2);
    assert!(matches!(branches[1].steps[1], Step::Say { .. }));
    assert_eq!(
        p.notes,
        vec!["Ghi chú một.".to_string(), "Ghi chú hai".to_string()]
    );
}

#[test]
fn timers_are_read_as_seconds() {
    let p = parse((HEAD.replace(
        "[source]",
        "[timers]\nhold_limit = \"60s\"\n[[timers.callbacks]]\nwithin = \"7d\"\nafter = \"3d\"\nreason = \"follow up\"\n[source]",
    ).replace("+++\n\n", "+++\n") + "## Steps\n1. a\n").as_str())
    .unwrap();
    assert_eq!(p.timers.hold_limit_secs, Some(60));
    assert_eq!(p.timers.callbacks[0].within_secs, Some(7 * 86400));
    assert_eq!(p.timers.callbacks[0].after_secs, Some(3 * 86400));
}

#[test]
fn text_is_nfc_normalised() {
    // "ể" written decomposed: e + combining circumflex + combining hook above.
    let decomposed = "Kie\u{302}\u{309}m tra";
    let p = parse(&format!("{HEAD}## Steps\n1. {decomposed}\n")).unwrap();
    assert_eq!(
        p.steps[0],
        Step::Action {
            text: "Kiểm tra".into(),
            details: vec![]
        }
    );
}

#[test]
fn crlf_and_bom_are_accepted() {
    let text = format!("\u{feff}{HEAD}## Steps\n1. a\n").replace('\n', "\r\n");
    assert!(parse(&text).is_ok());
}

fn errors_of(text: &str) -> Vec<String> {
    parse(text).expect_err("should fail")
}

#[test]
fn toml_syntax_error_has_its_line() {
    let e = errors_of(&HEAD.replace("title = \"Chuyển máy\"", "title = \"Chuyển máy"));
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("c/x.md:4: front matter: "), "{e:?}");
}

#[test]
fn unknown_field_names_the_expected_ones() {
    let e = errors_of(&format!(
        "{}## Steps\n1. a\n",
        HEAD.replace("title =", "titel =")
    ));
    assert!(
        e[0].starts_with("c/x.md:4: front matter: unknown field `titel`, expected one of"),
        "{e:?}"
    );
}

#[test]
fn unknown_language() {
    let e = errors_of(&format!(
        "{}## Steps\n1. a\n",
        HEAD.replace("lang = \"vi\"", "lang = \"en\"")
    ));
    assert_eq!(
        e,
        vec!["c/x.md:3: unknown language `en`: expected one of vi, zh, ru"]
    );
}

#[test]
fn missing_id_title_and_steps() {
    let e = errors_of(
        &HEAD
            .replace("id = \"vi-test\"\n", "")
            .replace("title = \"Chuyển máy\"\n", ""),
    );
    assert_eq!(
        e,
        vec![
            "c/x.md:1: missing `id` in the front matter",
            "c/x.md:1: missing `title` in the front matter",
            "c/x.md:8: no steps: add a `## Steps` section with a numbered list after the front matter",
        ]
    );
}

#[test]
fn bad_duration() {
    let e = errors_of(&format!(
        "{}## Steps\n1. a\n",
        HEAD.replace("[source]", "[timers]\nhold_limit = \"một giờ\"\n[source]")
    ));
    assert_eq!(
        e,
        vec!["c/x.md:8: timers.hold_limit: bad duration \"một giờ\": expected a number and a unit (s, min, h, d), e.g. \"30s\", \"5min\", \"1h\", \"3d\""]
    );
}

#[test]
fn malformed_branch() {
    let e = errors_of(&format!(
        "{HEAD}## Steps\n1. KH đồng ý không?\n   - KH đồng ý → hỗ trợ.\n   - KH không đồng ý\n"
    ));
    assert_eq!(e, vec!["c/x.md:14: malformed branch: expected `- condition → what to do` (every item of a decision needs →)"]);
    let e = errors_of(&format!("{HEAD}## Steps\n1. Chọn:\n   - → hỗ trợ.\n"));
    assert_eq!(
        e,
        vec!["c/x.md:13: malformed branch: no condition before →"]
    );
    let e = errors_of(&format!("{HEAD}## Steps\n1. Chọn:\n   - KH đồng ý →\n"));
    assert_eq!(
        e,
        vec!["c/x.md:13: malformed branch `KH đồng ý`: no steps after →"]
    );
}

#[test]
fn invalid_utf8_has_its_line() {
    let mut bytes = format!("{HEAD}## Steps\n1. a\n").into_bytes();
    bytes.extend_from_slice(b"2. \xff\xfe\n");
    let e = parse_file(Path::new("c/x.md"), &bytes).unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "c/x.md:13: invalid UTF-8 (byte 197): save the file as UTF-8"
    );
}

#[test]
fn body_structure_errors() {
    let e = errors_of(&format!(
        "{HEAD}Intro.\n\n## Steps\n1. a\n\n## Script\n\ntext\n"
    ));
    assert_eq!(
        e,
        vec![
            "c/x.md:11: text outside a section: start the body with `## Steps`",
            "c/x.md:16: unknown section `## Script`: expected `## Steps` or `## Notes`",
            "c/x.md:18: text outside a section: start the body with `## Steps`",
        ]
    );
    let e = errors_of(&format!("{HEAD}## Steps\n\n- not numbered\n"));
    assert_eq!(
        e[0],
        "c/x.md:13: expected a numbered list (`1. …`) of steps under `## Steps`"
    );
}

#[test]
fn front_matter_must_open_and_close() {
    assert_eq!(
        errors_of("id = 1\n"),
        vec!["c/x.md:1: expected `+++` on the first line to open the TOML front matter"]
    );
    assert_eq!(
        errors_of("+++\nid = \"a\"\n"),
        vec!["c/x.md:3: front matter is not closed: add a line `+++` after it"]
    );
}

#[test]
fn alternatives_are_one_step_with_labelled_scripts() {
    let p = parse(&format!(
        "{HEAD}## Steps\n1. Hỏi lý do:\n   - Kịch bản ví dụ 1:\n     > Câu một.\n   - Hoặc:\n     > Câu hai.\n2. Bước sau.\n   - KH đồng ý → hỗ trợ.\n   - KH không đồng ý →\n     - > Cách A.\n     - Hoặc:\n       > Cách B.\n"
    ))
    .unwrap();
    assert_eq!(p.steps.len(), 2);
    assert_eq!(
        p.steps[0],
        Step::Say {
            lead: Some("Hỏi lý do:".into()),
            scripts: vec![
                Script {
                    label: Some("Kịch bản ví dụ 1:".into()),
                    text: "Câu một.".into()
                },
                Script {
                    label: Some("Hoặc:".into()),
                    text: "Câu hai.".into()
                },
            ]
        }
    );
    let Step::Decision { branches, .. } = &p.steps[1] else {
        panic!("{:?}", p.steps[1])
    };
    assert_eq!(
        branches[1].steps,
        vec![Step::Say {
            lead: None,
            scripts: vec![
                Script {
                    label: None,
                    text: "Cách A.".into()
                },
                Script {
                    label: Some("Hoặc:".into()),
                    text: "Cách B.".into()
                },
            ]
        }]
    );
}

#[test]
fn an_alternative_without_its_quote_is_an_error() {
    let e = errors_of(&format!(
        "{HEAD}## Steps\n1. Nói:\n   - > Câu một.\n   - Hoặc câu hai.\n"
    ));
    assert_eq!(
        e,
        vec!["c/x.md:14: an alternative needs its quoted line (`> …`): each bullet is an optional label and one quote"]
    );
    let e = errors_of(&format!(
        "{HEAD}## Steps\n1. Nói:\n   > Một.\n\n   > Hai.\n"
    ));
    assert_eq!(
        e,
        vec!["c/x.md:15: one script per step: for alternatives (\"or\"), make each a bullet with its quote"]
    );
}

#[test]
fn links_are_kept_and_checked_where_they_stand() {
    let p = parse_detailed(
        Path::new("c/x.md"),
        format!("{HEAD}## Steps\n1. Làm theo [[vi-gap-truong-ca]].\n\n## Notes\n\nXem [[vi-b|thủ tục B]].\n").as_bytes(),
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let ids: Vec<&str> = p.links.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["vi-gap-truong-ca", "vi-b"]);
    assert_eq!(&p.text[p.links[0].1.clone()], "[[vi-gap-truong-ca]]");
    assert_eq!(p.procedure.unwrap().links(), ["vi-gap-truong-ca", "vi-b"]);

    let e = errors_of(&format!("{HEAD}## Steps\n1. Nói:\n   > Xem [[vi-b]].\n"));
    assert_eq!(
        e,
        vec!["c/x.md:13: a link `[[vi-b]]` cannot stand in a script (it is read aloud): put it in a step, caution or note"]
    );
    let e = errors_of(&format!("{HEAD}## Steps\n1. Xem [[Vi B]].\n"));
    assert_eq!(
        e,
        vec!["c/x.md:12: link `[[Vi B]]`: ids are lowercase ASCII letters, digits and dashes, e.g. `vi-vip-leader-call`"]
    );
}

#[test]
fn a_callback_can_count_from_an_entered_moment() {
    let head = HEAD.replace(
        "[source]",
        "[[timers.callbacks]]\nwithin = \"2h\"\nfrom = \"entered\"\nfrom_label = \"Trung tâm thông báo\"\nreason = \"r\"\n[source]",
    );
    let p = parse(&format!("{head}## Steps\n1. a\n")).unwrap();
    assert_eq!(
        p.timers.callbacks[0].from,
        CountFrom::Entered {
            label: "Trung tâm thông báo".into()
        }
    );
    let bad = HEAD.replace(
        "[source]",
        "[[timers.callbacks]]\nwithin = \"2h\"\nfrom = \"entered\"\nreason = \"r\"\n[source]",
    );
    assert_eq!(
        errors_of(&format!("{bad}## Steps\n1. a\n")),
        vec!["c/x.md:9: timers.callbacks: `from = \"entered\"` needs `from_label`, the moment the operator enters (e.g. \"Trung tâm chuyển mạng quốc gia thông báo\")"]
    );
    let typo = HEAD.replace(
        "[source]",
        "[[timers.callbacks]]\nwithin = \"2h\"\nfrom = \"call end\"\nreason = \"r\"\n[source]",
    );
    assert_eq!(
        errors_of(&format!("{typo}## Steps\n1. a\n")),
        vec!["c/x.md:9: timers.callbacks.from: unknown value `call end`: expected `call_end` or `entered`"]
    );
}

#[test]
fn errors_carry_the_span_of_what_they_are_about() {
    let text = format!(
        "{}## Steps\n1. a\n",
        HEAD.replace("lang = \"vi\"", "lang = \"en\"")
    );
    let e = parse_file(Path::new("c/x.md"), text.as_bytes()).unwrap_err();
    assert_eq!(&text[e[0].span.clone().unwrap()], "\"en\"");
    let typo = format!("{}## Steps\n1. a\n", HEAD.replace("title =", "titel ="));
    let e = parse_file(Path::new("c/x.md"), typo.as_bytes()).unwrap_err();
    assert_eq!(&typo[e[0].span.clone().unwrap()], "titel");
    assert_eq!(e[0].hint.as_deref(), Some("did you mean `title`?"));
}

#[test]
fn an_emptied_field_is_an_error_at_its_line() {
    let text = format!("{HEAD}\n## Steps\n\n1. Làm.\n")
        .replace("title = \"Chuyển máy\"", "title = \"\"")
        .replace("file = \"000.txt\"", "file = \" \"");
    let errors = errors_of(&text);
    assert!(
        errors.iter().any(|e| e.contains(":4: `title` is empty")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains(":8: `source.file` is empty")),
        "{errors:?}"
    );
}
