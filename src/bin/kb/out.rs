//! Standard output for the verbs: every write can fail (a closed pipe), and the failure is
//! returned, never a panic.

use crate::cmd::Failure;
use std::io::Write;

/// Writes `text` and a newline to standard output.
pub fn line(text: impl std::fmt::Display) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}").map_err(Failure::from)
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::ClosedPipe
        } else {
            Failure::Message(e.to_string())
        }
    }
}
