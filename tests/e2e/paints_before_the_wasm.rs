//! The app shell: the search page is on screen and takes typing before the wasm has arrived
//! (the test server holds the wasm back until the test releases it), the app takes it over
//! without moving anything and keeps what was typed and where the cursor was, and where the app
//! cannot start the shell says why with its examples still there.

use crate::e2e;
use e2e::{Browser, Engine, Gate, Site};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{key::Key, Locator};
use serde_json::Value;

/// Each visible part of the search page: where it is, its size and what it says, in one list
/// (the shell's before the mount must equal the app's after it).
const LAYOUT: &str = r##"
const parts = ["header.top", ".brand", "#search", ".search-box select", ".call-context summary",
  ".callbar .copy", ".callbar > button", ".shortcuts-button",
  ".ui-lang select", ".page-title", ".empty p", ".examples", "#callbacks-title",
  ".callbacks h2 + button", ".callbacks .muted", ".callbacks .danger", ".badge-button"];
const out = {};
for (const sel of parts) {
  const el = document.querySelector(sel);
  if (!el) { out[sel] = null; continue; }
  const r = el.getBoundingClientRect();
  out[sel] = [r.x, r.y, r.width, r.height, el.innerText || "", el.getAttribute("placeholder"),
    el.getAttribute("aria-label"), el.value === undefined ? null : el.value];
}
out.lang = document.documentElement.lang;
return out;
"##;

/// The page as the shell left it: the shell is there, the app has not started.
async fn shell_is_up(b: &Browser) {
    let state = b
        .eval("return [!!document.querySelector('[data-shell]'), !!window.cuecardMemoryBytes];")
        .await;
    assert_eq!(
        state,
        serde_json::json!([true, false]),
        "shell up, app not started"
    );
}

/// Waits until the app has mounted in the shell's place.
async fn app_took_over(b: &Browser) {
    b.until("the app to mount", || async {
        let v = b
            .eval("return !document.querySelector('[data-shell]') && !!window.cuecardMemoryBytes && document.querySelectorAll('#search').length === 1;")
            .await;
        (v == Value::Bool(true)).then_some(())
    })
    .await;
}

/// Keys pressed into whatever has the keyboard, as an operator types (sending keys to an
/// element lets the driver focus it, which may move the cursor).
fn keys(text: &str) -> KeyActions {
    text.chars()
        .fold(KeyActions::new("keyboard".into()), |keys, c| {
            keys.then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c })
        })
}

/// Serves the build with the wasm held back.
fn held(root: std::path::PathBuf) -> (Site, Gate) {
    let gate = Gate::new(".wasm");
    let site = Site {
        mounts: vec![("/".to_string(), root)],
        hold: Some(gate.clone()),
        ..Site::default()
    };
    (site, gate)
}

