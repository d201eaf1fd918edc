//! The content model: one `Procedure` per situation an operator meets.
//! Parsed natively from `content/*.md` (see `parse`), shipped to the page inside the index blob.

mod duration;
#[cfg(not(target_arch = "wasm32"))]
pub mod parse;
#[cfg(not(target_arch = "wasm32"))]
pub mod write;

pub use duration::{format_duration, parse_duration, DurationError};

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
    pub const ALL: [Lang; 3] = [Lang::Vi, Lang::Zh, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::Zh => "zh",
            Lang::Ru => "ru",
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
    /// Call back no later than this long after the call ends; `None`: "as soon as it is done".
    pub within_secs: Option<u64>,
    /// Not before this long after the call (follow-up "in 3 to 7 days" has `after` = 3 days).
    pub after_secs: Option<u64>,
    pub reason: String,
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
    /// A line to say, possibly with `{placeholders}`; `lead` says when or how.
    Say { lead: Option<String>, text: String },
    /// The operator picks one branch; its steps are then shown.
    Decision { text: String, branches: Vec<Branch> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Branch {
    pub condition: String,
    pub steps: Vec<Step>,
}

impl Step {
    /// Every piece of text in the step, depth first, in reading order.
    pub fn texts<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Step::Action { text, details } => {
                out.push(text);
                out.extend(details.iter().map(String::as_str));
            }
            Step::Say { lead, text } => {
                if let Some(lead) = lead {
                    out.push(lead);
                }
                out.push(text);
            }
            Step::Decision { text, branches } => {
                if !text.is_empty() {
                    out.push(text);
                }
                for b in branches {
                    out.push(&b.condition);
                    for s in &b.steps {
                        s.texts(out);
                    }
                }
            }
        }
    }

    /// Names inside `{...}` in script text, e.g. `customer_name`.
    pub fn placeholders(&self) -> Vec<String> {
        let mut texts = Vec::new();
        self.texts(&mut texts);
        let mut names = Vec::new();
        for t in texts {
            for name in placeholders_in(t) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
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
        let mut out = Vec::new();
        for s in &self.steps {
            s.texts(&mut out);
        }
        out
    }

    /// All searchable text as plain text: title, situations, steps, scripts, cautions, notes.
    pub fn text(&self) -> String {
        let mut parts: Vec<&str> = vec![&self.title];
        parts.extend(self.situations.iter().map(String::as_str));
        parts.extend(self.cautions.iter().map(String::as_str));
        parts.extend(self.step_texts());
        parts.extend(self.notes.iter().map(String::as_str));
        parts.join("\n")
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
