//! The shipped content: every file is valid, and it says what the five source documents say.
//! Coverage = share of each source's word 4-grams (Han characters count as words) found in the content.
#![cfg(not(target_arch = "wasm32"))]

use cuecard::content::load_dir;
use cuecard::content::{CountFrom, Lang, Procedure, Step};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds_dir() -> PathBuf {
    std::env::var_os("CUECARD_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/seeds"))
}

fn procedures() -> Vec<Procedure> {
    load_dir(&root().join("content"))
        .unwrap_or_else(|e| panic!("content does not pass kb check:\n{e}"))
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Lowercase, NFC, underscores as spaces, punctuation dropped; Han characters are one word each.
fn words(text: &str) -> Vec<String> {
    let norm: String = text
        .nfc()
        .collect::<String>()
        .to_lowercase()
        .replace('_', " ");
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in norm.chars() {
        if is_han(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn grams(words: &[String], n: usize) -> Vec<String> {
    words.windows(n).map(|w| w.join(" ")).collect()
}

/// Scraped-page notices and navigation, which are not content.
const FURNITURE: [&str; 9] = [
    "book118",
    "足球投注",
    "版权申诉",
    "VIP文档",
    "文档评论",
    "下载",
    "第 3 页 共 5 页",
    "HiRes",
    "查看更多",
];

/// The body of a source document without its page furniture.
fn source_body(name: &str, text: &str) -> String {
    let mut t = text.to_string();
    if name.starts_with("003_") {
        let start = t.find("热线电话接听规范").expect("003 title");
        t = t[start..].to_string();
        // The table of contents repeats section titles with page numbers.
        let toc_end = t.find("1 热线电话接听 热线").expect("003 toc end");
        t = t[toc_end..].to_string();
    }
    for f in FURNITURE {
        t = t.replace(f, " ");
    }
    t.replace("文档评论(0)", " ")
}

fn seeds() -> Vec<(String, String)> {
    let dir = seeds_dir();
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("source documents not found at {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert_eq!(
        out.len(),
        5,
        "expected the five source documents in {}",
        dir.display()
    );
    out
}

#[test]
fn every_content_file_passes_and_there_are_enough() {
    let procs = procedures();
    assert!(procs.len() >= 25, "only {} procedures", procs.len());
    for lang in Lang::ALL {
        assert!(
            procs.iter().filter(|p| p.lang == lang).count() >= 5,
            "too few procedures in {lang:?}"
        );
    }
    for p in &procs {
        assert!(
            p.situations.len() >= 3,
            "{}: give at least 3 situations",
            p.id
        );
        let text = p.text();
        assert!(
            !text.contains('_') || text.contains('{'),
            "{}: word-segmentation underscore left in text",
            p.id
        );
    }
}

#[test]
fn every_source_document_is_cited() {
    let procs = procedures();
    for (name, _) in seeds() {
        let n = procs.iter().filter(|p| p.source.file == name).count();
        assert!(n >= 3, "{name} is cited by only {n} procedures");
    }
    let names: HashSet<String> = seeds().into_iter().map(|(n, _)| n).collect();
    for p in &procs {
        assert!(
            names.contains(&p.source.file),
            "{}: source file {} is not a source document",
            p.id,
            p.source.file
        );
    }
}

/// A procedure's text in source order: its section heading, steps, then cautions and notes.
fn coverage_text(p: &Procedure) -> String {
    let mut parts: Vec<&str> = vec![&p.title, &p.source.section];
    parts.extend(p.step_texts());
    parts.extend(p.cautions.iter().map(String::as_str));
    parts.extend(p.notes.iter().map(String::as_str));
    parts.join("\n")
}

/// Coverage of one source by the content: (share of the source's 4-grams found, share of the
/// source's words inside at least one found 4-gram). The second ignores where the content starts
/// a new step or section (a 4-gram across that seam is lost) but still misses every dropped word.
fn coverage(source: &[String], have: &HashSet<String>) -> (f64, f64, Vec<String>) {
    let grams = grams(source, 4);
    let found: Vec<bool> = grams.iter().map(|g| have.contains(g)).collect();
    let mut covered = vec![false; source.len()];
    for (i, f) in found.iter().enumerate() {
        if *f {
            covered[i..i + 4].iter_mut().for_each(|c| *c = true);
        }
    }
    let missing: Vec<String> = source
        .iter()
        .zip(&covered)
        .enumerate()
        .filter(|(_, (_, c))| !**c)
        .map(|(i, (w, _))| format!("{w}@{i}"))
        .collect();
    let gram_share = found.iter().filter(|f| **f).count() as f64 / grams.len().max(1) as f64;
    let word_share = covered.iter().filter(|c| **c).count() as f64 / source.len().max(1) as f64;
    (gram_share, word_share, missing)
}

#[test]
fn content_covers_each_source_document() {
    let procs = procedures();
    let content: String = procs
        .iter()
        .map(coverage_text)
        .collect::<Vec<_>>()
        .join("\n");
    let have: HashSet<String> = grams(&words(&content), 4).into_iter().collect();
    let mut report = Vec::new();
    let mut failed = false;
    for (name, text) in seeds() {
        let source = words(&source_body(&name, &text));
        let (gram_share, word_share, missing) = coverage(&source, &have);
        report.push(format!(
            "{name}: words covered {word_share:.3}, 4-grams found {gram_share:.3} ({} words)",
            source.len()
        ));
        if word_share < 0.9 {
            failed = true;
        }
        if word_share < 0.97 {
            report.push(format!("  uncovered: {}", missing.join(" ")));
        }
    }
    println!("{}", report.join("\n"));
    assert!(!failed, "coverage below 0.9:\n{}", report.join("\n"));
}

#[test]
fn coverage_measure_can_fail() {
    let source = words("một hai ba bốn năm sáu bảy tám");
    let have: HashSet<String> = grams(&words("một hai ba bốn"), 4).into_iter().collect();
    let (g, w, missing) = coverage(&source, &have);
    assert_eq!(missing.len(), 4);
    assert!((w - 0.5).abs() < 1e-9 && g < 0.21, "{g} {w}");
    assert_eq!(coverage(&source, &HashSet::new()).1, 0.0);
}

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

#[test]
fn the_example_in_the_content_guide_is_valid() {
    let guide = std::fs::read_to_string(root().join("content/README.md")).unwrap();
    let start = guide.find("```markdown\n").expect("example block") + "```markdown\n".len();
    let end = start + guide[start..].find("\n```\n").expect("example end") + 1;
    let p = cuecard::content::parse::parse_file(
        Path::new("content/README.md"),
        &guide.as_bytes()[start..end],
    )
    .unwrap_or_else(|e| panic!("the guide's example does not parse: {e:?}"));
    assert_eq!(p.id, "vi-gap-truong-ca");
    assert_eq!(p.timers.hold_limit_secs, Some(60));
    assert_eq!(p.steps.len(), 3);
}

// ---------------------------------------------------------------------------------------------
// Sections, headings, remarks, punctuation, numbering, links: what a reread found, kept found.

/// Text normalised as the coverage test does (its `words`), as one string with a space either
/// side, so that `contains(&padded(part))` matches whole words only.
fn padded(text: &str) -> String {
    format!(" {} ", words(text).join(" "))
}

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

/// Everything an operator sees of a card, with where it is shown.
fn visible_texts(p: &Procedure) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = vec![("title", p.title.clone())];
    out.extend(p.situations.iter().map(|t| ("situation", t.clone())));
    out.extend(p.cautions.iter().map(|t| ("caution", t.clone())));
    out.extend(p.step_texts().into_iter().map(|t| ("step", t.to_string())));
    out.extend(p.notes.iter().map(|t| ("note", t.clone())));
    for c in &p.timers.callbacks {
        out.push(("callback reason", c.reason.clone()));
        if let CountFrom::Entered { label } = &c.from {
            out.push(("callback start", label.clone()));
        }
    }
    out
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

/// Every card parsed on its own, without the loader's cross-file checks: the link check below
/// is then this test's own, not only `kb check`'s.
fn cards_parsed_one_by_one() -> Vec<Procedure> {
    let dir = root().join("content");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("README.md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            cuecard::content::parse::parse_file(p, &std::fs::read(p).unwrap())
                .unwrap_or_else(|e| panic!("{} does not parse: {e:?}", p.display()))
        })
        .collect()
}

#[test]
fn links_resolve_and_alternatives_exist() {
    let procs = cards_parsed_one_by_one();
    let ids: HashSet<&str> = procs.iter().map(|p| p.id.as_str()).collect();
    let mut problems = Vec::new();
    for p in &procs {
        for id in p.links() {
            if !ids.contains(id) {
                problems.push(format!("{}: links to {id:?}, which is not a card", p.id));
            }
        }
    }
    for id in ["vi-chuyen-mang-bi-dong", "vi-chuyen-mang-chu-dong"] {
        let p = procs
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("{id} is missing"));
        let alternatives = p
            .steps
            .iter()
            .any(|s| matches!(s, Step::Say { scripts, .. } if scripts.len() >= 2));
        if !alternatives {
            problems.push(format!(
                "{id}: its example scripts are alternatives: one step with its scripts as bullets"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        procs.len(),
        procedures().len(),
        "every card parsed one by one is loaded"
    );
}

// ---------------------------------------------------------------------------------------------
// Issue #22: what the line-by-line reread found on the last two cards and their neighbours.

fn card(procs: &[Procedure], id: &str) -> Procedure {
    procs
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("{id} is missing"))
        .clone()
}

/// The texts of one step, in reading order (a decision's with all its branches).
fn texts_of(step: &Step) -> Vec<&str> {
    let mut out = Vec::new();
    step.texts(&mut out);
    out
}

/// Whether any of `texts`, normalised, holds the words of `phrase`.
fn says(texts: &[&str], phrase: &str) -> bool {
    let want = padded(phrase);
    texts.iter().any(|t| padded(t).contains(&want))
}

/// Every decision among `steps`, at any depth, outermost first.
fn decisions_in<'a>(steps: &'a [Step], out: &mut Vec<&'a Step>) {
    for s in steps {
        if let Step::Decision { branches, .. } = s {
            out.push(s);
            for b in branches {
                decisions_in(&b.steps, out);
            }
        }
    }
}

/// Source 002, MNP section, "2 Hành động": "sau khi thuyết phục KH lần 1 nhưng KH vẫn không
/// đồng ý … sau đó thuyết phục KH lần 2" stands above the sub-cases of "c", so the second
/// attempt follows whichever branch the first attempt took (a long-standing grievance too).
#[test]
fn the_second_persuasion_attempt_is_a_top_level_step_after_the_branches() {
    let p = card(&procedures(), "vi-thuyet-phuc-kh-o-lai");
    let second = "thuyết phục KH lần 2";
    let at = p
        .steps
        .iter()
        .position(|s| !matches!(s, Step::Decision { .. }) && says(&texts_of(s), second))
        .unwrap_or_else(|| panic!("{}: no top-level step says {second:?}", p.id));
    let mut decisions = Vec::new();
    decisions_in(&p.steps, &mut decisions);
    for d in &decisions {
        let Step::Decision { branches, .. } = d else {
            unreachable!()
        };
        for b in branches {
            let inside: Vec<&str> = b.steps.iter().flat_map(texts_of).collect();
            assert!(
                !says(&inside, second),
                "{}: the second attempt is inside the branch {:?}",
                p.id,
                b.condition
            );
        }
    }
    let branches_at = p
        .steps
        .iter()
        .position(|s| {
            matches!(s, Step::Decision { branches, .. }
                if branches.iter().any(|b| says(&[&b.condition], "hiểu lầm về sản phẩm dịch vụ"))
                    && branches.iter().any(|b| says(&[&b.condition], "bức xúc từ lâu")))
        })
        .unwrap_or_else(|| panic!("{}: the first attempt's two branches are gone", p.id));
    assert!(
        at > branches_at,
        "{}: the second attempt (step {}) comes after the first attempt's branches (step {})",
        p.id,
        at + 1,
        branches_at + 1
    );
}

/// Source 002's MNP section ("Khách hàng đưa ra yêu cầu được chuyển sang mạng khác"), under
/// "2 Hành động": "a. Ứng xử giao tiếp: tuân thủ 8 cam kết", over every card of that section.
#[test]
fn the_mnp_cards_say_to_keep_the_8_commitments() {
    let mnp: Vec<Procedure> = procedures()
        .into_iter()
        .filter(|p| {
            p.source.file.starts_with("002_")
                && padded(&p.source.section).contains(&padded(
                    "Khách hàng đưa ra yêu cầu được chuyển sang mạng khác",
                ))
        })
        .collect();
    assert!(mnp.len() >= 3, "only {} MNP cards", mnp.len());
    let mut problems = Vec::new();
    for p in &mnp {
        let shown: Vec<String> = visible_texts(p)
            .into_iter()
            .filter(|(place, _)| *place != "situation")
            .map(|(_, t)| t)
            .collect();
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        if !says(&shown, "tuân thủ 8 cam kết") {
            problems.push(format!(
                "{}: no caution or step says \"tuân thủ 8 cam kết\"",
                p.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Source 003's flow chart: after "非本组客户，请客户稍等，通知该组人员受理", "非本组人员正常受理"
/// and "若该组人员繁忙，…" are the two outcomes, as "本组其他人员正常受理"/"本组其他人员繁忙" are.
#[test]
fn the_other_groups_two_outcomes_are_one_decision() {
    let p = card(&procedures(), "zh-jieting-liucheng");
    let mut decisions = Vec::new();
    decisions_in(&p.steps, &mut decisions);
    let branch_saying = |branches: &[cuecard::content::Branch], phrase: &str| {
        branches.iter().position(|b| {
            let mut texts = vec![b.condition.as_str()];
            texts.extend(b.steps.iter().flat_map(texts_of));
            says(&texts, phrase)
        })
    };
    let found = decisions.iter().any(|d| {
        let Step::Decision { branches, .. } = d else {
            return false;
        };
        // Each outcome in a branch of its own: not the outer decision, whose "非本组客户"
        // branch used to hold both as two steps in sequence.
        let normal = branch_saying(branches, "非本组人员正常受理");
        let busy = branch_saying(branches, "若该组人员繁忙");
        matches!((normal, busy), (Some(n), Some(b)) if n != b)
            && branches
                .iter()
                .all(|b| !says(&[&b.condition], "非本组客户"))
    });
    assert!(
        found,
        "{}: \"非本组人员正常受理\" and \"若该组人员繁忙\" are not two branches of one decision",
        p.id
    );
}

/// Source 004, 2): "…они заставят меня \ и закончить разговор" is garbled; the document writes
/// gender pairs with "\" ("я буду вынужден\а положить трубку", "самому\самой"), so the line is
/// read in its own form: "я буду вынужден(а) закончить разговор", not a blame on the caller.
#[test]
fn the_threat_answer_speaks_in_the_documents_first_person_form() {
    let seeds = seeds();
    let (name, text) = seeds.iter().find(|(n, _)| n.starts_with("004_")).unwrap();
    let source = padded(&source_body(name, text));
    assert!(
        source.contains(&padded("они заставят меня \\ и закончить разговор"))
            && source.contains(&padded("я буду вынужден\\а положить трубку")),
        "{name} no longer reads as this test expects"
    );
    let p = card(&procedures(), "ru-ugrozy-oskorbleniya");
    let texts = p.step_texts();
    assert!(
        !says(&texts, "вы заставите меня"),
        "{}: the answer blames the caller (\"вы заставите меня\")",
        p.id
    );
    let scripts: Vec<&str> = p
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Say { scripts, .. } => Some(scripts.iter().map(|s| s.text.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(
        says(&scripts, "я буду вынужден(а) закончить разговор"),
        "{}: the script does not say \"я буду вынужден(а) закончить разговор\": {scripts:?}",
        p.id
    );
    let file = std::fs::read_to_string(root().join("content/ru-ugrozy-oskorbleniya.md")).unwrap();
    let note = file
        .find("<!--")
        .and_then(|i| file[i..].find("-->").map(|j| &file[i..i + j]));
    assert!(
        note.is_some_and(|n| n.contains("они заставят меня \\ и закончить разговор")),
        "{}: the editor's note quoting the garbled source stays in an HTML comment",
        p.id
    );
}
