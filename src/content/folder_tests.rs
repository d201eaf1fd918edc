//! `check_folder` on folders given as bytes, as the studio gives them (no filesystem).

use super::*;
use crate::content::Lang;

fn card(id: &str, title: &str, body: &str) -> String {
    format!("+++\nid = \"{id}\"\nlang = \"vi\"\ntitle = \"{title}\"\ncategory = \"Cước\"\nsituations = [\"s\"]\n[source]\nfile = \"f\"\nsection = \"s\"\n+++\n## Steps\n{body}")
}

fn folder(root: &str, files: &[(&str, &str)]) -> Folder {
    Folder {
        root: PathBuf::from(root),
        files: files
            .iter()
            .map(|(name, text)| (PathBuf::from(name), text.as_bytes().to_vec()))
            .collect(),
        unreadable: Vec::new(),
    }
}

fn problems(c: &Checked) -> Vec<String> {
    c.errors.iter().map(ToString::to_string).collect()
}

#[test]
fn a_broken_file_does_not_hide_the_good_card_and_is_listed() {
    let broken = card("vi-b", "Thủ tục B", "1. Một.\n").replace("title =", "titel =");
    let c = check_folder(&folder(
        "content",
        &[
            ("vi-b.md", &broken),
            ("vi-a.md", &card("vi-a", "Thủ tục A", "1. Xem [[vi-b]].\n")),
            ("vi-c.md", "no front matter at all\n"),
        ],
    ));
    // The good card is there, its link to the broken card left as its id.
    let ids: Vec<(&Path, &str)> = c
        .cards
        .iter()
        .map(|(path, p)| (path.as_path(), p.id.as_str()))
        .collect();
    assert_eq!(ids, [(Path::new("content/vi-a.md"), "vi-a")]);
    assert!(c.cards[0].1.text().contains("Xem vi-b."));
    // Every file is listed, in file order, the broken ones with what their front matter gave.
    let listed: Vec<(&Path, Option<&str>, bool)> = c
        .files
        .iter()
        .map(|f| (f.path.as_path(), f.head.title.as_deref(), f.parsed))
        .collect();
    assert_eq!(
        listed,
        [
            (Path::new("content/vi-a.md"), Some("Thủ tục A"), true),
            (Path::new("content/vi-b.md"), None, false),
            (Path::new("content/vi-c.md"), None, false),
        ]
    );
    assert_eq!(c.files[0].head.lang, Some(Lang::Vi));
    assert_eq!(c.files[0].head.category.as_deref(), Some("Cước"));
    assert_eq!(c.files[1].id.as_deref(), None, "the TOML did not parse");
    // Each problem carries its file's path; the good file has none.
    assert_eq!(
        problems(&c),
        [
            "content/vi-b.md:4: front matter: unknown field `titel`, expected one of `draft`, `id`, `lang`, `title`, `category`, `situations`, `cautions`, `valid_from`, `valid_until`, `review_by`, `owner`, `timers`, `source`",
            "content/vi-c.md:1: expected `+++` on the first line to open the TOML front matter",
        ]
    );
    assert_eq!(c.problems_in(Path::new("content/vi-a.md")).len(), 0);
    assert_eq!(c.problems_in(Path::new("content/vi-b.md")).len(), 1);
    assert_eq!(
        c.problems_in(Path::new("content/vi-c.md"))[0].path,
        Path::new("content/vi-c.md")
    );
    assert!(c.clone().into_content().is_err());
}

#[test]
fn a_card_with_problems_in_its_body_keeps_its_title_in_the_list() {
    let c = check_folder(&folder(
        "",
        &[(
            "vi-a.md",
            &card("vi-a", "Thủ tục A", "1. Chọn:\n   - có → ok\n   - không\n"),
        )],
    ));
    assert!(c.cards.is_empty());
    assert_eq!(c.files[0].head.title.as_deref(), Some("Thủ tục A"));
    assert_eq!(c.files[0].id.as_deref(), Some("vi-a"));
    assert_eq!(
        problems(&c),
        ["vi-a.md:14: malformed branch: expected `- condition → what to do` (every item of a decision needs →)"]
    );
}

