//! The three browser engines and their WebDriver servers: how each is started, with which
//! capabilities, when it is ready, and how it is killed with the browser it launched.

use super::{free_port, stage};
use std::io::Write;
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

    /// Whether a browser of this engine is kept between scenarios (`browser.rs`). WebKitGTK's
    /// is not: it starts in 0.4 s, and in two of three loaded fresh-machine runs with kept
    /// MiniBrowsers a WebKit scenario timed out or saw an update it should not have, which no
    /// run with a new browser per scenario had shown.
    pub fn kept(self) -> bool {
        self != Engine::WebKit
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

    pub(super) fn capabilities(self, profile: &Path) -> serde_json::Map<String, serde_json::Value> {
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
pub(super) struct Driver {
    child: Child,
    pub(super) port: u16,
}

impl Driver {
    pub(super) async fn start(engine: Engine) -> Driver {
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

    pub(super) fn kill(&mut self) {
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
