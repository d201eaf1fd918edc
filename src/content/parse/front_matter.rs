//! The front matter stage: TOML (`content::schema`) → validated header fields, each problem at
//! the span of the value it is about.

use super::DateLines;
use super::{is_valid_id, nfc, Ctx, ID_RULE};
use crate::content::schema::{DateToml, FrontMatter, FROM_CALL_END, FROM_ENTERED};
use crate::content::validity::{Date, Moment, Validity};
use crate::content::{parse_duration, CallbackRule, CountFrom, Lang, Source, Timers};
use std::ops::Range;
use toml::Spanned;

/// Everything the front matter gives a procedure.
pub(super) struct Header {
    pub id: String,
    pub id_span: Range<usize>,
    pub lang: Option<Lang>,
    pub title: String,
    pub category: String,
    pub situations: Vec<String>,
    pub cautions: Vec<String>,
    pub timers: Timers,
    pub source: Source,
    pub draft: bool,
    pub valid: Validity,
    pub review_by: Option<Date>,
    pub owner: Option<String>,
    /// The lines of the date fields, for the warnings that depend on today.
    pub date_lines: DateLines,
    /// Where each `?` value of the template stands (field name, span): a published card may
    /// keep none of them.
    pub unfilled: Vec<(&'static str, Range<usize>)>,
}

/// Parses `fm_text`, which starts at byte `fm_start` of the file. `None` when the TOML itself
/// cannot be read (nothing else can be checked then).
pub(super) fn parse(cx: &mut Ctx, fm_text: &str, fm_start: usize) -> Option<Header> {
    let fm: FrontMatter = match toml::from_str(fm_text) {
        Ok(fm) => fm,
        Err(e) => {
            let span = e
                .span()
                .map(|s| fm_start + s.start..fm_start + s.end)
                .unwrap_or(0..0);
            let msg = e.message().trim().replace('\n', " ");
            let hint = unknown_field_hint(&msg);
            cx.err_hint(span, format!("front matter: {msg}"), hint);
            return None;
        }
    };
    let at = |s: &Range<usize>| fm_start + s.start..fm_start + s.end;

    let (id, id_span) = match &fm.id {
        None => {
            cx.err_line(1, "missing `id` in the front matter");
            (String::new(), 0..0)
        }
        Some(id) => {
            let v = id.get_ref().trim();
            if !is_valid_id(v) {
                cx.err(at(&id.span()), format!("id `{v}`: {ID_RULE}"));
            }
            (v.to_string(), at(&id.span()))
        }
    };
    let lang = match &fm.lang {
        None => {
            let codes = Lang::codes();
            cx.err_line(
                1,
                format!("missing `lang` in the front matter: one of {codes}"),
            );
            None
        }
        Some(l) => {
            let found = Lang::from_code(l.get_ref().trim());
            if found.is_none() {
                let codes = Lang::codes();
                cx.err(
                    at(&l.span()),
                    format!(
                        "unknown language `{}`: expected one of {codes}",
                        l.get_ref()
                    ),
                );
            }
            found
        }
    };
    let mut required = |field: &Option<Spanned<String>>, name: &str| -> String {
        match field {
            Some(v) if !v.get_ref().trim().is_empty() => nfc(v.get_ref()),
            Some(v) => {
                cx.err(at(&v.span()), format!("`{name}` is empty"));
                String::new()
            }
            None => {
                cx.err_line(1, format!("missing `{name}` in the front matter"));
                String::new()
            }
        }
    };
    let title = required(&fm.title, "title");
    let category = required(&fm.category, "category");
    if let Some(t) = &fm.title {
        cx.links_in(t.get_ref(), at(&t.span()).start, false, "a title");
    }
    if fm.situations.iter().all(|s| s.get_ref().trim().is_empty()) {
        cx.err_line(
            1,
            "missing `situations`: add a few phrasings an operator would type for this",
        );
    }
    for s in &fm.situations {
        cx.links_in(s.get_ref(), at(&s.span()).start, false, "a situation");
    }
    for c in &fm.cautions {
        cx.links_in(c.get_ref(), at(&c.span()).start, true, "a caution");
    }
    for (name, v) in fm
        .source
        .iter()
        .flat_map(|s| [("source.file", &s.file), ("source.section", &s.section)])
    {
        if v.get_ref().trim().is_empty() {
            cx.err(at(&v.span()), format!("`{name}` is empty"));
        }
    }
    let source = match &fm.source {
        Some(s) => Source {
            file: s.file.get_ref().trim().to_string(),
            section: nfc(s.section.get_ref()),
        },
        None => {
            cx.err_line(1, "missing `[source]` with `file` and `section`");
            Source {
                file: String::new(),
                section: String::new(),
            }
        }
    };

    let hold_limit_secs = duration(cx, &fm.timers.hold_limit, "timers.hold_limit", fm_start);
    let mut callbacks = Vec::new();
    for c in &fm.timers.callbacks {
        let within_secs = duration(cx, &c.within, "timers.callbacks.within", fm_start);
        let after_secs = duration(cx, &c.after, "timers.callbacks.after", fm_start);
        let from = count_from(cx, c.from.as_ref(), c.from_label.as_ref(), fm_start);
        callbacks.push(CallbackRule {
            within_secs,
            after_secs,
            from,
            reason: nfc(&c.reason),
        });
    }
    if fm.timers.no_hold {
        if let Some(h) = &fm.timers.hold_limit {
            cx.err(
                at(&h.span()),
                "timers: `hold_limit` contradicts `no_hold = true`; keep one",
            );
        }
    }
    let valid_from = moment(cx, &fm.valid_from, "valid_from", fm_start);
    let valid_until = moment(cx, &fm.valid_until, "valid_until", fm_start);
    let valid = Validity {
        from: valid_from,
        until: valid_until,
        zone: None,
    };
    if valid.is_reversed() {
        let span = fm
            .valid_until
            .as_ref()
            .map(|v| at(&v.span()))
            .unwrap_or(0..0);
        cx.err(
            span,
            format!(
                "`valid_until` ({}) is before `valid_from` ({}): the card would never be offered",
                valid_until.map(|m| m.to_string()).unwrap_or_default(),
                valid_from.map(|m| m.to_string()).unwrap_or_default(),
            ),
        );
    }
    let review_by = match moment(cx, &fm.review_by, "review_by", fm_start) {
        Some(Moment::Day(d)) => Some(d),
        Some(Moment::At { .. }) => {
            let span = fm.review_by.as_ref().map(|v| at(&v.span())).unwrap_or(0..0);
            cx.err(
                span,
                "`review_by` is a day: write only the date, e.g. 2027-03-31",
            );
            None
        }
        None => None,
    };
    let line_of = |v: &Option<Spanned<DateToml>>| {
        v.as_ref()
            .map_or(0, |v| cx.lines.line(fm_start + v.span().start))
    };
    let date_lines = DateLines {
        valid_from: line_of(&fm.valid_from),
        valid_until: line_of(&fm.valid_until),
        review_by: line_of(&fm.review_by),
    };
    let owner = fm
        .owner
        .as_ref()
        .map(|o| nfc(o.get_ref()))
        .filter(|o| !o.is_empty());
    let mut unfilled = Vec::new();
    let mut is_unfilled = |name: &'static str, v: Option<&Spanned<String>>| {
        if let Some(v) = v.filter(|v| v.get_ref().trim() == UNFILLED) {
            unfilled.push((name, at(&v.span())));
        }
    };
    is_unfilled("category", fm.category.as_ref());
    is_unfilled("source.file", fm.source.as_ref().map(|s| &s.file));
    is_unfilled("source.section", fm.source.as_ref().map(|s| &s.section));
    let clean = |v: &[Spanned<String>]| -> Vec<String> {
        v.iter()
            .map(|s| nfc(s.get_ref()))
            .filter(|s| !s.is_empty())
            .collect()
    };
    Some(Header {
        id,
        id_span,
        lang,
        title,
        category,
        situations: clean(&fm.situations),
        cautions: clean(&fm.cautions),
        timers: Timers {
            hold_limit_secs,
            no_hold: fm.timers.no_hold,
            callbacks,
        },
        source,
        draft: fm.draft,
        valid,
        review_by,
        owner,
        date_lines,
        unfilled,
    })
}

