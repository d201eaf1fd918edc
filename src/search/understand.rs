//! How an operator's text is read besides as typed: Russian typed on the Latin keyboard layout
//! (and back), Russian in Latin letters (informal transliteration), Vietnamese typed in Telex or
//! VNI with the input method off, pinyin syllables, and which words of a pasted sentence carry
//! the situation (greetings, fillers, names and phone numbers weigh less). Pure functions over
//! strings, the same natively and in the page; the engine keeps only the readings its
//! dictionaries know (`Engine::read`).

use crate::text::{Script, Word};

mod vietnamese_keys;
pub use vietnamese_keys::vietnamese_keys;

/// The Russian ЙЦУКЕН letter on each key of the Latin (QWERTY) layout; the punctuation keys are
/// letters there (`;` ж, `'` э, `,` б, `.` ю, `[` х, `]` ъ, `` ` `` ё), and the Russian
/// layout's comma and full stop sit on `?` and `/`.
fn latin_key_as_russian(c: char) -> Option<char> {
    let lower = c.to_ascii_lowercase();
    let r = match lower {
        'q' => 'й',
        'w' => 'ц',
        'e' => 'у',
        'r' => 'к',
        't' => 'е',
        'y' => 'н',
        'u' => 'г',
        'i' => 'ш',
        'o' => 'щ',
        'p' => 'з',
        '[' | '{' => 'х',
        ']' | '}' => 'ъ',
        'a' => 'ф',
        's' => 'ы',
        'd' => 'в',
        'f' => 'а',
        'g' => 'п',
        'h' => 'р',
        'j' => 'о',
        'k' => 'л',
        'l' => 'д',
        ';' | ':' => 'ж',
        '\'' | '"' => 'э',
        'z' => 'я',
        'x' => 'ч',
        'c' => 'с',
        'v' => 'м',
        'b' => 'и',
        'n' => 'т',
        'm' => 'ь',
        ',' | '<' => 'б',
        '.' | '>' => 'ю',
        '`' | '~' => 'ё',
        '/' => '.',
        '?' => ',',
        _ => return None,
    };
    // Shift on a punctuation key types the capital letter there.
    Some(if c.is_ascii_uppercase() || "{}:\"<>~".contains(c) {
        cyrillic_capital(r)
    } else {
        r
    })
}

/// The capital of a lower-case Russian letter (by code point: `char::to_uppercase` would link
/// the whole Unicode case table into the page, 15 KB).
fn cyrillic_capital(c: char) -> char {
    match c {
        'ё' => 'Ё',
        'а'..='я' => char::from_u32(c as u32 - 0x20).unwrap_or(c),
        _ => c,
    }
}

/// The same keys the other way: what a Cyrillic letter's key types on the Latin layout.
fn russian_key_as_latin(c: char) -> Option<char> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let l = match lower {
        'й' => 'q',
        'ц' => 'w',
        'у' => 'e',
        'к' => 'r',
        'е' => 't',
        'н' => 'y',
        'г' => 'u',
        'ш' => 'i',
        'щ' => 'o',
        'з' => 'p',
        'х' => '[',
        'ъ' => ']',
        'ф' => 'a',
        'ы' => 's',
        'в' => 'd',
        'а' => 'f',
        'п' => 'g',
        'р' => 'h',
        'о' => 'j',
        'л' => 'k',
        'д' => 'l',
        'ж' => ';',
        'э' => '\'',
        'я' => 'z',
        'ч' => 'x',
        'с' => 'c',
        'м' => 'v',
        'и' => 'b',
        'т' => 'n',
        'ь' => 'm',
        'б' => ',',
        'ю' => '.',
        'ё' => '`',
        _ => return None,
    };
    Some(if lower != c {
        l.to_ascii_uppercase()
    } else {
        l
    })
}

/// A chunk of text (no spaces) typed in Latin letters on keys meant for Russian: the Cyrillic the
/// same keys give. `None` unless it has a Latin letter and only ASCII.
pub fn latin_keys_as_russian(chunk: &str) -> Option<String> {
    if !chunk.is_ascii() || !chunk.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(
        chunk
            .chars()
            .map(|c| latin_key_as_russian(c).unwrap_or(c))
            .collect(),
    )
}

