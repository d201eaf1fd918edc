//! `kb site`: finishes Trunk's staged build (hashed names, CSP check, worker, compression).

use super::{Failure, Outcome};
use crate::out;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Site {
    #[arg(long)]
    dir: PathBuf,
    /// The build's profile as Trunk names it (`$TRUNK_PROFILE`): the first-load budget holds a
    /// release build only (a development build's wasm is unoptimised).
    #[arg(long, default_value = "release")]
    profile: String,
    /// Where desks send what they keep for editors (failed searches, flags on cards), as JSON
    /// Lines: an https:// address (its origin joins the page's connect-src) or a path on this
    /// site. Without it nothing leaves the desk. The build passes `$CUECARD_REPORT_TO`.
    #[arg(long, value_name = "URL")]
    report_to: Option<String>,
}

pub fn run(a: Site) -> Outcome {
    let budget = (a.profile == "release").then_some(cuecard::site::BUDGET);
    let report = cuecard::site::finish(&a.dir, budget, a.report_to.as_deref())
        .map_err(|e| Failure::error(&e))?;
    out::line(format_args!(
        "kb site: build {} ({} files)",
        report.version,
        report.files.len()
    ))?;
    if let Some(url) = &a.report_to {
        out::line(format_args!("kb site: desks send their reports to {url}"))?;
    }
    out::line(format_args!(
        "{:>10} {:>10} {:>10}  file",
        "bytes", "gzip", "brotli"
    ))?;
    for f in report.files.iter().chain([
        &report.first_load(),
        &report.first_load_every_language(),
        &report.studio_first_load(),
    ]) {
        out::line(format_args!(
            "{:>10} {:>10} {:>10}  {}",
            f.raw, f.gzip, f.brotli, f.path
        ))?;
    }
    Ok(())
}
