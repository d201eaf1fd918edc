//! A new procedure file for `kb new`: a unique id from the title, every front-matter field with
//! its default and a comment saying what it is for, and one example step of each kind.

use super::Lang;

/// Latin transliteration of Russian letters, for ids ("Клиент молчит" → "klient-molchit").
fn cyrillic(c: char) -> Option<&'static str> {
    const TABLE: [(char, &str); 33] = [
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "g"),
        ('д', "d"),
        ('е', "e"),
        ('ё', "e"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "i"),
        ('й', "i"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('о', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ф', "f"),
        ('х', "kh"),
        ('ц', "ts"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "shch"),
        ('ъ', ""),
        ('ы', "y"),
        ('ь', ""),
        ('э', "e"),
        ('ю', "iu"),
        ('я', "ia"),
    ];
    TABLE.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

/// The title as id words: lowercase ASCII letters and digits joined by dashes (Vietnamese
/// diacritics folded, đ → d; Russian transliterated; other scripts dropped).
fn slug_words(title: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in title.to_lowercase().nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c == 'đ' {
            out.push('d');
        } else if let Some(t) = cyrillic(c) {
            out.push_str(t);
        } else if unicode_normalization::char::is_combining_mark(c) {
            continue;
        } else {
            out.push('-');
        }
    }
    out.split('-')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-")
}

