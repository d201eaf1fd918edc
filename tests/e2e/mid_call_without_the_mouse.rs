//! Mid-call, by keyboard: search from every screen and back with Esc, the shortcuts overlay,
//! hold and steps and branches by key, copy that tells the truth (also on a plain-http desk),
//! counts in each language's plural forms, a clean printout, zero axe-core violations, related
//! procedures, and a whole call without the mouse. Chromium, Firefox ESR and WebKitGTK.
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e;

use e2e::{Browser, Engine, Server, Site};
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;

/// Sends keys to whatever has the keyboard (as a person would, not to a chosen element).
async fn press(b: &Browser, keys: &str) {
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

/// Waits until the header's search box has the keyboard (after `/`).
async fn wait_in_search(b: &Browser) {
    b.until("the cursor in the search box", || async {
        (active_testid(b).await == "search").then_some(())
    })
    .await;
}

/// Puts the keyboard on the page body, out of any field.
async fn focus_body(b: &Browser) {
    b.eval("document.activeElement && document.activeElement.blur(); document.body.focus(); return true")
        .await;
}

/// A procedure open with nothing in focus: the keys go to the page.
async fn open_for_keys(engine: Engine, path: &str) -> (Browser, e2e::Server) {
    let (b, s) = Browser::open(engine, path).await;
    b.wait_testid("procedure").await;
    focus_body(&b).await;
    (b, s)
}

async fn active_testid(b: &Browser) -> String {
    b.eval("const a = document.activeElement; return a ? (a.dataset.testid || a.closest('[data-testid]')?.dataset.testid || a.tagName) : ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn checked_steps(b: &Browser) -> usize {
    b.eval(
        "return document.querySelectorAll('[data-testid=step] > .step-check input:checked').length",
    )
    .await
    .as_u64()
    .unwrap() as usize
}

async fn search_from_the_procedure_and_back_with_esc(engine: Engine) {
    let (b, _s) = Browser::open(engine, "#/p/vi-gap-truong-ca").await;
    b.wait_testid("procedure").await;
    b.check_first_step().await;
    let search = b.wait_testid("search").await;
    search.send_keys("客户投诉").await.unwrap();
    let overlay = b.wait_testid("results-overlay").await;
    b.until("results over the procedure", || async {
        overlay.text().await.ok()?.contains("投诉").then_some(())
    })
    .await;
    assert!(
        !b.all_testid("procedure").await.is_empty(),
        "the procedure stays underneath"
    );
    search.send_keys(&Key::Escape.to_string()).await.unwrap();
    b.wait_gone("the results to close", "results-overlay").await;
    b.until("the keyboard back on the procedure", || async {
        (active_testid(&b).await == "procedure-title").then_some(())
    })
    .await;
    assert_eq!(checked_steps(&b).await, 1, "the call was kept");
    b.close().await;
}

async fn the_shortcuts_overlay_lists_the_keys_in_the_ui_language(engine: Engine) {
    let (b, _s) = open_for_keys(engine, "#/p/vi-gap-truong-ca").await;
    press(&b, "?").await;
    let overlay = b.wait_testid("shortcuts").await;
    let text = overlay.text().await.unwrap();
    for key in [
        "/",
        "j / k",
        "Alt+1…9",
        "Space",
        "Esc",
        "Start or end the hold",
    ] {
        assert!(text.contains(key), "{key} in {text}");
    }
    press(&b, &Key::Escape.to_string()).await;
    b.wait_gone("the overlay to close", "shortcuts").await;
    b.client
        .find(Locator::Css(".ui-lang select"))
        .await
        .unwrap()
        .select_by_value("ru")
        .await
        .unwrap();
    focus_body(&b).await;
    press(&b, "?").await;
    let text = b.wait_testid("shortcuts").await.text().await.unwrap();
    assert!(
        text.contains("Пробел") && text.contains("Сочетания клавиш"),
        "{text}"
    );
    b.close().await;
}

async fn hold_steps_and_branches_by_key(engine: Engine) {
    let (b, _s) = open_for_keys(engine, "#/p/vi-chuyen-may-khac-tong-dai").await;
    press(&b, "h").await;
    b.wait_testid("hold-stop").await;
    focus_body(&b).await;
    press(&b, "h").await;
    b.wait_testid("hold-start").await;
    focus_body(&b).await;
    press(&b, "j").await;
    b.until("the first step's checkbox to have the keyboard", || async {
        (active_testid(&b).await == "step").then_some(())
    })
    .await;
    press(&b, " ").await;
    b.until("the first step checked by Space", || async {
        (checked_steps(&b).await == 1).then_some(())
    })
    .await;
    press(&b, "j").await;
    press(&b, " ").await;
    b.until("the second step checked", || async {
        (checked_steps(&b).await == 2).then_some(())
    })
    .await;
    press(&b, "k").await;
    press(&b, " ").await;
    b.until("the first step unchecked again", || async {
        (checked_steps(&b).await == 1).then_some(())
    })
    .await;
    // Alt+2 chooses the second branch of the decision with the keyboard.
    let before = b.all_testid("step").await.len();
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&format!("{}2", Key::Alt))
        .await
        .unwrap();
    b.until("the second branch chosen and its steps shown", || async {
        let chosen = b
            .eval("const r = document.querySelectorAll('.decision input[type=radio]'); return r.length > 1 && r[1].checked")
            .await;
        (chosen == json!(true) && b.all_testid("step").await.len() > before).then_some(())
    })
    .await;
    b.close().await;
}

/// The script's copy button on the first say card.
async fn first_copy(b: &Browser) -> fantoccini::elements::Element {
    b.wait_testid("copy").await
}

async fn copy_says_copied_only_when_it_copied(engine: Engine) {
    let (b, _s) = Browser::open(engine, "#/p/zh-tousu-dianhua").await;
    b.wait_testid("procedure").await;
    // A clipboard that works: "Copied", and the script is what went in.
    b.eval(
        "window.__copied = null;
         Object.defineProperty(navigator, 'clipboard', { configurable: true,
           value: { writeText: (t) => { window.__copied = t; return Promise.resolve(); } } });
         return true",
    )
    .await;
    let copy = first_copy(&b).await;
    copy.click().await.unwrap();
    b.until("Copied", || async {
        (copy.attr("data-state").await.ok()?? == "copied").then_some(())
    })
    .await;
    assert_eq!(copy.text().await.unwrap(), "Copied");
    let copied = b.eval("return window.__copied").await;
    assert!(copied.as_str().is_some_and(|t| !t.is_empty()), "{copied}");
    // A clipboard that refuses, and no way to copy by selection: the text is selected instead.
    b.eval(
        "Object.defineProperty(navigator, 'clipboard', { configurable: true,
           value: { writeText: () => Promise.reject(new Error('denied')) } });
         document.execCommand = () => false; return true",
    )
    .await;
    copy.click().await.unwrap();
    b.until("the truth: not copied", || async {
        (copy.attr("data-state").await.ok()?? == "selected").then_some(())
    })
    .await;
    assert!(copy.text().await.unwrap().contains("Ctrl+C"));
    let selected = b
        .eval("const a = document.activeElement; return a && a.value ? a.value.substring(a.selectionStart, a.selectionEnd) : ''")
        .await;
    assert_eq!(selected, copied, "the script is selected for Ctrl+C");
    b.close().await;
}

