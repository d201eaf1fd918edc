//! A changed file's line diff for the "Changes" panel: the changed lines with three lines of
//! context each side, as unified diffs show them (the `similar` crate's grouped operations).

use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffKind {
    Same,
    Added,
    Removed,
    /// Unchanged lines left out between two groups of changes.
    Gap,
}

/// One line of the diff, with its numbers in the old and the new file (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: DiffKind,
    pub old: Option<usize>,
    pub new: Option<usize>,
    /// The line without its line end.
    pub text: String,
}

/// Lines of context kept around each change.
const CONTEXT: usize = 3;

pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let diff = TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for (i, group) in diff.grouped_ops(CONTEXT).into_iter().enumerate() {
        if i > 0 {
            out.push(DiffLine {
                kind: DiffKind::Gap,
                old: None,
                new: None,
                text: String::new(),
            });
        }
        for op in group {
            for change in diff.iter_changes(&op) {
                out.push(DiffLine {
                    kind: match change.tag() {
                        ChangeTag::Equal => DiffKind::Same,
                        ChangeTag::Insert => DiffKind::Added,
                        ChangeTag::Delete => DiffKind::Removed,
                    },
                    old: change.old_index().map(|i| i + 1),
                    new: change.new_index().map(|i| i + 1),
                    text: change.value().trim_end_matches(['\n', '\r']).to_string(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_shows_with_its_context_and_numbers() {
        let old: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 10\n", "line ten\n");
        let d = line_diff(&old, &new);
        let removed: Vec<_> = d.iter().filter(|l| l.kind == DiffKind::Removed).collect();
        let added: Vec<_> = d.iter().filter(|l| l.kind == DiffKind::Added).collect();
        assert_eq!(removed.len(), 1);
        assert_eq!(
            (removed[0].old, removed[0].text.as_str()),
            (Some(10), "line 10")
        );
        assert_eq!(
            (added[0].new, added[0].text.as_str()),
            (Some(10), "line ten")
        );
        // Three lines of context each side, nothing else.
        assert_eq!(d.len(), 2 + 2 * CONTEXT);
        assert_eq!(d[0].old, Some(7));
    }

    #[test]
    fn changes_far_apart_are_two_groups_with_a_gap() {
        let old: String = (1..=40).map(|i| format!("{i}\n")).collect();
        let new = old
            .replace("\n5\n", "\nfive\n")
            .replace("\n35\n", "\nthirty-five\n");
        let d = line_diff(&old, &new);
        assert_eq!(d.iter().filter(|l| l.kind == DiffKind::Gap).count(), 1);
    }

    #[test]
    fn no_change_is_an_empty_diff() {
        assert!(line_diff("a\nb\n", "a\nb\n").is_empty());
    }
}
