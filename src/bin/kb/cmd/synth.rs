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
    let (procs, _) = load(&a.content)?;
    let fail = |e: std::io::Error| Failure::Message(format!("{}: {e}", a.out.display()));
    cuecard::synth::write_corpus(&procs, a.count, &a.out).map_err(fail)?;
    // The corpus searches with the center's synonym groups too.
    let synonyms = a.content.content.join("synonyms.toml");
    if synonyms.exists() {
        std::fs::copy(&synonyms, a.out.join("synonyms.toml")).map_err(fail)?;
    }
    out::line(format_args!(
        "{}: {} synthetic procedures",
        a.out.display(),
        a.count
    ))
}
