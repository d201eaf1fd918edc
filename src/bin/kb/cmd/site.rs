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
}

pub fn run(a: Site) -> Outcome {
    let budget = (a.profile == "release").then_some(cuecard::site::BUDGET);
    let report = cuecard::site::finish(&a.dir, budget).map_err(|e| Failure::error(&e))?;
    out::line(format_args!(
        "kb site: build {} ({} files)",
        report.version,
        report.files.len()
    ))?;
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
