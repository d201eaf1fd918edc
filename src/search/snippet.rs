//! Picks the line that shows the operator why a procedure matched, with the matched words marked.
//! Pure logic over the analyzer, so the page and `kb search` highlight identically.

use crate::content::link::plain;
use crate::content::{Place, Procedure};
use crate::text::{terms, words, Form, Word};
use serde::Serialize;

/// A line of the procedure with byte ranges of the matched words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The snippet with matches wrapped in `open`/`close` (for terminals and tests).
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for &(s, e) in &self.highlights {
            out.push_str(&self.text[at..s]);
            out.push_str(open);
            out.push_str(&self.text[s..e]);
            out.push_str(close);
            at = e;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// Longest snippet shown; longer lines are cut around the first match.
const MAX_CHARS: usize = 160;

/// What the query matches, built once per query and used for every hit's snippet. A query has
/// a handful of terms: a linear scan of them beats hashing every word of every line.
pub struct Matcher {
    folded: Vec<String>,
    pairs: Vec<String>,
    prefix: Option<String>,
}

impl Matcher {
    pub fn new(query: &[Word], prefix_last: bool) -> Matcher {
        Matcher {
            folded: distinct(terms(query, Form::Folded)),
            pairs: distinct(terms(query, Form::Pair)),
            prefix: if prefix_last {
                query
                    .last()
                    .and_then(|w| w.folded.last().cloned())
                    .filter(|u| u.chars().count() >= 3)
            } else {
                None
            },
        }
    }

    /// Also marks the words of another reading of the query (its other layout, transliteration).
    pub fn also(mut self, other: &[Word], stems: &[String]) -> Matcher {
        self.folded.extend(terms(other, Form::Folded));
        self.folded.extend(stems.iter().cloned());
        self.pairs.extend(terms(other, Form::Pair));
        self.folded = distinct(std::mem::take(&mut self.folded));
        self.pairs = distinct(std::mem::take(&mut self.pairs));
        self
    }

    fn word_matches(&self, w: &Word) -> bool {
        w.folded.iter().any(|u| {
            self.folded.iter().any(|f| f == u)
                || self
                    .prefix
                    .as_ref()
                    .is_some_and(|p| u.starts_with(p.as_str()))
        })
    }

    /// How well one analysed line shows the match: its distinct matched words, pairs counting
    /// double. Allocation-free: it runs for every line of every hit on every keystroke.
    fn score(&self, line: &Line) -> usize {
        let mut distinct: Vec<&[String]> = Vec::new();
        for w in line.words.iter().filter(|w| self.word_matches(w)) {
            if !distinct.contains(&w.folded.as_slice()) {
                distinct.push(&w.folded);
            }
        }
        let pairs = line
            .pairs
            .iter()
            .filter(|p| self.pairs.iter().any(|q| q == *p))
            .count();
        distinct.len() + 2 * pairs
    }

    /// Byte ranges of the matched words of a line (only for the line that is shown).
    fn highlights(&self, line: &Line) -> Vec<(usize, usize)> {
        line.words
            .iter()
            .filter(|w| self.word_matches(w))
            .map(|w| (w.start, w.end))
            .collect()
    }
}

fn distinct(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// A line a snippet may show, analysed once (not again on every keystroke).
#[derive(Debug)]
pub struct Line {
    text: String,
    words: Vec<Word>,
    /// Its distinct pair terms.
    pairs: Vec<String>,
}

impl Line {
    fn new(text: String) -> Line {
        let words = words(&text);
        let mut pairs = terms(&words, Form::Pair);
        pairs.sort();
        pairs.dedup();
        Line { text, words, pairs }
    }
}

/// A procedure's snippet lines in preference order: steps, scripts and timer rules first,
/// then cautions, situations and notes; links read as their words.
#[derive(Debug)]
pub struct Lines {
    first: Vec<Line>,
    then: Vec<Line>,
}

impl Lines {
    /// The steps and rules are searched for the best line first; then the cautions, the
    /// situations and the notes (title and category are on the result already).
    pub fn of(p: &Procedure) -> Lines {
        let (mut first, mut cautions, mut situations, mut notes) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        p.visit(&mut |place, text| {
            let line = || Line::new(plain(text));
            match place {
                Place::Title | Place::Category => {}
                Place::Situation => situations.push(line()),
                Place::Caution => cautions.push(line()),
                Place::Note => notes.push(line()),
                // The checklist's texts, as `Place::in_steps` lists them (exhaustively).
                p => {
                    debug_assert!(p.in_steps(), "{p:?} has no place among the lines");
                    first.push(line())
                }
            }
        });
        first.extend(p.rule_texts().into_iter().map(Line::new));
        cautions.extend(situations);
        cautions.extend(notes);
        Lines {
            first,
            then: cautions,
        }
    }
}

/// The line that best shows why a procedure matched, with the matched words marked.
pub fn best_snippet(lines: &Lines, m: &Matcher) -> Snippet {
    fn best<'a>(lines: &'a [Line], m: &Matcher) -> Option<&'a Line> {
        let mut best: Option<(usize, &Line)> = None;
        for l in lines {
            let s = m.score(l);
            if s > 0 && best.is_none_or(|b| s > b.0) {
                best = Some((s, l));
            }
        }
        best.map(|(_, l)| l)
    }
    let (text, highlights) = match best(&lines.first, m).or_else(|| best(&lines.then, m)) {
        Some(l) => (l.text.clone(), m.highlights(l)),
        None => (
            lines
                .first
                .first()
                .map(|l| l.text.clone())
                .unwrap_or_default(),
            Vec::new(),
        ),
    };
    clip(text, highlights)
}

/// Cuts a long line to a window around its first highlight, on character boundaries.
fn clip(text: String, highlights: Vec<(usize, usize)>) -> Snippet {
    if text.chars().count() <= MAX_CHARS {
        return Snippet { text, highlights };
    }
    let first = highlights.first().map(|h| h.0).unwrap_or(0);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let first_char = chars.iter().position(|(i, _)| *i >= first).unwrap_or(0);
    let start_char = first_char.saturating_sub(40);
    let end_char = (start_char + MAX_CHARS).min(chars.len());
    let start = chars[start_char].0;
    let end = chars.get(end_char).map(|c| c.0).unwrap_or(text.len());
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let shift = lead.len() as isize - start as isize;
    let highlights = highlights
        .into_iter()
        .filter(|&(s, e)| s >= start && e <= end)
        .map(|(s, e)| ((s as isize + shift) as usize, (e as isize + shift) as usize))
        .collect();
    Snippet {
        text: format!("{lead}{}{tail}", &text[start..end]),
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_highlights_on_the_right_words() {
        let text = format!("{} trưởng ca {}", "a ".repeat(120), "b ".repeat(100));
        let start = text.find("trưởng").unwrap();
        let s = clip(text.clone(), vec![(start, start + "trưởng".len())]);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a..b], "trưởng");
    }
}
