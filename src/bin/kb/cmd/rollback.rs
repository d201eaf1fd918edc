//! `kb rollback`: the site back to an earlier publication from its history (`kb history`), as
//! `kb publish` writes one: all or nothing, desks offered it as an update, and recorded itself.

use crate::out;
use cuecard::site::{plan_rollback, rfc3339, History, SiteFiles, Stamp};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Rollback {
    /// The built site that `kb publish` published into.
    #[arg(long)]
    dist: PathBuf,
    /// A version or a record number from `kb history`; without it, the publication before the
    /// site's version now.
    version: Option<String>,
    /// Who rolls back, for the history.
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(a: Rollback) -> super::Outcome {
    let dist = &a.dist;
    let fail = |e: &dyn std::error::Error| super::Failure::error(e);
    let site = SiteFiles::read(dist).map_err(|e| fail(&e))?;
    let history = History::read(dist).map_err(|e| fail(&e))?;
    let stamp = Stamp::now(a.by);
    let rollback = plan_rollback(
        &site,
        &history,
        dist.as_path(),
        a.version.as_deref(),
        &stamp,
    )
    .map_err(|e| fail(&e))?;
    let (t, p) = (&rollback.target, &rollback.update.publication);
    let Some(record) = &rollback.record else {
        return out::line(format_args!(
            "{}: already at version {} (#{}), nothing to restore",
            dist.display(),
            t.version,
            t.number
        ));
    };
    rollback.update.apply(dist).map_err(|e| fail(&e))?;
    out::line(format_args!(
        "{}: rolled back to #{} of {}{} ({} procedures)",
        dist.display(),
        t.number,
        rfc3339(t.unix),
        t.by.as_deref()
            .map_or(String::new(), |b| format!(" by {b}")),
        p.count
    ))?;
    for (what, ids) in [
        ("added", &p.added),
        ("changed", &p.changed),
        ("removed", &p.removed),
    ] {
        if !ids.is_empty() {
            out::line(format_args!("  {what} ({}): {}", ids.len(), ids.join(", ")))?;
        }
    }
    out::line(format_args!(
        "  version {} → {} (open desks are offered the update)",
        p.old_version.as_deref().unwrap_or("?"),
        p.new_version
    ))?;
    out::line(format_args!(
        "  recorded as #{} (`kb rollback --dist {}` undoes it)",
        record.number,
        dist.display()
    ))
}
