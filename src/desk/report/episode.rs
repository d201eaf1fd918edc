//! One search at the desk, from the first key typed to a card opened or the query given up:
//! `Episodes` turns the search box's events into the few episodes worth an editor's time.

use super::scrub::scrub;
use serde::{Deserialize, Serialize};

/// An episode nobody typed into for this long is over: the operator has moved on.
pub const IDLE_MS: f64 = 60_000.0;

/// The most queries one episode keeps (the oldest go first): a long hunt says what it needs to
/// in its last few tries.
pub const MAX_QUERIES: usize = 8;

/// How a kept episode ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The last query found nothing and no card was opened.
    NoResults,
    /// Results were shown and none was opened.
    Abandoned,
    /// A card was opened, but only after the query changed: the earlier queries missed it.
    Reformulated,
}

/// A finished search worth keeping, its queries scrubbed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Episode {
    /// When the first key was typed, ms since the epoch.
    pub time: f64,
    /// Every distinct query in the order tried (a query typed on letter by letter is one, its
    /// last form); for `Reformulated`, the last one is the query that led to the card.
    pub queries: Vec<String>,
    pub outcome: Outcome,
    /// How many results the last query had.
    pub results: usize,
    /// `Reformulated`: the card finally opened and its rank in the results (1 for the first).
    pub opened: Option<String>,
    pub rank: Option<usize>,
}

/// A query shown for this long counts as tried: the operator had time to read its results.
/// What stood shorter (a word typed on or backspaced over) is only a step of the typing, unless
/// the episode ends on it.
pub const SETTLE_MS: f64 = 1_000.0;

/// The episode being typed, as typed (scrubbed only when it is kept, so that a query's growth
/// letter by letter can still be seen).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ongoing {
    pub started: f64,
    /// The last event's time, for `IDLE_MS` and `SETTLE_MS`.
    pub last: f64,
    /// The queries tried, each shown for `SETTLE_MS` at least.
    pub queries: Vec<String>,
    /// What the box holds now, not yet tried.
    pub typing: String,
    /// How many results `typing` has.
    pub results: usize,
    /// Every name the call held while this was typed: the episode is scrubbed of all of them,
    /// so that a new call (which empties the customer's name) before it ends keeps none. Held
    /// in memory only.
    #[serde(skip)]
    pub names: Vec<String>,
}

impl Ongoing {
    /// `typing` becomes a query tried: one more, or the last one's longer form.
    fn settle(&mut self) {
        let q = std::mem::take(&mut self.typing);
        if q.is_empty() {
            return;
        }
        match self.queries.last_mut() {
            Some(last) if extends(last, &q) => *last = q,
            _ => {
                if self.queries.len() == MAX_QUERIES {
                    self.queries.remove(0);
                }
                self.queries.push(q);
            }
        }
    }
}

#[cfg(test)]
impl Episode {
    /// A search for `query` at `time` that found nothing: the tests' usual entry.
    pub(crate) fn missed(time: f64, query: &str) -> Episode {
        Episode {
            time,
            queries: vec![query.into()],
            outcome: Outcome::NoResults,
            results: 0,
            opened: None,
            rank: None,
        }
    }
}

/// The search box's episodes: fed by its events, each of which may end an episode and hand it
/// back for the report. Plain data, so the desk may keep it across a reload.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Episodes {
    pub ongoing: Option<Ongoing>,
}

/// How opening a card ended the episode going on.
#[derive(Debug, Clone, PartialEq)]
pub enum Ended {
    /// Kept for editors (it missed, or needed a rephrase).
    Kept(Episode),
    /// The card was opened from the first query: only counted (`Log::count_found`), not kept as
    /// text (a search that worked needs no editor, but how often each card is found helps weigh
    /// the rest).
    FoundAtOnce(String),
}

/// Whether `next` only extends `last` (typed on letter by letter), compared without case and
/// with whitespace collapsed.
fn extends(last: &str, next: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(next).starts_with(&norm(last))
}

