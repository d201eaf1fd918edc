//! A card during the call: checked steps kept across a reload and cleared by a new call, a
//! branch that reveals its steps, the hold timer (or "do not hold"), alternative scripts and the
//! summary, the rule lines' icon.

use super::open;
use crate::e2e;

use e2e::{Browser, Engine};
use fantoccini::Locator;

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

pub(super) async fn a_checked_step_is_still_checked_after_a_reload(engine: Engine) {
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

pub(super) async fn a_chosen_branch_reveals_its_steps(engine: Engine) {
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

pub(super) async fn the_hold_timer_keeps_counting_across_a_reload(engine: Engine) {
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

pub(super) async fn a_leader_call_says_do_not_hold_instead_of_a_hold_button(engine: Engine) {
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

pub(super) async fn new_call_clears_the_checked_steps(engine: Engine) {
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

pub(super) async fn alternative_scripts_are_one_step_and_the_summary_names_the_one_said(
    engine: Engine,
) {
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
pub(super) async fn a_rule_line_draws_its_icon_not_a_font_glyph(engine: Engine) {
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
