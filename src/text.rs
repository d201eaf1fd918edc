//! Text analysis, the bottom room: shared by the content checks, the index, the queries and the
//! snippets, natively and in the page.
//! One script-aware pass: Vietnamese syllables (accent-folded), Chinese characters, Russian stems.

use std::borrow::Cow;

/// Which form of a word a token carries; each form has its own set of index fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Accent-folded (vi), stemmed (ru), single characters (zh), with abbreviations expanded.
    Folded,
    /// Lower-cased as written: an exactly-accented match earns a bonus on top of the folded one.
    Exact,
    /// Two adjacent folded words (vi syllable pairs, zh character bigrams, ru stem pairs), so that
    /// multi-syllable words outrank the same syllables scattered.
    Pair,
    /// Toneless pinyin of Chinese characters and of adjacent pairs (`tou`, `tou_su`), written
    /// natively by the builder (`build::PinyinTokenizer`: the page ships no pinyin table) and
    /// searched only for Latin query words (`Engine::read`).
    Pinyin,
}

/// One analysed word with its byte range in the (NFC) input.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub exact: String,
    pub folded: Vec<String>,
    pub start: usize,
    pub end: usize,
    /// May form a pair with the previous word (no punctuation or script change between them).
    pub joins_previous: bool,
    pub script: Script,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Han,
    Cyrillic,
    Other,
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x04FF)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// Invisible characters people paste by accident: zero-width, bidi marks, soft hyphen, BOM.
fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0x00AD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF)
}

/// Fullwidth ASCII and the ideographic space, as typed with a Chinese input method.
fn narrow(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// Latin letters that look like Cyrillic ones, for a Latin letter typed inside a Russian word.
fn latin_to_cyrillic(c: char) -> char {
    match c {
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        'm' => 'м',
        't' => 'т',
        'b' => 'в',
        'h' => 'н',
        _ => c,
    }
}

/// Removes Vietnamese (and other Latin) diacritics; đ is mapped explicitly because Unicode
/// decomposition leaves it alone.
pub fn fold_latin(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let base = match c {
            'đ' | 'Đ' => 'd',
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ'
            | 'ẩ' | 'ẫ' | 'ậ' | 'ä' | 'å' | 'ā' | 'ǎ' => 'a',
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' | 'ë' | 'ē' | 'ě' => {
                'e'
            }
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' | 'î' | 'ï' | 'ī' | 'ǐ' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ'
            | 'ở' | 'ỡ' | 'ợ' | 'ö' | 'ō' | 'ǒ' => 'o',
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' | 'û' | 'ü' | 'ū'
            | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'u',
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'ÿ' => 'y',
            'ç' => 'c',
            'ñ' => 'n',
            c if is_combining(c) => continue,
            c => c,
        };
        out.push(base);
    }
    out
}

/// Abbreviations of the Vietnamese sources, expanded so that "khách hàng" finds "KH" and back.
fn expansion(folded: &str) -> Option<&'static [&'static str]> {
    Some(match folded {
        "kh" => &["khach", "hang"],
        "dtv" => &["dien", "thoai", "vien"],
        "km" => &["khuyen", "mai"],
        "cskh" => &["cham", "soc", "khach", "hang"],
        "tb" => &["thue", "bao"],
        "mbf" => &["mobifone"],
        "dv" => &["dich", "vu"],
        "vd" => &["vi", "du"],
        "th" => &["truong", "hop"],
        "kv" => &["khu", "vuc"],
        "mnp" => &["chuyen", "mang", "giu", "so"],
        "htkh" => &["ho", "tro", "khach", "hang"],
        _ => return None,
    })
}

thread_local! {
    static RU_STEMMER: frostem::Stemmer = frostem::Stemmer::new(frostem::Algorithm::Russian);
}

fn stem_ru(word: &str) -> String {
    RU_STEMMER.with(|s| match s.stem(word) {
        Cow::Borrowed(b) => b.to_string(),
        Cow::Owned(o) => o,
    })
}

/// Splits text into analysed words. Any input is accepted: what is not a letter, digit or Han
/// character separates words; underscores (word segmentation) separate too.
pub fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut end = 0;
    // Whether a pair may cross the gap before the next word: only plain spaces allow it.
    let mut joinable = false;
    let flush =
        |cur: &mut String, start: usize, end: usize, joinable: &mut bool, out: &mut Vec<Word>| {
            if !cur.is_empty() {
                out.push(make_word(cur, start, end, *joinable));
                cur.clear();
                *joinable = true;
            }
        };
    for (i, raw) in text.char_indices() {
        if is_invisible(raw) {
            continue;
        }
        let c = narrow(raw);
        let len = raw.len_utf8();
        if is_han(c) {
            flush(&mut cur, start, end, &mut joinable, &mut out);
            let join = out
                .last()
                .is_some_and(|w| w.script == Script::Han && w.end == i);
            out.push(Word {
                exact: c.to_string(),
                folded: vec![c.to_string()],
                start: i,
                end: i + len,
                joins_previous: join,
                script: Script::Han,
            });
            joinable = false;
        } else if c.is_alphanumeric() || (is_combining(c) && !cur.is_empty()) {
            if cur.is_empty() {
                start = i;
            }
            cur.extend(c.to_lowercase());
            end = i + len;
        } else {
            flush(&mut cur, start, end, &mut joinable, &mut out);
            if !c.is_whitespace() && !matches!(c, '-' | '/' | '\'' | '’') {
                joinable = false;
            }
        }
    }
    flush(&mut cur, start, end, &mut joinable, &mut out);
    out
}

