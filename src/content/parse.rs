//! Reads `content/*.md` (TOML front matter between `+++` lines, then a Markdown body) into
//! `Procedure`s, and reports every problem as `PATH:LINE: message` in one pass.

use super::{parse_duration, Branch, CallbackRule, Lang, Procedure, Source, Step, Timers};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;
use toml::Spanned;
use unicode_normalization::UnicodeNormalization;

/// One problem in one content file, located by line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct ContentError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// All the problems found in a content directory; `Display` prints one per line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// The front matter as written. Unknown keys are errors, so a typo such as `titel` is caught
/// with its line instead of silently dropping a field.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    /// Required: a stable slug, used in deep links (`#/p/<id>`).
    id: Option<Spanned<String>>,
    /// Required: `vi`, `zh` or `ru`.
    lang: Option<Spanned<String>>,
    /// Required: the situation as an operator would name it.
    title: Option<Spanned<String>>,
    /// Required: a short group name shown beside the title.
    category: Option<Spanned<String>>,
    /// Required (at least one): phrasings an operator might type.
    #[serde(default)]
    situations: Vec<String>,
    /// Default empty: warnings shown highlighted above the steps.
    #[serde(default)]
    cautions: Vec<String>,
    /// Required: where in the source documents this comes from.
    source: Option<SourceToml>,
    /// Default: no hold limit of its own (the app's 30 s), holding allowed, no callbacks.
    #[serde(default)]
    timers: TimersToml,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceToml {
    file: String,
    section: String,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct TimersToml {
    /// Default none (the app uses 30 s): how long the caller may wait on hold, e.g. "60s".
    hold_limit: Option<Spanned<String>>,
    /// Default false: true where the source forbids holding at all.
    no_hold: bool,
    /// Default none: callbacks the operator promises during this procedure.
    callbacks: Vec<CallbackToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallbackToml {
    /// Default none ("as soon as it is done"): call back no later than this, e.g. "1h".
    #[serde(default)]
    within: Option<Spanned<String>>,
    /// Default none: not before this, e.g. "3d".
    #[serde(default)]
    after: Option<Spanned<String>>,
    reason: String,
}

/// Byte offsets to 1-based line numbers.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }
    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

struct Ctx<'a> {
    path: &'a Path,
    errors: Vec<ContentError>,
}

impl Ctx<'_> {
    fn err(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(ContentError {
            path: self.path.to_path_buf(),
            line,
            message: message.into(),
        });
    }
}

fn nfc(s: &str) -> String {
    s.trim().nfc().collect()
}

/// Parses one content file. `path` is only used in messages.
pub fn parse_file(path: &Path, bytes: &[u8]) -> Result<Procedure, Vec<ContentError>> {
    let mut cx = Ctx {
        path,
        errors: Vec::new(),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = Lines::new(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]))
                .starts
                .len();
            cx.err(
                line,
                format!(
                    "invalid UTF-8 (byte {}): save the file as UTF-8",
                    e.valid_up_to() + 1
                ),
            );
            return Err(cx.errors);
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let proc = parse_text(&mut cx, &text);
    match proc {
        Some(p) if cx.errors.is_empty() => Ok(p),
        _ => Err(cx.errors),
    }
}

