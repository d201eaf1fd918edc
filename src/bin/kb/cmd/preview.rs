//! `kb preview`: the editor's loop. Serves a built site on localhost and republishes it each
//! time a content file changes; reload the page (and accept "new version") to see the edit.

use super::publish::{publish, Drafts};
use super::{ContentArgs, Failure, Outcome};
use crate::out;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

#[derive(clap::Args)]
pub struct Preview {
    #[command(flatten)]
    content: ContentArgs,
    /// The built site to serve and publish into (a copy of `dist/` is a good idea).
    #[arg(long)]
    dist: PathBuf,
    #[arg(long, default_value_t = 8090)]
    port: u16,
}

/// What the content folder looks like now: names, sizes and times (a change in any is an edit).
fn fingerprint(dir: &Path) -> Vec<(String, u64, Option<SystemTime>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let m = e.metadata().ok()?;
                    Some((
                        e.file_name().to_string_lossy().into_owned(),
                        m.len(),
                        m.modified().ok(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn serve(dist: PathBuf, server: tiny_http::Server) {
    for request in server.incoming_requests() {
        let path = request.url().split(['?', '#']).next().unwrap_or("/");
        let rel = path.trim_start_matches('/');
        let rel = if rel.is_empty() { "index.html" } else { rel };
        let file = dist.join(rel);
        let response = if rel.contains("..") {
            None
        } else {
            std::fs::read(&file).ok()
        };
        let _ = match response {
            Some(bytes) => {
                let ty = tiny_http::Header::from_bytes("Content-Type", cuecard::site::mime(&file))
                    .expect("header");
                let cache =
                    tiny_http::Header::from_bytes("Cache-Control", "no-cache").expect("header");
                request.respond(
                    tiny_http::Response::from_data(bytes)
                        .with_header(ty)
                        .with_header(cache),
                )
            }
            None => request.respond(tiny_http::Response::empty(404)),
        };
    }
}

pub fn run(a: Preview) -> Outcome {
    if !a.dist.join("index.html").exists() {
        return Err(Failure::Message(format!(
            "{}: no index.html; build the site once (bash scripts/build.sh) and copy dist/",
            a.dist.display()
        )));
    }
    let server = tiny_http::Server::http(("127.0.0.1", a.port))
        .map_err(|e| Failure::Message(format!("port {}: {e}", a.port)))?;
    let dist = a.dist.clone();
    std::thread::spawn(move || serve(dist, server));
    out::line(format_args!(
        "serving {} at http://127.0.0.1:{}/ — edit content in {}, then reload the page (Ctrl+C stops)",
        a.dist.display(),
        a.port,
        a.content.content.display()
    ))?;
    let mut seen = Vec::new();
    loop {
        let now = fingerprint(&a.content.content);
        if now != seen {
            seen = now;
            // A problem is shown and the served site keeps its last good content.
            match publish(&a.content, &a.dist, None, Drafts::Include, None) {
                Ok(()) | Err(Failure::Reported) => {}
                Err(e) => return Err(e),
            }
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}
