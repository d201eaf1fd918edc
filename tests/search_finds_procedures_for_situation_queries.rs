//! Relevance on the real index built from the real content: the shared dev set must pass at
//! rank 3, and our own paraphrase/typo set is measured (hit@1, hit@3, MRR) and held to hit@3 ≥ 0.9.
//! A query that stands verbatim in a card's text measures string equality, not relevance: every
//! set counts those and leaves them out of its figures and its bar.
#![cfg(not(target_arch = "wasm32"))]

use cuecard::content::Lang;
use cuecard::content::{load_dir, load_synonyms};
use cuecard::search::Engine;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn engine() -> Engine {
    let dir = root().join("content");
    let synonyms = load_synonyms(&dir).expect("synonyms pass").synonyms;
    Engine::from_content(&load_dir(&dir).expect("content passes"), &synonyms).expect("index builds")
}

/// The dev set's normalisation: lowercase, NFC, underscores as spaces, no punctuation, single spaces.
fn norm(s: &str) -> String {
    let s: String = s.nfc().collect::<String>().to_lowercase().replace('_', " ");
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn rows(path: &PathBuf) -> Vec<(Lang, String, Vec<String>)> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "bad row: {l}");
            (
                Lang::from_code(cols[0]).expect("lang"),
                cols[1].to_string(),
                cols[2].split('|').map(str::to_string).collect(),
            )
        })
        .collect()
}

struct Scores {
    n: usize,
    /// Queries that stand verbatim in a card's text (after normalisation): they measure string
    /// equality, not relevance, so they are counted here and left out of every figure.
    verbatim: usize,
    hit1: usize,
    hit3: usize,
    rr: f64,
    failures: Vec<String>,
}

fn measure(
    rows: &[(Lang, String, Vec<String>)],
    is_match: impl Fn(&str, &[String]) -> bool,
    e: &Engine,
) -> Scores {
    let cards: Vec<String> = load_dir(&root().join("content"))
        .expect("content passes")
        .iter()
        .map(|p| format!(" {} ", norm(&p.text())))
        .collect();
    let mut s = Scores {
        n: 0,
        verbatim: 0,
        hit1: 0,
        hit3: 0,
        rr: 0.0,
        failures: Vec::new(),
    };
    for (_, query, want) in rows {
        let as_words = format!(" {} ", norm(query));
        if cards.iter().any(|c| c.contains(&as_words)) {
            s.verbatim += 1;
            continue;
        }
        let hits = e.search(query, None, 10);
        let rank = hits
            .iter()
            .position(|h| is_match(&h.id, want))
            .map(|r| r + 1);
        s.n += 1;
        if rank == Some(1) {
            s.hit1 += 1;
        }
        if rank.is_some_and(|r| r <= 3) {
            s.hit3 += 1;
        } else {
            let top: Vec<&str> = hits.iter().take(3).map(|h| h.id.as_str()).collect();
            s.failures
                .push(format!("{query:?}: rank {rank:?}, top 3 {top:?}"));
        }
        s.rr += rank.map(|r| 1.0 / r as f64).unwrap_or(0.0);
    }
    s
}

fn report(name: &str, s: &Scores) {
    println!(
        "{name}: {} queries ({} more stand verbatim in a card: set aside), hit@1 {:.3}, hit@3 {:.3}, MRR {:.3}",
        s.n,
        s.verbatim,
        s.hit1 as f64 / s.n.max(1) as f64,
        s.hit3 as f64 / s.n.max(1) as f64,
        s.rr / s.n.max(1) as f64
    );
    for f in &s.failures {
        println!("  miss {f}");
    }
}

