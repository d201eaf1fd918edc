//! End to end, the studio's form view in Chromium, Firefox ESR and WebKitGTK, as a trainer who
//! has never seen TOML or Markdown: a new procedure written in fields and an outline (a
//! decision with two branches, a script with a placeholder, a link chosen by title), ready for
//! operators, checked, previewed, found, downloaded, passed by `kb check` and shown by a desk
//! after `kb publish`; an existing card's hold limit and situations changed with every other
//! byte kept; the outline moved by keyboard and undone across both views.
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e;
use crate::studio_support::{download, new_card, open_content, open_studio, search_first};
use e2e::{copy_of_dist, kb, Browser, Engine};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::Locator;
use std::path::Path;

const ENTER: &str = "\u{E007}";
const BACKSPACE: &str = "\u{E003}";
const TAB: &str = "\u{E004}";
const SHIFT: char = '\u{E008}';
const CONTROL: char = '\u{E009}';
const ALT: char = '\u{E00A}';
const TAB_KEY: char = '\u{E004}';
const ARROW_UP: char = '\u{E013}';

/// A key pressed with a modifier held, as W3C actions (every engine's driver delivers these to
/// the page; a modifier inside a `send_keys` text is not delivered alike by all three).
async fn chord(b: &Browser, modifier: char, key: char) {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: modifier })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: modifier });
    b.client.perform_actions(actions).await.unwrap();
}

/// Waits until the keyboard is in a new, empty item of the list field `key`.
async fn wait_in_new_item(b: &Browser, key: &str) {
    let js = format!(
        "const a = document.activeElement; \
         return !!a && !!a.closest('[data-testid=studio-field-{key}]') && a.tagName == 'INPUT' && a.value == ''"
    );
    b.until("the new item focused", || async {
        (b.eval(&js).await.as_bool() == Some(true)).then_some(())
    })
    .await;
}

async fn rows(b: &Browser) -> Vec<(String, String, String)> {
    let v = b
        .eval(
            "return [...document.querySelectorAll('[data-testid=studio-row]')].map(r =>
               [r.dataset.kind, r.dataset.depth, r.querySelector('[data-testid=studio-row-text]').value])",
        )
        .await;
    serde_json::from_value(v).unwrap()
}

type Rows = Vec<(String, String, String)>;

