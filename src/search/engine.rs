//! Opens the languages' blobs (natively or in the page) and answers free-text queries over them.
//! Queries are built term by term from the analyzer, never parsed: no text can be a syntax error.

use super::error::SearchError;
use super::schema::{Fields, Zone, FORMS, ZONES};
use super::snippet::{best_snippet, Lines, Matcher, Snippet};
use super::synonyms::Groups;
use super::understand::{
    self, latin_keys_as_russian, pinyin_syllables, russian_keys_as_latin, sort_short,
    transliterations, vietnamese_keys,
};
use crate::content::validity::{self, Date, Standing};
use crate::content::Synonyms;
use crate::content::{Lang, Procedure};
use crate::text::{fold_latin, weighted_terms, words, Form, Script, Word};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

// How a query is read besides as typed (another layout, transliteration, pinyin, synonyms).
mod part;
mod reading;
pub use part::{card_version, Part};
use reading::{Reading, CONVERTED};

/// One search result: enough to show the result line and open the procedure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub lang: Lang,
    pub category: String,
    pub score: f32,
    pub snippet: Snippet,
    /// Its last day, when that is within a week of the moment searched at ("until 31/12").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends: Option<Date>,
}

/// The desk's moment: now (Unix ms) and the zone its days are judged in. Cards not in force
/// then are not offered.
#[derive(Clone, Copy)]
pub struct At<'a> {
    pub now: i64,
    pub zone: &'a dyn validity::Zone,
}

impl At<'_> {
    /// Where `p` stands at this moment.
    pub fn standing(&self, p: &Procedure) -> Standing {
        p.valid.standing(self.now, self.zone)
    }
}

/// A card that matched better than anything offered but is not in force: the desk says so in
/// one line instead of finding nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotInForce {
    pub id: String,
    pub title: String,
    #[serde(skip)]
    pub standing: Standing,
}

/// A search's answer: the hits, and what was searched when part of the query matched only as
/// read another way (the other keyboard layout, Russian in Latin letters, pinyin, a synonym):
/// "клиент угрожает" for "rkbtyn euhj;ftn". The page and `kb search` show it, so the operator
/// sees they were understood.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub searched_as: Option<String>,
    /// The best match not in force at the moment searched, when it ranked above every hit.
    pub not_in_force: Option<NotInForce>,
}

/// The loaded languages' indexes, searched as one: BM25 counts documents and terms over all of
/// them, so with every language loaded a query ranks exactly as in one index of everything.
#[derive(Clone)]
pub struct Engine {
    /// In `Lang::ALL` order, at most one per language; never empty.
    parts: Vec<Arc<Part>>,
    /// The synonym groups the parts carry, analysed once.
    groups: Arc<Groups>,
}

/// Document and term counts summed over several indexes (tantivy asks them of one searcher).
struct Stats<'a>(&'a [Searcher]);

impl Bm25StatisticsProvider for Stats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.0.iter().map(|s| s.total_num_tokens(field)).sum()
    }
    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.0.iter().map(|s| s.total_num_docs()).sum()
    }
    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.0
            .iter()
            .map(|s| Bm25StatisticsProvider::doc_freq(s, term))
            .sum()
    }
}

/// What a query looks for, the same in every part (`Engine::query_terms`).
struct QueryTerms {
    /// Each form's distinct terms with their weights, the heaviest first.
    forms: Vec<(Form, Vec<(String, f32)>)>,
    /// Folded words in no loaded dictionary, with the edits allowed and their weight.
    fuzzy: Vec<(String, u8, f32)>,
    /// The word still being typed.
    prefix: Option<String>,
    /// Converted words matched as prefixes (`Reading::begun`).
    begun: Vec<String>,
    /// Synonym members' terms (searched in `SYNONYM_ZONES` only).
    synonyms: Vec<(Form, String, f32)>,
}