/// An id for a new procedure, unique among `taken`: the language, then the title's words
/// (or "moi"/"new"/"novaya" for titles with none in Latin letters), then a number if needed.
pub fn new_id(lang: Lang, title: &str, taken: &[String]) -> String {
    let words = slug_words(title);
    let base = if words.is_empty() {
        format!("{}-procedure", lang.code())
    } else {
        format!("{}-{words}", lang.code())
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The example steps of a new card, in one language: each kind of step once, so an editor sees
/// the shapes in the words of the center (an English placeholder pasted into a Vietnamese card
/// would reach operators). Every sentence here is also a "leftover" a published card may not
/// keep (`leftover_texts`); the short labels ("Nói:", "Hoặc:") are not, since real cards use them.
struct Examples {
    action: &'static str,
    detail: &'static str,
    say: &'static str,
    script: &'static str,
    say_one_of: &'static str,
    first_label: &'static str,
    first: &'static str,
    or_label: &'static str,
    second: &'static str,
    question: &'static str,
    answer: &'static str,
    other_answer: &'static str,
    answer_step: &'static str,
    notes: &'static str,
    comment: &'static str,
    /// The hints beside the commented-out date fields: from, until, review, owner.
    dates: [&'static str; 4],
}

/// The template before it spoke the center's languages: a card written with an older `kb`
/// still holds these.
const EN: Examples = Examples {
    action: "An action: what the operator does.",
    detail: "A detail of it.",
    say: "Say:",
    script: "A line the operator says, with {customer_name} filled in from the call.",
    say_one_of: "Say one of these:",
    first_label: "First way:",
    first: "One way to say it.",
    or_label: "Or:",
    second: "Another way to say it.",
    question: "A question the operator decides?",
    answer: "One answer → what to do then.",
    other_answer: "Another answer →",
    answer_step: "A step for that answer.",
    notes: "Background for the operator (optional).",
    comment: "Remarks for editors go in <!-- comments -->.",
    dates: [
        "offered from this day (or a moment: 2027-01-01T08:00:00+07:00)",
        "offered to the end of this day",
        "check the card again by this day",
        "who answers for the card: a name or a team",
    ],
};

const VI: Examples = Examples {
    action: "Một việc ĐTV làm: ghi rõ ĐTV làm gì.",
    detail: "Một chi tiết của việc đó.",
    say: "Nói:",
    script: "Câu ĐTV nói với KH, {customer_name} được điền từ cuộc gọi.",
    say_one_of: "Nói một trong các câu sau:",
    first_label: "Cách 1:",
    first: "Một cách nói.",
    or_label: "Hoặc:",
    second: "Một cách nói khác.",
    question: "Một câu hỏi ĐTV cần quyết định?",
    answer: "Một câu trả lời → việc ĐTV làm khi đó.",
    other_answer: "Câu trả lời khác →",
    answer_step: "Một bước cho câu trả lời đó.",
    notes: "Thông tin nền cho ĐTV (không bắt buộc).",
    comment: "Ghi chú cho người soạn đặt trong <!-- chú thích -->.",
    dates: [
        "hiển thị từ ngày này (hoặc một thời điểm: 2027-01-01T08:00:00+07:00)",
        "hiển thị đến hết ngày này",
        "rà soát lại thẻ trước ngày này",
        "người hoặc tổ chịu trách nhiệm về thẻ",
    ],
};

const ZH: Examples = Examples {
    action: "一项操作：写明话务员要做什么。",
    detail: "该操作的一个细节。",
    say: "说：",
    script: "话务员要说的一句话，{customer_name}会从通话中自动填入。",
    say_one_of: "以下说法任选其一：",
    first_label: "说法一：",
    first: "一种说法。",
    or_label: "或者：",
    second: "另一种说法。",
    question: "话务员需要判断的一个问题？",
    answer: "一种回答 → 此时要做的事。",
    other_answer: "另一种回答 →",
    answer_step: "针对该回答的一个步骤。",
    notes: "给话务员的背景信息（可选）。",
    comment: "给编辑的备注写在 <!-- 注释 --> 中。",
    dates: [
        "自该日起显示（或某一时刻：2027-01-01T08:00:00+07:00）",
        "显示至该日结束",
        "在该日前复核本卡",
        "负责本卡的人或小组",
    ],
};

const RU: Examples = Examples {
    action: "Действие: что делает оператор.",
    detail: "Подробность этого действия.",
    say: "Скажите:",
    script: "Фраза оператора; {customer_name} подставляется из звонка.",
    say_one_of: "Скажите одно из:",
    first_label: "Вариант 1:",
    first: "Один вариант фразы.",
    or_label: "Или:",
    second: "Другой вариант фразы.",
    question: "Вопрос, который решает оператор?",
    answer: "Один ответ → что делать тогда.",
    other_answer: "Другой ответ →",
    answer_step: "Шаг для этого ответа.",
    notes: "Справка для оператора (необязательно).",
    comment: "Заметки для редакторов пишите в <!-- комментариях -->.",
    dates: [
        "показывать с этого дня (или с момента: 2027-01-01T08:00:00+07:00)",
        "показывать до конца этого дня",
        "перепроверить карточку до этого дня",
        "кто отвечает за карточку: имя или группа",
    ],
};

fn examples(lang: Lang) -> &'static Examples {
    match lang {
        Lang::Vi => &VI,
        Lang::Zh => &ZH,
        Lang::Ru => &RU,
    }
}

impl Examples {
    /// The example sentences as a card's parsed texts hold them: an answer's `→` splits it into
    /// its condition and what to do then, so those two are listed apart. The short labels are
    /// not listed (real cards use "Nói:", "Hoặc:").
    fn sentences(&self) -> [&'static str; 10] {
        let (answer, then) = self.answer.split_once('→').expect("answers have an arrow");
        [
            self.action,
            self.detail,
            self.script,
            self.first,
            self.second,
            self.question,
            answer.trim(),
            then.trim(),
            self.answer_step,
            self.notes,
        ]
    }
}

/// The template's example sentences in every language it was ever written in. A card that is
/// not a draft and still contains one is unfinished.
pub(crate) fn leftover_texts() -> impl Iterator<Item = &'static str> {
    [&EN, &VI, &ZH, &RU]
        .into_iter()
        .flat_map(Examples::sentences)
}

/// The text of a new content file, ready for an editor to fill in: a draft, so it passes
/// `kb check` as is and reaches no operator until `draft = true` is removed.
pub fn new_card(id: &str, lang: Lang, title: &str) -> String {
    let title = toml_string(title.trim());
    let e = examples(lang);
    // The script's placeholder is written `{customer_name}` in the table; `format!` needs it
    // as is, so the example lines are inserted as arguments, never as format strings.
    format!(
        r#"+++
# A new procedure, still a draft: `kb check` checks it, but it is not published (not in the
# index, the export or the site) until you delete the `draft = true` line. Replace every
# example below with the source's own words; the guide is content/README.md.
draft = true
id = "{id}"          # stable: it is in links (#/p/{id}); do not change it once published
lang = "{lang}"                  # {langs}
title = {title}
category = "?"                 # a short group name shown beside the title
situations = [
  # How an operator would type this situation; the source's own heading belongs here too.
  {title},
]
cautions = []                  # warnings shown highlighted above the steps
# valid_from = 2027-01-01      # {from_hint}
# valid_until = 2027-01-31     # {until_hint}
# review_by = 2027-06-30       # {review_hint}
# owner = "?"                  # {owner_hint}

[timers]
# hold_limit = "30s"           # how long the caller may wait on hold (default 30 s)
# no_hold = true               # where the source forbids putting this caller on hold

# [[timers.callbacks]]         # a callback this procedure promises (repeat for several)
# within = "1h"                # deadline; leave out for "as soon as it is done"
# after = "3d"                 # not before
# from = "entered"             # "call_end" (default) or "entered" with from_label
# from_label = "..."           # the moment the operator enters the time of
# reason = "..."

[source]
file = "?"                     # the source document's file name
section = "?"                  # its heading(s), outermost first, separated by " › "
+++

## Steps

1. {action}
   - {detail}
2. {say}
   > {script}
3. {say_one_of}
   - {first_label}
     > {first}
   - {or_label}
     > {second}
4. {question}
   - {answer}
   - {other_answer}
     1. {answer_step}

## Notes

{notes} {comment}
"#,
        lang = lang.code(),
        langs = Lang::codes(),
        action = e.action,
        detail = e.detail,
        say = e.say,
        script = e.script,
        say_one_of = e.say_one_of,
        first_label = e.first_label,
        first = e.first,
        or_label = e.or_label,
        second = e.second,
        question = e.question,
        answer = e.answer,
        other_answer = e.other_answer,
        answer_step = e.answer_step,
        notes = e.notes,
        from_hint = e.dates[0],
        until_hint = e.dates[1],
        review_hint = e.dates[2],
        owner_hint = e.dates[3],
        comment = e.comment,
    )
}

/// A new card for the studio's form: the fields a card needs, without `kb new`'s comments (the
/// form shows each field's hint, and the template's examples as guidance in its empty fields
/// and rows: `guidance`), and one empty step, so nothing in the file is an example to delete.
pub fn new_form_card(id: &str, lang: Lang, title: &str) -> String {
    let title = toml_string(title.trim());
    format!(
        "+++\ndraft = true\nid = \"{id}\"\nlang = \"{lang}\"\ntitle = {title}\ncategory = \"?\"\n\
         situations = [\n  {title},\n]\n\n[source]\nfile = \"?\"\nsection = \"?\"\n+++\n\n## Steps\n\n1.\n",
        lang = lang.code()
    )
}

/// The template's example of a kind of outline row (`do`, `say`, `decide`, `branch`,
/// `alternatives`) in the card's language: the guidance an empty row shows.
pub fn guidance(lang: Lang, kind: &str) -> &'static str {
    let e = examples(lang);
    match kind {
        "do" => e.action,
        "say" => e.script,
        "decide" => e.question,
        "branch" => e.answer.split('→').next().unwrap_or(e.answer).trim(),
        "alternatives" => e.say_one_of,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse::parse_file;
    use std::path::Path;

    #[test]
    fn ids_come_from_the_title_and_are_unique() {
        assert_eq!(
            new_id(Lang::Vi, "Khách hàng đòi gặp Trưởng ca!", &[]),
            "vi-khach-hang-doi-gap-truong-ca"
        );
        assert_eq!(new_id(Lang::Ru, "Клиент молчит", &[]), "ru-klient-molchit");
        assert_eq!(new_id(Lang::Zh, "客户投诉", &[]), "zh-procedure");
        let taken = vec!["zh-procedure".to_string(), "zh-procedure-2".to_string()];
        assert_eq!(new_id(Lang::Zh, "客户投诉", &taken), "zh-procedure-3");
    }

    #[test]
    fn a_new_card_parses_with_one_step_of_each_kind() {
        for (lang, title) in [
            (Lang::Vi, "Tiêu đề \"mới\""),
            (Lang::Zh, "新的"),
            (Lang::Ru, "Новая"),
        ] {
            let id = new_id(lang, title, &[]);
            let text = new_card(&id, lang, title);
            let p = parse_file(Path::new("new.md"), text.as_bytes())
                .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
            assert_eq!(p.id, id);
            assert_eq!(p.title, title);
            use crate::content::Step;
            assert!(matches!(p.steps[0], Step::Action { .. }));
            assert!(matches!(&p.steps[1], Step::Say { scripts, .. } if scripts.len() == 1));
            assert!(matches!(&p.steps[2], Step::Say { scripts, .. } if scripts.len() == 2));
            assert!(matches!(p.steps[3], Step::Decision { .. }));
            assert!(p.draft, "a new card is a draft");
        }
    }

    #[test]
    fn the_date_fields_are_examples_in_the_card_s_language_that_parse_once_uncommented() {
        let text = new_card("ru-x", Lang::Ru, "Новая");
        assert!(text.contains("# valid_until = 2027-01-31     # показывать до конца этого дня"));
        let on = text
            .replace("# valid_from", "valid_from")
            .replace("# valid_until", "valid_until")
            .replace("# review_by", "review_by")
            .replace("# owner = \"?\"", "owner = \"Группа обучения\"");
        let p = parse_file(Path::new("new.md"), on.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            p.valid.until.map(|m| m.to_string()).as_deref(),
            Some("2027-01-31")
        );
        assert_eq!(
            p.review_by.map(|d| d.to_string()).as_deref(),
            Some("2027-06-30")
        );
        assert_eq!(p.owner.as_deref(), Some("Группа обучения"));
    }

    #[test]
    fn a_new_card_speaks_its_language() {
        let card = |lang| new_card("x", lang, "t");
        assert!(card(Lang::Vi).contains("1. Một việc ĐTV làm"));
        assert!(card(Lang::Zh).contains("1. 一项操作"));
        assert!(card(Lang::Ru).contains("1. Действие: что делает оператор."));
        for lang in Lang::ALL {
            assert!(!card(lang).contains("An action"), "{lang:?}");
        }
    }

    /// Without `draft = true`, every example sentence and every `?` is an error at its own
    /// line, in each language: the list of leftovers and the template cannot drift apart.
    #[test]
    fn every_leftover_of_the_template_is_an_error_once_published() {
        for lang in Lang::ALL {
            let text = new_card("vi-x", lang, "Tiêu đề").replace("draft = true\n", "");
            let errors = parse_file(Path::new("new.md"), text.as_bytes()).unwrap_err();
            let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
            let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
            for sentence in examples(lang).sentences() {
                assert!(
                    lines.contains(&line_of(sentence)),
                    "{lang:?}: {sentence} in {errors:?}"
                );
            }
            for field in ["category = ", "file = ", "section = "] {
                assert!(lines.contains(&line_of(field)), "{lang:?}: {field}");
            }
            assert!(errors.iter().all(|e| e.hint.is_some()));
            // The same text as a draft has no problem at all.
            let draft = new_card("vi-x", lang, "Tiêu đề");
            assert!(parse_file(Path::new("new.md"), draft.as_bytes()).is_ok());
        }
    }
}
