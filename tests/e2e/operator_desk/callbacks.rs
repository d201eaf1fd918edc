//! Callbacks: one is kept across a reload and marked done, two tabs lose neither's, an overdue
//! one stands out, and on a phone screen they wait behind a count badge.

use super::open;
use crate::e2e;

use e2e::{Browser, Engine};
use fantoccini::Locator;

pub(super) async fn a_callback_is_kept_across_a_reload_and_can_be_marked_done(engine: Engine) {
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

pub(super) async fn two_tabs_share_callbacks_and_lose_neither_change(engine: Engine) {
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

pub(super) async fn an_overdue_callback_is_highlighted(engine: Engine) {
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

pub(super) async fn on_a_phone_screen_callbacks_sit_behind_a_count_badge(engine: Engine) {
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
