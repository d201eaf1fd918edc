//! `kb site`: finishes Trunk's staged build (hashed names, CSP check, worker, compression).

use super::{Failure, Outcome};
use crate::out;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Site {
    #[arg(long)]
    dir: PathBuf,
}

pub fn run(a: Site) -> Outcome {
    let report = cuecard::site::finish(&a.dir).map_err(|e| Failure::error(&e))?;
    out::line(format_args!(
        "kb site: build {} ({} files)",
        report.version,
        report.files.len()
    ))?;
    out::line(format_args!(
        "{:>10} {:>10} {:>10}  file",
        "bytes", "gzip", "brotli"
    ))?;
    for f in report
        .files
        .iter()
        .chain(std::iter::once(&report.first_load()))
    {
        out::line(format_args!(
            "{:>10} {:>10} {:>10}  {}",
            f.raw, f.gzip, f.brotli, f.path
        ))?;
    }
    Ok(())
}
