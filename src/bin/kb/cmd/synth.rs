//! `kb synth`: a deterministic synthetic corpus for benchmarks.

use super::{load, ContentArgs, Failure, Outcome};
use crate::out;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Synth {
    #[command(flatten)]
    content: ContentArgs,
    #[arg(long)]
    count: usize,
    #[arg(long)]
    out: PathBuf,
}

pub fn run(a: Synth) -> Outcome {
    let procs = load(&a.content)?;
    cuecard::synth::write_corpus(&procs, a.count, &a.out)
        .map_err(|e| Failure::Message(format!("{}: {e}", a.out.display())))?;
    out::line(format_args!(
        "{}: {} synthetic procedures",
        a.out.display(),
        a.count
    ))
}
