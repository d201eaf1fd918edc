//! End to end, against the release build (`dist/`) in Chromium, Firefox ESR and WebKitGTK: what
//! an operator does all day. Each test opens a fresh browser profile and runs once per engine
//! (`chromium::…`, `firefox::…`, `webkit::…`). Needs `trunk build --release` first.
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e;

use e2e::{dist, Browser, Engine, Server};
use fantoccini::Locator;

async fn open(engine: Engine, path: &str) -> (Browser, Server) {
    Browser::open(engine, path).await
}

async fn checkbox_of_first_step(b: &Browser) -> fantoccini::elements::Element {
    let step = b.wait_testid("step").await;
    step.find(Locator::Css("input[type=checkbox]"))
        .await
        .unwrap()
}

async fn is_checked(el: &fantoccini::elements::Element) -> bool {
    el.prop("checked").await.unwrap().as_deref() == Some("true")
}

async fn wait_first_step_checked(b: &Browser, what: &str) {
    b.until(what, || async {
        is_checked(&checkbox_of_first_step(b).await)
            .await
            .then_some(())
    })
    .await;
}

async fn search_finds_procedures_in_vietnamese_chinese_and_russian(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    b.search_expect("客户投诉", "投诉").await;
    b.search_expect("клиент оскорбляет оператора", "оскорбляет")
        .await;
    let input = b.wait_testid("search").await;
    input.clear().await.unwrap();
    input.send_keys("zzzz qqqq").await.unwrap();
    b.until("the no-results state", || async {
        let empty = b
            .client
            .find(Locator::Css("p.empty[role=status]"))
            .await
            .ok()?;
        (b.all_testid("result").await.is_empty() && !empty.text().await.ok()?.is_empty())
            .then_some(())
    })
    .await;
    b.close().await;
}

/// Russian typed with the keyboard on the Latin layout finds its card, and the results say what
/// was searched (#24).
async fn a_wrong_layout_query_says_what_was_searched(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    b.search_expect("rkbtyn euhj;ftn", "угрож").await;
    b.until("the searched-as line", || async {
        let line = b
            .client
            .find(Locator::Css("[data-testid=searched-as]"))
            .await
            .ok()?;
        line.text()
            .await
            .ok()?
            .contains("клиент угрожает")
            .then_some(())
    })
    .await;
    // A query typed as meant says nothing of the kind.
    b.search_expect("клиент угрожает", "угрож").await;
    b.until("no searched-as line", || async {
        b.client
            .find(Locator::Css("[data-testid=searched-as]"))
            .await
            .is_err()
            .then_some(())
    })
    .await;
    b.close().await;
}

async fn a_checked_step_is_still_checked_after_a_reload(engine: Engine) {
    let (b, _s) = open(engine, "#/p/vi-gap-truong-ca").await;
    let title = b.wait_testid("procedure-title").await.text().await.unwrap();
    assert_eq!(title, "KH muốn gặp Trưởng ca");
    let cb = checkbox_of_first_step(&b).await;
    assert!(!is_checked(&cb).await);
    cb.click().await.unwrap();
    wait_first_step_checked(&b, "the step to be checked").await;
    b.client.refresh().await.unwrap();
    b.wait_testid("procedure").await;
    wait_first_step_checked(&b, "the step to be checked after reload").await;
    b.close().await;
}

async fn a_chosen_branch_reveals_its_steps(engine: Engine) {
    let (b, _s) = open(engine, "#/p/vi-chuyen-may-khac-tong-dai").await;
    b.wait_testid("procedure").await;
    let before = b.all_testid("step").await.len();
    let radio = b
        .client
        .find(Locator::Css(".decision input[type=radio]"))
        .await
        .unwrap();
    radio.click().await.unwrap();
    b.until("the branch's steps", || async {
        (b.all_testid("step").await.len() > before).then_some(())
    })
    .await;
    b.close().await;
}

async fn the_hold_timer_keeps_counting_across_a_reload(engine: Engine) {
    let (b, _s) = open(engine, "#/p/vi-gap-truong-ca").await;
    b.wait_testid("hold-start").await.click().await.unwrap();
    b.wait_testid("hold-stop").await;
    tokio::time::sleep(std::time::Duration::from_millis(2200)).await;
    b.client.refresh().await.unwrap();
    b.wait_testid("hold-stop").await;
    let text = b
        .until("the timer to show at least 0:02", || async {
            let t = b.wait_testid("hold-timer").await.text().await.unwrap();
            let (m, s) = t.split_once(':')?;
            (m.parse::<u32>().ok()? * 60 + s.parse::<u32>().ok()? >= 2).then_some(t)
        })
        .await;
    assert!(text.contains(':'));
    b.wait_testid("hold-stop").await.click().await.unwrap();
    b.wait_testid("hold-start").await;
    b.close().await;
}

