//! The loading of the languages' index blobs as plain state and transitions: which loads may
//! start, what a finished one does to the engine, retry rounds, late outcomes, failures that
//! stick until the operator retries. `app` only runs the fetches and shows the state.

pub mod order;

use crate::content::Lang;
use crate::search::{Engine, Part};
use std::sync::Arc;

/// Why the index could not be opened, as the operator is told.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadProblem {
    /// The file arrived but is not this build's (damaged in transit or on the host).
    Damaged,
    /// Anything else (network, HTTP status, an unreadable blob), with the detail.
    Other(String),
}

/// The engine as the views see it.
#[derive(Clone)]
pub enum LoadState {
    Loading,
    /// At least one language is open; the others join as they arrive.
    Ready(Arc<Engine>),
    Failed(LoadProblem),
}

/// The same engine (not an equal one): what a `Memo` needs to notice a language joining.
impl PartialEq for LoadState {
    fn eq(&self, other: &LoadState) -> bool {
        match (self, other) {
            (LoadState::Loading, LoadState::Loading) => true,
            (LoadState::Ready(a), LoadState::Ready(b)) => Arc::ptr_eq(a, b),
            (LoadState::Failed(a), LoadState::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// What a view switches on: unlike `LoadState`, it does not change when another language's
/// index joins the engine, so a view built on it is not rebuilt then (no focus stolen).
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Loading,
    Ready,
    Failed(LoadProblem),
}

impl LoadState {
    pub fn status(&self) -> Status {
        match self {
            LoadState::Loading => Status::Loading,
            LoadState::Ready(_) => Status::Ready,
            LoadState::Failed(p) => Status::Failed(p.clone()),
        }
    }

    pub fn engine(&self) -> Option<&Arc<Engine>> {
        match self {
            LoadState::Ready(e) => Some(e),
            _ => None,
        }
    }
}

/// A load that was started: its outcome is applied only if no retry came in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub lang: Lang,
    round: u32,
}

/// What applying a load's outcome did, for the marks and the page benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// A retry came after it started: ignored (a late failure would hide the retry's success).
    Stale,
    /// The language joined the engine; `first` when it is the first one open.
    Opened { first: bool },
    /// The page now shows the failure (or already did).
    Failed,
}

/// The index loading of one page.
#[derive(Debug, Clone)]
pub struct IndexLoad {
    /// The languages this build has an index for (the page's `<meta name="cuecard-index">`).
    available: Vec<Lang>,
    /// Fetched before the first answer (`order::first`), fixed at start.
    first: Vec<Lang>,
    /// Bumped by a retry: loads started before it are `Stale` when they end.
    round: u32,
    /// Being fetched or opened now.
    in_flight: Vec<Lang>,
    /// Failed since the last retry: a retry fetches them again, past every cache.
    failed: Vec<Lang>,
    state: LoadState,
}

impl std::fmt::Debug for LoadState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadState::Loading => f.write_str("Loading"),
            LoadState::Ready(e) => write!(f, "Ready({:?})", e.langs()),
            LoadState::Failed(p) => write!(f, "Failed({p:?})"),
        }
    }
}

impl IndexLoad {
    /// A page whose build has indexes for `available`; `filter` and `ui` choose the first ones.
    pub fn new(available: Vec<Lang>, filter: Option<Lang>, ui: Option<Lang>) -> IndexLoad {
        let state = if available.is_empty() {
            LoadState::Failed(LoadProblem::Other(
                "this page names no index (<meta name=\"cuecard-index\">)".into(),
            ))
        } else {
            LoadState::Loading
        };
        IndexLoad {
            first: order::first(&available, filter, ui),
            available,
            round: 0,
            in_flight: Vec::new(),
            failed: Vec::new(),
            state,
        }
    }

    pub fn state(&self) -> &LoadState {
        &self.state
    }

    pub fn available(&self) -> &[Lang] {
        &self.available
    }

    pub fn first(&self) -> &[Lang] {
        &self.first
    }

    /// Languages being fetched or opened now ("still loading …").
    pub fn in_flight(&self) -> &[Lang] {
        &self.in_flight
    }

    /// Every language the build has is open.
    pub fn all_open(&self) -> bool {
        self.state
            .engine()
            .is_some_and(|e| e.langs().len() >= self.available.len())
    }

    /// The languages to load now and after the first answer, for what the page shows:
    /// `missing` when a procedure asked for (a link, the restored call's) is in none open.
    pub fn wanted(&self, filter: Option<Lang>, missing: bool) -> order::Wanted {
        let any_open = self.state.engine().is_some();
        order::wanted(&self.available, &self.first, filter, any_open, missing)
    }

