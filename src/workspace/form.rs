//! A card's front matter as the studio's form reads and writes it: one value per field of
//! `content::FIELDS`, each edit rewriting only that value's bytes (`toml_edit` keeps comments,
//! key order and blank lines), so `kb`, git and hand edits stay friends with the form.

use crate::content::{field_spec, FieldKind, FieldSpec, CALLBACK_KEYS, FIELDS};
use std::ops::Range;
use thiserror::Error;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

/// A field's value as the form holds it. Absent keys read as empty (or off).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Text(String),
    List(Vec<String>),
    Switch(bool),
    Callbacks(Vec<CallbackFields>),
}

/// One `[[timers.callbacks]]` table; an empty text is an absent key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallbackFields {
    pub within: String,
    pub after: String,
    pub from: String,
    pub from_label: String,
    pub reason: String,
}

impl CallbackFields {
    fn get(&self, key: &str) -> &str {
        match key {
            "within" => &self.within,
            "after" => &self.after,
            "from" => &self.from,
            "from_label" => &self.from_label,
            _ => &self.reason,
        }
    }

    fn set(&mut self, key: &str, value: String) {
        match key {
            "within" => self.within = value,
            "after" => self.after = value,
            "from" => self.from = value,
            "from_label" => self.from_label = value,
            _ => self.reason = value,
        }
    }
}

/// One field of a card: what it is and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub spec: &'static FieldSpec,
    pub value: FieldValue,
}

/// Every field of a card, in the form's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields(pub Vec<Field>);

impl Fields {
    /// The value of the field at `path`.
    pub fn get(&self, path: &str) -> Option<&FieldValue> {
        self.0
            .iter()
            .find(|f| f.spec.path == path)
            .map(|f| &f.value)
    }
}

/// Why the form cannot show a card (it is then edited as text until fixed) or write a value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormError {
    #[error("line 1: the card does not open with a `+++` line before its fields")]
    NoFrontMatter,
    #[error("the card's fields are not closed by a `+++` line")]
    Unclosed,
    #[error("line {line}: {message}")]
    Toml { line: usize, message: String },
    #[error("line {line}: `{key}` is not a field of a card")]
    Unknown { line: usize, key: String },
    #[error("line {line}: `{path}` should be {want}")]
    Shape {
        line: usize,
        path: String,
        want: &'static str,
    },
    #[error("`{0}` is not a field of a card")]
    NoSuchField(String),
    #[error("`{0}` is set by the studio, not in the form")]
    ReadOnly(String),
    #[error("`{path}` takes {want}")]
    WrongValue { path: String, want: &'static str },
}

/// Where the front matter's TOML stands in the file.
fn front_matter(text: &str) -> Result<Range<usize>, FormError> {
    let rest = text.strip_prefix("+++\n").ok_or(FormError::NoFrontMatter)?;
    let end = if rest.starts_with("+++\n") || rest == "+++" {
        0
    } else {
        rest.find("\n+++\n")
            .map(|i| i + 1)
            .or_else(|| rest.strip_suffix("\n+++").map(|r| r.len() + 1))
            .ok_or(FormError::Unclosed)?
    };
    Ok(4..4 + end)
}

fn line_at(text: &str, offset: usize) -> usize {
    1 + text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
}

fn want(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::List => "a list of texts",
        FieldKind::Switch => "true or false",
        FieldKind::Callbacks => "callback tables ([[timers.callbacks]])",
        FieldKind::Date => "a date such as 2026-12-01",
        _ => "a text in quotes",
    }
}

