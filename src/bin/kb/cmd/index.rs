//! `kb index`: the index blobs the page opens, one per content language (Trunk's pre_build hook
//! runs it; `kb site` then names each by its content).

use super::{load, ContentArgs, Failure, Outcome};
use crate::out;
use cuecard::search::build_blobs;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Index {
    #[command(flatten)]
    content: ContentArgs,
    /// The folder to write `<lang>.bin` into (one per content language).
    #[arg(long)]
    out: PathBuf,
}

pub fn run(a: Index) -> Outcome {
    let (procs, synonyms) = load(&a.content)?;
    let blobs = build_blobs(&procs, &synonyms)
        .map_err(|e| Failure::while_doing("cannot build the index", &e))?;
    let fail = |e: std::io::Error| Failure::Message(format!("{}: {e}", a.out.display()));
    std::fs::create_dir_all(&a.out).map_err(fail)?;
    // A blob left from an earlier run must not ship beside the new ones.
    for entry in std::fs::read_dir(&a.out).map_err(fail)? {
        let path = entry.map_err(fail)?.path();
        if path.extension().is_some_and(|e| e == "bin") {
            std::fs::remove_file(&path).map_err(fail)?;
        }
    }
    for b in &blobs {
        let path = a.out.join(format!("{}.bin", b.lang.code()));
        std::fs::write(&path, &b.bytes)
            .map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?;
        let count = procs.iter().filter(|p| p.lang == b.lang).count();
        out::line(format_args!(
            "{}: {count} procedures, {} bytes",
            path.display(),
            b.bytes.len()
        ))?;
    }
    Ok(())
}
