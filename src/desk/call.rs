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
    /// Chosen branch per decision step, keyed like `checked`.
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

fn step_label(step: &Step) -> &str {
    match step {
        Step::Action { text, .. } | Step::Say { text, .. } | Step::Decision { text, .. } => text,
    }
}

fn walk(p: &Procedure, steps: &[Step], prefix: &str, call: &CallState, out: &mut Vec<String>) {
    for (i, step) in steps.iter().enumerate() {
        let path = if prefix.is_empty() {
            i.to_string()
        } else {
            format!("{prefix}.{i}")
        };
        let key = step_key(&p.id, &path);
        let mut line = None;
        if call.is_checked(&key) {
            line = Some(step_label(step).to_string());
        }
        if let Step::Decision { branches, .. } = step {
            if let Some(b) = call
                .chosen(&key)
                .and_then(|b| branches.get(b).map(|br| (b, br)))
            {
                line = Some(format!("{} → {}", step_label(step), b.1.condition));
                if let Some(l) = line.take() {
                    out.push(l);
                }
                walk(p, &b.1.steps, &format!("{path}.{}", b.0), call, out);
                continue;
            }
        }
        if let Some(l) = line {
            out.push(l);
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
