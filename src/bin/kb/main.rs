//! `kb`: the content editor's and the build's command line (check, export, search, index, site, synth).
//! A thin edge over the library: it parses arguments, calls the library, and prints for humans.

// The binary is native only; on wasm (where `cargo test --target wasm32…` builds every bin) it is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand};
    use cuecard::content::load_dir;
    use cuecard::content::{Lang, Procedure};
    use cuecard::search::{build_blob, Engine};
    use std::path::PathBuf;
    use std::process::ExitCode;

    #[derive(Parser)]
    #[command(
        name = "kb",
        about = "Cuecard knowledge base: check, export and search the procedures"
    )]
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
        /// Search the procedures as the page does; best first.
        Search {
            #[arg(long, default_value = "content")]
            content: PathBuf,
            /// Only procedures in this language (vi, zh, ru).
            #[arg(long, value_parser = parse_lang)]
            lang: Option<Lang>,
            #[arg(long, default_value_t = 10)]
            limit: usize,
            /// Print a JSON array instead of text.
            #[arg(long)]
            json: bool,
            /// The situation, as typed (several words are joined with spaces).
            #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
            query: Vec<String>,
        },
        /// Build the index blob that the page opens.
        Index {
            #[arg(long, default_value = "content")]
            content: PathBuf,
            #[arg(long)]
            out: PathBuf,
        },
        /// Finish a staged site (Trunk's post_build hook): hashed names, CSP check, service worker
        /// with the precache list, .gz/.br copies; prints each file's size.
        Site {
            #[arg(long)]
            dir: PathBuf,
        },
        /// Write a deterministic synthetic corpus of N procedures (for benchmarks).
        Synth {
            #[arg(long, default_value = "content")]
            content: PathBuf,
            #[arg(long)]
            count: usize,
            #[arg(long)]
            out: PathBuf,
        },
    }

    fn parse_lang(s: &str) -> Result<Lang, String> {
        Lang::from_code(s)
            .ok_or_else(|| format!("unknown language `{s}`: expected one of vi, zh, ru"))
    }

    /// Loads content or prints its problems; the caller exits 1 on `None`.
    fn load(content: &PathBuf) -> Option<Vec<Procedure>> {
        match load_dir(content) {
            Ok(p) => Some(p),
            Err(errors) => {
                eprintln!("{errors}");
                eprintln!("{} problem(s) found", errors.0.len());
                None
            }
        }
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match cli.command {
            Command::Check { content } => match load(&content) {
                Some(procs) => {
                    println!("{}: {} procedures OK", content.display(), procs.len());
                    ExitCode::SUCCESS
                }
                None => ExitCode::FAILURE,
            },
            Command::Export { content } => {
                let Some(procs) = load(&content) else {
                    return ExitCode::FAILURE;
                };
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
            Command::Search {
                content,
                lang,
                limit,
                json,
                query,
            } => {
                let Some(procs) = load(&content) else {
                    return ExitCode::FAILURE;
                };
                let engine = match Engine::from_procedures(&procs) {
                    Ok(e) => e,
                    Err(e) => {
                        eprintln!("kb: cannot build the index: {e}");
                        return ExitCode::FAILURE;
                    }
                };
                let hits = engine.search(&query.join(" "), lang, limit);
                if json {
                    println!("{}", serde_json::to_string_pretty(&hits).expect("json"));
                } else if hits.is_empty() {
                    println!("no procedure matches");
                } else {
                    for (i, h) in hits.iter().enumerate() {
                        println!(
                            "{:>2}. [{}] {}  ({}; {:.2})",
                            i + 1,
                            h.lang.code(),
                            h.title,
                            h.category,
                            h.score
                        );
                        println!("    {}", h.snippet.marked("[", "]"));
                        println!("    #/p/{}", h.id);
                    }
                }
                ExitCode::SUCCESS
            }
            Command::Index { content, out } => {
                let Some(procs) = load(&content) else {
                    return ExitCode::FAILURE;
                };
                let blob = match build_blob(&procs) {
                    Ok(b) => b,
                    Err(e) => {
                        eprintln!("kb: cannot build the index: {e}");
                        return ExitCode::FAILURE;
                    }
                };
                let written = out
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|_| std::fs::write(&out, &blob));
                match written {
                    Ok(()) => {
                        println!(
                            "{}: {} procedures, {} bytes",
                            out.display(),
                            procs.len(),
                            blob.len()
                        );
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("kb: {}: {e}", out.display());
                        ExitCode::FAILURE
                    }
                }
            }
            Command::Site { dir } => match cuecard::site::finish(&dir) {
                Ok(report) => {
                    println!(
                        "kb site: build {} ({} files)",
                        report.version,
                        report.files.len()
                    );
                    println!("{:>10} {:>10} {:>10}  file", "bytes", "gzip", "brotli");
                    for f in report
                        .files
                        .iter()
                        .chain(std::iter::once(&report.first_load()))
                    {
                        println!("{:>10} {:>10} {:>10}  {}", f.raw, f.gzip, f.brotli, f.path);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("kb site: {e}");
                    ExitCode::FAILURE
                }
            },
            Command::Synth {
                content,
                count,
                out,
            } => {
                let Some(procs) = load(&content) else {
                    return ExitCode::FAILURE;
                };
                match cuecard::synth::write_corpus(&procs, count, &out) {
                    Ok(()) => {
                        println!("{}: {count} synthetic procedures", out.display());
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("kb: {}: {e}", out.display());
                        ExitCode::FAILURE
                    }
                }
            }
        }
    }
}
