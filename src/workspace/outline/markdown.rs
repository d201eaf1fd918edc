//! An outline read from a card's steps list and written back into it: a step whose rows did
//! not change keeps its bytes (renumbered if it moved), a changed or new one is written in the
//! content guide's canonical form, and nothing outside the list is touched.
//!
//! Canonical form (as the cards are written), for step `N` at column `c` of its text:
//! an action `N. text` with sub-points `- detail` at `c`; a script `N. lead` then `> line` at
//! `c` (no lead: `N. > line`; a script's lines are separate paragraphs, `>` between them);
//! alternatives `N. lead` then `- label` at `c` with its `> line` two columns deeper (no
//! label: `- > line`); a decision `N. question` then `- condition → action` at `c` when the
//! answer's first step is an action without sub-points, else `- condition →`, and the
//! (remaining) steps as `1. …` under the bullet.

use super::{clean, Outline, Row, RowKind};
use crate::content::parse::parse_steps;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::ops::Range;

/// Why a card's steps cannot be shown as an outline (the UI then shows the text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutlineError {
    /// The parser's first problem with the steps (`kb check` says the same).
    #[error("line {line}: {message}")]
    Steps { line: usize, message: String },
    /// The steps parse, but not one step per item of one list (should not happen).
    #[error("the steps list could not be matched item by item")]
    Unmatched,
}

/// The steps list of a card: each top-level item's bytes (trailing blank space excluded), or
/// where a list would go when there is none.
#[derive(Debug)]
pub(super) enum Place {
    List(Vec<Range<usize>>),
    /// No list: write one at this byte, with `## Steps` before it when `heading` is false.
    Insert {
        at: usize,
        heading: bool,
    },
}

/// Where the body starts: after the front matter's closing `+++` line.
fn body_start(text: &str) -> usize {
    let mut lines = text.split_inclusive('\n');
    let mut at = 0;
    match lines.next() {
        Some(l) if l.trim_end() == "+++" || l.trim_end() == "\u{feff}+++" => at += l.len(),
        _ => return 0,
    }
    for l in lines {
        at += l.len();
        if l.trim_end() == "+++" {
            return at;
        }
    }
    0
}

