//! `kb publish`: new content into an already built site, in seconds and without the wasm
//! toolchain. The content is checked first; any problem leaves the site untouched.

use super::{load_content, ContentArgs, Failure, Outcome};
use crate::out;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Publish {
    #[command(flatten)]
    content: ContentArgs,
    /// The built site (`dist/` from `trunk build --release`, or the web server's copy of it).
    #[arg(long)]
    dist: PathBuf,
}

/// Publishes and says what changed; shared with `kb preview`.
pub fn publish(content: &ContentArgs, dist: &std::path::Path) -> Outcome {
    let started = Instant::now();
    let (procs, synonyms) = load_content(content)?;
    let r = cuecard::site::publish(&procs, &synonyms, dist)
        .map_err(|e| Failure::Message(e.to_string()))?;
    if r.is_noop() {
        return out::line(format_args!(
            "{}: content unchanged ({} procedures), nothing to publish",
            dist.display(),
            r.count
        ));
    }
    out::line(format_args!(
        "{}: published {} procedures as {} in {:.1} s",
        dist.display(),
        r.count,
        r.new_indexes.join(", "),
        started.elapsed().as_secs_f64()
    ))?;
    for (what, ids) in [
        ("added", &r.added),
        ("changed", &r.changed),
        ("removed", &r.removed),
    ] {
        if !ids.is_empty() {
            out::line(format_args!("  {what} ({}): {}", ids.len(), ids.join(", ")))?;
        }
    }
    out::line(format_args!(
        "  version {} → {} (open desks are offered the update)",
        r.old_version.as_deref().unwrap_or("?"),
        r.new_version
    ))
}

pub fn run(a: Publish) -> Outcome {
    publish(&a.content, &a.dist)
}
