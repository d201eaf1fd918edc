//! `workspace::background` with the real content: the queue, the worker's check, index and
//! publication, and the answers as the page reads them.

use super::*;
use crate::content::validity::FixedOffset;
use crate::content::Date;

const UTC: FixedOffset = FixedOffset(0);

fn job(gen: u64, files: &[(&str, &str)]) -> CheckJob {
    CheckJob {
        gen,
        files: files
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect(),
        now: UTC.day_start(Date {
            year: 2026,
            month: 12,
            day: 8,
        }),
    }
}

fn real_content() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir("content")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_warm_up_checks_and_indexes_its_cards() {
    let mut w = Worker::default();
    let files = warm_up_files();
    let today = w.check(
        &CheckJob {
            files,
            ..job(0, &[])
        },
        &UTC,
    );
    assert_eq!(today.checked.cards.len(), 3, "{:?}", today.checked.errors);
    assert_eq!(w.index().unwrap().len(), 3);
    warm_up(&UTC).unwrap();
}

#[test]
fn a_newer_folder_replaces_one_not_yet_checked_and_the_stale_index() {
    let mut q = Queue::default();
    q.push(job(1, &[]));
    q.push(job(2, &[]));
    let publish = PublishJob {
        site_name: "dist".into(),
        site_files: Vec::new(),
        stamp: Stamp { unix: 0, by: None },
        zip: true,
    };
    q.publish(publish.clone());
    assert_eq!(q.take(), Some(Next::Check(job(2, &[]))));
    // The publication is of the folder as last sent: after its check, before its index.
    assert_eq!(q.take(), Some(Next::Publish(Box::new(publish))));
    // Checked; before its index is built, another edit comes: its check goes first and
    // the index of 2 is never built.
    q.push(job(3, &[]));
    assert_eq!(q.take(), Some(Next::Check(job(3, &[]))));
    assert_eq!(q.take(), Some(Next::Index(3)));
    assert_eq!(q.take(), None);
}

#[test]
fn the_real_content_checked_in_the_worker_reads_back_the_same_in_the_page() {
    let mut w = Worker::default();
    let real = CheckJob {
        files: real_content(),
        ..job(1, &[])
    };
    let today = w.check(&real, &UTC);
    assert!(
        today.checked.cards.len() > 10,
        "{}",
        today.checked.cards.len()
    );
    assert!(
        today.checked.errors.is_empty(),
        "{:?}",
        today.checked.errors
    );
    let back = Receiver::default()
        .decode(&Sender::default().encode(&today))
        .unwrap();
    assert_eq!(back, today);
}

#[test]
fn an_edit_s_answer_carries_the_edited_card_and_reads_back_whole() {
    let (mut w, mut tx, mut rx) = (Worker::default(), Sender::default(), Receiver::default());
    let mut files = real_content();
    let first = w.check(
        &CheckJob {
            files: files.clone(),
            ..job(1, &[])
        },
        &UTC,
    );
    let whole = tx.encode(&first);
    assert_eq!(rx.decode(&whole).unwrap(), first);
    let (_, vi) = files
        .iter_mut()
        .find(|(p, _)| p.starts_with("vi-"))
        .expect("a Vietnamese card");
    let text = String::from_utf8(vi.clone()).unwrap();
    *vi = text.replacen("\n1. ", "\n1. Chào khách. ", 1).into_bytes();
    let second = w.check(
        &CheckJob {
            files: files.clone(),
            ..job(2, &[])
        },
        &UTC,
    );
    let edit = tx.encode(&second);
    assert!(
        edit.len() * 5 < whole.len(),
        "{} of {}",
        edit.len(),
        whole.len()
    );
    assert_eq!(rx.decode(&edit).unwrap(), second);
    // A card removed and one added: both read back as the worker checked them.
    files.retain(|(p, _)| !p.starts_with("zh-"));
    let third = w.check(
        &CheckJob {
            files,
            ..job(3, &[])
        },
        &UTC,
    );
    assert_eq!(rx.decode(&tx.encode(&third)).unwrap(), third);
    // A page that missed an answer is told, not given a wrong card.
    let mut late = Receiver::default();
    assert!(matches!(
        late.decode(&tx.encode(&third)),
        Err(AnswerError::Unknown(_))
    ));
}