#[test]
fn a_duplicate_id_across_two_files_is_one_problem_at_the_second() {
    let c = check_folder(&folder(
        "",
        &[
            ("b.md", &card("vi-a", "B", "1. Hai.\n")),
            ("a.md", &card("vi-a", "A", "1. Một.\n")),
        ],
    ));
    assert_eq!(
        problems(&c),
        ["b.md:2: duplicate id `vi-a`: also used by a.md"]
    );
    assert_eq!(c.errors[0].path, Path::new("b.md"));
    // Both parsed: a studio still previews each.
    assert_eq!(c.cards.len(), 2);
    assert_eq!(c.problems_in(Path::new("b.md")).len(), 1);
    assert_eq!(c.problems_in(Path::new("a.md")).len(), 0);
}

#[test]
fn readme_other_files_and_subfolders_are_not_content() {
    let c = check_folder(&folder(
        "content",
        &[
            ("README.md", "# The guide, not a card\n"),
            ("notes.txt", "x"),
            ("old/vi-x.md", "broken"),
            ("vi-a.md", &card("vi-a", "A", "1. Một.\n")),
        ],
    ));
    assert!(c.errors.is_empty(), "{:?}", problems(&c));
    assert_eq!(c.files.len(), 1);
    assert_eq!(file_kind(Path::new("README.md")), None);
    assert_eq!(file_kind(Path::new("vi-a.md")), Some(FileKind::Card));
    assert_eq!(
        file_kind(Path::new("synonyms.toml")),
        Some(FileKind::Synonyms)
    );
    let content = c.into_content().unwrap();
    assert_eq!(content.procedures[0].id, "vi-a");
    // Only a README: no content at all.
    let c = check_folder(&folder("content", &[("README.md", "# guide\n")]));
    assert_eq!(problems(&c), ["content:1: no content files (*.md) here"]);
}

#[test]
fn drafts_links_into_them_synonyms_and_unreadable_files() {
    let draft = card("vi-d", "D", "1. Hai.\n").replacen("+++\n", "+++\ndraft = true\n", 1);
    let mut f = folder(
        "c",
        &[
            ("vi-a.md", &card("vi-a", "A", "1. Xem [[vi-d]].\n")),
            ("vi-d.md", &draft),
            (
                "synonyms.toml",
                "[[same]]\nwords = [\"xem\", \"see\"]\n[[same]]\nwords = [\"zzz\", \"yyy\"]\n",
            ),
        ],
    );
    f.unreadable
        .push((PathBuf::from("vi-e.md"), "permission denied".into()));
    let c = check_folder(&f);
    assert_eq!(
        problems(&c),
        [
            "c/vi-a.md:12: link to `vi-d`, which is a draft (not published)",
            "c/vi-e.md:1: cannot read: permission denied",
        ]
    );
    assert_eq!(c.drafts, [PathBuf::from("c/vi-d.md")]);
    assert_eq!(c.published().len(), 1);
    assert_eq!(c.cards.len(), 2);
    assert_eq!(c.synonyms.groups.len(), 2);
    let warnings: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["c/synonyms.toml:3: synonyms: no card uses any of zzz, yyy: this group never helps a search"]
    );
    assert_eq!(c.files.len(), 3);
    assert!(!c.files[2].parsed);
    // A broken synonyms file: its problems come after the cards', and no groups are used.
    f.files[2].1 = b"[[same]]\nwords = [\"a\"]\n".to_vec();
    f.unreadable.clear();
    let c = check_folder(&f);
    assert_eq!(
        problems(&c)[1],
        "c/synonyms.toml:1: synonyms: a group needs two words or phrases at least"
    );
    assert_eq!(c.synonyms, Synonyms::default());
    f.files[2].1 = vec![b'[', 0xff];
    let c = check_folder(&f);
    assert_eq!(
        problems(&c)[1],
        "c/synonyms.toml:1: synonyms: invalid UTF-8 (byte 2): save the file as UTF-8"
    );
}

#[test]
fn did_you_mean_only_when_close() {
    let names = ["title", "category", "situations"];
    assert_eq!(closest("titel", names.into_iter()), Some("title"));
    assert_eq!(closest("zzz", names.into_iter()), None);
}
