//! What one search answers: only the language filtered for, exact accents above folded ones, a
//! highlighted snippet, any text without an error, the nearest other cards, and the timer rules
//! when they are what matched.

use crate::engine;
use cuecard::content::Lang;

#[test]
fn language_filter_keeps_only_that_language() {
    let e = engine();
    let hits = e.search("客户投诉 клиент khách hàng", Some(Lang::Ru), 10);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.lang == Lang::Ru));
}

#[test]
fn exact_accents_rank_above_folded_matches() {
    let e = engine();
    let accented = e.search("trưởng ca", None, 5);
    let bare = e.search("truong ca", None, 5);
    assert_eq!(accented[0].id, bare[0].id);
    assert!(
        accented[0].score > bare[0].score,
        "exact accents add nothing: {} vs {}",
        accented[0].score,
        bare[0].score
    );
}

#[test]
fn hits_carry_a_highlighted_snippet() {
    let e = engine();
    let hits = e.search("клиент требует начальство", None, 3);
    let top = &hits[0];
    assert_eq!(top.id, "ru-telefon-rukovodstva");
    assert!(!top.snippet.text.is_empty());
    let h = e.search("xin lỗi khách hàng", Some(Lang::Vi), 1);
    let marked = h[0].snippet.marked("[", "]");
    assert!(
        marked.contains("[xin]") || marked.contains("[Xin]"),
        "{marked}"
    );
}

#[test]
fn any_text_is_searched_never_an_error() {
    let e = engine();
    let long = "khách hàng muốn gặp trưởng ca ".repeat(350);
    for q in [
        "\"unbalanced",
        "AND",
        "title:",
        "*",
        "((",
        "-",
        "😀",
        "\u{200B}",
        "ｋｈａｃｈ",
        "",
        "   ",
        "a OR b NOT c",
        "\u{202E}ca",
        long.as_str(),
    ] {
        // `try_search`: an internal error of the index fails the test (`search` would hide it
        // as "no hits").
        if let Err(err) = e.try_search(q, None, 10) {
            panic!("{q:?}: {err}");
        }
    }
    assert!(e.search("😀", None, 10).is_empty());
    assert!(!e.search(&long, None, 10).is_empty());
    assert_eq!(
        e.search("ｔｒｕｏｎｇ ｃａ", None, 1)[0].id,
        e.search("truong ca", None, 1)[0].id
    );
}

#[test]
fn related_procedures_are_the_nearest_others() {
    let e = engine();
    let related = e.related("vi-gap-truong-ca", 4, None);
    assert!(!related.is_empty() && related.len() <= 4);
    assert!(
        related.iter().all(|h| h.id != "vi-gap-truong-ca"),
        "never itself"
    );
    // The other cards of the same source situation (meeting an operator, not taking the call now).
    assert!(
        related
            .iter()
            .take(3)
            .any(|h| h.id == "vi-gap-dtv-trong-tong-dai" || h.id == "vi-khong-the-tiep-nhan-ngay"),
        "{:?}",
        related.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
    assert!(e.related("no-such-id", 4, None).is_empty());
}

#[test]
fn timer_rules_are_searched_and_shown_when_they_are_what_matched() {
    let e = engine();
    let hits = e.search("gọi lại sau 3 đến 7 ngày", None, 3);
    assert_eq!(hits[0].id, "vi-kh-dang-khieu-nai", "{hits:?}");
    assert!(
        hits[0].snippet.text.starts_with("Gọi lại sau 3 đến 7 ngày"),
        "the rule is the snippet: {}",
        hits[0].snippet.text
    );
    let hits = e.search("gọi lại trong vòng 2 giờ chuyển mạng", None, 3);
    assert!(
        hits.iter().any(|h| h.id == "vi-chuyen-mang-bi-dong"
            && h.snippet.text.contains("Gọi lại trong vòng 2 giờ")),
        "{hits:?}"
    );
}
