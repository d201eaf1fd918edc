//! What the studio shows about the folder as it stands: the folder checked by `kb check`'s own
//! code (`content::check_folder`), the card list's rows with their marks, the filter over them,
//! and where a problem's line starts in the editor's text.

use super::Workspace;
use crate::content::{check_folder_with, CardFile, Checked, Folder, Lang, ParseCache};
use crate::text::fold_latin;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Checks the folder as edited (`Workspace::files`), exactly as `kb check` would (paths are the
/// file names); only the files `cache` has not seen with these bytes are parsed again.
pub fn check(files: &[(String, Vec<u8>)], cache: &mut ParseCache) -> Checked {
    check_folder_with(
        &Folder {
            root: PathBuf::new(),
            files: files
                .iter()
                .map(|(p, b)| (PathBuf::from(p), b.clone()))
                .collect(),
            unreadable: Vec::new(),
        },
        cache,
    )
}

/// One card in the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Row {
    pub path: String,
    /// The title, or the file name while the front matter gives none.
    pub title: String,
    pub lang: Option<Lang>,
    pub category: Option<String>,
    pub draft: bool,
    pub problems: usize,
    /// Changed since the folder was opened (or saved).
    pub changed: bool,
}

/// Every card file of the folder, in file order, with its marks. Runs at every keystroke: each
/// lookup is by map, so 1 000 cards cost 1 000 steps, not a million.
pub fn rows(ws: &Workspace, checked: &Checked) -> Vec<Row> {
    let files: HashMap<&Path, &CardFile> = checked
        .files
        .iter()
        .map(|f| (f.path.as_path(), f))
        .collect();
    let mut problems: HashMap<&Path, usize> = HashMap::new();
    for e in &checked.errors {
        *problems.entry(e.path.as_path()).or_default() += 1;
    }
    ws.card_paths()
        .into_iter()
        .map(|path| {
            let file = files.get(Path::new(&path)).copied();
            Row {
                title: file
                    .and_then(|f| f.head.title.clone())
                    .unwrap_or_else(|| path.clone()),
                lang: file.and_then(|f| f.head.lang),
                category: file.and_then(|f| f.head.category.clone()),
                draft: file.is_some_and(|f| f.draft),
                problems: problems.get(Path::new(&path)).copied().unwrap_or(0),
                changed: ws.is_changed(&path),
                path,
            }
        })
        .collect()
}

/// Lower case without diacritics, so "khieu nai" finds "Khiếu nại".
fn folded(text: &str) -> String {
    fold_latin(&text.to_lowercase())
}

