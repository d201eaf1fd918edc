//! The content model: one `Procedure` per situation an operator meets.
//! Parsed from `content/*.md` (see `parse`, and `check_folder` for a whole folder: natively in
//! `kb`, in the page in the studio), shipped to the operator page inside the index blob.

#[cfg(authoring)]
pub mod attention;
#[cfg(not(target_arch = "wasm32"))]
pub mod clock;
mod duration;
#[cfg(authoring)]
mod error;
#[cfg(authoring)]
mod fields;
#[cfg(authoring)]
mod folder;
pub mod link;
// Reading a content directory from disk (`kb`, native tests): the one native-only room.
#[cfg(not(target_arch = "wasm32"))]
mod load;
#[cfg(authoring)]
pub mod parse;
mod places;
pub mod rules;
#[cfg(authoring)]
mod schema;
#[cfg(authoring)]
pub mod settings;
pub mod synonyms;
#[cfg(authoring)]
pub mod template;
pub mod validity;
#[cfg(authoring)]
pub mod write;

#[cfg(authoring)]
pub use duration::parse_spoken_duration;
pub use duration::{format_duration, parse_duration, DurationError};
#[cfg(authoring)]
pub use error::{ContentError, ContentErrors};
#[cfg(authoring)]
pub use fields::{field_spec, FieldKind, FieldSpec, CALLBACK_KEYS, FIELDS};
#[cfg(authoring)]
pub use folder::{
    check_folder, check_folder_with, file_kind, CardFile, Checked, Content, FileKind, Folder,
    ParseCache,
};
#[cfg(not(target_arch = "wasm32"))]
pub use load::{check_dir, load_content, load_dir, read_folder};
#[cfg(authoring)]
pub use parse::{DateLines, Head, UNFILLED};
pub use places::Place;
#[cfg(not(target_arch = "wasm32"))]
pub use synonyms::load_synonyms;
#[cfg(authoring)]
pub use synonyms::{parse_synonyms, synonym_warnings, SynonymsFile};
pub use synonyms::{OneWay, Synonyms};
pub use validity::{Date, Moment, Standing, Validity, Zone};

use serde::{Deserialize, Serialize};

/// The languages the content is written in. The UI language is a separate matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    Zh,
    Ru,
}

impl Lang {
    /// Every content language, in the order lists and messages show them.
    pub const ALL: [Lang; 3] = [Lang::Vi, Lang::Zh, Lang::Ru];

    /// "vi, zh, ru": for messages that list the choices.
    pub fn codes() -> String {
        Lang::ALL.map(Lang::code).join(", ")
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::Zh => "zh",
            Lang::Ru => "ru",
        }
    }

    /// The language's own name, as a language choice shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::Zh => "中文",
            Lang::Ru => "Русский",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// One procedure: what the operator searches for and then works through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Procedure {
    pub id: String,
    pub lang: Lang,
    pub title: String,
    pub category: String,
    /// Alternative phrasings an operator might type; the main handles for search.
    pub situations: Vec<String>,
    /// Shown highlighted above the steps ("never put on hold").
    pub cautions: Vec<String>,
    pub timers: Timers,
    pub steps: Vec<Step>,
    pub notes: Vec<String>,
    pub source: Source,
    /// Still being written (`draft = true`): checked like every card, left out of the index,
    /// the export and the site; only `kb preview` shows it, marked as a draft.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// When the desk offers it (`valid_from`, `valid_until`), judged on the desk's own clock at
    /// every search; always by default.
    #[serde(default, skip_serializing_if = "Validity::is_always")]
    pub valid: Validity,
    /// When its content is due to be checked again: a warning after that day, naming `owner`.
    /// (Editors' fields: the operator page does not read them.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(authoring), serde(skip_deserializing))]
    pub review_by: Option<Date>,
    /// Who answers for the card: a name or a team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(authoring), serde(skip_deserializing))]
    pub owner: Option<String>,
}

/// Timer rules as data, so the app can start the right clocks without reading prose.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Timers {
    /// Hold limit in seconds; `None` means the app default (30 s).
    pub hold_limit_secs: Option<u64>,
    /// The source forbids putting this caller on hold.
    pub no_hold: bool,
    pub callbacks: Vec<CallbackRule>,
}

/// A promise to call back, with the window the source sets for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallbackRule {
    /// Call back no later than this long after `from`; `None`: "as soon as it is done".
    pub within_secs: Option<u64>,
    /// Not before this long after `from` (follow-up "in 3 to 7 days" has `after` = 3 days).
    pub after_secs: Option<u64>,
    /// What the window counts from: the end of this call, or a moment the operator enters.
    #[serde(default)]
    pub from: CountFrom,
    pub reason: String,
}

/// Where a callback window starts. Most sources count from the end of the call; the MNP cards
/// count two hours from the porting centre's notice, which the operator enters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CountFrom {
    #[default]
    CallEnd,
    /// The operator enters when `label` happened (e.g. "Trung tâm chuyển mạng quốc gia thông báo").
    Entered { label: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub section: String,
}

/// A checklist step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Step {
    /// Something the operator does; `details` are its sub-points.
    Action { text: String, details: Vec<String> },
    /// A line to say, possibly with `{placeholders}`; `lead` says when or how. Several scripts
    /// are alternatives ("script A, or script B"): the operator says one, and the call records
    /// which. Never empty.
    Say {
        lead: Option<String>,
        scripts: Vec<Script>,
    },
    /// The operator picks one branch; its steps are then shown.
    Decision { text: String, branches: Vec<Branch> },
}

/// One script of a say step; `label` names an alternative as the source does ("Hoặc:",
/// "Kịch bản ví dụ 2:").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Script {
    pub label: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Branch {
    pub condition: String,
    pub steps: Vec<Step>,
}

impl Step {
    /// Every piece of text in the step, depth first, in reading order.
    pub fn texts<'a>(&'a self, out: &mut Vec<&'a str>) {
        self.visit(&mut |_, text| out.push(text));
    }
}

/// The `{name}` placeholders of a script line, in order.
pub fn placeholders_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = after[..close].trim();
                if !name.is_empty() && !name.contains('{') {
                    out.push(name.to_string());
                }
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

impl Procedure {
    /// The step texts (actions, scripts, branches) in reading order.
    pub fn step_texts(&self) -> Vec<&str> {
        self.texts_where(Place::in_steps)
    }

    /// The callback and hold rules in words, in the procedure's language (shown on the card
    /// and searchable: "gọi lại sau 3 đến 7 ngày").
    pub fn rule_texts(&self) -> Vec<String> {
        rules::describe(&self.timers, self.lang)
    }

    /// All searchable text as plain text (links as their words): title, situations, cautions,
    /// steps and scripts, rules, notes.
    pub fn text(&self) -> String {
        let (mut parts, mut notes) = (Vec::new(), Vec::new());
        self.visit(&mut |place, text| match place {
            Place::Category => {}
            Place::Note => notes.push(link::plain(text)),
            _ => parts.push(link::plain(text)),
        });
        parts.extend(self.rule_texts());
        parts.extend(notes);
        parts.join("\n")
    }

    /// Ids of the other procedures this one links to, in reading order.
    pub fn links(&self) -> Vec<&str> {
        self.texts_where(Place::on_card)
            .into_iter()
            .flat_map(link::ids)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_in_order() {
        assert_eq!(
            placeholders_in("{Имя звонящего}, вы позвонили в {company}."),
            vec!["Имя звонящего".to_string(), "company".to_string()]
        );
        assert!(placeholders_in("no braces { here").is_empty());
    }

    #[test]
    fn lang_codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("en"), None);
    }
}
