//! Links between procedures inside content text: `[[procedure-id]]` or `[[procedure-id|words]]`.
//! The loader fills in the target's title as the words, so the page and the index need no lookup.

/// A piece of text: plain words, or a link to another procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Link { id: &'a str, words: Option<&'a str> },
}

/// Splits `text` into plain text and links. `[[` without a closing `]]` is plain text.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("[[") {
        let inner_start = open + 2;
        let Some(close) = rest[inner_start..].find("]]") else {
            break;
        };
        let inner = &rest[inner_start..inner_start + close];
        if inner.contains('[') {
            // "[[[x]]" and the like: keep the first bracket as text and look again after it.
            out.push(Segment::Text(&rest[..open + 1]));
            rest = &rest[open + 1..];
            continue;
        }
        if open > 0 {
            out.push(Segment::Text(&rest[..open]));
        }
        let (id, words) = match inner.split_once('|') {
            Some((id, words)) => (id.trim(), Some(words.trim()).filter(|w| !w.is_empty())),
            None => (inner.trim(), None),
        };
        out.push(Segment::Link { id, words });
        rest = &rest[inner_start + close + 2..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// The ids `text` links to, in order.
pub fn ids(text: &str) -> impl Iterator<Item = &str> {
    segments(text).into_iter().filter_map(|s| match s {
        Segment::Link { id, .. } => Some(id),
        Segment::Text(_) => None,
    })
}

/// The text as read: each link replaced by its words (or its id when it has none).
pub fn plain(text: &str) -> String {
    if !text.contains("[[") {
        return text.to_string();
    }
    segments(text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => t,
            Segment::Link { id, words } => words.unwrap_or(id),
        })
        .collect()
}

/// Writes the words of every link that has none, from `title_of(id)`; unknown ids are kept.
pub fn fill_words(text: &str, title_of: impl Fn(&str) -> Option<String>) -> String {
    if !text.contains("[[") {
        return text.to_string();
    }
    segments(text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => t.to_string(),
            Segment::Link { id, words: None } => match title_of(id) {
                Some(title) => format!("[[{id}|{title}]]"),
                None => format!("[[{id}]]"),
            },
            Segment::Link { id, words: Some(w) } => format!("[[{id}|{w}]]"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_with_and_without_words() {
        assert_eq!(
            segments("làm theo [[vi-a]], rồi [[vi-b|thủ tục B]]."),
            vec![
                Segment::Text("làm theo "),
                Segment::Link {
                    id: "vi-a",
                    words: None
                },
                Segment::Text(", rồi "),
                Segment::Link {
                    id: "vi-b",
                    words: Some("thủ tục B")
                },
                Segment::Text("."),
            ]
        );
        assert_eq!(
            plain("làm theo [[vi-a]], rồi [[vi-b|thủ tục B]]."),
            "làm theo vi-a, rồi thủ tục B."
        );
        assert_eq!(ids("[[a]] [[b|x]]").collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn unclosed_or_odd_brackets_stay_text() {
        assert_eq!(plain("a [[b"), "a [[b");
        assert_eq!(plain("[[[x]] y"), "[x y");
        assert_eq!(segments(""), vec![]);
        assert_eq!(ids("[ [a] ]").count(), 0);
    }

    #[test]
    fn titles_are_filled_in_once() {
        let title = |id: &str| (id == "vi-a").then(|| "Thủ tục A".to_string());
        let filled = fill_words("xem [[vi-a]] và [[vi-z]] và [[vi-a|A]]", title);
        assert_eq!(filled, "xem [[vi-a|Thủ tục A]] và [[vi-z]] và [[vi-a|A]]");
        assert_eq!(fill_words(&filled, title), filled);
    }
}
