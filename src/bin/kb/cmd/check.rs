//! `kb check`: every problem in the content, shown like a compiler's diagnostics; exit 1 if any.

use super::{load_content, ContentArgs, Outcome};
use crate::out;

#[derive(clap::Args)]
pub struct Check {
    #[command(flatten)]
    content: ContentArgs,
}

pub fn run(a: Check) -> Outcome {
    let (procs, _) = load_content(&a.content)?;
    out::line(format_args!(
        "{}: {} procedures OK",
        a.content.content.display(),
        procs.len()
    ))
}