#[test]
fn problems_and_attention_travel_with_their_lines() {
    let mut w = Worker::default();
    let broken = "+++\nid = \"x\"\ntitel = \"X\"\n+++\n1. Step\n";
    let today = w.check(&job(1, &[("vi-x.md", broken)]), &UTC);
    assert!(!today.checked.errors.is_empty());
    let back = Receiver::default()
        .decode(&Sender::default().encode(&today))
        .unwrap();
    assert_eq!(back.checked.errors, today.checked.errors);
    assert!(
        back.checked.errors.iter().any(|e| e.line == 3),
        "{:?}",
        back.checked.errors
    );
    assert_eq!(back.attention, today.attention);
    assert!(
        !back.attention.is_empty(),
        "a card with problems needs attention"
    );
}

/// A built site's files as a folder input hands them over (under the folder's name).
fn site_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.push((format!("dist/{rel}"), std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

#[test]
fn a_publication_from_the_worker_is_kb_publish_s_refused_while_there_are_problems() {
    let site = crate::site::test_site(&crate::site::test_content());
    let mut w = Worker::default();
    let mut files = real_content();
    let (path, vi) = files
        .iter_mut()
        .find(|(p, _)| p.starts_with("vi-"))
        .expect("a Vietnamese card");
    let path = path.clone();
    let text = String::from_utf8(vi.clone()).unwrap();
    *vi = text.replacen("\n1. ", "\n1. Chào khách. ", 1).into_bytes();
    let today = w.check(
        &CheckJob {
            files: files.clone(),
            ..job(1, &[])
        },
        &UTC,
    );
    let id = today
        .checked
        .cards
        .iter()
        .find(|(p, _)| p.to_str() == Some(path.as_str()))
        .map(|(_, p)| p.id.clone())
        .unwrap();
    let publish = PublishJob {
        site_name: "dist".into(),
        site_files: site_files(site.path()),
        stamp: Stamp {
            unix: 1_764_590_461,
            by: Some("Lan".into()),
        },
        zip: false,
    };
    let Published::Update(update) = w.publish(&publish).unwrap() else {
        panic!("asked for the writes")
    };
    assert_eq!(update.publication.changed, [id]);
    assert!(update.writes.iter().any(|w| w.path.starts_with("history/")));
    let zip = w
        .publish(&PublishJob {
            zip: true,
            ..publish.clone()
        })
        .unwrap();
    let Published::Zip { publication, bytes } = &zip else {
        panic!("asked for the zip")
    };
    assert_eq!(publication, &update.publication);
    assert_eq!(bytes, &update.to_zip(1_764_590_461));
    // A problem in one file: refused, as kb publish refuses.
    let broken = "+++\nid = \"x\"\ntitel = \"X\"\n+++\n1. Step\n";
    files.push(("vi-x.md".into(), broken.as_bytes().to_vec()));
    w.check(
        &CheckJob {
            files,
            ..job(2, &[])
        },
        &UTC,
    );
    assert!(matches!(w.publish(&publish), Err(PublishError::Problems(n)) if n > 0));
}

#[test]
fn only_the_languages_whose_cards_changed_are_indexed_again() {
    let mut w = Worker::default();
    let mut files = real_content();
    w.check(
        &CheckJob {
            files: files.clone(),
            ..job(1, &[])
        },
        &UTC,
    );
    let first: Vec<Lang> = w.index().unwrap().iter().map(|b| b.lang).collect();
    assert_eq!(
        first,
        Lang::ALL.to_vec(),
        "the first build builds every language"
    );
    assert!(w.index().unwrap().is_empty(), "nothing changed");
    let (_, vi) = files
        .iter_mut()
        .find(|(p, _)| p.starts_with("vi-"))
        .expect("a Vietnamese card");
    let text = String::from_utf8(vi.clone()).unwrap();
    *vi = text.replacen("\n1. ", "\n1. Chào khách. ", 1).into_bytes();
    w.check(
        &CheckJob {
            files,
            ..job(2, &[])
        },
        &UTC,
    );
    let again: Vec<Lang> = w.index().unwrap().iter().map(|b| b.lang).collect();
    assert_eq!(again, vec![Lang::Vi]);
}
