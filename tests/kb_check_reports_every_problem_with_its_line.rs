//! `kb` as a content editor runs it: every problem in one run, shown like a compiler's
//! diagnostics (or `PATH:LINE: message` with `--format short`), exit status 1; the real content
//! passes and exports; `kb new` writes a card that passes; a closed pipe ends quietly.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/kb.rs"]
mod kb;

use kb::{content_copy, kb, new_card};
use std::path::Path;
use std::process::Command;

const GOOD: &str = "+++\nid = \"ru-a\"\nlang = \"ru\"\ntitle = \"Т\"\ncategory = \"К\"\nsituations = [\"с\"]\n[source]\nfile = \"004.txt\"\nsection = \"1\"\n+++\n## Steps\n1. Шаг.\n";

#[test]
fn every_problem_is_reported_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.md"), GOOD).unwrap();
    std::fs::write(d.join("b.md"), GOOD).unwrap();
    std::fs::write(
        d.join("c.md"),
        GOOD.replace("lang = \"ru\"", "lang = \"en\"")
            .replace("ru-a", "ru-c"),
    )
    .unwrap();
    std::fs::write(
        d.join("d.md"),
        GOOD.replace("ru-a", "ru-d")
            .replace("[source]", "[timers]\nhold_limit = \"một giờ\"\n[source]"),
    )
    .unwrap();
    std::fs::write(
        d.join("e.md"),
        GOOD.replace("ru-a", "ru-e")
            .replace("1. Шаг.\n", "1. Выбор:\n   - да → ок\n   - нет\n"),
    )
    .unwrap();
    let mut bad_utf8 = GOOD.replace("ru-a", "ru-f").into_bytes();
    bad_utf8.extend_from_slice(b"2. \xc3\x28\n");
    std::fs::write(d.join("f.md"), bad_utf8).unwrap();
    std::fs::write(
        d.join("g.md"),
        GOOD.replace("ru-a", "ru-g").replace("title =", "titel ="),
    )
    .unwrap();
    std::fs::write(d.join("README.md"), "not a procedure").unwrap();

    let dir_s = d.to_str().unwrap();
    let (code, _, err) = kb(&["check", "--format", "short", "--content", dir_s]);
    assert_eq!(code, 1, "{err}");
    let p = |f: &str| Path::new(dir_s).join(f).display().to_string();
    let expected = [
        format!(
            "{}:2: duplicate id `ru-a`: also used by {}",
            p("b.md"),
            p("a.md")
        ),
        format!(
            "{}:3: unknown language `en`: expected one of vi, zh, ru",
            p("c.md")
        ),
        format!(
            "{}:8: timers.hold_limit: bad duration \"một giờ\"",
            p("d.md")
        ),
        format!(
            "{}:14: malformed branch: expected `- condition → what to do`",
            p("e.md")
        ),
        format!("{}:13: invalid UTF-8", p("f.md")),
        format!(
            "{}:4: front matter: unknown field `titel`, expected one of",
            p("g.md")
        ),
    ];
    for e in &expected {
        assert!(
            err.lines().any(|l| l.starts_with(e.as_str())),
            "missing {e:?} in:\n{err}"
        );
    }
    assert!(err.contains("6 problems found"), "{err}");
}

