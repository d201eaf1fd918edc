//! The report file a desk exports and editors import (the studio, `kb gaps`); centres write
//! collectors against it, so here is all of it.
//!
//! **A report**, one JSON object (UTF-8), written by `Report::to_json`:
//! - `format`: `1`. A reader refuses a higher number (a newer Cuecard wrote it) by name.
//! - `desk`: the desk's random name (12 hex digits; it names no person), the same in every
//!   report and batch the desk writes, so that editors count desks, not files. May be absent.
//! - `site_version`: the published site's version the desk ran (the service worker's), or `""`.
//! - `ui_lang`: the desk's interface language code (`vi`, `ru`, `zh`, `en`).
//! - `from`, `to`: the time the report covers, milliseconds since the Unix epoch (UTC), as numbers.
//! - `episodes`: searches that did not find their card at once, each an object:
//!   - `time`: when the first key was typed (ms since the epoch);
//!   - `queries`: the distinct queries in the order tried, each scrubbed (no run of 3 or more
//!     digits: `#`; no e-mail address: `@`; no customer's or operator's name) and at most 200
//!     characters; a query typed on letter by letter is one query;
//!   - `outcome`: `no_results` (the last query found nothing, no card opened), `abandoned`
//!     (results shown, none opened) or `reformulated` (a card opened only after the query
//!     changed; the last query is the one that led to it);
//!   - `results`: how many results the last query had;
//!   - `opened`, `rank`: for `reformulated`, the card id opened and its place in the results (1
//!     for the first); else `null`.
//! - `flags`: what operators said about cards, each an object: `time`; `card` (its id);
//!   `card_version` (the card's version shown); `flag`, one of `wrong`, `outdated`, `unclear`,
//!   `missing`; `note` (scrubbed as the queries are; may be empty).
//! - `found_first_try`: an object from card id to how many times the card was opened from the
//!   first query typed (those searches are not kept as text).
//!
//! Missing `episodes`, `flags` or `found_first_try` read as empty; fields a reader does not know
//! are ignored, so a collector may add its own.
//!
//! **JSON Lines**, as a collector receives entries one by one (`Report::to_json_lines`): one
//! object per line, its `kind` saying what it is; blank lines are skipped.
//! - `{"kind":"report", "format":1, "desk":…, "site_version":…, "ui_lang":…, "from":…, "to":…}`
//!   starts a new report (one batch of one desk's); entries before any such line form a report
//!   of their own, its `from` and `to` those of its entries. `desk`, `from` and `to` may be left
//!   out.
//! - `{"kind":"episode", …}`: an episode's fields, as above.
//! - Every entry line may carry `"desk"` too (a desk's batches do): it then belongs to that
//!   desk's latest report, so a collector that interleaves lines of several desks loses nothing.
//! - `{"kind":"flag", …}`: a flag's fields, as above.
//! - `{"kind":"found", "card":…, "count":…}`: cards found at the first query; counts add up.
//!
//! `parse_reports` reads either form.

use super::episode::Episode;
use super::flag::Flag;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The report format this code writes and the newest it reads.
pub const FORMAT: u32 = 1;

/// One desk's record over a span of time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub desk: String,
    pub site_version: String,
    pub ui_lang: String,
    pub from: f64,
    pub to: f64,
    #[serde(default)]
    pub episodes: Vec<Episode>,
    #[serde(default)]
    pub flags: Vec<Flag>,
    #[serde(default)]
    pub found_first_try: BTreeMap<String, u32>,
}

/// Why a report could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Not JSON, or not a report's shape; `line` and `column` are the file's, 1-based.
    #[error("line {line}, column {column}: {reason}")]
    Json {
        line: usize,
        column: usize,
        reason: String,
        #[source]
        source: serde_json::Error,
    },
    /// Written by a newer Cuecard in a format this one does not know.
    #[error(
        "this report is in format {found}, newer than this Cuecard reads (format {supported}): update Cuecard to read it"
    )]
    Newer { found: u64, supported: u32 },
    /// A JSON Lines entry whose `kind` is none of this format's.
    #[error("line {line}: unknown kind `{kind}`: expected report, episode, flag or found")]
    UnknownKind { line: usize, kind: String },
}

