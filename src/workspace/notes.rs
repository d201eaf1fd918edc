//! A card's `## Notes` section as the form's Notes field: read as text, written back in place,
//! every byte outside the section kept.

use std::ops::Range;

/// Where the notes' text stands (after the heading's line up to the next `## ` heading or the
/// end), and where the whole section with its heading does; `None` without a Notes section.
fn section(text: &str) -> Option<(Range<usize>, Range<usize>)> {
    let mut at = 0;
    let mut found: Option<(usize, usize)> = None;
    for line in text.split_inclusive('\n') {
        let heading = line.trim_end().strip_prefix("## ").map(str::trim);
        match (found, heading) {
            (None, Some(h)) if h.eq_ignore_ascii_case("notes") => {
                found = Some((at, at + line.len()))
            }
            (Some((start, body)), Some(_)) => return Some((body..at, start..at)),
            _ => {}
        }
        at += line.len();
    }
    found.map(|(start, body)| (body..text.len(), start..text.len()))
}

/// The notes as the editor reads them (without the blank lines around them).
pub fn read_notes(text: &str) -> String {
    section(text)
        .map(|(body, _)| text[body].trim().to_string())
        .unwrap_or_default()
}

/// The card with `notes` as its Notes section: the section's text replaced, added at the end
/// when there was none, removed with its heading when `notes` is empty. The same notes give
/// back the same text.
pub fn set_notes(text: &str, notes: &str) -> String {
    let notes = notes.trim();
    if read_notes(text) == notes {
        return text.to_string();
    }
    match section(text) {
        Some((_, whole)) if notes.is_empty() => {
            let before = text[..whole.start].trim_end_matches('\n');
            let after = &text[whole.end..];
            if after.is_empty() {
                format!("{before}\n")
            } else {
                format!("{before}\n\n{after}")
            }
        }
        Some((body, _)) => {
            let gap = if body.end < text.len() { "\n" } else { "" };
            format!(
                "{}\n{notes}\n{gap}{}",
                &text[..body.start],
                &text[body.end..]
            )
        }
        None if notes.is_empty() => text.to_string(),
        None => format!("{}\n\n## Notes\n\n{notes}\n", text.trim_end_matches('\n')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: &str = "+++\nid = \"x\"\n+++\n\n## Steps\n\n1. Làm.\n\n## Notes\n\nGhi chú.\n";

    #[test]
    fn notes_are_read_replaced_added_and_removed_in_place() {
        assert_eq!(read_notes(CARD), "Ghi chú.");
        assert_eq!(
            set_notes(CARD, "Ghi chú mới."),
            CARD.replace("Ghi chú.", "Ghi chú mới.")
        );
        let none = set_notes(CARD, "");
        assert_eq!(none, "+++\nid = \"x\"\n+++\n\n## Steps\n\n1. Làm.\n");
        assert_eq!(set_notes(&none, "Ghi chú."), CARD);
        assert_eq!(read_notes(&none), "");
    }

    #[test]
    fn a_section_after_the_notes_stays() {
        let card = CARD.replace("## Notes", "## Notes\n\nA.\n\n## Steps2");
        let card = card.replace("## Steps2\n\nGhi chú.\n", "## Steps2\n");
        assert_eq!(read_notes(&card), "A.");
        let new = set_notes(&card, "B.");
        assert_eq!(new, card.replace("\nA.\n", "\nB.\n"));
    }

    #[test]
    fn every_real_cards_notes_write_back_as_they_were_and_change_alone() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
        let mut seen = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|x| x != "md") || p.ends_with("README.md") {
                continue;
            }
            let card = std::fs::read_to_string(&p).unwrap();
            let notes = read_notes(&card);
            assert_eq!(set_notes(&card, &notes), card, "{}", p.display());
            let new = set_notes(&card, "Một ghi chú.");
            let head = card
                .find("\n## Notes")
                .unwrap_or(card.trim_end_matches('\n').len());
            assert_eq!(new[..head], card[..head], "{}", p.display());
            assert_eq!(read_notes(&new), "Một ghi chú.");
            seen += usize::from(!notes.is_empty());
        }
        assert!(seen >= 5, "cards with notes: {seen}");
    }
}
