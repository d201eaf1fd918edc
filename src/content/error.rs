//! Content problems as data: each one located in its file (line, and the byte span when known)
//! so `kb check` can print `PATH:LINE: message` or point at the spot like a compiler.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use thiserror::Error;

/// One problem in one content file, located by line (1-based).
/// (Serde: the studio's worker sends the problems it found to the page.)
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize, serde::Deserialize)]
pub struct ContentError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
    /// Byte range in the file that the problem is about, when the parser knows it.
    pub span: Option<Range<usize>>,
    /// A short suggestion ("did you mean `title`?"), shown under the message.
    pub hint: Option<String>,
}

impl ContentError {
    pub fn new(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> ContentError {
        ContentError {
            path: path.into(),
            line,
            message: message.into(),
            span: None,
            hint: None,
        }
    }
}

/// The short form editors and scripts read: `PATH:LINE: message`.
impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// All the problems found in a content directory; `Display` prints one per line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}
