//! One walk over a card's texts: every text with its typed place, in reading order. The search
//! zones, the snippets' lines, the links, the export's text and the filling of links' words
//! each filter the places they want, so a new field of a card is one edit here, and the
//! `match`es on `Place` lead to every consumer that must decide about it.

use super::{Procedure, Step};

/// Where a text stands on a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Title,
    /// A phrasing an operator might type (front matter).
    Situation,
    Category,
    Caution,
    /// What the operator does (an action step).
    Action,
    /// A sub-point of an action.
    Detail,
    /// When or how a line is said ("Nói:", "Ответ 1:").
    Lead,
    /// The name of an alternative script ("Hoặc:").
    ScriptLabel,
    /// A line read aloud to the caller.
    Script,
    /// A decision's question.
    Question,
    /// A decision branch's condition.
    Condition,
    Note,
}

impl Place {
    /// A text inside the checklist's steps (branches included).
    pub fn in_steps(self) -> bool {
        match self {
            Place::Action
            | Place::Detail
            | Place::Lead
            | Place::ScriptLabel
            | Place::Script
            | Place::Question
            | Place::Condition => true,
            Place::Title | Place::Situation | Place::Category | Place::Caution | Place::Note => {
                false
            }
        }
    }

    /// What the operator reads below the card's header, where `[[links]]` are followed (the
    /// parser refuses them in titles and situations, and in scripts read aloud).
    pub fn on_card(self) -> bool {
        match self {
            Place::Caution | Place::Note => true,
            Place::Title | Place::Situation | Place::Category => false,
            p => p.in_steps(),
        }
    }
}

/// The walk itself, written once for shared and for mutable access.
macro_rules! walk {
    ($steps:ident, $visit_steps:ident, $f:ident, $($mut_:tt)?) => {{
        for step in $steps {
            match step {
                Step::Action { text, details } => {
                    $f(Place::Action, text);
                    for d in details {
                        $f(Place::Detail, d);
                    }
                }
                Step::Say { lead, scripts } => {
                    if let Some(lead) = lead {
                        $f(Place::Lead, lead);
                    }
                    for s in scripts {
                        if let Some(label) = & $($mut_)? s.label {
                            $f(Place::ScriptLabel, label);
                        }
                        $f(Place::Script, & $($mut_)? s.text);
                    }
                }
                Step::Decision { text, branches } => {
                    // A decision nested in a branch may have no question of its own.
                    if !text.is_empty() {
                        $f(Place::Question, text);
                    }
                    for b in branches {
                        $f(Place::Condition, & $($mut_)? b.condition);
                        $visit_steps(& $($mut_)? b.steps, $f);
                    }
                }
            }
        }
    }};
}

fn visit_steps<'a>(steps: &'a [Step], f: &mut dyn FnMut(Place, &'a str)) {
    walk!(steps, visit_steps, f,)
}

fn visit_steps_mut(steps: &mut [Step], f: &mut dyn FnMut(Place, &mut String)) {
    walk!(steps, visit_steps_mut, f, mut)
}

impl Step {
    /// Every text of this step, depth first into its branches, in reading order.
    pub fn visit<'a>(&'a self, f: &mut dyn FnMut(Place, &'a str)) {
        visit_steps(std::slice::from_ref(self), f)
    }
}

impl Procedure {
    /// Every text of the card with its place, in reading order: title, situations, category,
    /// cautions, the steps (depth first), notes. The rules are not stored texts: `rule_texts`.
    pub fn visit<'a>(&'a self, f: &mut dyn FnMut(Place, &'a str)) {
        f(Place::Title, &self.title);
        self.situations.iter().for_each(|s| f(Place::Situation, s));
        f(Place::Category, &self.category);
        self.cautions.iter().for_each(|c| f(Place::Caution, c));
        visit_steps(&self.steps, f);
        self.notes.iter().for_each(|n| f(Place::Note, n));
    }

    /// `visit`, with each text writable.
    pub fn visit_mut(&mut self, f: &mut dyn FnMut(Place, &mut String)) {
        f(Place::Title, &mut self.title);
        self.situations
            .iter_mut()
            .for_each(|s| f(Place::Situation, s));
        f(Place::Category, &mut self.category);
        self.cautions.iter_mut().for_each(|c| f(Place::Caution, c));
        visit_steps_mut(&mut self.steps, f);
        self.notes.iter_mut().for_each(|n| f(Place::Note, n));
    }

    /// The texts at the places `keep` accepts, in reading order.
    pub fn texts_where(&self, keep: impl Fn(Place) -> bool) -> Vec<&str> {
        let mut out = Vec::new();
        self.visit(&mut |place, text| {
            if keep(place) {
                out.push(text);
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Branch, Lang, Script, Source, Timers};

    fn card() -> Procedure {
        Procedure {
            id: "vi-x".into(),
            lang: Lang::Vi,
            title: "T".into(),
            category: "C".into(),
            situations: vec!["s1".into(), "s2".into()],
            cautions: vec!["c".into()],
            timers: Timers::default(),
            steps: vec![
                Step::Action {
                    text: "a".into(),
                    details: vec!["d".into()],
                },
                Step::Say {
                    lead: Some("l".into()),
                    scripts: vec![
                        Script {
                            label: Some("k1".into()),
                            text: "x1".into(),
                        },
                        Script {
                            label: None,
                            text: "x2".into(),
                        },
                    ],
                },
                Step::Decision {
                    text: "q?".into(),
                    branches: vec![Branch {
                        condition: "if".into(),
                        steps: vec![Step::Decision {
                            text: String::new(),
                            branches: vec![Branch {
                                condition: "if2".into(),
                                steps: vec![Step::Action {
                                    text: "deep".into(),
                                    details: vec![],
                                }],
                            }],
                        }],
                    }],
                },
            ],
            notes: vec!["n".into()],
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

    #[test]
    fn the_walk_gives_every_text_once_in_reading_order_with_its_place() {
        let mut seen = Vec::new();
        card().visit(&mut |place, text| seen.push((place, text.to_string())));
        use Place::*;
        let want = [
            (Title, "T"),
            (Situation, "s1"),
            (Situation, "s2"),
            (Category, "C"),
            (Caution, "c"),
            (Action, "a"),
            (Detail, "d"),
            (Lead, "l"),
            (ScriptLabel, "k1"),
            (Script, "x1"),
            (Script, "x2"),
            (Question, "q?"),
            (Condition, "if"),
            (Condition, "if2"),
            (Action, "deep"),
            (Note, "n"),
        ];
        let want: Vec<(Place, String)> = want.iter().map(|(p, t)| (*p, t.to_string())).collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn the_writable_walk_reaches_the_same_places() {
        let mut p = card();
        let mut places = Vec::new();
        p.visit_mut(&mut |place, text| {
            places.push(place);
            text.push('!');
        });
        let mut read = Vec::new();
        p.visit(&mut |place, text| {
            assert!(text.ends_with('!'), "{place:?}: {text}");
            read.push(place);
        });
        assert_eq!(places, read);
    }

    #[test]
    fn steps_and_the_card_body_are_places_filtered_from_the_one_walk() {
        let p = card();
        assert_eq!(
            p.step_texts(),
            ["a", "d", "l", "k1", "x1", "x2", "q?", "if", "if2", "deep"]
        );
        let body = p.texts_where(Place::on_card);
        assert_eq!(body.first(), Some(&"c"));
        assert_eq!(body.last(), Some(&"n"));
        assert!(!body.contains(&"T") && !body.contains(&"s1") && !body.contains(&"C"));
    }
}
