//! What a search or a flag's note may keep before it leaves the desk: no phone, account or card
//! number, no e-mail address, no name of the customer or the operator, at most 200 characters.

use crate::text::fold_latin;

/// The longest text kept, in characters: a situation, not a transcript.
pub const MAX_CHARS: usize = 200;

/// `text` as a report may keep it. Every run of 3 or more digits (ASCII or full-width; digit
/// groups joined by spaces, dots, dashes or brackets count as one run, so a whole phone number
/// such as "8-800-555-35-35" becomes one `#`) becomes `#`; an e-mail address becomes `@`; each
/// of `names` (compared without case and without Vietnamese diacritics, as an operator may type
/// it) is removed whole, then each of its words of two letters or more on its own ("chị Hoa",
/// "Петрова", whichever part an operator uses; a few common words may go too, which costs an
/// editor less than a name costs the customer); whitespace is collapsed; the result is cut at
/// [`MAX_CHARS`] characters.
pub fn scrub(text: &str, names: &[&str]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let chars = emails(&chars);
    let chars = numbers(&chars);
    let mut chars = collapse(&chars);
    let words = names.iter().flat_map(|n| n.split_whitespace());
    let parts = words.filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    for name in names.iter().copied().chain(parts) {
        let name: Vec<char> = collapse(&name.chars().collect::<Vec<_>>());
        if !name.is_empty() {
            chars = collapse(&without_name(&chars, &name));
        }
    }
    let mut out: String = chars.into_iter().take(MAX_CHARS).collect();
    out.truncate(out.trim_end().len());
    out
}

fn digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

/// What may stand between the digit groups of one number: "090 123 4567", "8-800", "(090) 12".
fn joins_digits(c: char) -> bool {
    matches!(
        c,
        ' ' | '.' | '-' | '(' | ')' | '\u{3000}' | '\u{FF0D}' | '\u{FF0E}'
    )
}

/// Runs of 3 or more digits (groups joined by up to 3 joining characters) as `#`, with a `+`
/// just before them.
fn numbers(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if !digit(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // One number: digit groups, each gap short and followed by another digit.
        let mut end = i;
        let mut digits = 0;
        loop {
            while end < chars.len() && digit(chars[end]) {
                digits += 1;
                end += 1;
            }
            let gap = chars[end..]
                .iter()
                .take(4)
                .take_while(|c| joins_digits(**c))
                .count();
            if gap > 0 && gap <= 3 && chars.get(end + gap).copied().is_some_and(digit) {
                end += gap;
            } else {
                break;
            }
        }
        if digits >= 3 {
            if out.last() == Some(&'+') {
                out.pop();
            }
            out.push('#');
        } else {
            out.extend_from_slice(&chars[i..end]);
        }
        i = end;
    }
    out
}

