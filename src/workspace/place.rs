//! Where in the form a problem of `kb check` belongs: the front-matter field or the step its
//! line falls in, so the form shows it there (and the problem list names the field).

/// A place in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A front-matter field, by its path (`title`, `timers.hold_limit`, `source.file`).
    Field(String),
    /// A step of the checklist, by its position (0 = the first step).
    Step(usize),
    /// Elsewhere (the notes, the file as a whole): the text view shows it.
    Text,
}

/// The place of a problem reported at 1-based `line` of `text`, with its `message`: a message
/// that names a key in backticks (`missing \`situations\``) belongs to that field wherever it
/// was reported; otherwise the line decides.
pub fn place_of(text: &str, line: usize, message: &str, fields: &[&str]) -> Place {
    let named = fields
        .iter()
        .filter(|f| {
            let last = f.rsplit('.').next().unwrap_or(f);
            message.contains(&format!("`{f}`")) || message.contains(&format!("`{last}`"))
        })
        .max_by_key(|f| f.len());
    if let Some(f) = named {
        return Place::Field(f.to_string());
    }
    by_line(text, line)
}

fn by_line(text: &str, line: usize) -> Place {
    let mut fence = 0;
    let mut table = String::new();
    let mut key: Option<String> = None;
    let mut in_steps = false;
    let mut steps = 0usize;
    for (i, l) in text.lines().enumerate() {
        let n = i + 1;
        if l.trim_end() == "+++" {
            fence += 1;
            if n == line {
                return Place::Text;
            }
            continue;
        }
        if fence == 1 {
            let t = l.trim();
            if let Some(h) = t.strip_prefix("[[").and_then(|h| h.split("]]").next()) {
                table = h.trim().to_string();
                key = Some(table.clone());
            } else if let Some(h) = t.strip_prefix('[').and_then(|h| h.split(']').next()) {
                table = h.trim().to_string();
                key = None;
            } else if let Some(k) = key_of(l) {
                key = Some(match table.as_str() {
                    "" => k.to_string(),
                    "timers.callbacks" => table.clone(),
                    t => format!("{t}.{k}"),
                });
            }
            if n == line {
                return key.map(Place::Field).unwrap_or(Place::Text);
            }
            continue;
        }
        if let Some(h) = l.strip_prefix("## ") {
            in_steps = h.trim().eq_ignore_ascii_case("steps");
        } else if in_steps && starts_numbered(l) {
            steps += 1;
        }
        if n == line {
            return match (in_steps, steps) {
                (true, k) if k > 0 => Place::Step(k - 1),
                _ => Place::Text,
            };
        }
    }
    Place::Text
}

/// The key a `key = value` line of the front matter sets (not a comment, not a list item).
fn key_of(line: &str) -> Option<&str> {
    let (k, _) = line.split_once('=')?;
    let k = k.trim();
    let bare = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (bare && !line.starts_with([' ', '\t'])).then_some(k)
}

/// A top-level numbered item: `1. ` or `1) ` at the start of the line.
fn starts_numbered(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[&str] = &[
        "title",
        "situations",
        "timers.hold_limit",
        "timers.callbacks",
        "source.file",
    ];
    const CARD: &str = "+++\nid = \"vi-x\"\ntitle = \"T\"\nsituations = [\n  \"a\",\n]\n\n[timers]\nhold_limit = \"1 giờ\"\n\n[[timers.callbacks]]\nwithin = \"x\"\nreason = \"r\"\n\n[source]\nfile = \"f\"\n+++\n\n## Steps\n\n1. one\n   - detail\n2. two\n\n## Notes\n\nnote\n";

    fn at(line: usize) -> Place {
        place_of(CARD, line, "something", FIELDS)
    }

    #[test]
    fn a_line_of_the_front_matter_is_its_field() {
        assert_eq!(at(3), Place::Field("title".into()));
        assert_eq!(at(5), Place::Field("situations".into()));
        assert_eq!(at(9), Place::Field("timers.hold_limit".into()));
        assert_eq!(at(12), Place::Field("timers.callbacks".into()));
        assert_eq!(at(16), Place::Field("source.file".into()));
        assert_eq!(at(1), Place::Text);
        assert_eq!(at(8), Place::Text);
    }

    #[test]
    fn a_line_of_the_steps_is_its_step_and_the_notes_are_text() {
        assert_eq!(at(21), Place::Step(0));
        assert_eq!(at(22), Place::Step(0));
        assert_eq!(at(23), Place::Step(1));
        assert_eq!(at(27), Place::Text);
        assert_eq!(at(19), Place::Text);
    }

    #[test]
    fn a_message_naming_a_key_is_that_field() {
        let m = "missing `situations`: add a few phrasings";
        assert_eq!(
            place_of(CARD, 1, m, FIELDS),
            Place::Field("situations".into())
        );
        let m = "bad `timers.hold_limit`";
        assert_eq!(
            place_of(CARD, 2, m, FIELDS),
            Place::Field("timers.hold_limit".into())
        );
    }
}
