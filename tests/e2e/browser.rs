//! A browser session in one engine, and what a scenario does with it: open the served build,
//! wait for the page, type, click, read storage, run scripts and axe-core, reload.

use super::driver::Driver;
use super::server::{Server, Site};
use super::{dist, Engine};
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A browser session. Dropping it after a scenario passed keeps a Chromium or Firefox browser
/// for the next scenario in its engine (when `keep_sessions` was called; `Engine::kept`);
/// otherwise, and always when a scenario panics, it kills the driver and its browser.
pub struct Browser {
    pub client: Client,
    pub engine: Engine,
    session: Option<Session>,
}

/// A WebDriver process, the session it opened and the browser's profile folder: what outlives
/// one scenario when the browser is kept.
struct Session {
    engine: Engine,
    driver: Driver,
    id: String,
    _profile: tempfile::TempDir,
}

/// Browsers kept between scenarios. Starting one takes 0.4 s (WebKitGTK) to 2 s (Firefox) on an
/// idle machine and more on a loaded one: over half of the end-to-end run went to it
/// (docs/performance.md). A kept one is reset in a few WebDriver calls. Every scenario serves its site on a port no earlier one had
/// (`unused_listener`), so a kept browser has no storage, worker or cache for it.
static KEPT: std::sync::Mutex<Vec<Session>> = std::sync::Mutex::new(Vec::new());
static KEEPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Keeps browsers between scenarios from now on; `end_kept_sessions` must be called before the
/// process exits (a kept driver runs in a process group of its own, and would outlive it).
pub fn keep_sessions() {
    KEEPING.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Kills every kept driver with its browser, and keeps no more.
pub fn end_kept_sessions() {
    KEEPING.store(false, std::sync::atomic::Ordering::SeqCst);
    KEPT.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

impl Session {
    /// A kept session for `engine`, if there is one.
    fn take(engine: Engine) -> Option<Session> {
        let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        let at = kept.iter().position(|s| s.engine == engine)?;
        Some(kept.swap_remove(at))
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.driver.port)
    }

    /// A client on this kept session, with the browser as a new one would be: one window, blank,
    /// at the harness's size. An error (a dialog left open, a page that will not be left, a
    /// browser gone) means the session is not fit to keep.
    async fn resume(&self) -> Result<Client, String> {
        let why = |e: fantoccini::error::CmdError| e.to_string();
        let client = Client::with_existing_session(&self.url(), &self.id, connector())
            .await
            .map_err(|e| e.to_string())?;
        client.persist().await.map_err(why)?;
        let windows = client.windows().await.map_err(why)?;
        let (first, others) = windows.split_first().ok_or("no window")?;
        for w in others {
            client.switch_to_window(w.clone()).await.map_err(why)?;
            client.close_window().await.map_err(why)?;
        }
        client.switch_to_window(first.clone()).await.map_err(why)?;
        client.goto("about:blank").await.map_err(why)?;
        let url = client.current_url().await.map_err(why)?;
        if url.as_str() != "about:blank" {
            return Err(format!("still at {url}"));
        }
        client.set_window_size(1280, 900).await.map_err(why)?;
        Ok(client)
    }
}

fn connector() -> hyper_util::client::legacy::connect::HttpConnector {
    hyper_util::client::legacy::connect::HttpConnector::new()
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            let keeping = KEEPING.load(std::sync::atomic::Ordering::SeqCst);
            if keeping && session.engine.kept() && !std::thread::panicking() {
                KEPT.lock().unwrap_or_else(|e| e.into_inner()).push(session);
            } // else the driver drops here, and takes its browser with it
        }
    }
}

impl Browser {
    /// A browser for a scenario: a kept one reset, or a new one.
    pub async fn start(engine: Engine) -> Browser {
        while let Some(session) = Session::take(engine) {
            match tokio::time::timeout(Duration::from_secs(20), session.resume()).await {
                Ok(Ok(client)) => {
                    return Browser {
                        client,
                        engine,
                        session: Some(session),
                    }
                }
                Ok(Err(e)) => eprintln!("{engine:?}: a kept browser is not reused: {e}"),
                Err(_) => eprintln!("{engine:?}: a kept browser did not reset within 20 s"),
            }
        }
        Browser::start_new(engine).await
    }

