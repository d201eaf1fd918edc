//! The studio's form view of a card's steps: a flat outline of rows (what the operator does,
//! says, decides) that an editor changes with pure operations; `markdown` reads it from a card
//! and writes it back, rewriting only the steps that changed.
//!
//! Which kind of row may stand where (`allowed_children`; top level: `STEP_KINDS`):
//!
//! | parent         | children                                                   |
//! |----------------|------------------------------------------------------------|
//! | (top level)    | `Do`, `Say`, `Decide`, `Alternatives`: the checklist steps  |
//! | `Do`           | `Do`: its sub-points, which take no children themselves    |
//! | `Say`          | none                                                       |
//! | `Alternatives` | `Say`: one per alternative, `lead` is its label            |
//! | `Decide`       | `Branch`: one per answer                                   |
//! | `Branch`       | `Do`, `Say`, `Decide`, `Alternatives`: the answer's steps  |
//!
//! Every operation checks these rules on its result and leaves the outline as it was (returning
//! `false` or `None`) when they would break, so the UI never holds a shape Markdown cannot say.

mod keys;
mod markdown;

pub use markdown::{read_outline, write_outline, OutlineError};

use crate::content::{link, Branch, Script, Step};
use unicode_normalization::UnicodeNormalization;

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKind {
    /// An action; its `Do` children are its sub-points.
    Do,
    /// A line to say: `text` is the script, `lead` the lead line (under `Alternatives`: the
    /// alternative's label).
    Say,
    /// A decision: `text` is the question, its children are `Branch` rows.
    Decide,
    /// One answer of a decision: `text` is the condition, its children the steps to take.
    Branch,
    /// Alternative lines to say: `text` is the lead line, its children are `Say` rows.
    Alternatives,
}

/// The kinds a checklist step (top level, or a step of a branch) may be.
pub const STEP_KINDS: [RowKind; 4] = [
    RowKind::Do,
    RowKind::Say,
    RowKind::Decide,
    RowKind::Alternatives,
];

impl RowKind {
    pub const ALL: [RowKind; 5] = [
        RowKind::Do,
        RowKind::Say,
        RowKind::Decide,
        RowKind::Branch,
        RowKind::Alternatives,
    ];

    /// The kind's name for the UI's data attributes and selects.
    pub fn as_str(self) -> &'static str {
        match self {
            RowKind::Do => "do",
            RowKind::Say => "say",
            RowKind::Decide => "decide",
            RowKind::Branch => "branch",
            RowKind::Alternatives => "alternatives",
        }
    }

    /// The kind `as_str` names.
    pub fn from_name(name: &str) -> Option<RowKind> {
        RowKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// The kinds that may stand directly under a row of `kind` (a `Do` that is itself a sub-point
/// takes none: see `Outline::allowed_at`).
pub fn allowed_children(kind: RowKind) -> &'static [RowKind] {
    match kind {
        RowKind::Do => &[RowKind::Do],
        RowKind::Say => &[],
        RowKind::Decide => &[RowKind::Branch],
        RowKind::Branch => &STEP_KINDS,
        RowKind::Alternatives => &[RowKind::Say],
    }
}

/// One line of the outline. `lead` is used by `Say` rows only; other kinds keep it untouched,
/// so turning a script into an action and back loses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    /// 0 for the checklist's steps; a child is one deeper than its parent.
    pub depth: usize,
    pub text: String,
    pub lead: String,
}

impl Row {
    pub fn new(kind: RowKind, depth: usize, text: impl Into<String>) -> Row {
        Row {
            kind,
            depth,
            text: text.into(),
            lead: String::new(),
        }
    }
}

/// A card's steps as rows in reading order; a row's subtree is the rows after it that are
/// deeper than it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub rows: Vec<Row>,
}

/// Something an editor should fix at a row, in their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub message: String,
}

const ARROWS: [&str; 2] = ["→", "->"];

/// One line of running text as the parser reads it: whitespace collapsed, NFC.
pub(crate) fn clean(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.nfc().collect()
}

