//! `kb check`: every problem in the content, shown like a compiler's diagnostics; exit 1 if any.

use super::{load_all, ContentArgs, Outcome};
use crate::out;

#[derive(clap::Args)]
pub struct Check {
    #[command(flatten)]
    content: ContentArgs,
}

pub fn run(a: Check) -> Outcome {
    let content = load_all(&a.content)?.content;
    let n = content.procedures.len();
    out::line(format_args!(
        "{}: {n} {} OK",
        a.content.content.display(),
        if n == 1 { "procedure" } else { "procedures" }
    ))?;
    match content.drafts_left_out() {
        Some(drafts) => out::line(drafts),
        None => Ok(()),
    }
}
