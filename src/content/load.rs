//! Reads a content directory from disk into a `Folder` and checks it with `check_folder`: the
//! one place content touches the filesystem (`kb` and native tests; the studio hands over bytes).

use super::error::{ContentError, ContentErrors};
use super::folder::{check_folder, file_kind, Checked, Content, Folder};
use super::Procedure;
use std::path::Path;

/// The files of `dir` that the folder's rule takes (`file_kind`), read; a file that cannot be
/// read is listed with why. `Err` only when the directory itself cannot be read.
pub fn read_folder(dir: &Path) -> Result<Folder, ContentError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        ContentError::new(dir, 1, format!("cannot read the content directory: {e}"))
    })?;
    let mut folder = Folder {
        root: dir.to_path_buf(),
        ..Folder::default()
    };
    for entry in entries.filter_map(Result::ok) {
        let name = Path::new(&entry.file_name()).to_path_buf();
        if file_kind(&name).is_none() {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => folder.files.push((name, bytes)),
            Err(e) => folder.unreadable.push((name, e.to_string())),
        }
    }
    Ok(folder)
}

/// Reads and checks `dir`; a directory that cannot be read is a folder with that one problem.
pub fn check_dir(dir: &Path) -> Checked {
    match read_folder(dir) {
        Ok(folder) => check_folder(&folder),
        Err(e) => Checked {
            errors: vec![e],
            ..Checked::default()
        },
    }
}

/// The published procedures in `dir` (drafts left out): what the index, the export and the
/// site are built from. Every problem in every file, drafts included, is an error.
pub fn load_dir(dir: &Path) -> Result<Vec<Procedure>, ContentErrors> {
    load_content(dir).map(|c| c.published())
}

/// Loads every card in `dir`, drafts included; every problem in every file (the synonyms file
/// too) is reported, in file order.
pub fn load_content(dir: &Path) -> Result<Content, ContentErrors> {
    check_dir(dir).into_content()
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
}
