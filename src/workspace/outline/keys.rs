//! The outline's keyboard as plain edits: Enter adds the row an editor means at that place,
//! Tab and Shift+Tab move a row one level in or out, taking the kind its new place needs.

use super::{Outline, RowKind};

impl Outline {
    /// Enter on row `i`: a decision or a set of alternatives gets a new answer or line; an
    /// answer without steps its first step; any other row a sibling below. Returns the new
    /// row's index.
    pub fn enter(&mut self, i: usize) -> Option<usize> {
        let row = self.rows.get(i)?;
        match row.kind {
            RowKind::Decide | RowKind::Alternatives => self.add_child(i, RowKind::Branch),
            RowKind::Branch if self.children(i).is_empty() => self.add_child(i, RowKind::Do),
            _ => Some(self.insert_after(i, RowKind::Do)),
        }
    }

    /// Tab (`inward`) or Shift+Tab on row `i`: one level in or out, as outliners do. A step
    /// indented under a decision becomes an answer; the last step of an answer outdented
    /// becomes the decision's next answer; an answer outdented becomes a step after its
    /// decision. Returns the row's new index.
    pub fn shift(&mut self, i: usize, inward: bool) -> Option<usize> {
        let own = self.rows.get(i)?.kind;
        if !inward {
            if let Some(at) = self.outdent_to_answer(i) {
                return Some(at);
            }
        }
        [own, RowKind::Branch, RowKind::Do, RowKind::Say]
            .into_iter()
            .find_map(|kind| {
                let mut next = self.clone();
                next.rows[i].kind = kind;
                let at = if inward {
                    next.indent(i).then_some(i)
                } else {
                    next.outdent_to(i)
                };
                if at.is_some() {
                    *self = next;
                }
                at
            })
    }

    /// A step that is the last row of an answer becomes the decision's next answer.
    fn outdent_to_answer(&mut self, i: usize) -> Option<usize> {
        let branch = self.parent(i)?;
        if self.rows[branch].kind != RowKind::Branch || self.rows[i].kind == RowKind::Branch {
            return None;
        }
        let end = self.subtree_end(i);
        if end != self.subtree_end(branch) || i == self.children(branch).first().copied()? {
            return None;
        }
        let mut next = self.clone();
        let mut moved: Vec<_> = next.rows.drain(i..end).collect();
        let depth = next.rows[branch].depth;
        moved[0].kind = RowKind::Branch;
        for r in &mut moved {
            r.depth -= 1;
        }
        debug_assert_eq!(moved[0].depth, depth);
        next.rows.splice(i..i, moved);
        self.commit(next).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Row;
    use super::*;

    fn shape(o: &Outline) -> Vec<(RowKind, usize)> {
        o.rows.iter().map(|r| (r.kind, r.depth)).collect()
    }

    #[test]
    fn a_decision_is_written_with_enter_and_shift_tab_alone() {
        use RowKind::*;
        let mut o = Outline {
            rows: vec![Row::new(Do, 0, "ask"), Row::new(Decide, 0, "chosen?")],
        };
        let b1 = o.enter(1).unwrap();
        assert_eq!(shape(&o)[b1], (Branch, 1));
        o.set_text(b1, "yes");
        let s1 = o.enter(b1).unwrap();
        assert_eq!(
            shape(&o)[s1],
            (Do, 2),
            "an empty answer's Enter is its first step"
        );
        o.set_text(s1, "register");
        let next = o.enter(s1).unwrap();
        assert_eq!(shape(&o)[next], (Do, 2));
        let b2 = o.shift(next, false).unwrap();
        assert_eq!(shape(&o)[b2], (Branch, 1), "the next answer");
        o.set_text(b2, "no");
        let s2 = o.enter(b2).unwrap();
        o.set_text(s2, "advise");
        let after = o.enter(s2).unwrap();
        let b3 = o.shift(after, false).unwrap();
        assert_eq!(shape(&o)[b3], (Branch, 1));
        let top = o.shift(b3, false).unwrap();
        assert_eq!(
            shape(&o)[top],
            (Do, 0),
            "out of the decision, a step after it"
        );
        assert_eq!(
            shape(&o),
            [
                (Do, 0),
                (Decide, 0),
                (Branch, 1),
                (Do, 2),
                (Branch, 1),
                (Do, 2),
                (Do, 0)
            ]
        );
    }

    #[test]
    fn tab_puts_a_step_under_the_one_above_and_under_a_decision_as_an_answer() {
        use RowKind::*;
        let mut o = Outline {
            rows: vec![
                Row::new(Do, 0, "a"),
                Row::new(Do, 0, "b"),
                Row::new(Decide, 0, "c?"),
                Row::new(Do, 0, "d"),
            ],
        };
        assert_eq!(o.shift(1, true), Some(1));
        assert_eq!(shape(&o)[1], (Do, 1), "a sub-point");
        assert_eq!(o.shift(3, true), Some(3));
        assert_eq!(shape(&o)[3], (Branch, 1), "an answer");
        assert_eq!(
            o.shift(0, true),
            None,
            "the first step has nothing above it"
        );
    }

    #[test]
    fn a_step_amid_an_answer_outdents_past_the_decision() {
        use RowKind::*;
        let mut o = Outline {
            rows: vec![
                Row::new(Decide, 0, "q?"),
                Row::new(Branch, 1, "yes"),
                Row::new(Do, 2, "one"),
                Row::new(Do, 2, "two"),
                Row::new(Do, 2, "three"),
            ],
        };
        let at = o.shift(3, false).unwrap();
        assert_eq!(o.rows[at].text, "two");
        assert_eq!(shape(&o)[at], (Do, 0));
    }
}
