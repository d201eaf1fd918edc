//! Vietnamese typed with the input method off: the Telex or VNI keystrokes stay in the word
//! ("khieeus", "khie61u" for "khiếu"). Decoding them is a small, fixed table; the engine keeps
//! a decoded word only where the Vietnamese dictionary knows it (`Engine::read`).

/// The vowels that carry a tone, and each with the five tones in the order
/// sắc, huyền, hỏi, ngã, nặng (the Telex keys s f r x j, the VNI digits 1-5).
const TONED: [(char, [char; 5]); 12] = [
    ('a', ['á', 'à', 'ả', 'ã', 'ạ']),
    ('ă', ['ắ', 'ằ', 'ẳ', 'ẵ', 'ặ']),
    ('â', ['ấ', 'ầ', 'ẩ', 'ẫ', 'ậ']),
    ('e', ['é', 'è', 'ẻ', 'ẽ', 'ẹ']),
    ('ê', ['ế', 'ề', 'ể', 'ễ', 'ệ']),
    ('i', ['í', 'ì', 'ỉ', 'ĩ', 'ị']),
    ('o', ['ó', 'ò', 'ỏ', 'õ', 'ọ']),
    ('ô', ['ố', 'ồ', 'ổ', 'ỗ', 'ộ']),
    ('ơ', ['ớ', 'ờ', 'ở', 'ỡ', 'ợ']),
    ('u', ['ú', 'ù', 'ủ', 'ũ', 'ụ']),
    ('ư', ['ứ', 'ừ', 'ử', 'ữ', 'ự']),
    ('y', ['ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ']),
];

fn is_vowel(c: char) -> bool {
    TONED.iter().any(|(v, _)| *v == c)
}