/// Zone weights: what an operator types is closest to titles and situations.
fn zone_boost(zone: Zone) -> f32 {
    match zone {
        Zone::Title => 2.5,
        Zone::Situations => 2.5,
        Zone::Body => 1.0,
        Zone::Rules => 2.5,
        Zone::Notes => 0.4,
    }
}

/// Form weights: pairs reward multi-syllable words and bigrams; exact accents add a bonus.
fn form_boost(form: Form) -> f32 {
    match form {
        Form::Folded => 1.0,
        Form::Exact => 0.3,
        Form::Pair => 1.5,
        // Pair readings carry the pair weight in their own (`Engine::read`).
        Form::Pinyin => 1.0,
    }
}

/// Zones where synonyms are looked for: where a card names its situation.
const SYNONYM_ZONES: [Zone; 2] = [Zone::Title, Zone::Situations];

/// Zones indexed with pinyin readings (`schema::indexing`).
pub(super) const PINYIN_ZONES: [Zone; 4] = [Zone::Title, Zone::Situations, Zone::Body, Zone::Rules];

/// Zones where typos and the word being typed are matched loosely (notes are too weak to earn it).
const FUZZY_ZONES: [Zone; 4] = [Zone::Title, Zone::Situations, Zone::Body, Zone::Rules];

/// More distinct terms than this add nothing but time (a pasted page is still searched).
const MAX_TERMS: usize = 48;

/// Whether any segment's dictionary of `field` holds `text`.
fn in_dictionary(searcher: &Searcher, field: Field, text: &str) -> bool {
    searcher.segment_readers().iter().any(|seg| {
        seg.inverted_index(field)
            .ok()
            .and_then(|inv| inv.terms().get(text.as_bytes()).ok().flatten())
            .is_some()
    })
}

/// Distinct terms, each with its highest weight, the heaviest first (in order of appearance
/// among equals), at most `MAX_TERMS`: a long pasted text keeps its meaningful words.
fn dedup(v: Vec<(String, f32)>) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for (t, w) in v {
        match at.get(&t) {
            Some(&i) => out[i].1 = out[i].1.max(w),
            None => {
                at.insert(t.clone(), out.len());
                out.push((t, w));
            }
        }
    }
    // Heaviest first, stable: by the few distinct weights a query has (a pasted page may hold
    // hundreds of terms).
    let mut levels: Vec<f32> = Vec::new();
    for (_, w) in &out {
        if !levels.contains(w) {
            levels.push(*w);
        }
    }
    sort_short(&mut levels, |a, b| a > b);
    let mut sorted = Vec::with_capacity(out.len().min(MAX_TERMS));
    for level in levels {
        for t in out.iter().filter(|t| t.1 == level) {
            if sorted.len() == MAX_TERMS {
                return sorted;
            }
            sorted.push(t.clone());
        }
    }
    sorted
}

impl Engine {
    /// One language's blob.
    pub fn from_blob(bytes: &[u8]) -> Result<Engine, SearchError> {
        Engine::from_parts(vec![Arc::new(Part::open(bytes.to_vec())?)])
    }

    /// Several languages' blobs searched as one.
    pub fn from_blobs(blobs: impl IntoIterator<Item = Vec<u8>>) -> Result<Engine, SearchError> {
        let parts = blobs
            .into_iter()
            .map(|b| Part::open(b).map(Arc::new))
            .collect::<Result<Vec<_>, _>>()?;
        Engine::from_parts(parts)
    }

    /// At least one part, all with one schema; a later part of a language replaces an earlier.
    pub fn from_parts(parts: Vec<Arc<Part>>) -> Result<Engine, SearchError> {
        let first = parts
            .first()
            .ok_or_else(|| SearchError::Index("no index to open".into()))?;
        if let Some(other) = parts.iter().find(|p| p.fields != first.fields) {
            return Err(SearchError::Index(format!(
                "the {} index has another schema than the {} index",
                other.lang.code(),
                first.lang.code()
            )));
        }
        let mut by_lang: BTreeMap<Lang, Arc<Part>> = BTreeMap::new();
        for p in parts {
            by_lang.insert(p.lang, p);
        }
        let parts: Vec<Arc<Part>> = by_lang.into_values().collect();
        let groups = Groups::new(&Synonyms::merged(parts.iter().map(|p| &p.synonyms)));
        Ok(Engine {
            parts,
            groups: Arc::new(groups),
        })
    }

