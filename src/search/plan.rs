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

/// What the page shows now needs: the `first` languages; the filter's; every language when
/// "all languages" is chosen and something is open already (results from one language only
/// would hide the others'), or when a procedure asked for is in none of those open.
pub fn wanted(
    available: &[Lang],
    first_langs: &[Lang],
    filter: Option<Lang>,
    any_open: bool,
    missing_procedure: bool,
) -> Vec<Lang> {
    available
        .iter()
        .copied()
        .filter(|l| {
            first_langs.contains(l)
                || filter == Some(*l)
                || (filter.is_none() && any_open)
                || missing_procedure
        })
        .collect()
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
        assert_eq!(wanted(&ALL, &[Vi], None, false, false), [Vi]);
        assert_eq!(wanted(&ALL, &[Vi], None, true, false), ALL);
        assert_eq!(wanted(&ALL, &[Vi], Some(Vi), true, false), [Vi]);
        assert_eq!(wanted(&ALL, &[Vi], Some(Zh), true, false), [Vi, Zh]);
        assert_eq!(
            wanted(&ALL, &[Ru], Some(Ru), true, true),
            ALL,
            "a link elsewhere"
        );
        assert_eq!(hint(&[Vi, Ru]), "vi,ru");
    }
}
