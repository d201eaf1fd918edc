//! Loads a content directory: every file parsed, then the checks across files (unique ids,
//! links that resolve) and the links' words filled in from their targets' titles.

use super::error::{ContentError, ContentErrors};
use super::link;
use super::parse::{parse_detailed, Lines, Parsed};
use super::Procedure;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The closest of `candidates` to `word` by edit distance, when it is close enough to be the
/// word meant (for "did you mean …?" hints).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Every `*.md` in `dir` except `README.md`, sorted by name.
fn content_files(dir: &Path) -> Result<Vec<PathBuf>, ContentErrors> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        ContentErrors(vec![ContentError::new(
            dir,
            1,
            format!("cannot read the content directory: {e}"),
        )])
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(ContentErrors(vec![ContentError::new(
            dir,
            1,
            "no content files (*.md) here",
        )]));
    }
    Ok(paths)
}

/// A checked content folder: every card, drafts included, in file order.
#[derive(Debug, Clone)]
pub struct Content {
    /// Every procedure, drafts marked `draft` (kept in place: content order is file order).
    pub procedures: Vec<Procedure>,
    /// The files of the drafts, in file order (what `kb check` and `kb publish` name as left out).
    pub drafts: Vec<PathBuf>,
}

impl Content {
    /// What operators get: every procedure that is not a draft.
    pub fn published(&self) -> Vec<Procedure> {
        self.procedures
            .iter()
            .filter(|p| !p.draft)
            .cloned()
            .collect()
    }

    /// "1 draft left out: content/vi-x.md" (`None` when there are no drafts).
    pub fn drafts_left_out(&self) -> Option<String> {
        let n = self.drafts.len();
        if n == 0 {
            return None;
        }
        let files: Vec<String> = self
            .drafts
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let noun = if n == 1 { "draft" } else { "drafts" };
        Some(format!("{n} {noun} left out: {}", files.join(", ")))
    }
}

/// The published procedures in `dir` (drafts left out): what the index, the export and the
/// site are built from. Every problem in every file, drafts included, is an error.
pub fn load_dir(dir: &Path) -> Result<Vec<Procedure>, ContentErrors> {
    load_content(dir).map(|c| c.published())
}

