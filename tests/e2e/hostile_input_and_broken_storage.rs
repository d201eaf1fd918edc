//! Nothing an operator types, and nothing found in the browser's storage, may break the page or
//! lose a callback: hostile queries, markup as text, a strict CSP, corrupted, foreign, huge and
//! full localStorage. Runs in Chromium, Firefox ESR and WebKitGTK against `dist/`.
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e;

use e2e::{Browser, Engine};
use fantoccini::Locator;
use serde_json::{json, Value};

/// Sets the search box's value as a paste would and waits for the page to settle on results or
/// the no-results state (either is fine; an error or a dead page is not).
async fn search_settles(b: &Browser, query: &str) {
    b.client
        .execute(
            "const i = document.querySelector('[data-testid=search]'); i.value = arguments[0];
             i.dispatchEvent(new Event('input', { bubbles: true })); return true",
            vec![json!(query)],
        )
        .await
        .unwrap();
    b.until(
        &format!(
            "results or no results for a {}-char query",
            query.chars().count()
        ),
        || async {
            let empty = b
                .client
                .find(Locator::Css("p.empty[role=status]"))
                .await
                .is_ok();
            (empty || !b.all_testid("result").await.is_empty()).then_some(())
        },
    )
    .await;
}

async fn any_query_text_answers_and_the_page_stays_alive(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    let hostile = [
        "khach hang ".repeat(1000), // 11 000 characters
        "😡😡 клиент 🙏 客户 🤬".into(),
        "\u{202E}khach muon gap truong ca\u{202C}".into(), // right-to-left override
        "\u{200F}\u{200E}\u{061C}".into(),                 // direction marks only
        "kh\u{200B}ach\u{200D} hang\u{FEFF}".into(),       // zero-width characters
        "ｋｈａｃｈ　ｈａｎｇ　ＶＩＰ".into(),             // fullwidth forms
        "-".into(),
        "*".into(),
        "\"".into(),
        "title:(khach AND NOT \"hang\" OR [a TO z]) ^2 ~1 \\ /re.*x/ {}".into(),
        "' OR 1=1; --".into(),
        "\u{0}\u{1}\u{7f}\u{FFFD}".into(),
        "<script>alert(1)</script>".into(),
    ];
    for q in &hostile {
        search_settles(&b, q).await;
    }
    // Still alive and still right after all of that.
    b.search_expect("клиент оскорбляет оператора", "оскорбляет")
        .await;
    b.close().await;
}

async fn markup_typed_or_stored_is_shown_as_text(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    search_settles(&b, "<img src=x onerror=\"window.__pwned=1\">truong ca").await;
    let hostile = json!({"v": 1, "data": {"items": [{
        "id": "x1", "name": "<b id=\"pwn\">Boss</b><img src=x onerror=\"window.__pwned=1\">",
        "phone": "<i>0900</i>", "note": "", "created_ms": 1.0, "due_ms": 4102444800000.0,
        "updated_ms": 1.0
    }]}});
    b.set_storage(&e2e::key("callbacks"), &hostile.to_string())
        .await;
    b.client.refresh().await.unwrap();
    let item = b.wait_testid("callback-item").await;
    let text = item.text().await.unwrap();
    assert!(
        text.contains("<b id=\"pwn\">Boss</b>") && text.contains("<i>0900</i>"),
        "{text}"
    );
    assert_eq!(
        b.eval("return document.querySelectorAll('#pwn, img[src=x]').length")
            .await,
        json!(0)
    );
    assert_eq!(
        b.eval("return window.__pwned === undefined").await,
        json!(true)
    );
    b.close().await;
}

