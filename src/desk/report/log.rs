//! What one desk keeps for editors between exports: the episodes and flags already scrubbed,
//! the count of cards found at once, which of them a collector has had, and how long each may
//! stay. One value shared by every tab of a deployment (`storage::Kept`), so it merges.

use super::episode::Episode;
use super::flag::Flag;
use super::format::FORMAT;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most episodes and flags kept (the oldest go first): a desk's storage is small and shared
/// with the callbacks, and an editor needs the pattern, not every instance.
pub const MAX_EPISODES: usize = 500;
pub const MAX_FLAGS: usize = 200;

/// One episode or flag as kept: as its JSON already (`format`'s), so that the page stores and
/// exports it without reading it back (the desk's first load carries no code to parse it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// When it was kept (ms since the epoch): its lifetime counts from here.
    pub at: f64,
    /// The episode's or flag's own time, for the span the export covers.
    pub time: f64,
    pub json: String,
}

/// The desk's record, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Log {
    pub episodes: Vec<Entry>,
    pub flags: Vec<Entry>,
    /// Cards opened from the first query, counted since `counting_since` (0: nothing counted).
    pub found: BTreeMap<String, u32>,
    /// Of `found`, how many a collector has had.
    pub found_sent: BTreeMap<String, u32>,
    pub counting_since: f64,
    /// When "Clear all" last ran: what was kept before it is gone in every tab, even in one
    /// that still holds a copy.
    pub cleared: f64,
    /// The desk as its reports name it (`desk`): random, made once (`name_desk`), so that a
    /// collector's many batches from one desk count as one desk. It names no one, and "Clear
    /// all" keeps it.
    pub desk: String,
    /// A collector has had every entry kept before this time (`mark_sent`); one number for
    /// all, so that a tab's copy says what went with a comparison, and tabs merge by the later.
    pub sent_until: f64,
}

/// An entry kept less than this long ago waits for the next batch: another tab may have kept
/// one at that moment and not yet written it where this tab reads.
pub const SETTLE_MS: f64 = 1_000.0;

/// What `Log::outbox` hands to a collector, and what `mark_sent` then marks.
///
/// A collector whose answer was lost (the tab closed while the request was on its way) gets
/// the same lines again: a line is the same bytes each time it is sent, so a collector that
/// must never count one twice drops repeats of (`desk`, `kind`, `time`).
#[derive(Debug, Clone, PartialEq)]
pub struct Outbox {
    /// The entries as JSON Lines (`format`), counts as what was added since the last batch.
    pub body: String,
    /// The body holds every entry kept from `sent_until` to this time.
    until: f64,
    found: Vec<(String, u32)>,
}

/// Keeps the newest `max` entries.
fn cap(entries: &mut Vec<Entry>, max: usize) {
    if entries.len() > max {
        entries.sort_by(|a, b| a.at.total_cmp(&b.at));
        entries.drain(..entries.len() - max);
    }
}

/// Takes in another copy's entries: one of each.
fn union(ours: &mut Vec<Entry>, theirs: &[Entry]) {
    for t in theirs {
        if !ours.iter().any(|o| o.at == t.at && o.json == t.json) {
            ours.push(t.clone());
        }
    }
    ours.sort_by(|a, b| a.at.total_cmp(&b.at));
}

fn entry(at: f64, time: f64, item: &impl Serialize) -> Entry {
    Entry {
        at,
        time,
        json: serde_json::to_string(item).expect("an entry serialises"),
    }
}

/// `value` as JSON text (a string escaped, a map written out).
fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("serialises")
}

/// A JSON Lines entry: the object `json` with `"kind":kind` and `"desk":desk` in front (each
/// line says whose it is: a collector may interleave several desks' batches).
fn line(kind: &str, desk: &str, json: &str) -> String {
    let rest = json.strip_prefix('{').unwrap_or(json);
    let comma = if rest.starts_with('}') { "" } else { "," };
    format!(
        "{{\"kind\":\"{kind}\",\"desk\":{}{comma}{rest}\n",
        self::json(&desk)
    )
}

