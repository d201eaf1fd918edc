//! Which languages' index blobs a page fetches first, and which it needs for what it shows:
//! a desk downloads the languages it searches; "all languages" brings the rest in afterwards.

use crate::content::Lang;

/// The languages to fetch before the first answer, from those the site has (`available`):
/// the filter's language; else the UI's language when content exists in it (the rest follow
/// once it is open, see `wanted`); else all of them.
pub fn first(available: &[Lang], filter: Option<Lang>, ui: Option<Lang>) -> Vec<Lang> {
    match filter.or(ui).filter(|l| available.contains(l)) {
        Some(l) => vec![l],
        None => available.to_vec(),
    }
}

/// The languages the page needs for what it shows.
#[derive(Debug, PartialEq)]
pub struct Wanted {
    /// At once: the `first` languages, the filter's, and every one when a procedure asked for
    /// is in none of those open.
    pub now: Vec<Lang>,
    /// Once the first answer is on screen: the rest of "all languages", when something is open
    /// (results from one language only would hide the others').
    pub after_first_answer: Vec<Lang>,
}

pub fn wanted(
    available: &[Lang],
    first_langs: &[Lang],
    filter: Option<Lang>,
    any_open: bool,
    missing_procedure: bool,
) -> Wanted {
    let (now, rest): (Vec<Lang>, Vec<Lang>) = available
        .iter()
        .partition(|l| first_langs.contains(l) || filter == Some(**l) || missing_procedure);
    Wanted {
        now,
        after_first_answer: if filter.is_none() && any_open {
            rest
        } else {
            Vec::new()
        },
    }
}

/// The hint boot.js reads to start the right downloads beside the wasm: language codes, `,`.
pub fn hint(langs: &[Lang]) -> String {
    langs.iter().map(|l| l.code()).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::*;

    const ALL: [Lang; 3] = [Vi, Zh, Ru];

    #[test]
    fn a_desk_fetches_its_language_first_and_everything_without_one() {
        assert_eq!(first(&ALL, None, Some(Vi)), [Vi]);
        assert_eq!(first(&ALL, Some(Ru), Some(Vi)), [Ru], "the filter wins");
        assert_eq!(
            first(&ALL, None, None),
            ALL,
            "English UI: no content language"
        );
        assert_eq!(
            first(&[Vi, Ru], None, Some(Zh)),
            [Vi, Ru],
            "no Chinese content"
        );
    }

    #[test]
    fn all_languages_brings_the_rest_once_one_is_open_and_a_filter_does_not() {
        let w = |now: &[Lang], after: &[Lang]| Wanted {
            now: now.to_vec(),
            after_first_answer: after.to_vec(),
        };
        assert_eq!(wanted(&ALL, &[Vi], None, false, false), w(&[Vi], &[]));
        assert_eq!(wanted(&ALL, &[Vi], None, true, false), w(&[Vi], &[Zh, Ru]));
        assert_eq!(wanted(&ALL, &[Vi], Some(Vi), true, false), w(&[Vi], &[]));
        assert_eq!(
            wanted(&ALL, &[Vi], Some(Zh), true, false),
            w(&[Vi, Zh], &[])
        );
        assert_eq!(
            wanted(&ALL, &[Ru], Some(Ru), true, true),
            w(&ALL, &[]),
            "a link elsewhere"
        );
        assert_eq!(hint(&[Vi, Ru]), "vi,ru");
    }
}