#[test]
fn dev_queries_pass_at_rank_3() {
    let e = engine();
    let path = std::env::var_os("CUECARD_DEV_QUERIES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/relevance/dev_queries.tsv"));
    let rows = rows(&path);
    assert!(rows.len() >= 20);
    let text_of = |id: &str| norm(&e.procedure(id).expect("hit is a procedure").text());
    let s = measure(
        &rows,
        |id, markers| markers.iter().any(|m| text_of(id).contains(&norm(m))),
        &e,
    );
    report("dev", &s);
    // Most of the shared set stands verbatim in cards' situations; the rest is held to rank 3.
    assert!(s.n >= 2, "the dev set measures {} queries", s.n);
    assert!(
        s.failures.is_empty(),
        "dev queries not in the top 3:\n{}",
        s.failures.join("\n")
    );
}

/// The shared set of the ways operators type under pressure (wrong layout, Latin letters, pinyin,
/// English words, pasted sentences, very short), same columns and markers as the dev set.
const STYLES_HIT3: f64 = 0.9;

#[test]
fn styles_queries_reach_hit_at_3_of_0_9() {
    let e = engine();
    let path = std::env::var_os("CUECARD_STYLES_QUERIES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/relevance/dev_queries_styles.tsv"));
    let all = rows(&path);
    assert!(all.len() >= 15);
    let text_of = |id: &str| norm(&e.procedure(id).expect("hit is a procedure").text());
    let s = measure(
        &all,
        |id, markers| markers.iter().any(|m| text_of(id).contains(&norm(m))),
        &e,
    );
    report("styles", &s);
    // Per habit: the file's comment line above each group names it.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut habit = String::new();
    let mut groups: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(c) = line.strip_prefix("# ") {
            habit = c.to_string();
        } else if !line.trim().is_empty() {
            groups.push((habit.clone(), line.to_string()));
        }
    }
    let mut habits: Vec<String> = groups.iter().map(|g| g.0.clone()).collect();
    habits.dedup();
    for h in habits {
        let lines: Vec<String> = groups
            .iter()
            .filter(|g| g.0 == h)
            .map(|g| g.1.clone())
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("q.tsv");
        std::fs::write(&f, lines.join("\n")).unwrap();
        let g = measure(
            &rows(&f),
            |id, markers| markers.iter().any(|m| text_of(id).contains(&norm(m))),
            &e,
        );
        println!(
            "  {h}: {} queries, hit@1 {:.2}, hit@3 {:.2}",
            g.n,
            g.hit1 as f64 / g.n.max(1) as f64,
            g.hit3 as f64 / g.n.max(1) as f64
        );
    }
    assert!(
        s.hit3 as f64 / s.n as f64 >= STYLES_HIT3,
        "styles hit@3 below {STYLES_HIT3}:\n{}",
        s.failures.join("\n")
    );
}

#[test]
fn own_queries_reach_hit_at_3_of_0_9() {
    let e = engine();
    let rows = rows(&root().join("tests/relevance/own_queries.tsv"));
    assert!(rows.len() >= 60, "only {} own queries", rows.len());
    for lang in Lang::ALL {
        assert!(
            rows.iter().filter(|r| r.0 == lang).count() >= 15,
            "too few {lang:?} queries"
        );
    }
    for (_, _, ids) in &rows {
        for id in ids {
            assert!(
                e.procedure(id).is_some(),
                "own_queries.tsv names unknown id {id}"
            );
        }
    }
    let s = measure(&rows, |id, ids| ids.iter().any(|w| w == id), &e);
    report("own", &s);
    assert!(s.hit3 as f64 / s.n as f64 >= 0.9, "hit@3 below 0.9");
}

