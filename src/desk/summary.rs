//! The call as plain text for the CRM (procedures, steps done, branches and alternatives
//! chosen, hold time, callbacks, notes), and the scripts' placeholders filled from the call.

use super::call::{branch_prefix, step_key, step_path, CallContext, CallState};
use super::hold::format_mmss;
use crate::content::{Procedure, Step};

impl CallState {
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
            format_mmss(self.hold.value.total_secs(now_ms))
        ));
        for c in callbacks {
            out.push(format!("{}: {c}", labels.callback));
        }
        if !self.notes.value.trim().is_empty() {
            out.push(format!("{}: {}", labels.notes, self.notes.value.trim()));
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
        ("customer_name", &ctx.customer_name.value),
        ("operator_name", &ctx.operator_name.value),
        ("company", &ctx.company.value),
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
    use crate::desk::call::CallField;
    use crate::desk::stamped::Stamped;

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
            draft: false,
            valid: Default::default(),
            review_by: None,
            owner: None,
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
        let mut c = CallState::new("c1".into(), 0.0);
        c.toggle(&step_key("p", "0"), 1.0);
        c.choose(&step_key("p", "1"), 1, 2.0);
        c.toggle(&step_key("p", "1.1.0"), 3.0);
        c.start_hold(1_000.0);
        c.stop_hold(66_000.0);
        c.set_field(CallField::Notes, "khách gọi lại sau".into(), 67_000.0);
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
        let mut c = CallState::new("c1".into(), 0.0);
        c.toggle(&step_key("p", "2"), 1.0);
        c.choose(&step_key("p", "2"), 0, 1.0);
        let s = c.summary(&[&p], &[], &LABELS, 0.0);
        assert!(s.contains("  - Hỏi lý do: → Kịch bản ví dụ 1\n"), "{s}");
        c.choose(&step_key("p", "2"), 1, 2.0);
        let s = c.summary(&[&p], &[], &LABELS, 0.0);
        assert!(s.contains("  - Hỏi lý do: → #2\n"), "{s}");
    }

    #[test]
    fn placeholders_fill_from_the_call_context() {
        let ctx = CallContext {
            customer_name: Stamped::new("Иван".into(), 1.0),
            operator_name: Stamped::default(),
            company: Stamped::new("MobiFone".into(), 1.0),
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
