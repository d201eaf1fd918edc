//! Writes a `Procedure` back as a content file (TOML front matter + Markdown steps).
//! Used by `kb synth`; the round trip through `parse` is tested.

use super::link::{segments, Segment};
use super::schema::{
    unspanned, CallbackToml, DateToml, FrontMatter, SourceToml, TimersToml, FROM_ENTERED,
};
use super::{format_duration, CountFrom, Procedure, Script, Step};

/// Markdown-escapes characters that would start markup, except in `[[links]]`.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for seg in segments(text) {
        match seg {
            Segment::Text(t) => {
                for c in t.chars() {
                    if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            Segment::Link { id, words: None } => out.push_str(&format!("[[{id}]]")),
            Segment::Link { id, words: Some(w) } => out.push_str(&format!("[[{id}|{w}]]")),
        }
    }
    out
}

/// A script as quoted lines, each continuation line indented by `cont`.
fn quote(text: &str, cont: &str) -> String {
    let quoted: Vec<String> = text.lines().map(|l| format!("> {}", esc(l))).collect();
    quoted.join(&format!("\n{cont}>\n{cont}"))
}

/// Alternatives as bullets: an optional label line, then the quote.
fn write_alternatives(scripts: &[Script], indent: &str, out: &mut String) {
    let cont = format!("{indent}  ");
    for s in scripts {
        out.push_str(&format!("{indent}- "));
        if let Some(label) = &s.label {
            out.push_str(&format!("{}\n{cont}", esc(label)));
        }
        out.push_str(&quote(&s.text, &cont));
        out.push('\n');
    }
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
            Step::Say { lead, scripts } => match scripts.as_slice() {
                [one] if one.label.is_none() => {
                    if let Some(lead) = lead {
                        out.push_str(&format!("{}\n{cont}", esc(lead)));
                    }
                    out.push_str(&quote(&one.text, &cont));
                    out.push('\n');
                }
                many => {
                    // Alternatives need a lead line to hang from; "…" stands in for none.
                    out.push_str(&esc(lead.as_deref().unwrap_or("…")));
                    out.push('\n');
                    write_alternatives(many, &cont, out);
                }
            },
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
                Step::Say {
                    lead: None,
                    scripts,
                } if scripts.len() > 1 || scripts.iter().any(|s| s.label.is_some()) => {
                    write_steps(&std::mem::take(&mut run), &inner, out);
                    write_alternatives(scripts, &inner, out);
                }
                s => run.push(s.clone()),
            }
        }
        write_steps(&run, &inner, out);
    }
}

pub fn to_markdown(p: &Procedure) -> String {
    let spanned = |v: &[String]| v.iter().cloned().map(unspanned).collect::<Vec<_>>();
    let front = FrontMatter {
        id: Some(unspanned(p.id.clone())),
        lang: Some(unspanned(p.lang.code().to_string())),
        title: Some(unspanned(p.title.clone())),
        category: Some(unspanned(p.category.clone())),
        situations: spanned(&p.situations),
        cautions: spanned(&p.cautions),
        valid_from: p.valid.from.map(|m| unspanned(DateToml::of(m.to_string()))),
        valid_until: p
            .valid
            .until
            .map(|m| unspanned(DateToml::of(m.to_string()))),
        review_by: p.review_by.map(|d| unspanned(DateToml::of(d.to_string()))),
        owner: p.owner.clone().map(unspanned),
        timers: TimersToml {
            hold_limit: p
                .timers
                .hold_limit_secs
                .map(|s| unspanned(format_duration(s))),
            no_hold: p.timers.no_hold,
            callbacks: p
                .timers
                .callbacks
                .iter()
                .map(|c| CallbackToml {
                    within: c.within_secs.map(|s| unspanned(format_duration(s))),
                    after: c.after_secs.map(|s| unspanned(format_duration(s))),
                    from: match c.from {
                        CountFrom::CallEnd => None,
                        CountFrom::Entered { .. } => Some(unspanned(FROM_ENTERED.to_string())),
                    },
                    from_label: match &c.from {
                        CountFrom::CallEnd => None,
                        CountFrom::Entered { label } => Some(unspanned(label.clone())),
                    },
                    reason: c.reason.clone(),
                })
                .collect(),
        },
        source: Some(SourceToml {
            file: unspanned(p.source.file.clone()),
            section: unspanned(p.source.section.clone()),
        }),
        draft: p.draft,
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
    use crate::content::load_dir;
    use crate::content::parse::parse_file;
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

    #[test]
    fn dates_and_owner_round_trip_as_toml_dates() {
        let mut p = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .unwrap()
            .remove(0);
        p.valid.from = Some(crate::content::Moment::parse("2026-12-01T08:00:00+07:00").unwrap());
        p.valid.until = Some(crate::content::Moment::parse("2026-12-31").unwrap());
        p.review_by = crate::content::Date::parse("2027-03-31");
        p.owner = Some("Tổ đào tạo".into());
        let md = to_markdown(&p);
        assert!(md.contains("valid_until = 2026-12-31\n"), "{md}");
        assert!(
            md.contains("valid_from = 2026-12-01T08:00:00+07:00\n"),
            "{md}"
        );
        let back = parse_file(Path::new("x.md"), md.as_bytes()).unwrap();
        assert_eq!(back, p);
        // Quoted dates read the same.
        let quoted = md.replace("valid_until = 2026-12-31", "valid_until = \"2026-12-31\"");
        assert_eq!(parse_file(Path::new("x.md"), quoted.as_bytes()).unwrap(), p);
    }
}
