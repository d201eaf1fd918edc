//! Content problems for humans: like a compiler's, each with its source line and a caret under
//! the spot (codespan-reporting measures wide CJK characters), a hint where one helps, colour on
//! a terminal only; or the short `PATH:LINE: message` lines editors and scripts read.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use cuecard::content::parse::source_text;
use cuecard::content::{ContentError, ContentErrors};
use std::collections::HashMap;
use std::io::IsTerminal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Short,
}

/// The byte range of a 1-based line (for problems known only by their line).
fn line_span(text: &str, line: usize) -> std::ops::Range<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let start = start.min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end
}

/// Every problem as a diagnostic, in one string (the tests compare it exactly).
pub fn render(errors: &ContentErrors, colour: bool) -> String {
    render_as(errors, colour, false)
}

/// `render`, as warnings (`warning:`) when `warnings`.
fn render_as(errors: &ContentErrors, colour: bool, warnings: bool) -> String {
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<&std::path::Path, Option<usize>> = HashMap::new();
    let mut buffer = termcolor::Buffer::no_color();
    if colour {
        buffer = termcolor::Buffer::ansi();
    }
    let config = term::Config::default();
    for e in &errors.0 {
        let file = *ids.entry(e.path.as_path()).or_insert_with(|| {
            let text = std::fs::read(&e.path).ok().and_then(|b| source_text(&b))?;
            Some(files.add(e.path.display().to_string(), text))
        });
        let mut d = if warnings {
            Diagnostic::warning()
        } else {
            Diagnostic::error()
        }
        .with_message(&e.message);
        match file {
            Some(id) => {
                let text = files.get(id).expect("added").source();
                let span = e
                    .span
                    .clone()
                    .filter(|s| s.end <= text.len() && s.start <= s.end)
                    .unwrap_or_else(|| line_span(text, e.line));
                d = d.with_labels(vec![Label::primary(id, span)]);
            }
            // Not readable as text (e.g. invalid UTF-8): the location alone.
            None => d = d.with_notes(vec![format!("at {}:{}", e.path.display(), e.line)]),
        }
        if let Some(hint) = &e.hint {
            d = d.with_notes(vec![format!("help: {hint}")]);
        }
        let _ = term::emit_to_write_style(&mut buffer, &config, &files, &d);
    }
    let mut out = String::from_utf8_lossy(buffer.as_slice()).into_owned();
    out.push_str(&if warnings {
        counted(errors, "warning", "warnings")
    } else {
        found(errors)
    });
    out
}

/// "1 warning", "2 warnings": a count in words, on a line of its own.
fn counted(errors: &ContentErrors, one: &str, many: &str) -> String {
    match errors.0.len() {
        1 => format!("1 {one}\n"),
        n => format!("{n} {many}\n"),
    }
}

/// "1 problem found", "2 problems found".
fn found(errors: &ContentErrors) -> String {
    counted(errors, "problem found", "problems found")
}

/// The short form: one `PATH:LINE: message` per problem.
pub fn short(errors: &ContentErrors) -> String {
    let mut out: String = errors
        .0
        .iter()
        .map(|e: &ContentError| format!("{e}\n"))
        .collect();
    out.push_str(&found(errors));
    out
}

/// Shows the problems on standard error.
pub fn report(errors: &ContentErrors, format: Format) {
    let text = match format {
        Format::Short => short(errors),
        Format::Human => {
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            render(errors, colour)
        }
    };
    eprint!("{text}");
}

/// Shows warnings on standard error (`PATH:LINE: warning: message` in the short form).
pub fn warn(warnings: &ContentErrors, format: Format) {
    if warnings.0.is_empty() {
        return;
    }
    let text = match format {
        Format::Short => {
            let mut out: String = warnings
                .0
                .iter()
                .map(|e| format!("{}:{}: warning: {}\n", e.path.display(), e.line, e.message))
                .collect();
            out.push_str(&counted(warnings, "warning", "warnings"));
            out
        }
        Format::Human => {
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            render_as(warnings, colour, true)
        }
    };
    eprint!("{text}");
}
