//! The current call: which steps are checked, which branches chosen, the hold, the notes and the
//! call context used to fill script placeholders. Persisted so a reload or crash loses nothing.

use super::hold::{format_mmss, Hold};
use crate::content::{Procedure, Step};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the scripts' placeholders are filled from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallContext {
    pub customer_name: String,
    pub operator_name: String,
    pub company: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallState {
    pub started_ms: f64,
    /// Procedures opened during this call, in order (the last is the current one).
    pub procedures: Vec<String>,
    /// Checked steps as `procedure-id#path` (path: step indices and branch indices, dot-separated).
    pub checked: BTreeSet<String>,
    /// Chosen branch per decision step, and chosen script per step with alternatives, keyed
    /// like `checked`.
    pub branches: BTreeMap<String, usize>,
    pub hold: Hold,
    pub notes: String,
    pub context: CallContext,
    /// Callbacks scheduled during this call (ids in the callback list).
    pub callbacks: Vec<String>,
}

/// The key of a step: `procedure-id#2` for the third step, `procedure-id#2.1.0` for the first
/// step of the second branch of that decision.
pub fn step_key(procedure_id: &str, path: &str) -> String {
    format!("{procedure_id}#{path}")
}

/// The path of step `i` in the list at `prefix` ("" for the top-level list).
pub fn step_path(prefix: &str, i: usize) -> String {
    if prefix.is_empty() {
        i.to_string()
    } else {
        format!("{prefix}.{i}")
    }
}

/// The prefix of the steps inside branch `b` of the decision at `path`.
pub fn branch_prefix(path: &str, b: usize) -> String {
    format!("{path}.{b}")
}

impl CallState {
    pub fn new(now_ms: f64) -> CallState {
        CallState {
            started_ms: now_ms,
            ..Default::default()
        }
    }

    /// Whether "New call" should ask first.
    pub fn has_progress(&self) -> bool {
        !self.checked.is_empty()
            || !self.branches.is_empty()
            || self.hold.finished_ms > 0.0
            || self.hold.is_running()
            || !self.notes.trim().is_empty()
    }

    pub fn open(&mut self, procedure_id: &str) {
        self.procedures.retain(|p| p != procedure_id);
        self.procedures.push(procedure_id.to_string());
    }

    pub fn is_checked(&self, key: &str) -> bool {
        self.checked.contains(key)
    }

    pub fn toggle(&mut self, key: &str) {
        if !self.checked.remove(key) {
            self.checked.insert(key.to_string());
        }
    }

    pub fn choose(&mut self, key: &str, branch: usize) {
        self.branches.insert(key.to_string(), branch);
    }

    pub fn chosen(&self, key: &str) -> Option<usize> {
        self.branches.get(key).copied()
    }

    /// Plain text for the CRM: procedures, steps done, branches chosen, hold time, callbacks, notes.
    pub fn summary(
        &self,
        procedures: &[&Procedure],
        callbacks: &[String],
        labels: &SummaryLabels,
        now_ms: f64,
    ) -> String {
        let mut out = Vec::new();
        for p in procedures {
            out.push(format!("{}: {}", labels.procedure, p.title));
            let mut done = Vec::new();
            walk(p, &p.steps, "", self, &mut done);
            if done.is_empty() {
                out.push(format!("  {}: -", labels.steps_done));
            } else {
                out.push(format!("  {}:", labels.steps_done));
                out.extend(done.into_iter().map(|d| format!("  - {d}")));
            }
        }
        out.push(format!(
            "{}: {}",
            labels.hold_time,
            format_mmss(self.hold.total_secs(now_ms))
        ));
        for c in callbacks {
            out.push(format!("{}: {c}", labels.callback));
        }
        if !self.notes.trim().is_empty() {
            out.push(format!("{}: {}", labels.notes, self.notes.trim()));
        }
        out.join("\n")
    }
}

pub struct SummaryLabels {
    pub procedure: &'static str,
    pub steps_done: &'static str,
    pub hold_time: &'static str,
    pub callback: &'static str,
    pub notes: &'static str,
}

/// A step as one line of the summary: its text, or for a script its lead (else the script).
fn step_label(step: &Step) -> String {
    let text = match step {
        Step::Action { text, .. } | Step::Decision { text, .. } => text.as_str(),
        Step::Say { lead, scripts } => lead
            .as_deref()
            .or(scripts.first().map(|s| s.text.as_str()))
            .unwrap_or(""),
    };
    crate::content::link::plain(text)
}

/// How the summary names a chosen alternative: its label, else its number.
fn alternative_label(scripts: &[crate::content::Script], chosen: usize) -> Option<String> {
    let s = scripts.get(chosen)?;
    Some(match &s.label {
        Some(l) => l.trim_end_matches(':').trim().to_string(),
        None => format!("#{}", chosen + 1),
    })
}

