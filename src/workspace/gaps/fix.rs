//! The Gaps panel's one-click fixes, each a minimal edit of one file's text (every other byte
//! kept, so the change reads in Changes and in git as one line): a missed query added to a
//! card's `situations` (through the form's own `set_field`), or to a group of `synonyms.toml`.

use crate::desk::report::gaps::analysed;
use crate::workspace::form::{read_fields, set_field, FieldValue, FormError};
use toml_edit::{Array, DocumentMut, Item, Value};

/// Why a fix was not written; the file is then as it was.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    /// The card's front matter does not read (the form says the same).
    #[error(transparent)]
    Card(#[from] FormError),
    /// The card already has the query among its situations, in these or other letters.
    #[error("“{0}” is among the card's situations already")]
    CardHasIt(String),
    #[error("synonyms.toml does not read: {0}")]
    Synonyms(#[from] toml_edit::TomlError),
    /// `[[same]]`, `words`, `[[one_way]]` or `from` is not the shape the content guide gives.
    #[error("synonyms.toml: `{0}` is not a list as the content guide writes it")]
    Shape(&'static str),
    #[error("synonyms.toml has no group {0}")]
    NoGroup(usize),
    /// A word leads in one entry only (`kb check`), and this one leads in an entry already.
    #[error("“{0}” is in synonyms.toml already")]
    SynonymsHaveIt(String),
    /// A new group needs a second word or phrase.
    #[error("a group needs two words or phrases at least")]
    Alone,
}

/// The card's text with `query` added as its last situation, as the form would add it.
pub fn add_situation(card: &str, query: &str) -> Result<String, FixError> {
    let query = query.trim();
    let mut situations = match read_fields(card)?.get("situations") {
        Some(FieldValue::List(list)) => list.clone(),
        _ => Vec::new(),
    };
    let key = analysed(query);
    if situations.iter().any(|s| analysed(s) == key) {
        return Err(FixError::CardHasIt(query.to_string()));
    }
    situations.push(query.to_string());
    Ok(set_field(
        card,
        "situations",
        &FieldValue::List(situations),
    )?)
}

/// Where a query goes in `synonyms.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SynonymTarget {
    /// The `[[same]]` group at this index (`synonym_groups`' order).
    Group(usize),
    /// A new `[[same]]` group of the query and these words, at the file's end.
    NewGroup(Vec<String>),
}

/// The members of each `[[same]]` group, in the file's order (the panel's choice of group). A
/// folder without the file has none.
pub fn synonym_groups(text: &str) -> Result<Vec<Vec<String>>, FixError> {
    let doc: DocumentMut = text.parse()?;
    let Some(same) = doc.get("same") else {
        return Ok(Vec::new());
    };
    let groups = same.as_array_of_tables().ok_or(FixError::Shape("same"))?;
    groups
        .iter()
        .map(|g| {
            let words = g.get("words").and_then(Item::as_array);
            let words = words.ok_or(FixError::Shape("words"))?;
            Ok(words
                .iter()
                .filter_map(|w| w.as_str().map(str::to_string))
                .collect())
        })
        .collect()
}

/// Every member that leads a search (a group's words, a one-way entry's `from`), analysed.
fn leading(doc: &DocumentMut) -> Result<Vec<String>, FixError> {
    let mut out = Vec::new();
    for (table, key) in [("same", "words"), ("one_way", "from")] {
        let Some(entries) = doc.get(table) else {
            continue;
        };
        let entries = entries.as_array_of_tables().ok_or(FixError::Shape(table))?;
        for entry in entries.iter() {
            let Some(members) = entry.get(key) else {
                continue;
            };
            let members = members.as_array().ok_or(FixError::Shape(key))?;
            out.extend(members.iter().filter_map(Value::as_str).map(analysed));
        }
    }
    Ok(out)
}

/// `synonyms.toml`'s text (empty: no file yet) with `query` added `to` a group: appended to its
/// `words` in the layout of the last one, or as a new `[[same]]` at the end. A query that leads
/// in an entry already is refused (`kb check` would fail it as "in two groups").
pub fn add_synonym(text: &str, query: &str, to: &SynonymTarget) -> Result<String, FixError> {
    let query = query.trim();
    let mut doc: DocumentMut = text.parse()?;
    if leading(&doc)?.contains(&analysed(query)) {
        return Err(FixError::SynonymsHaveIt(query.to_string()));
    }
    match to {
        SynonymTarget::Group(i) => {
            let groups = doc.get_mut("same").and_then(Item::as_array_of_tables_mut);
            let group = groups
                .and_then(|g| g.get_mut(*i))
                .ok_or(FixError::NoGroup(*i))?;
            let words = group.get_mut("words").and_then(Item::as_array_mut);
            push_like_last(words.ok_or(FixError::Shape("words"))?, query);
            Ok(doc.to_string())
        }
        SynonymTarget::NewGroup(others) => {
            let others: Vec<&str> = others
                .iter()
                .map(|w| w.trim())
                .filter(|w| !w.is_empty() && analysed(w) != analysed(query))
                .collect();
            if others.is_empty() {
                return Err(FixError::Alone);
            }
            let mut words = Array::new();
            words.push(query);
            others.iter().for_each(|w| words.push(*w));
            let sep = match text {
                "" => "",
                t if t.ends_with('\n') => "\n",
                _ => "\n\n",
            };
            Ok(format!("{text}{sep}[[same]]\nwords = {words}\n"))
        }
    }
}

/// Appends `text` to a list with the decor of its last item (on its own line in a list written
/// one per line, after a space in one written on one line).
fn push_like_last(list: &mut Array, text: &str) {
    let mut value = Value::from(text);
    if let Some(last) = list.iter().last() {
        *value.decor_mut() = last.decor().clone();
    }
    list.push_formatted(value);
}
