//! `content/synonyms.toml`: groups of words and phrases that mean the same at this center, and
//! one-way entries (a looser or narrower name), read with their lines so `kb check` can point at
//! a broken entry, at one none of whose words is in any card (it can never help a search), or at
//! a group whose words name the situations of cards of different categories (it would send an
//! operator to the wrong procedure).

use super::{OneWay, Synonyms};
use crate::content::{ContentError, ContentErrors, Lang, Procedure};
use crate::text::{terms, words, Form};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;
use toml::Spanned;

/// The file's name inside the content folder.
pub const FILE: &str = "synonyms.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    same: Vec<Spanned<Group>>,
    #[serde(default)]
    one_way: Vec<Spanned<OneWayEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    words: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OneWayEntry {
    from: Vec<Spanned<String>>,
    to: Vec<Spanned<String>>,
}

/// The entries read, each with the line it starts on (for warnings).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SynonymsFile {
    pub synonyms: Synonyms,
    /// The line of each of `synonyms.groups`.
    pub lines: Vec<usize>,
    /// The line of each of `synonyms.one_way`.
    pub one_way_lines: Vec<usize>,
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
pub(in crate::content) fn from_bytes(
    path: &Path,
    bytes: &[u8],
) -> Result<SynonymsFile, ContentErrors> {
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

/// Reads the members of one entry: each must have a word to search; a word that leads (a
/// member of a group, or a one-way `from`) leads in one entry only.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    leading: HashSet<String>,
    errors: Vec<ContentError>,
}

impl Reader<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: String, hint: Option<&str>) {
        self.errors.push(ContentError {
            path: self.path.to_path_buf(),
            line: line_at(self.text, span.start),
            message,
            span: Some(span),
            hint: hint.map(str::to_string),
        });
    }

    fn members(&mut self, members: &[Spanned<String>], leads: bool) -> Vec<String> {
        let mut out = Vec::new();
        for m in members {
            let word = m.get_ref().trim();
            if words(word).is_empty() {
                self.error(
                    m.span(),
                    format!("synonyms: {:?} has no word to search", m.get_ref()),
                    None,
                );
                continue;
            }
            if leads && !self.leading.insert(word.to_lowercase()) {
                self.error(
                    m.span(),
                    format!("synonyms: {word:?} is in two groups"),
                    Some("merge the groups, or keep it in one"),
                );
                continue;
            }
            out.push(word.to_string());
        }
        out
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
            hint: Some(
                "each group is `[[same]]` then `words = [\"…\", \"…\"]`; a one-way entry is \
                 `[[one_way]]` then `from = [\"…\"]` and `to = [\"…\"]`"
                    .into(),
            ),
        }])
    })?;
    let mut r = Reader {
        path,
        text,
        leading: HashSet::new(),
        errors: Vec::new(),
    };
    let mut out = SynonymsFile::default();
    for g in &file.same {
        let group = r.members(&g.get_ref().words, true);
        if g.get_ref().words.len() < 2 {
            r.error(
                g.span(),
                "synonyms: a group needs two words or phrases at least".into(),
                None,
            );
            continue;
        }
        out.synonyms.groups.push(group);
        out.lines.push(line_at(text, g.span().start));
    }
    for o in &file.one_way {
        let entry = o.get_ref();
        let from = r.members(&entry.from, true);
        let to = r.members(&entry.to, false);
        if entry.from.is_empty() || entry.to.is_empty() {
            r.error(
                o.span(),
                "synonyms: a one-way entry needs a word in `from` and one in `to`".into(),
                None,
            );
            continue;
        }
        if let Some(both) = to
            .iter()
            .find(|t| from.iter().any(|f| f.to_lowercase() == t.to_lowercase()))
        {
            r.error(
                o.span(),
                format!("synonyms: {both:?} is in both `from` and `to`"),
                Some("a word that finds the others both ways belongs in a `[[same]]` group"),
            );
            continue;
        }
        out.synonyms.one_way.push(OneWay { from, to });
        out.one_way_lines.push(line_at(text, o.span().start));
    }
    if r.errors.is_empty() {
        Ok(out)
    } else {
        Err(ContentErrors(r.errors))
    }
}

/// Where a word or phrase stands in analysed text: its folded units and its pairs are there.
#[derive(Default)]
struct Terms {
    units: HashSet<String>,
    pairs: HashSet<String>,
}

impl Terms {
    fn add(&mut self, text: &str) {
        let ws = words(text);
        self.units.extend(terms(&ws, Form::Folded));
        self.pairs.extend(terms(&ws, Form::Pair));
    }

    fn has(&self, member: &Sought) -> bool {
        member.units.iter().all(|u| self.units.contains(u))
            && member.pairs.iter().all(|p| self.pairs.contains(p))
    }
}

/// A member's terms, analysed once (a folder of a thousand cards is checked on every pause in
/// the studio's typing).
struct Sought {
    units: Vec<String>,
    pairs: Vec<String>,
}

impl Sought {
    fn new(member: &str) -> Sought {
        let ws = words(member);
        Sought {
            units: terms(&ws, Form::Folded),
            pairs: terms(&ws, Form::Pair),
        }
    }
}