fn parse_text(cx: &mut Ctx, text: &str) -> Option<Procedure> {
    let lines = Lines::new(text);
    let Some(rest) = text.strip_prefix("+++\n") else {
        cx.err(
            1,
            "expected `+++` on the first line to open the TOML front matter",
        );
        return None;
    };
    let fm_start = 4;
    let Some(close) = rest
        .find("\n+++\n")
        .map(|i| i + 1)
        .or_else(|| rest.strip_suffix("\n+++").map(|r| r.len() + 1))
    else {
        cx.err(
            lines.starts.len(),
            "front matter is not closed: add a line `+++` after it",
        );
        return None;
    };
    let fm_text = &rest[..close];
    let body_start = fm_start + close + 4;
    let body = text.get(body_start..).unwrap_or("");
    let closing_line = lines.line(fm_start + close);

    let fm: FrontMatter = match toml::from_str(fm_text) {
        Ok(fm) => fm,
        Err(e) => {
            let line = e
                .span()
                .map(|s| lines.line(fm_start + s.start))
                .unwrap_or(1);
            let msg = e.message().trim().replace('\n', " ");
            cx.err(line, format!("front matter: {msg}"));
            return None;
        }
    };
    let line_of = |s: &std::ops::Range<usize>| lines.line(fm_start + s.start);

    let id = match &fm.id {
        None => {
            cx.err(1, "missing `id` in the front matter");
            String::new()
        }
        Some(id) => {
            let v = id.get_ref().trim();
            let ok = !v.is_empty()
                && v.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !v.starts_with('-')
                && !v.ends_with('-');
            if !ok {
                cx.err(line_of(&id.span()), format!("id `{v}` must be lowercase ASCII letters, digits and dashes, e.g. `vi-vip-leader-call`"));
            }
            v.to_string()
        }
    };
    let lang = match &fm.lang {
        None => {
            cx.err(1, "missing `lang` in the front matter: one of vi, zh, ru");
            None
        }
        Some(l) => {
            let found = Lang::from_code(l.get_ref().trim());
            if found.is_none() {
                cx.err(
                    line_of(&l.span()),
                    format!(
                        "unknown language `{}`: expected one of vi, zh, ru",
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
                cx.err(line_of(&v.span()), format!("`{name}` is empty"));
                String::new()
            }
            None => {
                cx.err(1, format!("missing `{name}` in the front matter"));
                String::new()
            }
        }
    };
    let title = required(&fm.title, "title");
    let category = required(&fm.category, "category");
    if fm.situations.iter().all(|s| s.trim().is_empty()) {
        cx.err(
            1,
            "missing `situations`: add a few phrasings an operator would type for this",
        );
    }
    let source = match fm.source {
        Some(s) => Source {
            file: s.file.trim().to_string(),
            section: nfc(&s.section),
        },
        None => {
            cx.err(1, "missing `[source]` with `file` and `section`");
            Source {
                file: String::new(),
                section: String::new(),
            }
        }
    };

    let mut duration = |v: &Option<Spanned<String>>, key: &str| -> Option<u64> {
        let v = v.as_ref()?;
        match parse_duration(v.get_ref()) {
            Ok(s) => Some(s),
            Err(e) => {
                cx.err(line_of(&v.span()), format!("{key}: {e}"));
                None
            }
        }
    };
    let hold_limit_secs = duration(&fm.timers.hold_limit, "timers.hold_limit");
    let callbacks: Vec<CallbackRule> = fm
        .timers
        .callbacks
        .iter()
        .map(|c| CallbackRule {
            within_secs: duration(&c.within, "timers.callbacks.within"),
            after_secs: duration(&c.after, "timers.callbacks.after"),
            reason: nfc(&c.reason),
        })
        .collect();
    if fm.timers.no_hold {
        if let Some(h) = &fm.timers.hold_limit {
            cx.err(
                line_of(&h.span()),
                "timers: `hold_limit` contradicts `no_hold = true`; keep one",
            );
        }
    }

    let (steps, notes) = parse_body(
        cx,
        body,
        lines.line(body_start.min(text.len())),
        closing_line,
    );

    Some(Procedure {
        id,
        lang: lang?,
        title,
        category,
        situations: fm
            .situations
            .iter()
            .map(|s| nfc(s))
            .filter(|s| !s.is_empty())
            .collect(),
        cautions: fm
            .cautions
            .iter()
            .map(|s| nfc(s))
            .filter(|s| !s.is_empty())
            .collect(),
        timers: Timers {
            hold_limit_secs,
            no_hold: fm.timers.no_hold,
            callbacks,
        },
        steps,
        notes,
        source,
    })
}

/// The Markdown body as a small block tree, each block with its line.
#[derive(Debug)]
enum Block {
    Para {
        text: String,
        line: usize,
    },
    Quote {
        blocks: Vec<Block>,
        line: usize,
    },
    List {
        ordered: bool,
        items: Vec<Item>,
        line: usize,
    },
    Heading {
        level: usize,
        text: String,
        line: usize,
    },
    Unsupported {
        what: &'static str,
        line: usize,
    },
}

#[derive(Debug)]
struct Item {
    blocks: Vec<Block>,
    line: usize,
}

enum Frame {
    Root(Vec<Block>),
    Quote(Vec<Block>, usize),
    List(bool, Vec<Item>, usize),
    Item(Vec<Block>, usize),
    Para(String, usize, bool),
    Heading(usize, String, usize),
    Html(String, usize),
    Code(usize),
}

fn push_block(stack: &mut [Frame], block: Block) {
    match stack.last_mut() {
        Some(Frame::Root(v)) | Some(Frame::Quote(v, _)) | Some(Frame::Item(v, _)) => v.push(block),
        _ => {}
    }
}

fn close_implicit(stack: &mut Vec<Frame>) {
    if let Some(Frame::Para(_, _, true)) = stack.last() {
        if let Some(Frame::Para(text, line, _)) = stack.pop() {
            push_block(
                stack,
                Block::Para {
                    text: clean_inline(&text),
                    line,
                },
            );
        }
    }
}

fn clean_inline(s: &str) -> String {
    let collapsed: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.nfc().collect()
}

fn block_tree(body: &str, first_line: usize) -> Vec<Block> {
    let lines = Lines::new(body);
    let line = |off: usize| first_line + lines.line(off) - 1;
    let mut stack = vec![Frame::Root(Vec::new())];
    for (ev, range) in Parser::new(body).into_offset_iter() {
        let at = line(range.start);
        match ev {
            Event::Start(tag) => {
                let block = !matches!(
                    tag,
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                        | Tag::Superscript
                        | Tag::Subscript
                );
                if block {
                    close_implicit(&mut stack);
                }
                match tag {
                    Tag::Paragraph => stack.push(Frame::Para(String::new(), at, false)),
                    Tag::Heading { level, .. } => {
                        stack.push(Frame::Heading(level as usize, String::new(), at))
                    }
                    Tag::BlockQuote(_) => stack.push(Frame::Quote(Vec::new(), at)),
                    Tag::List(first) => stack.push(Frame::List(first.is_some(), Vec::new(), at)),
                    Tag::Item => stack.push(Frame::Item(Vec::new(), at)),
                    Tag::HtmlBlock => stack.push(Frame::Html(String::new(), at)),
                    Tag::CodeBlock(_) => stack.push(Frame::Code(at)),
                    _ if block => push_block(
                        &mut stack,
                        Block::Unsupported {
                            what: "this kind of Markdown block",
                            line: at,
                        },
                    ),
                    _ => {}
                }
            }
            Event::End(tag) => {
                if !matches!(
                    tag,
                    TagEnd::Paragraph
                        | TagEnd::Heading(_)
                        | TagEnd::BlockQuote(_)
                        | TagEnd::List(_)
                        | TagEnd::Item
                        | TagEnd::HtmlBlock
                        | TagEnd::CodeBlock
                ) {
                    continue;
                }
                close_implicit(&mut stack);
                let Some(frame) = stack.pop() else { continue };
                match frame {
                    Frame::Para(text, line, _) => push_block(
                        &mut stack,
                        Block::Para {
                            text: clean_inline(&text),
                            line,
                        },
                    ),
                    Frame::Heading(level, text, line) => push_block(
                        &mut stack,
                        Block::Heading {
                            level,
                            text: clean_inline(&text),
                            line,
                        },
                    ),
                    Frame::Quote(blocks, line) => {
                        push_block(&mut stack, Block::Quote { blocks, line })
                    }
                    Frame::List(ordered, items, line) => push_block(
                        &mut stack,
                        Block::List {
                            ordered,
                            items,
                            line,
                        },
                    ),
                    Frame::Item(blocks, line) => {
                        if let Some(Frame::List(_, items, _)) = stack.last_mut() {
                            items.push(Item { blocks, line });
                        }
                    }
                    Frame::Html(text, line) => {
                        if !text.trim_start().starts_with("<!--") {
                            push_block(
                                &mut stack,
                                Block::Unsupported {
                                    what: "raw HTML",
                                    line,
                                },
                            );
                        }
                    }
                    Frame::Code(line) => push_block(
                        &mut stack,
                        Block::Unsupported {
                            what: "a code block",
                            line,
                        },
                    ),
                    Frame::Root(b) => stack.push(Frame::Root(b)),
                }
            }
            Event::Text(t) | Event::Code(t) => append_text(&mut stack, &t, at),
            Event::SoftBreak | Event::HardBreak => append_text(&mut stack, " ", at),
            Event::Html(t) | Event::InlineHtml(t) => match stack.last_mut() {
                Some(Frame::Html(s, _)) => s.push_str(&t),
                _ if t.trim_start().starts_with("<!--") => {}
                _ => append_text(&mut stack, &t, at),
            },
            Event::Rule => push_block(
                &mut stack,
                Block::Unsupported {
                    what: "a horizontal rule",
                    line: at,
                },
            ),
            _ => {}
        }
    }
    while stack.len() > 1 {
        close_implicit(&mut stack);
        stack.pop();
    }
    match stack.pop() {
        Some(Frame::Root(b)) => b,
        _ => Vec::new(),
    }
}

fn append_text(stack: &mut Vec<Frame>, t: &str, at: usize) {
    match stack.last_mut() {
        Some(Frame::Para(s, _, _)) | Some(Frame::Heading(_, s, _)) => s.push_str(t),
        Some(Frame::Code(_)) | Some(Frame::Html(..)) => {}
        _ => stack.push(Frame::Para(t.to_string(), at, true)),
    }
}

#[derive(PartialEq)]
enum Section {
    None,
    Steps,
    Notes,
}

fn parse_body(
    cx: &mut Ctx,
    body: &str,
    first_line: usize,
    closing_line: usize,
) -> (Vec<Step>, Vec<String>) {
    let mut steps = Vec::new();
    let mut notes = Vec::new();
    let mut section = Section::None;
    let mut saw_steps = false;
    for block in block_tree(body, first_line) {
        match block {
            Block::Heading {
                level: 2,
                text,
                line,
            } => {
                section = match text.to_lowercase().as_str() {
                    "steps" => {
                        if saw_steps {
                            cx.err(
                                line,
                                "a second `## Steps` section: keep all steps in one numbered list",
                            );
                        }
                        saw_steps = true;
                        Section::Steps
                    }
                    "notes" => Section::Notes,
                    _ => {
                        cx.err(
                            line,
                            format!(
                                "unknown section `## {text}`: expected `## Steps` or `## Notes`"
                            ),
                        );
                        Section::None
                    }
                };
            }
            Block::Heading { line, text, .. } => cx.err(
                line,
                format!("heading `{text}`: only `## Steps` and `## Notes` headings are used"),
            ),
            Block::Unsupported { what, line } => {
                cx.err(line, format!("{what} is not supported in content files"))
            }
            block if section == Section::Steps => match block {
                Block::List {
                    ordered: true,
                    items,
                    line,
                } => {
                    if !steps.is_empty() {
                        cx.err(
                            line,
                            "the steps must be one numbered list: a second list starts here",
                        );
                    }
                    steps.extend(items.iter().filter_map(|i| parse_step(cx, i)));
                }
                other => cx.err(
                    block_line(&other),
                    "expected a numbered list (`1. …`) of steps under `## Steps`",
                ),
            },
            block if section == Section::Notes => {
                let mut out = Vec::new();
                flatten(&block, &mut out);
                notes.extend(out.into_iter().filter(|n| !n.is_empty()));
            }
            block => cx.err(
                block_line(&block),
                "text outside a section: start the body with `## Steps`",
            ),
        }
    }
    if !saw_steps {
        cx.err(
            closing_line,
            "no steps: add a `## Steps` section with a numbered list after the front matter",
        );
    } else if steps.is_empty() && cx.errors.is_empty() {
        cx.err(closing_line, "`## Steps` has no numbered list of steps");
    }
    (steps, notes)
}

fn block_line(b: &Block) -> usize {
    match b {
        Block::Para { line, .. }
        | Block::Quote { line, .. }
        | Block::List { line, .. }
        | Block::Heading { line, .. }
        | Block::Unsupported { line, .. } => *line,
    }
}

/// Every paragraph of a block as one string each (for notes and action details).
fn flatten(block: &Block, out: &mut Vec<String>) {
    match block {
        Block::Para { text, .. } | Block::Heading { text, .. } => out.push(text.clone()),
        Block::Quote { blocks, .. } => blocks.iter().for_each(|b| flatten(b, out)),
        Block::List { items, .. } => {
            for item in items {
                let mut parts = Vec::new();
                item.blocks.iter().for_each(|b| flatten(b, &mut parts));
                out.push(parts.join(" "));
            }
        }
        Block::Unsupported { .. } => {}
    }
}

const ARROWS: [&str; 2] = ["→", "->"];

fn split_arrow(text: &str) -> Option<(&str, &str)> {
    ARROWS
        .iter()
        .filter_map(|a| text.find(a).map(|i| (i, a.len())))
        .min()
        .map(|(i, n)| (&text[..i], &text[i + n..]))
}

fn first_para(item: &Item) -> Option<&str> {
    match item.blocks.first() {
        Some(Block::Para { text, .. }) => Some(text),
        _ => None,
    }
}

fn is_branch_list(block: &Block) -> bool {
    match block {
        Block::List {
            ordered: false,
            items,
            ..
        } => items
            .iter()
            .any(|i| first_para(i).is_some_and(|t| split_arrow(t).is_some())),
        _ => false,
    }
}

fn quote_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    blocks.iter().for_each(|b| flatten(b, &mut parts));
    parts.join("\n")
}

fn parse_step(cx: &mut Ctx, item: &Item) -> Option<Step> {
    let paras: Vec<&str> = item
        .blocks
        .iter()
        .filter_map(|b| {
            if let Block::Para { text, .. } = b {
                Some(text.as_str())
            } else {
                None
            }
        })
        .collect();
    let quotes: Vec<&Block> = item
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Quote { .. }))
        .collect();
    let lists: Vec<&Block> = item
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::List { .. }))
        .collect();

    if let Some(Block::Quote { blocks, line }) = quotes.first() {
        if quotes.len() > 1 {
            cx.err(
                *line,
                "one script per step: put each quoted line (`> …`) in its own step",
            );
        }
        if !lists.is_empty() {
            cx.err(item.line, "a script step (`> …`) cannot also hold a list");
        }
        if paras.len() > 1 {
            cx.err(
                item.line,
                "a script step has one lead line before its `> …` quote",
            );
        }
        let text = quote_text(blocks);
        if text.is_empty() {
            cx.err(*line, "empty script line");
        }
        return Some(Step::Say {
            lead: paras.first().map(|s| s.to_string()),
            text,
        });
    }

    let text = paras.join(" ");
    if let Some(Block::List { items, .. }) = lists.iter().find(|b| is_branch_list(b)) {
        if lists.len() > 1 {
            cx.err(
                item.line,
                "a decision step has one list of branches (`- condition → what to do`)",
            );
        }
        let branches = items.iter().filter_map(|i| parse_branch(cx, i)).collect();
        return Some(Step::Decision { text, branches });
    }

    if text.is_empty() {
        cx.err(item.line, "empty step");
        return None;
    }
    let mut details = Vec::new();
    for l in &lists {
        flatten(l, &mut details);
    }
    Some(Step::Action { text, details })
}

