//! How the engine reads a query besides as typed: each chunk holding a word no loaded
//! dictionary knows, as Vietnamese typed in Telex or VNI, as the keys give it on the other
//! keyboard layout or as Russian in Latin letters; runs of Latin words as pinyin syllables;
//! members of the editors' synonym groups.
//! Only readings the dictionaries know are kept (`understand` holds the pure conversions).

use super::*;

/// How a query was read: as typed, and rewritten where a word the dictionaries lack reads as a
/// word they know on the other keyboard layout or in Cyrillic.
pub(super) struct Reading {
    pub(super) words: Vec<Word>,
    pub(super) weights: Vec<f32>,
    /// The query with those words replaced (`None`: nothing was), analysed, with its weights.
    pub(super) rewritten: Option<(String, Vec<Word>, Vec<f32>)>,
    /// Further transliterations the dictionaries know (folded stems), beside the rewritten one.
    pub(super) also: Vec<String>,
    /// Converted words the dictionaries hold only in longer forms: matched as prefixes.
    pub(super) begun: Vec<String>,
    /// Pinyin readings of Latin words (syllables and pairs of them), weighted.
    pub(super) pinyin: Vec<(String, f32)>,
    /// The terms of the other members of synonym groups the query holds a member of.
    pub(super) synonyms: Vec<(Form, String, f32)>,
    /// Byte ranges (in the query) of the words that were replaced.
    pub(super) replaced: Vec<Range<usize>>,
    /// The query as it was searched, when some of it was read another way.
    pub(super) searched_as: Option<String>,
}

/// A reading the operator did not type (another layout, a transliteration, pinyin, a synonym)
/// weighs this much of the same match as typed, so real words never lose to a conversion.
pub(super) const CONVERTED: f32 = 0.7;

/// Transliterations tried per word (the most usual first), and kept when the index knows them.
const TRANSLIT_TRIED: usize = 16;
const TRANSLIT_KEPT: usize = 3;

/// Whether any segment's dictionary of `field` holds a term that starts with `text`.
fn prefix_in_dictionary(searcher: &Searcher, field: Field, text: &str) -> bool {
    searcher.segment_readers().iter().any(|seg| {
        let Ok(inv) = seg.inverted_index(field) else {
            return false;
        };
        let Ok(mut stream) = inv.terms().range().ge(text.as_bytes()).into_stream() else {
            return false;
        };
        stream.advance() && stream.key().starts_with(text.as_bytes())
    })
}

/// Whether two words differ by at most one inserted, deleted or replaced character.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let common = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[common..]
            .iter()
            .skip(1)
            .eq(long[common..].iter().skip(1))
    } else {
        short[common..].iter().eq(long[common + 1..].iter())
    }
}

impl Engine {
    /// Whether a folded word is in any loaded dictionary (then it needs no typo expansion).
    pub(super) fn is_known(&self, searchers: &[Searcher], unit: &str) -> bool {
        searchers.iter().any(|s| {
            FUZZY_ZONES
                .into_iter()
                .any(|zone| in_dictionary(s, self.fields().folded(zone), unit))
        })
    }

    /// Whether a folded unit of at least three letters begins a word of a loaded dictionary.
    fn begins_known(&self, searchers: &[Searcher], unit: &str) -> bool {
        unit.chars().count() >= 3
            && searchers.iter().any(|s| {
                FUZZY_ZONES
                    .into_iter()
                    .any(|zone| prefix_in_dictionary(s, self.fields().folded(zone), unit))
            })
    }