impl ReportError {
    /// serde_json's error at a line of the file (`first_line` is where the parsed text starts).
    fn json(e: serde_json::Error, first_line: usize) -> ReportError {
        let text = e.to_string();
        let reason = match text.rfind(" at line ") {
            Some(at) if e.line() > 0 => text[..at].to_string(),
            _ => text,
        };
        ReportError::Json {
            line: e.line() + first_line - 1,
            column: e.column(),
            reason,
            source: e,
        }
    }
}

/// One line of the JSON Lines form, as written (each is read by its own type, so that an error
/// keeps its column).
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Line {
    Report(Header),
    Episode(Episode),
    Flag(Flag),
    Found(Found),
}

/// A `report` line: the report's fields but its entries.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    desk: String,
    #[serde(default)]
    site_version: String,
    #[serde(default)]
    ui_lang: String,
    #[serde(default)]
    from: Option<f64>,
    #[serde(default)]
    to: Option<f64>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Found {
    card: String,
    count: u32,
}

impl Report {
    /// An empty report of this desk, starting `now`.
    pub fn new(site_version: &str, ui_lang: &str, now: f64) -> Report {
        Report {
            format: FORMAT,
            desk: String::new(),
            site_version: site_version.to_string(),
            ui_lang: ui_lang.to_string(),
            from: now,
            to: now,
            episodes: Vec::new(),
            flags: Vec::new(),
            found_first_try: BTreeMap::new(),
        }
    }

    pub fn add_episode(&mut self, e: Episode) {
        self.to = self.to.max(e.time);
        self.episodes.push(e);
    }

    pub fn add_flag(&mut self, f: Flag) {
        self.to = self.to.max(f.time);
        self.flags.push(f);
    }

    /// Adds counts of cards found at once (a collector's `found` lines add up).
    pub fn add_found_first_try(&mut self, counts: BTreeMap<String, u32>) {
        for (card, n) in counts {
            *self.found_first_try.entry(card).or_default() += n;
        }
    }

    /// The file, indented (people open it to see what leaves the desk).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report serialises")
    }

    /// The JSON Lines form: a `report` line, then one line per entry.
    pub fn to_json_lines(&self) -> String {
        let mut lines = vec![Line::Report(Header {
            format: self.format,
            desk: self.desk.clone(),
            site_version: self.site_version.clone(),
            ui_lang: self.ui_lang.clone(),
            from: Some(self.from),
            to: Some(self.to),
        })];
        lines.extend(self.episodes.iter().cloned().map(Line::Episode));
        lines.extend(self.flags.iter().cloned().map(Line::Flag));
        lines.extend(self.found_first_try.iter().map(|(card, &count)| {
            Line::Found(Found {
                card: card.clone(),
                count,
            })
        }));
        let mut out = String::new();
        for l in lines {
            out.push_str(&serde_json::to_string(&l).expect("a line serialises"));
            out.push('\n');
        }
        out
    }

    /// One report file (the JSON form). A newer `format` is refused as such, before its shape
    /// is judged; a broken file is told with its line and column.
    pub fn parse(text: &str) -> Result<Report, ReportError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ReportError::json(e, 1))?;
        newer(&value)?;
        serde_json::from_str(text).map_err(|e| ReportError::json(e, 1))
    }

    /// Drops the episodes and flags older than `lifetime_ms` before `now` (the counts of cards
    /// found at once carry no text and no time, and stay); `from` moves up to match.
    pub fn retain(&mut self, now: f64, lifetime_ms: f64) {
        let cutoff = now - lifetime_ms;
        self.episodes.retain(|e| e.time >= cutoff);
        self.flags.retain(|f| f.time >= cutoff);
        self.from = self.from.max(cutoff);
    }
}

