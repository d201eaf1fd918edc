//! `kb export`: all procedures as JSON (for other tools and the page benchmark's peers).

use super::{load, ContentArgs, Failure, Outcome};
use crate::out;

#[derive(clap::Args)]
pub struct Export {
    #[command(flatten)]
    content: ContentArgs,
}

pub fn run(a: Export) -> Outcome {
    let (procs, _) = load(&a.content)?;
    let docs: Vec<serde_json::Value> = procs
        .iter()
        .map(|p| {
            let mut v = serde_json::to_value(p).expect("procedure serialises");
            v["text"] = p.text().into();
            v
        })
        .collect();
    let text = serde_json::to_string_pretty(&docs).map_err(|e| Failure::Message(e.to_string()))?;
    out::line(text)
}
