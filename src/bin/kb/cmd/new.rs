//! `kb new`: a new procedure file with its id, every field and one step of each kind.

use super::{Failure, Outcome};
use crate::out;
use cuecard::content::template::{new_card, new_id};
use cuecard::content::Lang;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct New {
    /// The folder of procedure files.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// The language the procedure is written in.
    #[arg(long, value_parser = parse_lang)]
    lang: Lang,
    /// The situation as an operator would name it.
    title: String,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s)
        .ok_or_else(|| format!("unknown language `{s}`: expected one of {}", Lang::codes()))
}

pub fn run(a: New) -> Outcome {
    if a.title.trim().is_empty() {
        return Err(Failure::Message("the title is empty".into()));
    }
    // Ids in use: every file name (a file's id is its name), readable or not.
    let taken: Vec<String> = std::fs::read_dir(&a.content)
        .map_err(|e| Failure::Message(format!("{}: {e}", a.content.display())))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".md").map(str::to_string)
        })
        .collect();
    let id = new_id(a.lang, &a.title, &taken);
    let path = a.content.join(format!("{id}.md"));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| {
            std::io::Write::write_all(&mut f, new_card(&id, a.lang, &a.title).as_bytes())
        })
        .map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?;
    out::line(path.display())
}