    /// Starts a driver, waits until it is ready, and opens a session; a session that cannot be
    /// created (a browser slow to start on a loaded machine) is retried with a fresh driver.
    async fn start_new(engine: Engine) -> Browser {
        const ATTEMPTS: usize = 3;
        let mut last_error = String::new();
        for attempt in 1..=ATTEMPTS {
            let driver = Driver::start(engine).await;
            let profile = tempfile::tempdir().unwrap();
            let session = tokio::time::timeout(
                Duration::from_secs(90),
                ClientBuilder::new(connector())
                    .capabilities(engine.capabilities(profile.path()))
                    .connect(&format!("http://127.0.0.1:{}", driver.port)),
            )
            .await;
            match session {
                Ok(Ok(client)) => {
                    // The session lives as long as the driver: a client dropped with its
                    // scenario's runtime must not end it (the browser may be kept).
                    let id = client.session_id().await.ok().flatten();
                    let persisted = client.persist().await;
                    if engine != Engine::Chromium {
                        let _ = client.set_window_size(1280, 900).await;
                    }
                    return Browser {
                        client,
                        engine,
                        session: match (id, persisted) {
                            (Some(id), Ok(())) => Some(Session {
                                engine,
                                driver,
                                id,
                                _profile: profile,
                            }),
                            // Not keepable: killed with the scenario's end instead.
                            _ => {
                                drop(driver);
                                None
                            }
                        },
                    };
                }
                Ok(Err(e)) => last_error = e.to_string(),
                Err(_) => last_error = "no session within 90 s".into(),
            }
            eprintln!("{engine:?} WebDriver session, attempt {attempt}/{ATTEMPTS}: {last_error}");
            drop(driver);
        }
        panic!("{engine:?} WebDriver session: {last_error} (after {ATTEMPTS} attempts)");
    }

    /// Serves `dist()` at "/" and opens `path` (a hash route or "").
    pub async fn open(engine: Engine, path: &str) -> (Browser, Server) {
        Browser::open_site(engine, dist(), path).await
    }

    pub async fn open_site(engine: Engine, root: PathBuf, path: &str) -> (Browser, Server) {
        Browser::open_served(
            engine,
            Site {
                mounts: vec![("/".to_string(), root)],
                ..Site::default()
            },
            path,
        )
        .await
    }

    /// Serves `site` and opens `path` in it.
    pub async fn open_served(engine: Engine, site: Site, path: &str) -> (Browser, Server) {
        let server = Server::start_site(site);
        let b = Browser::start(engine).await;
        b.client
            .goto(&format!("{}{path}", server.base))
            .await
            .unwrap();
        (b, server)
    }

    /// Ends the scenario's use of the browser: kept for the next scenario (`keep_sessions`), or
    /// closed with its driver.
    pub async fn close(mut self) {
        if !KEEPING.load(std::sync::atomic::Ordering::SeqCst) {
            let _ =
                tokio::time::timeout(Duration::from_secs(20), self.client.clone().close()).await;
            self.session = None; // the driver drops here, with its browser
        }
    }