async fn a_plain_http_desk_works_except_offline_and_says_so_once(engine: Engine) {
    let server = Server::start_site(Site {
        mounts: vec![("/".into(), e2e::dist())],
        plain_http: true,
        ..Site::default()
    });
    let b = Browser::start(engine).await;
    b.client
        .goto(&format!("{}#/p/zh-tousu-dianhua", server.base))
        .await
        .unwrap();
    b.wait_testid("procedure").await;
    assert_eq!(b.eval("return window.isSecureContext").await, json!(false));
    let note = b.wait_testid("https-note").await;
    assert!(note.text().await.unwrap().contains("https"));
    // Copy works through the selection (there is no clipboard API here), and says so truly.
    let copy = first_copy(&b).await;
    copy.click().await.unwrap();
    let state = b
        .until("a copy outcome", || async {
            let s = copy.attr("data-state").await.ok()??;
            (s != "idle").then_some(s)
        })
        .await;
    let label = copy.text().await.unwrap();
    match state.as_str() {
        "copied" => assert_eq!(label, "Copied"),
        _ => assert!(label.contains("Ctrl+C"), "{label}"),
    }
    // Notifications and the hold's alarms do not throw; search and callbacks work.
    b.search_expect("клиент оскорбляет оператора", "оскорбляет")
        .await;
    let form = b.open_callback_form().await;
    Browser::fill(&form, "phone", "0901000999").await;
    b.wait_testid("callback-save").await.click().await.unwrap();
    b.wait_testid("callback-item").await;
    assert!(b.all_testid("crash").await.is_empty(), "nothing threw");
    // Said once: dismissed, it stays away.
    note.find(Locator::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait_gone("the note to go", "https-note").await;
    b.reload().await;
    b.wait_testid("search").await;
    assert!(b.all_testid("https-note").await.is_empty());
    b.close().await;
}

async fn counts_use_each_language_s_plural_forms(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    let announced = || async {
        b.eval("return document.querySelector('[aria-live]').textContent")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    b.search_expect("клиент оскорбляет оператора", "оскорбляет")
        .await;
    let n = b.all_testid("result").await.len();
    let text = b
        .until("an English count", || async {
            let t = announced().await;
            t.starts_with(&format!("{n} ")).then_some(t)
        })
        .await;
    assert_eq!(
        text,
        format!("{n} {}", if n == 1 { "result" } else { "results" })
    );
    b.client
        .find(Locator::Css(".ui-lang select"))
        .await
        .unwrap()
        .select_by_value("ru")
        .await
        .unwrap();
    b.search_expect("клиент хамит оператору", "оскорбляет")
        .await;
    let n = b.all_testid("result").await.len();
    let want = match (n % 10, n % 100) {
        (1, h) if h != 11 => "результат",
        (2..=4, h) if !(12..=14).contains(&h) => "результата",
        _ => "результатов",
    };
    b.until("a Russian count", || async {
        (announced().await == format!("{n} {want}")).then_some(())
    })
    .await;
    b.close().await;
}

async fn a_printout_is_one_clean_column_with_every_branch(engine: Engine) {
    let (b, _s) = Browser::open(engine, "#/p/vi-chuyen-may-khac-tong-dai").await;
    b.wait_testid("procedure").await;
    let branches = b
        .eval("return document.querySelectorAll('.decision input[type=radio]').length")
        .await;
    b.eval("window.dispatchEvent(new Event('beforeprint')); return true")
        .await;
    b.until("every branch expanded for print", || async {
        (b.eval("return document.querySelectorAll('.print-branch').length")
            .await
            == branches)
            .then_some(())
    })
    .await;
    let hidden = b
        .eval(
            "const gone = (s) => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none');
             return [gone('header.top'), gone('aside.side'), gone('main button')]",
        )
        .await;
    assert_eq!(
        hidden,
        json!([true, true, true]),
        "no header, side panel or buttons"
    );
    b.eval("window.dispatchEvent(new Event('afterprint')); return true")
        .await;
    b.until("the screen layout back", || async {
        (b.eval("return document.querySelectorAll('.print-branch').length")
            .await
            == json!(0))
        .then_some(())
    })
    .await;
    b.close().await;
}

async fn no_accessibility_violations_on_the_desk(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    assert_eq!(b.axe().await, Vec::<String>::new(), "empty search page");
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    assert_eq!(b.axe().await, Vec::<String>::new(), "results");
    b.client
        .goto(&format!(
            "{}#/p/vi-chuyen-mang-bi-dong",
            b.client
                .current_url()
                .await
                .unwrap()
                .as_str()
                .split('#')
                .next()
                .unwrap()
        ))
        .await
        .unwrap();
    b.wait_testid("procedure").await;
    assert_eq!(b.axe().await, Vec::<String>::new(), "a procedure");
    b.open_callback_form().await;
    assert_eq!(b.axe().await, Vec::<String>::new(), "the callback form");
    b.close().await;
}

async fn related_procedures_are_one_click_away(engine: Engine) {
    let (b, _s) = Browser::open(engine, "#/p/vi-gap-truong-ca").await;
    let related = b.wait_testid("related").await;
    let link = related.find(Locator::Css("a")).await.unwrap();
    let title = link.text().await.unwrap();
    link.click().await.unwrap();
    b.until("the related procedure open", || async {
        (b.wait_testid("procedure-title").await.text().await.ok()? == title).then_some(())
    })
    .await;
    b.close().await;
}

async fn a_whole_call_without_the_mouse(engine: Engine) {
    let (b, _s) = Browser::open(engine, "").await;
    b.wait_testid("search").await;
    b.eval("window.confirm = () => true; return true").await;
    // Search and open.
    focus_body(&b).await;
    press(&b, "/").await;
    wait_in_search(&b).await;
    press(&b, "khach muon gap truong ca").await;
    b.until("results", || async {
        (!b.result_titles().await.is_empty()).then_some(())
    })
    .await;
    press(&b, &Key::Enter.to_string()).await;
    b.wait_testid("procedure").await;
    // Check a step, pick a branch, hold and end the hold.
    focus_body(&b).await;
    press(&b, "j").await;
    press(&b, " ").await;
    b.until("a step checked", || async {
        (checked_steps(&b).await == 1).then_some(())
    })
    .await;
    press(&b, &format!("{}1", Key::Alt)).await;
    b.until("a branch chosen", || async {
        (b.eval("return [...document.querySelectorAll('.decision input[type=radio]')].some(r => r.checked)").await
            == json!(true))
        .then_some(())
    })
    .await;
    press(&b, "h").await;
    b.wait_testid("hold-stop").await;
    press(&b, "h").await;
    b.wait_testid("hold-start").await;
    // A callback, typed.
    focus_body(&b).await;
    press(&b, "c").await;
    b.until("the name field to have the keyboard", || async {
        (b.eval("return document.activeElement && document.activeElement.name")
            .await
            == json!("name"))
        .then_some(())
    })
    .await;
    press(&b, &format!("Lê Thu{}0912000111{}", Key::Tab, Key::Enter)).await;
    b.until("the callback in the list", || async {
        let items = b.all_testid("callback-item").await;
        (items.len() == 1).then_some(())
    })
    .await;
    // Copy the summary: Tab to its button from the search box, Enter.
    b.eval(
        "Object.defineProperty(navigator, 'clipboard', { configurable: true,
           value: { writeText: (t) => { window.__copied = t; return Promise.resolve(); } } });
         return true",
    )
    .await;
    focus_body(&b).await;
    press(&b, "/").await;
    wait_in_search(&b).await;
    let mut tabs = 0;
    while active_testid(&b).await != "copy-summary" {
        press(&b, &Key::Tab.to_string()).await;
        tabs += 1;
        assert!(tabs < 40, "the summary button is reachable by Tab");
    }
    press(&b, &Key::Enter.to_string()).await;
    let summary = b
        .until("the summary copied", || async {
            b.eval("return window.__copied")
                .await
                .as_str()
                .map(str::to_string)
        })
        .await;
    assert!(
        summary.contains("Trưởng ca") && summary.contains("Lê Thu"),
        "{summary}"
    );
    // New call.
    focus_body(&b).await;
    press(&b, "n").await;
    b.until("a fresh call", || async {
        (b.all_testid("procedure").await.is_empty()).then_some(())
    })
    .await;
    b.close().await;
}

in_every_engine!(
    search_from_the_procedure_and_back_with_esc,
    the_shortcuts_overlay_lists_the_keys_in_the_ui_language,
    hold_steps_and_branches_by_key,
    copy_says_copied_only_when_it_copied,
    a_plain_http_desk_works_except_offline_and_says_so_once,
    counts_use_each_language_s_plural_forms,
    a_printout_is_one_clean_column_with_every_branch,
    no_accessibility_violations_on_the_desk,
    related_procedures_are_one_click_away,
    a_whole_call_without_the_mouse,
);