/// Loads every card in `dir`, drafts included; every problem in every file is reported, in
/// file order.
pub fn load_content(dir: &Path) -> Result<Content, ContentErrors> {
    let mut errors = Vec::new();
    let mut parsed: Vec<(PathBuf, Parsed)> = Vec::new();
    for path in content_files(dir)? {
        match std::fs::read(&path) {
            Ok(bytes) => {
                let mut p = parse_detailed(&path, &bytes);
                errors.append(&mut p.errors);
                parsed.push((path, p));
            }
            Err(e) => errors.push(ContentError::new(path, 1, format!("cannot read: {e}"))),
        }
    }

    let mut first: HashMap<&str, &Path> = HashMap::new();
    let drafts: Vec<&str> = parsed
        .iter()
        .filter(|(_, p)| p.draft)
        .filter_map(|(_, p)| p.id.as_ref().map(|(id, _)| id.as_str()))
        .collect();
    for (path, p) in &parsed {
        let Some((id, span)) = &p.id else { continue };
        match first.get(id.as_str()) {
            Some(other) => errors.push(located(
                path,
                p,
                span.clone(),
                format!("duplicate id `{id}`: also used by {}", other.display()),
                None,
            )),
            None => {
                first.insert(id, path);
            }
        }
    }
    // Ids that exist: every id read, and the names of files too broken to give one (a link to
    // a file with a problem is not a second problem).
    let mut known: Vec<String> = first.keys().map(|s| s.to_string()).collect();
    known.extend(
        parsed
            .iter()
            .filter(|(_, p)| p.id.is_none())
            .filter_map(|(path, _)| Some(path.file_stem()?.to_string_lossy().into_owned())),
    );
    for (path, p) in &parsed {
        for (id, span) in &p.links {
            if !known.contains(id) {
                let hint = closest(id, known.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`?"));
                errors.push(located(
                    path,
                    p,
                    span.clone(),
                    format!("link to an unknown procedure `{id}`"),
                    hint,
                ));
            } else if !p.draft && drafts.contains(&id.as_str()) {
                // An operator would follow it into nothing: drafts are not published.
                errors.push(located(
                    path,
                    p,
                    span.clone(),
                    format!("link to `{id}`, which is a draft (not published)"),
                    Some(format!(
                        "publish `{id}` first (delete its `draft = true` line), or link it from drafts only"
                    )),
                ));
            }
        }
    }
    if !errors.is_empty() {
        // File by file, line by line (a stable sort keeps each line's problems in the order found).
        errors.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
        return Err(ContentErrors(errors));
    }

    let draft_paths: Vec<PathBuf> = parsed
        .iter()
        .filter(|(_, p)| p.draft)
        .map(|(path, _)| path.clone())
        .collect();
    let mut procs: Vec<Procedure> = parsed
        .into_iter()
        .filter_map(|(_, p)| p.procedure)
        .collect();
    let titles: HashMap<String, String> = procs
        .iter()
        .map(|p| (p.id.clone(), p.title.clone()))
        .collect();
    let title_of = |id: &str| titles.get(id).cloned();
    for p in &mut procs {
        p.map_texts(&mut |t| {
            if t.contains("[[") {
                *t = link::fill_words(t, title_of);
            }
        });
    }
    Ok(Content {
        procedures: procs,
        drafts: draft_paths,
    })
}

fn located(
    path: &Path,
    p: &Parsed,
    span: std::ops::Range<usize>,
    message: String,
    hint: Option<String>,
) -> ContentError {
    let mut e = ContentError::new(path, Lines::new(&p.text).line(span.start), message);
    e.span = Some(span);
    e.hint = hint;
    e
}

impl Procedure {
    /// Applies `f` to every text an operator reads on the card (not title and situations).
    pub fn map_texts(&mut self, f: &mut dyn FnMut(&mut String)) {
        self.visit_mut(&mut |place, text| {
            if place.on_card() {
                f(text)
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Step;

    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(d.path().join(name), text).unwrap();
        }
        d
    }

    fn card(id: &str, title: &str, body: &str) -> String {
        format!("+++\nid = \"{id}\"\nlang = \"vi\"\ntitle = \"{title}\"\ncategory = \"c\"\nsituations = [\"s\"]\n[source]\nfile = \"f\"\nsection = \"s\"\n+++\n## Steps\n{body}")
    }

    #[test]
    fn links_get_their_targets_titles() {
        let d = dir_with(&[
            (
                "a.md",
                &card("vi-a", "Thủ tục A", "1. Làm theo [[vi-b]].\n"),
            ),
            (
                "b.md",
                &card("vi-b", "Thủ tục B", "1. Xem [[vi-a|thủ tục kia]].\n"),
            ),
        ]);
        let procs = load_dir(d.path()).unwrap();
        assert_eq!(
            procs[0].steps[0],
            Step::Action {
                text: "Làm theo [[vi-b|Thủ tục B]].".into(),
                details: vec![]
            }
        );
        assert_eq!(procs[0].links(), ["vi-b"]);
        assert!(procs[1].text().contains("Xem thủ tục kia."));
    }

    #[test]
    fn a_link_to_a_missing_id_fails_with_its_line_and_a_hint() {
        let d = dir_with(&[
            (
                "a.md",
                &card("vi-a", "A", "1. Một.\n2. Làm theo [[vi-gap-truong-caa]].\n"),
            ),
            ("b.md", &card("vi-gap-truong-ca", "B", "1. Hai.\n")),
        ]);
        let e = load_dir(d.path()).unwrap_err().0;
        assert_eq!(e.len(), 1);
        assert!(e[0]
            .to_string()
            .ends_with("a.md:13: link to an unknown procedure `vi-gap-truong-caa`"));
        assert_eq!(
            e[0].hint.as_deref(),
            Some("did you mean `vi-gap-truong-ca`?")
        );
        let text = std::fs::read_to_string(d.path().join("a.md")).unwrap();
        assert_eq!(&text[e[0].span.clone().unwrap()], "[[vi-gap-truong-caa]]");
    }

    #[test]
    fn a_duplicate_id_points_at_the_second_id() {
        let d = dir_with(&[
            ("a.md", &card("vi-a", "A", "1. Một.\n")),
            ("b.md", &card("vi-a", "B", "1. Hai.\n")),
        ]);
        let e = load_dir(d.path()).unwrap_err().0;
        assert_eq!(e.len(), 1);
        assert!(e[0]
            .to_string()
            .contains("b.md:2: duplicate id `vi-a`: also used by"));
    }

    #[test]
    fn drafts_are_checked_but_left_out_and_named() {
        let draft = card("vi-b", "B", "1. Hai.\n").replacen("+++\n", "+++\ndraft = true\n", 1);
        let d = dir_with(&[
            ("a.md", &card("vi-a", "A", "1. Một.\n")),
            ("b.md", &draft),
            ("c.md", &draft.replace("vi-b", "vi-c")),
        ]);
        let content = load_content(d.path()).unwrap();
        assert_eq!(content.procedures.len(), 3);
        assert_eq!(content.published().len(), 1);
        assert_eq!(load_dir(d.path()).unwrap()[0].id, "vi-a");
        let b = d.path().join("b.md").display().to_string();
        let c = d.path().join("c.md").display().to_string();
        assert_eq!(
            content.drafts_left_out(),
            Some(format!("2 drafts left out: {b}, {c}"))
        );
        // A draft's problems are problems all the same.
        std::fs::write(
            d.path().join("b.md"),
            draft.replace("lang = \"vi\"", "lang = \"vn\""),
        )
        .unwrap();
        assert!(load_content(d.path()).is_err());
    }

    #[test]
    fn did_you_mean_only_when_close() {
        let names = ["title", "category", "situations"];
        assert_eq!(closest("titel", names.into_iter()), Some("title"));
        assert_eq!(closest("zzz", names.into_iter()), None);
    }
}
