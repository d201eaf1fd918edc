//! Reads one content file (TOML front matter between `+++` lines, then a Markdown body) into a
//! `Procedure`, reporting every problem with its line and span in one pass.
//!
//! Stages: `front_matter` (TOML → header fields), `markdown` (body → block tree with offsets),
//! `steps` (block tree → steps and notes). Checks across files live in `content::folder`.

mod front_matter;
pub use front_matter::UNFILLED;
mod markdown;
mod steps;

use super::error::ContentError;
use super::link;
use super::{Lang, Procedure};
use std::ops::Range;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Everything a file gave, with the positions that checks across files need: even a file with
/// problems gives its id and links, so one run reports every problem everywhere.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// `None` when the file has problems.
    pub procedure: Option<Procedure>,
    pub errors: Vec<ContentError>,
    /// The id as written, and where (a duplicate id points here).
    pub id: Option<(String, Range<usize>)>,
    /// Every link's target id and where it is written.
    pub links: Vec<(String, Range<usize>)>,
    /// The file's text as parsed (BOM removed, line ends normalised): spans index into it.
    pub text: String,
    /// `draft = true` in the front matter (false where the front matter cannot be read).
    pub draft: bool,
    /// What the front matter gave, also when the file has problems (`None` when its TOML cannot
    /// be read): a list of files can still show a broken card by its title.
    pub head: Option<Head>,
    /// Where the date fields stand (0: not written).
    pub date_lines: DateLines,
}

/// The lines of a card's date fields (0: not written): today's warnings point at them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateLines {
    pub valid_from: usize,
    pub valid_until: usize,
    pub review_by: usize,
}

/// A card's title, language and category as its front matter gives them (an empty or missing
/// title or category is `None`, an unknown language too).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Head {
    pub title: Option<String>,
    pub lang: Option<Lang>,
    pub category: Option<String>,
}

/// Byte offsets to 1-based line numbers.
pub(crate) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub(crate) fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
    fn count(&self) -> usize {
        self.starts.len()
    }
}

/// The file being parsed and the problems found so far.
struct Ctx<'a> {
    path: &'a Path,
    text: &'a str,
    lines: Lines,
    errors: Vec<ContentError>,
    links: Vec<(String, Range<usize>)>,
    /// How many of `errors` are only unfinished writing (an empty step, a branch with no
    /// condition yet) whose step is kept: the studio's outline still shows such a card.
    unfinished: usize,
}

impl Ctx<'_> {
    /// A problem at a line, with no narrower position.
    fn err_line(&mut self, line: usize, message: impl Into<String>) {
        self.errors
            .push(ContentError::new(self.path, line, message));
    }

    /// A problem about the text at `span` (byte offsets in the file).
    fn err(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.err_hint(span, message, None);
    }

    fn err_hint(&mut self, span: Range<usize>, message: impl Into<String>, hint: Option<String>) {
        let mut e = ContentError::new(self.path, self.lines.line(span.start), message);
        e.span = Some(span);
        e.hint = hint;
        self.errors.push(e);
    }

    /// Records the links in `text`, which starts near `at` in the file; a link where none may
    /// stand (a script read aloud, a title) is an error naming `place`.
    fn links_in(&mut self, text: &str, at: usize, allowed: bool, place: &str) {
        for id in link::ids(text) {
            let pattern = format!("[[{id}");
            let start = self.text[at.min(self.text.len())..]
                .find(&pattern)
                .map(|i| at + i)
                .unwrap_or(at);
            let span = start..start + pattern.len() + 2;
            if !allowed {
                self.err(
                    span,
                    format!("a link `[[{id}]]` cannot stand in {place}: put it in a step, caution or note"),
                );
            } else if !is_valid_id(id) {
                self.err(span, format!("link `[[{id}]]`: {ID_RULE}"));
            } else {
                self.links.push((id.to_string(), span));
            }
        }
    }
}

pub(crate) const ID_RULE: &str =
    "ids are lowercase ASCII letters, digits and dashes, e.g. `vi-vip-leader-call`";

pub(crate) fn is_valid_id(v: &str) -> bool {
    !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !v.starts_with('-')
        && !v.ends_with('-')
}

fn nfc(s: &str) -> String {
    s.trim().nfc().collect()
}

/// A file's text as the parser reads it (byte order mark removed, CRLF line ends as LF): the
/// text that error spans index into. `None` for bytes that are not UTF-8.
pub fn source_text(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    Some(
        text.strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n"),
    )
}

/// Parses one content file. `path` is only used in messages.
pub fn parse_file(path: &Path, bytes: &[u8]) -> Result<Procedure, Vec<ContentError>> {
    let p = parse_detailed(path, bytes);
    match p.procedure {
        Some(procedure) if p.errors.is_empty() => Ok(procedure),
        _ => Err(p.errors),
    }
}

/// Parses one content file and keeps the positions of its id and links.
pub fn parse_detailed(path: &Path, bytes: &[u8]) -> Parsed {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let mut err = ContentError::new(
                path,
                Lines::new(&valid).count(),
                format!(
                    "invalid UTF-8 (byte {}): save the file as UTF-8",
                    e.valid_up_to() + 1
                ),
            );
            err.span = Some(valid.len()..valid.len());
            return Parsed {
                procedure: None,
                errors: vec![err],
                id: None,
                links: Vec::new(),
                text: valid,
                draft: false,
                head: None,
                date_lines: DateLines::default(),
            };
        }
    };
    let text = source_text(text.as_bytes()).expect("checked as UTF-8 above");
    let mut cx = Ctx {
        path,
        text: &text,
        lines: Lines::new(&text),
        errors: Vec::new(),
        links: Vec::new(),
        unfinished: 0,
    };
    let (mut id, mut head, mut date_lines) = (None, None, DateLines::default());
    let procedure = parse_text(&mut cx, &mut id, &mut head, &mut date_lines);
    let draft = procedure.as_ref().is_some_and(|p| p.draft);
    Parsed {
        procedure: procedure.filter(|_| cx.errors.is_empty()),
        errors: cx.errors,
        id,
        links: cx.links,
        text: text.clone(),
        draft,
        head,
        date_lines,
    }
}