    /// Starts loading `lang`, unless it is open or on its way already, or the page shows a
    /// failure (nothing loads then until the operator retries).
    pub fn begin(&mut self, lang: Lang) -> Option<Ticket> {
        let open = match &self.state {
            LoadState::Ready(e) => e.langs().contains(&lang),
            LoadState::Loading => false,
            LoadState::Failed(_) => true,
        };
        if open || self.in_flight.contains(&lang) {
            return None;
        }
        self.in_flight.push(lang);
        Some(Ticket {
            lang,
            round: self.round,
        })
    }

    /// Whether the outcome of `ticket` would still be applied (the fetch may stop early).
    pub fn is_current(&self, ticket: Ticket) -> bool {
        ticket.round == self.round
    }

    /// Applies a finished load: the language joins the engine, or the failure is shown (and
    /// stays until a retry, even when other languages open later).
    pub fn finish(&mut self, ticket: Ticket, outcome: Result<Arc<Part>, LoadProblem>) -> Applied {
        if !self.is_current(ticket) {
            return Applied::Stale;
        }
        let lang = ticket.lang;
        self.in_flight.retain(|l| *l != lang);
        let outcome = outcome.and_then(|part| {
            if part.lang() == lang {
                Ok(part)
            } else {
                // (Else the page would ask for this language again and again.)
                Err(LoadProblem::Other(format!(
                    "the {} index holds {}",
                    lang.code(),
                    part.lang().code()
                )))
            }
        });
        let part = match outcome {
            Ok(part) => part,
            Err(problem) => {
                self.failed.push(lang);
                self.fail(problem);
                return Applied::Failed;
            }
        };
        if matches!(self.state, LoadState::Failed(_)) {
            return Applied::Failed;
        }
        let first = self.state.engine().is_none();
        let engine = match &self.state {
            LoadState::Ready(e) => e.with(part),
            _ => Engine::from_parts(vec![part]),
        };
        match engine {
            Ok(e) => {
                self.state = LoadState::Ready(Arc::new(e));
                Applied::Opened { first }
            }
            Err(e) => {
                self.fail(LoadProblem::Other(e.to_string()));
                Applied::Failed
            }
        }
    }

    /// Shows `problem` (a search that failed on an open engine too); the first failure stays.
    pub fn fail(&mut self, problem: LoadProblem) {
        if !matches!(self.state, LoadState::Failed(_)) {
            self.state = LoadState::Failed(problem);
        }
    }