#[test]
fn real_content_checks_and_exports() {
    let root = env!("CARGO_MANIFEST_DIR");
    let content = format!("{root}/content");
    let (code, out, err) = kb(&["check", "--content", &content]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("procedures OK"));
    let (code, out, err) = kb(&["export", "--content", &content]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert!(arr.len() >= 25);
    for p in arr {
        for key in [
            "id",
            "lang",
            "title",
            "text",
            "steps",
            "timers",
            "source",
            "situations",
        ] {
            assert!(p.get(key).is_some(), "export lacks {key}: {p}");
        }
    }
    let vip = arr
        .iter()
        .find(|p| p["id"] == "vi-lanh-dao-vip-noi-bo")
        .unwrap();
    assert_eq!(vip["timers"]["no_hold"], true);
    assert!(vip["text"]
        .as_str()
        .unwrap()
        .contains("Tuyệt đối KHÔNG để chờ máy"));
}

#[test]
fn missing_directory_is_an_error_not_a_panic() {
    let (code, _, err) = kb(&[
        "check",
        "--format",
        "short",
        "--content",
        "/nonexistent/cuecard",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("/nonexistent/cuecard:1: cannot read the content directory"),
        "{err}"
    );
}

#[test]
fn kb_search_prints_json_best_first_and_exits_0_on_no_match() {
    let content = format!("{}/content", env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = kb(&[
        "search",
        "--content",
        &content,
        "--json",
        "--limit",
        "3",
        "--",
        "клиент",
        "требует",
        "начальство",
    ]);
    assert_eq!(code, 0, "{err}");
    let hits: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 3);
    assert_eq!(hits[0]["id"], "ru-telefon-rukovodstva");
    for key in ["id", "title", "lang", "score", "category", "snippet"] {
        assert!(hits[0].get(key).is_some(), "hit lacks {key}");
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );

    let (code, out, _) = kb(&["search", "--content", &content, "--json", "--", "😀"]);
    assert_eq!((code, out.trim()), (0, "[]"));
    let long = "khach hang ".repeat(1000);
    for hostile in [
        "\"unbalanced",
        "title:",
        "*",
        "((",
        "-",
        "AND",
        long.as_str(),
        "\u{202E}truong ca\u{202C}",
        "kh\u{200B}ach\u{FEFF}",
        "ｋｈａｃｈ　ｈａｎｇ",
        "\u{1}\u{7f}",
        "🤬🤬",
    ] {
        let (code, out, err) = kb(&["search", "--content", &content, "--json", "--", hostile]);
        assert_eq!(code, 0, "{hostile}: {err}");
        assert!(serde_json::from_str::<serde_json::Value>(&out)
            .unwrap()
            .is_array());
    }
    // A lone `-` or `*` without `--` is a query too, not an option.
    for bare in ["-", "*", "-x"] {
        let (code, _, err) = kb(&["search", "--content", &content, bare]);
        assert_eq!(code, 0, "{bare}: {err}");
    }
    let (code, out, _) = kb(&[
        "search",
        "--content",
        &content,
        "--lang",
        "zh",
        "--json",
        "--",
        "客户投诉",
    ]);
    assert_eq!(code, 0);
    let hits: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(hits.as_array().unwrap().iter().all(|h| h["lang"] == "zh"));
    let (code, _, err) = kb(&["search", "--content", &content, "--lang", "en", "x"]);
    assert_eq!(code, 2, "an unknown --lang is a usage error: {err}");
}

/// The human diagnostics for `tests/fixtures/broken/`, compared exactly with
/// `tests/fixtures/broken.expected` (`UPDATE_SNAPSHOTS=1` rewrites it after a deliberate change).
#[test]
fn diagnostics_show_the_line_and_a_caret_like_a_compiler() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_kb"))
        .args(["check", "--content", "tests/fixtures/broken"])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let got = String::from_utf8(out.stderr).unwrap();
    let snapshot = Path::new(root).join("tests/fixtures/broken.expected");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &got).unwrap();
    }
    let want = std::fs::read_to_string(&snapshot).unwrap();
    assert_eq!(
        got, want,
        "diagnostics changed; UPDATE_SNAPSHOTS=1 if deliberate"
    );
    // The caret sits under the wide characters it is about (each CJK character is 2 columns).
    assert!(
        got.contains("8 │ hold_limit = \"一分钟\"\n  │              ^^^^^^^^\n"),
        "{got}"
    );
    assert!(got.contains("= help: did you mean `zh-tousu`?"));
    assert!(got.contains("= help: did you mean `title`?"));
    assert!(!got.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn kb_new_writes_a_card_that_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    // The same title twice: the second card gets a unique id.
    for want in [
        "vi-khach-hoi-gio-lam-viec.md",
        "vi-khach-hoi-gio-lam-viec-2.md",
    ] {
        let card = new_card(dir.path(), "vi", "Khách hỏi giờ làm việc");
        assert!(card.ends_with(want), "{}", card.display());
    }
    let (code, _, err) = kb(&["new", "--content", d, "--lang", "zh", "客户投诉"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = kb(&["check", "--content", d]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("3 procedures OK"), "{out}");
    // All three are drafts, named as left out of what operators get.
    let file = |name: &str| Path::new(d).join(name).display().to_string();
    assert!(
        out.contains(&format!(
            "3 drafts left out: {}, {}, {}",
            file("vi-khach-hoi-gio-lam-viec-2.md"),
            file("vi-khach-hoi-gio-lam-viec.md"),
            file("zh-procedure.md")
        )),
        "{out}"
    );
}

/// A new card next to the real content: checked, left out by name, in no export.
fn content_with_a_new_card() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = content_copy();
    let card = new_card(dir.path(), "vi", "Khách hỏi giờ làm việc");
    (dir, card)
}

#[test]
fn a_new_card_is_a_draft_left_out_of_the_export() {
    let (dir, card) = content_with_a_new_card();
    let d = dir.path().to_str().unwrap();
    let text = std::fs::read_to_string(&card).unwrap();
    assert!(text.contains("\ndraft = true\n"), "{text}");
    // The example steps speak the card's language, not English.
    assert!(text.contains("1. Một việc ĐTV làm"), "{text}");
    assert!(!text.contains("An action"), "{text}");

    let (code, out, err) = kb(&["check", "--content", d]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("\n1 draft left out: {}\n", card.display())),
        "{out}"
    );
    let (code, json, err) = kb(&["export", "--content", d]);
    assert_eq!(code, 0, "{err}");
    let docs: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert!(!docs.is_empty());
    assert!(
        docs.iter().all(|p| p["id"] != "vi-khach-hoi-gio-lam-viec"),
        "a draft is not exported"
    );
    let (code, out, _) = kb(&["search", "--content", d, "Khách hỏi giờ làm việc"]);
    assert_eq!(code, 0);
    assert!(!out.contains("#/p/vi-khach-hoi-gio-lam-viec\n"), "{out}");
}

