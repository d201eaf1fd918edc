//! Many desks: a site built with `kb site --report-to URL` sends each desk's new entries to the
//! centre's collector as JSON Lines, keeps them while the collector cannot be reached and sends
//! them when it can, and never sends an entry twice, even with two tabs open. The collector
//! here is a small HTTP server on loopback, another origin than the site's.
#![cfg(not(target_arch = "wasm32"))]

use crate::desks_tell_editors_what_missed::give_up_on;
use crate::e2e;
use e2e::{Browser, Engine};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the collector has seen.
#[derive(Default)]
struct Seen {
    /// Unreachable: each request's connection is dropped unanswered, as when the network is off
    /// (the page's `fetch` fails as it would offline).
    down: bool,
    refused: usize,
    bodies: Vec<String>,
}

/// A centre's collector: takes POSTed batches (200, readable by any origin), or cannot be
/// reached while down.
struct Collector {
    url: String,
    seen: Arc<Mutex<Seen>>,
}

impl Collector {
    fn start_down() -> Collector {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/cuecard-report", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Seen {
            down: true,
            ..Seen::default()
        }));
        let shared = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let seen = shared.clone();
                std::thread::spawn(move || answer(stream, &seen));
            }
        });
        Collector { url, seen }
    }

    fn up(&self) {
        self.seen.lock().unwrap().down = false;
    }

    fn refused(&self) -> usize {
        self.seen.lock().unwrap().refused
    }

    fn bodies(&self) -> Vec<String> {
        self.seen.lock().unwrap().bodies.clone()
    }
}

/// One request on one connection (answered with `Connection: close`).
fn answer(stream: TcpStream, seen: &Mutex<Seen>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let status = if !request.starts_with("POST ") {
        "204 No Content"
    } else {
        let mut seen = seen.lock().unwrap();
        if seen.down {
            seen.refused += 1;
            return;
        } else {
            seen.bodies.push(String::from_utf8(body).unwrap());
            "200 OK"
        }
    };
    let _ = (&stream).write_all(
        format!(
            "HTTP/1.1 {status}\r\nAccess-Control-Allow-Origin: *\r\n\
             Access-Control-Allow-Methods: POST\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    );
}

/// The release build as `kb site --report-to URL` would have finished it: the page names the
/// collector (its origin in the policy), and the worker lists the page as it now is.
fn site_reporting_to(url: &str) -> tempfile::TempDir {
    let site = e2e::copy_of_dist();
    let page_path = site.path().join("index.html");
    let page = std::fs::read_to_string(&page_path).unwrap();
    std::fs::write(
        &page_path,
        cuecard::site::with_report_to(&page, url).unwrap(),
    )
    .unwrap();
    for stale in ["index.html.gz", "index.html.br"] {
        let _ = std::fs::remove_file(site.path().join(stale));
    }
    cuecard::site::write_worker(site.path()).unwrap();
    site
}

/// Every episode's first query the collector received, in the order received.
fn received(collector: &Collector) -> (Vec<String>, Vec<String>) {
    let (mut queries, mut desks) = (Vec::new(), Vec::new());
    for body in collector.bodies() {
        for report in cuecard::desk::report::parse_reports(&body).unwrap() {
            desks.push(report.desk.clone());
            queries.extend(report.episodes.iter().map(|e| e.queries[0].clone()));
        }
    }
    (queries, desks)
}

/// The browser says the network is back: the desk sends at once (without it, at its next
/// round, within 10 s; after failures, later still).
async fn network_back(b: &Browser) {
    // An entry waits a second after it is kept (`log::SETTLE_MS`).
    tokio::time::sleep(Duration::from_millis(1200)).await;
    b.eval("window.dispatchEvent(new Event('online')); return true")
        .await;
}

async fn entries_reach_the_collector_once_after_it_was_down(engine: Engine) {
    let collector = Collector::start_down();
    let site = site_reporting_to(&collector.url);
    let (b, _s) = Browser::open_site(engine, site.path().to_path_buf(), "").await;
    b.wait_testid("search").await;
    give_up_on(&b, "xyzzy qwrtp 0912 345 678").await;

    // Unreachable: the desk tries, fails, and keeps the entry.
    let wait = Duration::from_secs(40);
    network_back(&b).await;
    b.until_within(wait, "a try that failed", || async {
        (collector.refused() > 0).then_some(())
    })
    .await;
    assert!(collector.bodies().is_empty());
    // Reachable again: the entry goes.
    collector.up();
    network_back(&b).await;
    b.until_within(wait, "the batch taken", || async {
        (!collector.bodies().is_empty()).then_some(())
    })
    .await;
    let (queries, desks) = received(&collector);
    assert_eq!(queries, ["xyzzy qwrtp #"], "{:?}", collector.bodies());
    assert_eq!(desks[0].len(), 12, "a desk name: {desks:?}");

    // A second tab of the same desk, and another miss there: each entry goes once.
    let url = b.client.current_url().await.unwrap();
    let tab_b = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(tab_b).await.unwrap();
    b.client.goto(url.as_str()).await.unwrap();
    give_up_on(&b, "vvbnm zzkq").await;
    network_back(&b).await;
    b.until_within(wait, "the second miss taken", || async {
        (received(&collector).0.len() > 1).then_some(())
    })
    .await;
    // A tab that starts sends at once what its stored copy says has not gone: nothing.
    b.reload().await;
    b.wait_testid("search").await;
    network_back(&b).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (queries, desks) = received(&collector);
    assert_eq!(
        queries,
        ["xyzzy qwrtp #", "vvbnm zzkq"],
        "{:?}",
        collector.bodies()
    );
    assert!(desks.iter().all(|d| *d == desks[0]), "one desk: {desks:?}");
    assert!(
        // Timestamps are digits too ("…0091280…" holds "0912"): the number is looked for as typed.
        !collector.bodies().concat().contains("0912 345"),
        "numbers never leave the desk"
    );
    b.close().await;
}

in_every_engine!(entries_reach_the_collector_once_after_it_was_down);