/// A vowel with a mark of its own (the tone goes there when the syllable has one).
fn is_marked(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// What a key does to the letters typed so far, once a vowel has been typed.
#[derive(Clone, Copy, PartialEq)]
enum Key {
    /// A tone, 0..5 as in `TONED`; `None` removes it (Telex z, VNI 0).
    Tone(Option<usize>),
    /// â ê ô (Telex aa ee oo, VNI 6).
    Hat,
    /// ơ ư, and ă (Telex w, VNI 7 and 8).
    Horn,
    Breve,
    /// đ (Telex dd, VNI 9).
    Bar,
}

fn telex_key(c: char, letters: &[char]) -> Option<Key> {
    let vowel_seen = letters.iter().any(|&l| is_vowel(l));
    Some(match c {
        's' if vowel_seen => Key::Tone(Some(0)),
        'f' if vowel_seen => Key::Tone(Some(1)),
        'r' if vowel_seen => Key::Tone(Some(2)),
        'x' if vowel_seen => Key::Tone(Some(3)),
        'j' if vowel_seen => Key::Tone(Some(4)),
        'z' if vowel_seen => Key::Tone(None),
        'w' => Key::Horn,
        'd' if letters.last() == Some(&'d') => Key::Bar,
        'a' | 'e' | 'o' if last_vowels(letters).contains(&c) => Key::Hat,
        _ => return None,
    })
}

fn vni_key(c: char) -> Option<Key> {
    Some(match c {
        '1'..='5' => Key::Tone(Some(c as usize - '1' as usize)),
        '0' => Key::Tone(None),
        '6' => Key::Hat,
        '7' => Key::Horn,
        '8' => Key::Breve,
        '9' => Key::Bar,
        _ => return None,
    })
}

/// The last run of vowels typed (the syllable's nucleus so far).
fn last_vowels(letters: &[char]) -> &[char] {
    let end = letters
        .iter()
        .rposition(|&c| is_vowel(c))
        .map_or(0, |i| i + 1);
    let start = letters[..end]
        .iter()
        .rposition(|&c| !is_vowel(c))
        .map_or(0, |i| i + 1);
    &letters[start..end]
}

/// Applies a vowel key to the nucleus; false when it has nothing to change.
fn apply(letters: &mut [char], key: Key, hat_of: Option<char>) -> bool {
    let end = letters
        .iter()
        .rposition(|&c| is_vowel(c))
        .map_or(0, |i| i + 1);
    let start = end - last_vowels(letters).len();
    let nucleus = start..end;
    let change = |letters: &mut [char], from: &[(char, char)]| {
        for i in nucleus.clone().rev() {
            if let Some((_, to)) = from.iter().find(|(f, _)| *f == letters[i]) {
                letters[i] = *to;
                return true;
            }
        }
        false
    };
    match key {
        Key::Hat => match hat_of {
            Some(v) => change(letters, &[(v, hat(v))]),
            None => change(letters, &[('a', 'â'), ('e', 'ê'), ('o', 'ô')]),
        },
        Key::Horn => {
            // "uo" + horn is ươ; else the last u or o (and, in Telex, a: ă).
            let n = &letters[nucleus.clone()];
            if let Some(k) = n.windows(2).position(|w| w == ['u', 'o']) {
                letters[start + k] = 'ư';
                letters[start + k + 1] = 'ơ';
                return true;
            }
            change(letters, &[('u', 'ư'), ('o', 'ơ'), ('a', 'ă')])
        }
        Key::Breve => change(letters, &[('a', 'ă')]),
        Key::Bar => match letters.iter().position(|&c| c == 'd') {
            Some(i) => {
                letters[i] = 'đ';
                true
            }
            None => false,
        },
        Key::Tone(_) => true,
    }
}

fn hat(v: char) -> char {
    match v {
        'a' => 'â',
        'e' => 'ê',
        _ => 'ô',
    }
}

/// Where the tone goes in a syllable (the usual "old" placement): on the vowel with a mark of its
/// own (ơ of ươ); else on the only vowel; else on the last one before a final consonant; else the
/// middle of three and the first of two ("mái", "hòa"). "qu" and "gi" before a vowel are
/// consonants.
fn tone_at(letters: &[char]) -> Option<usize> {
    let skip = match letters {
        ['q', 'u', ..] => 2,
        ['g', 'i', next, ..] if is_vowel(*next) => 2,
        _ => 0,
    };
    let first = skip + letters[skip..].iter().position(|&c| is_vowel(c))?;
    let len = letters[first..]
        .iter()
        .take_while(|&&c| is_vowel(c))
        .count();
    let nucleus = first..first + len;
    if let Some(k) = letters[nucleus.clone()].iter().rposition(|&c| is_marked(c)) {
        return Some(first + k);
    }
    let closed = first + len < letters.len();
    Some(match len {
        1 => first,
        _ if closed => nucleus.end - 1,
        3 => first + 1,
        _ => first,
    })
}

fn with_tone(c: char, tone: usize) -> char {
    TONED
        .iter()
        .find(|(v, _)| *v == c)
        .map_or(c, |(_, toned)| toned[tone])
}

/// One word's keystrokes decoded with one method's keys; `None` when no key did anything.
fn decode(word: &str, vni: bool) -> Option<String> {
    let mut letters: Vec<char> = Vec::with_capacity(word.len());
    let mut tone: Option<usize> = None;
    let mut keyed = false;
    for c in word.chars() {
        let key = if vni {
            vni_key(c)
        } else {
            telex_key(c, &letters)
        };
        let Some(key) = key else {
            if !c.is_ascii_lowercase() {
                return None;
            }
            letters.push(c);
            continue;
        };
        let hat_of = (!vni && key == Key::Hat).then_some(c);
        if let Key::Tone(t) = key {
            tone = t;
            keyed = true;
        } else if apply(&mut letters, key, hat_of) {
            keyed = true;
        } else if vni || c == 'w' {
            // A key with nothing to change: VNI's digit is not a letter; Telex's w before any
            // vowel is ư ("tw": tư).
            if c == 'w' && !letters.iter().any(|&l| is_vowel(l)) {
                letters.push('ư');
                keyed = true;
            } else {
                return None;
            }
        } else {
            letters.push(c);
        }
    }
    if !keyed {
        return None;
    }
    if let Some(t) = tone {
        let at = tone_at(&letters)?;
        letters[at] = with_tone(letters[at], t);
    }
    Some(letters.into_iter().collect())
}

/// The Vietnamese words a lower-case word reads as when it was typed in Telex or in VNI with the
/// input method off (Telex first; the same word twice is given once). A word with no key of
/// either method, or with letters outside a-z, gives none.
pub fn vietnamese_keys(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if !word
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        return out;
    }
    let has_letter = word.chars().any(|c| c.is_ascii_lowercase());
    for vni in [false, true] {
        if let Some(w) = decode(word, vni).filter(|w| *w != word && has_letter) {
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::vietnamese_keys;

    fn first(word: &str) -> String {
        vietnamese_keys(word).into_iter().next().unwrap_or_default()
    }

    #[test]
    fn telex_marks_and_tones() {
        assert_eq!(first("khieeus"), "khiếu");
        assert_eq!(first("naij"), "nại");
        assert_eq!(first("truwowngr"), "trưởng");
        assert_eq!(first("nguowif"), "người");
        assert_eq!(first("ddooir"), "đổi");
        assert_eq!(first("mangj"), "mạng");
        assert_eq!(first("chuyeenr"), "chuyển");
        assert_eq!(first("khachs"), "khách");
        assert_eq!(first("hoaf"), "hòa");
        assert_eq!(first("quas"), "quá");
        assert_eq!(first("giaf"), "già");
        assert_eq!(first("tuw"), "tư");
        assert_eq!(first("aw"), "ă");
        assert_eq!(first("w"), "ư");
        assert_eq!(first("tw"), "tư");
        assert_eq!(first("mais"), "mái");
        assert_eq!(first("ngoaif"), "ngoài");
    }

    #[test]
    fn vni_digits() {
        assert_eq!(first("khie61u"), "khiếu");
        assert_eq!(first("na5i"), "nại");
        assert_eq!(first("tru7o72ng"), "trường");
        assert_eq!(first("d9o63i"), "đổi");
        assert_eq!(first("ma5ng"), "mạng");
        assert_eq!(first("kha1ch"), "khách");
    }

    #[test]
    fn words_without_keys_read_as_nothing() {
        for w in [
            "khach",
            "ca",
            "hang",
            "gap",
            "tong",
            "dai",
            "sep",
            "5",
            "123",
            "",
            "привет",
        ] {
            assert!(
                vietnamese_keys(w).is_empty(),
                "{w}: {:?}",
                vietnamese_keys(w)
            );
        }
        // A digit that changes nothing is not VNI.
        assert!(vietnamese_keys("b2b").is_empty());
    }
}