fn parse_branch(cx: &mut Ctx, item: &Item) -> Option<Branch> {
    let Some((cond, rest)) = first_para(item).and_then(split_arrow) else {
        cx.err(item.line, "malformed branch: expected `- condition → what to do` (every item of a decision needs →)");
        return None;
    };
    let condition = cond.trim().trim_end_matches(':').trim().to_string();
    if condition.is_empty() {
        cx.err(item.line, "malformed branch: no condition before →");
    }
    let mut steps = Vec::new();
    let rest = rest.trim();
    if !rest.is_empty() {
        steps.push(Step::Action {
            text: rest.to_string(),
            details: Vec::new(),
        });
    }
    for block in item.blocks.iter().skip(1) {
        match block {
            Block::List {
                ordered: true,
                items,
                ..
            } => steps.extend(items.iter().filter_map(|i| parse_step(cx, i))),
            Block::Quote { blocks, .. } => steps.push(Step::Say {
                lead: None,
                text: quote_text(blocks),
            }),
            Block::Para { text, .. } => steps.push(Step::Action {
                text: text.clone(),
                details: Vec::new(),
            }),
            b if is_branch_list(b) => {
                if let Block::List { items, .. } = b {
                    let branches = items.iter().filter_map(|i| parse_branch(cx, i)).collect();
                    steps.push(Step::Decision {
                        text: String::new(),
                        branches,
                    });
                }
            }
            other => cx.err(
                block_line(other),
                "in a branch, put its steps in a numbered list (`1. …`)",
            ),
        }
    }
    if steps.is_empty() {
        cx.err(
            item.line,
            format!("malformed branch `{condition}`: no steps after →"),
        );
    }
    Some(Branch { condition, steps })
}

