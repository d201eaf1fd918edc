//! `kb`: the content editor's and the build's command line. A thin edge over the library: one
//! file per verb in `cmd/`, each returning `Result`; this file parses arguments and exits.

#[cfg(not(target_arch = "wasm32"))]
mod cmd;
#[cfg(not(target_arch = "wasm32"))]
mod diagnostics;
#[cfg(not(target_arch = "wasm32"))]
mod out;

// The binary is native only; on wasm (where `cargo test --target wasm32…` builds every bin) it is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    use std::process::ExitCode;
    let cli = cmd::Cli::parse();
    let verb = cli.command.name();
    // The one exit point: problems with content were already shown as diagnostics; a closed
    // pipe (`kb export | head`) ends quietly, as other command-line tools do.
    match cmd::run(cli.command) {
        Ok(()) | Err(cmd::Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(cmd::Failure::Reported) => ExitCode::FAILURE,
        Err(cmd::Failure::Message(m)) => {
            eprintln!("kb {verb}: {m}");
            ExitCode::FAILURE
        }
    }
}
