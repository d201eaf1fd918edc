//! Shared harness for the end-to-end tests: serves the release build (`dist/`) from a local
//! static server, starts a WebDriver for one of three engines (chromedriver, geckodriver,
//! WebKitWebDriver) and opens a fresh browser session with an empty profile.
//!
//! A scenario whose build, driver or display is missing is skipped with a line saying why
//! (`support/stage.rs`; `CUECARD_REQUIRE_BROWSERS=1` makes that a failure), and when every
//! scenario of a module has finished the harness prints how many ran and how many were skipped.

#![allow(dead_code, unused_macros)]

#[path = "../support/stage.rs"]
pub mod stage;

use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn dist() -> PathBuf {
    let d = stage::dist_dir();
    assert!(
        d.join("index.html").exists(),
        "no release build at {}: run `bash scripts/build.sh` first (scripts/test.sh does)",
        d.display()
    );
    d
}

/// The storage key the app uses for `name` ("call", "callbacks", "prefs", "backup.") when it is
/// served at `base` (storage is namespaced by the deployment's path).
pub fn key_at(base: &str, name: &str) -> String {
    format!("cuecard:{base}:{name}")
}

/// The storage key for `name` of the app served at "/".
pub fn key(name: &str) -> String {
    key_at("/", name)
}

/// A copy of the release build whose page runs `script` (a file beside it, not inline) before
/// boot.js.
pub fn build_with_script_before_boot(script: &str) -> tempfile::TempDir {
    let site = copy_of_dist();
    std::fs::write(site.path().join("before-boot.js"), script).unwrap();
    let page = site.path().join("index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let at = html
        .find("<script")
        .expect("the page starts from a script tag");
    let html = format!(
        "{}<script src=\"before-boot.js\"></script>{}",
        &html[..at],
        &html[at..]
    );
    std::fs::write(&page, html).unwrap();
    site
}

/// A script line that makes the browser's languages `langs` (every engine lets a page script
/// redefine them).
pub fn languages(langs: &str) -> String {
    format!("Object.defineProperty(navigator, 'languages', {{ get: () => {langs} }});\n")
}

/// A private copy of the release build, for tests that change files (a corrupt index, a new build).
pub fn copy_of_dist() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(dist()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, copy.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    copy
}

/// The Vietnamese content-hashed index blob (`index-vi-<hash>.bin`) in a build folder (an
/// English desk, as the tests' browsers are, fetches every language's at start).
pub fn index_blob(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("index-vi-") && name.ends_with(".bin")
        })
        .expect("a content-hashed index-vi-<hash>.bin in the build")
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" | "webmanifest" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// How the test server behaves: which folders it serves where, and whether it redirects
/// `…/index.html` to `…/` as clean-URL hosts and CDNs do.
#[derive(Clone, Default)]
pub struct Site {
    pub mounts: Vec<(String, PathBuf)>,
    pub redirect_index: bool,
    /// Serve on the machine's network address instead of loopback: an `http://` origin that is
    /// not a secure context (no service worker, clipboard API or notifications), like a desk
    /// on an intranet host.
    pub plain_http: bool,
    /// Files whose responses wait until the test releases them (the wasm that has not arrived).
    pub hold: Option<Gate>,
}

/// Holds back the responses for the files whose name ends with a suffix until `release`: the
/// page meets a slow network at exactly that file, and the test decides when it arrives.
#[derive(Clone)]
pub struct Gate {
    suffix: String,
    open: std::sync::Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>,
}

impl Gate {
    pub fn new(suffix: &str) -> Gate {
        Gate {
            suffix: suffix.to_string(),
            open: Default::default(),
        }
    }

    /// Lets the held responses (and every later one) go.
    pub fn release(&self) {
        let (open, wake) = &*self.open;
        *open.lock().unwrap() = true;
        wake.notify_all();
    }

