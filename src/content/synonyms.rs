//! `content/synonyms.toml`: groups of words and phrases that mean the same at this center, read
//! with their lines so `kb check` can point at a broken group, or at one none of whose words is
//! in any card (a warning: it can never help a search).

use super::error::{ContentError, ContentErrors};
use super::Procedure;
use crate::search::analyzer::{terms, words, Form};
use crate::search::Synonyms;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;
use toml::Spanned;

/// The file's name inside the content folder.
pub const FILE: &str = "synonyms.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    same: Vec<Spanned<Group>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    words: Vec<Spanned<String>>,
}

/// The groups read, each with the line it starts on (for warnings).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SynonymsFile {
    pub synonyms: Synonyms,
    pub lines: Vec<usize>,
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Reads `dir/synonyms.toml`; no file is no synonyms. Every problem has its line.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_synonyms(dir: &Path) -> Result<SynonymsFile, ContentErrors> {
    let path = dir.join(FILE);
    match std::fs::read(&path) {
        Ok(bytes) => from_bytes(&path, &bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SynonymsFile::default()),
        Err(e) => Err(ContentErrors(vec![ContentError::new(
            path,
            1,
            format!("cannot read: {e}"),
        )])),
    }
}

/// A synonyms file's bytes, found at `path`: UTF-8, then `parse_synonyms`.
pub(crate) fn from_bytes(path: &Path, bytes: &[u8]) -> Result<SynonymsFile, ContentErrors> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_synonyms(path, text),
        Err(e) => {
            let line = line_at(&String::from_utf8_lossy(bytes), e.valid_up_to());
            Err(ContentErrors(vec![ContentError::new(
                path,
                line,
                format!(
                    "synonyms: invalid UTF-8 (byte {}): save the file as UTF-8",
                    e.valid_up_to() + 1
                ),
            )]))
        }
    }
}

/// Parses the text of a synonyms file found at `path`.
pub fn parse_synonyms(path: &Path, text: &str) -> Result<SynonymsFile, ContentErrors> {
    let file: File = toml::from_str(text).map_err(|e| {
        let span = e.span();
        let line = span.clone().map_or(1, |s| line_at(text, s.start));
        ContentErrors(vec![ContentError {
            path: path.to_path_buf(),
            line,
            message: format!("synonyms: {}", e.message()),
            span,
            hint: Some("each group is `[[same]]` then `words = [\"…\", \"…\"]`".into()),
        }])
    })?;
    let mut errors = Vec::new();
    let mut out = SynonymsFile::default();
    let mut seen: HashSet<String> = HashSet::new();
    for g in &file.same {
        let line = line_at(text, g.span().start);
        let members: Vec<&Spanned<String>> = g.get_ref().words.iter().collect();
        let mut group = Vec::new();
        for m in &members {
            let word = m.get_ref().trim();
            if words(word).is_empty() {
                errors.push(ContentError {
                    path: path.to_path_buf(),
                    line: line_at(text, m.span().start),
                    message: format!("synonyms: {:?} has no word to search", m.get_ref()),
                    span: Some(m.span()),
                    hint: None,
                });
                continue;
            }
            if !seen.insert(word.to_lowercase()) {
                errors.push(ContentError {
                    path: path.to_path_buf(),
                    line: line_at(text, m.span().start),
                    message: format!("synonyms: {word:?} is in two groups"),
                    span: Some(m.span()),
                    hint: Some("merge the groups, or keep it in one".into()),
                });
                continue;
            }
            group.push(word.to_string());
        }
        if members.len() < 2 {
            errors.push(ContentError {
                path: path.to_path_buf(),
                line,
                message: "synonyms: a group needs two words or phrases at least".into(),
                span: Some(g.span()),
                hint: None,
            });
            continue;
        }
        out.synonyms.groups.push(group);
        out.lines.push(line);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ContentErrors(errors))
    }
}

/// Groups none of whose words or phrases is in any card, with their line: they can never help
/// a search (a word is in a card when its analysed terms, and pairs for a phrase, are there).
pub fn unused_groups(dir: &Path, file: &SynonymsFile, procs: &[Procedure]) -> Vec<ContentError> {
    let mut units: HashSet<String> = HashSet::new();
    let mut pairs: HashSet<String> = HashSet::new();
    for p in procs {
        let ws = words(&p.text());
        units.extend(terms(&ws, Form::Folded));
        pairs.extend(terms(&ws, Form::Pair));
    }
    let in_content = |member: &str| {
        let ws = words(member);
        terms(&ws, Form::Folded).iter().all(|u| units.contains(u))
            && terms(&ws, Form::Pair).iter().all(|p| pairs.contains(p))
    };
    file.synonyms
        .groups
        .iter()
        .zip(&file.lines)
        .filter(|(g, _)| !g.iter().any(|m| in_content(m)))
        .map(|(g, &line)| {
            ContentError::new(
                dir.join(FILE),
                line,
                format!(
                    "synonyms: no card uses any of {}: this group never helps a search",
                    g.join(", ")
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SynonymsFile, ContentErrors> {
        parse_synonyms(Path::new("content/synonyms.toml"), text)
    }

    #[test]
    fn groups_are_read_with_their_lines() {
        let f = parse(
            "# at this center\n[[same]]\nwords = [\"trưởng ca\", \"sếp\", \"supervisor\"]\n\n[[same]]\nwords = [\"chuyển máy\", \"transfer\", \"转接\"]\n",
        )
        .unwrap();
        assert_eq!(f.synonyms.groups.len(), 2);
        assert_eq!(f.synonyms.groups[1], ["chuyển máy", "transfer", "转接"]);
        assert_eq!(f.lines, [2, 5]);
    }

    #[test]
    fn a_broken_file_says_where() {
        let e = parse("[[same]]\nwords = [\"a\", \"b\"\n").unwrap_err().0;
        assert_eq!(e.len(), 1);
        assert!(e[0].message.starts_with("synonyms: "), "{}", e[0].message);
        assert!(e[0].line >= 2, "{e:?}");
        let e = parse("[[same]]\nword = [\"a\", \"b\"]\n").unwrap_err().0;
        assert_eq!(e[0].line, 2, "{e:?}");
        assert!(
            e[0].message.contains("unknown field `word`"),
            "{}",
            e[0].message
        );
        let e = parse("[[same]]\nwords = [\"sếp\"]\n\n[[same]]\nwords = [\"x\", \"!!\"]\n[[same]]\nwords = [\"y\", \"Sếp\"]\n")
            .unwrap_err()
            .0;
        let found: Vec<(usize, &str)> = e.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (1, "synonyms: a group needs two words or phrases at least"),
                (5, "synonyms: \"!!\" has no word to search"),
                (7, "synonyms: \"Sếp\" is in two groups"),
            ]
        );
    }
}