    /// The folded terms of the loaded dictionaries one edit away from `unit` (five letters at
    /// least) that share its first four letters: a few dozen terms read at most.
    fn known_near(&self, searchers: &[Searcher], unit: &str) -> Vec<String> {
        if unit.chars().count() < 5 {
            return Vec::new();
        }
        let head: String = unit.chars().take(4).collect();
        let mut out: Vec<String> = Vec::new();
        for s in searchers {
            for zone in FUZZY_ZONES {
                for seg in s.segment_readers() {
                    let Ok(inv) = seg.inverted_index(self.fields().folded(zone)) else {
                        continue;
                    };
                    let Ok(mut stream) = inv.terms().range().ge(head.as_bytes()).into_stream()
                    else {
                        continue;
                    };
                    let mut read = 0;
                    while read < 64 && stream.advance() && stream.key().starts_with(head.as_bytes())
                    {
                        read += 1;
                        if let Ok(term) = std::str::from_utf8(stream.key()) {
                            if one_edit_apart(term, unit) && !out.iter().any(|t| t == term) {
                                out.push(term.to_string());
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// The searchers of the loaded parts that `keep` picks (`all` is in `self.parts` order).
    fn searchers_of(&self, all: &[Searcher], keep: impl Fn(&Part) -> bool) -> Vec<Searcher> {
        self.parts
            .iter()
            .zip(all)
            .filter(|(p, _)| keep(p))
            .map(|(_, s)| s.clone())
            .collect()
    }

    /// Whether every folded unit of a word is in a loaded dictionary.
    fn knows(&self, searchers: &[Searcher], w: &Word) -> bool {
        w.folded.iter().all(|u| self.is_known(searchers, u))
    }

    /// Whether a pinyin syllable is in a loaded dictionary of readings.
    fn is_syllable(&self, searchers: &[Searcher], syllable: &str) -> bool {
        searchers.iter().any(|s| {
            PINYIN_ZONES.into_iter().any(|zone| {
                self.fields()
                    .get(zone, Form::Pinyin)
                    .is_some_and(|f| in_dictionary(s, f, syllable))
            })
        })
    }

    /// Reads the query as typed and, for each space-separated chunk holding a word no loaded
    /// dictionary knows, as the other keyboard layout gives it or (word by word) as Russian in
    /// Latin letters, where the dictionaries know the result. Chunks are converted before they
    /// are analysed: on the Russian layout ж э х ъ б ю sit on punctuation keys. Latin words
    /// around an unknown one are also read as pinyin syllables the index holds.
    pub(super) fn read(&self, all: &[Searcher], query: &str, prefix_last: bool) -> Reading {
        let query_words = words(query);
        let mut weights = understand::weights(query, &query_words);
        // Only the parts that hold pinyin readings are asked about syllables (Chinese ones).
        let with_pinyin = self.searchers_of(all, |p| p.has_pinyin);
        // (where in the query, read as, pinyin) in query order.
        let mut subs: Vec<(Range<usize>, String, bool)> = Vec::new();
        let mut also: Vec<String> = Vec::new();
        let mut begun: Vec<String> = Vec::new();
        let cyrillic = self.searchers_of(all, |p| p.lang == Lang::Ru);
        let mut unknown_at: Vec<bool> = Vec::with_capacity(query_words.len());
        for (i, w) in query_words.iter().enumerate() {
            // The word being typed is not unknown while it is short or begins a known word:
            // it is read another way once it is neither (a keystroke stays cheap).
            let typing = prefix_last && i + 1 == query_words.len();
            let unknown = w.script != Script::Han
                && w.exact.chars().any(char::is_alphabetic)
                && !self.knows(all, w);
            let being_typed = || {
                typing
                    && (w.exact.chars().count() < 3
                        || w.folded.last().is_some_and(|u| self.begins_known(all, u)))
            };
            unknown_at.push(unknown && !being_typed());
        }
        // Vietnamese typed with the input method off (Telex "khieeus", VNI "khie61u"): a word
        // the dictionaries lack, read as the word its keys make where the Vietnamese dictionary
        // knows it; it is then no longer unknown to the readings below.
        let vietnamese = self.searchers_of(all, |p| p.lang == Lang::Vi);
        for (i, w) in query_words.iter().enumerate() {
            if vietnamese.is_empty() || !unknown_at[i] || w.script != Script::Other {
                continue;
            }
            let known = vietnamese_keys(&w.exact)
                .into_iter()
                .find(|v| matches!(words(v).as_slice(), [one] if self.knows(&vietnamese, one)));
            if let Some(v) = known {
                subs.push((w.start..w.end, v, false));
                unknown_at[i] = false;
            }
        }
        for chunk in query.split_whitespace() {
            let start = chunk.as_ptr() as usize - query.as_ptr() as usize;
            let end = start + chunk.len();
            let in_chunk: Vec<usize> = (0..query_words.len())
                .filter(|&i| query_words[i].start >= start && query_words[i].end <= end)
                .collect();
            if !in_chunk.iter().any(|&i| unknown_at[i]) {
                continue;
            }
            // Russian readings are looked up in the Russian part only (no other holds Cyrillic).
            let (layout, in_parts) = match latin_keys_as_russian(chunk) {
                Some(r) => (Some(r), cyrillic.as_slice()),
                None => (russian_keys_as_latin(chunk), all),
            };
            if let Some(other) = layout.clone().filter(|o| {
                let ws = words(o);
                !in_parts.is_empty() && !ws.is_empty() && ws.iter().all(|w| self.knows(in_parts, w))
            }) {
                subs.push((start..end, other, false));
                continue;
            }
            // A word the dictionaries hold only in longer forms ("ltnb": дети, for "детьми").
            let begins = layout.and_then(|o| {
                let ws = words(&o);
                let [w] = ws.as_slice() else {
                    return None;
                };
                let unit = w.folded.last()?;
                (w.script == Script::Cyrillic && self.begins_known(&cyrillic, unit))
                    .then(|| (o.clone(), unit.clone()))
            });
            if let Some((other, unit)) = begins {
                subs.push((start..end, other, false));
                begun.push(unit);
                continue;
            }
            // Word by word: Russian in Latin letters.
            for &i in in_chunk
                .iter()
                .filter(|&&i| unknown_at[i] && !cyrillic.is_empty())
            {
                let w = &query_words[i];
                let mut known: Vec<(String, String)> = Vec::new();
                let mut tried: Vec<String> = Vec::new();
                for t in transliterations(&w.exact, TRANSLIT_TRIED) {
                    let Some(cw) = words(&t).into_iter().next() else {
                        continue;
                    };
                    let stem = cw.folded[0].clone();
                    if tried.contains(&stem) {
                        continue;
                    }
                    tried.push(stem.clone());
                    // A stem of one or two letters matches too much unless it is the word
                    // ("ne": не, but not "tou": тоу, stem то).
                    let solid = stem.chars().count() >= 3 || stem == cw.exact;
                    if solid && self.knows(&cyrillic, &cw) {
                        known.push((t, stem));
                        if known.len() == TRANSLIT_KEPT {
                            break;
                        }
                    }
                }
                // None known as it is: the usual reading, by the dictionary words one edit
                // away ("rebenka": ребенка, stem ребенк, for ребенок).
                if known.is_empty() {
                    let usual = transliterations(&w.exact, 1).into_iter().next();
                    let stem = usual
                        .as_deref()
                        .and_then(|t| words(t).into_iter().next())
                        .and_then(|cw| cw.folded.into_iter().next());
                    if let (Some(t), Some(stem)) = (usual, stem) {
                        let near = self.known_near(&cyrillic, &stem);
                        if !near.is_empty() {
                            also.extend(near);
                            known.push((t, stem));
                        }
                    }
                }
                let Some((first, _)) = known.first() else {
                    continue;
                };
                subs.push((w.start..w.end, first.clone(), false));
                also.extend(known.into_iter().skip(1).map(|(_, stem)| stem));
            }
        }
        // Synonyms: a member's units in a row among the query's; the other members are searched
        // too. Where the query's words there are all unknown, it is shown as a member the
        // dictionaries know.
        let mut synonyms: Vec<(Form, String, f32)> = Vec::new();
        // Phrases read as a whole, weighed as fillers after every group has matched (so the
        // order of the groups in the file changes nothing).
        let mut read_whole: Vec<std::ops::RangeInclusive<usize>> = Vec::new();
        let mut shown_as_synonym: Vec<(Range<usize>, String, bool)> = Vec::new();
        let query_units: Vec<(usize, &str)> = query_words
            .iter()
            .enumerate()
            .flat_map(|(i, w)| w.folded.iter().map(move |u| (i, u.as_str())))
            .collect();
        for group in &self.groups.0 {
            for (m, member) in group.iter().enumerate().filter(|(_, x)| x.leads) {
                let n = member.units.len();
                for at in 0..query_units.len().saturating_sub(n - 1) {
                    let window = &query_units[at..at + n];
                    if !window.iter().zip(&member.units).all(|((_, q), u)| q == u) {
                        continue;
                    }
                    let (first, last) = (window[0].0, window[n - 1].0);
                    // Typed words no dictionary knows match nothing as typed: their member is
                    // read as the words it stands for ("LĐ": lãnh đạo), at their full weight.
                    let unknown = (first..=last).all(|i| unknown_at[i]);
                    let weight = weights[first..=last]
                        .iter()
                        .copied()
                        .fold(f32::MAX, f32::min)
                        * if unknown { 1.0 } else { CONVERTED };
                    // A member counts as one word: a phrase by its pairs (not its scattered
                    // words or characters), its weight shared among them.
                    let others = group.iter().enumerate().filter(|(o, x)| *o != m && x.found);
                    for (_, other) in others.clone() {
                        let ow = vec![1.0; other.words.len()];
                        let form = if other.units.len() == 1 {
                            Form::Folded
                        } else {
                            Form::Pair
                        };
                        let ts = weighted_terms(&other.words, &ow, form);
                        let share = weight / ts.len().max(1) as f32;
                        synonyms.extend(ts.into_iter().map(|(t, _)| (form, t, share)));
                    }
                    // A phrase some of whose words no dictionary knows ("can't hear") is read
                    // as a whole: its other words ("can": cần) are not searched on their own.
                    if first < last && (first..=last).any(|i| unknown_at[i]) {
                        read_whole.push(first..=last);
                    }
                    if unknown {
                        let known = others
                            .clone()
                            .find(|(_, x)| x.words.iter().all(|w| self.knows(all, w)));
                        if let Some((_, x)) = known {
                            let range = query_words[first].start..query_words[last].end;
                            shown_as_synonym.push((range, x.text.clone(), true));
                        }
                    }
                }
            }
        }
        for r in read_whole {
            weights[r]
                .iter_mut()
                .for_each(|x| *x = x.min(understand::FILLER));
        }
        let converted: Vec<Range<usize>> = subs.iter().map(|(r, _, _)| r.clone()).collect();
        let replaced = |w: &Word| {
            converted
                .iter()
                .any(|r| r.start <= w.start && w.end <= r.end)
        };
        // Pinyin: runs of adjacent Latin words that split into syllables the index holds, two
        // syllables at least, around a word the dictionaries do not know.
        let mut pinyin: Vec<(String, f32)> = Vec::new();
        let mut read_as_pinyin: Vec<(Range<usize>, String, bool)> = Vec::new();
        let syllables_of = |w: &Word| -> Option<Vec<String>> {
            if w.script != Script::Other || replaced(w) {
                return None;
            }
            if with_pinyin.is_empty() {
                return None;
            }
            pinyin_syllables(&fold_latin(&w.exact), |s| self.is_syllable(&with_pinyin, s))
        };
        let mut i = 0;
        while i < query_words.len() {
            if !unknown_at[i] || replaced(&query_words[i]) {
                i += 1;
                continue;
            }
            let Some(own) = syllables_of(&query_words[i]) else {
                i += 1;
                continue;
            };
            let (mut first, mut last) = (i, i);
            let mut run: Vec<Vec<String>> = vec![own];
            while first > 0 && query_words[first].joins_previous {
                match syllables_of(&query_words[first - 1]) {
                    Some(s) => {
                        run.insert(0, s);
                        first -= 1;
                    }
                    None => break,
                }
            }
            while last + 1 < query_words.len() && query_words[last + 1].joins_previous {
                match syllables_of(&query_words[last + 1]) {
                    Some(s) => {
                        run.push(s);
                        last += 1;
                    }
                    None => break,
                }
            }
            if run.iter().map(Vec::len).sum::<usize>() >= 2 {
                let mut prev: Option<&str> = None;
                for (k, syllables) in run.iter().enumerate() {
                    let weight = weights[first + k] * CONVERTED;
                    for s in syllables {
                        if let Some(p) = prev {
                            pinyin.push((format!("{p}_{s}"), weight * form_boost(Form::Pair)));
                        }
                        pinyin.push((s.clone(), weight));
                        prev = Some(s);
                    }
                    let w = &query_words[first + k];
                    read_as_pinyin.push((w.start..w.end, syllables.join(" "), true));
                }
            }
            i = last + 1;
        }
        subs.extend(read_as_pinyin);
        // A synonym shown only where nothing else replaced those words (the longest first).
        sort_short(&mut shown_as_synonym, |a, b| a.0.len() > b.0.len());
        for (r, text, flag) in shown_as_synonym {
            if !subs
                .iter()
                .any(|(x, _, _)| x.start < r.end && r.start < x.end)
            {
                subs.push((r, text, flag));
            }
        }
        sort_short(&mut subs, |a, b| a.0.start < b.0.start);
        let apply = |with_pinyin: bool| {
            let mut out = String::with_capacity(query.len());
            let mut at = 0;
            for (r, text, is_pinyin) in &subs {
                if *is_pinyin && !with_pinyin {
                    continue;
                }
                out.push_str(&query[at..r.start]);
                out.push_str(text);
                at = r.end;
            }
            out.push_str(&query[at..]);
            out
        };
        let rewritten = (!converted.is_empty()).then(|| {
            let text = apply(false);
            let ws = words(&text);
            let weights = understand::weights(&text, &ws);
            (text, ws, weights)
        });
        let searched_as = (!subs.is_empty()).then(|| {
            let shown = apply(true);
            shown.split_whitespace().collect::<Vec<_>>().join(" ")
        });
        Reading {
            words: query_words,
            weights,
            rewritten,
            also,
            begun,
            pinyin,
            synonyms,
            replaced: converted,
            searched_as,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::one_edit_apart;

    #[test]
    fn one_edit_apart_counts_one_insertion_deletion_or_replacement() {
        assert!(one_edit_apart("ребенк", "ребенок"));
        assert!(one_edit_apart("ребенок", "ребенк"));
        assert!(one_edit_apart("клиент", "клиемт"));
        assert!(one_edit_apart("клиент", "клиент"));
        assert!(!one_edit_apart("клиент", "кллиетн"));
        assert!(!one_edit_apart("abc", "abcde"));
        assert!(one_edit_apart("", "a"));
    }
}
