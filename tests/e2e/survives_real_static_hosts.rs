//! The static site on hosts as they are: clean-URL hosts that redirect `index.html`, several
//! deployments on one origin, files damaged on the way, other pages beside the app, and tabs
//! that must follow an update another tab applied. Chromium, Firefox ESR and WebKitGTK.
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e;

use e2e::{Browser, Engine, Server, Site};
use fantoccini::Locator;
use serde_json::json;
use std::path::Path;

async fn cache_names(b: &Browser) -> Vec<String> {
    let v = b.eval_async("caches.keys().then(done)").await;
    let mut names: Vec<String> = serde_json::from_value(v).unwrap();
    names.sort();
    names
}

fn sw_version(site: &Path) -> String {
    let sw = std::fs::read_to_string(site.join("sw.js")).unwrap();
    let rest = sw.split_once("const VERSION = \"").unwrap().1;
    rest.split_once('"').unwrap().0.to_string()
}

/// A new build of the same files under a new version (what `kb site` writes after any change).
fn bump_version(site: &Path) -> String {
    let path = site.join("sw.js");
    let old = sw_version(site);
    let new = format!("{old}next");
    let sw = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        sw.replace(&format!("\"{old}\""), &format!("\"{new}\"")),
    )
    .unwrap();
    new
}

/// Flips bytes in the middle of a file, keeping its length.
fn damage(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 16] {
        *b ^= 0x5a;
    }
    std::fs::write(file, bytes).unwrap();
}

async fn a_host_that_redirects_index_html_works_online_and_offline(engine: Engine) {
    let server = Server::start_site(Site {
        mounts: vec![("/".into(), e2e::dist())],
        redirect_index: true,
        ..Site::default()
    });
    let b = Browser::start(engine).await;
    b.client
        .goto(&format!("{}index.html", server.base))
        .await
        .unwrap();
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    assert_eq!(
        b.client.current_url().await.unwrap().as_str(),
        server.base,
        "the host redirected index.html to ./"
    );
    b.wait_offline_ready().await;
    server.stop();
    b.reload().await;
    b.search_expect("客户投诉", "投诉").await;
    b.client
        .goto(&format!("{}index.html#/p/vi-gap-truong-ca", server.base))
        .await
        .unwrap();
    b.wait_testid("procedure").await;
    b.close().await;
}

async fn the_worker_answers_only_the_app_page(engine: Engine) {
    let site = e2e::copy_of_dist();
    std::fs::write(
        site.path().join("report.html"),
        "<!doctype html><title>Report</title><p id=other>Not the app</p>",
    )
    .unwrap();
    let (b, server) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    b.wait_testid("search").await;
    b.wait_offline_ready().await;
    b.client
        .goto(&format!("{}report.html", server.base))
        .await
        .unwrap();
    let other = b
        .client
        .wait()
        .for_element(Locator::Css("#other"))
        .await
        .expect("the host's own page, not the app");
    assert_eq!(other.text().await.unwrap(), "Not the app");
    assert!(b.all_testid("search").await.is_empty());
    b.close().await;
}

async fn two_deployments_on_one_origin_keep_their_caches_and_callbacks(engine: Engine) {
    let (staging, desk) = (e2e::copy_of_dist(), e2e::copy_of_dist());
    let server = Server::start_site(Site {
        mounts: vec![
            ("/staging/".into(), staging.path().to_path_buf()),
            ("/desk/".into(), desk.path().to_path_buf()),
        ],
        ..Site::default()
    });
    let (staging_url, desk_url) = (
        format!("{}/staging/", server.origin),
        format!("{}/desk/", server.origin),
    );
    let b = Browser::start(engine).await;
    // An earlier build stored a callback under the shared, un-namespaced key.
    b.client.goto(&staging_url).await.unwrap();
    b.wait_testid("search").await;
    let legacy = json!({"v": 1, "data": {"items": [{"id": "old", "name": "Cũ", "phone": "0900111222",
        "created_ms": 1.0, "due_ms": 4102444800000.0, "updated_ms": 1.0}]}});
    b.set_storage("cuecard.callbacks", &legacy.to_string())
        .await;
    b.reload().await;
    b.until("the legacy callback adopted by /staging/", || async {
        b.callback_texts()
            .await
            .iter()
            .any(|t| t.contains("0900111222"))
            .then_some(())
    })
    .await;
    b.add_callback("Staging", "0900000001").await;
    b.wait_offline_ready().await;

    b.client.goto(&desk_url).await.unwrap();
    b.wait_testid("search").await;
    b.add_callback("Desk", "0900000002").await;
    b.until("only /desk/'s callback at /desk/", || async {
        let t = b.callback_texts().await;
        (t.len() == 1 && t[0].contains("0900000002")).then_some(())
    })
    .await;
    b.wait_offline_ready().await;
    let (sv, dv) = (sw_version(staging.path()), sw_version(desk.path()));
    assert_eq!(
        cache_names(&b).await,
        vec![
            format!("cuecard:/desk/:{dv}"),
            format!("cuecard:/staging/:{sv}")
        ],
        "installing /desk/ kept /staging/'s offline copy"
    );
    let stored = b.storage().await;
    assert!(
        !stored.iter().any(|(k, _)| k == "cuecard.callbacks"),
        "the legacy key was adopted once and removed"
    );

    server.stop();
    for (url, phone, other) in [
        (&staging_url, "0900000001", "0900000002"),
        (&desk_url, "0900000002", "0900000001"),
    ] {
        b.client.goto(url).await.unwrap();
        b.search_expect("客户投诉", "投诉").await;
        b.until(&format!("{url} offline with its own callbacks"), || async {
            let t = b.callback_texts().await.join("\n");
            (t.contains(phone) && !t.contains(other)).then_some(())
        })
        .await;
    }
    b.close().await;
}

