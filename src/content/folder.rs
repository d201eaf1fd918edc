//! A content folder given as bytes, checked: every card file parsed, the checks across files
//! (unique ids, links that resolve and do not lead from a published card into a draft), the
//! synonyms file and its unused groups, and the links' words filled in from their targets'
//! titles. No filesystem here: `kb` reads the folder from disk (`content::load`), the studio from
//! the files an editor opened in the page, and both check it with `check_folder`.

use super::error::{ContentError, ContentErrors};
use super::parse::{parse_detailed, DateLines, Head, Lines, Parsed};
use super::settings::{self, Settings};
use super::synonyms::{self, synonym_warnings, Synonyms, SynonymsFile};
use super::{link, Procedure};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A content folder as bytes. Paths are relative to `root` (`"vi-foo.md"`, `"synonyms.toml"`),
/// and every path this module returns or puts in a message is `root` joined with one: `kb` uses
/// the folder it was given as `root`, so its messages keep saying `content/vi-foo.md:3: …`; the
/// studio uses an empty `root`, so its paths are the file names it listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folder {
    pub root: PathBuf,
    /// Each file's path relative to `root` and its bytes, in any order. Files the folder's rule
    /// does not take (`file_kind`) are ignored, so a caller may hand over everything it found.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Files that were listed but could not be read, with why: each is a `cannot read: …`
    /// problem at its line 1.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// What a file in a content folder is to the checker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A procedure: every `*.md` at the top of the folder except `README.md` (the editors' guide).
    Card,
    /// `synonyms.toml` at the top of the folder.
    Synonyms,
    /// `settings.toml` at the top of the folder (`content::settings`).
    Settings,
}

/// The folder's one file rule (`kb`'s reader asks it which files to read, `check_folder` which
/// to check). Files in subfolders are not content.
pub fn file_kind(relative: &Path) -> Option<FileKind> {
    let mut parts = relative.components();
    let name = match (parts.next(), parts.next()) {
        (Some(std::path::Component::Normal(name)), None) => name,
        _ => return None,
    };
    if name == synonyms::FILE {
        Some(FileKind::Synonyms)
    } else if name == settings::FILE {
        Some(FileKind::Settings)
    } else if relative.extension().is_some_and(|x| x == "md") && name != "README.md" {
        Some(FileKind::Card)
    } else {
        None
    }
}

/// One card file as the checker saw it, also when it has problems or did not parse at all.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CardFile {
    pub path: PathBuf,
    /// The id as written (`None` when the front matter gave none).
    pub id: Option<String>,
    /// Title, language and category as far as the front matter could be read.
    pub head: Head,
    /// `draft = true` (false where the front matter cannot be read).
    pub draft: bool,
    /// The card parsed without a problem of its own (problems across files aside).
    pub parsed: bool,
    /// The lines of its date fields (0: not written), for today's warnings.
    pub date_lines: DateLines,
}

/// A checked folder: everything `kb check` reports and a studio shows, whatever the problems.
/// (Serde: the studio checks in its worker and sends the result to the page.)
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Checked {
    /// Every card file, in file order (sorted by path), whether it parsed or not.
    pub files: Vec<CardFile>,
    /// Every card that parsed (drafts included, `draft` set), in file order, with the path it
    /// came from and its links' words filled from their targets' titles; also when other files
    /// have problems.
    pub cards: Vec<(PathBuf, Procedure)>,
    /// Every problem in every file: the cards' (file by file, line by line, the problems across
    /// files among them), then the synonyms file's.
    pub errors: Vec<ContentError>,
    /// Synonym groups no card that parsed uses (`kb` shows them only when there is no error).
    pub warnings: Vec<ContentError>,
    /// The synonym groups the index carries (none when the file is missing or broken).
    pub synonyms: Synonyms,
    /// The files of the drafts, in file order.
    pub drafts: Vec<PathBuf>,
}

impl Checked {
    /// The problems of one file (the path as `Checked` gives it: `root` joined), in line order.
    pub fn problems_in(&self, path: &Path) -> Vec<&ContentError> {
        self.errors.iter().filter(|e| e.path == path).collect()
    }

    /// What operators get: every card that is not a draft, in file order.
    pub fn published(&self) -> Vec<Procedure> {
        self.cards
            .iter()
            .filter(|(_, p)| !p.draft)
            .map(|(_, p)| p.clone())
            .collect()
    }

    /// The folder as `kb` uses it, or every problem in it.
    pub fn into_content(self) -> Result<Content, ContentErrors> {
        if !self.errors.is_empty() {
            return Err(ContentErrors(self.errors));
        }
        Ok(Content {
            procedures: self.cards.into_iter().map(|(_, p)| p).collect(),
            drafts: self.drafts,
        })
    }
}

/// A checked content folder without problems: every card, drafts included, in file order.
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

/// The entries of one kind.
fn of_kind<T>(entries: &[(PathBuf, T)], kind: FileKind) -> impl Iterator<Item = &(PathBuf, T)> {
    entries
        .iter()
        .filter(move |(rel, _)| file_kind(rel) == Some(kind))
}

/// Files as parsed before, by path, with a hash of the bytes they were parsed from: the studio
/// checks the whole folder after every pause in typing, when only the edited file has changed.
#[derive(Debug, Clone, Default)]
pub struct ParseCache(HashMap<PathBuf, (u64, Parsed)>);

impl ParseCache {
    /// The file parsed, from the cache when its bytes are the same.
    fn parse(&mut self, path: &Path, bytes: &[u8]) -> Parsed {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        let key = h.finish();
        match self.0.get(path) {
            Some((k, p)) if *k == key => p.clone(),
            _ => {
                let p = parse_detailed(path, bytes);
                self.0.insert(path.to_path_buf(), (key, p.clone()));
                p
            }
        }
    }
}

