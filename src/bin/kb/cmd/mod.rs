//! The verbs, one file each (as mdBook's `cmd/`): `check`, `export`, `search`, `index`, `site`,
//! `publish`, `history`, `rollback`, `new`, `preview`, `synth`, `gaps`. Shared here: the content
//! argument and loading.

mod check;
mod export;
mod gaps;
mod history;
mod index;
mod new;
mod preview;
mod publish;
mod rollback;
mod search;
mod site;
mod synth;

use crate::diagnostics::{self, Format};
use clap::{Args, Parser, Subcommand};
use cuecard::content::Synonyms;
use cuecard::content::{attention, check_dir, clock, Content, ContentErrors, Procedure};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "kb",
    about = "Cuecard knowledge base: check, search and publish the procedures"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the content is, and how its problems are shown; every verb that reads content takes it.
#[derive(Args, Clone)]
pub struct ContentArgs {
    /// The folder of procedure files.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// `human`: each problem with its source line and a caret; `short`: `PATH:LINE: message`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Subcommand)]
pub enum Command {
    /// Validate every content file and show each problem.
    Check(check::Check),
    /// Print all procedures as a JSON array (with `text`, all searchable text).
    Export(export::Export),
    /// Search the procedures as the page does; best first.
    Search(search::Search),
    /// Build the index blobs (one per content language) that the page opens.
    Index(index::Index),
    /// Finish a staged site (Trunk's post_build hook): hashed names, CSP check, service worker
    /// with the precache list, .gz/.br copies; prints each file's size.
    Site(site::Site),
    /// Put new content into a built site (no wasm toolchain needed): new index, page, worker.
    Publish(publish::Publish),
    /// List the publications recorded in a site's history, newest first.
    History(history::History),
    /// Restore a site to an earlier publication from its history (by default, the previous one).
    Rollback(rollback::Rollback),
    /// Write a new procedure file to fill in.
    New(new::New),
    /// Serve a built site and republish it whenever the content changes (for editors).
    Preview(preview::Preview),
    /// Write a deterministic synthetic corpus of N procedures (for benchmarks).
    Synth(synth::Synth),
    /// What operators searched for and did not find, from the desks' reports, with what the
    /// search answers for it now.
    Gaps(gaps::Gaps),
}

impl Command {
    pub fn name(&self) -> &'static str {
        match self {
            Command::Check(_) => "check",
            Command::Export(_) => "export",
            Command::Search(_) => "search",
            Command::Index(_) => "index",
            Command::Site(_) => "site",
            Command::Publish(_) => "publish",
            Command::History(_) => "history",
            Command::Rollback(_) => "rollback",
            Command::New(_) => "new",
            Command::Preview(_) => "preview",
            Command::Synth(_) => "synth",
            Command::Gaps(_) => "gaps",
        }
    }
}

/// Why a verb stopped.
#[derive(Debug)]
pub enum Failure {
    /// The problems were already shown (content diagnostics): exit 1 without more words.
    Reported,
    /// Standard output was closed by the reader (`kb export | head`): stop quietly.
    ClosedPipe,
    /// Anything else, said once at the exit point as `kb <verb>: message`.
    Message(String),
}

impl Failure {
    /// An error said with its causes, one `caused by:` line each (as mdBook does), leaving out
    /// a cause the message already quotes.
    pub fn error(e: &dyn std::error::Error) -> Failure {
        let mut message = e.to_string();
        let mut cause = e.source();
        while let Some(c) = cause {
            let text = c.to_string();
            if !message.contains(&text) {
                message.push_str(&format!("\n  caused by: {text}"));
            }
            cause = c.source();
        }
        Failure::Message(message)
    }

    /// `error`, after a line saying what was being done.
    pub fn while_doing(what: &str, e: &dyn std::error::Error) -> Failure {
        match Failure::error(e) {
            Failure::Message(m) => Failure::Message(format!("{what}: {m}")),
            other => other,
        }
    }
}

pub type Outcome = Result<(), Failure>;

pub fn run(command: Command) -> Outcome {
    match command {
        Command::Check(a) => check::run(a),
        Command::Export(a) => export::run(a),
        Command::Search(a) => search::run(a),
        Command::Index(a) => index::run(a),
        Command::Site(a) => site::run(a),
        Command::Publish(a) => publish::run(a),
        Command::History(a) => history::run(a),
        Command::Rollback(a) => rollback::run(a),
        Command::New(a) => new::run(a),
        Command::Preview(a) => preview::run(a),
        Command::Synth(a) => synth::run(a),
        Command::Gaps(a) => gaps::run(a),
    }
}

/// A checked content folder: every card (drafts marked) and the synonym groups.
pub struct CheckedFolder {
    pub content: Content,
    pub synonyms: Synonyms,
    /// The cards that need an editor's attention today (expired, ending soon, …).
    pub attention: Vec<attention::Row>,
}

/// Loads the published procedures (drafts left out) and the synonym groups, or shows every
/// problem in the content.
pub fn load(args: &ContentArgs) -> Result<(Vec<Procedure>, Synonyms), Failure> {
    load_all(args).map(|l| (l.content.published(), l.synonyms))
}

/// Loads every card, drafts included, and the synonyms file (`content/synonyms.toml`), or
/// shows every problem in both (`content::check_dir`, the studio's `check_folder` on the files
/// read from disk); groups no card uses are shown as warnings when there is no problem.
pub fn load_all(args: &ContentArgs) -> Result<CheckedFolder, Failure> {
    let mut checked = check_dir(&args.content);
    // Today's warnings are judged on this machine's clock and zone, as a desk here would.
    let zone = clock::LocalZone::system();
    let attention = attention::judge_today(&mut checked, clock::now_ms(), &zone);
    let warnings = ContentErrors(checked.warnings.clone());
    let synonyms = checked.synonyms.clone();
    match checked.into_content() {
        Ok(content) => {
            diagnostics::warn(&warnings, args.format);
            Ok(CheckedFolder {
                content,
                synonyms,
                attention,
            })
        }
        Err(errors) => {
            diagnostics::report(&errors, args.format);
            Err(Failure::Reported)
        }
    }
}