    /// Waits while `file` is held (at most two minutes: a failed test that never releases
    /// leaves no thread behind for long).
    fn wait(&self, file: &str) {
        if !file.ends_with(&self.suffix) {
            return;
        }
        let (open, wake) = &*self.open;
        let guard = open.lock().unwrap();
        let _ = wake.wait_timeout_while(guard, Duration::from_secs(120), |open| !*open);
    }
}

/// This machine's address on its network (not loopback), found from the routing table without
/// sending anything.
pub fn network_address() -> std::net::IpAddr {
    let s = std::net::UdpSocket::bind("0.0.0.0:0").expect("a UDP socket");
    s.connect("198.51.100.1:9")
        .expect("a route off this machine (for the plain-http test)");
    let ip = s.local_addr().unwrap().ip();
    assert!(
        !ip.is_loopback() && !ip.is_unspecified(),
        "no network address besides loopback ({ip}): the plain-http test needs one"
    );
    ip
}

/// A static file server for one or more folders, each mounted at a prefix ("/" or
/// "/desk/cuecard/"). Dropping it (or `stop`) closes the port: the network is gone for the page.
pub struct Server {
    pub base: String,
    pub origin: String,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    host: std::net::IpAddr,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn respond(stream: &mut TcpStream, head: &str, body: &[u8]) {
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(body));
}

fn handle(mut stream: TcpStream, site: &Site) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    for (prefix, root) in &site.mounts {
        let Some(rel) = path.strip_prefix(prefix.as_str()) else {
            continue;
        };
        if site.redirect_index && rel == "index.html" {
            let head = format!("HTTP/1.1 301 Moved Permanently\r\nLocation: {prefix}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return respond(&mut stream, &head, b"");
        }
        let file = if rel.is_empty() { "index.html" } else { rel };
        if file.contains("..") {
            break;
        }
        if let Some(gate) = &site.hold {
            gate.wait(file);
        }
        if let Ok(bytes) = std::fs::read(root.join(file)) {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n", mime(Path::new(file)), bytes.len());
            return respond(&mut stream, &head, &bytes);
        }
        break;
    }
    respond(
        &mut stream,
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        b"",
    );
}

impl Server {
    /// Serves `root` at `prefix`.
    pub fn start(root: PathBuf, prefix: &str) -> Server {
        Server::start_site(Site {
            mounts: vec![(prefix.to_string(), root)],
            ..Site::default()
        })
    }

