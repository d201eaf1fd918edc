//! The index schema: each text zone (title, situations, body, rules, notes) indexed in three
//! forms (folded, exact, pairs), plus the language and the procedure's position in the blob.

use super::analyzer::{terms, words, Form};
use tantivy::schema::{Field, Schema};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;

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
pub const FORMS: [Form; 3] = [Form::Folded, Form::Exact, Form::Pair];

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
    }
}

pub(super) fn tokenizer_name(form: Form) -> &'static str {
    match form {
        Form::Folded => "cc_w",
        Form::Exact => "cc_x",
        Form::Pair => "cc_p",
    }
}

#[derive(Debug, Clone)]
pub struct Fields {
    text: Vec<((Zone, Form), Field)>,
    pub lang: Field,
    /// Position in the blob's procedure list (written by the builder; the engine reads the fast
    /// field of the same name).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub ord: Field,
}

impl Fields {
    pub fn get(&self, zone: Zone, form: Form) -> Field {
        self.text
            .iter()
            .find(|(k, _)| *k == (zone, form))
            .map(|(_, f)| *f)
            .expect("every zone and form has a field")
    }

    /// Looks the fields up in an opened index, so a blob from another schema fails clearly.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let mut text = Vec::new();
        for zone in ZONES {
            for form in FORMS {
                text.push((
                    (zone, form),
                    schema.get_field(&format!("{}_{}", zone.name(), form_suffix(form)))?,
                ));
            }
        }
        Ok(Fields {
            text,
            lang: schema.get_field("lang")?,
            ord: schema.get_field(ORD_FIELD)?,
        })
    }
}

/// Tokenizers are not stored in the index: both the builder and every reader register them.
pub fn register_tokenizers(index: &Index) {
    for form in FORMS {
        index
            .tokenizers()
            .register(tokenizer_name(form), CcTokenizer(form));
    }
}

/// A tantivy tokenizer over the shared analyzer, one per form.
#[derive(Clone)]
pub struct CcTokenizer(pub Form);

pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
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
        let tokens = terms(&words(text), self.0)
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
