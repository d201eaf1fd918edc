//! Sections and headings: every part of a card's `source.section` stands in its source, and a
//! card keeps its own source heading among its situations. A reread of the cards found each
//! problem these catch: the tests keep it found.

use crate::{padded, procedures, seeds, source_body, words};

/// The places a card's `source.section` names (split on " + "), each as its headings,
/// outermost first (split on " › ").
fn section_places(section: &str) -> Vec<Vec<&str>> {
    section
        .split(" + ")
        .map(|place| place.split(" › ").map(str::trim).collect())
        .collect()
}

#[test]
fn every_section_is_found_in_its_source() {
    let sources: Vec<(String, String)> = seeds()
        .into_iter()
        .map(|(name, text)| {
            let body = padded(&source_body(&name, &text));
            (name, body)
        })
        .collect();
    let mut problems = Vec::new();
    for p in procedures() {
        let Some((_, body)) = sources.iter().find(|(n, _)| *n == p.source.file) else {
            problems.push(format!(
                "{}: source file {} is not a source document",
                p.id, p.source.file
            ));
            continue;
        };
        for part in section_places(&p.source.section).into_iter().flatten() {
            let want = padded(part);
            if want.trim().is_empty() {
                problems.push(format!(
                    "{}: empty part in section {:?}",
                    p.id, p.source.section
                ));
            } else if !body.contains(&want) {
                problems.push(format!(
                    "{}: section part {part:?} (normalised {:?}) is not in {}",
                    p.id,
                    want.trim(),
                    p.source.file
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "sections not found in their sources:\n{}",
        problems.join("\n")
    );
}

/// A heading or situation, normalised, without the enumerator the source puts before its
/// headings ("1.", "7)", "a", "TH 2:", "Bước 1:"): a card's situations name the heading, not
/// its number.
fn without_enumerator(text: &str) -> String {
    let w = words(text);
    let is_num = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let skip = match w.as_slice() {
        [kw, n, _, ..] if (kw == "th" || kw == "bước") && is_num(n) => 2,
        [n, _, ..] if is_num(n) => 1,
        [l, _, ..] if l.len() == 1 && l.chars().all(|c| c.is_ascii_lowercase()) => 1,
        _ => 0,
    };
    w[skip..].join(" ")
}

/// The heading a card is about: the last heading of the first place its section names.
/// One precise exception: source 002 gives its three situations no titles; each starts with the
/// heading "1 Nhận diện" (identify the customer), under which the situation is described, so a
/// section ending in that heading names its situation in the part before it
/// ("Khách hàng đang sử dụng dịch vụ MobiFone và đang có khiếu nại … › 1 Nhận diện").
fn own_heading(section: &str) -> String {
    let places = section_places(section);
    let first = &places[0];
    let mut i = first.len() - 1;
    if i > 0 && without_enumerator(first[i]) == "nhận diện" {
        i -= 1;
    }
    without_enumerator(first[i])
}

#[test]
fn each_card_keeps_its_own_source_heading_among_its_situations() {
    let mut problems = Vec::new();
    for p in procedures() {
        let heading = own_heading(&p.source.section);
        let situations: Vec<String> = p.situations.iter().map(|s| without_enumerator(s)).collect();
        if !situations.contains(&heading) {
            problems.push(format!(
                "{}: its source heading {heading:?} (from section {:?}) is not among its situations {situations:?}",
                p.id, p.source.section
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn own_heading_rule_reads_the_section_as_documented() {
    assert_eq!(own_heading("TH 1: Khác tổng đài"), "khác tổng đài");
    assert_eq!(
        own_heading("A › Bước 1: Tiếp nhận cuộc gọi + B"),
        "tiếp nhận cuộc gọi"
    );
    assert_eq!(
        own_heading("Khách hàng bị động › 1 Nhận diện + 2 Hành động"),
        "khách hàng bị động"
    );
    assert_eq!(own_heading("7) Клиент агрессивно"), "клиент агрессивно");
    assert_eq!(own_heading("3 转接电话"), "转 接 电 话");
    assert_eq!(
        own_heading("c Đối với khách hàng doanh nghiệp"),
        "đối với khách hàng doanh nghiệp"
    );
}
