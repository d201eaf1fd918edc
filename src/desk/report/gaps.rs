//! Many desks' reports merged for editors: which situations operators searched for and did not
//! find (`gaps`), and what they said about each card (`flags_by_card`).

use super::episode::{Episode, Outcome};
use super::flag::FlagKind;
use super::format::Report;
use crate::text::words;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Searches for one situation that missed, however they were spelled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The spelling typed most often.
    pub query: String,
    /// Episodes in which it missed.
    pub count: u32,
    /// How those episodes ended most often.
    pub outcome: Outcome,
    /// How many desks it came from (by their `desk` name; a report without one counts as a desk
    /// of its own).
    pub desks: usize,
    /// The latest episode's time, ms since the epoch.
    pub last_seen: f64,
    /// For episodes that ended on a card after all, the card opened most often.
    pub opened: Option<String>,
}

/// Everything said about one card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardFlags {
    pub card: String,
    /// How many flags of each kind.
    pub kinds: BTreeMap<FlagKind, u32>,
    /// The notes that say something, newest first.
    pub notes: Vec<String>,
    /// The card versions flagged, sorted.
    pub versions: Vec<String>,
    pub last_seen: f64,
}

impl CardFlags {
    pub fn total(&self) -> u32 {
        self.kinds.values().sum()
    }
}

/// A query as the search reads it, so that spellings of one situation meet: the engine's folded
/// form (`text::Form::Folded`: accents and case gone, Russian stemmed, Chinese by character),
/// with an abbreviation counted as the words it stands for ("KH" as "khach hang").
pub fn analysed(query: &str) -> String {
    words(query)
        .iter()
        .flat_map(|w| w.folded.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The queries of an episode that missed: all of them, but for `Reformulated` the last, which
/// found the card.
fn missed(e: &Episode) -> &[String] {
    match e.outcome {
        Outcome::Reformulated => &e.queries[..e.queries.len().saturating_sub(1)],
        Outcome::NoResults | Outcome::Abandoned => &e.queries,
    }
}

/// The most frequent of `counts`, ties to the first in the map's order.
fn most<K: Clone + Ord>(counts: &BTreeMap<K, u32>) -> Option<K> {
    let best = counts.values().copied().max()?;
    counts
        .iter()
        .find(|(_, &n)| n == best)
        .map(|(k, _)| k.clone())
}

#[derive(Default)]
struct Group {
    spellings: BTreeMap<String, u32>,
    outcomes: BTreeMap<Outcome, u32>,
    opened: BTreeMap<String, u32>,
    desks: BTreeSet<String>,
    count: u32,
    last_seen: f64,
}

/// Which desk a report is: its `desk` name, else (an older export) its place in the list.
pub(crate) fn desk_of(report: &Report, place: usize) -> String {
    match report.desk.as_str() {
        "" => format!("#{place}"),
        name => name.to_string(),
    }
}

/// The missed searches of every report, grouped by `analysed` form; the most frequent first,
/// then the most recent. An episode counts once per group even when several of its queries fall
/// in it, and an episode read twice (the same report imported again) counts once.
pub fn gaps(reports: &[Report]) -> Vec<Gap> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut seen: HashSet<(u64, Vec<String>)> = HashSet::new();
    for (desk, report) in reports.iter().enumerate() {
        for e in &report.episodes {
            if !seen.insert((e.time.to_bits(), e.queries.clone())) {
                continue;
            }
            let mut counted: HashSet<String> = HashSet::new();
            for q in missed(e) {
                let key = analysed(q);
                if key.is_empty() {
                    continue;
                }
                let g = groups.entry(key.clone()).or_default();
                *g.spellings.entry(q.clone()).or_default() += 1;
                if !counted.insert(key) {
                    continue;
                }
                g.count += 1;
                *g.outcomes.entry(e.outcome).or_default() += 1;
                if let Some(card) = &e.opened {
                    *g.opened.entry(card.clone()).or_default() += 1;
                }
                g.desks.insert(desk_of(report, desk));
                g.last_seen = if g.count == 1 {
                    e.time
                } else {
                    g.last_seen.max(e.time)
                };
            }
        }
    }
    let mut out: Vec<Gap> = groups
        .into_values()
        .filter_map(|g| {
            Some(Gap {
                query: most(&g.spellings)?,
                count: g.count,
                outcome: most(&g.outcomes)?,
                desks: g.desks.len(),
                last_seen: g.last_seen,
                opened: most(&g.opened),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.last_seen.total_cmp(&a.last_seen))
            .then_with(|| a.query.cmp(&b.query))
    });
    out
}

/// The flags of every report by card, the most flagged first (then by id). A flag read twice
/// counts once.
pub fn flags_by_card(reports: &[Report]) -> Vec<CardFlags> {
    let mut cards: BTreeMap<String, CardFlags> = BTreeMap::new();
    let mut notes: BTreeMap<String, Vec<(f64, String)>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for f in reports.iter().flat_map(|r| &r.flags) {
        if !seen.insert((f.time.to_bits(), &f.card, f.kind, &f.note)) {
            continue;
        }
        let c = cards.entry(f.card.clone()).or_insert_with(|| CardFlags {
            card: f.card.clone(),
            kinds: BTreeMap::new(),
            notes: Vec::new(),
            versions: Vec::new(),
            last_seen: f.time,
        });
        *c.kinds.entry(f.kind).or_default() += 1;
        if !c.versions.contains(&f.card_version) {
            c.versions.push(f.card_version.clone());
        }
        c.last_seen = c.last_seen.max(f.time);
        if !f.note.is_empty() {
            notes
                .entry(f.card.clone())
                .or_default()
                .push((f.time, f.note.clone()));
        }
    }
    let mut out: Vec<CardFlags> = cards
        .into_values()
        .map(|mut c| {
            c.versions.sort();
            let mut n = notes.remove(&c.card).unwrap_or_default();
            n.sort_by(|a, b| b.0.total_cmp(&a.0));
            c.notes = n.into_iter().map(|(_, text)| text).collect();
            c
        })
        .collect();
    out.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.card.cmp(&b.card)));
    out
}

#[cfg(test)]
#[path = "gaps_tests.rs"]
mod tests;
