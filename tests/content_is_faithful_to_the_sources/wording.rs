//! What the operator sees is the sources' wording, clean: no page furniture, no remarks for
//! editors, full-width punctuation in Chinese, no step numbers written into the steps (the list
//! numbers them). A reread of the cards found the last three: these tests keep them found, and
//! each detector is tested on the cases it must catch and must let pass.

use crate::{is_han, procedures, visible_texts, FURNITURE};
use cuecard::content::Lang;
use unicode_normalization::UnicodeNormalization;

#[test]
fn no_page_furniture_in_content() {
    for p in procedures() {
        let text = p.text();
        for f in FURNITURE
            .iter()
            .chain(["文档评论(0)", "侵权必究", "付费"].iter())
        {
            assert!(
                !text.contains(f),
                "{}: page furniture {f:?} in content",
                p.id
            );
        }
    }
}

/// Remarks an editor makes about the source ("the source breaks off here", "garbled in the
/// source"), as the ones removed from the cards were worded: "Tài liệu gốc dừng giữa chừng …
/// phần tiếp theo không có trong nguồn", "… có lưu đồ quy trình trong tài liệu gốc",
/// "В источнике фраза искажена". Lowercase; matched case-insensitively.
const EDITORIAL_REMARKS: [&str; 27] = [
    // vi
    "tài liệu gốc",
    "văn bản gốc",
    "bản gốc",
    "dừng giữa chừng",
    "không có trong nguồn",
    "lỗi chính tả",
    "biên tập",
    // ru
    "источник",
    "в оригинале",
    "искажен",
    "опечатк",
    "прим. ред",
    "от редактора",
    // zh
    "原文",
    "来源",
    "出处",
    "原稿",
    "编者",
    "编注",
    "疑为",
    // any language
    "source",
    "todo",
    "fixme",
    "(sic)",
    "[sic]",
    "[?]",
    "(?)",
];

/// An editorial remark in `text`, if any. Besides the phrases above, the word "nguồn" (source):
/// except in "nguồn gốc" (origin), which source 002 itself says ("nguồn gốc của mọi vấn đề").
fn editorial_remark(text: &str) -> Option<String> {
    let t: String = text.nfc().collect::<String>().to_lowercase();
    if let Some(r) = EDITORIAL_REMARKS.iter().find(|r| t.contains(*r)) {
        return Some(r.to_string());
    }
    t.replace("nguồn gốc", " ")
        .contains("nguồn")
        .then(|| "nguồn".to_string())
}

#[test]
fn no_editorial_remarks_on_screen() {
    let mut problems = Vec::new();
    for p in procedures() {
        for (place, text) in visible_texts(&p) {
            if let Some(r) = editorial_remark(&text) {
                problems.push(format!(
                    "{}: {place} has the editorial remark {r:?}: {text:?}",
                    p.id
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "remarks for editors belong in `# …` or `<!-- … -->`:\n{}",
        problems.join("\n")
    );
}

#[test]
fn editorial_remark_detector_knows_the_removed_remarks() {
    for removed in [
        "Tài liệu gốc dừng giữa chừng ở đoạn: “KH gọi line 18001090” — phần tiếp theo không có trong nguồn.",
        "Quy trình tiếp nhận cuộc gọi KH Cao Cấp có lưu đồ quy trình trong tài liệu gốc.",
        "В источнике фраза искажена: «…они заставят меня \\ и закончить разговор».",
        "原文如此",
        "Trong nguồn thiếu một đoạn.",
    ] {
        assert!(editorial_remark(removed).is_some(), "{removed}");
    }
    assert_eq!(
        editorial_remark("Tìm ra nguyên nhân, nguồn gốc của mọi vấn đề"),
        None
    );
}

/// ASCII punctuation that Chinese text writes full width (，：；？！（）).
const HALF_WIDTH: [char; 7] = [',', ':', ';', '?', '!', '(', ')'];

fn half_width_next_to_han(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).find_map(|i| {
        let c = chars[i];
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        (HALF_WIDTH.contains(&c) && (before.is_some_and(is_han) || after.is_some_and(is_han))).then(
            || {
                chars[i.saturating_sub(4)..(i + 5).min(chars.len())]
                    .iter()
                    .collect()
            },
        )
    })
}

#[test]
fn chinese_cards_use_full_width_punctuation() {
    let procs = procedures();
    assert!(procs.iter().any(|p| p.lang == Lang::Zh));
    let mut problems = Vec::new();
    for p in procs.iter().filter(|p| p.lang == Lang::Zh) {
        for (place, text) in visible_texts(p) {
            if let Some(at) = half_width_next_to_han(&text) {
                problems.push(format!(
                    "{}: {place}: ASCII punctuation beside Chinese in …{at}…",
                    p.id
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "use ，：；？！（）:\n{}",
        problems.join("\n")
    );
}

#[test]
fn full_width_check_sees_both_sides() {
    assert!(half_width_next_to_han("请稍等,谢谢").is_some());
    assert!(half_width_next_to_han("(时间)").is_some());
    assert!(half_width_next_to_han("您好？{company}客服。").is_none());
    assert!(half_width_next_to_han("1, 2 (3)").is_none());
}

/// "Bước 2", "Шаг 3", "Step 1", "第一步", "第2步", "步骤3" at the start of a text.
fn starts_with_step_number(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    let is_numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百零".contains(c);
    for word in ["bước", "шаг", "step", "步骤"] {
        if let Some(rest) = t.strip_prefix(word) {
            if rest.trim_start().starts_with(is_numeral) {
                return true;
            }
        }
    }
    if let Some(rest) = t.strip_prefix('第') {
        let rest = rest.trim_start_matches(|c: char| is_numeral(c) || c.is_whitespace());
        return rest.len() < t.len() - '第'.len_utf8() && rest.starts_with('步');
    }
    false
}

#[test]
fn the_list_numbers_the_steps() {
    let mut problems = Vec::new();
    for p in procedures() {
        for text in p.step_texts() {
            if starts_with_step_number(text) {
                problems.push(format!("{}: {text:?}", p.id));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the list numbers the steps; do not write the number into a step:\n{}",
        problems.join("\n")
    );
}

#[test]
fn step_number_check_knows_each_language() {
    for t in [
        "Bước 1: xin lỗi",
        "bước 2 ghi nhận",
        "Шаг 3. Ответ",
        "第一步：接听",
        "第 2 步",
        "步骤3：记录",
    ] {
        assert!(starts_with_step_number(t), "{t}");
    }
    for t in ["Chuyển sang bước 4", "第一时间", "Шаги", "步骤说明"] {
        assert!(!starts_with_step_number(t), "{t}");
    }
}