impl Log {
    /// Episodes and flags kept, for the export's button.
    pub fn len(&self) -> usize {
        self.episodes.len() + self.flags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0 && self.found.is_empty()
    }

    /// The first and last time the entries speak of.
    pub fn span(&self) -> Option<(f64, f64)> {
        let times = self.episodes.iter().chain(&self.flags).map(|e| e.time);
        times.fold(None, |span, t| match span {
            None => Some((t, t)),
            Some((a, b)) => Some((f64::min(a, t), f64::max(b, t))),
        })
    }

    /// When an entry kept `now` counts as kept: a whole millisecond (an entry's identity, with
    /// its JSON: serde_json reads some fractional numbers back one bit off, and a tab's copy read
    /// from storage would then hold it twice), never before what was sent (a clock set back must
    /// not hide it from the collector).
    fn kept_at(&self, now: f64) -> f64 {
        now.floor().max(self.sent_until)
    }

    pub fn keep_episode(&mut self, e: Episode, now: f64) {
        self.episodes.push(entry(self.kept_at(now), e.time, &e));
        cap(&mut self.episodes, MAX_EPISODES);
    }

    pub fn keep_flag(&mut self, f: Flag, now: f64) {
        self.flags.push(entry(self.kept_at(now), f.time, &f));
        cap(&mut self.flags, MAX_FLAGS);
    }

    /// A card opened from the first query: counted, its query not kept.
    pub fn count_found(&mut self, card: &str, now: f64) {
        if self.counting_since == 0.0 {
            self.counting_since = now;
        }
        *self.found.entry(card.to_string()).or_default() += 1;
    }

    /// "Clear all": nothing is left, and no tab brings it back.
    pub fn clear(&mut self, now: f64) {
        *self = Log {
            cleared: now,
            desk: std::mem::take(&mut self.desk),
            sent_until: self.sent_until,
            ..Log::default()
        };
    }

    /// Names the desk once, from `random` in [0, 1) (the page's `Math.random`).
    pub fn name_desk(&mut self, random: f64) {
        if self.desk.is_empty() {
            self.desk = format!("{:012x}", (random * 2f64.powi(48)) as u64);
        }
    }

    /// Drops what is older than `lifetime_ms` (all of it when the lifetime is 0: recording is
    /// off) and what a "Clear all" in any tab removed. Counts go all at once when their period
    /// is over, since they carry no times of their own.
    pub fn tidy(&mut self, now: f64, lifetime_ms: f64) {
        if lifetime_ms <= 0.0 {
            self.clear(self.cleared);
            return;
        }
        let cutoff = (now - lifetime_ms).max(self.cleared);
        // An entry that is not an object (storage damaged, another build) would make the whole
        // export unreadable: it goes. (Its shape, not a parse: the page carries no reader for
        // entries, and this writer's output is always whole.)
        let keep = |e: &Entry| e.at > cutoff && e.json.starts_with('{') && e.json.ends_with('}');
        self.episodes.retain(keep);
        self.flags.retain(keep);
        if self.counting_since != 0.0 && self.counting_since <= cutoff {
            self.found.clear();
            self.found_sent.clear();
            self.counting_since = 0.0;
        }
    }