    /// This engine and one more language (or a newer copy of one it has).
    pub fn with(&self, part: Arc<Part>) -> Result<Engine, SearchError> {
        let mut parts = self.parts.clone();
        parts.push(part);
        Engine::from_parts(parts)
    }

    /// The languages loaded, in `Lang::ALL` order.
    pub fn langs(&self) -> Vec<Lang> {
        self.parts.iter().map(|p| p.lang).collect()
    }

    fn fields(&self) -> &Fields {
        &self.parts[0].fields
    }

    pub fn procedure(&self, id: &str) -> Option<&Procedure> {
        self.parts.iter().find_map(|p| p.procedure(id))
    }

    /// The published version of a card (`part::card_version`), for flags raised on it.
    pub fn card_version(&self, id: &str) -> Option<String> {
        self.parts.iter().find_map(|p| p.card_version(id))
    }

    /// What a query asks of every part, worked out once: its terms per form (as typed, then as
    /// read otherwise, below), the words to match loosely (typo expansion depends on all the
    /// loaded dictionaries, so the parts agree on it) and the word being typed.
    fn query_terms(&self, all: &[Searcher], r: &Reading, prefix_last: bool) -> QueryTerms {
        let forms: Vec<(Form, Vec<(String, f32)>)> = FORMS
            .into_iter()
            .map(|form| {
                let mut v = weighted_terms(&r.words, &r.weights, form);
                if let Some((_, ws, weights)) = &r.rewritten {
                    v.extend(
                        weighted_terms(ws, weights, form)
                            .into_iter()
                            .map(|(t, w)| (t, w * CONVERTED)),
                    );
                }
                if form == Form::Folded {
                    v.extend(r.also.iter().map(|t| (t.clone(), CONVERTED * 0.8)));
                }
                if form == Form::Pinyin {
                    v.extend(r.pinyin.iter().cloned());
                }
                (form, dedup(v))
            })
            .collect();
        // Typo tolerance on unknown words long enough for an edit not to change their meaning
        // (not on words read another way: they were understood).
        let mut fuzzy: Vec<(String, u8, f32)> = Vec::new();
        let mut candidates: Vec<(&Word, f32)> = r
            .words
            .iter()
            .zip(r.weights.iter().copied())
            .filter(|(w, _)| {
                w.script != Script::Han
                    && !r
                        .replaced
                        .iter()
                        .any(|x| x.start <= w.start && w.end <= x.end)
            })
            .collect();
        sort_short(&mut candidates, |a, b| a.1 > b.1);
        for (w, weight) in candidates.into_iter().take(MAX_TERMS) {
            let distance = match w.exact.chars().count() {
                0..=4 => continue,
                5..=8 => 1,
                _ => 2,
            };
            for unit in w.folded.iter().filter(|u| u.chars().count() >= 4) {
                if !fuzzy.iter().any(|(u, _, _)| u == unit) && !self.is_known(all, unit) {
                    fuzzy.push((unit.clone(), distance, weight));
                }
            }
        }
        let prefix = r
            .words
            .last()
            .filter(|w| prefix_last && w.script != Script::Han)
            .and_then(|w| w.folded.last())
            .filter(|u| u.chars().count() >= 3)
            .cloned();
        // Synonyms name the situation: they are looked for where situations are named (the
        // steps' long postings would cost every query that holds a common member).
        let mut synonyms: Vec<(Form, String, f32)> = Vec::new();
        for (form, t, w) in &r.synonyms {
            let typed = forms.iter().any(|(f, ts): &(Form, Vec<(String, f32)>)| {
                f == form && ts.iter().any(|x| x.0 == *t)
            });
            match synonyms.iter_mut().find(|x| x.0 == *form && x.1 == *t) {
                Some(x) => x.2 = x.2.max(*w),
                None if !typed => synonyms.push((*form, t.clone(), *w)),
                None => {}
            }
        }
        synonyms.truncate(MAX_TERMS);
        QueryTerms {
            forms,
            fuzzy,
            prefix,
            begun: r.begun.clone(),
            synonyms,
        }
    }

