//! The test server: a static file server for the build under test, at one or more path
//! prefixes, that can hold a file back (a slow network) or go offline when a scenario says so.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n", cuecard::site::mime(Path::new(file)), bytes.len());
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
        let listener = super::unused_listener(host);
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