fn walk(p: &Procedure, steps: &[Step], prefix: &str, call: &CallState, out: &mut Vec<String>) {
    for (i, step) in steps.iter().enumerate() {
        let path = step_path(prefix, i);
        let key = step_key(&p.id, &path);
        match step {
            Step::Decision { branches, .. } => {
                if let Some((b, branch)) = call
                    .chosen(&key)
                    .and_then(|b| branches.get(b).map(|br| (b, br)))
                {
                    out.push(format!(
                        "{} → {}",
                        step_label(step),
                        crate::content::link::plain(&branch.condition)
                    ));
                    walk(p, &branch.steps, &branch_prefix(&path, b), call, out);
                    continue;
                }
            }
            Step::Say { scripts, .. } if scripts.len() > 1 => {
                let chosen = call
                    .chosen(&key)
                    .and_then(|c| alternative_label(scripts, c));
                if let (true, Some(alt)) = (call.is_checked(&key), chosen) {
                    out.push(format!("{} → {alt}", step_label(step)));
                    continue;
                }
            }
            _ => {}
        }
        if call.is_checked(&key) {
            out.push(step_label(step));
        }
    }
}

/// Fills `{customer_name}`, `{operator_name}` and `{company}`; other placeholders stay for the
/// operator to say in their own words, and empty context values leave the placeholder visible.
pub fn fill_placeholders(text: &str, ctx: &CallContext) -> String {
    let mut out = text.to_string();
    for (name, value) in [
        ("customer_name", &ctx.customer_name),
        ("operator_name", &ctx.operator_name),
        ("company", &ctx.company),
    ] {
        if !value.trim().is_empty() {
            out = out.replace(&format!("{{{name}}}"), value.trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Branch, Lang, Source, Timers};

    fn proc() -> Procedure {
        Procedure {
            id: "p".into(),
            lang: Lang::Vi,
            title: "Gặp trưởng ca".into(),
            category: "c".into(),
            situations: vec![],
            cautions: vec![],
            timers: Timers::default(),
            steps: vec![
                Step::Action {
                    text: "Hỏi nội dung".into(),
                    details: vec![],
                },
                Step::Decision {
                    text: "Đồng ý?".into(),
                    branches: vec![
                        Branch {
                            condition: "Có".into(),
                            steps: vec![Step::Action {
                                text: "Hỗ trợ".into(),
                                details: vec![],
                            }],
                        },
                        Branch {
                            condition: "Không".into(),
                            steps: vec![Step::Action {
                                text: "Chuyển máy".into(),
                                details: vec![],
                            }],
                        },
                    ],
                },
            ],
            notes: vec![],
            source: Source {
                file: "f".into(),
                section: "s".into(),
            },
        }
    }

    const LABELS: SummaryLabels = SummaryLabels {
        procedure: "Procedure",
        steps_done: "Steps done",
        hold_time: "Hold time",
        callback: "Callback",
        notes: "Notes",
    };

    #[test]
    fn summary_lists_steps_branches_hold_and_callbacks() {
        let p = proc();
        let mut c = CallState::new(0.0);
        c.toggle(&step_key("p", "0"));
        c.choose(&step_key("p", "1"), 1);
        c.toggle(&step_key("p", "1.1.0"));
        c.hold.start(1_000.0);
        c.hold.stop(66_000.0);
        c.notes = "khách gọi lại sau".into();
        let s = c.summary(&[&p], &["An 0901 14:30".into()], &LABELS, 70_000.0);
        assert_eq!(
            s,
            "Procedure: Gặp trưởng ca\n  Steps done:\n  - Hỏi nội dung\n  - Đồng ý? → Không\n  - Chuyển máy\nHold time: 1:05\nCallback: An 0901 14:30\nNotes: khách gọi lại sau"
        );
    }

    #[test]
    fn the_summary_names_the_alternative_said() {
        let mut p = proc();
        p.steps.push(Step::Say {
            lead: Some("Hỏi lý do:".into()),
            scripts: vec![
                crate::content::Script {
                    label: Some("Kịch bản ví dụ 1:".into()),
                    text: "Một".into(),
                },
                crate::content::Script {
                    label: None,
                    text: "Hai".into(),
                },
            ],
        });
        let mut c = CallState::new(0.0);
        c.toggle(&step_key("p", "2"));
        c.choose(&step_key("p", "2"), 0);
        let s = c.summary(&[&p], &[], &LABELS, 0.0);
        assert!(s.contains("  - Hỏi lý do: → Kịch bản ví dụ 1\n"), "{s}");
        c.choose(&step_key("p", "2"), 1);
        let s = c.summary(&[&p], &[], &LABELS, 0.0);
        assert!(s.contains("  - Hỏi lý do: → #2\n"), "{s}");
    }

    #[test]
    fn step_paths_nest_through_branches() {
        assert_eq!(step_path("", 2), "2");
        assert_eq!(step_path(&branch_prefix("2", 1), 0), "2.1.0");
    }

    #[test]
    fn toggling_and_progress() {
        let mut c = CallState::new(0.0);
        assert!(!c.has_progress());
        c.toggle("p#0");
        assert!(c.is_checked("p#0") && c.has_progress());
        c.toggle("p#0");
        assert!(!c.has_progress());
        c.open("a");
        c.open("b");
        c.open("a");
        assert_eq!(c.procedures, ["b", "a"]);
    }

    #[test]
    fn placeholders_fill_from_the_call_context() {
        let ctx = CallContext {
            customer_name: "Иван".into(),
            operator_name: String::new(),
            company: "MobiFone".into(),
        };
        assert_eq!(
            fill_placeholders(
                "{customer_name}, вы позвонили в {company}. {operator_name} {time}",
                &ctx
            ),
            "Иван, вы позвонили в MobiFone. {operator_name} {time}"
        );
    }
}