    /// Starts over after a failure: a new round (loads under way are left to finish unheard),
    /// and the languages to fetch again past every cache: the first ones and those that failed.
    pub fn retry(&mut self) -> Vec<Ticket> {
        let mut again = self.first.clone();
        again.extend(self.failed.iter().filter(|f| !self.first.contains(f)));
        self.round += 1;
        self.failed.clear();
        self.in_flight.clear();
        self.state = LoadState::Loading;
        again.into_iter().filter_map(|l| self.begin(l)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::build_blobs;
    use std::path::Path;
    use std::sync::OnceLock;
    use Lang::*;

    /// The real content's blobs, opened once per language.
    fn part(lang: Lang) -> Arc<Part> {
        static PARTS: OnceLock<Vec<Arc<Part>>> = OnceLock::new();
        PARTS
            .get_or_init(|| {
                let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
                let procs = crate::content::load_dir(&root).unwrap();
                build_blobs(&procs, &crate::content::Synonyms::default())
                    .unwrap()
                    .into_iter()
                    .map(|b| Arc::new(Part::open(b.bytes).unwrap()))
                    .collect()
            })
            .iter()
            .find(|p| p.lang() == lang)
            .unwrap()
            .clone()
    }

    fn open_langs(l: &IndexLoad) -> Vec<Lang> {
        l.state().engine().map(|e| e.langs()).unwrap_or_default()
    }

    #[test]
    fn a_vietnamese_desk_loads_vietnamese_first_and_the_rest_after_the_first_answer() {
        let mut l = IndexLoad::new(vec![Vi, Zh, Ru], None, Some(Vi));
        assert_eq!(l.first(), [Vi]);
        let w = l.wanted(None, false);
        assert_eq!((w.now, w.after_first_answer), (vec![Vi], vec![]));
        let t = l.begin(Vi).unwrap();
        assert_eq!(l.begin(Vi), None, "on its way already");
        assert_eq!(l.in_flight(), [Vi]);
        assert_eq!(l.state().status(), Status::Loading);
        assert_eq!(l.finish(t, Ok(part(Vi))), Applied::Opened { first: true });
        assert_eq!(l.state().status(), Status::Ready);
        assert!(l.in_flight().is_empty());
        assert_eq!(l.begin(Vi), None, "open already");
        let w = l.wanted(None, false);
        assert_eq!(w.after_first_answer, vec![Zh, Ru]);
        for lang in w.after_first_answer {
            let t = l.begin(lang).unwrap();
            assert_eq!(
                l.finish(t, Ok(part(lang))),
                Applied::Opened { first: false }
            );
        }
        assert_eq!(open_langs(&l), [Vi, Zh, Ru]);
        assert!(l.all_open());
    }

    #[test]
    fn a_language_joining_changes_the_state_but_not_the_status() {
        let mut l = IndexLoad::new(vec![Vi, Zh], None, Some(Vi));
        let t = l.begin(Vi).unwrap();
        l.finish(t, Ok(part(Vi)));
        let before = l.state().clone();
        let t = l.begin(Zh).unwrap();
        l.finish(t, Ok(part(Zh)));
        assert!(
            before != *l.state(),
            "a Memo of the state sees the new engine"
        );
        assert_eq!(before.status(), l.state().status());
    }

    #[test]
    fn a_failure_sticks_until_retry_and_a_retry_refetches_what_failed() {
        let mut l = IndexLoad::new(vec![Vi, Zh, Ru], None, None);
        assert_eq!(l.first(), [Vi, Zh, Ru], "an English desk needs all first");
        let tickets: Vec<Ticket> = [Vi, Zh, Ru].map(|x| l.begin(x).unwrap()).to_vec();
        assert_eq!(
            l.finish(tickets[1], Err(LoadProblem::Damaged)),
            Applied::Failed
        );
        assert_eq!(l.state().status(), Status::Failed(LoadProblem::Damaged));
        // A later success does not hide the failure, and nothing new starts.
        assert_eq!(l.finish(tickets[0], Ok(part(Vi))), Applied::Failed);
        assert_eq!(l.state().status(), Status::Failed(LoadProblem::Damaged));
        assert_eq!(l.begin(Ru), None);
        let again = l.retry();
        assert_eq!(
            again.iter().map(|t| t.lang).collect::<Vec<_>>(),
            [Vi, Zh, Ru]
        );
        assert_eq!(l.state().status(), Status::Loading);
        // The old round's last load ends late: ignored.
        assert_eq!(
            l.finish(tickets[2], Err(LoadProblem::Other("late".into()))),
            Applied::Stale
        );
        assert_eq!(l.state().status(), Status::Loading);
        for t in again {
            assert!(matches!(
                l.finish(t, Ok(part(t.lang))),
                Applied::Opened { .. }
            ));
        }
        assert_eq!(open_langs(&l), [Vi, Zh, Ru]);
    }

    #[test]
    fn a_retry_fetches_the_first_languages_and_a_failed_later_one() {
        let mut l = IndexLoad::new(vec![Vi, Zh, Ru], None, Some(Vi));
        let t = l.begin(Vi).unwrap();
        l.finish(t, Ok(part(Vi)));
        let t = l.begin(Ru).unwrap();
        l.finish(t, Err(LoadProblem::Other("HTTP 404".into())));
        assert_eq!(
            l.retry().iter().map(|t| t.lang).collect::<Vec<_>>(),
            [Vi, Ru]
        );
    }

    #[test]
    fn a_blob_of_another_language_is_a_failure_not_an_endless_refetch() {
        let mut l = IndexLoad::new(vec![Vi, Zh], None, Some(Vi));
        let t = l.begin(Vi).unwrap();
        assert_eq!(l.finish(t, Ok(part(Zh))), Applied::Failed);
        assert_eq!(
            l.state().status(),
            Status::Failed(LoadProblem::Other("the vi index holds zh".into()))
        );
        assert_eq!(l.begin(Vi), None);
    }

    #[test]
    fn a_link_into_another_language_brings_it_and_a_filter_brings_only_its_own() {
        let mut l = IndexLoad::new(vec![Vi, Zh, Ru], Some(Ru), Some(Vi));
        assert_eq!(l.first(), [Ru]);
        let t = l.begin(Ru).unwrap();
        l.finish(t, Ok(part(Ru)));
        let w = l.wanted(Some(Ru), false);
        assert_eq!((w.now, w.after_first_answer), (vec![Ru], vec![]));
        let w = l.wanted(Some(Ru), true);
        assert_eq!(w.now, vec![Vi, Zh, Ru], "a procedure in none of those open");
    }

    #[test]
    fn a_page_naming_no_index_says_so() {
        let l = IndexLoad::new(vec![], None, Some(Vi));
        assert!(
            matches!(l.state().status(), Status::Failed(LoadProblem::Other(m)) if m.contains("names no index"))
        );
    }

    #[test]
    fn a_search_failure_on_an_open_engine_is_shown_once() {
        let mut l = IndexLoad::new(vec![Vi], None, Some(Vi));
        let t = l.begin(Vi).unwrap();
        l.finish(t, Ok(part(Vi)));
        l.fail(LoadProblem::Other("first".into()));
        l.fail(LoadProblem::Other("second".into()));
        assert_eq!(
            l.state().status(),
            Status::Failed(LoadProblem::Other("first".into()))
        );
    }
}
