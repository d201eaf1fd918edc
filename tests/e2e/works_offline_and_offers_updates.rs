//! The static site as operators meet it: after one online visit it opens and searches with the
//! network gone (service worker precache), and a new build is offered, not forced, with
//! "new version — reload". Runs in Chromium, Firefox ESR and WebKitGTK against `dist/`.
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e;

use e2e::{kb, Browser, Engine, Server};

async fn the_app_opens_and_searches_with_the_network_gone(engine: Engine) {
    let (b, server) = Browser::open(engine, "").await;
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    b.wait_offline_ready().await;
    server.stop();
    // Really offline: the page's own origin no longer answers outside the worker.
    let direct = std::net::TcpStream::connect(
        server
            .base
            .trim_start_matches("http://")
            .trim_end_matches('/'),
    );
    assert!(direct.is_err(), "the server still answers");
    b.reload().await;
    b.search_expect("客户投诉", "投诉").await;
    b.search_expect("клиент оскорбляет оператора", "оскорбляет")
        .await;
    b.client
        .goto(&format!("{}#/p/vi-gap-truong-ca", server.base))
        .await
        .unwrap();
    let title = b.wait_testid("procedure-title").await.text().await.unwrap();
    assert_eq!(title, "KH muốn gặp Trưởng ca");
    b.close().await;
}

async fn the_app_works_offline_under_a_sub_path(engine: Engine) {
    let server = Server::start(e2e::dist(), "/intranet/desk/cuecard/");
    let b = Browser::start(engine).await;
    b.client.goto(&server.base).await.unwrap();
    b.wait_testid("search").await;
    b.wait_offline_ready().await;
    server.stop();
    b.reload().await;
    b.search_expect("khach hang chuyen mang", "chuyển mạng")
        .await;
    b.close().await;
}

async fn a_new_build_is_offered_with_reload_and_replaces_the_old_cache(engine: Engine) {
    let site = e2e::copy_of_dist();
    let (b, _server) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    b.wait_testid("search").await;
    b.wait_offline_ready().await;
    assert!(
        b.all_testid("update-ready").await.is_empty(),
        "no update on the first visit"
    );
    let old_caches = b.eval_async("caches.keys().then(done)").await;
    // A new build: the same files under a new version (what `kb site` writes after any change).
    let sw_path = site.path().join("sw.js");
    let sw = std::fs::read_to_string(&sw_path).unwrap();
    let (head, rest) = sw.split_once("const VERSION = \"").unwrap();
    let (old_version, tail) = rest.split_once('"').unwrap();
    let new_version = format!("{old_version}next");
    std::fs::write(
        &sw_path,
        format!("{head}const VERSION = \"{new_version}\"{tail}"),
    )
    .unwrap();
    b.eval("navigator.serviceWorker.getRegistration().then(r => r.update()); return true")
        .await;
    let banner = b.wait_testid("update-ready").await;
    assert!(
        banner.text().await.unwrap().contains("new version"),
        "{}",
        banner.text().await.unwrap()
    );
    // The old build keeps serving until the operator chooses to reload.
    b.search_expect("客户投诉", "投诉").await;
    b.mark_page().await;
    banner
        .find(fantoccini::Locator::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The click reloads the page: wait for the new document before any async script runs.
    b.wait_new_page("the page to reload on the new build").await;
    let expected = format!("[\"cuecard:/:{new_version}\"]");
    b.until(
        "only the new build's cache, and no update offer",
        || async {
            let keys = b.eval_async("caches.keys().then(done)").await.to_string();
            (keys == expected && b.all_testid("update-ready").await.is_empty()).then_some(())
        },
    )
    .await;
    assert_ne!(old_caches.to_string(), expected);
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    b.close().await;
}

async fn the_page_links_a_manifest_and_icons_to_install_as_an_app(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    let manifest = b
        .eval_async("fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json()).then(done)")
        .await;
    assert_eq!(manifest["start_url"], "./");
    assert_eq!(manifest["display"], "standalone");
    let icons = manifest["icons"].as_array().unwrap();
    for size in ["192x192", "512x512"] {
        let icon = icons
            .iter()
            .find(|i| i["sizes"] == size)
            .unwrap_or_else(|| panic!("a {size} icon"));
        let src = icon["src"].as_str().unwrap();
        let ok = b
            .eval_async(&format!(
                "fetch({src:?}).then(r => r.blob()).then(b => done(b.type + ' ' + b.size))"
            ))
            .await;
        let ok = ok.as_str().unwrap();
        assert!(
            ok.starts_with("image/png") && !ok.ends_with(" 0"),
            "{src}: {ok}"
        );
    }
    b.close().await;
}

/// The real content into `site` with `word` added to the shift-leader card's situations, by
/// `kb publish` (which records the publication in the site's history).
fn publish_with(site: &std::path::Path, word: &str) {
    let content = tempfile::tempdir().unwrap();
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in std::fs::read_dir(&from).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, content.path().join(p.file_name().unwrap())).unwrap();
    }
    let card = content.path().join("vi-gap-truong-ca.md");
    let text = std::fs::read_to_string(&card).unwrap();
    let text = text.replacen(
        "situations = [\n",
        &format!("situations = [\n  \"{word}\",\n"),
        1,
    );
    std::fs::write(&card, text).unwrap();
    kb(&[
        "publish",
        "--content",
        content.path().to_str().unwrap(),
        "--dist",
        site.to_str().unwrap(),
    ]);
}

