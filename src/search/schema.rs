//! The index schema: each text zone (title, situations, body, rules, notes) indexed in the forms
//! that earn their bytes (folded, exact, pairs), plus the blob position (one blob per language).

use crate::text::{terms, words, Form};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};

/// Where in a procedure a text stands; ranking weights title and situations above steps,
/// scripts and timer rules, above notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Title,
    Situations,
    Body,
    /// Callback and hold rules in words ("Gọi lại sau 3 đến 7 ngày: …").
    Rules,
    Notes,
}

pub const ZONES: [Zone; 5] = [
    Zone::Title,
    Zone::Situations,
    Zone::Body,
    Zone::Rules,
    Zone::Notes,
];

/// The fast field holding a document's position in the blob's procedure list.
pub const ORD_FIELD: &str = "ord";
pub const FORMS: [Form; 4] = [Form::Folded, Form::Exact, Form::Pair, Form::Pinyin];

/// How a zone is indexed in a form, or `None` where the form is not indexed there.
///
/// Measured on 10 000 synthetic procedures (postings 5.9 MB, blob 6.70 MB gzip, more than the
/// 5.68 MB gzip of their text): the step text ("body") holds two thirds of the postings. Its
/// exact-accent form and its term frequencies are dropped (postings 4.1 MB, blob 5.61 MB gzip):
/// the accent bonus still applies where it decides (titles and situations; rules and notes are
/// small), and a step's words are about presence, not repetition. Relevance on the real content
/// is unchanged (dev hit@1 1.000; own hit@1 0.972, hit@3 1.000, MRR 0.984 -> 0.986).
///
/// Its word pairs are dropped too (#26): they were the largest term dictionary of every blob
/// (a Vietnamese desk's index 54 -> 40 KB gzip, all three 108 -> 84 KB), while titles and
/// situations, where the operator's phrase is meant to match, keep theirs. The dev and styles
/// sets rank as before; of our own 72 queries one goes from first to second (README
/// "Performance"). Kept for Chinese alone, its pairs rank worse still: BM25's counts are summed
/// over the languages open, and the other languages' empty field shortens the average.
pub fn indexing(zone: Zone, form: Form) -> Option<IndexRecordOption> {
    match (zone, form) {
        (Zone::Body, Form::Exact | Form::Pair) => None,
        // Pinyin readings: where an operator's words are looked for (notes are too weak).
        (Zone::Notes, Form::Pinyin) => None,
        (Zone::Body, _) => Some(IndexRecordOption::Basic),
        // Frequencies but no positions: pairs stand in for phrases, and the index stays small.
        _ => Some(IndexRecordOption::WithFreqs),
    }
}

/// The schema every blob is written with. The page opens a blob with it rather than reading
/// the copy in the blob's `meta.json` (`Index::open_with_schema`, a vendored tantivy patch):
/// tantivy's schema reader is the largest piece of serde in the page. A change here is a change
/// of the blob format (`BLOB_FORMAT`).
pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    for zone in ZONES {
        for form in FORMS {
            let Some(option) = indexing(zone, form) else {
                continue;
            };
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(tokenizer_name(form))
                .set_index_option(option);
            b.add_text_field(
                &format!("{}_{}", zone.name(), form_suffix(form)),
                TextOptions::default().set_indexing_options(indexing),
            );
        }
    }
    // Read only here, to check that document `i` is procedure `i` (the page uses doc ids): a
    // fast field without postings.
    b.add_u64_field(ORD_FIELD, FAST);
    b.build()
}

impl Zone {
    pub(super) fn name(self) -> &'static str {
        match self {
            Zone::Title => "title",
            Zone::Situations => "situations",
            Zone::Body => "body",
            Zone::Rules => "rules",
            Zone::Notes => "notes",
        }
    }
}

pub(super) fn form_suffix(form: Form) -> &'static str {
    match form {
        Form::Folded => "w",
        Form::Exact => "x",
        Form::Pair => "p",
        Form::Pinyin => "y",
    }
}

pub(super) fn tokenizer_name(form: Form) -> &'static str {
    match form {
        Form::Folded => "cc_w",
        Form::Exact => "cc_x",
        Form::Pair => "cc_p",
        Form::Pinyin => "cc_y",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fields {
    text: Vec<((Zone, Form), Field)>,
    /// Position in the blob's procedure list (written by the builder; the engine reads the fast
    /// field of the same name).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub ord: Field,
}

impl Fields {
    /// The field of a zone in a form; `None` where that form is not indexed (see `indexing`).
    pub fn get(&self, zone: Zone, form: Form) -> Option<Field> {
        self.text
            .iter()
            .find(|(k, _)| *k == (zone, form))
            .map(|(_, f)| *f)
    }

    /// The folded field of a zone: every zone has one.
    pub fn folded(&self, zone: Zone) -> Field {
        self.get(zone, Form::Folded)
            .expect("every zone is indexed folded")
    }

    /// Looks the fields up in an opened index, so a blob from another schema fails clearly.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let mut text = Vec::new();
        for zone in ZONES {
            for form in FORMS.into_iter().filter(|&f| indexing(zone, f).is_some()) {
                text.push((
                    (zone, form),
                    schema.get_field(&format!("{}_{}", zone.name(), form_suffix(form)))?,
                ));
            }
        }
        Ok(Fields {
            text,
            ord: schema.get_field(ORD_FIELD)?,
        })
    }
}

/// Tokenizers are not stored in the index: both the builder and every reader register them
/// (the pinyin one only the builder, `build::PinyinTokenizer`: queries never run a tokenizer).
pub fn register_tokenizers(tokenizers: &TokenizerManager) {
    for form in FORMS.into_iter().filter(|f| *f != Form::Pinyin) {
        tokenizers.register(tokenizer_name(form), CcTokenizer(form));
    }
}

/// A tantivy tokenizer over the shared analyzer, one per form.
#[derive(Clone)]
pub struct CcTokenizer(pub Form);

pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl VecTokenStream {
    /// The terms as tokens at increasing positions (no offsets: nothing is highlighted from
    /// the index).
    pub fn of_terms(terms: Vec<String>) -> VecTokenStream {
        let tokens = terms
            .into_iter()
            .enumerate()
            .map(|(position, text)| Token {
                offset_from: 0,
                offset_to: 0,
                position,
                text,
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for CcTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::of_terms(terms(&words(text), self.0))
    }
}