/// A desk that has only its own language's index open (before the others arrive, or for good
/// with a language filter) counts documents and terms over that language alone: it must rank as
/// well as the engine of everything.
#[test]
fn one_language_alone_ranks_as_well_as_all_of_them() {
    let procs = load_dir(&root().join("content")).unwrap();
    let synonyms = load_synonyms(&root().join("content")).unwrap().synonyms;
    let blobs = cuecard::search::build_blobs(&procs, &synonyms).unwrap();
    let rows = rows(&root().join("tests/relevance/own_queries.tsv"));
    let (all, mut alone) = (
        measure(&rows, |id, ids| ids.iter().any(|w| w == id), &engine()),
        Vec::new(),
    );
    for b in &blobs {
        let own: Vec<_> = rows.iter().filter(|r| r.0 == b.lang).cloned().collect();
        let e = Engine::from_blob(&b.bytes).unwrap();
        alone.push(measure(&own, |id, ids| ids.iter().any(|w| w == id), &e));
    }
    let sum = |f: fn(&Scores) -> f64| alone.iter().map(f).sum::<f64>();
    let merged = Scores {
        n: alone.iter().map(|s| s.n).sum(),
        verbatim: alone.iter().map(|s| s.verbatim).sum(),
        hit1: alone.iter().map(|s| s.hit1).sum(),
        hit3: alone.iter().map(|s| s.hit3).sum(),
        rr: sum(|s| s.rr),
        failures: alone.iter().flat_map(|s| s.failures.clone()).collect(),
    };
    report("own, each language alone", &merged);
    assert_eq!(merged.n, all.n);
    assert!(
        merged.hit1 >= all.hit1,
        "hit@1 {} < {}",
        merged.hit1,
        all.hit1
    );
    assert!(
        merged.hit3 >= all.hit3,
        "hit@3 {} < {}",
        merged.hit3,
        all.hit3
    );
}

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
    let related = e.related("vi-gap-truong-ca", 4);
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
    assert!(e.related("no-such-id", 4).is_empty());
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

/// The habits of issue #24, as its reporter typed them (kept apart from the shared sets).
#[test]
fn queries_typed_the_way_operators_type_find_their_procedure() {
    let e = engine();
    for (query, want) in [
        ("rkbtyn euhj;ftn", "ru-ugrozy-oskorbleniya"),
        ("cgfv", "ru-spam"),
        ("klient ugrozhaet operatoru", "ru-ugrozy-oskorbleniya"),
        ("ne slyshno abonenta", "ru-ne-slyshno"),
        ("zvonok ot rebenka", "ru-razgovor-s-detmi"),
        (
            "Здравствуйте, это Иван, 89161234567, вы меня слышите? алло",
            "ru-ne-slyshno",
        ),
        ("tousu dianhua", "zh-tousu-dianhua"),
        ("tou su", "zh-tousu-dianhua"),
        ("tóu sù", "zh-tousu-dianhua"),
        ("zhuanjie", "zh-zhuanjie-dianhua"),
        ("头诉电话", "zh-tousu-dianhua"),
    ] {
        let hits = e.search(query, None, 3);
        assert!(
            hits.iter().any(|h| h.id == want),
            "{query:?}: {:?}",
            hits.iter().map(|h| &h.id).collect::<Vec<_>>()
        );
    }
}

/// A long pasted text: numbers and greetings fill the term cap before the situation's words,
/// which must still be searched.
#[test]
fn a_long_paste_keeps_the_words_that_carry_meaning() {
    let e = engine();
    let numbers: Vec<String> = (0..60).map(|i| format!("8916{i:07}")).collect();
    let pasted = format!(
        "Алло, здравствуйте! {} абонента не слышно",
        numbers.join(", ")
    );
    let hits = e.search(&pasted, None, 3);
    assert_eq!(
        hits.first().map(|h| h.id.as_str()),
        Some("ru-ne-slyshno"),
        "{hits:?}"
    );
}