/// The steps of a card alone, with the problems found in its body (not in its front matter):
/// the studio's form view shows the steps of a card whose header is still being written.
/// `text` as `source_text` gives it; errors have no path. Unfinished steps (an empty one, a
/// branch with no condition yet) are kept and are not errors here: `kb check` reports them.
pub fn parse_steps(text: &str) -> Result<Vec<crate::content::Step>, Vec<ContentError>> {
    let path = Path::new("");
    let mut cx = Ctx {
        path,
        text,
        lines: Lines::new(text),
        errors: Vec::new(),
        links: Vec::new(),
        unfinished: 0,
    };
    let close = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.find("\n+++\n").map(|i| i + 1));
    let Some(close) = close else {
        return Err(vec![ContentError::new(
            path,
            1,
            "the front matter is not between two `+++` lines",
        )]);
    };
    let (fm_start, body_start) = (4, 4 + close + 4);
    let closing_line = cx.lines.line(fm_start + close);
    let (steps, _) = steps::parse_body(&mut cx, &text[body_start..], body_start, closing_line);
    if cx.errors.len() == cx.unfinished {
        Ok(steps)
    } else {
        Err(cx.errors)
    }
}

fn parse_text(
    cx: &mut Ctx,
    id: &mut Option<(String, Range<usize>)>,
    head: &mut Option<Head>,
    date_lines: &mut DateLines,
) -> Option<Procedure> {
    let text = cx.text;
    let Some(rest) = text.strip_prefix("+++\n") else {
        cx.err(
            0..text.find('\n').unwrap_or(text.len()),
            "expected `+++` on the first line to open the TOML front matter",
        );
        return None;
    };
    let fm_start = 4;
    let Some(close) = rest
        .find("\n+++\n")
        .map(|i| i + 1)
        .or_else(|| rest.strip_suffix("\n+++").map(|r| r.len() + 1))
    else {
        let line = cx.lines.count();
        cx.err_line(
            line,
            "front matter is not closed: add a line `+++` after it",
        );
        return None;
    };
    let header = front_matter::parse(cx, &rest[..close], fm_start)?;
    if !header.id.is_empty() {
        *id = Some((header.id.clone(), header.id_span.clone()));
    }
    let given = |s: &String| Some(s.clone()).filter(|s| !s.is_empty());
    *head = Some(Head {
        title: given(&header.title),
        lang: header.lang,
        category: given(&header.category),
    });
    let body_start = fm_start + close + 4;
    let closing_line = cx.lines.line(fm_start + close);
    let body = text.get(body_start..).unwrap_or("");
    let (steps, notes) = steps::parse_body(cx, body, body_start.min(text.len()), closing_line);
    let h = header;
    *date_lines = h.date_lines;
    let unfilled = h.unfilled;
    let procedure = Procedure {
        id: h.id,
        lang: h.lang?,
        title: h.title,
        category: h.category,
        situations: h.situations,
        cautions: h.cautions,
        timers: h.timers,
        steps,
        notes,
        source: h.source,
        draft: h.draft,
        valid: h.valid,
        review_by: h.review_by,
        owner: h.owner,
    };
    if !procedure.draft {
        leftovers(cx, &procedure, &unfilled, body_start);
    }
    Some(procedure)
}

/// A card that is not a draft may keep nothing of `kb new`'s template: no `?` value and no
/// example sentence. Taking `draft = true` out too early then stops the build at the first
/// leftover's line instead of showing operators "An action: what the operator does.".
fn leftovers(
    cx: &mut Ctx,
    p: &Procedure,
    unfilled: &[(&'static str, Range<usize>)],
    body_start: usize,
) {
    for (name, span) in unfilled {
        cx.err_hint(
            span.clone(),
            format!("`{name}` is still `?` from `kb new`"),
            Some(match *name {
                "category" => "write the short group name shown beside the title".to_string(),
                "source.file" => "write the source document's file name".to_string(),
                _ => {
                    "write the source's heading(s), outermost first, separated by ` › `".to_string()
                }
            }),
        );
    }
    let mut texts: Vec<&str> = p.cautions.iter().map(String::as_str).collect();
    texts.extend(p.step_texts());
    texts.extend(p.notes.iter().map(String::as_str));
    let body = cx.text.get(body_start..).unwrap_or("");
    let mut seen = Vec::new();
    for example in super::template::leftover_texts() {
        if !texts.iter().any(|t| t.contains(example)) {
            continue;
        }
        // The example as written in the file; its first words if Markdown changed the rest.
        let prefix: String = example.chars().take(12).collect();
        let at = body
            .find(example)
            .or_else(|| body.find(prefix.as_str()))
            .map(|i| body_start + i);
        let span = match at {
            Some(i) => {
                i..i + body[i - body_start..]
                    .find('\n')
                    .unwrap_or(body.len() - (i - body_start))
            }
            None => body_start..body_start,
        };
        // One problem a line (an answer's two sides share theirs).
        let line = cx.lines.line(span.start);
        if seen.contains(&line) {
            continue;
        }
        seen.push(line);
        cx.err_hint(
            span,
            "still the example from `kb new`",
            Some("replace it with the source's words, or delete the step".to_string()),
        );
    }
}

#[cfg(test)]
mod tests;
