//! The steps stage: the body's block tree → the checklist (actions, scripts with their
//! alternatives, decisions with branches) and the notes, with every structural problem located.

use super::markdown::{block_tree, flatten, Block, Item};
use super::Ctx;
use crate::content::{Branch, Script, Step};
use std::ops::Range;

#[derive(PartialEq)]
enum Section {
    None,
    Steps,
    Notes,
}

impl Ctx<'_> {
    /// From `at` to the end of its line: where a block-level problem is shown.
    fn line_span(&self, at: usize) -> Range<usize> {
        let end = self.text[at.min(self.text.len())..]
            .find('\n')
            .map(|i| at + i)
            .unwrap_or(self.text.len());
        at..end
    }

    fn err_at(&mut self, at: usize, message: impl Into<String>) {
        let span = self.line_span(at);
        self.err(span, message);
    }

    /// An error of writing not yet finished: the step stays, so the outline can show it.
    fn unfinished_at(&mut self, at: usize, message: impl Into<String>) {
        self.err_at(at, message);
        self.unfinished += 1;
    }
}

/// Steps and notes of `body`, which starts at byte `offset`; `closing_line` is the front
/// matter's closing `+++` (where "no steps" is reported).
pub(super) fn parse_body(
    cx: &mut Ctx,
    body: &str,
    offset: usize,
    closing_line: usize,
) -> (Vec<Step>, Vec<String>) {
    let mut steps = Vec::new();
    let mut notes = Vec::new();
    let mut section = Section::None;
    let mut saw_steps = false;
    for block in block_tree(body, offset) {
        match block {
            Block::Heading {
                level: 2, text, at, ..
            } => {
                section = match text.to_lowercase().as_str() {
                    "steps" => {
                        if saw_steps {
                            cx.err_at(
                                at,
                                "a second `## Steps` section: keep all steps in one numbered list",
                            );
                        }
                        saw_steps = true;
                        Section::Steps
                    }
                    "notes" => Section::Notes,
                    _ => {
                        cx.err_at(
                            at,
                            format!(
                                "unknown section `## {text}`: expected `## Steps` or `## Notes`"
                            ),
                        );
                        Section::None
                    }
                };
            }
            Block::Heading { at, text, .. } => cx.err_at(
                at,
                format!("heading `{text}`: only `## Steps` and `## Notes` headings are used"),
            ),
            Block::Unsupported { what, at } => {
                cx.err_at(at, format!("{what} is not supported in content files"))
            }
            block if section == Section::Steps => match block {
                Block::List {
                    ordered: true,
                    items,
                    at,
                } => {
                    if !steps.is_empty() {
                        cx.err_at(
                            at,
                            "the steps must be one numbered list: a second list starts here",
                        );
                    }
                    steps.extend(items.iter().filter_map(|i| parse_step(cx, i)));
                }
                other => cx.err_at(
                    other.at(),
                    "expected a numbered list (`1. …`) of steps under `## Steps`",
                ),
            },
            block if section == Section::Notes => {
                let mut out = Vec::new();
                flatten(&block, &mut out);
                for n in out.into_iter().filter(|n| !n.is_empty()) {
                    cx.links_in(&n, block.at(), true, "a note");
                    notes.push(n);
                }
            }
            block => cx.err_at(
                block.at(),
                "text outside a section: start the body with `## Steps`",
            ),
        }
    }
    if !saw_steps {
        cx.err_line(
            closing_line,
            "no steps: add a `## Steps` section with a numbered list after the front matter",
        );
    } else if steps.is_empty() && cx.errors.is_empty() {
        cx.err_line(closing_line, "`## Steps` has no numbered list of steps");
    }
    (steps, notes)
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

/// A bulleted list whose items hold quoted lines: alternative scripts for one moment.
fn is_alternatives_list(block: &Block) -> bool {
    match block {
        Block::List {
            ordered: false,
            items,
            ..
        } => {
            !is_branch_list(block)
                && items
                    .iter()
                    .any(|i| i.blocks.iter().any(|b| matches!(b, Block::Quote { .. })))
        }
        _ => false,
    }
}

fn quote_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    blocks.iter().for_each(|b| flatten(b, &mut parts));
    parts.join("\n")
}

/// A quoted line as a script; links cannot stand in what is read aloud.
fn script(cx: &mut Ctx, label: Option<String>, blocks: &[Block], at: usize) -> Script {
    let text = quote_text(blocks);
    if text.is_empty() {
        cx.unfinished_at(at, "empty script line");
    }
    cx.links_in(&text, at, false, "a script (it is read aloud)");
    if let Some(l) = &label {
        cx.links_in(l, at, true, "a label");
    }
    Script { label, text }
}