async fn the_page_runs_under_a_strict_content_security_policy(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.search_expect("客户投诉", "投诉").await;
    let csp = b
        .eval("return document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
        .await;
    let csp = csp.as_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    // An injected inline script does not run, and neither does a third-party one.
    b.eval(
        "window.__inline = 'not run';
         const s = document.createElement('script'); s.textContent = 'window.__inline = \"ran\"';
         document.head.appendChild(s); return true",
    )
    .await;
    assert_eq!(b.eval("return window.__inline").await, json!("not run"));
    let blocked = b
        .eval_async(
            "fetch('http://example.invalid/x').then(() => done('fetched'), () => done('blocked'))",
        )
        .await;
    assert_eq!(blocked, json!("blocked"));
    // Nothing the page loaded came from another origin (no fonts, scripts or analytics).
    let foreign = b
        .eval("return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))")
        .await;
    assert_eq!(foreign, json!([]), "requests to other origins");
    b.close().await;
}

fn callback(id: &str, phone: &str) -> Value {
    json!({"id": id, "name": "Khách", "phone": phone, "note": "", "created_ms": 1.0,
           "due_ms": 4102444800000.0, "updated_ms": 1.0})
}

async fn set_storage(b: &Browser, key: &str, value: &str) {
    b.set_storage(key, value).await;
}

async fn backups(b: &Browser) -> Vec<(String, String)> {
    let prefix = e2e::key("backup.");
    b.storage()
        .await
        .into_iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .collect()
}

async fn notice_kind(b: &Browser) -> String {
    let n = b.wait_testid("storage-notice").await;
    n.attr("data-kind").await.unwrap().unwrap_or_default()
}

async fn broken_storage_is_set_aside_with_a_notice_and_readable_callbacks_are_kept(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    let callbacks = json!({"v": 1, "data": {"items": [
        callback("a", "0901111111"), {"id": 7, "phone": null}, callback("b", "0902222222")
    ]}})
    .to_string();
    set_storage(&b, &e2e::key("callbacks"), &callbacks).await;
    set_storage(&b, &e2e::key("call"), "{\"v\":1,\"data\":{\"started_ms\":").await; // cut off mid-write
    b.client.refresh().await.unwrap();
    assert_eq!(notice_kind(&b).await, "recovered");
    b.until("both readable callbacks", || async {
        (b.all_testid("callback-item").await.len() == 2).then_some(())
    })
    .await;
    let kept = backups(&b).await;
    assert!(
        kept.iter().any(
            |(k, v)| k.starts_with(&e2e::key("backup.call.")) && v.ends_with("\"started_ms\":")
        ),
        "{kept:?}"
    );
    assert!(
        kept.iter()
            .any(|(k, v)| k.starts_with(&e2e::key("backup.callbacks.")) && v.contains("\"id\":7")),
        "{kept:?}"
    );
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    // The notice goes when dismissed, and the data stays.
    Browser::click_in(&b.wait_testid("storage-notice").await, "button").await;
    b.wait_gone("the notice to go", "storage-notice").await;
    b.client.refresh().await.unwrap();
    b.wait_testid("search").await;
    b.until("both callbacks after another reload", || async {
        (b.all_testid("callback-item").await.len() == 2).then_some(())
    })
    .await;
    assert!(
        b.all_testid("storage-notice").await.is_empty(),
        "nothing new to report"
    );
    b.close().await;
}

async fn values_from_a_newer_version_or_another_app_are_kept_aside(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    let newer = json!({"v": 99, "data": {"items": [callback("n", "0909999999")], "tags": ["x"]}})
        .to_string();
    set_storage(&b, &e2e::key("callbacks"), &newer).await;
    set_storage(&b, &e2e::key("prefs"), "[1,2,3]").await;
    set_storage(&b, &e2e::key("call"), "\"just a string from another app\"").await;
    b.client.refresh().await.unwrap();
    assert_eq!(notice_kind(&b).await, "recovered");
    let item = b.wait_testid("callback-item").await;
    assert!(
        item.text().await.unwrap().contains("0909999999"),
        "a readable callback survives a newer schema"
    );
    let kept = backups(&b).await;
    assert!(
        kept.iter().any(|(_, v)| v == &newer),
        "the newer value is kept verbatim: {kept:?}"
    );
    b.search_expect("客户投诉", "投诉").await;
    b.close().await;
}

async fn a_huge_stored_value_does_not_stop_the_page(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    b.client
        .execute(
            "localStorage.setItem(arguments[0], 'x'.repeat(2 * 1024 * 1024)); return true",
            vec![json!(e2e::key("call"))],
        )
        .await
        .unwrap();
    set_storage(
        &b,
        &e2e::key("callbacks"),
        &json!({"v": 1, "data": {"items": [callback("h", "0904444444")]}}).to_string(),
    )
    .await;
    b.client.refresh().await.unwrap();
    b.wait_testid("storage-notice").await;
    b.wait_testid("callback-item").await;
    b.search_expect("клиент оскорбляет оператора", "оскорбляет")
        .await;
    let kept = backups(&b).await;
    assert!(
        kept.iter().any(|(_, v)| v.len() == 2 * 1024 * 1024),
        "the huge value was set aside, not dropped"
    );
    b.close().await;
}

async fn a_full_storage_keeps_new_callbacks_in_the_tab_and_says_so(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    // Fill this origin's storage to the quota with filler (halving the chunk on each refusal).
    let filled = b
        .eval(
            "let size = 1 << 20, n = 0, chunk = 'f'.repeat(size);
             while (size >= 16) {
               try { localStorage.setItem('filler.' + n, chunk); n++; }
               catch (e) { size = size >> 1; chunk = chunk.slice(0, size); }
             }
             return n",
        )
        .await;
    assert!(filled.as_u64().unwrap() > 0, "storage was filled");
    let form = b.open_callback_form().await;
    Browser::fill(&form, "name", "Full Storage").await;
    Browser::fill(&form, "phone", "0905555555").await;
    b.wait_testid("callback-save").await.click().await.unwrap();
    assert_eq!(notice_kind(&b).await, "not-saved");
    let item = b.wait_testid("callback-item").await;
    assert!(
        item.text().await.unwrap().contains("0905555555"),
        "the callback stays on screen"
    );
    // Room again: the next change saves everything the tab holds, and the warning goes.
    b.eval("Object.keys(localStorage).filter(k => k.startsWith('filler.')).forEach(k => localStorage.removeItem(k)); return true").await;
    let form = b.open_callback_form().await;
    Browser::fill(&form, "phone", "0906666666").await;
    b.wait_testid("callback-save").await.click().await.unwrap();
    b.wait_gone("the not-saved notice to clear", "storage-notice")
        .await;
    b.client.refresh().await.unwrap();
    b.wait_testid("search").await;
    b.until("both callbacks after a reload", || async {
        let mut phones = Vec::new();
        for el in b.all_testid("callback-item").await {
            phones.push(el.text().await.ok()?);
        }
        (phones.iter().any(|p| p.contains("0905555555"))
            && phones.iter().any(|p| p.contains("0906666666")))
        .then_some(())
    })
    .await;
    b.close().await;
}

/// The app's own files are checked against the build's integrity values, with no preload whose
/// `integrity` the browser would ignore (and warn about on every load), and the wasm is
/// downloaded once.
async fn the_app_files_are_integrity_checked_and_fetched_once(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.search_expect("客户投诉", "投诉").await;
    let found = b
        .eval(
            r#"const boot = document.querySelector('script[data-wasm]');
               return {
                 ignoredPreloads: document.querySelectorAll('link[rel=preload][integrity]').length,
                 gluePreload: document.querySelector('link[rel=modulepreload][integrity]') !== null,
                 wasmIntegrity: boot.dataset.wasmIntegrity || '',
                 wasmFetches: performance.getEntriesByType('resource')
                   .filter(e => e.name.endsWith('.wasm')).length,
               }"#,
        )
        .await;
    assert_eq!(found["ignoredPreloads"], json!(0), "{found}");
    assert_eq!(found["gluePreload"], json!(true), "{found}");
    assert!(
        found["wasmIntegrity"]
            .as_str()
            .unwrap()
            .starts_with("sha256-"),
        "{found}"
    );
    assert!(found["wasmFetches"].as_u64().unwrap() <= 1, "{found}");
    b.close().await;
}

/// WebAssembly turned off (as Edge's enhanced security or Safari's Lockdown Mode do): the page
/// says so in the browser's language and what to do, instead of staying blank.
async fn without_webassembly_the_page_says_why_in_the_browsers_language(engine: Engine) {
    let site = e2e::build_with_script_before_boot(&format!(
        "{}delete window.WebAssembly;\n",
        e2e::languages("['vi-VN', 'en']")
    ));
    let (b, _s) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    let message = b.wait_testid("cannot-start").await;
    let text = message.text().await.unwrap();
    assert!(text.starts_with("Không khởi động được Cuecard"), "{text}");
    assert!(text.contains("Edge"), "says what to do: {text}");
    assert_eq!(
        message.attr("role").await.unwrap().as_deref(),
        Some("alert")
    );
    assert_eq!(
        message.attr("data-kind").await.unwrap().as_deref(),
        Some("off")
    );
    assert!(b.all_testid("crash").await.is_empty());
    b.close().await;
}

/// A program that fails to compile (here: a damaged .wasm file) is not a blank page either.
async fn a_wasm_that_does_not_compile_is_reported_not_a_blank_page(engine: Engine) {
    let site = e2e::build_with_script_before_boot(&e2e::languages("['ru-RU']"));
    let wasm = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "wasm"))
        .expect("a .wasm in the build");
    std::fs::write(&wasm, b"\0asm not really a module").unwrap();
    let (b, _s) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    let message = b.wait_testid("cannot-start").await;
    let text = message.text().await.unwrap();
    assert!(text.starts_with("Cuecard не смог запуститься"), "{text}");
    assert_eq!(
        message.attr("data-kind").await.unwrap().as_deref(),
        Some("failed")
    );
    b.close().await;
}

in_every_engine!(
    the_app_files_are_integrity_checked_and_fetched_once,
    without_webassembly_the_page_says_why_in_the_browsers_language,
    a_wasm_that_does_not_compile_is_reported_not_a_blank_page,
    any_query_text_answers_and_the_page_stays_alive,
    markup_typed_or_stored_is_shown_as_text,
    the_page_runs_under_a_strict_content_security_policy,
    broken_storage_is_set_aside_with_a_notice_and_readable_callbacks_are_kept,
    values_from_a_newer_version_or_another_app_are_kept_aside,
    a_huge_stored_value_does_not_stop_the_page,
    a_full_storage_keeps_new_callbacks_in_the_tab_and_says_so,
);