/// A script as the parser reads it: each non-empty line cleaned, lines joined by `\n`.
pub(crate) fn clean_lines(text: &str) -> String {
    text.lines()
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn given(text: &str) -> Option<String> {
    Some(clean(text)).filter(|t| !t.is_empty())
}

impl Outline {
    /// The outline of a parsed step list.
    pub fn from_steps(steps: &[Step]) -> Outline {
        let mut rows = Vec::new();
        for s in steps {
            push_step(&mut rows, s, 0);
        }
        Outline { rows }
    }

    /// The outline as the parser's tree, with texts as the parser would read them once written
    /// (for the preview, and to compare with what a written card parses to).
    pub fn to_steps(&self) -> Vec<Step> {
        self.roots().filter_map(|i| self.step(i)).collect()
    }

    /// The indices of the top-level rows.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.rows.len()).filter(|&i| self.rows[i].depth == 0)
    }

    /// One past the last row of `i`'s subtree (`i` itself when out of range).
    pub fn subtree_end(&self, i: usize) -> usize {
        let Some(row) = self.rows.get(i) else {
            return i;
        };
        (i + 1..self.rows.len())
            .find(|&j| self.rows[j].depth <= row.depth)
            .unwrap_or(self.rows.len())
    }

    /// The row `i` stands under (`None` at top level or out of range).
    pub fn parent(&self, i: usize) -> Option<usize> {
        let depth = self.rows.get(i)?.depth;
        (0..i).rev().find(|&j| self.rows[j].depth < depth)
    }

    /// The rows directly under `i`.
    pub fn children(&self, i: usize) -> Vec<usize> {
        let Some(row) = self.rows.get(i) else {
            return Vec::new();
        };
        (i + 1..self.subtree_end(i))
            .filter(|&j| self.rows[j].depth == row.depth + 1)
            .collect()
    }

    /// The kinds a row may have under `parent` (`None`: top level).
    pub fn allowed_at(&self, parent: Option<usize>) -> &'static [RowKind] {
        let Some(p) = parent else {
            return &STEP_KINDS;
        };
        let Some(row) = self.rows.get(p) else {
            return &[];
        };
        let sub_point = row.kind == RowKind::Do
            && self
                .parent(p)
                .is_some_and(|g| self.rows[g].kind == RowKind::Do);
        if sub_point {
            &[]
        } else {
            allowed_children(row.kind)
        }
    }

    /// Rows that stand where their kind may not (too deep, or under the wrong parent).
    fn misplaced(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let max = if i == 0 {
                0
            } else {
                self.rows[i - 1].depth + 1
            };
            if row.depth > max || !self.allowed_at(self.parent(i)).contains(&row.kind) {
                out.push(i);
            }
        }
        out
    }

    /// Takes `next` if every row stands where its kind may.
    fn commit(&mut self, next: Outline) -> bool {
        let ok = next.misplaced().is_empty();
        if ok {
            *self = next;
        }
        ok
    }

    /// The previous row at `i`'s depth under the same parent.
    fn prev_sibling(&self, i: usize) -> Option<usize> {
        let depth = self.rows.get(i)?.depth;
        let j = (0..i).rev().find(|&j| self.rows[j].depth <= depth)?;
        (self.rows[j].depth == depth).then_some(j)
    }

    /// Adds an empty row after `i`'s subtree, as `i`'s sibling, and returns its index. `kind`
    /// is used when it may stand there, else the first kind that may (a Branch after a Branch,
    /// a Say among alternatives). With `i` out of range the row is a new last step.
    pub fn insert_after(&mut self, i: usize, kind: RowKind) -> usize {
        if i >= self.rows.len() {
            let kind = pick(kind, &STEP_KINDS);
            self.rows.push(Row::new(kind, 0, ""));
            return self.rows.len() - 1;
        }
        let kind = pick(kind, self.allowed_at(self.parent(i)));
        let at = self.subtree_end(i);
        self.rows.insert(at, Row::new(kind, self.rows[i].depth, ""));
        at
    }

    /// Adds an empty last child to row `i` (kind chosen as in `insert_after`); `None` when row
    /// `i` takes no children.
    pub fn add_child(&mut self, i: usize, kind: RowKind) -> Option<usize> {
        let allowed = self.allowed_at(Some(i));
        if allowed.is_empty() {
            return None;
        }
        let at = self.subtree_end(i);
        let row = Row::new(pick(kind, allowed), self.rows[i].depth + 1, "");
        self.rows.insert(at, row);
        Some(at)
    }

    /// Row `i` and its subtree become the last child of the row before it at its depth.
    pub fn indent(&mut self, i: usize) -> bool {
        if self.prev_sibling(i).is_none() {
            return false;
        }
        let mut next = self.clone();
        for r in &mut next.rows[i..self.subtree_end(i)] {
            r.depth += 1;
        }
        self.commit(next)
    }

    /// Row `i` and its subtree move out of their parent, to just after the parent's subtree;
    /// a step of an answer moves out of the whole decision (it cannot stand among answers).
    pub fn outdent(&mut self, i: usize) -> bool {
        self.outdent_to(i).is_some()
    }

    /// `outdent`, returning where row `i` now stands.
    pub(super) fn outdent_to(&mut self, i: usize) -> Option<usize> {
        let mut p = self.parent(i)?;
        if self.rows[p].kind == RowKind::Branch {
            p = self.parent(p).unwrap_or(p);
        }
        let shift = self.rows[i].depth - self.rows[p].depth;
        let mut next = self.clone();
        let end = self.subtree_end(i);
        let mut moved: Vec<Row> = next.rows.drain(i..end).collect();
        for r in &mut moved {
            r.depth -= shift;
        }
        let at = next.subtree_end(p);
        next.rows.splice(at..at, moved);
        self.commit(next).then_some(at)
    }

    /// Swaps row `i`'s subtree with its previous sibling's.
    pub fn move_up(&mut self, i: usize) -> bool {
        match self.prev_sibling(i) {
            Some(j) => self.swap_subtrees(j, i),
            None => false,
        }
    }

    /// Swaps row `i`'s subtree with its next sibling's.
    pub fn move_down(&mut self, i: usize) -> bool {
        let Some(row) = self.rows.get(i) else {
            return false;
        };
        let j = self.subtree_end(i);
        match self.rows.get(j) {
            Some(next) if next.depth == row.depth => self.swap_subtrees(i, j),
            _ => false,
        }
    }

    /// Swaps the subtrees of siblings `a` and `b`, `a` first.
    fn swap_subtrees(&mut self, a: usize, b: usize) -> bool {
        let mut next = self.clone();
        let b_end = self.subtree_end(b);
        let second: Vec<Row> = next.rows.drain(b..b_end).collect();
        next.rows.splice(a..a, second);
        self.commit(next)
    }

    /// Takes out row `i` with its subtree and returns them (for `restore`, the UI's undo).
    pub fn remove(&mut self, i: usize) -> Vec<Row> {
        if i >= self.rows.len() {
            return Vec::new();
        }
        let end = self.subtree_end(i);
        self.rows.drain(i..end).collect()
    }

    /// Puts back rows that `remove(i)` gave, at index `i`; refused where they may not stand.
    pub fn restore(&mut self, i: usize, rows: Vec<Row>) -> bool {
        if i > self.rows.len() || rows.is_empty() {
            return false;
        }
        let mut next = self.clone();
        next.rows.splice(i..i, rows);
        self.commit(next)
    }

    /// Makes row `i` another kind, keeping what can be kept: a script turned into alternatives
    /// becomes the first alternative; an action's sub-points become a decision's answers or
    /// alternative lines, and back. Refused where the result cannot be written (a sub-point as
    /// a decision, a script with sub-points, answers that already hold steps as sub-points…).
    pub fn set_kind(&mut self, i: usize, kind: RowKind) -> bool {
        let Some(row) = self.rows.get(i) else {
            return false;
        };
        let from = row.kind;
        if from == kind {
            return true;
        }
        let mut next = self.clone();
        let kids = self.children(i);
        let depth = row.depth;
        match (from, kind) {
            (RowKind::Say, RowKind::Alternatives) => {
                let first = Row {
                    kind: RowKind::Say,
                    depth: depth + 1,
                    text: row.text.clone(),
                    lead: String::new(),
                };
                let r = &mut next.rows[i];
                r.kind = kind;
                r.text = std::mem::take(&mut r.lead);
                next.rows.insert(i + 1, first);
            }
            (RowKind::Alternatives, RowKind::Say) => {
                let only = match kids.as_slice() {
                    [] => None,
                    [k] if self.rows[*k].lead.trim().is_empty() => Some(*k),
                    _ => return false,
                };
                let script = only.map(|k| next.rows.remove(k).text).unwrap_or_default();
                let r = &mut next.rows[i];
                r.kind = kind;
                r.lead = std::mem::replace(&mut r.text, script);
            }
            _ => {
                next.rows[i].kind = kind;
                // Children that cannot stay take the kind that says the same under the new one.
                let child = match kind {
                    RowKind::Decide => RowKind::Branch,
                    RowKind::Alternatives => RowKind::Say,
                    _ => RowKind::Do,
                };
                for k in kids {
                    let leaf = self.children(k).is_empty();
                    if !allowed_children(kind).contains(&self.rows[k].kind) && leaf {
                        next.rows[k].kind = child;
                    }
                }
            }
        }
        self.commit(next)
    }

    /// Sets the row's text (action, script, question, condition, or lead line of alternatives).
    pub fn set_text(&mut self, i: usize, text: &str) -> bool {
        match self.rows.get_mut(i) {
            Some(r) => {
                r.text = text.to_string();
                true
            }
            None => false,
        }
    }

    /// Sets a `Say` row's lead line (its label under `Alternatives`); other kinds have none.
    pub fn set_lead(&mut self, i: usize, lead: &str) -> bool {
        match self.rows.get_mut(i) {
            Some(r) if r.kind == RowKind::Say => {
                r.lead = lead.to_string();
                true
            }
            _ => false,
        }
    }

    /// What an editor should fix, by row, in reading order.
    pub fn check(&self) -> Vec<RowProblem> {
        let mut out = Vec::new();
        let misplaced = self.misplaced();
        for (i, row) in self.rows.iter().enumerate() {
            let mut say = |m: &str| {
                out.push(RowProblem {
                    row: i,
                    message: m.to_string(),
                })
            };
            if misplaced.contains(&i) {
                say("This row cannot stand here: move it or change its kind.");
                continue;
            }
            let kids = self.children(i);
            let parent = self.parent(i).map(|p| self.rows[p].kind);
            let empty = row.text.trim().is_empty();
            let arrow = |t: &str| ARROWS.iter().any(|a| t.contains(a));
            match row.kind {
                RowKind::Do if empty => say("Write what the operator does, or delete the step."),
                RowKind::Do if parent == Some(RowKind::Do) && arrow(&row.text) => {
                    say("A sub-point cannot hold an arrow (→ or ->): it would make the step a decision.")
                }
                RowKind::Say if empty => say("Write the words to say."),
                RowKind::Say if link::ids(&row.text).next().is_some() => {
                    say("A line to say is read aloud: put the link [[…]] in a step instead.")
                }
                RowKind::Say if parent == Some(RowKind::Alternatives) && arrow(&row.lead) => {
                    say("A label cannot hold an arrow (→ or ->): it would make the step a decision.")
                }
                RowKind::Decide if empty => say("Write the question."),
                RowKind::Decide if kids.is_empty() => say("Add the answers to the question."),
                RowKind::Branch if empty => say("Write the answer this branch is for."),
                RowKind::Branch if arrow(&row.text) => {
                    say("An answer cannot hold an arrow (→ or ->): the arrow ends the answer.")
                }
                RowKind::Branch if kids.is_empty() => say("Add what to do after this answer."),
                RowKind::Alternatives if kids.is_empty() => say("Add the lines to choose from."),
                _ => {}
            }
        }
        out
    }

    /// Row `i` as a step of the parser's tree (`None` for a branch).
    fn step(&self, i: usize) -> Option<Step> {
        let row = &self.rows[i];
        let kids = self.children(i);
        let script = |r: &Row, label: Option<String>| Script {
            label,
            text: clean_lines(&r.text),
        };
        Some(match row.kind {
            RowKind::Do => Step::Action {
                text: clean(&row.text),
                details: kids.iter().map(|&k| clean(&self.rows[k].text)).collect(),
            },
            RowKind::Say => Step::Say {
                lead: given(&row.lead),
                scripts: vec![script(row, None)],
            },
            RowKind::Alternatives => Step::Say {
                lead: given(&row.text),
                scripts: kids
                    .iter()
                    .map(|&k| script(&self.rows[k], given(&self.rows[k].lead)))
                    .collect(),
            },
            RowKind::Decide => Step::Decision {
                text: clean(&row.text),
                branches: kids
                    .iter()
                    .map(|&b| Branch {
                        condition: clean(&self.rows[b].text)
                            .trim_end_matches(':')
                            .trim()
                            .to_string(),
                        steps: self
                            .children(b)
                            .into_iter()
                            .filter_map(|s| self.step(s))
                            .collect(),
                    })
                    .collect(),
            },
            RowKind::Branch => return None,
        })
    }
}

