//! Single cards held to their source passage line by line: where a step stands, what a card must
//! say, how a garbled line is read. Issue #22: what the line-by-line reread found on the last two
//! cards and their neighbours.

use crate::{padded, procedures, root, seeds, source_body, visible_texts};
use cuecard::content::{Procedure, Step};

fn card(procs: &[Procedure], id: &str) -> Procedure {
    procs
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("{id} is missing"))
        .clone()
}

/// The texts of one step, in reading order (a decision's with all its branches).
fn texts_of(step: &Step) -> Vec<&str> {
    let mut out = Vec::new();
    step.texts(&mut out);
    out
}

/// Whether any of `texts`, normalised, holds the words of `phrase`.
fn says(texts: &[&str], phrase: &str) -> bool {
    let want = padded(phrase);
    texts.iter().any(|t| padded(t).contains(&want))
}

/// Every decision among `steps`, at any depth, outermost first.
fn decisions_in<'a>(steps: &'a [Step], out: &mut Vec<&'a Step>) {
    for s in steps {
        if let Step::Decision { branches, .. } = s {
            out.push(s);
            for b in branches {
                decisions_in(&b.steps, out);
            }
        }
    }
}

/// Source 002, MNP section, "2 Hành động": "sau khi thuyết phục KH lần 1 nhưng KH vẫn không
/// đồng ý … sau đó thuyết phục KH lần 2" stands above the sub-cases of "c", so the second
/// attempt follows whichever branch the first attempt took (a long-standing grievance too).
#[test]
fn the_second_persuasion_attempt_is_a_top_level_step_after_the_branches() {
    let p = card(&procedures(), "vi-thuyet-phuc-kh-o-lai");
    let second = "thuyết phục KH lần 2";
    let at = p
        .steps
        .iter()
        .position(|s| !matches!(s, Step::Decision { .. }) && says(&texts_of(s), second))
        .unwrap_or_else(|| panic!("{}: no top-level step says {second:?}", p.id));
    let mut decisions = Vec::new();
    decisions_in(&p.steps, &mut decisions);
    for d in &decisions {
        let Step::Decision { branches, .. } = d else {
            unreachable!()
        };
        for b in branches {
            let inside: Vec<&str> = b.steps.iter().flat_map(texts_of).collect();
            assert!(
                !says(&inside, second),
                "{}: the second attempt is inside the branch {:?}",
                p.id,
                b.condition
            );
        }
    }
    let branches_at = p
        .steps
        .iter()
        .position(|s| {
            matches!(s, Step::Decision { branches, .. }
                if branches.iter().any(|b| says(&[&b.condition], "hiểu lầm về sản phẩm dịch vụ"))
                    && branches.iter().any(|b| says(&[&b.condition], "bức xúc từ lâu")))
        })
        .unwrap_or_else(|| panic!("{}: the first attempt's two branches are gone", p.id));
    assert!(
        at > branches_at,
        "{}: the second attempt (step {}) comes after the first attempt's branches (step {})",
        p.id,
        at + 1,
        branches_at + 1
    );
}

/// Source 002's MNP section ("Khách hàng đưa ra yêu cầu được chuyển sang mạng khác"), under
/// "2 Hành động": "a. Ứng xử giao tiếp: tuân thủ 8 cam kết", over every card of that section.
#[test]
fn the_mnp_cards_say_to_keep_the_8_commitments() {
    let mnp: Vec<Procedure> = procedures()
        .into_iter()
        .filter(|p| {
            p.source.file.starts_with("002_")
                && padded(&p.source.section).contains(&padded(
                    "Khách hàng đưa ra yêu cầu được chuyển sang mạng khác",
                ))
        })
        .collect();
    assert!(mnp.len() >= 3, "only {} MNP cards", mnp.len());
    let mut problems = Vec::new();
    for p in &mnp {
        let shown: Vec<String> = visible_texts(p)
            .into_iter()
            .filter(|(place, _)| *place != "situation")
            .map(|(_, t)| t)
            .collect();
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        if !says(&shown, "tuân thủ 8 cam kết") {
            problems.push(format!(
                "{}: no caution or step says \"tuân thủ 8 cam kết\"",
                p.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Source 003's flow chart: after "非本组客户，请客户稍等，通知该组人员受理", "非本组人员正常受理"
/// and "若该组人员繁忙，…" are the two outcomes, as "本组其他人员正常受理"/"本组其他人员繁忙" are.
#[test]
fn the_other_groups_two_outcomes_are_one_decision() {
    let p = card(&procedures(), "zh-jieting-liucheng");
    let mut decisions = Vec::new();
    decisions_in(&p.steps, &mut decisions);
    let branch_saying = |branches: &[cuecard::content::Branch], phrase: &str| {
        branches.iter().position(|b| {
            let mut texts = vec![b.condition.as_str()];
            texts.extend(b.steps.iter().flat_map(texts_of));
            says(&texts, phrase)
        })
    };
    let found = decisions.iter().any(|d| {
        let Step::Decision { branches, .. } = d else {
            return false;
        };
        // Each outcome in a branch of its own: not the outer decision, whose "非本组客户"
        // branch used to hold both as two steps in sequence.
        let normal = branch_saying(branches, "非本组人员正常受理");
        let busy = branch_saying(branches, "若该组人员繁忙");
        matches!((normal, busy), (Some(n), Some(b)) if n != b)
            && branches
                .iter()
                .all(|b| !says(&[&b.condition], "非本组客户"))
    });
    assert!(
        found,
        "{}: \"非本组人员正常受理\" and \"若该组人员繁忙\" are not two branches of one decision",
        p.id
    );
}

/// Source 004, 2): "…они заставят меня \ и закончить разговор" is garbled; the document writes
/// gender pairs with "\" ("я буду вынужден\а положить трубку", "самому\самой"), so the line is
/// read in its own form: "я буду вынужден(а) закончить разговор", not a blame on the caller.
#[test]
fn the_threat_answer_speaks_in_the_documents_first_person_form() {
    let seeds = seeds();
    let (name, text) = seeds.iter().find(|(n, _)| n.starts_with("004_")).unwrap();
    let source = padded(&source_body(name, text));
    assert!(
        source.contains(&padded("они заставят меня \\ и закончить разговор"))
            && source.contains(&padded("я буду вынужден\\а положить трубку")),
        "{name} no longer reads as this test expects"
    );
    let p = card(&procedures(), "ru-ugrozy-oskorbleniya");
    let texts = p.step_texts();
    assert!(
        !says(&texts, "вы заставите меня"),
        "{}: the answer blames the caller (\"вы заставите меня\")",
        p.id
    );
    let scripts: Vec<&str> = p
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Say { scripts, .. } => Some(scripts.iter().map(|s| s.text.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(
        says(&scripts, "я буду вынужден(а) закончить разговор"),
        "{}: the script does not say \"я буду вынужден(а) закончить разговор\": {scripts:?}",
        p.id
    );
    let file = std::fs::read_to_string(root().join("content/ru-ugrozy-oskorbleniya.md")).unwrap();
    let note = file
        .find("<!--")
        .and_then(|i| file[i..].find("-->").map(|j| &file[i..i + j]));
    assert!(
        note.is_some_and(|n| n.contains("они заставят меня \\ и закончить разговор")),
        "{}: the editor's note quoting the garbled source stays in an HTML comment",
        p.id
    );
}
