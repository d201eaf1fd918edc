//! Shared harness for the end-to-end tests: serves the release build (`dist/`) from a local
//! static server, starts a WebDriver (chromedriver) and opens a fresh headless browser session.

#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn dist() -> PathBuf {
    let d = std::env::var_os("CUECARD_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        d.join("index.html").exists(),
        "no release build at {}: run `trunk build --release` first (scripts/test.sh does)",
        d.display()
    );
    d
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

/// A static file server for `root`, mounted at `prefix` (e.g. "/" or "/desk/cuecard/").
pub struct Server {
    pub base: String,
}

fn handle(mut stream: TcpStream, root: &Path, prefix: &str) {
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
    let file = path.strip_prefix(prefix).map(|rel| {
        if rel.is_empty() {
            "index.html".to_string()
        } else {
            rel.to_string()
        }
    });
    let body = file.filter(|f| !f.contains("..")).and_then(|f| {
        std::fs::read(root.join(&f))
            .ok()
            .map(|b| (b, mime(Path::new(&f))))
    });
    let _ = match body {
        Some((bytes, ty)) => {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: {ty}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n", bytes.len());
            stream
                .write_all(head.as_bytes())
                .and_then(|_| stream.write_all(&bytes))
        }
        None => stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    };
}

impl Server {
    pub fn start(root: PathBuf, prefix: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let prefix_owned = prefix.to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, prefix) = (root.clone(), prefix_owned.clone());
                std::thread::spawn(move || handle(stream, &root, &prefix));
            }
        });
        Server {
            base: format!("http://127.0.0.1:{port}{prefix}"),
        }
    }
}

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    pub async fn start() -> Browser {
        let port = free_port();
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_bin}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                         format!("--user-data-dir={}", profile.path().display())]
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("WebDriver session");
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
    }

    /// Waits for a `data-testid` element to appear.
    pub async fn wait_testid(&self, id: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
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

    /// Polls `f` until it returns Some (the page updates asynchronously).
    pub async fn until<T, F, Fut>(&self, what: &str, mut f: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + Duration::from_secs(20);
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

    /// Types `value` into the form's input named `name`.
    pub async fn fill(form: &fantoccini::elements::Element, name: &str, value: &str) {
        let input = form
            .find(Locator::Css(&format!("input[name={name}]")))
            .await
            .unwrap_or_else(|e| panic!("no input {name}: {e}"));
        input.send_keys(value).await.unwrap();
    }

    pub async fn eval(&self, js: &str) -> serde_json::Value {
        self.client.execute(js, vec![]).await.unwrap()
    }
}
