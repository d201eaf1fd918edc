//! Shared harness for the end-to-end tests: serves the release build (`dist/`) from a local
//! static server, starts a WebDriver for one of three engines (chromedriver, geckodriver,
//! WebKitWebDriver) and opens a browser session, new or kept from an earlier scenario, on a site
//! at an origin of its own.
//!
//! A scenario whose build, driver or display is missing is skipped with a line saying why
//! (`support/stage.rs`; `CUECARD_REQUIRE_BROWSERS=1` makes that a failure), and when every
//! scenario of a module has finished the harness prints how many ran and how many were skipped.
//!
//! One room per job: `server` (the static server), `driver` (the engines and their WebDriver
//! processes), `browser` (a session and what a scenario does with it); this file holds the build
//! under test, the storage keys and the scenarios' list.

#![allow(dead_code, unused_macros)]

#[path = "../support/stage.rs"]
pub mod stage;

mod browser;
mod driver;
mod server;

#[allow(unused_imports)]
pub use browser::{end_kept_sessions, keep_sessions, Browser};
pub use driver::Engine;
// A crate that includes the harness names only some of these (as with `dead_code` above).
#[allow(unused_imports)]
pub use server::{network_address, Gate, Server, Site};

use std::net::TcpListener;
use std::path::{Path, PathBuf};

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

/// Runs the `kb` built with these tests; a failure shows what it printed.
pub fn kb(args: &[&str]) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kb"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "kb {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
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

pub fn free_port() -> u16 {
    unused_listener(std::net::Ipv4Addr::LOCALHOST.into())
        .local_addr()
        .unwrap()
        .port()
}

/// A listener on a port of `host` that nothing else in this run was given before. Browsers are
/// kept from one scenario to the next (`browser.rs`), and a browser's storage, workers and caches
/// belong to an origin: a port handed out twice would show a scenario another one's data.
pub fn unused_listener(host: std::net::IpAddr) -> TcpListener {
    static GIVEN: std::sync::Mutex<std::collections::BTreeSet<u16>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    loop {
        let listener = TcpListener::bind((host, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        if GIVEN.lock().unwrap().insert(port) {
            return listener;
        }
    }
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