/// The operator starts typing before the program has arrived: the box is there and takes the
/// keys; when the app starts, the text is the app's query and the cursor is where it was, so
/// typing goes on into the same words and the search answers them.
async fn the_search_box_takes_typing_before_the_wasm_and_keeps_it(engine: Engine) {
    let (site, gate) = held(e2e::dist());
    let (b, _s) = Browser::open_served(engine, site, "").await;
    let search = b
        .client
        .wait()
        .for_element(Locator::Css("[data-shell] #search"))
        .await
        .unwrap();
    assert!(search.is_displayed().await.unwrap());
    let before = b.eval(LAYOUT).await;
    search.click().await.unwrap();
    search.send_keys("trưởng ca").await.unwrap();
    // The cursor to the start: what comes next goes before the words typed so far.
    b.client
        .perform_actions(keys(&Key::Home.to_string()))
        .await
        .unwrap();
    shell_is_up(&b).await;
    let typed = b
        .eval("const s = document.getElementById('search'); return [s.value, document.activeElement === s, s.selectionStart, s.selectionEnd];")
        .await;
    assert_eq!(
        typed,
        serde_json::json!(["trưởng ca", true, 0, 0]),
        "typed in the shell"
    );

    gate.release();
    app_took_over(&b).await;
    let kept = b
        .eval("const s = document.getElementById('search'); return [s.value, document.activeElement === s, s.selectionStart, s.selectionEnd];")
        .await;
    assert_eq!(
        kept,
        serde_json::json!(["trưởng ca", true, 0, 0]),
        "text and cursor kept"
    );
    // Nothing in the header or the title moved or changed when the app took over.
    let after = b.eval(LAYOUT).await;
    for part in [
        "header.top",
        "#search",
        ".search-box select",
        ".page-title",
        ".callbar > button",
        "#callbacks-title",
    ] {
        let (mut was, now) = (before[part].clone(), after[part].clone());
        was[7] = now[7].clone(); // the box's value: typed since
        assert_eq!(was, now, "{part} in the shell and in the app");
    }

    // Keys into whatever has the keyboard, as an operator's typing goes (no element is
    // focused by the driver, which would move the cursor).
    b.client
        .perform_actions(keys("khach muon gap "))
        .await
        .unwrap();
    let search = b.wait_testid("search").await;
    assert_eq!(
        search.prop("value").await.unwrap().as_deref(),
        Some("khach muon gap trưởng ca")
    );
    b.until("the shift-leader procedure", || async {
        let titles = b.result_titles().await;
        titles
            .first()
            .is_some_and(|t| t.to_lowercase().contains("trưởng ca"))
            .then_some(())
    })
    .await;
    b.close().await;
}

/// A Vietnamese desk: the shell is in Vietnamese before the program arrives, and the app's
/// first page is the shell's, part for part (same places, sizes and words: no flash, no shift).
async fn the_shell_is_the_apps_first_page_in_the_desks_language(engine: Engine) {
    let built = e2e::build_with_script_before_boot(&e2e::languages("['vi-VN', 'en']"));
    let (site, gate) = held(built.path().to_path_buf());
    let (b, _s) = Browser::open_served(engine, site, "").await;
    b.client
        .wait()
        .for_element(Locator::Css("[data-shell] .examples button"))
        .await
        .unwrap();
    shell_is_up(&b).await;
    let before = b.eval(LAYOUT).await;
    assert_eq!(before["lang"], "vi");
    assert_eq!(before[".page-title"][4], "Mô tả tình huống", "{before}");

    gate.release();
    app_took_over(&b).await;
    b.wait_testid("search").await;
    let after = b.eval(LAYOUT).await;
    assert_eq!(before, after, "the shell and the app's first page");
    b.close().await;
}

/// WebAssembly turned off: the shell stays, with the message in the desk's language under its
/// title and the example queries still shown.
async fn where_the_app_cannot_start_the_shell_says_why_and_keeps_its_examples(engine: Engine) {
    let built = e2e::build_with_script_before_boot(&format!(
        "{}delete window.WebAssembly;\n",
        e2e::languages("['ru-RU']")
    ));
    let (b, _s) = Browser::open_site(engine, built.path().to_path_buf(), "").await;
    let message = b
        .client
        .wait()
        .for_element(Locator::Css("[data-shell] [data-testid=cannot-start]"))
        .await
        .unwrap();
    let text = message.text().await.unwrap();
    assert!(text.starts_with("Cuecard не может запуститься"), "{text}");
    let examples = b
        .client
        .find_all(Locator::Css("[data-shell] .examples button"))
        .await
        .unwrap();
    assert_eq!(examples.len(), 4);
    for ex in &examples {
        assert!(ex.is_displayed().await.unwrap());
    }
    let title = b
        .eval("return document.querySelector('.page-title').innerText")
        .await;
    assert_eq!(title, "Опишите ситуацию");
    b.close().await;
}

in_every_engine!(
    the_search_box_takes_typing_before_the_wasm_and_keeps_it,
    the_shell_is_the_apps_first_page_in_the_desks_language,
    where_the_app_cannot_start_the_shell_says_why_and_keeps_its_examples,
);