fn pick(kind: RowKind, allowed: &[RowKind]) -> RowKind {
    if allowed.contains(&kind) {
        kind
    } else {
        allowed.first().copied().unwrap_or(RowKind::Do)
    }
}

fn push_step(rows: &mut Vec<Row>, step: &Step, depth: usize) {
    match step {
        Step::Action { text, details } => {
            rows.push(Row::new(RowKind::Do, depth, text.clone()));
            for d in details {
                rows.push(Row::new(RowKind::Do, depth + 1, d.clone()));
            }
        }
        Step::Say { lead, scripts } => match scripts.as_slice() {
            [one] if one.label.is_none() => rows.push(Row {
                kind: RowKind::Say,
                depth,
                text: one.text.clone(),
                lead: lead.clone().unwrap_or_default(),
            }),
            _ => {
                let lead = lead.clone().unwrap_or_default();
                rows.push(Row::new(RowKind::Alternatives, depth, lead));
                for s in scripts {
                    rows.push(Row {
                        kind: RowKind::Say,
                        depth: depth + 1,
                        text: s.text.clone(),
                        lead: s.label.clone().unwrap_or_default(),
                    });
                }
            }
        },
        Step::Decision { text, branches } => {
            rows.push(Row::new(RowKind::Decide, depth, text.clone()));
            for b in branches {
                rows.push(Row::new(RowKind::Branch, depth + 1, b.condition.clone()));
                for s in &b.steps {
                    push_step(rows, s, depth + 2);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
