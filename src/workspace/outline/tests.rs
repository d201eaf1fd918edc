use super::markdown::{locate, render_step, Place};
use super::*;
use crate::content::parse::{parse_file, parse_steps};
use crate::content::template::new_card;
use crate::content::Lang;
use std::path::Path;

/// Every card of the content folder, by file name.
fn cards() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("content folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("card"))
        })
        .collect();
    out.sort();
    assert!(
        out.len() > 30,
        "expected the real cards, found {}",
        out.len()
    );
    out
}

fn items(text: &str) -> Vec<std::ops::Range<usize>> {
    match locate(text) {
        Place::List(items) => items,
        other => panic!("no steps list: {other:?}"),
    }
}

fn row(kind: RowKind, depth: usize, text: &str) -> Row {
    Row::new(kind, depth, text)
}

const FRONT: &str = "+++\nid = \"vi-thu\"\nlang = \"vi\"\ntitle = \"Thử\"\ncategory = \"Thử\"\nsituations = [\"thử\"]\n\n[source]\nfile = \"x.txt\"\nsection = \"Thử\"\n+++\n";

#[test]
fn every_card_round_trips_byte_for_byte() {
    for (name, text) in cards() {
        let o = read_outline(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(write_outline(&text, &o), text, "{name}");
        let steps = parse_steps(&text).expect("parses");
        assert_eq!(o.to_steps(), steps, "{name}: to_steps");
        assert!(o.check().is_empty(), "{name}: {:?}", o.check());
    }
}

#[test]
fn every_step_in_canonical_form_parses_back_to_the_same_tree() {
    let mut same_bytes = 0;
    let mut total = 0;
    for (name, text) in cards() {
        let o = read_outline(&text).expect("reads");
        let its = items(&text);
        let mut list = Vec::new();
        for (k, i) in o.roots().enumerate() {
            let rendered = render_step(&o.rows[i..o.subtree_end(i)], k + 1);
            total += 1;
            same_bytes += usize::from(rendered == text[its[k].clone()]);
            list.push(rendered);
        }
        let card = format!("{FRONT}\n## Steps\n\n{}\n", list.join("\n"));
        let steps = parse_steps(&card).unwrap_or_else(|e| panic!("{name}: {e:?}\n{card}"));
        assert_eq!(steps, o.to_steps(), "{name}:\n{card}");
    }
    // The canonical form is the cards' own: nearly every step is written that way already.
    assert!(same_bytes * 10 >= total * 9, "{same_bytes} of {total}");
}

#[test]
fn a_changed_row_rewrites_only_its_step() {
    for (name, text) in cards() {
        let o = read_outline(&text).expect("reads");
        let its = items(&text);
        for (k, i) in o.roots().enumerate() {
            let mut changed = o.clone();
            let edited = format!("{} thêm", o.rows[i].text);
            assert!(changed.set_text(i, &edited));
            let out = write_outline(&text, &changed);
            assert!(out.starts_with(&text[..its[k].start]), "{name} step {k}");
            assert!(out.ends_with(&text[its[k].end..]), "{name} step {k}");
            let new_items = items(&out);
            assert_eq!(new_items.len(), its.len());
            // The other steps' lines are all still there.
            for (j, r) in its.iter().enumerate().filter(|(j, _)| *j != k) {
                assert_eq!(&out[new_items[j].clone()], &text[r.clone()], "{name}");
            }
            let steps = parse_steps(&out).unwrap_or_else(|e| panic!("{name}: {e:?}\n{out}"));
            assert_eq!(steps, changed.to_steps(), "{name}:\n{out}");
            assert_ne!(steps, o.to_steps());
        }
    }
}

#[test]
fn a_new_second_step_renumbers_the_rest_and_keeps_their_bytes() {
    for (name, text) in cards() {
        let mut o = read_outline(&text).expect("reads");
        let at = o.insert_after(0, RowKind::Do);
        assert_eq!(o.roots().nth(1), Some(at));
        assert!(o.set_text(at, "Ghi lại yêu cầu."));
        let out = write_outline(&text, &o);
        let (old, new) = (items(&text), items(&out));
        assert_eq!(new.len(), old.len() + 1, "{name}");
        assert_eq!(&out[..new[0].end], &text[..old[0].end], "{name}");
        assert_eq!(&out[new[1].clone()], "2. Ghi lại yêu cầu.");
        assert!(out.ends_with(&text[old.last().unwrap().end..]), "{name}");
        for (j, r) in old.iter().enumerate().skip(1) {
            let was = &text[r.clone()];
            let digits = (j + 1).to_string().len();
            let expected = format!("{}{}", j + 2, &was[digits..]);
            if (j + 2).to_string().len() == digits {
                assert_eq!(&out[new[j + 1].clone()], expected, "{name}");
            }
        }
        assert_eq!(parse_steps(&out).expect("parses"), o.to_steps(), "{name}");
    }
}

#[test]
fn removed_steps_disappear_and_a_list_comes_back_under_its_heading() {
    let text = format!("{FRONT}\n## Steps\n\n1. A.\n2. B.\n   - b\n3. C.\n\n## Notes\n\nN.\n");
    let mut o = read_outline(&text).expect("reads");
    assert_eq!(o.remove(0).len(), 1);
    let out = write_outline(&text, &o);
    assert_eq!(
        out,
        format!("{FRONT}\n## Steps\n\n1. B.\n   - b\n2. C.\n\n## Notes\n\nN.\n")
    );
    let empty = write_outline(&text, &Outline::default());
    assert_eq!(empty, format!("{FRONT}\n## Steps\n\n## Notes\n\nN.\n"));
    assert!(read_outline(&empty).is_err(), "no steps is a problem");
    assert_eq!(write_outline(&empty, &o), out);
    let bare = format!("{FRONT}\n## Steps\n");
    let one = Outline {
        rows: vec![row(RowKind::Do, 0, "A.")],
    };
    assert_eq!(
        write_outline(&bare, &one),
        format!("{FRONT}\n## Steps\n\n1. A.\n")
    );
    assert_eq!(
        write_outline(FRONT, &one),
        format!("{FRONT}\n## Steps\n\n1. A.\n")
    );
}

#[test]
fn a_tenth_step_shifts_the_lines_of_a_moved_step() {
    let mut body = String::new();
    for n in 1..=9 {
        body.push_str(&format!("{n}. Bước {n}.\n   - chi tiết {n}\n"));
    }
    let text = format!("{FRONT}\n## Steps\n\n{body}\n## Notes\n\nGhi chú.\n");
    let mut o = read_outline(&text).expect("reads");
    let at = o.insert_after(0, RowKind::Say);
    o.set_text(at, "Dạ.");
    let out = write_outline(&text, &o);
    assert!(out.contains("\n10. Bước 9.\n    - chi tiết 9\n\n## Notes\n\nGhi chú.\n"));
    assert!(out.contains("\n2. > Dạ.\n3. Bước 2.\n   - chi tiết 2\n"));
    assert_eq!(parse_steps(&out).expect("parses"), o.to_steps());
}

#[test]
fn the_template_round_trips_and_has_every_kind() {
    for lang in [Lang::Vi, Lang::Zh, Lang::Ru] {
        let text = new_card("vi-moi", lang, "Thẻ mới");
        let o = read_outline(&text).expect("template reads");
        assert_eq!(write_outline(&text, &o), text);
        for kind in RowKind::ALL {
            assert!(o.rows.iter().any(|r| r.kind == kind), "{kind:?}");
        }
        // Its steps are in canonical form, but for the last answer's only step: the template
        // numbers it to show how an answer holds steps; canonically it follows the arrow.
        let its = items(&text);
        let mut list = Vec::new();
        for (k, i) in o.roots().enumerate() {
            let rendered = render_step(&o.rows[i..o.subtree_end(i)], k + 1);
            if o.rows[i].kind != RowKind::Decide {
                assert_eq!(rendered, text[its[k].clone()]);
            }
            list.push(rendered);
        }
        let card = format!("{FRONT}\n## Steps\n\n{}\n", list.join("\n"));
        assert_eq!(parse_steps(&card).expect("parses"), o.to_steps());
    }
}

#[test]
fn an_outline_built_from_nothing_writes_a_card_kb_check_accepts() {
    let mut o = Outline::default();
    let a = o.insert_after(usize::MAX, RowKind::Do);
    o.set_text(a, "Kiểm tra theo [[vi-gap-truong-ca]].");
    let s = o.insert_after(a, RowKind::Say);
    o.set_lead(s, "Nói:");
    o.set_text(s, "Dạ, em chào anh/chị {customer_name}.");
    let d = o.insert_after(s, RowKind::Decide);
    o.set_text(d, "KH đồng ý?");
    let yes = o
        .add_child(d, RowKind::Do)
        .expect("a decision takes answers");
    assert_eq!(o.rows[yes].kind, RowKind::Branch);
    o.set_text(yes, "Có");
    let c = o
        .add_child(yes, RowKind::Do)
        .expect("an answer takes steps");
    o.set_text(c, "Chuyển máy.");
    let no = o.insert_after(yes, RowKind::Do);
    assert_eq!(o.rows[no].kind, RowKind::Branch);
    o.set_text(no, "Không");
    let q = o.add_child(no, RowKind::Say).expect("steps");
    o.set_text(q, "Dạ, em cảm ơn anh/chị.");
    let end = o.add_child(no, RowKind::Do).expect("steps");
    o.set_text(end, "Kết thúc cuộc gọi.");
    assert!(o.check().is_empty(), "{:?}", o.check());

    let text = format!("{FRONT}\n## Steps\n\n1. Tạm.\n\n## Notes\n\nGhi chú.\n");
    let out = write_outline(&text, &o);
    let expected = format!(
        "{FRONT}\n## Steps\n\n\
1. Kiểm tra theo [[vi-gap-truong-ca]].
2. Nói:
   > Dạ, em chào anh/chị {{customer_name}}.
3. KH đồng ý?
   - Có → Chuyển máy.
   - Không →
     1. > Dạ, em cảm ơn anh/chị.
     2. Kết thúc cuộc gọi.

## Notes

Ghi chú.
"
    );
    assert_eq!(out, expected);
    let p = parse_file(Path::new("vi-thu.md"), out.as_bytes()).expect("kb check accepts it");
    assert_eq!(p.steps, o.to_steps());
    let say = |t: &str| Step::Say {
        lead: None,
        scripts: vec![Script {
            label: None,
            text: t.into(),
        }],
    };
    let act = |t: &str| Step::Action {
        text: t.into(),
        details: vec![],
    };
    assert_eq!(
        p.steps[2],
        Step::Decision {
            text: "KH đồng ý?".into(),
            branches: vec![
                Branch {
                    condition: "Có".into(),
                    steps: vec![act("Chuyển máy.")]
                },
                Branch {
                    condition: "Không".into(),
                    steps: vec![say("Dạ, em cảm ơn anh/chị."), act("Kết thúc cuộc gọi.")]
                },
            ]
        }
    );
}

#[test]
fn scripts_with_several_lines_and_markup_characters_read_back() {
    let mut o = Outline::default();
    let s = o.insert_after(0, RowKind::Say);
    o.set_text(s, "Dòng một *không* đậm.\n\n  Dòng hai <b> & 1. x\n> ba");
    let a = o.insert_after(s, RowKind::Do);
    o.set_text(a, "- 2. # _gạch_ `mã` \\ {customer_name}");
    let text = format!("{FRONT}\n## Steps\n\n1. Tạm.\n");
    let out = write_outline(&text, &o);
    assert_eq!(parse_steps(&out).expect("parses"), o.to_steps(), "{out}");
    let Step::Say { scripts, .. } = &o.to_steps()[0] else {
        panic!("a script")
    };
    assert_eq!(scripts[0].text.lines().count(), 3);
}

/// A small outline: two steps, the second a decision with two answers.
fn sample() -> Outline {
    Outline {
        rows: vec![
            row(RowKind::Do, 0, "A"),
            row(RowKind::Do, 1, "a1"),
            row(RowKind::Decide, 0, "Q?"),
            row(RowKind::Branch, 1, "yes"),
            row(RowKind::Do, 2, "Y"),
            row(RowKind::Branch, 1, "no"),
            row(RowKind::Say, 2, "N"),
        ],
    }
}

fn texts(o: &Outline) -> Vec<(usize, &str)> {
    o.rows.iter().map(|r| (r.depth, r.text.as_str())).collect()
}

#[test]
fn insert_picks_a_kind_that_may_stand_there() {
    let mut o = sample();
    assert_eq!(o.insert_after(3, RowKind::Do), 5);
    assert_eq!(o.rows[5].kind, RowKind::Branch);
    assert_eq!(o.rows[5].depth, 1);
    let mut o = sample();
    assert_eq!(o.insert_after(0, RowKind::Branch), 2);
    assert_eq!(o.rows[2].kind, RowKind::Do);
    assert_eq!(
        o.add_child(1, RowKind::Do),
        None,
        "a sub-point takes no children"
    );
    assert_eq!(
        o.add_child(7, RowKind::Say),
        None,
        "a script takes no children"
    );
    assert_eq!(o.add_child(99, RowKind::Do), None);
    assert_eq!(o.insert_after(99, RowKind::Branch), o.rows.len() - 1);
    assert_eq!(o.rows.last().unwrap().kind, RowKind::Do);
}

#[test]
fn indent_and_outdent_move_subtrees_and_refuse_broken_shapes() {
    let mut o = sample();
    assert!(!o.indent(0), "nothing before the first step");
    assert!(!o.indent(2), "a decision cannot be a sub-point");
    assert!(!o.indent(3), "the first answer has no answer before it");
    assert!(!o.indent(5), "an answer cannot stand under an answer");
    assert!(!o.outdent(3), "an answer cannot leave its decision");
    assert!(!o.outdent(0));
    assert!(!o.indent(99) && !o.outdent(99));
    assert_eq!(o, sample());

    // A step of an answer moves out of the decision: it follows it.
    assert!(o.outdent(4));
    assert_eq!(
        texts(&o),
        vec![
            (0, "A"),
            (1, "a1"),
            (0, "Q?"),
            (1, "yes"),
            (1, "no"),
            (2, "N"),
            (0, "Y")
        ]
    );

    let mut o = Outline {
        rows: vec![
            row(RowKind::Do, 0, "A"),
            row(RowKind::Do, 0, "B"),
            row(RowKind::Decide, 0, "Q?"),
            row(RowKind::Branch, 1, "yes"),
            row(RowKind::Do, 2, "Y"),
            row(RowKind::Do, 2, "Z"),
            row(RowKind::Do, 3, "z1"),
            row(RowKind::Do, 0, "C"),
        ],
    };
    assert!(!o.indent(2), "a decision cannot be a sub-point");
    assert!(!o.indent(7), "an action cannot stand among answers");
    assert!(!o.indent(5), "an action with sub-points cannot become one");
    assert!(o.indent(1));
    assert_eq!(texts(&o)[..2], [(0, "A"), (1, "B")]);
    assert!(o.outdent(1));
    assert!(o.outdent(6), "a sub-point becomes a step of the answer");
    assert_eq!(texts(&o)[4..7], [(2, "Y"), (2, "Z"), (2, "z1")]);
    assert!(o.indent(6));
    assert_eq!(texts(&o)[4..7], [(2, "Y"), (2, "Z"), (3, "z1")]);
}

#[test]
fn moves_swap_sibling_subtrees_only() {
    let mut o = sample();
    assert!(o.move_down(0));
    assert_eq!(
        texts(&o),
        vec![
            (0, "Q?"),
            (1, "yes"),
            (2, "Y"),
            (1, "no"),
            (2, "N"),
            (0, "A"),
            (1, "a1")
        ]
    );
    assert!(!o.move_down(5), "the last step stays");
    assert!(o.move_up(5));
    assert_eq!(o, sample());
    assert!(o.move_down(3));
    assert_eq!(texts(&o)[3..], [(1, "no"), (2, "N"), (1, "yes"), (2, "Y")]);
    assert!(!o.move_up(3), "the first answer stays");
    assert!(!o.move_up(4), "an only step stays");
    assert!(!o.move_up(0) && !o.move_up(99) && !o.move_down(99));
}

#[test]
fn remove_gives_the_subtree_back_for_restore() {
    let mut o = sample();
    let taken = o.remove(2);
    assert_eq!(taken.len(), 5);
    assert_eq!(texts(&o), vec![(0, "A"), (1, "a1")]);
    assert!(!o.restore(9, taken.clone()));
    assert!(o.restore(2, taken));
    assert_eq!(o, sample());
    assert!(o.remove(99).is_empty());
    let answer = o.remove(5);
    assert_eq!(answer.len(), 2);
    assert!(
        !o.restore(0, answer.clone()),
        "an answer outside a decision"
    );
    assert!(o.restore(5, answer));
    assert_eq!(o, sample());
}

#[test]
fn set_kind_keeps_what_can_be_kept_and_refuses_the_rest() {
    let mut o = sample();
    assert!(
        !o.set_kind(0, RowKind::Say),
        "a script cannot hold sub-points"
    );
    assert!(o.set_kind(0, RowKind::Decide));
    assert_eq!(o.rows[1], row(RowKind::Branch, 1, "a1"));
    assert!(o.set_kind(0, RowKind::Do));
    assert_eq!(o, sample());
    assert!(
        !o.set_kind(1, RowKind::Decide),
        "a sub-point stays an action"
    );
    assert!(!o.set_kind(3, RowKind::Do), "an answer stays an answer");
    assert!(
        !o.set_kind(2, RowKind::Do),
        "answers with steps cannot become sub-points"
    );
    assert!(!o.set_kind(99, RowKind::Do));

    let mut o = Outline {
        rows: vec![Row {
            kind: RowKind::Say,
            depth: 0,
            text: "Xin chào {customer_name}.".into(),
            lead: "Nói:".into(),
        }],
    };
    assert!(o.set_kind(0, RowKind::Alternatives));
    assert_eq!(o.rows[0], row(RowKind::Alternatives, 0, "Nói:"));
    assert_eq!(o.rows[1], row(RowKind::Say, 1, "Xin chào {customer_name}."));
    assert!(o.set_kind(0, RowKind::Say));
    assert_eq!(o.rows.len(), 1);
    assert_eq!(o.rows[0].lead, "Nói:");
    assert!(o.set_kind(0, RowKind::Do));
    assert!(o.set_kind(0, RowKind::Say));
    assert_eq!(
        o.rows[0].lead, "Nói:",
        "the lead survives a trip through Do"
    );
    assert!(!o.set_lead(5, "x"));
    assert!(o.set_kind(0, RowKind::Alternatives));
    assert!(o.set_lead(1, "Cách 1:"));
    assert!(
        !o.set_kind(0, RowKind::Say),
        "a labelled alternative cannot be the script"
    );
}

#[test]
fn check_names_what_an_editor_must_fix() {
    let o = Outline {
        rows: vec![
            row(RowKind::Do, 0, " "),
            row(RowKind::Decide, 0, "Q?"),
            row(RowKind::Decide, 0, "R?"),
            row(RowKind::Branch, 1, "yes"),
            row(RowKind::Branch, 1, "a → b"),
            row(RowKind::Do, 2, "x"),
            row(RowKind::Say, 0, "Xem [[vi-gap-truong-ca]]"),
            row(RowKind::Alternatives, 0, "Hoặc:"),
            row(RowKind::Branch, 0, "stray"),
        ],
    };
    let rows: Vec<usize> = o.check().iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![0, 1, 3, 4, 6, 7, 8]);
    assert!(o.check()[1].message.contains("answers"));
}

#[test]
fn unreadable_steps_say_why() {
    let text = format!("{FRONT}\n## Steps\n\n1. Q?\n   - yes → a\n   - no\n");
    match read_outline(&text) {
        Err(OutlineError::Steps { line, message }) => {
            assert_eq!(line, 17);
            assert!(message.contains("malformed branch"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(read_outline("no front matter").is_err());
}