#[test]
fn a_card_published_too_early_fails_at_its_first_leftover() {
    let (dir, card) = content_with_a_new_card();
    let d = dir.path().to_str().unwrap();
    let text = std::fs::read_to_string(&card).unwrap();
    std::fs::write(&card, text.replace("draft = true\n", "")).unwrap();
    let (code, _, err) = kb(&["check", "--format", "short", "--content", d]);
    assert_eq!(code, 1);
    let first = err.lines().next().unwrap();
    let category_line = text
        .replace("draft = true\n", "")
        .lines()
        .position(|l| l.starts_with("category = \"?\""))
        .unwrap()
        + 1;
    assert_eq!(
        first,
        format!(
            "{}:{category_line}: `category` is still `?` from `kb new`",
            card.display()
        )
    );
    let step_line = text
        .replace("draft = true\n", "")
        .lines()
        .position(|l| l.starts_with("1. "))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "{}:{step_line}: still the example from `kb new`",
            card.display()
        )),
        "{err}"
    );
    // The human form says what to do about it.
    let (_, _, human) = kb(&["check", "--content", d]);
    assert!(
        human.contains("help: replace it with the source's words, or delete the step"),
        "{human}"
    );
    assert!(human.contains("problems found"), "{human}");
}

#[test]
fn a_link_to_a_draft_fails() {
    let (dir, card) = content_with_a_new_card();
    let d = dir.path().to_str().unwrap();
    let linking = dir.path().join("vi-gap-truong-ca.md");
    let text = std::fs::read_to_string(&linking).unwrap();
    let text = text.replacen(
        "1. ",
        "1. Xem giờ làm việc: [[vi-khach-hoi-gio-lam-viec]].\n2. ",
        1,
    );
    std::fs::write(&linking, &text).unwrap();
    let (code, _, err) = kb(&["check", "--format", "short", "--content", d]);
    assert_eq!(code, 1, "{err}");
    let line = text.lines().position(|l| l.contains("[[vi-khach")).unwrap() + 1;
    assert_eq!(
        err,
        format!(
            "{}:{line}: link to `vi-khach-hoi-gio-lam-viec`, which is a draft (not published)\n1 problem found\n",
            linking.display()
        )
    );
    // From another draft, the same link is fine.
    let _ = card;
    let draft = text.replacen("+++\n", "+++\ndraft = true\n", 1);
    std::fs::write(&linking, draft).unwrap();
    let (code, _, err) = kb(&["check", "--content", d]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kb"))
        .args([
            "export",
            "--content",
            &format!("{}/content", env!("CARGO_MANIFEST_DIR")),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then the reader goes away
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked") && err.is_empty(), "{err}");
    assert_eq!(out.status.code(), Some(0));
}

/// `content/synonyms.toml`: a broken file is an error at its line; a group no card uses is a
/// warning at its line (the content still passes).
#[test]
fn kb_check_reports_a_broken_or_unused_synonyms_file_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.md"), GOOD).unwrap();
    let dir_s = d.to_str().unwrap();
    let file = Path::new(dir_s).join("synonyms.toml").display().to_string();

    std::fs::write(
        d.join("synonyms.toml"),
        "[[same]]\nwords = [\"шаг\", \"step\"]\n\n[[same]]\nwords = [\"один\"]\n",
    )
    .unwrap();
    let (code, _, err) = kb(&["check", "--format", "short", "--content", dir_s]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "{file}:4: synonyms: a group needs two words or phrases at least"
        )),
        "{err}"
    );

    std::fs::write(
        d.join("synonyms.toml"),
        "[[same]]\nwords = [\"шаг\", \"step\"\n",
    )
    .unwrap();
    let (code, _, err) = kb(&["check", "--format", "short", "--content", dir_s]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("{file}:")), "{err}");
    assert!(err.contains("synonyms: "), "{err}");

    std::fs::write(
        d.join("synonyms.toml"),
        "# ours\n[[same]]\nwords = [\"шаг\", \"step\"]\n\n[[same]]\nwords = [\"trưởng ca\", \"supervisor\"]\n",
    )
    .unwrap();
    let (code, out, err) = kb(&["check", "--format", "short", "--content", dir_s]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 procedure OK"), "{out}");
    assert_eq!(
        err,
        format!(
            "{file}:5: warning: synonyms: no card uses any of trưởng ca, supervisor: this group never helps a search\n1 warning\n"
        )
    );
    let (code, _, err) = kb(&["check", "--content", dir_s]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: synonyms: no card uses any of"),
        "{err}"
    );
    assert!(err.contains("synonyms.toml:5:1"), "{err}");
}

/// `kb search` says what it searched when the query was read another way (#24), as the page does.
#[test]
fn kb_search_prints_what_a_wrong_layout_query_was_searched_as() {
    let content = format!("{}/content", env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = kb(&[
        "search",
        "--content",
        &content,
        "--limit",
        "1",
        "rkbtyn",
        "euhj;ftn",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("searched as: клиент угрожает\n"), "{out}");
    assert!(out.contains("#/p/ru-ugrozy-oskorbleniya"), "{out}");
    let (_, out, _) = kb(&[
        "search",
        "--content",
        &content,
        "--limit",
        "1",
        "клиент угрожает",
    ]);
    assert!(!out.contains("searched as"), "{out}");
}