/// Loads every `*.md` in `dir` (except `README.md`), sorted by file name, and checks ids across files.
pub fn load_dir(dir: &Path) -> Result<Vec<Procedure>, ContentErrors> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            return Err(ContentErrors(vec![ContentError {
                path: dir.to_path_buf(),
                line: 1,
                message: format!("cannot read the content directory: {e}"),
            }]))
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    paths.sort();
    let mut errors = Vec::new();
    let mut procs = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    if paths.is_empty() {
        errors.push(ContentError {
            path: dir.to_path_buf(),
            line: 1,
            message: "no content files (*.md) here".into(),
        });
    }
    for path in paths {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                errors.push(ContentError {
                    path,
                    line: 1,
                    message: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        match parse_file(&path, &bytes) {
            Ok(p) => {
                if let Some(first) = seen.get(&p.id) {
                    let line = id_line(&bytes);
                    errors.push(ContentError {
                        path: path.clone(),
                        line,
                        message: format!(
                            "duplicate id `{}`: also used by {}",
                            p.id,
                            first.display()
                        ),
                    });
                } else {
                    seen.insert(p.id.clone(), path.clone());
                }
                procs.push(p);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(procs)
    } else {
        Err(ContentErrors(errors))
    }
}

fn id_line(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .position(|l| l.trim_start().starts_with("id"))
        .map(|i| i + 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Procedure, Vec<String>> {
        parse_file(Path::new("c/x.md"), text.as_bytes())
            .map_err(|es| es.iter().map(|e| e.to_string()).collect())
    }

    const HEAD: &str = "+++\nid = \"vi-test\"\nlang = \"vi\"\ntitle = \"Chuyển máy\"\ncategory = \"Chuyển máy\"\nsituations = [\"khách muốn gặp trưởng ca\"]\n[source]\nfile = \"000.txt\"\nsection = \"TH 2\"\n+++\n";

    #[test]
    fn parses_actions_scripts_and_decisions() {
        let p = parse(&format!(
            "{HEAD}\n## Steps\n\n1. Hỏi nội dung.\n   - chi tiết một\n2. Nói:\n   > Xin lỗi {{customer_name}}.\n3. KH đồng ý không?\n   - KH đồng ý → ĐTV hỗ trợ.\n   - KH không đồng ý ->\n     1. Hướng dẫn KH gọi lại.\n     2. > Em xin lỗi.\n\n## Notes\n\nGhi chú một.\n\n- Ghi chú hai\n"
        ))
        .unwrap();
        assert_eq!(p.steps.len(), 3);
        assert_eq!(
            p.steps[0],
            Step::Action {
                text: "Hỏi nội dung.".into(),
                details: vec!["chi tiết một".into()]
            }
        );
        assert_eq!(
            p.steps[1],
            Step::Say {
                lead: Some("Nói:".into()),
                text: "Xin lỗi {customer_name}.".into()
            }
        );
        let Step::Decision { text, branches } = &p.steps[2] else {
            panic!("not a decision: {:?}", p.steps[2])
        };
        assert_eq!(text, "KH đồng ý không?");
        assert_eq!(branches[0].condition, "KH đồng ý");
        assert_eq!(
            branches[0].steps,
            vec![Step::Action {
                text: "ĐTV hỗ trợ.".into(),
                details: vec![]
            }]
        );
        assert_eq!(branches[1].condition, "KH không đồng ý");
        assert_eq!(branches[1].steps.len(), 2);
        assert!(matches!(branches[1].steps[1], Step::Say { .. }));
        assert_eq!(
            p.notes,
            vec!["Ghi chú một.".to_string(), "Ghi chú hai".to_string()]
        );
        assert_eq!(p.steps[1].placeholders(), vec!["customer_name".to_string()]);
    }

    #[test]
    fn timers_are_read_as_seconds() {
        let p = parse((HEAD.replace(
            "[source]",
            "[timers]\nhold_limit = \"60s\"\n[[timers.callbacks]]\nwithin = \"7d\"\nafter = \"3d\"\nreason = \"follow up\"\n[source]",
        ).replace("+++\n\n", "+++\n") + "## Steps\n1. a\n").as_str())
        .unwrap();
        assert_eq!(p.timers.hold_limit_secs, Some(60));
        assert_eq!(p.timers.callbacks[0].within_secs, Some(7 * 86400));
        assert_eq!(p.timers.callbacks[0].after_secs, Some(3 * 86400));
    }

    #[test]
    fn text_is_nfc_normalised() {
        // "ể" written decomposed: e + combining circumflex + combining hook above.
        let decomposed = "Kie\u{302}\u{309}m tra";
        let p = parse(&format!("{HEAD}## Steps\n1. {decomposed}\n")).unwrap();
        assert_eq!(
            p.steps[0],
            Step::Action {
                text: "Kiểm tra".into(),
                details: vec![]
            }
        );
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let text = format!("\u{feff}{HEAD}## Steps\n1. a\n").replace('\n', "\r\n");
        assert!(parse(&text).is_ok());
    }

    fn errors_of(text: &str) -> Vec<String> {
        parse(text).expect_err("should fail")
    }

    #[test]
    fn toml_syntax_error_has_its_line() {
        let e = errors_of(&HEAD.replace("title = \"Chuyển máy\"", "title = \"Chuyển máy"));
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("c/x.md:4: front matter: "), "{e:?}");
    }

    #[test]
    fn unknown_field_names_the_expected_ones() {
        let e = errors_of(&format!(
            "{}## Steps\n1. a\n",
            HEAD.replace("title =", "titel =")
        ));
        assert!(
            e[0].starts_with("c/x.md:4: front matter: unknown field `titel`, expected one of"),
            "{e:?}"
        );
    }

    #[test]
    fn unknown_language() {
        let e = errors_of(&format!(
            "{}## Steps\n1. a\n",
            HEAD.replace("lang = \"vi\"", "lang = \"en\"")
        ));
        assert_eq!(
            e,
            vec!["c/x.md:3: unknown language `en`: expected one of vi, zh, ru"]
        );
    }

    #[test]
    fn missing_id_title_and_steps() {
        let e = errors_of(
            &HEAD
                .replace("id = \"vi-test\"\n", "")
                .replace("title = \"Chuyển máy\"\n", ""),
        );
        assert_eq!(
            e,
            vec![
                "c/x.md:1: missing `id` in the front matter",
                "c/x.md:1: missing `title` in the front matter",
                "c/x.md:8: no steps: add a `## Steps` section with a numbered list after the front matter",
            ]
        );
    }

    #[test]
    fn bad_duration() {
        let e = errors_of(&format!(
            "{}## Steps\n1. a\n",
            HEAD.replace("[source]", "[timers]\nhold_limit = \"một giờ\"\n[source]")
        ));
        assert_eq!(
            e,
            vec!["c/x.md:8: timers.hold_limit: bad duration \"một giờ\": expected a number and a unit (s, min, h, d), e.g. \"30s\", \"5min\", \"1h\", \"3d\""]
        );
    }

    #[test]
    fn malformed_branch() {
        let e = errors_of(&format!(
            "{HEAD}## Steps\n1. KH đồng ý không?\n   - KH đồng ý → hỗ trợ.\n   - KH không đồng ý\n"
        ));
        assert_eq!(e, vec!["c/x.md:14: malformed branch: expected `- condition → what to do` (every item of a decision needs →)"]);
        let e = errors_of(&format!("{HEAD}## Steps\n1. Chọn:\n   - → hỗ trợ.\n"));
        assert_eq!(
            e,
            vec!["c/x.md:13: malformed branch: no condition before →"]
        );
        let e = errors_of(&format!("{HEAD}## Steps\n1. Chọn:\n   - KH đồng ý →\n"));
        assert_eq!(
            e,
            vec!["c/x.md:13: malformed branch `KH đồng ý`: no steps after →"]
        );
    }

    #[test]
    fn invalid_utf8_has_its_line() {
        let mut bytes = format!("{HEAD}## Steps\n1. a\n").into_bytes();
        bytes.extend_from_slice(b"2. \xff\xfe\n");
        let e = parse_file(Path::new("c/x.md"), &bytes).unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "c/x.md:13: invalid UTF-8 (byte 197): save the file as UTF-8"
        );
    }

    #[test]
    fn body_structure_errors() {
        let e = errors_of(&format!(
            "{HEAD}Intro.\n\n## Steps\n1. a\n\n## Script\n\ntext\n"
        ));
        assert_eq!(
            e,
            vec![
                "c/x.md:11: text outside a section: start the body with `## Steps`",
                "c/x.md:16: unknown section `## Script`: expected `## Steps` or `## Notes`",
                "c/x.md:18: text outside a section: start the body with `## Steps`",
            ]
        );
        let e = errors_of(&format!("{HEAD}## Steps\n\n- not numbered\n"));
        assert_eq!(
            e[0],
            "c/x.md:13: expected a numbered list (`1. …`) of steps under `## Steps`"
        );
    }

    #[test]
    fn front_matter_must_open_and_close() {
        assert_eq!(
            errors_of("id = 1\n"),
            vec!["c/x.md:1: expected `+++` on the first line to open the TOML front matter"]
        );
        assert_eq!(
            errors_of("+++\nid = \"a\"\n"),
            vec!["c/x.md:3: front matter is not closed: add a line `+++` after it"]
        );
    }
}