/// The rows whose title, file, category or language contain every word of `filter`.
pub fn filter_rows(rows: &[Row], filter: &str) -> Vec<Row> {
    let words: Vec<String> = filter.split_whitespace().map(folded).collect();
    rows.iter()
        .filter(|r| {
            let hay = folded(&format!(
                "{} {} {} {}",
                r.title,
                r.path,
                r.category.as_deref().unwrap_or(""),
                r.lang.map(Lang::code).unwrap_or("")
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .cloned()
        .collect()
}

/// How many rows the card list draws at once. A folder of a thousand cards drew six thousand
/// elements at every change of its titles (~200 ms on the page's main thread, typing held up);
/// the rest are a click ("Show all") or a filter away.
pub const AT_ONCE: usize = 200;

/// The rows the list draws (all of them when `all`), and how many it leaves out. The one being
/// edited is always drawn.
pub fn at_once(rows: &[Row], all: bool, selected: Option<&str>) -> (Vec<Row>, usize) {
    if all || rows.len() <= AT_ONCE {
        return (rows.to_vec(), 0);
    }
    let mut shown = rows[..AT_ONCE].to_vec();
    if let Some(row) = rows[AT_ONCE..]
        .iter()
        .find(|r| Some(r.path.as_str()) == selected)
    {
        shown.push(row.clone());
    }
    let left = rows.len() - shown.len();
    (shown, left)
}

/// Where `line` (1-based) starts in `text`, in UTF-16 units (what a textarea's selection counts).
pub fn line_start_utf16(text: &str, line: usize) -> u32 {
    let mut units = 0u32;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 >= line {
            break;
        }
        units += l.encode_utf16().count() as u32;
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real_content() -> Workspace {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let files = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (format!("content/{name}"), std::fs::read(&p).unwrap())
            })
            .collect();
        Workspace::open("content", files)
    }

    #[test]
    fn a_long_list_draws_its_first_rows_and_the_card_being_edited() {
        let row = |i: usize| Row {
            path: format!("vi-{i:04}.md"),
            title: format!("Thẻ {i}"),
            lang: Some(Lang::Vi),
            category: None,
            draft: false,
            problems: 0,
            changed: false,
        };
        let rows: Vec<Row> = (0..1000).map(row).collect();
        let (shown, left) = at_once(&rows, false, None);
        assert_eq!((shown.len(), left), (AT_ONCE, 1000 - AT_ONCE));
        assert_eq!(shown[0], rows[0]);
        let (shown, left) = at_once(&rows, false, Some("vi-0700.md"));
        assert_eq!(shown.last(), Some(&rows[700]));
        assert_eq!(left, 1000 - AT_ONCE - 1);
        assert_eq!(at_once(&rows, true, None), (rows.clone(), 0));
        assert_eq!(at_once(&rows[..10], false, None), (rows[..10].to_vec(), 0));
    }

    #[test]
    fn the_real_content_lists_every_card_without_a_problem() {
        let ws = real_content();
        let checked = check(&ws.files(), &mut ParseCache::default());
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        let rows = rows(&ws, &checked);
        assert_eq!(rows.len(), checked.cards.len());
        assert!(rows
            .iter()
            .all(|r| r.problems == 0 && !r.changed && r.lang.is_some()));
        assert!(!rows.iter().any(|r| r.path == "README.md"));
    }

    #[test]
    fn a_broken_line_is_a_problem_at_its_line_in_its_file_only() {
        let mut ws = real_content();
        let path = "vi-gap-truong-ca.md";
        let text = ws.text(path).unwrap();
        let broken = text.replacen("title = ", "titel = ", 1);
        let line = broken.lines().position(|l| l.starts_with("titel")).unwrap() + 1;
        // A cache warmed on the folder before the edit answers as a fresh check does.
        let mut cache = ParseCache::default();
        check(&ws.files(), &mut cache);
        ws.set_text(path, &broken);
        let checked = check(&ws.files(), &mut cache);
        let fresh = check(&ws.files(), &mut ParseCache::default());
        assert_eq!(checked.errors, fresh.errors);
        assert_eq!(checked.cards, fresh.cards);
        let problems = checked.problems_in(Path::new(path));
        assert!(!problems.is_empty());
        assert_eq!(problems[0].line, line, "{:?}", problems[0]);
        assert!(problems[0].message.contains("titel"), "{:?}", problems[0]);
        let rows = rows(&ws, &checked);
        let row = rows.iter().find(|r| r.path == path).unwrap();
        assert!(row.changed && row.problems >= 1);
        assert_eq!(rows.iter().filter(|r| r.problems > 0).count(), 1);
        // The other cards are still there to preview and search.
        assert_eq!(checked.cards.len(), rows.len() - 1);
    }

    #[test]
    fn the_filter_ignores_case_and_diacritics_and_needs_every_word() {
        let ws = real_content();
        let rows = rows(&ws, &check(&ws.files(), &mut ParseCache::default()));
        let found = filter_rows(&rows, "TRUONG ca");
        assert!(
            found.iter().any(|r| r.path == "vi-gap-truong-ca.md"),
            "{found:?}"
        );
        assert!(found.len() < rows.len());
        assert!(filter_rows(&rows, "truong zzzz").is_empty());
        assert_eq!(filter_rows(&rows, "").len(), rows.len());
    }

    #[test]
    fn a_line_starts_after_the_lines_before_it_in_utf16_units() {
        let text = "ab\n投诉\n😀x\nlast";
        assert_eq!(line_start_utf16(text, 1), 0);
        assert_eq!(line_start_utf16(text, 2), 3);
        assert_eq!(line_start_utf16(text, 3), 6);
        assert_eq!(line_start_utf16(text, 4), 10);
    }
}