impl Episodes {
    /// The search box's text after a change (every keystroke may call this), with its number of
    /// results: a text that stood `SETTLE_MS` before the next change was a query tried. An empty
    /// query is `cleared`. Names (the customer's, the operator's) scrub an episode this ends.
    pub fn typed(
        &mut self,
        query: &str,
        results: usize,
        now: f64,
        names: &[&str],
    ) -> Option<Episode> {
        let query = query.trim();
        if query.is_empty() {
            return self.cleared(now, names);
        }
        let ended = self.tick(now, names);
        if let Some(o) = &mut self.ongoing {
            for n in names {
                if !n.trim().is_empty() && !o.names.iter().any(|m| m == n) {
                    o.names.push(n.to_string());
                }
            }
        }
        match &mut self.ongoing {
            Some(o) => {
                if now - o.last >= SETTLE_MS {
                    o.settle();
                }
                o.typing = query.to_string();
                o.results = results;
                o.last = now;
            }
            None => {
                self.ongoing = Some(Ongoing {
                    started: now,
                    last: now,
                    queries: Vec::new(),
                    typing: query.to_string(),
                    results,
                    names: names.iter().map(|n| n.to_string()).collect(),
                })
            }
        }
        ended
    }

    /// A card opened from the results at `rank` (1 for the first). From the first query it is
    /// `FoundAtOnce`; after a changed query the episode is kept as `Reformulated`. A card
    /// opened with no search going (a link) ends nothing.
    pub fn opened(
        &mut self,
        card_id: &str,
        rank: usize,
        now: f64,
        names: &[&str],
    ) -> Option<Ended> {
        if let Some(ended) = self.tick(now, names) {
            return Some(Ended::Kept(ended));
        }
        let mut o = self.ongoing.take()?;
        o.settle();
        if o.queries.len() <= 1 {
            return Some(Ended::FoundAtOnce(card_id.to_string()));
        }
        finish(o, Outcome::Reformulated, Some((card_id, rank)), names).map(Ended::Kept)
    }

    /// The query emptied or Esc pressed: the episode ends without a card.
    pub fn cleared(&mut self, _now: f64, names: &[&str]) -> Option<Episode> {
        let mut o = self.ongoing.take()?;
        o.settle();
        let outcome = if o.results == 0 {
            Outcome::NoResults
        } else {
            Outcome::Abandoned
        };
        finish(o, outcome, None, names)
    }

    /// The clock: an episode idle for `IDLE_MS` ends as given up.
    pub fn tick(&mut self, now: f64, names: &[&str]) -> Option<Episode> {
        match &self.ongoing {
            Some(o) if now - o.last >= IDLE_MS => self.cleared(now, names),
            _ => None,
        }
    }
}