/// Asks the worker for the site as it now is, takes the offered version and waits for it.
async fn take_the_update(b: &Browser) {
    b.eval("navigator.serviceWorker.getRegistration().then(r => r.update()); return true")
        .await;
    let banner = b.wait_testid("update-ready").await;
    b.mark_page().await;
    banner
        .find(fantoccini::Locator::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait_new_page("the page to reload on the offered version")
        .await;
    b.wait_offline_ready().await;
}

/// Publish A, publish B, `kb rollback`: the site's files are A's again (its history aside), and
/// an open desk is offered the rollback like any update, then finds A's words, offline too.
async fn a_rollback_is_offered_like_an_update_and_serves_the_old_text_offline(engine: Engine) {
    let site = e2e::copy_of_dist();
    publish_with(site.path(), "alphaword");
    let page_a = std::fs::read(site.path().join("index.html")).unwrap();
    let sw_a = std::fs::read(site.path().join("sw.js")).unwrap();
    let (b, server) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    b.search_expect("alphaword", "Trưởng ca").await;
    b.wait_offline_ready().await;

    publish_with(site.path(), "betaword");
    take_the_update(&b).await;
    b.search_expect("betaword", "Trưởng ca").await;

    kb(&["rollback", "--dist", site.path().to_str().unwrap()]);
    assert_eq!(
        std::fs::read(site.path().join("index.html")).unwrap(),
        page_a
    );
    assert_eq!(std::fs::read(site.path().join("sw.js")).unwrap(), sw_a);
    take_the_update(&b).await;
    b.search_expect("alphaword", "Trưởng ca").await;

    server.stop();
    b.reload().await;
    b.search_expect("alphaword", "Trưởng ca").await;
    b.close().await;
}

/// Chromium's static routes: once the worker is installed, the page, its stylesheet, scripts and
/// wasm come from the build's cache before any worker runs (Resource Timing names the source that
/// answered each request; the index blobs boot.js reads from the cache itself), and a URL with a
/// query string still goes through the worker.
async fn chromium_serves_the_kept_files_without_the_worker(engine: Engine) {
    let (b, server) = Browser::open(engine, "").await;
    b.wait_offline_ready().await;
    b.reload().await;
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    let sources = b
        .eval(
            "return performance.getEntries()
               .filter((e) => e.name.startsWith(location.origin) && 'workerFinalSourceType' in e)
               .map((e) => [new URL(e.name).pathname.split('/').pop().replace(/-[0-9a-f]{8,16}(_bg)?\\.[a-z]+$/, ''),
                            e.workerFinalSourceType])",
        )
        .await;
    let sources: Vec<(String, String)> = serde_json::from_value(sources).unwrap();
    // The page (its name is the scope's, ""), boot.js, the stylesheet, the glue and the wasm.
    for file in ["", "boot", "main", "cuecard"] {
        let answered: Vec<&str> = sources
            .iter()
            .filter(|(f, _)| f == file)
            .map(|(_, source)| source.as_str())
            .collect();
        assert!(
            !answered.is_empty() && answered.iter().all(|s| *s == "cache"),
            "{file:?}: {sources:?}"
        );
    }

    b.client
        .goto(&format!("{}?from=desk", server.base))
        .await
        .unwrap();
    b.wait_testid("search").await;
    // No route matched (""), and the worker answered (`workerStart` is set only then).
    let navigation = b
        .eval(
            "const e = performance.getEntriesByType('navigation')[0];
             return [e.workerFinalSourceType, e.workerStart > 0]",
        )
        .await;
    assert_eq!(navigation, serde_json::json!(["", true]));
    b.close().await;
}

in_every_engine!(
    a_rollback_is_offered_like_an_update_and_serves_the_old_text_offline,
    the_app_opens_and_searches_with_the_network_gone,
    the_app_works_offline_under_a_sub_path,
    a_new_build_is_offered_with_reload_and_replaces_the_old_cache,
    the_page_links_a_manifest_and_icons_to_install_as_an_app;
    only Chromium: chromium_serves_the_kept_files_without_the_worker,
);
