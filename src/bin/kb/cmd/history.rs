//! `kb history`: the publications recorded in a site's `history/`, newest first (`--json`: the
//! records themselves, for scripts).

use crate::out;
use cuecard::site::{read_history, Kind, SiteFiles};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct History {
    /// The built site that `kb publish` published into.
    #[arg(long)]
    dist: PathBuf,
    /// Print the records as a JSON array, newest first.
    #[arg(long)]
    json: bool,
}

pub fn run(a: History) -> super::Outcome {
    let mut records = read_history(&a.dist).map_err(|e| super::Failure::error(&e))?;
    records.reverse();
    if a.json {
        let json = serde_json::to_string_pretty(&records).expect("records serialise");
        return out::line(json);
    }
    if records.is_empty() {
        return out::line(format_args!(
            "{}: no publication recorded yet (kb publish records each one)",
            a.dist.display()
        ));
    }
    // The newest record of the site's version now is marked.
    let now = SiteFiles::read(&a.dist).ok().and_then(|s| s.version());
    let current = records
        .iter()
        .position(|r| Some(&r.version) == now.as_ref());
    for (i, r) in records.iter().enumerate() {
        let kind = match (r.kind, &r.to) {
            (Kind::Rollback, Some(to)) => format!("rollback to {to}"),
            (Kind::Rollback, None) => "rollback".into(),
            (Kind::Publish, _) => "publish".into(),
            (Kind::Start, _) => "the site as built".into(),
        };
        let here = match current == Some(i) {
            true => "  ← the site now",
            false => "",
        };
        out::line(format_args!(
            "#{:<4} {}  {:<12} {}  +{} ~{} -{}  {kind}{here}",
            r.number,
            r.time,
            r.by.as_deref().unwrap_or("-"),
            r.version,
            r.added.len(),
            r.changed.len(),
            r.removed.len(),
        ))?;
    }
    Ok(())
}