/// The episode as kept: queries scrubbed, those left without a letter by scrubbing dropped (a
/// phone number looked up says nothing about the content; with none left, nothing is kept),
/// and repeats that scrubbing made equal merged.
fn finish(
    o: Ongoing,
    outcome: Outcome,
    opened: Option<(&str, usize)>,
    names: &[&str],
) -> Option<Episode> {
    let seen = o.names.iter().map(String::as_str);
    let names: Vec<&str> = names.iter().copied().chain(seen).collect();
    let mut queries: Vec<String> = Vec::new();
    for q in o.queries.iter().map(|q| scrub(q, &names)) {
        if q.chars().any(char::is_alphabetic) && queries.last() != Some(&q) {
            queries.push(q);
        }
    }
    if queries.is_empty() {
        return None;
    }
    Some(Episode {
        time: o.started,
        queries,
        outcome,
        results: o.results,
        opened: opened.map(|(id, _)| id.to_string()),
        rank: opened.map(|(_, rank)| rank),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: f64 = 1_700_000_000_000.0;

    fn found(card: &str) -> Ended {
        Ended::FoundAtOnce(card.to_string())
    }

    fn kept(ended: Option<Ended>) -> Episode {
        match ended {
            Some(Ended::Kept(e)) => e,
            other => panic!("not kept: {other:?}"),
        }
    }

    #[test]
    fn a_card_opened_from_the_first_query_is_only_counted() {
        let mut e = Episodes::default();
        assert_eq!(e.typed("kh", 9, T, &[]), None);
        assert_eq!(e.typed("khach muon", 4, T + 500.0, &[]), None);
        assert_eq!(e.typed("khach muon gap sep", 1, T + 900.0, &[]), None);
        assert_eq!(
            e.opened("vi-gap-truong-ca", 1, T + 2000.0, &[]),
            Some(found("vi-gap-truong-ca"))
        );
        assert_eq!(e.ongoing, None);
        e.typed("khach muon gap", 2, T + 9000.0, &[]);
        assert_eq!(
            e.opened("vi-gap-truong-ca", 2, T + 9500.0, &[]),
            Some(found("vi-gap-truong-ca"))
        );
    }

    #[test]
    fn a_query_that_found_nothing_and_was_cleared_is_kept_as_no_results() {
        let mut e = Episodes::default();
        e.typed("khách", 12, T, &[]);
        e.typed("khách đòi bồi thường", 0, T + 800.0, &[]);
        let ep = e.cleared(T + 3000.0, &[]).expect("kept");
        assert_eq!(ep.outcome, Outcome::NoResults);
        assert_eq!(ep.queries, ["khách đòi bồi thường"]);
        assert_eq!(ep.time, T);
        assert_eq!(ep.results, 0);
        assert_eq!((ep.opened, ep.rank), (None, None));
        assert_eq!(e.ongoing, None);
    }

    #[test]
    fn results_shown_and_none_opened_is_abandoned() {
        let mut e = Episodes::default();
        e.typed("клиент плачет", 3, T, &[]);
        let ep = e.cleared(T + 5000.0, &[]).expect("kept");
        assert_eq!(ep.outcome, Outcome::Abandoned);
        assert_eq!(ep.results, 3);
    }

    #[test]
    fn an_episode_idle_for_a_minute_ends_on_the_tick() {
        let mut e = Episodes::default();
        e.typed("客户哭了", 0, T, &[]);
        assert_eq!(e.tick(T + IDLE_MS - 1.0, &[]), None);
        let ep = e.tick(T + IDLE_MS, &[]).expect("ended");
        assert_eq!(ep.outcome, Outcome::NoResults);
        assert_eq!(e.tick(T + 2.0 * IDLE_MS, &[]), None);
    }

    #[test]
    fn typing_after_a_long_pause_ends_the_old_episode_and_starts_a_new_one() {
        let mut e = Episodes::default();
        e.typed("khach khoc", 2, T, &[]);
        let old = e
            .typed("khach chui", 0, T + 2.0 * IDLE_MS, &[])
            .expect("ended");
        assert_eq!(old.queries, ["khach khoc"]);
        assert_eq!(old.outcome, Outcome::Abandoned);
        let o = e.ongoing.as_ref().unwrap();
        assert_eq!(
            (o.started, o.typing.as_str()),
            (T + 2.0 * IDLE_MS, "khach chui")
        );
    }

    #[test]
    fn a_card_opened_after_a_changed_query_keeps_every_query_with_the_card_and_rank() {
        let mut e = Episodes::default();
        e.typed("k", 30, T, &[]);
        e.typed("khach muon gap sep", 0, T + 1000.0, &[]);
        e.typed("khach muon gap quan ly", 0, T + 4000.0, &[]);
        e.typed("truong ca", 3, T + 8000.0, &[]);
        let ep = kept(e.opened("vi-gap-truong-ca", 2, T + 9000.0, &[]));
        assert_eq!(ep.outcome, Outcome::Reformulated);
        assert_eq!(
            ep.queries,
            ["khach muon gap sep", "khach muon gap quan ly", "truong ca"]
        );
        assert_eq!(ep.opened.as_deref(), Some("vi-gap-truong-ca"));
        assert_eq!(ep.rank, Some(2));
        assert_eq!(ep.results, 3);
    }

    #[test]
    fn extending_a_query_is_one_query_and_shortening_it_is_another() {
        let mut e = Episodes::default();
        for (i, q) in ["kh", "kha", "khach", "Khach  hang"].iter().enumerate() {
            e.typed(q, 5, T + i as f64 * SETTLE_MS, &[]);
        }
        e.typed("khach", 5, T + 4.0 * SETTLE_MS, &[]);
        assert_eq!(e.ongoing.as_ref().unwrap().queries, ["Khach  hang"]);
        let ep = e.cleared(T + 5.0 * SETTLE_MS, &[]).unwrap();
        assert_eq!(ep.queries, ["Khach hang", "khach"]);
    }

    #[test]
    fn what_stood_less_than_a_second_was_only_typing() {
        let mut e = Episodes::default();
        // Typed, backspaced over and typed again without a pause: one query.
        for (i, q) in [
            "khach muon gap sep",
            "khach muon gap",
            "khach muon gap truong ca",
        ]
        .iter()
        .enumerate()
        {
            e.typed(q, 1, T + i as f64 * 200.0, &[]);
        }
        assert_eq!(
            e.opened("vi-gap-truong-ca", 1, T + 700.0, &[]),
            Some(found("vi-gap-truong-ca"))
        );
        // The same with a pause on the first: it was tried, and missed.
        e.typed("khach muon gap sep", 0, T + 10_000.0, &[]);
        e.typed("khach muon gap", 1, T + 12_000.0, &[]);
        e.typed("khach muon gap truong ca", 1, T + 12_200.0, &[]);
        let ep = kept(e.opened("vi-gap-truong-ca", 1, T + 12_300.0, &[]));
        assert_eq!(
            ep.queries,
            ["khach muon gap sep", "khach muon gap truong ca"]
        );
    }

    #[test]
    fn kept_queries_are_scrubbed_with_the_names_given() {
        let mut e = Episodes::default();
        e.typed("anh Nguyễn Văn An gọi 0901234567", 0, T, &[]);
        let ep = e.cleared(T + 1.0, &["nguyen van an"]).expect("kept");
        assert_eq!(ep.queries, ["anh gọi #"]);
    }

    #[test]
    fn a_name_seen_while_typing_is_scrubbed_after_the_call_moved_on() {
        let mut e = Episodes::default();
        e.typed("chị Hoa muốn gặp sếp", 2, T, &["Trần Thị Hoa", ""]);
        // "New call" emptied the customer's name before the episode ended.
        let ep = e.cleared(T + 5000.0, &["", ""]).expect("kept");
        assert_eq!(ep.queries, ["chị muốn gặp sếp"]);
    }

    #[test]
    fn an_episode_left_empty_by_scrubbing_is_not_kept() {
        let mut e = Episodes::default();
        e.typed("0901234567", 0, T, &[]);
        assert_eq!(e.cleared(T + 1.0, &[]), None);
        e.typed("Иван Петров", 0, T, &[]);
        assert_eq!(e.cleared(T + 1.0, &["Иван Петров"]), None);
    }

    #[test]
    fn a_card_opened_after_a_minute_idle_ends_the_old_episode_and_counts_nothing() {
        let mut e = Episodes::default();
        e.typed("khach khoc", 0, T, &[]);
        let ep = kept(e.opened("vi-a", 1, T + IDLE_MS, &[]));
        assert_eq!(ep.outcome, Outcome::NoResults);
        assert_eq!(ep.opened, None);
        assert_eq!(e.ongoing, None);
    }

    #[test]
    fn an_open_without_a_search_going_ends_nothing() {
        let mut e = Episodes::default();
        assert_eq!(e.opened("vi-gap-truong-ca", 1, T, &[]), None);
        assert_eq!(e.cleared(T, &[]), None);
    }

    #[test]
    fn an_empty_query_clears() {
        let mut e = Episodes::default();
        e.typed("xin chào", 0, T, &[]);
        let ep = e.typed("  ", 0, T + 1.0, &[]).expect("kept");
        assert_eq!(ep.outcome, Outcome::NoResults);
    }

    #[test]
    fn a_long_hunt_keeps_its_last_queries() {
        let mut e = Episodes::default();
        for i in 0..MAX_QUERIES + 3 {
            e.typed(&format!("q{i}x"), 1, T + i as f64 * SETTLE_MS, &[]);
        }
        let ep = e.cleared(T + 100.0 * SETTLE_MS, &[]).unwrap();
        assert_eq!(ep.queries.len(), MAX_QUERIES);
        assert_eq!(
            ep.queries.last().unwrap(),
            &format!("q{}x", MAX_QUERIES + 2)
        );
    }

    #[test]
    fn episodes_survive_a_round_trip_through_json() {
        let mut e = Episodes::default();
        e.typed("khach", 1, T, &[]);
        let back: Episodes = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
        let ep = Episode {
            time: T,
            queries: vec!["a".into()],
            outcome: Outcome::NoResults,
            results: 0,
            opened: None,
            rank: None,
        };
        let json = serde_json::to_string(&ep).unwrap();
        assert!(json.contains("\"outcome\":\"no_results\""), "{json}");
    }
}