fn make_word(lower: &str, start: usize, end: usize, joins_previous: bool) -> Word {
    let has_cyr = lower.chars().any(is_cyrillic);
    if has_cyr {
        let exact: String = lower
            .chars()
            .map(|c| {
                if c == 'ё' {
                    'е'
                } else {
                    latin_to_cyrillic(c)
                }
            })
            .collect();
        let stem = stem_ru(&exact);
        return Word {
            folded: vec![stem],
            exact,
            start,
            end,
            joins_previous,
            script: Script::Cyrillic,
        };
    }
    let folded = fold_latin(lower);
    let expanded = match expansion(&folded) {
        Some(parts) => parts.iter().map(|s| s.to_string()).collect(),
        None => vec![folded],
    };
    Word {
        exact: lower.to_string(),
        folded: expanded,
        start,
        end,
        joins_previous,
        script: Script::Other,
    }
}

/// The index terms of one form, in order. Pairs join the last unit of a word with the first
/// unit of the next, and the units of an expanded abbreviation with each other.
pub fn terms(words: &[Word], form: Form) -> Vec<String> {
    weighted_terms(words, &vec![1.0; words.len()], form)
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// `terms`, each with the weight of its word (`weights[i]` is `words[i]`'s; a pair takes the
/// lower of its two words').
pub fn weighted_terms(words: &[Word], weights: &[f32], form: Form) -> Vec<(String, f32)> {
    let weight = |i: usize| weights.get(i).copied().unwrap_or(1.0);
    match form {
        Form::Exact => words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.exact.clone(), weight(i)))
            .collect(),
        Form::Folded => {
            let mut out = Vec::new();
            for (i, w) in words.iter().enumerate() {
                if w.folded.len() > 1 {
                    out.push((fold_latin(&w.exact), weight(i)));
                }
                out.extend(w.folded.iter().map(|u| (u.clone(), weight(i))));
            }
            out
        }
        Form::Pair => {
            let mut out = Vec::new();
            let mut prev: Option<(&str, f32)> = None;
            for (i, w) in words.iter().enumerate() {
                if !w.joins_previous {
                    prev = None;
                }
                for unit in &w.folded {
                    if let Some((p, pw)) = prev {
                        out.push((format!("{p}_{unit}"), pw.min(weight(i))));
                    }
                    prev = Some((unit, weight(i)));
                }
            }
            out
        }
        // Readings need the builder's table; the query side makes them from Latin words.
        Form::Pinyin => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, form: Form) -> Vec<String> {
        terms(&words(text), form)
    }

    #[test]
    fn vietnamese_folds_accents_and_d() {
        assert_eq!(
            t("Trưởng ca ĐANG giải_quyết", Form::Folded),
            ["truong", "ca", "dang", "giai", "quyet"]
        );
        assert_eq!(t("Trưởng ca", Form::Exact), ["trưởng", "ca"]);
        assert_eq!(t("trưởng ca đang", Form::Pair), ["truong_ca", "ca_dang"]);
    }

    #[test]
    fn pinyin_tone_marks_fold_away() {
        assert_eq!(
            t("tóu sù zhuǎn jiē lǜ", Form::Folded),
            ["tou", "su", "zhuan", "jie", "lu"]
        );
        assert!(
            t("投诉", Form::Pinyin).is_empty(),
            "the page makes no readings"
        );
    }

    #[test]
    fn decomposed_input_folds_like_precomposed() {
        assert_eq!(t("Kie\u{302}\u{309}m", Form::Folded), ["kiem"]);
    }

    #[test]
    fn abbreviations_expand_both_ways() {
        assert_eq!(t("KH muốn", Form::Folded), ["kh", "khach", "hang", "muon"]);
        assert_eq!(t("KH muốn", Form::Pair), ["khach_hang", "hang_muon"]);
        assert_eq!(
            t("khách hàng muốn", Form::Pair),
            ["khach_hang", "hang_muon"]
        );
    }

    #[test]
    fn punctuation_breaks_pairs() {
        assert_eq!(t("xin lỗi. Cảm ơn", Form::Pair), ["xin_loi", "cam_on"]);
        assert_eq!(t("anh/chị", Form::Pair), ["anh_chi"]);
    }

    #[test]
    fn chinese_characters_and_bigrams() {
        assert_eq!(t("客户投诉", Form::Folded), ["客", "户", "投", "诉"]);
        assert_eq!(
            t("客户投诉,转接", Form::Pair),
            ["客_户", "户_投", "投_诉", "转_接"]
        );
        assert_eq!(t("您好!ABC公司", Form::Pair), ["您_好", "公_司"]);
    }

    #[test]
    fn russian_stems_folds_yo_and_latin_lookalikes() {
        assert_eq!(t("ребёнок", Form::Folded), t("ребенок", Form::Folded));
        // Latin "o" and "c" typed inside Cyrillic words.
        assert_eq!(t("oскорбляет", Form::Folded), t("оскорбляет", Form::Folded));
        assert_eq!(t("клиeнт", Form::Exact), ["клиент"]);
        assert_eq!(
            t("оскорбляет оператора", Form::Folded),
            t("оскорблять операторы", Form::Folded)
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn hostile_text_never_panics() {
        for s in [
            "",
            "\"unbalanced",
            "((",
            "-",
            "*",
            "😀🙈",
            "\u{200B}\u{200F}\u{202E}",
            "ｋｈａｃｈ",
            "title:x AND y",
            "\u{0301}",
        ] {
            let _ = t(s, Form::Folded);
            let _ = t(s, Form::Pair);
        }
        assert_eq!(t("ｋｈａｃｈ", Form::Folded), ["khach"]);
        assert_eq!(t("kh\u{200B}ách", Form::Folded), ["khach"]);
        let long = "khách ".repeat(2000);
        assert_eq!(t(&long, Form::Folded).len(), 2000);
    }
}