    /// Waits for a `data-testid` element to appear.
    pub async fn wait_testid(&self, id: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(&format!("[data-testid=\"{id}\"]")))
            .await
            .unwrap_or_else(|e| panic!("no [data-testid={id}]: {e}"))
    }

    /// Every element with this test id now. An element the page replaced while the driver
    /// listed them (WebKitGTK's says "stale element") is listed again, once the page is done.
    pub async fn all_testid(&self, id: &str) -> Vec<fantoccini::elements::Element> {
        let css = format!("[data-testid=\"{id}\"]");
        for _ in 0..20 {
            match self.client.find_all(Locator::Css(&css)).await {
                Ok(found) => return found,
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference =>
                {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("listing [data-testid={id}]: {e}"),
            }
        }
        panic!("listing [data-testid={id}]: the page kept replacing them")
    }

    /// Polls `f` until it returns Some (the page updates asynchronously). The deadline is
    /// generous: two cores run three engines' tests side by side.
    pub async fn until<T, F, Fut>(&self, what: &str, f: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        self.until_within(Duration::from_secs(30), what, f).await
    }

    /// `until` with its own deadline.
    pub async fn until_within<T, F, Fut>(&self, limit: Duration, what: &str, mut f: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(v) = f().await {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn result_titles(&self) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.all_testid("result").await {
            out.push(el.text().await.unwrap_or_default());
        }
        out
    }

    /// Types into the search box and waits until the first result contains `expect`. Types
    /// again while the box does not hold `query`: WebKitGTK's driver, on a loaded machine,
    /// sometimes loses keys sent just after the page settles.
    pub async fn search_expect(&self, query: &str, expect: &str) {
        let input = self.wait_testid("search").await;
        input.clear().await.unwrap();
        input.send_keys(query).await.unwrap();
        self.until(
            &format!("a result with {expect:?} for {query:?}"),
            || async {
                let typed = input.prop("value").await.ok()?.unwrap_or_default();
                if typed != query {
                    input.clear().await.ok()?;
                    input.send_keys(query).await.ok()?;
                    return None;
                }
                let titles = self.result_titles().await;
                titles
                    .iter()
                    .take(3)
                    .any(|t| t.contains(expect))
                    .then_some(())
            },
        )
        .await;
    }

    /// Opens the "new callback" form and returns it.
    pub async fn open_callback_form(&self) -> fantoccini::elements::Element {
        self.wait_testid("callback-new")
            .await
            .click()
            .await
            .unwrap();
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css("form.callback-form"))
            .await
            .expect("the callback form")
    }

    /// Adds a callback through the form (name and phone; the rest as suggested).
    pub async fn add_callback(&self, name: &str, phone: &str) {
        self.add_callback_with(name, phone, "", None).await;
    }

    /// Adds a callback with a note and, when given, a due time typed over the suggested one.
    pub async fn add_callback_with(&self, name: &str, phone: &str, note: &str, due: Option<&str>) {
        let form = self.open_callback_form().await;
        Browser::fill(&form, "name", name).await;
        Browser::fill(&form, "phone", phone).await;
        Browser::fill(&form, "note", note).await;
        if let Some(due) = due {
            let input = form.find(Locator::Css("input[name=due]")).await.unwrap();
            input.clear().await.unwrap();
            input.send_keys(due).await.unwrap();
        }
        self.wait_testid("callback-save")
            .await
            .click()
            .await
            .unwrap();
    }

    /// The text of each pending callback in the list, top to bottom.
    pub async fn callback_texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.all_testid("callback-item").await {
            out.push(el.text().await.unwrap_or_default());
        }
        out
    }

    /// Clicks the first element inside `el` that `css` finds (a notice's button, a step's box).
    pub async fn click_in(el: &fantoccini::elements::Element, css: &str) {
        el.find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("nothing matches {css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// Clicks the button of `banner` (the update offer, the crash banner) and waits for the
    /// page it reloads.
    pub async fn reload_from(&self, banner: &fantoccini::elements::Element, what: &str) {
        self.mark_page().await;
        Browser::click_in(banner, "button").await;
        self.wait_new_page(what).await;
    }

    /// "Clear all" in the callbacks panel, its question answered yes.
    pub async fn clear_all(&self) {
        self.eval("window.confirm = () => true; return true").await;
        self.client
            .find(Locator::Css("#callbacks button.danger"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    /// Checks the first step's box.
    pub async fn check_first_step(&self) {
        Browser::click_in(&self.wait_testid("step").await, "input[type=checkbox]").await;
    }

    /// Waits until no `data-testid` element is left.
    pub async fn wait_gone(&self, what: &str, id: &str) {
        self.until(what, || async {
            self.all_testid(id).await.is_empty().then_some(())
        })
        .await;
    }

    /// Types `value` into the form's input named `name`.
    pub async fn fill(form: &fantoccini::elements::Element, name: &str, value: &str) {
        if value.is_empty() {
            return; // WebKitWebDriver refuses to send no text ("Missing text parameter")
        }
        let input = form
            .find(Locator::Css(&format!("input[name={name}]")))
            .await
            .unwrap_or_else(|e| panic!("no input {name}: {e}"));
        input.send_keys(value).await.unwrap();
    }

    pub async fn eval(&self, js: &str) -> serde_json::Value {
        self.client.execute(js, vec![]).await.unwrap()
    }

    /// Runs `js` (which must end by calling `done(value)`) and returns that value.
    pub async fn eval_async(&self, js: &str) -> serde_json::Value {
        let script = format!("const done = arguments[arguments.length - 1]; {js}");
        self.client.execute_async(&script, vec![]).await.unwrap()
    }

    /// Runs axe-core (npm, `tests/e2e/node_modules`; scripts/setup.sh installs it) on the page and
    /// returns its violations as "rule: target, target" lines (empty: none).
    pub async fn axe(&self) -> Vec<String> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/e2e/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run `npm ci` in tests/e2e, as scripts/setup.sh does)",
                path.display()
            )
        });
        self.client
            .execute(&format!("{source}\n;return true"), vec![])
            .await
            .expect("axe-core loads");
        let v = self
            .eval_async(
                "axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v =>
                   v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))),
                 e => done(['axe failed: ' + e]))",
            )
            .await;
        serde_json::from_value(v).unwrap()
    }

    /// Writes a value into the page origin's localStorage.
    pub async fn set_storage(&self, key: &str, value: &str) {
        self.client
            .execute(
                "localStorage.setItem(arguments[0], arguments[1]); return true",
                vec![serde_json::json!(key), serde_json::json!(value)],
            )
            .await
            .unwrap();
    }

    /// Every localStorage entry of the page's origin, sorted by key.
    pub async fn storage(&self) -> Vec<(String, String)> {
        let v = self
            .eval("return Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)])")
            .await;
        serde_json::from_value(v).unwrap()
    }

    /// Like `eval`, but `None` while the page cannot answer (e.g. in the middle of a navigation).
    pub async fn try_eval(&self, js: &str) -> Option<serde_json::Value> {
        self.client.execute(js, vec![]).await.ok()
    }

    /// Marks the current document, so that `wait_new_page` can tell when a navigation the test
    /// causes (a click that reloads) has replaced it. Never leave an async script pending across
    /// such a navigation: engines fail it ("Callback was not called before the unload event").
    pub async fn mark_page(&self) {
        self.eval("window.__cuecardOldPage = true; return true")
            .await;
    }

    /// Waits until the marked document is gone and the new one shows the app.
    pub async fn wait_new_page(&self, what: &str) {
        self.until(what, || async {
            (self
                .try_eval(
                    "return !window.__cuecardOldPage && document.readyState === 'complete' \
                     && !!document.querySelector('[data-testid=search], [data-testid=procedure]')",
                )
                .await
                == Some(serde_json::Value::Bool(true)))
            .then_some(())
        })
        .await;
    }

    /// Loads the current page again as a new navigation. WebDriver's refresh may be a
    /// cache-bypassing reload in some engines, which by specification skips the service worker.
    ///
    /// It first lets a starting service worker finish installing: WebKitGTK (and Firefox under
    /// load) wedge a registration whose first worker is still starting when its page navigates
    /// away; the worker then stays "installing" for the rest of the session, and neither
    /// `update()` nor `unregister()` gets it moving again. An operator does not reload within
    /// the first second of a first visit; a test must not either, or it flakes.
    pub async fn reload(&self) {
        self.until_within(
            Duration::from_secs(90),
            "a starting service worker to finish installing before the page goes away",
            || async {
                (self
                    .eval_async(
                        "if (!navigator.serviceWorker) done(true);
                         else if (!window.cuecardWorker) done(false);
                         else window.cuecardWorker.then(r => done(!(r && r.installing)));",
                    )
                    .await
                    == serde_json::Value::Bool(true))
                .then_some(())
            },
        )
        .await;
        let url = self.client.current_url().await.unwrap();
        self.client.goto("about:blank").await.unwrap();
        self.client.goto(url.as_str()).await.unwrap();
    }

    /// Waits until a service worker controls the page (its precache is then complete).
    pub async fn wait_offline_ready(&self) {
        // The install fetches and hashes every file of the build (1.5 MB of wasm): slow when
        // several browsers share two cores.
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            let controlled = self
                .eval("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)")
                .await;
            if controlled == serde_json::Value::Bool(true) {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out waiting for a service worker to control the page: {}",
                    self.worker_state().await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The page's service worker registration, for failure messages.
    pub async fn worker_state(&self) -> serde_json::Value {
        self.eval_async(
            "(async () => {
               const r = await navigator.serviceWorker.getRegistration();
               const st = (w) => w ? w.state : null;
               return {url: location.href, scope: r ? r.scope : null,
                 installing: r && st(r.installing), waiting: r && st(r.waiting),
                 active: r && st(r.active), controller: !!navigator.serviceWorker.controller,
                 caches: await caches.keys()};
             })().then(done, (e) => done(String(e)))",
        )
        .await
    }
}