/// A query that matched only as read another way says what was searched; one typed as meant
/// says nothing.
#[test]
fn a_converted_query_says_what_was_searched() {
    let e = engine();
    let said = |q: &str| e.try_find(q, None, 5).unwrap().searched_as;
    assert_eq!(said("rkbtyn euhj;ftn").as_deref(), Some("клиент угрожает"));
    assert_eq!(said("cgfv").as_deref(), Some("спам"));
    assert_eq!(
        said("klient ugrozhaet operatoru").as_deref(),
        Some("клиент угрожает оператору")
    );
    assert_eq!(said("zhuanjie").as_deref(), Some("zhuan jie"));
    assert_eq!(said("МШЗ").as_deref(), Some("VIP"));
    assert_eq!(said("transfer call").as_deref(), Some("chuyển máy"));
    for typed in [
        "клиент угрожает",
        "khách hàng muốn gặp trưởng ca",
        "投诉",
        "vip",
        "😀",
    ] {
        assert_eq!(said(typed), None, "{typed}");
    }
}

/// Pinyin is searched only for Latin words, below a match as typed: a real Vietnamese query
/// ranks as without it.
#[test]
fn readings_rank_below_the_same_match_as_typed() {
    let e = engine();
    let typed = e.search("клиент угрожает", None, 1);
    let converted = e.search("rkbtyn euhj;ftn", None, 1);
    assert_eq!(typed[0].id, converted[0].id);
    assert!(converted[0].score < typed[0].score);
    // A synonym ("quấy rối" for спам) never outranks the card with the word itself.
    assert_eq!(e.search("спам", None, 1)[0].id, "ru-spam");
    assert_eq!(e.search("quấy rối", None, 1)[0].id, "vi-thue-bao-quay-roi");
    let zh = e.search("投诉", None, 1);
    let pinyin = e.search("tousu", None, 1);
    assert_eq!(zh[0].id, pinyin[0].id);
    assert!(pinyin[0].score < zh[0].score);
}

fn top(e: &Engine, query: &str, lang: Option<Lang>, n: usize) -> Vec<String> {
    e.search(query, lang, n).into_iter().map(|h| h.id).collect()
}

/// Synonym groups that joined situations an operator must keep apart, each query with the card
/// it must reach and the card it must no longer be sent to.
#[test]
fn synonyms_never_send_an_operator_to_the_wrong_procedure() {
    let e = engine();
    let (vi, ru) = (Some(Lang::Vi), Some(Lang::Ru));
    // (query, desk, the first hit, never in the first three)
    for (query, desk, first, never) in [
        // Harassing the switchboard, threats and insults, spam: three situations.
        ("harassment", ru, "ru-ugrozy-oskorbleniya", "ru-spam"),
        ("spam", None, "ru-spam", "vi-thue-bao-quay-roi"),
        ("prank call", None, "vi-thue-bao-quay-roi", "ru-spam"),
        // Internal VIPs (the company's leaders) are not premium customers.
        (
            "vip customer",
            None,
            "vi-kiem-tra-thong-tin-lanh-dao",
            "vi-kh-cao-cap-ho-tro",
        ),
        (
            "premium customer",
            None,
            "vi-kh-cao-cap-ho-tro",
            "vi-lanh-dao-vip-noi-bo",
        ),
        // A fault a customer reports is not the operator's computer failing.
        (
            "故障",
            None,
            "zh-jilu-zixun-guzhang",
            "ru-tehnicheskie-nepoladki",
        ),
        (
            "technical problem",
            None,
            "ru-tehnicheskie-nepoladki",
            "zh-jilu-zixun-guzhang",
        ),
        // Not hearing the caller is not a shift leader who does not pick up.
        (
            "cannot hear",
            None,
            "ru-ne-slyshno",
            "vi-khong-the-tiep-nhan-ngay",
        ),
        // A leader who calls is not the management a caller asks for.
        (
            "management",
            None,
            "ru-telefon-rukovodstva",
            "vi-lanh-dao-vip-noi-bo",
        ),
        (
            "leader",
            None,
            "vi-lanh-dao-vip-noi-bo",
            "ru-telefon-rukovodstva",
        ),
        // "shift leader" is the shift leader; "sếp" (one way) may be either.
        (
            "shift leader",
            vi,
            "vi-gap-truong-ca",
            "vi-kiem-tra-thong-tin-lanh-dao",
        ),
    ] {
        let hits = top(&e, query, desk, 3);
        assert_eq!(
            hits.first().map(String::as_str),
            Some(first),
            "{query:?}: {hits:?}"
        );
        assert!(
            !hits.iter().any(|h| h == never),
            "{query:?} reaches {never}: {hits:?}"
        );
    }
    // Nothing at all where the desk has no such card (before: the harassment card, the busy
    // shift leader's card).
    assert!(top(&e, "spam", vi, 3).is_empty());
    assert!(top(&e, "cannot hear", vi, 3).is_empty());
    // One way: "sếp" finds both the shift leader's card and the leaders' card; "trưởng ca"
    // does not find the leaders' card through it.
    let boss = top(&e, "sếp", None, 2);
    assert!(boss.contains(&"vi-gap-truong-ca".into()), "{boss:?}");
    assert!(boss.contains(&"vi-lanh-dao-vip-noi-bo".into()), "{boss:?}");
    assert!(!top(&e, "trưởng ca", None, 3).contains(&"vi-lanh-dao-vip-noi-bo".into()));
}