/// Each bullet of an alternatives list: an optional label line, then its quote.
fn alternatives(cx: &mut Ctx, items: &[Item]) -> Vec<Script> {
    let mut out = Vec::new();
    for item in items {
        let quotes = item.quotes();
        let paras = item.paras();
        match quotes.as_slice() {
            [Block::Quote { blocks, at }] if paras.len() <= 1 && item.blocks.len() == quotes.len() + paras.len() => {
                let label = paras.first().map(|(p, _)| p.trim_end().to_string());
                out.push(script(cx, label, blocks, *at));
            }
            [] => cx.err_at(
                item.at,
                "an alternative needs its quoted line (`> …`): each bullet is an optional label and one quote",
            ),
            _ => cx.err_at(
                item.at,
                "an alternative is an optional label line and one quote (`> …`), nothing else",
            ),
        }
    }
    out
}

fn parse_step(cx: &mut Ctx, item: &Item) -> Option<Step> {
    let paras = item.paras();
    let quotes = item.quotes();
    let lists: Vec<&Block> = item
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::List { .. }))
        .collect();
    let lead = |cx: &mut Ctx| -> Option<String> {
        if paras.len() > 1 {
            cx.err_at(
                item.at,
                "a script step has one lead line before its `> …` quote",
            );
        }
        paras.first().map(|(p, at)| {
            cx.links_in(p, *at, true, "a lead line");
            p.to_string()
        })
    };

    if let Some(Block::Quote { blocks, at }) = quotes.first() {
        if let Some(second) = quotes.get(1) {
            cx.err_at(
                second.at(),
                "one script per step: for alternatives (\"or\"), make each a bullet with its quote",
            );
        }
        if !lists.is_empty() {
            cx.err_at(item.at, "a script step (`> …`) cannot also hold a list");
        }
        let lead = lead(cx);
        let script = script(cx, None, blocks, *at);
        return Some(Step::Say {
            lead,
            scripts: vec![script],
        });
    }

    if let Some(Block::List { items, .. }) = lists.iter().find(|b| is_alternatives_list(b)) {
        if lists.len() > 1 {
            cx.err_at(
                item.at,
                "a step with alternative scripts has one list of them",
            );
        }
        let lead = lead(cx);
        let scripts = alternatives(cx, items);
        return (!scripts.is_empty()).then_some(Step::Say { lead, scripts });
    }

    let text = paras.iter().map(|(p, _)| *p).collect::<Vec<_>>().join(" ");
    cx.links_in(&text, item.at, true, "a step");
    if let Some(Block::List { items, .. }) = lists.iter().find(|b| is_branch_list(b)) {
        if lists.len() > 1 {
            cx.err_at(
                item.at,
                "a decision step has one list of branches (`- condition → what to do`)",
            );
        }
        let branches = items.iter().filter_map(|i| parse_branch(cx, i)).collect();
        return Some(Step::Decision { text, branches });
    }

    if text.is_empty() && lists.is_empty() {
        cx.unfinished_at(item.at, "empty step");
        return Some(Step::Action {
            text,
            details: Vec::new(),
        });
    }
    if text.is_empty() {
        cx.err_at(item.at, "empty step");
        return None;
    }
    let mut details = Vec::new();
    for l in &lists {
        flatten(l, &mut details);
    }
    for d in &details {
        cx.links_in(d, item.at, true, "a step");
    }
    Some(Step::Action { text, details })
}

fn parse_branch(cx: &mut Ctx, item: &Item) -> Option<Branch> {
    let Some((cond, rest)) = first_para(item).and_then(split_arrow) else {
        cx.err_at(item.at, "malformed branch: expected `- condition → what to do` (every item of a decision needs →)");
        return None;
    };
    let condition = cond.trim().trim_end_matches(':').trim().to_string();
    if condition.is_empty() {
        cx.unfinished_at(item.at, "malformed branch: no condition before →");
    }
    cx.links_in(&condition, item.at, true, "a branch");
    let mut steps = Vec::new();
    let rest = rest.trim();
    if !rest.is_empty() {
        cx.links_in(rest, item.at, true, "a branch");
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
            Block::Quote { blocks, at } => {
                let s = script(cx, None, blocks, *at);
                steps.push(Step::Say {
                    lead: None,
                    scripts: vec![s],
                })
            }
            Block::Para { text, at } => {
                cx.links_in(text, *at, true, "a branch");
                steps.push(Step::Action {
                    text: text.clone(),
                    details: Vec::new(),
                })
            }
            b if is_branch_list(b) => {
                if let Block::List { items, .. } = b {
                    let branches = items.iter().filter_map(|i| parse_branch(cx, i)).collect();
                    steps.push(Step::Decision {
                        text: String::new(),
                        branches,
                    });
                }
            }
            b if is_alternatives_list(b) => {
                if let Block::List { items, .. } = b {
                    let scripts = alternatives(cx, items);
                    if !scripts.is_empty() {
                        steps.push(Step::Say {
                            lead: None,
                            scripts,
                        });
                    }
                }
            }
            other => cx.err_at(
                other.at(),
                "in a branch, put its steps in a numbered list (`1. …`)",
            ),
        }
    }
    if steps.is_empty() {
        cx.err_at(
            item.at,
            format!("malformed branch `{condition}`: no steps after →"),
        );
    }
    Some(Branch { condition, steps })
}
