//! Where the page loads from: a damaged or missing index says so and offers a retry that
//! recovers, and the same build works unchanged under a sub-path.

use crate::e2e;

use e2e::{dist, Browser, Engine, Server};
use fantoccini::Locator;

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

pub(super) async fn a_corrupt_index_shows_a_message_with_retry_not_a_blank_page(engine: Engine) {
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

pub(super) async fn a_missing_index_shows_a_message_and_retry_recovers(engine: Engine) {
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

pub(super) async fn the_build_works_unchanged_under_a_sub_path(engine: Engine) {
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