/// Each habit with queries of its own; the card must come first.
#[test]
fn habits_put_their_card_first() {
    let e = engine();
    let said = |q: &str| e.try_find(q, None, 3).unwrap().searched_as;
    for (habit, query, want) in [
        // The sources' shorthand, read as its words.
        (
            "shorthand",
            "ld cong ty goi len tong dai",
            "vi-lanh-dao-vip-noi-bo",
        ),
        (
            "shorthand",
            "tc ban khong nghe may",
            "vi-khong-the-tiep-nhan-ngay",
        ),
        (
            "shorthand",
            "dn phan anh khieu nai",
            "vi-kh-doanh-nghiep-khieu-nai",
        ),
        ("shorthand", "cham soc kh dn", "vi-kh-doanh-nghiep-cham-soc"),
        // Vietnamese typed with the input method off.
        (
            "Telex",
            "khachs hangf muoons chuyeenr mangj",
            "vi-chuyen-mang-bi-dong",
        ),
        ("Telex", "quaas roois toongr ddaif", "vi-thue-bao-quay-roi"),
        ("Telex", "ddooir nhaf mangj", "vi-chuyen-mang-bi-dong"),
        (
            "VNI",
            "kha1ch ha2ng muo61n chuye63n ma5ng",
            "vi-chuyen-mang-bi-dong",
        ),
        ("VNI", "qua61y ro61i to63ng d9a2i", "vi-thue-bao-quay-roi"),
        // A situation said in the customer's sentence.
        (
            "sentence",
            "dạ alo em ơi, chị muốn gặp sếp của em với",
            "vi-gap-truong-ca",
        ),
        (
            "sentence",
            "здравствуйте, у меня тут ребенок трубку взял",
            "ru-razgovor-s-detmi",
        ),
        ("sentence", "алло девушка тут пожар соседи горят", "ru-mchs"),
        (
            "sentence",
            "你好，我想投诉一下你们的服务",
            "zh-tousu-dianhua",
        ),
        // English words that belong to one card.
        ("English", "customer is rude", "ru-ugrozy-oskorbleniya"),
        (
            "English",
            "the customer wants a manager",
            "ru-telefon-rukovodstva",
        ),
        ("English", "kid calling", "ru-razgovor-s-detmi"),
        ("English", "emergency", "ru-mchs"),
    ] {
        let hits = top(&e, query, None, 3);
        assert_eq!(
            hits.first().map(String::as_str),
            Some(want),
            "{habit}: {query:?}: {hits:?}"
        );
    }
    assert_eq!(said("khieeus naij").as_deref(), Some("khiếu nại"));
    assert_eq!(said("khie61u na5i").as_deref(), Some("khiếu nại"));
    assert_eq!(said("ld goi len").as_deref(), Some("lãnh đạo goi len"));
}