    /// The query for one part: terms its dictionary lacks add nothing to any score there, so
    /// they are left out (tantivy would build a 256-entry BM25 table for each).
    fn part_query(&self, searcher: &Searcher, q: &QueryTerms) -> Option<Box<dyn Query>> {
        let fields = self.fields();
        let boosted = |query: Box<dyn Query>, boost: f32| -> (Occur, Box<dyn Query>) {
            (Occur::Should, Box::new(BoostQuery::new(query, boost)))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // One term in one zone and form, asked only of a field whose dictionary has it.
        let term_clause = |clauses: &mut Vec<_>, zone: Zone, form: Form, t: &str, weight: f32| {
            let Some(field) = fields.get(zone, form) else {
                return;
            };
            if in_dictionary(searcher, field, t) {
                let term = Term::from_field_text(field, t);
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                clauses.push(boosted(
                    Box::new(query),
                    zone_boost(zone) * form_boost(form) * weight,
                ));
            }
        };
        for (form, terms) in &q.forms {
            for (t, weight) in terms {
                for zone in ZONES {
                    term_clause(&mut clauses, zone, *form, t, *weight);
                }
            }
        }
        for (unit, distance, weight) in &q.fuzzy {
            for zone in FUZZY_ZONES {
                let term = Term::from_field_text(fields.folded(zone), unit);
                let query = FuzzyTermQuery::new(term, *distance, true);
                clauses.push(boosted(Box::new(query), 0.4 * zone_boost(zone) * weight));
            }
        }
        // The word still being typed matches as a prefix, so results keep up with each keystroke.
        if let Some(unit) = &q.prefix {
            for zone in FUZZY_ZONES {
                let term = Term::from_field_text(fields.folded(zone), unit);
                let query = FuzzyTermQuery::new_prefix(term, 0, true);
                clauses.push(boosted(Box::new(query), 0.3 * zone_boost(zone)));
            }
        }
        for (form, t, weight) in &q.synonyms {
            for zone in SYNONYM_ZONES {
                term_clause(&mut clauses, zone, *form, t, *weight);
            }
        }
        for unit in &q.begun {
            for zone in FUZZY_ZONES {
                let term = Term::from_field_text(fields.folded(zone), unit);
                let query = FuzzyTermQuery::new_prefix(term, 0, true);
                clauses.push(boosted(Box::new(query), 0.5 * CONVERTED * zone_boost(zone)));
            }
        }
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
    }

    /// The procedures most like `id` (searched by its title and situations), best first,
    /// itself excluded; with `at`, only those in force then.
    pub fn related(&self, id: &str, limit: usize, at: Option<At>) -> Vec<Hit> {
        let Some(p) = self.procedure(id) else {
            return Vec::new();
        };
        // A separator after the words: the last one is not a prefix being typed.
        let text = format!("{}\n{}\n", p.title, p.situations.join("\n"));
        self.try_find_at(&text, None, limit + 1, at)
            .map(|f| f.hits)
            .unwrap_or_default()
            .into_iter()
            .filter(|h| h.id != id)
            .take(limit)
            .collect()
    }

    /// Best first. Any text is accepted; text with nothing searchable in it gives no hits.
    /// For callers with nobody to tell about an internal failure of the index (tests, the
    /// benches); the page and `kb search` use `try_search` and say what went wrong.
    pub fn search(&self, query: &str, lang: Option<Lang>, limit: usize) -> Vec<Hit> {
        self.try_search(query, lang, limit).unwrap_or_default()
    }

    /// Best first; an error only when the index itself fails (never because of the query text).
    /// `lang` searches that language's part only (the scores still count every loaded one).
    pub fn try_search(
        &self,
        query: &str,
        lang: Option<Lang>,
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        Ok(self.try_find(query, lang, limit)?.hits)
    }

    /// `try_search`, with how the query was understood when some of it was read another way.
    /// Every card is offered, whatever its dates (the studio's search, `kb search --all`).
    pub fn try_find(
        &self,
        query: &str,
        lang: Option<Lang>,
        limit: usize,
    ) -> Result<Found, SearchError> {
        self.try_find_at(query, lang, limit, None)
    }

    /// `try_find` at the desk's moment: cards not in force then are left out (the best of them
    /// that ranked above every hit is named in `not_in_force`), and a card ending within a week
    /// carries its last day.
    pub fn try_find_at(
        &self,
        query: &str,
        lang: Option<Lang>,
        limit: usize,
        at: Option<At>,
    ) -> Result<Found, SearchError> {
        if limit == 0 {
            return Ok(Found::default());
        }
        let prefix_last = query.chars().last().is_some_and(|c| c.is_alphanumeric());
        let searchers: Vec<Searcher> = self.parts.iter().map(|p| p.reader.searcher()).collect();
        let stats = Stats(&searchers);
        let reading = self.read(&searchers, query, prefix_last);
        let terms = self.query_terms(&searchers, &reading, prefix_last);
        // A margin beyond `limit` so that ties at the cut are broken by content order, not chance.
        let top = TopDocs::with_limit(limit.saturating_add(16)).order_by_score();
        // (score, part, doc): ties go by content order, as in one index of everything (the
        // content is read in file-name order, and every id starts with its language's code).
        let mut scored: Vec<(f32, usize, usize)> = Vec::new();
        for (i, (part, searcher)) in self.parts.iter().zip(&searchers).enumerate() {
            if lang.is_some_and(|l| l != part.lang) {
                continue;
            }
            let Some(q) = self.part_query(searcher, &terms) else {
                continue;
            };
            for (score, addr) in searcher.search_with_statistics_provider(&q, &top, &stats)? {
                scored.push((score, i, addr.doc_id as usize));
            }
        }
        let code = |i: usize| self.parts[i].lang.code();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then((code(a.1), a.2).cmp(&(code(b.1), b.2)))
        });
        let mut matcher = Matcher::new(&reading.words, prefix_last);
        if let Some((_, ws, _)) = &reading.rewritten {
            matcher = matcher.also(ws, &reading.also);
        }