/// A chunk typed in Cyrillic on keys meant for Latin ("МШЗ" for VIP): the Latin the keys give.
/// `None` unless every letter is Cyrillic.
pub fn russian_keys_as_latin(chunk: &str) -> Option<String> {
    let letters = || chunk.chars().filter(|c| c.is_alphabetic());
    if letters().next().is_none() || !letters().all(|c| russian_key_as_latin(c).is_some()) {
        return None;
    }
    Some(
        chunk
            .chars()
            .map(|c| russian_key_as_latin(c).unwrap_or(c))
            .collect(),
    )
}

/// Informal transliteration of Russian, as typed in chats: each Latin spelling and the Cyrillic
/// it may stand for, most usual first. Longer spellings are tried before their letters alone.
const TRANSLIT: &[(&str, &[&str])] = &[
    ("shch", &["щ"]),
    ("sch", &["щ"]),
    ("zh", &["ж"]),
    ("kh", &["х"]),
    ("ch", &["ч"]),
    ("sh", &["ш"]),
    ("ts", &["ц"]),
    ("tz", &["ц"]),
    ("ya", &["я"]),
    ("ja", &["я"]),
    ("yu", &["ю"]),
    ("ju", &["ю"]),
    ("yo", &["ё"]),
    ("jo", &["ё"]),
    ("ye", &["е"]),
    ("je", &["е"]),
    ("a", &["а"]),
    ("b", &["б"]),
    ("v", &["в"]),
    ("w", &["в"]),
    ("g", &["г"]),
    ("d", &["д"]),
    ("e", &["е", "э"]),
    ("z", &["з"]),
    ("i", &["и", "й"]),
    ("y", &["ы", "й"]),
    ("j", &["й"]),
    ("k", &["к"]),
    ("l", &["л"]),
    ("m", &["м"]),
    ("n", &["н"]),
    ("o", &["о"]),
    ("p", &["п"]),
    ("r", &["р"]),
    ("s", &["с"]),
    ("t", &["т"]),
    ("u", &["у"]),
    ("f", &["ф"]),
    ("h", &["х"]),
    ("c", &["ц", "к"]),
    ("x", &["кс", "х"]),
    ("q", &["к"]),
    ("'", &["ь"]),
];

/// Sorts a short list in place, keeping equal items in their order: `before(a, b)` says `a`
/// goes first. An insertion sort: the standard library's stable sort is instantiated anew for
/// every element type and comparison, and the six this module and the engine would add cost the
/// page 24 KB of code; these lists hold tens of items.
pub fn sort_short<T>(v: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Partial spellings kept per position while reading a word (the cheapest first).
const BEAM: usize = 24;

fn is_consonant(c: char) -> bool {
    "бвгджзклмнпрстфхцчшщ".contains(c)
}

/// The Cyrillic spellings a Latin word may stand for, most likely first, at most `cap`: every
/// step away from the usual reading (a rarer letter, two letters read apart, a silent ь or ъ
/// added) costs one, and the cheapest readings come first. `None` for a word that is not plain
/// lower-case ASCII letters.
pub fn transliterations(word: &str, cap: usize) -> Vec<String> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
        return Vec::new();
    }
    let bytes = word.as_bytes();
    let n = bytes.len();
    // states[i]: readings of word[..i], with their cost.
    let mut states: Vec<Vec<(String, u32)>> = vec![Vec::new(); n + 1];
    states[0].push((String::new(), 0));
    for i in 0..n {
        let mut here = std::mem::take(&mut states[i]);
        sort_short(&mut here, |a, b| a.1 < b.1);
        here.truncate(BEAM);
        let longest = TRANSLIT
            .iter()
            .filter(|(k, _)| bytes[i..].starts_with(k.as_bytes()))
            .map(|(k, _)| k.len())
            .max()
            .unwrap_or(0);
        for (key, options) in TRANSLIT
            .iter()
            .filter(|(k, _)| bytes[i..].starts_with(k.as_bytes()))
        {
            let apart = u32::from(key.len() < longest);
            for (k, out) in options.iter().enumerate() {
                for (prefix, cost) in &here {
                    let mut s = prefix.clone();
                    s.push_str(out);
                    let c = cost + k as u32 + apart;
                    let j = i + key.len();
                    let ends_consonant = s.chars().last().is_some_and(is_consonant);
                    // A silent soft or hard sign after a consonant ("malchik", "obyasnit").
                    if ends_consonant && j < n {
                        states[j].push((format!("{s}ь"), c + 1));
                        if matches!(bytes[j], b'y' | b'j') {
                            states[j].push((format!("{s}ъ"), c + 1));
                        }
                    }
                    states[j].push((s, c));
                }
            }
        }
    }
    let mut done = std::mem::take(&mut states[n]);
    sort_short(&mut done, |a, b| a.1 < b.1);
    let mut out: Vec<String> = Vec::new();
    for (s, _) in done {
        if !out.contains(&s) {
            out.push(s);
            if out.len() == cap {
                break;
            }
        }
    }
    out
}

