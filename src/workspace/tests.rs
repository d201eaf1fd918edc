use super::*;

fn folder() -> Workspace {
    Workspace::open(
        "content",
        vec![
            (
                "content/vi-a.md".into(),
                b"+++\nid = 1\n+++\n1. A\n".to_vec(),
            ),
            ("content/README.md".into(), b"# guide\n".to_vec()),
            ("content/sub/x.md".into(), b"not content\n".to_vec()),
            (
                "content/ru-b.md".into(),
                b"\xef\xbb\xbfline 1\r\nline 2\r\n".to_vec(),
            ),
        ],
    )
}

#[test]
fn a_folder_is_its_top_level_files_and_its_cards_leave_the_guide_out() {
    let w = folder();
    assert_eq!(w.paths(), ["README.md", "ru-b.md", "vi-a.md"]);
    assert_eq!(w.card_paths(), ["ru-b.md", "vi-a.md"]);
}

#[test]
fn an_edit_back_to_the_original_is_no_change() {
    let mut w = folder();
    w.set_text("vi-a.md", "+++\nid = 1\n+++\n1. B\n");
    assert!(w.is_changed("vi-a.md"));
    w.set_text("vi-a.md", "+++\nid = 1\n+++\n1. A\n");
    assert!(!w.is_changed("vi-a.md"));
    assert!(w.changes().is_empty());
}

#[test]
fn a_crlf_file_with_a_bom_keeps_both_where_the_editor_did_not_type() {
    let mut w = folder();
    let text = w.text("ru-b.md").unwrap();
    assert_eq!(text, "line 1\nline 2\n");
    // What a textarea gives back unchanged is the file's bytes.
    w.set_text("ru-b.md", &text);
    assert!(!w.is_changed("ru-b.md"));
    w.set_text("ru-b.md", "line 1\nline two\n");
    let c = &w.changes()[0];
    assert_eq!(c.bytes, b"\xef\xbb\xbfline 1\r\nline two\r\n");
    assert_eq!(c.kind, ChangeKind::Modified);
    let removed: Vec<&str> = c
        .diff
        .iter()
        .filter(|l| l.kind == diff::DiffKind::Removed)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(removed, ["line 2"]);
}

#[test]
fn a_new_card_is_a_draft_from_the_template_with_an_id_not_taken() {
    let mut w = folder();
    let p1 = w.new_card(Lang::Vi, "Khách hỏi khuyến mãi", false);
    let p2 = w.new_card(Lang::Vi, "Khách hỏi khuyến mãi", false);
    assert_eq!(p1, "vi-khach-hoi-khuyen-mai.md");
    assert_ne!(p1, p2);
    let text = w.text(&p1).unwrap();
    assert!(text.contains("draft = true"), "{text}");
    assert!(text.contains("id = \"vi-khach-hoi-khuyen-mai\""), "{text}");
    assert_eq!(w.changes()[0].kind, ChangeKind::Added);
    w.revert(&p1);
    assert!(w.text(&p1).is_none());
}

#[test]
fn saved_changes_become_the_folder_and_unsaved_ones_come_back_after_a_reload() {
    let mut w = folder();
    w.set_text("vi-a.md", "edited\n");
    let added = w.new_card(Lang::Ru, "Клиент", true);
    let kept = w.unsaved();
    assert_eq!(kept.files.len(), 2);

    // The reload: only the changes, over the copies they were made from.
    let back = Workspace::from_unsaved(&kept);
    assert_eq!(back.text("vi-a.md").as_deref(), Some("edited\n"));
    assert_eq!(back.changes().len(), 2);

    // The folder opened again, one file changed in it meanwhile.
    let mut again = Workspace::open(
        "content",
        vec![("vi-a.md".into(), b"changed on disk\n".to_vec())],
    );
    assert_eq!(again.restore(&kept), ["vi-a.md"]);
    assert_eq!(again.text("vi-a.md").as_deref(), Some("edited\n"));
    assert!(again.text(&added).is_some());

    w.mark_saved(&["vi-a.md".to_string()]);
    assert!(!w.is_changed("vi-a.md"));
    assert_eq!(w.unsaved().files.len(), 1);
}