fn local_part(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn domain_part(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

/// E-mail addresses (`name@host`, at least one character on each side) as `@`.
fn emails(chars: &[char]) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '@' && chars[i] != '\u{FF20}' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let local = out.iter().rev().take_while(|c| local_part(**c)).count();
        let mut domain = chars[i + 1..]
            .iter()
            .take_while(|c| domain_part(**c))
            .count();
        // A sentence's full stop after the address is not part of it.
        while domain > 0 && matches!(chars[i + domain], '.' | '-') {
            domain -= 1;
        }
        if local > 0 && domain > 0 {
            out.truncate(out.len() - local);
            out.push('@');
            i += 1 + domain;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Whitespace runs as one space, none at the ends.
fn collapse(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len());
    for &c in chars {
        if c.is_whitespace() {
            if out.last().is_some_and(|l: &char| *l != ' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    if out.last() == Some(&' ') {
        out.pop();
    }
    out
}

/// One character as names are compared: lower case, Latin diacritics and combining marks gone,
/// ё as е. Combining marks give nothing, so they ride along with the letter before them.
fn fold(c: char) -> String {
    let lower: String = c.to_lowercase().collect();
    fold_latin(&lower).replace('ё', "е")
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// Whether a name may start or end at this neighbour: not inside a word. Han characters have no
/// spaces between words, so a Chinese name is found wherever it stands.
fn word_char(c: Option<&char>, name_edge: char) -> bool {
    !crate::text::is_han(name_edge) && c.is_some_and(|c| c.is_alphanumeric() || is_combining(*c))
}

/// `chars` without any whole occurrence of `name` (both already collapsed).
fn without_name(chars: &[char], name: &[char]) -> Vec<char> {
    // The text folded character by character, each folded character knowing its source.
    let mut folded: Vec<(char, usize)> = Vec::with_capacity(chars.len());
    for (i, c) in chars.iter().enumerate() {
        folded.extend(fold(*c).chars().map(|f| (f, i)));
    }
    let pattern: Vec<char> = name
        .iter()
        .map(|c| fold(*c))
        .collect::<String>()
        .chars()
        .collect();
    if pattern.is_empty() {
        return chars.to_vec();
    }
    let (first, last) = (name[0], name[name.len() - 1]);
    let mut removed = vec![false; chars.len()];
    let mut at = 0;
    while at + pattern.len() <= folded.len() {
        let matches = folded[at..at + pattern.len()]
            .iter()
            .zip(&pattern)
            .all(|((f, _), p)| f == p);
        if matches {
            let start = folded[at].1;
            let mut end = folded[at + pattern.len() - 1].1 + 1;
            while end < chars.len() && is_combining(chars[end]) {
                end += 1;
            }
            let before = start.checked_sub(1).map(|b| &chars[b]);
            if !word_char(before, first) && !word_char(chars.get(end), last) {
                removed[start..end].iter_mut().for_each(|r| *r = true);
                at += pattern.len();
                continue;
            }
        }
        at += 1;
    }
    chars
        .iter()
        .zip(removed)
        .filter(|(_, r)| !r)
        .map(|(c, _)| *c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_number_with_spaces_becomes_one_mark() {
        assert_eq!(
            scrub("KH gọi từ số 090 123 4567 hỏi cước", &[]),
            "KH gọi từ số # hỏi cước"
        );
        assert_eq!(
            scrub("клиент звонит с 8-800-555-35-35, просит", &[]),
            "клиент звонит с #, просит"
        );
        assert_eq!(scrub("+7 (912) 345-67-89 ждёт", &[]), "# ждёт");
    }

    #[test]
    fn full_width_digits_are_digits() {
        assert_eq!(
            scrub("客户电话１３８１２３４５６７８要投诉", &[]),
            "客户电话#要投诉"
        );
    }

    #[test]
    fn two_digits_stay_and_three_go() {
        assert_eq!(scrub("chờ 30 s, gói 120k", &[]), "chờ 30 s, gói #k");
        assert_eq!(scrub("TK12345 bị khoá", &[]), "TK# bị khoá");
        assert_eq!(scrub("ждать 3 - 5 дней", &[]), "ждать 3 - 5 дней");
    }

    #[test]
    fn a_sentence_full_stop_after_a_number_stays() {
        assert_eq!(scrub("số 0901234567. Xin cảm ơn", &[]), "số #. Xin cảm ơn");
    }

    #[test]
    fn an_email_address_becomes_an_at_sign() {
        assert_eq!(
            scrub("gửi vào nguyen.van.an@gmail.com. Hôm nay", &[]),
            "gửi vào @. Hôm nay"
        );
        assert_eq!(
            scrub("почта ivan_2024@mail.ru не доходит", &[]),
            "почта @ не доходит"
        );
        assert_eq!(scrub("@ alone and a@", &[]), "@ alone and a@");
    }

    #[test]
    fn a_name_is_removed_with_or_without_diacritics_and_case() {
        let names = ["Nguyễn Văn An", "Trần Thị Bình"];
        assert_eq!(
            scrub("chị nguyen van an muốn gặp Trần thị BÌNH", &names),
            "chị muốn gặp"
        );
        assert_eq!(scrub("NGUYỄN VĂN AN hỏi  về   cước", &names), "hỏi về cước");
    }

    #[test]
    fn a_name_is_removed_only_as_a_whole_word() {
        assert_eq!(scrub("anh An hỏi an toàn", &["An"]), "anh hỏi toàn");
        assert_eq!(scrub("Ana và Bany", &["An"]), "Ana và Bany");
    }

    #[test]
    fn a_name_typed_decomposed_is_removed_with_its_marks() {
        assert_eq!(scrub("Nguye\u{302}\u{303}n hỏi", &["Nguyễn"]), "hỏi");
    }

    #[test]
    fn russian_and_chinese_names_are_removed() {
        assert_eq!(
            scrub(
                "Иван Петров недоволен, оператор Алёна",
                &["иван петров", "Алена"]
            ),
            "недоволен, оператор"
        );
        assert_eq!(scrub("王伟先生要投诉", &["王伟"]), "先生要投诉");
    }

    #[test]
    fn each_word_of_a_name_goes_on_its_own_too() {
        let names = ["Nguyễn Thị Hoa", "Иван Петров"];
        assert_eq!(scrub("chị Hoa đòi gặp sếp", &names), "chị đòi gặp sếp");
        assert_eq!(
            scrub("khach ten nguyen goi lai", &names),
            "khach ten goi lai"
        );
        assert_eq!(scrub("Петров жалуется", &names), "жалуется");
        // A one-letter word of a name is no name on its own.
        assert_eq!(scrub("a b c", &["A Lê"]), "a b c");
    }

    #[test]
    fn empty_names_remove_nothing() {
        assert_eq!(scrub("khách hỏi", &["", "  "]), "khách hỏi");
    }

    #[test]
    fn the_text_is_cut_at_200_characters_not_bytes() {
        let long = "khách ".repeat(100);
        let cut = scrub(&long, &[]);
        assert!(cut.chars().count() <= MAX_CHARS, "{}", cut.chars().count());
        assert!(cut.chars().count() >= MAX_CHARS - 1);
        assert!(!cut.ends_with(' '));
        let han = "投诉".repeat(150);
        assert_eq!(scrub(&han, &[]).chars().count(), MAX_CHARS);
    }

    #[test]
    fn hostile_text_never_panics_nor_keeps_a_number_or_exceeds_the_limit() {
        let names = ["Ân", "\u{0301}", "@", "王"];
        for text in [
            "",
            "@",
            "a@",
            "@b",
            "\u{0301}\u{0301}ân",
            "１２",
            "１２３",
            "+",
            "+++123",
            "1-2-3-4-5",
            "12 . 34",
            "((((((((",
            "😀 012 😀",
            "王王王",
            &"9 ".repeat(500),
            &"Ân@x.y ".repeat(100),
        ] {
            let out = scrub(text, &names);
            assert!(out.chars().count() <= MAX_CHARS, "{text:?}");
            let chars: Vec<char> = out.chars().collect();
            let run = chars.windows(3).any(|w| w.iter().all(|c| digit(*c)));
            assert!(!run, "{text:?} -> {out:?}");
        }
        assert_eq!(scrub("1-2-3-4-5", &[]), "#");
        assert_eq!(scrub("+++123", &[]), "++#");
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(scrub("  a\t\n b  ", &[]), "a b");
    }
}