    /// Serves a site; `base` is the first mount's URL.
    pub fn start_site(site: Site) -> Server {
        let host = if site.plain_http {
            network_address()
        } else {
            std::net::Ipv4Addr::LOCALHOST.into()
        };
        let listener = TcpListener::bind((host, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let first = site
            .mounts
            .first()
            .map(|m| m.0.clone())
            .unwrap_or("/".into());
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stopped.load(std::sync::atomic::Ordering::SeqCst) {
                    break; // the listener drops here: connections are refused from now on
                }
                let site = site.clone();
                std::thread::spawn(move || handle(stream, &site));
            }
        });
        let origin = format!("http://{host}:{port}");
        Server {
            base: format!("{origin}{first}"),
            origin,
            stop,
            host,
            port,
        }
    }

    /// Takes the site offline: the listening socket closes and later connections are refused.
    pub fn stop(&self) {
        if !self.stop.swap(true, std::sync::atomic::Ordering::SeqCst) {
            let _ = TcpStream::connect((self.host, self.port)); // wakes the accept loop
            let deadline = Instant::now() + Duration::from_secs(5);
            while TcpStream::connect((self.host, self.port)).is_ok() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// A browser session; dropping it (also when a test panics) kills the driver and its browser.
pub struct Browser {
    pub client: Client,
    pub engine: Engine,
    driver: Driver,
    _profile: tempfile::TempDir,
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One end-to-end scenario: an `async fn(Engine)` of a theme module, run once per engine.
pub struct Scenario {
    pub name: &'static str,
    pub run: fn(Engine) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>,
    /// The one engine that has what the scenario is about (`None`: all three).
    pub only: Option<Engine>,
}

/// Lists a theme module's scenarios (`pub fn scenarios()`), for the harness in `main.rs`,
/// which runs each once per engine as `<module>::<engine>::<name>`.
macro_rules! in_every_engine {
    ($($name:ident),* $(,)?) => {
        pub fn scenarios() -> Vec<crate::e2e::Scenario> {
            vec![$(crate::e2e::Scenario {
                name: stringify!($name),
                run: |engine| Box::pin($name(engine)),
                only: None,
            }),*]
        }
    };
    // Some scenarios only one engine can run (an API the others lack): `only Chromium: a, b`.
    ($($name:ident),* ; only $engine:ident: $($one:ident),* $(,)?) => {
        pub fn scenarios() -> Vec<crate::e2e::Scenario> {
            vec![$(crate::e2e::Scenario {
                name: stringify!($name),
                run: |engine| Box::pin($name(engine)),
                only: None,
            },)* $(crate::e2e::Scenario {
                name: stringify!($one),
                run: |engine| Box::pin($one(engine)),
                only: Some(crate::e2e::Engine::$engine),
            }),*]
        }
    };
}

/// Whether a test that needs the release build and `engine` can run here (see `stage::check`).
pub fn can_run(test: &str, engine: Engine) -> bool {
    stage::can_run(test, &engine.needs())
}

/// Where Debian puts the browsers (`FIREFOX`, `MINIBROWSER` point elsewhere).
const FIREFOX: &str = "/usr/bin/firefox-esr";
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/// The three browser engines the suite runs in, all from Debian's packages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

impl Engine {
    /// The name `CUECARD_BROWSERS` and the test paths use: `chromium`, `firefox`, `webkit`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// `CUECARD_BROWSERS=chromium,firefox` limits a local run; CI runs all three.
    pub fn enabled(self) -> bool {
        stage::engine_enabled(self.name())
    }

    /// The WebDriver's variable and its default program name.
    fn driver_program(self) -> (&'static str, &'static str) {
        match self {
            Engine::Chromium => ("CHROMEDRIVER", "chromedriver"),
            Engine::Firefox => ("GECKODRIVER", "geckodriver"),
            Engine::WebKit => ("WEBKITWEBDRIVER", "WebKitWebDriver"),
        }
    }

    /// What a scenario in this engine needs: the engine enabled, the release build, axe-core,
    /// the driver (and for WebKitGTK's MiniBrowser a display).
    pub fn needs(self) -> [stage::Need; 4] {
        let (var, default) = self.driver_program();
        [
            stage::Need::Enabled(self.name()),
            stage::Need::Dist,
            stage::Need::Axe,
            stage::Need::Driver {
                engine: match self {
                    Engine::Chromium => "Chromium",
                    Engine::Firefox => "Firefox",
                    Engine::WebKit => "WebKitGTK",
                },
                var,
                default,
                browser: match self {
                    Engine::Chromium => None, // chromedriver finds it
                    Engine::Firefox => Some(("FIREFOX", FIREFOX)),
                    Engine::WebKit => Some(("MINIBROWSER", MINIBROWSER)),
                },
                display: self == Engine::WebKit,
            },
        ]
    }

    fn driver(self, port: u16) -> Command {
        let (var, default) = self.driver_program();
        let mut cmd = Command::new(std::env::var(var).unwrap_or_else(|_| default.into()));
        cmd.arg(format!("--port={port}"));
        if self == Engine::Firefox {
            // geckodriver's own Marionette port must not collide between parallel tests.
            cmd.arg("--marionette-port").arg(free_port().to_string());
        }
        cmd
    }

    fn capabilities(self, profile: &Path) -> serde_json::Map<String, serde_json::Value> {
        let caps = match self {
            Engine::Chromium => serde_json::json!({
                "goog:chromeOptions": {
                    "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run", "--window-size=1280,900",
                             format!("--user-data-dir={}", profile.display())]
                }
            }),
            Engine::Firefox => serde_json::json!({
                "moz:firefoxOptions": {
                    "binary": std::env::var("FIREFOX").unwrap_or_else(|_| FIREFOX.into()),
                    "args": ["-headless", "-width", "1280", "-height", "900"],
                    "prefs": {
                        "app.update.enabled": false,
                        "browser.shell.checkDefaultBrowser": false,
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false,
                        "dom.serviceWorkers.testing.enabled": true
                    }
                }
            }),
            Engine::WebKit => serde_json::json!({
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": {
                    "binary": std::env::var("MINIBROWSER").unwrap_or_else(|_| MINIBROWSER.into()),
                    "args": ["--automation"]
                }
            }),
        };
        caps.as_object().unwrap().clone()
    }
}

/// Asks a WebDriver server whether it can create a session (`GET /status` → `"ready": true`).
/// A listening port alone is not enough: drivers accept connections before they are ready, and a
/// session requested then may hang ("webdriver server did not respond").
fn driver_ready(port: u16) -> bool {
    use std::io::Read;
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    // geckodriver refuses a Host header without the port ("Invalid Host header").
    let request =
        format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if s.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut reply = Vec::new();
    let _ = s.read_to_end(&mut reply);
    let text: String = String::from_utf8_lossy(&reply)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    text.contains("\"ready\":true")
}

/// A WebDriver server in its own process group, so that `kill` takes the browser it started
/// with it (a failed test must not leave browsers running into the next one).
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    async fn start(engine: Engine) -> Driver {
        use std::os::unix::process::CommandExt;
        let port = free_port();
        let child = engine
            .driver(port)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the {engine:?} WebDriver: {e}"));
        let driver = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(60);
        while !driver_ready(port) {
            assert!(
                Instant::now() < deadline,
                "the {engine:?} WebDriver did not report ready on /status within 60 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        driver
    }

    fn kill(&mut self) {
        // The whole group: the driver and the browser it launched.
        // `-s KILL -- -PGID`: procps reads `kill -KILL -PGID` as signal KILL to pid -1,
        // which is every process on the machine.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.kill();
    }
}

impl Browser {
    /// Starts a driver, waits until it is ready, and opens a session; a session that cannot be
    /// created (a browser slow to start on a loaded machine) is retried with a fresh driver.
    pub async fn start(engine: Engine) -> Browser {
        const ATTEMPTS: usize = 3;
        let mut last_error = String::new();
        for attempt in 1..=ATTEMPTS {
            let driver = Driver::start(engine).await;
            let profile = tempfile::tempdir().unwrap();
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            let session = tokio::time::timeout(
                Duration::from_secs(90),
                ClientBuilder::new(connector)
                    .capabilities(engine.capabilities(profile.path()))
                    .connect(&format!("http://127.0.0.1:{}", driver.port)),
            )
            .await;
            match session {
                Ok(Ok(client)) => {
                    if engine != Engine::Chromium {
                        let _ = client.set_window_size(1280, 900).await;
                    }
                    return Browser {
                        client,
                        engine,
                        driver,
                        _profile: profile,
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

    pub async fn close(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(20), self.client.clone().close()).await;
        self.driver.kill();
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

    pub async fn all_testid(&self, id: &str) -> Vec<fantoccini::elements::Element> {
        self.client
            .find_all(Locator::Css(&format!("[data-testid=\"{id}\"]")))
            .await
            .unwrap()
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

    /// Types into the search box and waits until the first result contains `expect`.
    pub async fn search_expect(&self, query: &str, expect: &str) {
        let input = self.wait_testid("search").await;
        input.clear().await.unwrap();
        input.send_keys(query).await.unwrap();
        self.until(
            &format!("a result with {expect:?} for {query:?}"),
            || async {
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
