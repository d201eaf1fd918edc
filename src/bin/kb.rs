//! `kb`: the content editor's and the build's command line (check, export, search, index, synth).
//! A thin edge over the library: it parses arguments, calls the library, and prints for humans.

use clap::{Parser, Subcommand};
use cuecard::content::parse::load_dir;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "kb", about = "Cuecard knowledge base: check, export and search the procedures")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate every content file; print each problem as PATH:LINE: message.
    Check {
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// Print all procedures as a JSON array (with `text`, all searchable text).
    Export {
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { content } => match load_dir(&content) {
            Ok(procs) => {
                println!("{}: {} procedures OK", content.display(), procs.len());
                ExitCode::SUCCESS
            }
            Err(errors) => {
                eprintln!("{errors}");
                eprintln!("{} problem(s) found", errors.0.len());
                ExitCode::FAILURE
            }
        },
        Command::Export { content } => match load_dir(&content) {
            Ok(procs) => {
                let out: Vec<serde_json::Value> = procs
                    .iter()
                    .map(|p| {
                        let mut v = serde_json::to_value(p).expect("procedure serialises");
                        v["text"] = p.text().into();
                        v
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&out).expect("json"));
                ExitCode::SUCCESS
            }
            Err(errors) => {
                eprintln!("{errors}");
                ExitCode::FAILURE
            }
        },
    }
}
