//! The pinyin form, written natively when an index is built: the page ships no pinyin table,
//! its queries only look Latin words up among these terms.

use super::super::schema::VecTokenStream;
use crate::text::{fold_latin, words, Script};
use tantivy::tokenizer::Tokenizer;

/// The toneless pinyin of each Chinese character (its usual reading: the first the `pinyin`
/// crate lists; a polyphonic character is indexed under that one only, so that pairs of readings
/// stay one term per pair of characters), and of each two adjacent characters (`tou_su`), so
/// that "tousu", "tou su" and "tóu sù" find 投诉. Written here, natively: the page ships no
/// pinyin table.
pub fn pinyin_terms(text: &str) -> Vec<String> {
    use pinyin::ToPinyin;
    let mut out = Vec::new();
    let mut prev: Option<String> = None;
    for w in words(text) {
        let reading = (w.script == Script::Han)
            .then(|| w.exact.chars().next().and_then(|c| c.to_pinyin()))
            .flatten()
            .map(|p| fold_latin(p.plain()));
        let Some(r) = reading else {
            prev = None;
            continue;
        };
        match &prev {
            Some(p) if w.joins_previous => out.push(format!("{p}_{r}")),
            _ => {}
        }
        out.push(r.clone());
        prev = Some(r);
    }
    out
}

/// The builder's tokenizer of the pinyin form (`pinyin_terms`).
#[derive(Clone)]
pub struct PinyinTokenizer;

impl Tokenizer for PinyinTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::of_terms(pinyin_terms(text))
    }
}
