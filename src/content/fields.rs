//! The front matter's fields as one list, in the order a card is read: what the studio's form
//! shows and how. A key added to `schema::FrontMatter` is added here once, and a test fails
//! until it is, so the form never hides a field the file may hold.

/// How a field is typed and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Text that may run long (a source section).
    LongText,
    /// One of the folder's values, or a new one (a category, a source file).
    Choice,
    /// A list of texts, one per line (situations, cautions).
    List,
    /// A duration, typed as a person says it ("1 phút 30 giây", "1:30") and written "90s".
    Duration,
    /// On or off.
    Switch,
    /// A day (`2026-12-01`) or a moment with its offset.
    Date,
    /// The repeatable `[[timers.callbacks]]` tables.
    Callbacks,
}

/// One front-matter field: its dotted path in the TOML, and how the form treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The key, dotted below a table: `title`, `timers.hold_limit`, `source.file`.
    pub path: &'static str,
    pub kind: FieldKind,
    /// `kb check` wants a value.
    pub required: bool,
    /// False for what the studio sets itself (the id and language of a card, from its file).
    pub editable: bool,
    /// Shown the other way round: `draft = true` is "Ready for operators" off.
    pub inverted: bool,
}

const fn field(path: &'static str, kind: FieldKind, required: bool) -> FieldSpec {
    FieldSpec {
        path,
        kind,
        required,
        editable: true,
        inverted: false,
    }
}

/// Every front-matter field, in the form's order.
pub const FIELDS: &[FieldSpec] = &[
    field("title", FieldKind::Text, true),
    field("category", FieldKind::Choice, true),
    field("situations", FieldKind::List, true),
    field("cautions", FieldKind::List, false),
    field("timers.hold_limit", FieldKind::Duration, false),
    field("timers.no_hold", FieldKind::Switch, false),
    field("timers.callbacks", FieldKind::Callbacks, false),
    field("source.file", FieldKind::Choice, true),
    field("source.section", FieldKind::LongText, true),
    field("valid_from", FieldKind::Date, false),
    field("valid_until", FieldKind::Date, false),
    field("review_by", FieldKind::Date, false),
    field("owner", FieldKind::Text, false),
    FieldSpec {
        editable: false,
        ..field("id", FieldKind::Text, true)
    },
    FieldSpec {
        editable: false,
        ..field("lang", FieldKind::Text, true)
    },
    FieldSpec {
        inverted: true,
        ..field("draft", FieldKind::Switch, false)
    },
];

/// The keys of one `[[timers.callbacks]]` table, in the order they are written.
pub const CALLBACK_KEYS: &[&str] = &["within", "after", "from", "from_label", "reason"];

/// The field at `path`.
pub fn field_spec(path: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::{CallbackToml, DateToml, FrontMatter, SourceToml, TimersToml};
    use toml::Spanned;

    fn some<T>(v: T) -> Option<Spanned<T>> {
        Some(Spanned::new(0..0, v))
    }

    /// Every key the schema can write, as dotted paths (callbacks' own keys apart).
    fn schema_paths() -> Vec<String> {
        let fm = FrontMatter {
            draft: true,
            id: some("x".into()),
            lang: some("vi".into()),
            title: some("x".into()),
            category: some("x".into()),
            situations: vec![Spanned::new(0..0, "x".into())],
            cautions: vec![Spanned::new(0..0, "x".into())],
            valid_from: some(DateToml::of("2026-12-01".into())),
            valid_until: some(DateToml::of("2026-12-01".into())),
            review_by: some(DateToml::of("2026-12-01".into())),
            owner: some("x".into()),
            timers: TimersToml {
                hold_limit: some("1h".into()),
                no_hold: true,
                callbacks: vec![CallbackToml {
                    within: some("1h".into()),
                    after: some("1h".into()),
                    from: some("entered".into()),
                    from_label: some("x".into()),
                    reason: "x".into(),
                }],
            },
            source: Some(SourceToml {
                file: Spanned::new(0..0, "x".into()),
                section: Spanned::new(0..0, "x".into()),
            }),
        };
        let value = toml::Value::try_from(&fm).unwrap();
        let mut paths = Vec::new();
        for (k, v) in value.as_table().unwrap() {
            // A TOML date serialises as a table of one private key: a value, not a table.
            let date = v
                .as_table()
                .is_some_and(|t| t.keys().all(|k| k.starts_with("$__toml")));
            match v.as_table().filter(|_| !date) {
                Some(t) => paths.extend(t.keys().map(|k2| format!("{k}.{k2}"))),
                None => paths.push(k.clone()),
            }
        }
        let callback = toml::Value::try_from(&fm.timers.callbacks[0]).unwrap();
        let keys: Vec<&String> = callback.as_table().unwrap().keys().collect();
        let mut want: Vec<&str> = CALLBACK_KEYS.to_vec();
        want.sort();
        let mut keys: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
        keys.sort();
        assert_eq!(keys, want, "CALLBACK_KEYS and CallbackToml differ");
        paths
    }

    #[test]
    fn every_key_of_the_schema_is_a_field_of_the_form_and_no_other() {
        let mut schema = schema_paths();
        schema.sort();
        let mut form: Vec<String> = FIELDS.iter().map(|f| f.path.to_string()).collect();
        form.sort();
        assert_eq!(form, schema);
    }

    #[test]
    fn fields_are_found_by_path() {
        assert_eq!(
            field_spec("timers.hold_limit").unwrap().kind,
            FieldKind::Duration
        );
        assert!(field_spec("draft").unwrap().inverted);
        assert!(!field_spec("id").unwrap().editable);
        assert!(field_spec("titel").is_none());
    }
}