        // (Lazy: snippets are made for the first `limit` procedures that read, no more.)
        let mut not_in_force = None;
        let mut offered = 0;
        let hits: Vec<Hit> = scored
            .into_iter()
            .filter_map(|(score, i, ord)| {
                let part = &self.parts[i];
                let p = part.procedure_at(ord)?;
                let ends = match at.map(|at| at.standing(p)) {
                    None | Some(Standing::InForce { ends: None }) => None,
                    Some(Standing::InForce { ends }) => ends,
                    Some(standing) => {
                        if offered == 0 && not_in_force.is_none() {
                            not_in_force = Some(NotInForce {
                                id: p.id.clone(),
                                title: p.title.clone(),
                                standing,
                            });
                        }
                        return None;
                    }
                };
                offered += 1;
                Some(Hit {
                    id: p.id.clone(),
                    title: p.title.clone(),
                    lang: p.lang,
                    category: p.category.clone(),
                    score,
                    snippet: best_snippet(
                        part.records[ord].lines.get_or_init(|| Lines::of(p)),
                        &matcher,
                    ),
                    ends,
                })
            })
            .take(limit)
            .collect();
        let searched_as = reading.searched_as.filter(|_| !hits.is_empty());
        Ok(Found {
            hits,
            searched_as,
            not_in_force,
        })
    }
}
