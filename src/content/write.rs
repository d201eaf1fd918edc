//! Writes a `Procedure` back as a content file (TOML front matter + Markdown steps).
//! Used by `kb synth`; the round trip through `parse` is tested.

use super::{format_duration, Procedure, Step};
use serde::Serialize;

#[derive(Serialize)]
struct Front<'a> {
    id: &'a str,
    lang: &'a str,
    title: &'a str,
    category: &'a str,
    situations: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    cautions: &'a [String],
    timers: Timers,
    source: Source<'a>,
}

#[derive(Serialize)]
struct Timers {
    #[serde(skip_serializing_if = "Option::is_none")]
    hold_limit: Option<String>,
    no_hold: bool,
    callbacks: Vec<Callback>,
}

#[derive(Serialize)]
struct Callback {
    #[serde(skip_serializing_if = "Option::is_none")]
    within: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<String>,
    reason: String,
}

#[derive(Serialize)]
struct Source<'a> {
    file: &'a str,
    section: &'a str,
}

/// Markdown-escapes characters that would start markup at the beginning of a line or inline.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn write_steps(steps: &[Step], indent: &str, out: &mut String) {
    for (i, step) in steps.iter().enumerate() {
        let prefix = format!("{}. ", i + 1);
        let cont = format!("{indent}{}", " ".repeat(prefix.len()));
        out.push_str(indent);
        out.push_str(&prefix);
        match step {
            Step::Action { text, details } => {
                out.push_str(&esc(text));
                out.push('\n');
                for d in details {
                    out.push_str(&format!("{cont}- {}\n", esc(d)));
                }
            }
            Step::Say { lead, text } => {
                if let Some(lead) = lead {
                    out.push_str(&format!("{}\n{cont}", esc(lead)));
                }
                let quoted: Vec<String> = text.lines().map(|l| format!("> {}", esc(l))).collect();
                out.push_str(&quoted.join(&format!("\n{cont}>\n{cont}")));
                out.push('\n');
            }
            Step::Decision { text, branches } => {
                out.push_str(&if text.is_empty() {
                    "?".to_string()
                } else {
                    esc(text)
                });
                out.push('\n');
                write_branches(branches, &cont, out);
            }
        }
    }
}

/// Branches as bullets; inside a branch, a decision without a question of its own is written as
/// nested bullets (the form the parser reads back as such a decision).
fn write_branches(branches: &[super::Branch], indent: &str, out: &mut String) {
    for b in branches {
        out.push_str(&format!("{indent}- {} →\n", esc(&b.condition)));
        let inner = format!("{indent}  ");
        let mut run: Vec<Step> = Vec::new();
        for s in &b.steps {
            match s {
                Step::Decision { text, branches } if text.is_empty() => {
                    write_steps(&std::mem::take(&mut run), &inner, out);
                    write_branches(branches, &inner, out);
                }
                s => run.push(s.clone()),
            }
        }
        write_steps(&run, &inner, out);
    }
}

pub fn to_markdown(p: &Procedure) -> String {
    let front = Front {
        id: &p.id,
        lang: p.lang.code(),
        title: &p.title,
        category: &p.category,
        situations: &p.situations,
        cautions: &p.cautions,
        timers: Timers {
            hold_limit: p.timers.hold_limit_secs.map(format_duration),
            no_hold: p.timers.no_hold,
            callbacks: p
                .timers
                .callbacks
                .iter()
                .map(|c| Callback {
                    within: c.within_secs.map(format_duration),
                    after: c.after_secs.map(format_duration),
                    reason: c.reason.clone(),
                })
                .collect(),
        },
        source: Source {
            file: &p.source.file,
            section: &p.source.section,
        },
    };
    let mut out = format!(
        "+++\n{}+++\n\n## Steps\n\n",
        toml::to_string(&front).expect("front matter serialises")
    );
    write_steps(&p.steps, "", &mut out);
    if !p.notes.is_empty() {
        out.push_str("\n## Notes\n\n");
        for n in &p.notes {
            out.push_str(&format!("{}\n\n", esc(n)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse::{load_dir, parse_file};
    use std::path::Path;

    #[test]
    fn every_real_procedure_round_trips() {
        let procs = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap();
        for p in procs {
            let md = to_markdown(&p);
            let back = parse_file(Path::new("x.md"), md.as_bytes())
                .unwrap_or_else(|e| panic!("{}: {e:?}\n{md}", p.id));
            assert_eq!(back, p, "{}", p.id);
        }
    }
}