/// The top-level items of the first numbered list under `## Steps`.
pub(super) fn locate(text: &str) -> Place {
    let start = body_start(text);
    let body = &text[start..];
    let mut depth = 0usize;
    let mut heading: Option<(String, usize)> = None;
    let mut in_steps: Option<usize> = None;
    let mut items = Vec::new();
    let mut in_list = false;
    for (ev, range) in Parser::new(body).into_offset_iter() {
        let range = start + range.start..start + range.end;
        match ev {
            Event::Start(tag) => {
                if depth == 0 {
                    match tag {
                        Tag::Heading {
                            level: HeadingLevel::H2,
                            ..
                        } => heading = Some((String::new(), range.end)),
                        Tag::List(Some(_)) if in_steps.is_some() => in_list = true,
                        _ => {}
                    }
                }
                if in_list && depth == 1 && matches!(tag, Tag::Item) {
                    let t = text[range.clone()].trim_end();
                    items.push(range.start..range.start + t.len());
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    match tag {
                        TagEnd::List(_) if in_list => return Place::List(items),
                        TagEnd::Heading(_) => {
                            if let Some((t, end)) = heading.take() {
                                let steps = t.trim().eq_ignore_ascii_case("steps");
                                match (steps, in_steps) {
                                    (true, None) => in_steps = Some(end),
                                    (false, Some(at)) => {
                                        return Place::Insert { at, heading: true }
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::Text(t) => {
                if let Some((h, _)) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            _ => {}
        }
    }
    match in_steps {
        Some(at) => Place::Insert { at, heading: true },
        None => Place::Insert {
            at: text.len(),
            heading: false,
        },
    }
}

/// The outline of a card's steps.
pub fn read_outline(text: &str) -> Result<Outline, OutlineError> {
    let steps = parse_steps(text).map_err(|errors| match errors.into_iter().next() {
        Some(e) => OutlineError::Steps {
            line: e.line,
            message: e.message,
        },
        None => OutlineError::Unmatched,
    })?;
    match locate(text) {
        Place::List(items) if items.len() == steps.len() => Ok(Outline::from_steps(&steps)),
        _ => Err(OutlineError::Unmatched),
    }
}

/// Each step of an outline as its rows (root first).
fn step_rows(o: &Outline) -> Vec<&[Row]> {
    o.roots().map(|i| &o.rows[i..o.subtree_end(i)]).collect()
}

/// Whether two steps say the same (a `lead` counts for `Say` rows only).
fn same(a: &[Row], b: &[Row]) -> bool {
    let (da, db) = (a[0].depth, b[0].depth);
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.kind == y.kind
                && x.depth - da == y.depth - db
                && x.text == y.text
                && (x.kind != RowKind::Say || x.lead == y.lead)
        })
}

/// `text` with its steps list replaced by `outline`'s steps; see the module's description.
pub fn write_outline(text: &str, outline: &Outline) -> String {
    let old = read_outline(text).ok();
    let old_steps = old.as_ref().map(step_rows).unwrap_or_default();
    let new_steps = step_rows(outline);
    let (items, insert) = match locate(text) {
        Place::List(items) => (items, None),
        Place::Insert { at, heading } => (Vec::new(), Some((at, heading))),
    };
    let reusable = old_steps.len() == items.len();
    let first_number = items
        .first()
        .and_then(|r| number_of(&text[r.clone()]))
        .map(|(n, _)| n)
        .unwrap_or(1);
    let mut used = vec![false; items.len()];
    let mut chunks = Vec::new();
    for (k, rows) in new_steps.iter().enumerate() {
        let number = first_number + k;
        let here = k < items.len() && reusable && !used[k] && same(old_steps[k], rows);
        let found = if here {
            Some(k)
        } else {
            (0..items.len()).find(|&j| reusable && !used[j] && same(old_steps[j], rows))
        };
        let reused = found.and_then(|j| {
            let bytes = &text[items[j].clone()];
            let chunk = if j == k {
                Some(bytes.to_string())
            } else {
                renumber(bytes, number)
            };
            used[j] = chunk.is_some();
            chunk
        });
        chunks.push(reused.unwrap_or_else(|| render_step(rows, number)));
    }
    let seps: Vec<&str> = items
        .windows(2)
        .map(|w| &text[w[0].end..w[1].start])
        .collect();
    let sep = |k: usize| seps.get(k - 1).or(seps.last()).copied().unwrap_or("\n");
    let mut list = String::new();
    for (k, c) in chunks.iter().enumerate() {
        if k > 0 {
            list.push_str(sep(k));
        }
        list.push_str(c);
    }
    match (items.first(), items.last(), insert) {
        (Some(first), Some(last), _) => {
            let mut out = text[..first.start].to_string();
            out.push_str(&list);
            if list.is_empty() {
                // No steps left: drop the list's trailing line break with it.
                out.push_str(text[last.end..].trim_start_matches('\n'));
            } else {
                out.push_str(&text[last.end..]);
            }
            out
        }
        (_, _, Some((at, heading))) if !list.is_empty() => {
            let mut out = text[..at].to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            if !heading {
                out.push_str("\n## Steps\n");
            }
            out.push('\n');
            out.push_str(&list);
            out.push('\n');
            let rest = text[at..].trim_start_matches('\n');
            if !rest.is_empty() {
                out.push('\n');
                out.push_str(rest);
            }
            out
        }
        _ => text.to_string(),
    }
}

/// The number an item starts with, and the byte range of its digits.
fn number_of(item: &str) -> Option<(usize, Range<usize>)> {
    let start = item.len() - item.trim_start_matches(' ').len();
    let digits = item[start..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(item.len() - start);
    let range = start..start + digits;
    item[range.clone()].parse().ok().map(|n| (n, range))
}

/// An unchanged step's bytes with a new number; its other lines shift with the marker's width.
/// `None` when a line cannot shift left far enough.
fn renumber(item: &str, number: usize) -> Option<String> {
    let (_, range) = number_of(item)?;
    let new = number.to_string();
    let shift = new.len() as isize - range.len() as isize;
    let mut out = format!("{}{new}", &item[..range.start]);
    let mut lines = item[range.end..].split_inclusive('\n');
    out.push_str(lines.next().unwrap_or(""));
    for line in lines {
        if line.trim().is_empty() {
            out.push_str(line);
        } else if shift >= 0 {
            out.push_str(&" ".repeat(shift as usize));
            out.push_str(line);
        } else {
            out.push_str(line.strip_prefix(&" ".repeat(shift.unsigned_abs()))?);
        }
    }
    Some(out)
}

/// One step (its rows, root first) in canonical form, without a final line break.
pub(super) fn render_step(rows: &[Row], number: usize) -> String {
    let depth = rows.first().map(|r| r.depth).unwrap_or(0);
    let o = Outline {
        rows: rows
            .iter()
            .map(|r| Row {
                depth: r.depth - depth.min(r.depth),
                ..r.clone()
            })
            .collect(),
    };
    let mut out = String::new();
    if !o.rows.is_empty() {
        item(&mut out, &o, 0, 0, &format!("{number}. "));
    }
    out.trim_end_matches('\n').to_string()
}

/// Writes row `i` as a list item whose marker stands at column `col`.
fn item(out: &mut String, o: &Outline, i: usize, col: usize, marker: &str) {
    let row = &o.rows[i];
    let c = col + marker.len();
    let mut body = String::new();
    let head = match row.kind {
        RowKind::Say => {
            quote(&mut body, &row.text, c);
            inline(&row.lead)
        }
        RowKind::Branch => {
            branch(&mut body, o, i, c);
            String::new()
        }
        RowKind::Do | RowKind::Alternatives | RowKind::Decide => {
            for k in o.children(i) {
                if row.kind == RowKind::Decide {
                    branch(&mut body, o, k, c);
                } else {
                    item(&mut body, o, k, c, "- ");
                }
            }
            inline(&row.text)
        }
    };
    out.push_str(&" ".repeat(col));
    if head.is_empty() {
        // Nothing on the marker's line: the first line of what follows goes there.
        match body.strip_prefix(&" ".repeat(c)) {
            Some(rest) if !body.is_empty() => {
                out.push_str(marker);
                out.push_str(rest);
            }
            _ => {
                out.push_str(marker.trim_end());
                out.push('\n');
                out.push_str(&body);
            }
        }
    } else {
        out.push_str(marker);
        out.push_str(&head);
        out.push('\n');
        out.push_str(&body);
    }
}

/// An answer of a decision: `- condition → action`, then its other steps numbered under it.
fn branch(out: &mut String, o: &Outline, b: usize, col: usize) {
    let kids = o.children(b);
    let first_inline = kids.first().filter(|&&f| {
        let r = &o.rows[f];
        r.kind == RowKind::Do && o.children(f).is_empty() && !clean(&r.text).is_empty()
    });
    out.push_str(&" ".repeat(col));
    out.push_str("- ");
    out.push_str(&inline(&o.rows[b].text));
    out.push_str(" →");
    let rest = match first_inline {
        Some(&f) => {
            out.push(' ');
            out.push_str(&inline(&o.rows[f].text));
            &kids[1..]
        }
        None => &kids[..],
    };
    out.push('\n');
    for (n, &k) in rest.iter().enumerate() {
        item(out, o, k, col + 2, &format!("{}. ", n + 1));
    }
}

/// A script as quoted lines at column `col`, one paragraph a line.
fn quote(out: &mut String, text: &str, col: usize) {
    let pad = " ".repeat(col);
    let lines: Vec<String> = text.lines().map(inline).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        out.push_str(&format!("{pad}>\n"));
    }
    for (n, l) in lines.iter().enumerate() {
        if n > 0 {
            out.push_str(&format!("{pad}>\n"));
        }
        out.push_str(&format!("{pad}> {l}\n"));
    }
}

/// One line of text as Markdown that reads back as the same text: whitespace collapsed, and
/// the characters Markdown would take as markup escaped (links `[[id]]` are left as they are).
fn inline(text: &str) -> String {
    let t = clean(text);
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::new();
    for (n, &ch) in chars.iter().enumerate() {
        let prev = n.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(n + 1).copied();
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let escape = match ch {
            '\\' | '*' | '`' | '<' => true,
            '_' => !(alnum(prev) && alnum(next)),
            '&' => next.is_some_and(|c| c.is_alphanumeric() || c == '#'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(ch);
    }
    escape_start(out)
}

/// Escapes what would make a line start a block: a heading, quote, bullet, numbered item,
/// thematic break or code fence.
fn escape_start(line: String) -> String {
    let rest_blank = |s: &str| s.is_empty() || s.starts_with(' ');
    let first = line.chars().next();
    match first {
        Some('>') => format!("\\{line}"),
        Some('#') if rest_blank(line.trim_start_matches('#')) => format!("\\{line}"),
        Some('-' | '+' | '=' | '~') => {
            let c = first.unwrap_or('-');
            let only_marks = line.chars().all(|x| x == c || x == ' ');
            if rest_blank(&line[1..]) || only_marks || line.starts_with("~~~") {
                format!("\\{line}")
            } else {
                line
            }
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let after = &line[digits..];
            let is_marker = (after.starts_with('.') || after.starts_with(')'))
                && rest_blank(&after[1..])
                && digits <= 9;
            if is_marker {
                format!("{}\\{}", &line[..digits], after)
            } else {
                line
            }
        }
        _ => line,
    }
}