/// Checks a whole folder: every problem in every file, and every card that parsed.
pub fn check_folder(folder: &Folder) -> Checked {
    check_folder_with(folder, &mut ParseCache::default())
}

/// `check_folder`, parsing only the files whose bytes `cache` has not seen (the same answer).
pub fn check_folder_with(folder: &Folder, cache: &mut ParseCache) -> Checked {
    let root = &folder.root;
    let mut errors = Vec::new();
    // Read and unreadable card files, in file order.
    let mut listed: Vec<(PathBuf, Result<&[u8], &str>)> = of_kind(&folder.files, FileKind::Card)
        .map(|(rel, bytes)| (root.join(rel), Ok(bytes.as_slice())))
        .chain(
            of_kind(&folder.unreadable, FileKind::Card)
                .map(|(rel, why)| (root.join(rel), Err(why.as_str()))),
        )
        .collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    if listed.is_empty() {
        errors.push(ContentError::new(root, 1, "no content files (*.md) here"));
    }
    let mut parsed: Vec<(PathBuf, Parsed)> = Vec::new();
    let mut files = Vec::new();
    for (path, bytes) in listed {
        match bytes {
            Ok(bytes) => {
                let mut p = cache.parse(&path, bytes);
                errors.append(&mut p.errors);
                parsed.push((path, p));
            }
            Err(why) => {
                errors.push(ContentError::new(&path, 1, format!("cannot read: {why}")));
                files.push(CardFile {
                    path,
                    id: None,
                    head: Head::default(),
                    draft: false,
                    parsed: false,
                    date_lines: DateLines::default(),
                });
            }
        }
    }
    // Files gone from the folder are forgotten.
    cache
        .0
        .retain(|path, _| parsed.iter().any(|(p, _)| p == path));
    across_files(&parsed, &mut errors);
    // File by file, line by line (a stable sort keeps each line's problems in the order found).
    errors.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));

    files.extend(parsed.iter().map(|(path, p)| CardFile {
        path: path.clone(),
        id: p.id.as_ref().map(|(id, _)| id.clone()),
        head: p.head.clone().unwrap_or_default(),
        draft: p.draft,
        parsed: p.procedure.is_some(),
        date_lines: p.date_lines,
    }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let drafts: Vec<PathBuf> = parsed
        .iter()
        .filter(|(_, p)| p.draft)
        .map(|(path, _)| path.clone())
        .collect();
    let mut cards = filled(
        parsed
            .into_iter()
            .filter_map(|(path, p)| Some((path, p.procedure?)))
            .collect(),
    );
    // The site's zone goes with each dated card, so every desk judges its plain dates alike.
    let settings = match of_kind(&folder.files, FileKind::Settings).next() {
        Some((rel, bytes)) => {
            settings::settings_from_bytes(&root.join(rel), bytes).unwrap_or_else(|e| {
                errors.extend(e.0);
                Settings::default()
            })
        }
        None => {
            if let Some((rel, why)) = of_kind(&folder.unreadable, FileKind::Settings).next() {
                errors.push(ContentError::new(
                    root.join(rel),
                    1,
                    format!("cannot read: {why}"),
                ));
            }
            Settings::default()
        }
    };
    if let Some(zone) = settings.time_zone {
        for (_, p) in cards.iter_mut().filter(|(_, p)| !p.valid.is_always()) {
            p.valid.zone = Some(zone);
        }
    }

    let synonyms_file = of_kind(&folder.files, FileKind::Synonyms)
        .next()
        .map(|(rel, bytes)| synonyms::file_from_bytes(&root.join(rel), bytes))
        .or_else(|| {
            let (rel, why) = of_kind(&folder.unreadable, FileKind::Synonyms).next()?;
            Some(Err(ContentErrors(vec![ContentError::new(
                root.join(rel),
                1,
                format!("cannot read: {why}"),
            )])))
        })
        .unwrap_or_else(|| Ok(SynonymsFile::default()));
    let (synonyms, warnings) = match synonyms_file {
        Ok(file) => {
            let procs: Vec<Procedure> = cards.iter().map(|(_, p)| p.clone()).collect();
            let warnings = synonym_warnings(root, &file, &procs);
            (file.synonyms, warnings)
        }
        Err(e) => {
            errors.extend(e.0);
            (Synonyms::default(), Vec::new())
        }
    };
    Checked {
        files,
        cards,
        errors,
        warnings,
        synonyms,
        drafts,
    }
}

/// The checks across files: unique ids, links that resolve and do not lead into a draft.
fn across_files(parsed: &[(PathBuf, Parsed)], errors: &mut Vec<ContentError>) {
    let mut first: HashMap<&str, &Path> = HashMap::new();
    let drafts: Vec<&str> = parsed
        .iter()
        .filter(|(_, p)| p.draft)
        .filter_map(|(_, p)| p.id.as_ref().map(|(id, _)| id.as_str()))
        .collect();
    for (path, p) in parsed {
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
    for (path, p) in parsed {
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
}

/// The cards with their links' words filled in from their targets' titles (the first card of
/// an id that two files use; a link to no card keeps its id as its words).
fn filled(mut cards: Vec<(PathBuf, Procedure)>) -> Vec<(PathBuf, Procedure)> {
    let mut titles: HashMap<String, String> = HashMap::new();
    for (_, p) in &cards {
        titles
            .entry(p.id.clone())
            .or_insert_with(|| p.title.clone());
    }
    let title_of = |id: &str| titles.get(id).cloned();
    for (_, p) in &mut cards {
        p.map_texts(&mut |t| {
            if t.contains("[[") {
                *t = link::fill_words(t, title_of);
            }
        });
    }
    cards
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
#[path = "folder_tests.rs"]
mod tests;