/// Reads the fields of a card. An error names the line the form stumbled on: a syntax error,
/// a key no field knows (a typo such as `titel` would otherwise vanish from the form) or a
/// value of the wrong shape.
pub fn read_fields(text: &str) -> Result<Fields, FormError> {
    let fm = front_matter(text)?;
    let at = |span: Option<Range<usize>>| line_at(text, fm.start + span.map_or(0, |s| s.start));
    let doc = toml_edit::Document::parse(&text[fm.clone()]).map_err(|e| FormError::Toml {
        line: at(e.span()),
        message: e.message().trim().replace('\n', " "),
    })?;
    let root = doc.as_table();
    for (key, item) in root.iter() {
        let sub: Vec<&str> = FIELDS
            .iter()
            .filter_map(|f| f.path.strip_prefix(key).and_then(|r| r.strip_prefix('.')))
            .collect();
        let line = || at(root.key(key).and_then(|k| k.span()).or(item.span()));
        if FIELDS.iter().any(|f| f.path == key) {
            continue;
        }
        if sub.is_empty() {
            return Err(FormError::Unknown {
                line: line(),
                key: key.to_string(),
            });
        }
        let table = item.as_table_like().ok_or_else(|| FormError::Shape {
            line: line(),
            path: key.to_string(),
            want: "a table",
        })?;
        for (k, v) in table.iter() {
            let line = at(table.key(k).and_then(|k| k.span()).or(v.span()));
            if !sub.contains(&k) {
                return Err(FormError::Unknown {
                    line,
                    key: format!("{key}.{k}"),
                });
            }
        }
    }
    let mut fields = Vec::new();
    for spec in FIELDS {
        let item = get(root, spec.path);
        let shape = |item: &Item| FormError::Shape {
            line: at(item.span()),
            path: spec.path.to_string(),
            want: want(spec.kind),
        };
        let value = match (spec.kind, item) {
            (FieldKind::List, None) => FieldValue::List(Vec::new()),
            (FieldKind::Switch, None) => FieldValue::Switch(false),
            (FieldKind::Callbacks, None) => FieldValue::Callbacks(Vec::new()),
            (_, None) => FieldValue::Text(String::new()),
            (FieldKind::List, Some(item)) => {
                let array = item.as_array().ok_or_else(|| shape(item))?;
                let texts = array.iter().map(|v| v.as_str().map(str::to_string));
                FieldValue::List(texts.collect::<Option<_>>().ok_or_else(|| shape(item))?)
            }
            (FieldKind::Switch, Some(item)) => {
                FieldValue::Switch(item.as_bool().ok_or_else(|| shape(item))?)
            }
            (FieldKind::Callbacks, Some(item)) => {
                let tables = item.as_array_of_tables().ok_or_else(|| shape(item))?;
                let mut all = Vec::new();
                for table in tables.iter() {
                    let mut c = CallbackFields::default();
                    for (k, v) in table.iter() {
                        let line = at(table.key(k).and_then(|k| k.span()).or(v.span()));
                        if !CALLBACK_KEYS.contains(&k) {
                            let key = format!("timers.callbacks.{k}");
                            return Err(FormError::Unknown { line, key });
                        }
                        let text = v.as_str().ok_or_else(|| FormError::Shape {
                            line,
                            path: format!("timers.callbacks.{k}"),
                            want: "a text in quotes",
                        })?;
                        c.set(k, text.to_string());
                    }
                    all.push(c);
                }
                FieldValue::Callbacks(all)
            }
            (FieldKind::Date, Some(item)) => FieldValue::Text(match item.as_value() {
                Some(Value::Datetime(d)) => d.value().to_string(),
                Some(Value::String(s)) => s.value().clone(),
                _ => return Err(shape(item)),
            }),
            (_, Some(item)) => {
                FieldValue::Text(item.as_str().ok_or_else(|| shape(item))?.to_string())
            }
        };
        fields.push(Field { spec, value });
    }
    Ok(Fields(fields))
}

/// The item at a dotted path.
fn get<'a>(root: &'a Table, path: &str) -> Option<&'a Item> {
    match path.split_once('.') {
        None => root.get(path),
        Some((table, key)) => root.get(table)?.as_table_like()?.get(key),
    }
}

/// Writes one field's value into the card's text and returns the new text: only that value's
/// bytes change (an empty value removes its key, a new key is added after its neighbours).
/// Writing the value a field already holds returns the text unchanged.
pub fn set_field(text: &str, path: &str, value: &FieldValue) -> Result<String, FormError> {
    let spec = field_spec(path).ok_or_else(|| FormError::NoSuchField(path.to_string()))?;
    if !spec.editable {
        return Err(FormError::ReadOnly(path.to_string()));
    }
    let fields = read_fields(text)?;
    if fields.get(path) == Some(value) {
        return Ok(text.to_string());
    }
    let wrong = || FormError::WrongValue {
        path: path.to_string(),
        want: want(spec.kind),
    };
    let fm = front_matter(text)?;
    let mut doc: DocumentMut = text[fm.clone()]
        .parse()
        .map_err(|e: toml_edit::TomlError| FormError::Toml {
            line: 1,
            message: e.message().to_string(),
        })?;
    let (table, key) = match path.split_once('.') {
        None => (doc.as_table_mut(), path),
        Some((name, key)) => {
            let root = doc.as_table_mut();
            if !root.contains_key(name) {
                let mut t = Table::new();
                t.set_implicit(false);
                t.set_position(make_room_before_later_tables(root, name));
                root.insert(name, Item::Table(t));
            }
            let t = root
                .get_mut(name)
                .and_then(Item::as_table_mut)
                .ok_or_else(wrong)?;
            (t, key)
        }
    };
    match (spec.kind, value) {
        (FieldKind::Switch, FieldValue::Switch(false)) => {
            table.remove(key);
        }
        (FieldKind::Switch, FieldValue::Switch(true)) => set_value(table, key, Value::from(true)),
        (FieldKind::List, FieldValue::List(items)) if items.is_empty() && !spec.required => {
            table.remove(key);
        }
        (FieldKind::List, FieldValue::List(items)) => {
            let old = table.get(key).and_then(Item::as_array).cloned();
            set_value(table, key, Value::Array(write_list(old, items)));
        }
        (FieldKind::Callbacks, FieldValue::Callbacks(items)) if items.is_empty() => {
            table.remove(key);
        }
        (FieldKind::Callbacks, FieldValue::Callbacks(items)) => {
            let mut tables = match table.remove(key) {
                Some(Item::ArrayOfTables(t)) => t,
                _ => ArrayOfTables::new(),
            };
            write_callbacks(&mut tables, items);
            table.insert(key, Item::ArrayOfTables(tables));
        }
        (FieldKind::Switch | FieldKind::List | FieldKind::Callbacks, _) => return Err(wrong()),
        (_, FieldValue::Text(t)) if t.trim().is_empty() && !spec.required => {
            table.remove(key);
        }
        (kind, FieldValue::Text(t)) => {
            let t = t.trim();
            let value = match (kind, t.parse::<toml_edit::Datetime>()) {
                (FieldKind::Date, Ok(d)) => Value::from(d),
                _ => Value::from(t),
            };
            set_value(table, key, value);
        }
        _ => return Err(wrong()),
    }
    // A table the edit left empty (the last timer removed) goes too, header and all.
    if let Some((name, _)) = path.split_once('.') {
        let root = doc.as_table_mut();
        if root
            .get(name)
            .and_then(Item::as_table)
            .is_some_and(Table::is_empty)
        {
            root.remove(name);
        }
    }
    Ok(format!("{}{}{}", &text[..fm.start], doc, &text[fm.end..]))
}

