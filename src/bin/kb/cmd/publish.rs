//! `kb publish`: new content into an already built site, in seconds and without the wasm
//! toolchain. The content is checked first; any problem leaves the site untouched. With
//! `--zip`, the same publication is written as a site update to copy over the site instead.
//! On disk, each publication is recorded in the site's `history/` (`kb history`, `kb rollback`).

use super::{load_all, CheckedFolder, ContentArgs, Failure, Outcome};
use crate::out;
use cuecard::content::Procedure;
use cuecard::site::{plan_publish, with_history, History, SiteFiles, Stamp, UPDATE_NOTE};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

#[derive(clap::Args)]
pub struct Publish {
    #[command(flatten)]
    content: ContentArgs,
    /// The built site (`dist/` from `scripts/build.sh`, or the web server's copy of it).
    #[arg(long)]
    dist: PathBuf,
    /// Leave the site as it is and write the update to this `.zip` instead: the files to copy
    /// over the site and a note naming the old ones to delete (for a site `kb` cannot write to).
    #[arg(long, value_name = "UPDATE.zip")]
    zip: Option<PathBuf>,
    /// Who publishes, for the site's history (`kb history`).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

/// Which cards a publication takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    /// What operators get: drafts left out, and named at the end.
    LeaveOut,
    /// `kb preview`: drafts too (marked "draft" on the card), since looking at them is its job.
    Include,
}

/// Publishes (into `dist`, or as an update written to `zip`) and says what changed; shared with
/// `kb preview`. A publication for operators (`Drafts::LeaveOut`) is recorded in the
/// site's history, `by` whom; `kb preview`'s are not (drafts, into an editor's copy).
pub fn publish(
    content: &ContentArgs,
    dist: &Path,
    zip: Option<&Path>,
    drafts: Drafts,
    by: Option<&str>,
) -> Outcome {
    let started = Instant::now();
    let CheckedFolder {
        content, synonyms, ..
    } = load_all(content)?;
    let procs: Vec<Procedure> = match drafts {
        Drafts::LeaveOut => content.published(),
        Drafts::Include => content.procedures.clone(),
    };
    let left_out = content
        .drafts_left_out()
        .filter(|_| drafts == Drafts::LeaveOut);
    let site = SiteFiles::read(dist).map_err(|e| Failure::error(&e))?;
    let mut update = plan_publish(&procs, &synonyms, &site).map_err(|e| Failure::error(&e))?;
    let publication = update.publication.clone();
    let r = &publication;
    let mut recorded = None;
    if r.is_noop() {
        out::line(format_args!(
            "{}: content unchanged ({} procedures), nothing to publish",
            dist.display(),
            r.count
        ))?;
        return left_out.map_or(Ok(()), out::line);
    }
    // Recorded in the site's history, in place or in the update `--zip` writes (as the
    // studio's download does); `kb preview`'s drafts are an editor's copy, not a publication.
    if drafts == Drafts::LeaveOut {
        let stamp = Stamp::now(by.map(String::from));
        let history = History::read(dist).map_err(|e| Failure::error(&e))?;
        recorded = with_history(&mut update, &site, &history, dist, &stamp)
            .map_err(|e| Failure::error(&e))?;
    }
    let done = match zip {
        None => {
            update.apply(dist).map_err(|e| Failure::error(&e))?;
            format!("{}: published", dist.display())
        }
        Some(path) => {
            let now = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            std::fs::write(path, update.to_zip(now))
                .map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?;
            format!(
                "{}: update for {} written ({} itself unchanged):",
                path.display(),
                dist.display(),
                dist.display()
            )
        }
    };
    out::line(format_args!(
        "{done} {} procedures as {} in {:.1} s",
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
    if let Some(record) = recorded {
        out::line(format_args!(
            "  recorded as #{} in its history/ (`kb rollback --dist {}` undoes it)",
            record.number,
            dist.display()
        ))?;
    }
    if zip.is_some() {
        let deletes = match update.deletes.is_empty() {
            true => "nothing".to_string(),
            false => update.deletes.join(", "),
        };
        out::line(format_args!(
            "  to apply: copy its files over {}, then delete {deletes} (its {UPDATE_NOTE} says so)",
            dist.display()
        ))?;
    }
    left_out.map_or(Ok(()), out::line)
}

pub fn run(a: Publish) -> Outcome {
    let by = a.by.as_deref();
    publish(&a.content, &a.dist, a.zip.as_deref(), Drafts::LeaveOut, by)
}