/// A `format` above `FORMAT`, refused.
fn newer(value: &serde_json::Value) -> Result<(), ReportError> {
    match value.get("format").and_then(|f| f.as_u64()) {
        Some(found) if found > u64::from(FORMAT) => Err(ReportError::Newer {
            found,
            supported: FORMAT,
        }),
        _ => Ok(()),
    }
}

/// Every report in a file: one report (JSON), or entries one per line (JSON Lines, which may
/// hold several desks' reports). An empty file holds none.
pub fn parse_reports(text: &str) -> Result<Vec<Report>, ReportError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    let Some(first) = first else {
        return Ok(Vec::new());
    };
    let is_lines = serde_json::from_str::<serde_json::Value>(first)
        .is_ok_and(|v| v.get("kind").is_some_and(|k| k.is_string()));
    if is_lines {
        parse_lines(text)
    } else {
        Report::parse(text).map(|r| vec![r])
    }
}

fn parse_lines(text: &str) -> Result<Vec<Report>, ReportError> {
    let mut reports: Vec<Report> = Vec::new();
    // Per report, whether its `from`/`to` come from its entries (no header said both).
    let mut spans_entries = Vec::new();
    // The report an entry belongs to: its own desk's latest when the line names a desk (a
    // collector may interleave batches), else the latest; entries before any `report` line
    // form a report of their own.
    fn current<'r>(
        reports: &'r mut Vec<Report>,
        spans: &mut Vec<bool>,
        desk: Option<&str>,
    ) -> &'r mut Report {
        let at = match desk {
            Some(d) => reports.iter().rposition(|r| r.desk == d),
            None => reports.len().checked_sub(1),
        };
        let at = at.unwrap_or_else(|| {
            let mut r = Report::new("", "", f64::NAN);
            r.desk = desk.unwrap_or("").to_string();
            reports.push(r);
            spans.push(true);
            reports.len() - 1
        });
        &mut reports[at]
    }
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| ReportError::json(e, i + 1))?;
        newer(&value)?;
        let json = |e| ReportError::json(e, i + 1);
        let desk = value.get("desk").and_then(|d| d.as_str());
        match value.get("kind").and_then(|k| k.as_str()) {
            Some("report") => {
                let h: Header = serde_json::from_str(line).map_err(json)?;
                let mut r = Report::new(&h.site_version, &h.ui_lang, f64::NAN);
                r.format = h.format;
                r.desk = h.desk;
                r.from = h.from.unwrap_or(f64::NAN);
                r.to = h.to.unwrap_or(f64::NAN);
                reports.push(r);
                spans_entries.push(h.from.is_none() || h.to.is_none());
            }
            Some("episode") => {
                let e: Episode = serde_json::from_str(line).map_err(json)?;
                current(&mut reports, &mut spans_entries, desk)
                    .episodes
                    .push(e);
            }
            Some("flag") => {
                let f: Flag = serde_json::from_str(line).map_err(json)?;
                current(&mut reports, &mut spans_entries, desk)
                    .flags
                    .push(f);
            }
            Some("found") => {
                let f: Found = serde_json::from_str(line).map_err(json)?;
                current(&mut reports, &mut spans_entries, desk)
                    .add_found_first_try(BTreeMap::from([(f.card, f.count)]));
            }
            other => {
                return Err(ReportError::UnknownKind {
                    line: i + 1,
                    kind: other.map_or_else(|| value["kind"].to_string(), str::to_string),
                })
            }
        }
    }
    for (r, from_entries) in reports.iter_mut().zip(spans_entries) {
        let times = r
            .episodes
            .iter()
            .map(|e| e.time)
            .chain(r.flags.iter().map(|f| f.time));
        if from_entries {
            // f64::min/max skip NaN, so a header's time stands and a missing one is filled.
            for t in times {
                r.from = r.from.min(t);
                r.to = r.to.max(t);
            }
        }
        if r.from.is_nan() {
            r.from = 0.0;
        }
        if r.to.is_nan() {
            r.to = r.from;
        }
    }
    Ok(reports)
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;
