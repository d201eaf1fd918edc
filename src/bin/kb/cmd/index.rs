//! `kb index`: the index blob the page opens (Trunk's pre_build hook runs it).

use super::{load, ContentArgs, Failure, Outcome};
use crate::out;
use cuecard::search::build_blob;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Index {
    #[command(flatten)]
    content: ContentArgs,
    #[arg(long)]
    out: PathBuf,
}

pub fn run(a: Index) -> Outcome {
    let procs = load(&a.content)?;
    let blob =
        build_blob(&procs).map_err(|e| Failure::Message(format!("cannot build the index: {e}")))?;
    a.out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| std::fs::write(&a.out, &blob))
        .map_err(|e| Failure::Message(format!("{}: {e}", a.out.display())))?;
    out::line(format_args!(
        "{}: {} procedures, {} bytes",
        a.out.display(),
        procs.len(),
        blob.len()
    ))
}
