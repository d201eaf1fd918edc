//! `kb gaps`: what operators searched for and did not find, from the desks' report files
//! merged, each with what the search answers for it now (so an editor sees which gaps a new
//! card or synonym has closed).

use super::{load, ContentArgs, Failure, Outcome};
use crate::diagnostics::Format;
use crate::out;
use cuecard::content::{clock, Zone};
use cuecard::desk::report::{gaps, Gap, Outcome as Ended, Report};
use cuecard::search::{At, Engine};
use cuecard::workspace::gaps::{answers_now, flag_rows, ReportFiles};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    /// Readable rows, then the flags raised on cards.
    Table,
    /// A JSON array of the rows, for scripts.
    Json,
}

#[derive(clap::Args)]
pub struct Gaps {
    /// The folder of procedure files, searched for each gap.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    #[arg(long, value_enum, default_value_t = Output::Table)]
    format: Output,
    /// Report files exported by the desks or gathered by a collector (JSON or JSON Lines).
    #[arg(required = true)]
    reports: Vec<PathBuf>,
}

/// A row of `--format json`.
#[derive(Serialize)]
struct Row<'a> {
    query: &'a str,
    count: u32,
    outcome: Ended,
    desks: usize,
    last_seen: f64,
    opened: Option<&'a str>,
    /// The cards the search answers first for the query today.
    now: Vec<String>,
}

/// Every report in the files (read and merged as the studio's Gaps panel does); every broken
/// file is named with its line, then the verb stops.
fn read_reports(paths: &[PathBuf]) -> Result<Vec<Report>, Failure> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match std::fs::read(path) {
            Ok(bytes) => files.push((path.display().to_string(), bytes)),
            Err(e) => problems.push(format!("{}: {e}", path.display())),
        }
    }
    let mut read = ReportFiles::default();
    problems.extend(read.add(files).iter().map(ToString::to_string));
    match problems.is_empty() {
        true => Ok(read.reports()),
        false => Err(Failure::Message(problems.join("\n"))),
    }
}

pub fn run(a: Gaps) -> Outcome {
    // The reports first: a broken one is told before the content is read and indexed.
    let reports = read_reports(&a.reports)?;
    let (procs, synonyms) = load(&ContentArgs {
        content: a.content.clone(),
        format: Format::Human,
    })?;
    let engine = Engine::from_content(&procs, &synonyms)
        .map_err(|e| Failure::while_doing("cannot build the index", &e))?;
    let zone = clock::LocalZone::system();
    let now = |query: &str| -> Result<Vec<String>, Failure> {
        let at = At {
            now: clock::now_ms(),
            zone: &zone,
        };
        let hits = answers_now(&engine, query, Some(at))
            .map_err(|e| Failure::while_doing("the index failed", &e))?;
        Ok(hits.into_iter().map(|h| h.id).collect())
    };
    let rows = gaps(&reports);
    if a.format == Output::Json {
        let mut out_rows = Vec::with_capacity(rows.len());
        for g in &rows {
            out_rows.push(Row {
                query: &g.query,
                count: g.count,
                outcome: g.outcome,
                desks: g.desks,
                last_seen: g.last_seen,
                opened: g.opened.as_deref(),
                now: now(&g.query)?,
            });
        }
        return out::line(serde_json::to_string_pretty(&out_rows).expect("rows serialise"));
    }
    if rows.is_empty() {
        out::line(format_args!(
            "no missed search in {} report(s)",
            reports.len()
        ))?;
    }
    for g in &rows {
        print_gap(g, &now(&g.query)?, &zone)?;
    }
    print_flags(&reports, &engine)
}

fn print_gap(g: &Gap, now: &[String], zone: &dyn Zone) -> Outcome {
    let ended = match g.outcome {
        Ended::NoResults => "no results",
        Ended::Abandoned => "nothing opened",
        Ended::Reformulated => "found only by another query",
    };
    let last = zone.date_of(g.last_seen as i64);
    out::line(format_args!(
        "{:>4}×  {}  ({ended}; {} desk(s), last {last})",
        g.count, g.query, g.desks
    ))?;
    if let Some(card) = &g.opened {
        out::line(format_args!("       opened in the end: {card}"))?;
    }
    match now.is_empty() {
        true => out::line("       the search now: nothing"),
        false => out::line(format_args!("       the search now: {}", now.join(", "))),
    }
}

/// The flags raised on cards, the most flagged first; a version the card no longer has is
/// marked "may be fixed".
fn print_flags(reports: &[Report], engine: &Engine) -> Outcome {
    let rows = flag_rows(reports, |id| engine.card_version(id));
    if rows.is_empty() {
        return Ok(());
    }
    out::line("\nflags:")?;
    for row in &rows {
        let c = &row.flags;
        let versions: Vec<String> = c
            .versions
            .iter()
            .map(|v| match row.is_older(v) {
                true => format!("{v} (may be fixed)"),
                false => v.clone(),
            })
            .collect();
        let kinds: Vec<String> = c
            .kinds
            .iter()
            .map(|(k, n)| format!("{} {n}", k.name()))
            .collect();
        out::line(format_args!(
            "{:>4}×  {}  ({}; versions {})",
            c.total(),
            c.card,
            kinds.join(", "),
            versions.join(", ")
        ))?;
        for note in &c.notes {
            out::line(format_args!("       “{note}”"))?;
        }
    }
    Ok(())
}