/// Waits until the outline's rows pass `ok`; a timeout shows the rows as they stand.
async fn until_rows(b: &Browser, what: &str, ok: impl Fn(&Rows) -> bool) -> Rows {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let r = rows(b).await;
        if ok(&r) {
            return r;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}: {r:#?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The row text box `i`, once the outline has `n` rows.
async fn row_text(b: &Browser, i: usize, n: usize) -> Element {
    until_rows(b, &format!("{n} rows"), |r| r.len() == n).await;
    b.client
        .find(Locator::Css(&format!(
            "[data-testid=studio-row-text][data-index=\"{i}\"]"
        )))
        .await
        .unwrap()
}

/// Waits until the outline has `n` rows and the keyboard is in row `i`'s text box (where the
/// studio puts it after Enter, Tab or a change of kind).
async fn row_focused(b: &Browser, i: usize, n: usize) {
    row_text(b, i, n).await;
    let js = "return document.activeElement && document.activeElement.dataset.index || ''";
    b.until(&format!("the keyboard in row {i}"), || async {
        (b.eval(js).await.as_str()? == i.to_string()).then_some(())
    })
    .await;
}

/// Types into the focused element, as a keyboard does.
async fn keys(b: &Browser, keys: &str) {
    let active = b.client.active_element().await.unwrap();
    active.send_keys(keys).await.unwrap();
}

async fn field(b: &Browser, key: &str) -> Element {
    b.wait_testid(&format!("studio-field-{key}")).await
}

async fn value(el: &Element) -> String {
    el.prop("value").await.unwrap().unwrap_or_default()
}

/// The selected file's text as the studio holds it (the text view's box, shown).
async fn file_text(b: &Browser) -> String {
    b.eval("document.querySelector('[data-testid=studio-form]').dataset.old = '1'; return true")
        .await;
    show_view(b, "studio-view-text").await;
    let v = b
        .eval("return document.querySelector('[data-testid=studio-editor]').value")
        .await;
    show_view(b, "studio-view-form").await;
    // The form is drawn anew: wait for the new one, or a test would hold the old one's fields.
    b.until("the form drawn again", || async {
        let js = "const f = document.querySelector('[data-testid=studio-form]'); return !!f && !f.dataset.old";
        (b.eval(js).await.as_bool() == Some(true)).then_some(())
    })
    .await;
    v.as_str().unwrap().to_string()
}

/// Switches the editor to a view (its button pressed). Clicks again while the button is not
/// pressed: WebKitGTK's driver, on a loaded machine, sometimes loses a click (seen on this one).
async fn show_view(b: &Browser, testid: &str) {
    b.until(&format!("{testid} pressed"), || async {
        let button = b.wait_testid(testid).await;
        if button.attr("aria-pressed").await.ok()?.as_deref() == Some("true") {
            return Some(());
        }
        button.click().await.ok()?;
        None
    })
    .await;
}

async fn wait_checked(b: &Browser) {
    b.until("the check after the edit", || async {
        let p = b.wait_testid("studio-problems").await;
        (p.attr("data-checking").await.ok()?.as_deref() == Some("false")).then_some(())
    })
    .await;
}

const STEPS: &str = "## Steps

1. ĐTV hỏi khách muốn đổi sang gói cước nào.
2. Khách đã chọn được gói cước chưa?
   - Đã chọn → ĐTV hướng dẫn khách đăng ký gói cước.
   - Chưa chọn → ĐTV tư vấn các gói cước phù hợp.
3. > Dạ, em cảm ơn {customer_name} đã gọi.
4. Nếu khách muốn gặp Trưởng ca, làm theo [[vi-gap-truong-ca]]
";

/// The trainer: New card, every field by its label, the steps by keyboard.
async fn a_new_procedure_is_written_without_seeing_the_format(engine: Engine) {
    let (b, _s) = open_studio(engine).await;
    open_content(&b).await;
    new_card(&b, "Khách muốn đổi gói cước").await;
    b.wait_testid("studio-form").await;
    let id = "vi-khach-muon-doi-goi-cuoc";

    field(&b, "category")
        .await
        .send_keys("Chuyển máy")
        .await
        .unwrap();
    for situation in ["khách hỏi đổi gói", "khach muon doi goi cuoc"] {
        field(&b, "situations-add").await.click().await.unwrap();
        wait_in_new_item(&b, "situations").await;
        keys(&b, situation).await;
    }
    let hold = field(&b, "hold_limit").await;
    hold.send_keys(&format!("1 phút 30 giây{TAB}"))
        .await
        .unwrap();
    b.until("the hold limit normalised", || async {
        (value(&hold).await == "90s").then_some(())
    })
    .await;

    // The steps: an action; a decision with two answers, each with its step; a script with
    // the customer's name from the menu; an action linking a card chosen by its title.
    row_text(&b, 0, 1).await.click().await.unwrap();
    keys(
        &b,
        &format!("ĐTV hỏi khách muốn đổi sang gói cước nào.{ENTER}"),
    )
    .await;
    let kind = b.all_testid("studio-row-kind").await.pop().unwrap();
    row_focused(&b, 1, 2).await;
    kind.select_by_value("decide").await.unwrap();
    b.until("a decision", || async {
        (rows(&b).await.get(1)?.0 == "decide").then_some(())
    })
    .await;
    row_text(&b, 1, 2).await.click().await.unwrap();
    keys(&b, &format!("Khách đã chọn được gói cước chưa?{ENTER}")).await;
    row_focused(&b, 2, 3).await;
    keys(&b, &format!("Đã chọn{ENTER}")).await;
    row_focused(&b, 3, 4).await;
    keys(&b, &format!("ĐTV hướng dẫn khách đăng ký gói cước.{ENTER}")).await;
    row_focused(&b, 4, 5).await;
    chord(&b, SHIFT, TAB_KEY).await;
    until_rows(&b, "the second answer", |r| {
        r.get(4).is_some_and(|r| r.0 == "branch")
    })
    .await;
    keys(&b, &format!("Chưa chọn{ENTER}")).await;
    row_focused(&b, 5, 6).await;
    keys(&b, &format!("ĐTV tư vấn các gói cước phù hợp.{ENTER}")).await;
    row_focused(&b, 6, 7).await;
    chord(&b, SHIFT, TAB_KEY).await;
    chord(&b, SHIFT, TAB_KEY).await;
    until_rows(&b, "a step after the decision", |r| {
        r.get(6) == Some(&("do".into(), "0".into(), String::new()))
    })
    .await;
    let kind = b.all_testid("studio-row-kind").await.pop().unwrap();
    kind.select_by_value("say").await.unwrap();
    b.until("a script", || async {
        (rows(&b).await.get(6)?.0 == "say").then_some(())
    })
    .await;
    row_text(&b, 6, 7).await.click().await.unwrap();
    keys(&b, "Dạ, em cảm ơn").await;
    b.wait_testid("studio-row-placeholder")
        .await
        .select_by_value("{customer_name}")
        .await
        .unwrap();
    // A field given keys by the driver gets the caret at its end.
    row_text(&b, 6, 7)
        .await
        .send_keys(&format!(" đã gọi.{ENTER}"))
        .await
        .unwrap();
    row_focused(&b, 7, 8).await;
    keys(&b, "Nếu khách muốn gặp Trưởng ca, làm theo").await;
    let link = b.all_testid("studio-row-link").await.pop().unwrap();
    link.send_keys(&format!("KH muốn gặp Trưởng ca{TAB}"))
        .await
        .unwrap();
    b.until("the link in the step", || async {
        rows(&b)
            .await
            .get(7)?
            .2
            .contains("[[vi-gap-truong-ca]]")
            .then_some(())
    })
    .await;

    field(&b, "file")
        .await
        .send_keys("000_eec662812fc84f92.txt")
        .await
        .unwrap();
    field(&b, "section")
        .await
        .send_keys("TH 2: KH gặp ĐTV trong cùng tổng đài")
        .await
        .unwrap();
    field(&b, "notes")
        .await
        .send_keys("Khách chỉ đổi gói khi đã chọn.")
        .await
        .unwrap();
    field(&b, "draft").await.click().await.unwrap();
    wait_checked(&b).await;
    b.wait_testid("studio-no-problems").await;

    // The file is the one a developer would have written by hand.
    let text = file_text(&b).await;
    assert!(!text.contains("draft = true"), "{text}");
    for line in [
        "category = \"Chuyển máy\"",
        "  \"khách hỏi đổi gói\",",
        "  \"khach muon doi goi cuoc\",",
        "hold_limit = \"90s\"",
        "file = \"000_eec662812fc84f92.txt\"",
    ] {
        assert!(text.lines().any(|l| l.starts_with(line)), "{line}: {text}");
    }
    let tail = format!("{STEPS}\n## Notes\n\nKhách chỉ đổi gói khi đã chọn.\n");
    assert!(text.ends_with(&tail), "{text}");

    // The preview is the desk's card; the studio's search finds it by a situation.
    b.until("the card in the preview", || async {
        let p = b.wait_testid("studio-preview").await.text().await.ok()?;
        p.contains("Khách đã chọn được gói cước chưa?")
            .then_some(())
    })
    .await;
    // The studio indexes the folder after a pause in typing: the new card comes first then.
    search_first(&b, "khach muon doi goi cuoc").await;
    b.until("the new card first in the studio's search", || async {
        let first = b.all_testid("studio-result").await.into_iter().next()?;
        (first.attr("data-id").await.ok()??.as_str() == id).then_some(())
    })
    .await;
    let violations = b.axe().await;
    assert!(violations.is_empty(), "{violations:#?}");

    // Downloaded, it passes `kb check` beside the real cards, and a desk shows it after
    // `kb publish`.
    b.wait_testid("studio-download")
        .await
        .click()
        .await
        .unwrap();
    let (name, bytes) = download(&b, 0).await;
    assert_eq!(
        (name.as_str(), bytes.as_slice()),
        (format!("{id}.md").as_str(), text.as_bytes())
    );
    b.close().await;
    let content = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(crate::studio_support::content_dir()).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, content.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(content.path().join(&name), &bytes).unwrap();
    let site = copy_of_dist();
    kb(&["check", "--content", path(content.path())]);
    kb(&[
        "publish",
        "--content",
        path(content.path()),
        "--dist",
        path(site.path()),
    ]);
    let (desk, _server) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    desk.search_expect("khach muon doi goi cuoc", "Khách muốn đổi gói cước")
        .await;
    desk.close().await;
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

const CARD: &str = "vi-gap-truong-ca.md";

async fn open_card(b: &Browser) {
    open_content(b).await;
    b.client
        .find(Locator::Css(&format!(
            "[data-testid=studio-card][data-path=\"{CARD}\"]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.until("the card in the form", || async {
        let title = field(b, "title").await;
        (value(&title).await == "KH muốn gặp Trưởng ca").then_some(())
    })
    .await;
}

/// An existing card: its hold limit and a situation changed in the form touch only their
/// lines; a step moved with Alt+↑ and undone with Ctrl+Z from the text view; a card whose
/// front matter does not read opens in the text view, and the form says why.
async fn the_form_edits_only_what_changed_and_undo_spans_both_views(engine: Engine) {
    let (b, _s) = open_studio(engine).await;
    open_card(&b).await;
    let original = file_text(&b).await;
    let before_rows = rows(&b).await;
    assert_eq!(
        before_rows
            .iter()
            .map(|r| (r.0.as_str(), r.1.as_str()))
            .collect::<Vec<_>>(),
        [
            ("do", "0"),
            ("decide", "0"),
            ("branch", "1"),
            ("do", "2"),
            ("branch", "1"),
            ("do", "2"),
            ("do", "2"),
            ("do", "0"),
            ("do", "1"),
            ("do", "1"),
        ]
    );

    let hold = field(&b, "hold_limit").await;
    hold.clear().await.unwrap();
    hold.send_keys(&format!("1:30{TAB}")).await.unwrap();
    b.until("the hold limit normalised", || async {
        (value(&hold).await == "90s").then_some(())
    })
    .await;
    field(&b, "situations-add").await.click().await.unwrap();
    wait_in_new_item(&b, "situations").await;
    keys(&b, "khách đòi gặp quản lý ca").await;
    wait_checked(&b).await;
    let edited = file_text(&b).await;
    let want = original
        .replace("hold_limit = \"60s\"", "hold_limit = \"90s\"")
        .replace(
            "  \"khach muon gap truong ca\",\n",
            "  \"khach muon gap truong ca\",\n  \"khách đòi gặp quản lý ca\",\n",
        );
    assert_eq!(edited, want);

    // Alt+↑ on the third step moves it (with its sub-points) above the decision.
    // Centred first: WebKitGTK's driver scrolls a field to the window's bottom edge, where
    // its click does not reach the field.
    b.eval("document.querySelector('[data-testid=studio-row-text][data-index=\"7\"]').scrollIntoView({block: 'center'}); return true")
        .await;
    row_text(&b, 7, 10).await.click().await.unwrap();
    chord(&b, ALT, ARROW_UP).await;
    b.until("the step moved", || async {
        (rows(&b).await.get(1)?.0 == "do").then_some(())
    })
    .await;
    let moved = file_text(&b).await;
    assert!(
        moved.contains("\n2. Nếu Trưởng ca không thể") && moved.contains("\n3. Nội dung KH cần"),
        "{moved}"
    );
    // Ctrl+Z in the text view undoes the form's move.
    show_view(&b, "studio-view-text").await;
    b.wait_testid("studio-editor").await.click().await.unwrap();
    chord(&b, CONTROL, 'z').await;
    b.until("the move undone", || async {
        let v = b
            .eval("return document.querySelector('[data-testid=studio-editor]').value")
            .await;
        (v.as_str()? == edited).then_some(())
    })
    .await;
    show_view(&b, "studio-view-form").await;
    assert_eq!(rows(&b).await, before_rows);
    assert_eq!(file_text(&b).await, edited);

    // A problem of `kb check` stands at its field, and the problem list names the field.
    field(&b, "title").await.click().await.unwrap();
    chord(&b, CONTROL, 'a').await;
    keys(&b, BACKSPACE).await;
    let at_field = "[data-field=title] [data-testid=studio-field-problem]";
    b.until("the problem at the title field", || async {
        b.client.find(Locator::Css(at_field)).await.ok().map(|_| ())
    })
    .await;
    let named = b
        .wait_testid("studio-problem-field")
        .await
        .text()
        .await
        .unwrap();
    assert!(named.contains("Title"), "{named}");
    keys(&b, "KH muốn gặp Trưởng ca").await;
    wait_checked(&b).await;
    assert!(b.client.find(Locator::Css(at_field)).await.is_err());
    assert_eq!(file_text(&b).await, edited);

    // A front matter that does not read: the text view, and the form says why.
    show_view(&b, "studio-view-text").await;
    b.eval(
        "const a = document.querySelector('[data-testid=studio-editor]');
         a.focus(); a.setSelectionRange(a.value.indexOf('title = ') + 8, a.value.indexOf('title = ') + 9);
         return true",
    )
    .await;
    keys(&b, "x").await;
    show_view(&b, "studio-view-form").await;
    let why = b
        .wait_testid("studio-form-unavailable")
        .await
        .text()
        .await
        .unwrap();
    assert!(why.contains("line 4"), "{why}");
    assert!(b
        .wait_testid("studio-editor")
        .await
        .is_displayed()
        .await
        .unwrap());
    let violations = b.axe().await;
    assert!(violations.is_empty(), "{violations:#?}");
    // Mended in the text, the card offers the form again; the editor chooses when.
    b.wait_testid("studio-editor").await.click().await.unwrap();
    b.eval(
        "const a = document.querySelector('[data-testid=studio-editor]');
         a.focus(); const at = a.value.indexOf('title = ') + 9; a.setSelectionRange(at, at);
         return true",
    )
    .await;
    keys(&b, &format!("{BACKSPACE}\"")).await;
    b.wait_testid("studio-form-again")
        .await
        .click()
        .await
        .unwrap();
    b.wait_testid("studio-form").await;
    assert_eq!(file_text(&b).await, edited);
    b.close().await;
}

in_every_engine!(
    a_new_procedure_is_written_without_seeing_the_format,
    the_form_edits_only_what_changed_and_undo_spans_both_views,
);
