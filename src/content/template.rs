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

/// The text of a new content file, ready for an editor to fill in; it passes `kb check` as is.
pub fn new_card(id: &str, lang: Lang, title: &str) -> String {
    let title = toml_string(title.trim());
    format!(
        r#"+++
# A new procedure. Replace every example below with the source's own words; the guide is
# content/README.md. `kb check` shows what is still wrong.
id = "{id}"          # stable: it is in links (#/p/{id}); do not change it once published
lang = "{lang}"                  # {langs}
title = {title}
category = "?"                 # a short group name shown beside the title
situations = [
  # How an operator would type this situation; the source's own heading belongs here too.
  {title},
]
cautions = []                  # warnings shown highlighted above the steps

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

1. An action: what the operator does.
   - A detail of it.
2. Say:
   > A line the operator says, with {{customer_name}} filled in from the call.
3. Say one of these:
   - First way:
     > One way to say it.
   - Or:
     > Another way to say it.
4. A question the operator decides?
   - One answer → what to do then.
   - Another answer →
     1. A step for that answer.

## Notes

Background for the operator (optional). Remarks for editors go in <!-- comments -->.
"#,
        lang = lang.code(),
        langs = Lang::codes(),
    )
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
        }
    }
}