async fn a_leader_call_says_do_not_hold_instead_of_a_hold_button(engine: Engine) {
    let (b, _s) = open(engine, "#/p/vi-lanh-dao-vip-noi-bo").await;
    b.wait_testid("procedure").await;
    assert!(b.all_testid("hold-start").await.is_empty());
    let note = b
        .client
        .find(Locator::Css(".no-hold"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(note.contains("Do not put on hold"), "{note}");
    b.close().await;
}

async fn a_callback_is_kept_across_a_reload_and_can_be_marked_done(engine: Engine) {
    let (b, _s) = open(engine, "#/p/vi-khong-the-tiep-nhan-ngay").await;
    b.wait_testid("procedure").await;
    let form = b.open_callback_form().await;
    let due = form.find(Locator::Css("input[name=due]")).await.unwrap();
    assert_eq!(
        due.prop("value").await.unwrap().as_deref(),
        Some("60"),
        "due defaults to the procedure's 1 h rule"
    );
    Browser::fill(&form, "name", "Nguyễn An").await;
    Browser::fill(&form, "phone", "0901234567").await;
    Browser::fill(&form, "note", "gặp trưởng ca").await;
    b.wait_testid("callback-save").await.click().await.unwrap();
    let item = b.wait_testid("callback-item").await;
    assert!(item.text().await.unwrap().contains("0901234567"));
    b.client.refresh().await.unwrap();
    let item = b.wait_testid("callback-item").await;
    assert!(item.text().await.unwrap().contains("0901234567"));
    b.wait_testid("callback-done").await.click().await.unwrap();
    b.until("the callback to leave the pending list", || async {
        b.all_testid("callback-item").await.is_empty().then_some(())
    })
    .await;
    b.close().await;
}

async fn a_deep_link_opens_its_procedure(engine: Engine) {
    let (b, _s) = open(engine, "#/p/ru-spam").await;
    let title = b.wait_testid("procedure-title").await.text().await.unwrap();
    assert!(title.contains("спам"), "{title}");
    b.close().await;
}

/// The content languages whose index the page fetched (resource timing) or opened (its
/// `cuecard:index-open:<lang>` marks: a warm start reads the offline cache, which leaves no
/// resource entry), e.g. "ru,vi,zh".
async fn indexes_fetched(b: &Browser) -> String {
    b.eval(
        r"const fetched = performance.getEntriesByType('resource').map(e => e.name)
            .map(n => (n.match(/\/index-([a-z]+)-[0-9a-f]{16}\.bin/) || [])[1]);
          const opened = performance.getEntriesByType('mark').map(m => m.name)
            .map(n => (n.match(/^cuecard:index-open:([a-z]+)$/) || [])[1]);
          return fetched.concat(opened).filter(Boolean)
            .filter((l, i, all) => all.indexOf(l) === i).sort().join(',')",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn a_desk_that_searches_one_language_downloads_only_its_index(engine: Engine) {
    // A new English desk: every language at once.
    let (b, _s) = open(engine, "").await;
    b.search_expect("客户投诉", "投诉").await;
    b.until("all three indexes fetched", || async {
        (indexes_fetched(&b).await == "ru,vi,zh").then_some(())
    })
    .await;
    // The desk searches Vietnamese only; the choice is kept for its next start.
    let filter = b.wait_testid("lang-filter").await;
    filter.select_by_value("vi").await.unwrap();
    b.until("the desk's language to be stored", || async {
        let prefs = b
            .eval(&format!(
                "return localStorage.getItem({:?})",
                e2e::key("prefs")
            ))
            .await;
        prefs
            .as_str()?
            .contains(r#""index_first":"vi""#)
            .then_some(())
    })
    .await;
    b.reload().await;
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    assert_eq!(
        indexes_fetched(&b).await,
        "vi",
        "only Vietnamese downloaded"
    );
    // Chinese is not searched: no results (not "loading"), and nothing more downloaded. (A
    // word of a synonym group, 投诉 = khiếu nại, would find the Vietnamese card: not this one.)
    let input = b.wait_testid("search").await;
    input.clear().await.unwrap();
    input.send_keys("接听电话").await.unwrap();
    b.client
        .wait()
        .for_element(Locator::Css("p.empty[role=status]"))
        .await
        .unwrap();
    assert_eq!(indexes_fetched(&b).await, "vi");
    // A link to a Russian card brings the other languages in and opens it.
    b.eval("location.hash = '#/p/ru-spam'").await;
    let title = b.wait_testid("procedure-title").await.text().await.unwrap();
    assert!(title.contains("спам"), "{title}");
    b.eval("location.hash = '#/'").await;
    // All languages again: the Chinese results come.
    let filter = b.wait_testid("lang-filter").await;
    filter.select_by_value("").await.unwrap();
    b.search_expect("客户投诉", "投诉").await;
    assert_eq!(indexes_fetched(&b).await, "ru,vi,zh");
    b.close().await;
}

async fn the_keyboard_alone_finds_opens_and_returns(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    let search = b.wait_testid("search").await;
    b.until("the search box to have focus on load", || async {
        (b.eval("return document.activeElement && document.activeElement.dataset.testid")
            .await
            == "search")
            .then_some(())
    })
    .await;
    search.send_keys("客户投诉").await.unwrap();
    b.until("results", || async {
        (!b.result_titles().await.is_empty()).then_some(())
    })
    .await;
    search.send_keys("\u{E015}").await.unwrap(); // ArrowDown
    search.send_keys("\u{E007}").await.unwrap(); // Enter
    b.wait_testid("procedure").await;
    b.until("the opened procedure to take the keyboard", || async {
        (b.eval("return document.activeElement && document.activeElement.dataset.testid")
            .await
            == "procedure-title")
            .then_some(())
    })
    .await;
    // "/" from anywhere puts the keyboard in the header's search box, query kept.
    b.client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("/")
        .await
        .unwrap();
    let search = b.wait_testid("search").await;
    b.until("the query to be kept", || async {
        (search.prop("value").await.ok()??.as_str() == "客户投诉").then_some(())
    })
    .await;
    b.wait_testid("results-overlay").await;
    search.send_keys("\u{E00C}").await.unwrap(); // Escape: back to the procedure
    b.wait_gone("the results over the procedure to close", "results-overlay")
        .await;
    b.wait_testid("procedure").await;
    // On the search page, Escape clears the query.
    b.client.back().await.unwrap();
    let search = b.wait_testid("search").await;
    search.send_keys("\u{E00C}").await.unwrap();
    b.until("the query to be cleared", || async {
        search.prop("value").await.ok()?.filter(|v| v.is_empty())
    })
    .await;
    b.close().await;
}

async fn new_call_clears_the_checked_steps(engine: Engine) {
    let (b, _s) = open(engine, "#/p/zh-tousu-dianhua").await;
    checkbox_of_first_step(&b).await.click().await.unwrap();
    wait_first_step_checked(&b, "checked").await;
    b.eval("window.confirm = () => true; return true").await;
    b.wait_testid("new-call").await.click().await.unwrap();
    b.client
        .goto(
            &b.client
                .current_url()
                .await
                .unwrap()
                .as_str()
                .replace("#/", "#/p/zh-tousu-dianhua"),
        )
        .await
        .unwrap();
    b.wait_testid("procedure").await;
    assert!(!is_checked(&checkbox_of_first_step(&b).await).await);
    b.close().await;
}

async fn back_returns_to_the_results_with_the_query_intact(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    b.search_expect("ребёнок на линии", "Разговор с детьми")
        .await;
    b.all_testid("result").await[0].click().await.unwrap();
    b.wait_testid("procedure").await;
    b.client.back().await.unwrap();
    let search = b.wait_testid("search").await;
    b.until("the query after Back", || async {
        (search.prop("value").await.ok()??.as_str() == "ребёнок на линии").then_some(())
    })
    .await;
    b.until("the results after Back", || async {
        (!b.result_titles().await.is_empty()).then_some(())
    })
    .await;
    b.close().await;
}

async fn two_tabs_share_callbacks_and_lose_neither_change(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    let url = b.client.current_url().await.unwrap();
    let first = b.client.window().await.unwrap();
    let second = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(second.clone()).await.unwrap();
    b.client.goto(url.as_str()).await.unwrap();
    b.add_callback("Tab Two", "0902000002").await;
    b.client.switch_to_window(first.clone()).await.unwrap();
    b.until("tab one to see tab two's callback", || async {
        b.callback_texts()
            .await
            .iter()
            .any(|p| p.contains("0902000002"))
            .then_some(())
    })
    .await;
    b.add_callback("Tab One", "0901000001").await;
    b.client.switch_to_window(second).await.unwrap();
    b.until("tab two to hold both callbacks", || async {
        let p = b.callback_texts().await;
        (p.iter().any(|x| x.contains("0901000001")) && p.iter().any(|x| x.contains("0902000002")))
            .then_some(())
    })
    .await;
    b.close().await;
}

/// Serves `site` in a fresh browser and returns the load-problem alert and its text.
async fn load_problem(
    engine: Engine,
    site: &std::path::Path,
) -> (Browser, Server, fantoccini::elements::Element, String) {
    let server = Server::start(site.to_path_buf(), "/");
    let b = Browser::start(engine).await;
    b.client.goto(&server.base).await.unwrap();
    let alert = b
        .client
        .wait()
        .for_element(Locator::Css(".error[role=alert]"))
        .await
        .unwrap();
    let text = alert.text().await.unwrap();
    (b, server, alert, text)
}

async fn a_corrupt_index_shows_a_message_with_retry_not_a_blank_page(engine: Engine) {
    let copy = e2e::copy_of_dist();
    std::fs::write(
        e2e::index_blob(copy.path()),
        b"<!doctype html><p>not an index</p>",
    )
    .unwrap();
    let (b, _s, alert, text) = load_problem(engine, copy.path()).await;
    assert!(text.contains("damaged"), "{text}");
    assert!(
        alert.find(Locator::Css("button")).await.is_ok(),
        "a retry button"
    );
    b.wait_testid("search").await;
    b.close().await;
}

async fn a_missing_index_shows_a_message_and_retry_recovers(engine: Engine) {
    let copy = e2e::copy_of_dist();
    let blob = e2e::index_blob(copy.path());
    let aside = copy.path().join("index.moved");
    std::fs::rename(&blob, &aside).unwrap();
    let (b, _s, alert, text) = load_problem(engine, copy.path()).await;
    assert!(
        text.contains("could not be loaded") && text.contains("HTTP 404"),
        "{text}"
    );
    // The file is back (the network or the host recovered): Retry loads it, no reload needed.
    std::fs::rename(&aside, &blob).unwrap();
    Browser::click_in(&alert, "button").await;
    b.search_expect("客户投诉", "投诉").await;
    b.close().await;
}

async fn an_overdue_callback_is_highlighted(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    let form = b.open_callback_form().await;
    Browser::fill(&form, "phone", "0903000003").await;
    let due = form.find(Locator::Css("input[name=due]")).await.unwrap();
    due.clear().await.unwrap();
    due.send_keys("0").await.unwrap();
    b.wait_testid("callback-save").await.click().await.unwrap();
    b.until("the callback to show as overdue", || async {
        let item = b
            .client
            .find(Locator::Css("[data-testid=callback-item].overdue"))
            .await
            .ok()?;
        item.text().await.ok()?.contains("overdue").then_some(())
    })
    .await;
    b.close().await;
}

async fn on_a_phone_screen_callbacks_sit_behind_a_count_badge(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    b.client.set_window_size(360, 740).await.unwrap();
    b.wait_testid("search").await;
    let panel = b.client.find(Locator::Css("aside.side")).await.unwrap();
    b.until("the side panel to be hidden", || async {
        (!panel.is_displayed().await.ok()?).then_some(())
    })
    .await;
    let badge = b
        .client
        .find(Locator::Css("button.badge-button"))
        .await
        .unwrap();
    assert!(badge.is_displayed().await.unwrap());
    badge.click().await.unwrap();
    b.until("the panel to open", || async {
        panel.is_displayed().await.ok()?.then_some(())
    })
    .await;
    // Headless Firefox will not make a window narrower than 500 px: compare with the viewport.
    let (scroll, viewport) = (
        b.eval("return document.documentElement.scrollWidth")
            .await
            .as_f64()
            .unwrap(),
        b.eval("return document.documentElement.clientWidth")
            .await
            .as_f64()
            .unwrap(),
    );
    assert!(viewport <= 500.0, "a phone-sized viewport ({viewport} px)");
    assert!(
        scroll <= viewport + 1.0,
        "no horizontal scrolling at {viewport} px (scrollWidth {scroll})"
    );
    b.close().await;
}

async fn the_build_works_unchanged_under_a_sub_path(engine: Engine) {
    let server = Server::start(dist(), "/intranet/desk/cuecard/");
    let b = Browser::start(engine).await;
    b.client.goto(&server.base).await.unwrap();
    b.search_expect("khach hang chuyen mang", "chuyển mạng")
        .await;
    b.client
        .goto(&format!("{}#/p/zh-zhuanjie-dianhua", server.base))
        .await
        .unwrap();
    let title = b.wait_testid("procedure-title").await.text().await.unwrap();
    assert_eq!(title, "转接电话");
    b.close().await;
}

async fn alternative_scripts_are_one_step_and_the_summary_names_the_one_said(engine: Engine) {
    let (b, _s) = open(engine, "#/p/vi-chuyen-mang-bi-dong").await;
    b.wait_testid("procedure").await;
    let alternatives = b.all_testid("alternative").await;
    assert_eq!(alternatives.len(), 2, "two example scripts");
    // Both inside one checklist step (one checkbox), not two steps.
    let steps_holding_them = b
        .eval("return new Set([...document.querySelectorAll('[data-testid=alternative]')].map(a => a.closest('[data-testid=step]'))).size")
        .await;
    assert_eq!(steps_holding_them, serde_json::json!(1));
    let step = b
        .client
        .find(Locator::XPath(
            "//*[@data-testid='alternative']/ancestor::*[@data-testid='step'][1]",
        ))
        .await
        .unwrap();
    step.find(Locator::Css(":scope > .step-check input"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    alternatives[1]
        .find(Locator::Css("input[type=radio]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.eval(
        "Object.defineProperty(navigator, 'clipboard', { configurable: true,
           value: { writeText: (t) => { window.__copied = t; return Promise.resolve(); } } });
         return true",
    )
    .await;
    b.wait_testid("copy-summary").await.click().await.unwrap();
    let summary = b
        .until("the summary", || async {
            b.eval("return window.__copied")
                .await
                .as_str()
                .map(str::to_string)
        })
        .await;
    assert!(summary.contains("→ Kịch bản ví dụ 2"), "{summary}");
    b.close().await;
}

/// The rule lines' icon is drawn by the page (an SVG of real size), not a character that a desk
/// without an emoji font shows as an empty box; it has a text alternative.
async fn a_rule_line_draws_its_icon_not_a_font_glyph(engine: Engine) {
    let (b, _s) = open(engine, "#/p/vi-gap-truong-ca").await;
    b.wait_testid("rules").await;
    let lines = b
        .eval(
            r#"return [...document.querySelectorAll('[data-testid=rules] li')].map(li => {
                const svg = li.querySelector('svg[data-testid=rule-icon]');
                const box = svg ? svg.getBoundingClientRect() : null;
                return { text: li.textContent, svg: !!svg, w: box ? box.width : 0,
                         label: svg ? svg.getAttribute('aria-label') : null };
            })"#,
        )
        .await;
    let lines = lines.as_array().unwrap();
    assert!(!lines.is_empty());
    for l in lines {
        let text = l["text"].as_str().unwrap();
        assert!(l["svg"].as_bool().unwrap(), "no drawn icon: {l}");
        assert!(l["w"].as_f64().unwrap() > 4.0, "the icon has a size: {l}");
        assert!(
            !l["label"].as_str().unwrap_or("").is_empty(),
            "a text alternative: {l}"
        );
        // No pictographic character stands in for the icon (⏱ is U+23F1, emoji from U+1F000).
        assert!(
            !text
                .chars()
                .any(|c| ('\u{2300}'..='\u{23FF}').contains(&c) || c >= '\u{1F000}'),
            "{text:?}"
        );
    }
    assert!(b.axe().await.is_empty());
    b.close().await;
}

in_every_engine!(
    a_rule_line_draws_its_icon_not_a_font_glyph,
    alternative_scripts_are_one_step_and_the_summary_names_the_one_said,
    search_finds_procedures_in_vietnamese_chinese_and_russian,
    a_wrong_layout_query_says_what_was_searched,
    a_checked_step_is_still_checked_after_a_reload,
    a_chosen_branch_reveals_its_steps,
    the_hold_timer_keeps_counting_across_a_reload,
    a_leader_call_says_do_not_hold_instead_of_a_hold_button,
    a_callback_is_kept_across_a_reload_and_can_be_marked_done,
    a_deep_link_opens_its_procedure,
    a_desk_that_searches_one_language_downloads_only_its_index,
    the_keyboard_alone_finds_opens_and_returns,
    new_call_clears_the_checked_steps,
    back_returns_to_the_results_with_the_query_intact,
    two_tabs_share_callbacks_and_lose_neither_change,
    a_corrupt_index_shows_a_message_with_retry_not_a_blank_page,
    a_missing_index_shows_a_message_and_retry_recovers,
    an_overdue_callback_is_highlighted,
    on_a_phone_screen_callbacks_sit_behind_a_count_badge,
    the_build_works_unchanged_under_a_sub_path,
);