    /// Takes in another tab's copy: entries united, counts the larger of the two for the same
    /// period (a count only grows), the later "Clear all", then the lifetime applied.
    pub fn merge(&mut self, theirs: &Log, now: f64, lifetime_ms: f64) {
        self.cleared = self.cleared.max(theirs.cleared);
        self.sent_until = self.sent_until.max(theirs.sent_until);
        // Two tabs that named the desk at once agree on the smaller name.
        if self.desk.is_empty() || (!theirs.desk.is_empty() && theirs.desk < self.desk) {
            self.desk.clone_from(&theirs.desk);
        }
        union(&mut self.episodes, &theirs.episodes);
        union(&mut self.flags, &theirs.flags);
        let counted = |l: &Log| l.counting_since > self.cleared;
        if counted(theirs) {
            if !counted(self) {
                self.found.clear();
                self.found_sent.clear();
                self.counting_since = theirs.counting_since;
            }
            self.counting_since = self.counting_since.min(theirs.counting_since);
            for (mine, other) in [
                (&mut self.found, &theirs.found),
                (&mut self.found_sent, &theirs.found_sent),
            ] {
                for (card, &n) in other {
                    let m = mine.entry(card.clone()).or_default();
                    *m = (*m).max(n);
                }
            }
        }
        cap(&mut self.episodes, MAX_EPISODES);
        cap(&mut self.flags, MAX_FLAGS);
        self.tidy(now, lifetime_ms);
    }

    /// The time the report covers: from its first entry (or the start of the counting) to now.
    fn from(&self, now: f64) -> f64 {
        let starts = self.span().map(|(a, _)| a).into_iter();
        let counting = (self.counting_since > 0.0).then_some(self.counting_since);
        starts.chain(counting).fold(now, f64::min)
    }

    /// The fields of a report but its entries, as JSON without the braces.
    fn header(&self, site_version: &str, ui_lang: &str, now: f64) -> String {
        format!(
            "\"format\":{FORMAT},\"desk\":{},\"site_version\":{},\"ui_lang\":{},\"from\":{},\"to\":{now}",
            json(&self.desk),
            json(&site_version),
            json(&ui_lang),
            self.from(now),
        )
    }

    /// The export, one report in `format`'s JSON (compact: the page indents it for people).
    pub fn report_json(&self, site_version: &str, ui_lang: &str, now: f64) -> String {
        let list = |entries: &[Entry]| {
            let items: Vec<&str> = entries.iter().map(|e| e.json.as_str()).collect();
            format!("[{}]", items.join(","))
        };
        format!(
            "{{{},\"episodes\":{},\"flags\":{},\"found_first_try\":{}}}",
            self.header(site_version, ui_lang, now),
            list(&self.episodes),
            list(&self.flags),
            json(&self.found),
        )
    }

    /// What a collector has not had yet, as JSON Lines: every entry kept from `sent_until` to
    /// `SETTLE_MS` ago, and the counts added since the last batch; `None` when there is nothing
    /// new.
    pub fn outbox(&self, site_version: &str, ui_lang: &str, now: f64) -> Option<Outbox> {
        let until = (now - SETTLE_MS).floor();
        let header = self.header(site_version, ui_lang, now);
        let mut body = format!("{{\"kind\":\"report\",{header}}}\n");
        let mut found = Vec::new();
        for (card, &n) in &self.found {
            let added = n.saturating_sub(self.found_sent.get(card).copied().unwrap_or(0));
            if added > 0 {
                let count = format!("{{\"card\":{},\"count\":{added}}}", json(card));
                body.push_str(&line("found", &self.desk, &count));
                found.push((card.clone(), added));
            }
        }
        let mut any = !found.is_empty();
        for (kind, entries) in [("episode", &self.episodes), ("flag", &self.flags)] {
            for e in entries {
                if e.at >= self.sent_until && e.at < until {
                    body.push_str(&line(kind, &self.desk, &e.json));
                    any = true;
                }
            }
        }
        any.then_some(Outbox { body, until, found })
    }

    /// The collector took `sent`: what it held counts as sent, so that none goes twice (what
    /// was kept meanwhile waits for the next batch).
    pub fn mark_sent(&mut self, sent: &Outbox) {
        self.sent_until = self.sent_until.max(sent.until);
        for (card, n) in &sent.found {
            *self.found_sent.entry(card.clone()).or_default() += n;
        }
    }
}

#[cfg(test)]
#[path = "log_tests.rs"]
mod tests;
