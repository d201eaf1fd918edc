//! `kb check`: every problem in the content, shown like a compiler's diagnostics; exit 1 if any.

use super::{load_all, CheckedFolder, ContentArgs, Outcome};
use crate::out;
use cuecard::content::attention;

#[derive(clap::Args)]
pub struct Check {
    #[command(flatten)]
    content: ContentArgs,
}

pub fn run(a: Check) -> Outcome {
    let CheckedFolder {
        content, attention, ..
    } = load_all(&a.content)?;
    let n = content.procedures.len();
    out::line(format_args!(
        "{}: {n} {} OK",
        a.content.content.display(),
        if n == 1 { "procedure" } else { "procedures" }
    ))?;
    if let Some(drafts) = content.drafts_left_out() {
        out::line(drafts)?;
    }
    match attention::summary(&attention) {
        Some(line) => out::line(line),
        None => Ok(()),
    }
}
