//! `kb publish`: new content into an already built site, in seconds and without the wasm
//! toolchain. The content is checked first; any problem leaves the site untouched.

use super::{load_all, ContentArgs, Failure, Loaded, Outcome};
use crate::out;
use cuecard::content::Procedure;
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

/// Which cards a publication takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    /// What operators get: drafts left out, and named at the end.
    LeaveOut,
    /// `kb preview`: drafts too (marked "draft" on the card), since looking at them is its job.
    Include,
}

/// Publishes and says what changed; shared with `kb preview`.
pub fn publish(content: &ContentArgs, dist: &std::path::Path, drafts: Drafts) -> Outcome {
    let started = Instant::now();
    let Loaded { content, synonyms } = load_all(content)?;
    let procs: Vec<Procedure> = match drafts {
        Drafts::LeaveOut => content.published(),
        Drafts::Include => content.procedures.clone(),
    };
    let left_out = content
        .drafts_left_out()
        .filter(|_| drafts == Drafts::LeaveOut);
    let r = cuecard::site::publish(&procs, &synonyms, dist).map_err(|e| Failure::error(&e))?;
    if r.is_noop() {
        out::line(format_args!(
            "{}: content unchanged ({} procedures), nothing to publish",
            dist.display(),
            r.count
        ))?;
        return left_out.map_or(Ok(()), out::line);
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
    ))?;
    left_out.map_or(Ok(()), out::line)
}

pub fn run(a: Publish) -> Outcome {
    publish(&a.content, &a.dist, Drafts::LeaveOut)
}
