//! `kb search`: the page's search from the command line, best first.

use super::{load, ContentArgs, Failure, Outcome};
use crate::out;
use cuecard::content::{clock, Lang, Standing};
use cuecard::search::{At, Engine};

#[derive(clap::Args)]
pub struct Search {
    #[command(flatten)]
    content: ContentArgs,
    /// Only procedures in this language.
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print a JSON array instead of text.
    #[arg(long)]
    json: bool,
    /// Also offer cards not in force today (by `valid_from` / `valid_until`, on this machine's
    /// clock and zone), as the studio's search does.
    #[arg(long)]
    all: bool,
    /// The situation, as typed (several words are joined with spaces).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
    query: Vec<String>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s)
        .ok_or_else(|| format!("unknown language `{s}`: expected one of {}", Lang::codes()))
}

pub fn run(a: Search) -> Outcome {
    let (procs, synonyms) = load(&a.content)?;
    let engine = Engine::from_content(&procs, &synonyms)
        .map_err(|e| Failure::while_doing("cannot build the index", &e))?;
    let zone = clock::LocalZone::system();
    let at = (!a.all).then(|| At {
        now: clock::now_ms(),
        zone: &zone,
    });
    let found = engine
        .try_find_at(&a.query.join(" "), a.lang, a.limit, at)
        .map_err(|e| Failure::while_doing("the index failed", &e))?;
    let hits = found.hits;
    if a.json {
        return out::line(serde_json::to_string_pretty(&hits).expect("hits serialise"));
    }
    if let Some(n) = &found.not_in_force {
        let when = match n.standing {
            Standing::Ended(d) => format!("ended {d}"),
            Standing::NotYet(d) => format!("starts {d}"),
            Standing::InForce { .. } => String::new(),
        };
        out::line(format_args!(
            "not in force: {} ({when}; --all offers it)",
            n.title
        ))?;
    }
    if hits.is_empty() {
        return out::line("no procedure matches");
    }
    if let Some(text) = &found.searched_as {
        out::line(format_args!("searched as: {text}"))?;
    }
    for (i, h) in hits.iter().enumerate() {
        out::line(format_args!(
            "{:>2}. [{}] {}  ({}; {:.2}){}",
            i + 1,
            h.lang.code(),
            h.title,
            h.category,
            h.score,
            h.ends.map(|d| format!("  until {d}")).unwrap_or_default()
        ))?;
        out::line(format_args!("    {}", h.snippet.marked("[", "]")))?;
        out::line(format_args!("    #/p/{}", h.id))?;
    }
    Ok(())
}