/// The warnings about the synonyms over the cards (never errors: they do not stop a
/// publication): an entry none of whose words is in any card can never help a search; a group
/// two of whose members name (in titles and situations) cards of one language but never of the
/// same category joins what operators must keep apart (a one-way entry keeps a looser name from
/// pulling the others). Categories are compared within a language only: each language names
/// its own.
pub fn synonym_warnings(dir: &Path, file: &SynonymsFile, procs: &[Procedure]) -> Vec<ContentError> {
    let mut everywhere = Terms::default();
    for p in procs {
        everywhere.add(&p.text());
    }
    let at = |line: usize, message: String| ContentError::new(dir.join(FILE), line, message);
    let mut out = Vec::new();
    let entries = file
        .synonyms
        .groups
        .iter()
        .zip(&file.lines)
        .map(|(g, &l)| (g.clone(), l));
    let one_way = file
        .synonyms
        .one_way
        .iter()
        .zip(&file.one_way_lines)
        .map(|(o, &l)| (o.to.clone(), l));
    for (found, line) in entries.chain(one_way) {
        if !found.iter().any(|m| everywhere.has(&Sought::new(m))) {
            out.push(at(
                line,
                format!(
                    "synonyms: no card uses any of {}: this group never helps a search",
                    found.join(", ")
                ),
            ));
        }
    }
    // Where each card names its situation.
    let named: Vec<(&Procedure, Terms)> = procs
        .iter()
        .map(|p| {
            let mut t = Terms::default();
            // Line by line: a pair never joins two situations.
            for s in std::iter::once(&p.title).chain(&p.situations) {
                t.add(s);
            }
            (p, t)
        })
        .collect();
    for (group, &line) in file.synonyms.groups.iter().zip(&file.lines) {
        // Each member's categories, per language, where it names a card (one pass over the cards).
        let mut by_lang: BTreeMap<Lang, BTreeMap<&str, BTreeSet<&str>>> = BTreeMap::new();
        for m in group {
            let sought = Sought::new(m);
            for (p, t) in &named {
                if t.has(&sought) {
                    by_lang
                        .entry(p.lang)
                        .or_default()
                        .entry(m.as_str())
                        .or_default()
                        .insert(p.category.as_str());
                }
            }
        }
        for (lang, cats) in by_lang {
            if cats.len() < 2 {
                continue;
            }
            let cats: Vec<(&str, BTreeSet<&str>)> = cats.into_iter().collect();
            for (i, (a, of_a)) in cats.iter().enumerate() {
                for (b, of_b) in &cats[i + 1..] {
                    if !of_a.is_disjoint(of_b) {
                        continue;
                    }
                    let names = |c: &BTreeSet<&str>| {
                        c.iter()
                            .map(|c| format!("«{c}»"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    out.push(at(
                        line,
                        format!(
                            "synonyms: {a:?} names cards of {} and {b:?} cards of {} ({}), never \
                             the same kind: if one is only a looser or narrower name, give it a \
                             `[[one_way]]` entry instead",
                            names(of_a),
                            names(of_b),
                            lang.code()
                        ),
                    ));
                }
            }
        }
    }
    out
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

    #[test]
    fn one_way_entries_are_read_and_checked() {
        let f = parse(
            "[[same]]\nwords = [\"trưởng ca\", \"supervisor\"]\n\n[[one_way]]\nfrom = [\"sếp\"]\nto = [\"trưởng ca\", \"lãnh đạo\"]\n",
        )
        .unwrap();
        assert_eq!(
            f.synonyms.one_way,
            [OneWay {
                from: vec!["sếp".into()],
                to: vec!["trưởng ca".into(), "lãnh đạo".into()],
            }]
        );
        assert_eq!(f.one_way_lines, [4]);
        let e = parse(
            "[[same]]\nwords = [\"sếp\", \"boss\"]\n[[one_way]]\nfrom = [\"Sếp\"]\nto = [\"x\"]\n[[one_way]]\nfrom = []\nto = [\"y\"]\n[[one_way]]\nfrom = [\"спам\"]\nto = [\"Спам\"]\n",
        )
        .unwrap_err()
        .0;
        let found: Vec<(usize, &str)> = e.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (4, "synonyms: \"Sếp\" is in two groups"),
                (
                    6,
                    "synonyms: a one-way entry needs a word in `from` and one in `to`"
                ),
                (9, "synonyms: \"Спам\" is in both `from` and `to`"),
            ]
        );
    }

    fn card(id: &str, category: &str, situation: &str) -> Procedure {
        let text = format!(
            "+++\nid = \"{id}\"\nlang = \"vi\"\ntitle = \"{id}\"\ncategory = \"{category}\"\nsituations = [\"{situation}\"]\n[source]\nfile = \"000_eec662812fc84f92.txt\"\nsection = \"s\"\n+++\n\n## Steps\n\n1. Làm.\n"
        );
        crate::content::parse::parse_file(Path::new("c/x.md"), text.as_bytes()).unwrap()
    }

    #[test]
    fn a_group_whose_words_name_different_kinds_of_card_is_warned_about() {
        let procs = [
            card("vi-a", "Chuyển máy", "khách muốn gặp trưởng ca"),
            card("vi-b", "Khách hàng VIP", "sếp công ty gọi lên"),
            card("vi-c", "Khiếu nại", "khách phàn nàn, khiếu nại"),
        ];
        let f = parse(
            "[[same]]\nwords = [\"trưởng ca\", \"sếp\"]\n[[same]]\nwords = [\"khiếu nại\", \"phàn nàn\"]\n[[one_way]]\nfrom = [\"boss\"]\nto = [\"trưởng ca\", \"sếp\"]\n",
        )
        .unwrap();
        let w = synonym_warnings(Path::new("c"), &f, &procs);
        let found: Vec<(usize, &str)> = w.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            found,
            [(
                1,
                "synonyms: \"sếp\" names cards of «Khách hàng VIP» and \"trưởng ca\" cards of «Chuyển máy» (vi), never the same kind: if one is only a looser or narrower name, give it a `[[one_way]]` entry instead"
            )]
        );
    }
}
