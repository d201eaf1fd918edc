//! The front matter's TOML shape, defined once: `parse` reads it (with spans, unknown keys are
//! errors) and `write` fills it from a `Procedure`. The field docs are the editor's reference.

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// The front matter as written. Unknown keys are errors, so a typo such as `titel` is caught
/// with its line instead of silently dropping a field.
#[derive(Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct FrontMatter {
    /// Default false: `true` while the card is being written (`kb new` sets it). A draft is
    /// checked but never published; removing the line publishes it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Required: a stable slug, used in deep links (`#/p/<id>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Spanned<String>>,
    /// Required: one of `Lang::ALL`'s codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Spanned<String>>,
    /// Required: the situation as an operator would name it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Spanned<String>>,
    /// Required: a short group name shown beside the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Spanned<String>>,
    /// Required (at least one): phrasings an operator might type.
    #[serde(default)]
    pub situations: Vec<Spanned<String>>,
    /// Default empty: warnings shown highlighted above the steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cautions: Vec<Spanned<String>>,
    /// Default: always. The first day the desk offers the card (`2026-12-01`, from its first
    /// moment), or the moment with its offset (`2026-12-01T08:00:00+07:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Spanned<DateToml>>,
    /// Default: always. The last day the desk offers the card (to its end), or the moment it
    /// stops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Spanned<DateToml>>,
    /// Default none: the day the card is due to be checked again (a warning after it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<Spanned<DateToml>>,
    /// Default none: who answers for the card, a name or a team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Spanned<String>>,
    /// Default: no hold limit of its own (the app's 30 s), holding allowed, no callbacks.
    #[serde(default, skip_serializing_if = "TimersToml::is_empty")]
    pub timers: TimersToml,
    /// Required: where in the source documents this comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceToml>,
}

/// A date as TOML writes it (`2026-12-01`, unquoted) or quoted as text: editors write both.
#[derive(Deserialize, Serialize, Clone)]
#[serde(untagged)]
pub(super) enum DateToml {
    Toml(toml::value::Datetime),
    Text(String),
}

impl DateToml {
    /// The value as text, for `Moment::parse`.
    pub fn text(&self) -> String {
        match self {
            DateToml::Toml(d) => d.to_string(),
            DateToml::Text(t) => t.clone(),
        }
    }

    /// Written unquoted, as TOML's own date (falls back to text if TOML cannot read it).
    pub fn of(text: String) -> DateToml {
        text.parse()
            .map(DateToml::Toml)
            .unwrap_or(DateToml::Text(text))
    }
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceToml {
    /// The source document's file name.
    pub file: Spanned<String>,
    /// The source's own heading(s), outermost first, separated by ` › ` (several: ` + `).
    pub section: Spanned<String>,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default, deny_unknown_fields)]
pub(super) struct TimersToml {
    /// Default none (the app uses 30 s): how long the caller may wait on hold, e.g. "60s".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hold_limit: Option<Spanned<String>>,
    /// Default false: true where the source forbids holding at all.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_hold: bool,
    /// Default none: callbacks the operator promises during this procedure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub callbacks: Vec<CallbackToml>,
}

impl TimersToml {
    fn is_empty(&self) -> bool {
        self.hold_limit.is_none() && !self.no_hold && self.callbacks.is_empty()
    }
}

/// `from` values: what a callback window counts from.
pub(super) const FROM_CALL_END: &str = "call_end";
pub(super) const FROM_ENTERED: &str = "entered";

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CallbackToml {
    /// Default none ("as soon as it is done"): call back no later than this, e.g. "1h".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<Spanned<String>>,
    /// Default none: not before this, e.g. "3d".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Spanned<String>>,
    /// Default "call_end": or "entered", a moment the operator enters (named by `from_label`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Spanned<String>>,
    /// Required with `from = "entered"`: what happened at that moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_label: Option<Spanned<String>>,
    pub reason: String,
}

/// A value to write (the span only matters when reading).
pub(super) fn unspanned<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}