async fn a_damaged_file_aborts_the_update_and_the_old_version_keeps_serving(engine: Engine) {
    let site = e2e::copy_of_dist();
    let (b, server) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    b.wait_testid("search").await;
    b.wait_offline_ready().await;
    let before = cache_names(&b).await;
    // The next build's files reach the host damaged (a truncated upload, a proxy rewriting).
    bump_version(site.path());
    damage(&site.path().join("icon-512.png"));
    // The update job is awaited before its install is watched: polled at once, the registration
    // may not show the new worker yet and look settled before the install began.
    b.eval_async(
        "navigator.serviceWorker.getRegistration()
           .then(r => r.update()).then(() => done(true), () => done(false))",
    )
    .await;
    b.until("the update's install to finish (and fail)", || async {
        let state = b
            .eval_async(
                "navigator.serviceWorker.getRegistration().then(r => done(
                   r.installing ? 'installing' : (r.waiting ? 'waiting' : 'settled')))",
            )
            .await;
        (state == json!("settled")).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    if !b.all_testid("update-ready").await.is_empty() {
        // Which one was offered: a new cache filled means the damaged file passed the check.
        panic!(
            "an update was offered; caches before {before:?}, now {:?}",
            cache_names(&b).await
        );
    }
    assert_eq!(
        cache_names(&b).await,
        before,
        "the old cache alone, nothing half-installed"
    );
    server.stop();
    b.reload().await;
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    b.close().await;
}

async fn a_damaged_index_of_the_right_length_is_caught_and_retry_recovers(engine: Engine) {
    let site = e2e::copy_of_dist();
    let blob = e2e::index_blob(site.path());
    let good = std::fs::read(&blob).unwrap();
    damage(&blob);
    assert_eq!(std::fs::metadata(&blob).unwrap().len() as usize, good.len());
    let (b, _server) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    let problem = b.wait_testid("load-problem").await;
    assert_eq!(
        problem.attr("data-kind").await.unwrap().as_deref(),
        Some("damaged")
    );
    let text = problem.text().await.unwrap();
    assert!(text.contains("damaged"), "{text}");
    // The host is fixed; Retry fetches past every cache.
    std::fs::write(&blob, &good).unwrap();
    Browser::click_in(&problem, "button").await;
    b.search_expect("客户投诉", "投诉").await;
    b.close().await;
}

async fn when_one_tab_applies_an_update_the_other_offers_the_reload(engine: Engine) {
    let site = e2e::copy_of_dist();
    let (b, _server) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    b.wait_testid("search").await;
    b.wait_offline_ready().await;
    let url = b.client.current_url().await.unwrap();
    let tab_a = b.client.window().await.unwrap();
    let tab_b = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(tab_b.clone()).await.unwrap();
    b.client.goto(url.as_str()).await.unwrap();
    b.wait_testid("search").await;
    b.wait_offline_ready().await;

    let new_version = bump_version(site.path());
    b.client.switch_to_window(tab_a.clone()).await.unwrap();
    b.eval("navigator.serviceWorker.getRegistration().then(r => r.update()); return true")
        .await;
    let banner = b.wait_testid("update-ready").await;
    b.reload_from(&banner, "tab A on the new build").await;

    b.client.switch_to_window(tab_b).await.unwrap();
    let banner = b.wait_testid("update-ready").await;
    b.reload_from(&banner, "tab B reloads onto the new build")
        .await;
    assert_eq!(
        cache_names(&b).await,
        vec![format!("cuecard:/:{new_version}")]
    );
    b.search_expect("клиент оскорбляет оператора", "оскорбляет")
        .await;
    b.close().await;
}

in_every_engine!(
    a_host_that_redirects_index_html_works_online_and_offline,
    the_worker_answers_only_the_app_page,
    two_deployments_on_one_origin_keep_their_caches_and_callbacks,
    a_damaged_file_aborts_the_update_and_the_old_version_keeps_serving,
    a_damaged_index_of_the_right_length_is_caught_and_retry_recovers,
    when_one_tab_applies_an_update_the_other_offers_the_reload,
);
