//! The tables of `understand`: keyboard layouts, transliteration, pinyin input, fillers.

use super::*;
use crate::text::words;

#[test]
fn latin_keys_read_as_the_russian_layout() {
    for (typed, meant) in [
        ("rkbtyn", "клиент"),
        ("euhj;ftn", "угрожает"),
        ("cgfv", "спам"),
        ("ltnb", "дети"),
        ("vxc", "мчс"),
        ("j,tcgtxtybt", "обеспечение"),
        ("[jxe", "хочу"),
        ("gjl]tpl", "подъезд"),
        ("'nj", "это"),
        ("`krf", "ёлка"),
        ("ghbdtn?", "привет,"),
        ("Rkbtyn", "Клиент"),
        ("{JXE", "ХОЧУ"),
    ] {
        assert_eq!(latin_keys_as_russian(typed).unwrap(), meant, "{typed}");
    }
    assert_eq!(latin_keys_as_russian("клиент"), None);
    assert_eq!(latin_keys_as_russian("123"), None);
}

#[test]
fn cyrillic_keys_read_as_the_latin_layout() {
    assert_eq!(russian_keys_as_latin("МШЗ").as_deref(), Some("VIP"));
    assert_eq!(russian_keys_as_latin("ьтз").as_deref(), Some("mnp"));
    assert_eq!(russian_keys_as_latin("ЛЬ").as_deref(), Some("KM"));
    assert_eq!(russian_keys_as_latin("vip"), None);
    // Every Russian letter has its key, and the two maps undo each other.
    for c in "йцукенгшщзхъфывапролджэячсмитьбюё".chars() {
        let l = russian_key_as_latin(c).unwrap();
        assert_eq!(latin_key_as_russian(l), Some(c), "{c}");
    }
}

#[test]
fn transliteration_table() {
    for (typed, meant) in [
        ("klient", "клиент"),
        ("ugrozhaet", "угрожает"),
        ("operatoru", "оператору"),
        ("ne", "не"),
        ("slyshno", "слышно"),
        ("abonenta", "абонента"),
        ("zvonok", "звонок"),
        ("rebenka", "ребенка"),
        ("telefon", "телефон"),
        ("rukovodstva", "руководства"),
        ("medlennaya", "медленная"),
        ("khamit", "хамит"),
        ("hamit", "хамит"),
        ("chelovek", "человек"),
        ("shum", "шум"),
        ("shchit", "щит"),
        ("schet", "щет"),
        ("tsentr", "центр"),
        ("centr", "центр"),
        ("yazyk", "язык"),
        ("jazyk", "язык"),
        ("yubka", "юбка"),
        ("jubka", "юбка"),
        ("yozh", "ёж"),
        ("joj", "ёй"),
        ("eto", "это"),
        ("moy", "мой"),
        ("moj", "мой"),
        ("malchik", "мальчик"),
        ("obyasnit", "объяснит"),
        ("semya", "семья"),
        ("den'", "день"),
        ("rech", "реч"),
    ] {
        let got = transliterations(typed, 16);
        assert!(
            got.iter().any(|g| g == meant),
            "{typed}: {meant} not in {got:?}"
        );
    }
    assert_eq!(transliterations("klient", 16)[0], "клиент", "usual first");
    assert!(transliterations("medlennaya", 8).len() <= 8, "capped");
    assert!(transliterations("Klient", 8).is_empty(), "lower case only");
    assert!(transliterations("khách", 8).is_empty());
    assert!(transliterations(&"shch".repeat(40), 8).len() <= 8);
}

#[test]
fn short_lists_sort_stably() {
    let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
    sort_short(&mut v, |a, b| a.0 < b.0);
    assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    let mut empty: [u8; 0] = [];
    sort_short(&mut empty, |a, b| a < b);
}

#[test]
fn pinyin_splits_into_the_fewest_known_syllables() {
    let known = [
        "tou", "su", "zhu", "zhuan", "an", "jie", "dian", "hua", "di",
    ];
    let is = |s: &str| known.contains(&s);
    assert_eq!(pinyin_syllables("tousu", is).unwrap(), ["tou", "su"]);
    assert_eq!(pinyin_syllables("zhuanjie", is).unwrap(), ["zhuan", "jie"]);
    assert_eq!(pinyin_syllables("dianhua", is).unwrap(), ["dian", "hua"]);
    assert_eq!(pinyin_syllables("tou", is).unwrap(), ["tou"]);
    assert_eq!(pinyin_syllables("transfer", is), None);
    assert_eq!(pinyin_syllables("", is), None);
}

fn weighed(text: &str) -> Vec<(String, f32)> {
    let ws = words(text);
    ws.iter()
        .map(|w| w.exact.clone())
        .zip(weights(text, &ws))
        .collect()
}

fn weight_of(text: &str, word: &str) -> f32 {
    weighed(text)
        .into_iter()
        .find(|(w, _)| w == word)
        .unwrap_or_else(|| panic!("{word} not in {text}"))
        .1
}

#[test]
fn pasted_sentences_weigh_their_situation_above_greetings_names_and_numbers() {
    let t = "Здравствуйте, это Иван, 89161234567, вы меня слышите? алло";
    assert_eq!(weight_of(t, "здравствуйте"), FILLER);
    assert_eq!(weight_of(t, "алло"), FILLER);
    assert_eq!(weight_of(t, "иван"), NAME);
    assert_eq!(weight_of(t, "89161234567"), DIGITS);
    assert_eq!(weight_of(t, "слышите"), MEANING);
    let t = "Алло, это Петр Иванович, 8 916 555 12 34, хочу поговорить с директором";
    assert_eq!(weight_of(t, "петр"), NAME);
    assert_eq!(weight_of(t, "иванович"), NAME);
    assert_eq!(weight_of(t, "916"), DIGITS);
    assert_eq!(weight_of(t, "34"), DIGITS);
    assert_eq!(weight_of(t, "директором"), MEANING);
    let t = "chị Hoa 0987654321 muốn chuyển mạng sang viettel giữ số";
    assert_eq!(weight_of(t, "hoa"), NAME);
    assert_eq!(weight_of(t, "chị"), MEANING);
    assert_eq!(weight_of(t, "0987654321"), DIGITS);
    assert_eq!(weight_of(t, "mạng"), MEANING);
    let t = "dạ alo em chào chị ạ, chị bị trừ tiền";
    assert_eq!(weight_of(t, "dạ"), FILLER);
    assert_eq!(weight_of(t, "ạ"), FILLER);
    assert_eq!(weight_of(t, "tiền"), MEANING);
    let w = weighed("我是王先生，电话13812345678，我要投诉你们的服务");
    let of = |c: &str| w.iter().find(|(x, _)| x == c).unwrap().1;
    assert_eq!(of("王"), NAME);
    assert_eq!(of("生"), NAME);
    assert_eq!(of("13812345678"), DIGITS);
    assert_eq!(of("投"), MEANING);
    assert_eq!(of("诉"), MEANING);
    let w = weighed("您好，喂，转接");
    assert_eq!(w[0].1, FILLER);
    assert_eq!(w[2].1, FILLER);
    assert_eq!(w[3].1, MEANING);
    // Short numbers are the situation's own ("gọi lại sau 3 đến 7 ngày").
    assert_eq!(weight_of("gọi lại sau 3 đến 7 ngày", "3"), MEANING);
    assert_eq!(weight_of("trong vòng 2 giờ", "2"), MEANING);
}