/// The value `kb new` writes where only the editor can know the answer.
pub const UNFILLED: &str = "?";

/// A duration value in seconds; a bad one is reported at its span.
fn duration(cx: &mut Ctx, v: &Option<Spanned<String>>, key: &str, fm_start: usize) -> Option<u64> {
    let v = v.as_ref()?;
    match parse_duration(v.get_ref()) {
        Ok(s) => Some(s),
        Err(e) => {
            let s = v.span();
            cx.err(fm_start + s.start..fm_start + s.end, format!("{key}: {e}"));
            None
        }
    }
}

/// A date field's value; a bad one is reported at its span.
fn moment(
    cx: &mut Ctx,
    v: &Option<Spanned<DateToml>>,
    key: &str,
    fm_start: usize,
) -> Option<Moment> {
    let v = v.as_ref()?;
    match Moment::parse(&v.get_ref().text()) {
        Ok(m) => Some(m),
        Err(e) => {
            let s = v.span();
            cx.err(fm_start + s.start..fm_start + s.end, format!("{key}: {e}"));
            None
        }
    }
}

/// `from` and `from_label` of a callback rule.
fn count_from(
    cx: &mut Ctx,
    from: Option<&Spanned<String>>,
    label: Option<&Spanned<String>>,
    fm_start: usize,
) -> CountFrom {
    let at = |s: Range<usize>| fm_start + s.start..fm_start + s.end;
    let kind = from.map(|f| f.get_ref().trim()).unwrap_or(FROM_CALL_END);
    match (kind, label) {
        (FROM_CALL_END, None) => CountFrom::CallEnd,
        (FROM_CALL_END, Some(l)) => {
            cx.err(
                at(l.span()),
                "timers.callbacks.from_label is only used with `from = \"entered\"`",
            );
            CountFrom::CallEnd
        }
        (FROM_ENTERED, Some(l)) if !l.get_ref().trim().is_empty() => CountFrom::Entered {
            label: nfc(l.get_ref()),
        },
        (FROM_ENTERED, _) => {
            let span = from.map(|f| at(f.span())).unwrap_or(0..0);
            cx.err(
                span,
                "timers.callbacks: `from = \"entered\"` needs `from_label`, the moment the operator enters (e.g. \"Trung tâm chuyển mạng quốc gia thông báo\")",
            );
            CountFrom::CallEnd
        }
        (other, _) => {
            let span = from.map(|f| at(f.span())).unwrap_or(0..0);
            cx.err(
                span,
                format!("timers.callbacks.from: unknown value `{other}`: expected `{FROM_CALL_END}` or `{FROM_ENTERED}`"),
            );
            CountFrom::CallEnd
        }
    }
}

/// "did you mean `title`?" for serde's "unknown field `titel`, expected one of `id`, …".
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (typo, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    crate::content::folder::closest(typo, expected.iter().copied())
        .map(|name| format!("did you mean `{name}`?"))
}