/// Splits a run of Latin letters into pinyin syllables that `is_syllable` accepts (the engine asks
/// its pinyin dictionaries), in as few syllables as possible ("zhuanjie" → zhuan jie, not
/// zhu an jie); `None` when it does not split.
pub fn pinyin_syllables(word: &str, is_syllable: impl Fn(&str) -> bool) -> Option<Vec<String>> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let n = word.len();
    // best[i]: the fewest syllables for word[..i], and where the last one starts.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for end in 1..=n {
        for start in end.saturating_sub(6)..end {
            let Some((count, _)) = best[start] else {
                continue;
            };
            if best[end].is_some_and(|(c, _)| c <= count + 1) {
                continue;
            }
            if is_syllable(&word[start..end]) {
                best[end] = Some((count + 1, start));
            }
        }
    }
    best[n]?;
    let mut out = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, start) = best[end]?;
        out.push(word[start..end].to_string());
        end = start;
    }
    out.reverse();
    Some(out)
}

/// The weight of a word that carries the situation.
pub const MEANING: f32 = 1.0;
/// Greetings and fillers: "алло", "здравствуйте", "dạ", "ạ", "您好".
pub const FILLER: f32 = 0.2;
/// A caller's name after "это", "tôi là", "我是", "chị".
pub const NAME: f32 = 0.1;
/// Phone numbers and ids: long runs of digits.
pub const DIGITS: f32 = 0.05;

/// Greetings and fillers, as the analyzer writes them (lower case, ё as е).
const FILLERS: &[&str] = &[
    "алло",
    "ало",
    "алле",
    "але",
    "здравствуйте",
    "здравствуй",
    "здрасте",
    "здрасьте",
    "привет",
    "добрый",
    "доброе",
    "день",
    "вечер",
    "утро",
    "пожалуйста",
    "слушаю",
    "ну",
    "вот",
    "эээ",
    "ээ",
    // Pronouns of a caller's sentence ("вы меня слышите?"): the verb says what happens.
    "вы",
    "вас",
    "вам",
    "меня",
    "мне",
    "dạ",
    "ạ",
    "alo",
    "allo",
    "vâng",
    "chào",
    "ơi",
    "nhé",
    "nha",
    "ừ",
    "hello",
    "hi",
    "hey",
    "please",
    "um",
    "uh",
    // English function words: an operator's English says the situation in its nouns and verbs.
    "the",
    "a",
    "an",
    "is",
    "are",
    "on",
    "in",
    "at",
    "to",
    "of",
    "for",
    "with",
    "my",
    "your",
    "me",
    "you",
];

/// Han greetings and fillers (each character is a word). Pronouns, particles and question words of a caller's sentence ("你们领导电话多少") count as
/// fillers too: the noun says what happens.
const HAN_FILLERS: &[&str] = &[
    "您好", "你好", "喂", "嗯", "请问", "你们", "我们", "你", "我", "的", "了", "吗", "呢", "吧",
    "啊", "多少", "什么", "怎么", "一下",
];