/// A new table's place in the document: before the first table of a field that comes after it
/// in the form's order (`[timers]` before `[source]`), whose position and every later one move
/// up by one; `None` (the end) when none follows.
fn make_room_before_later_tables(root: &mut Table, name: &str) -> Option<isize> {
    let later = FIELDS
        .iter()
        .skip_while(|f| !f.path.starts_with(&format!("{name}.")))
        .filter_map(|f| f.path.split_once('.').map(|(t, _)| t))
        .filter(|t| *t != name)
        .find_map(|t| {
            root.get(t)
                .and_then(Item::as_table)
                .and_then(Table::position)
        })?;
    bump_positions(root, later);
    Some(later)
}

fn bump_positions(table: &mut Table, from: isize) {
    if let Some(p) = table.position().filter(|p| *p >= from) {
        table.set_position(Some(p + 1));
    }
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => bump_positions(t, from),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(|t| bump_positions(t, from)),
            _ => {}
        }
    }
}

/// Sets `key` to `value`, keeping the old value's surroundings (spaces, a comment after it).
fn set_value(table: &mut Table, key: &str, mut value: Value) {
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    table.insert(key, Item::Value(value));
}

/// The new list, item by item in the old one's layout: an unchanged item keeps its bytes, a
/// changed one its place, an added one the layout of the last (one per line when new).
fn write_list(old: Option<Array>, items: &[String]) -> Array {
    let old = old.filter(|a| !a.is_empty());
    let mut array = Array::new();
    for (i, text) in items.iter().enumerate() {
        let was = old.as_ref().and_then(|a| a.get(i));
        if was.and_then(Value::as_str) == Some(text.as_str()) {
            array.push_formatted(was.cloned().expect("checked above"));
            continue;
        }
        let like = was.or_else(|| old.as_ref().and_then(|a| a.iter().last()));
        let mut value = Value::from(text.as_str());
        match like {
            Some(like) => *value.decor_mut() = like.decor().clone(),
            None => value.decor_mut().set_prefix("\n  "),
        }
        array.push_formatted(value);
    }
    match &old {
        Some(old) => {
            array.set_trailing(old.trailing().clone());
            array.set_trailing_comma(old.trailing_comma());
            *array.decor_mut() = old.decor().clone();
        }
        None if !items.is_empty() => {
            array.set_trailing("\n");
            array.set_trailing_comma(true);
        }
        None => {}
    }
    array
}

/// The callbacks, table by table: kept tables change only their changed keys.
fn write_callbacks(tables: &mut ArrayOfTables, items: &[CallbackFields]) {
    while tables.len() > items.len() {
        tables.remove(tables.len() - 1);
    }
    for (i, item) in items.iter().enumerate() {
        if i == tables.len() {
            tables.push(Table::new());
        }
        let table = tables.get_mut(i).expect("pushed above");
        for key in CALLBACK_KEYS {
            let new = item.get(key).trim();
            let old = table.get(key).and_then(Item::as_str);
            if old == Some(new) {
                continue;
            }
            if new.is_empty() {
                table.remove(key);
            } else {
                set_value(table, key, Value::from(new));
            }
        }
    }
}

#[cfg(test)]
mod tests;