/// Words after which capitalised words are the caller's name.
const NAME_MARKERS: &[&[&str]] = &[
    &["это"],
    &["меня", "зовут"],
    &["зовут"],
    &["я"],
    &["tôi", "là"],
    &["em", "là"],
    &["mình", "là"],
    &["tên", "là"],
    &["chị"],
    &["anh"],
    &["em"],
    &["cô"],
    &["chú"],
    &["bác"],
    &["this", "is"],
    &["my", "name", "is"],
    &["i", "am"],
];

/// Han self-introductions: the characters after them, up to punctuation (at most four), are a name.
const HAN_NAME_MARKERS: &[&str] = &["我是", "我叫", "我姓"];

/// How much each word of a query counts (`MEANING`, or less for greetings, fillers, the caller's
/// name and phone numbers), so a pasted sentence is searched by its situation. `text` is the
/// string `words` was analysed from.
pub fn weights(text: &str, words: &[Word]) -> Vec<f32> {
    let mut w = vec![MEANING; words.len()];
    let digits_only = |x: &Word| x.exact.chars().all(|c| c.is_ascii_digit());
    // Runs of digit words: a long number, or a number typed in groups ("8 916 555 12 34").
    let mut i = 0;
    while i < words.len() {
        if !digits_only(&words[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = 0;
        while j < words.len() && digits_only(&words[j]) && (j == i || words[j].joins_previous) {
            digits += words[j].exact.len();
            j += 1;
        }
        if digits >= 5 || j - i >= 3 {
            w[i..j].iter_mut().for_each(|x| *x = DIGITS);
        }
        i = j;
    }
    for (k, word) in words.iter().enumerate() {
        if FILLERS.contains(&word.exact.as_str()) {
            w[k] = w[k].min(FILLER);
        }
    }
    // Han fillers and introductions: sequences of adjacent characters.
    let han_at = |k: usize, s: &str| -> bool {
        s.chars().enumerate().all(|(n, c)| {
            words.get(k + n).is_some_and(|x| {
                x.script == Script::Han
                    && x.exact.starts_with(c)
                    && x.exact.len() == c.len_utf8()
                    && (n == 0 || x.joins_previous)
            })
        })
    };
    for k in 0..words.len() {
        for f in HAN_FILLERS {
            if han_at(k, f) {
                let n = f.chars().count();
                w[k..k + n].iter_mut().for_each(|x| *x = x.min(FILLER));
            }
        }
        for m in HAN_NAME_MARKERS {
            if han_at(k, m) {
                let mut j = k + 2;
                while j < words.len() && j < k + 6 && words[j].script == Script::Han {
                    if j > k + 2 && !words[j].joins_previous {
                        break;
                    }
                    w[j] = w[j].min(NAME);
                    j += 1;
                }
                w[k..k + 2].iter_mut().for_each(|x| *x = x.min(FILLER));
            }
        }
    }
    // A marker then capitalised words ("это Петр Иванович", "chị Hoa"): the name.
    let capitalised = |x: &Word| {
        text.get(x.start..x.end)
            .and_then(|s| s.chars().next())
            // (Not `char::is_uppercase`: its table is not otherwise in the page.)
            .is_some_and(|c| c.to_lowercase().next() != Some(c))
            && x.script != Script::Han
    };
    for k in 0..words.len() {
        for m in NAME_MARKERS {
            let fits = m
                .iter()
                .enumerate()
                .all(|(n, s)| words.get(k + n).is_some_and(|x| x.exact == *s));
            if !fits {
                continue;
            }
            let mut j = k + m.len();
            let start = j;
            while j < words.len() && j < start + 3 && capitalised(&words[j]) {
                if j > start && !words[j].joins_previous {
                    break;
                }
                w[j] = w[j].min(NAME);
                j += 1;
            }
            // The marker itself says nothing about the situation once it introduced a name.
            if j > start && (m.len() > 1 || m[0] == "это") {
                w[k..start].iter_mut().for_each(|x| *x = x.min(FILLER));
            }
        }
    }
    w
}

#[cfg(test)]
mod tests;
