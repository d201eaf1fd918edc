//! `site::history`'s tests: the record format, keeping and pruning, rollbacks on a small site.

use super::*;
use crate::content::{Lang, Procedure, Synonyms};
use crate::site::publish::tests::{content, site};
use crate::site::read_history;
use crate::site::{plan_publish, plan_rollback, Rollback};

/// Every file of a site but its history, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                if rel != HISTORY_DIR {
                    walk(root, &p, out);
                }
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn stamp(unix: i64) -> Stamp {
    Stamp {
        unix,
        by: Some("lan".into()),
    }
}

/// `kb publish` on disk: plan, history, apply.
fn publish(procs: &[Procedure], dist: &Path, unix: i64) -> Record {
    let site = SiteFiles::read(dist).unwrap();
    let mut update = plan_publish(procs, &Synonyms::default(), &site).unwrap();
    let history = History::read(dist).unwrap();
    let record = with_history(&mut update, &site, &history, dist, &stamp(unix)).unwrap();
    update.apply(dist).unwrap();
    record.expect("content changed")
}

/// `kb rollback` on disk.
fn rollback(dist: &Path, wanted: Option<&str>, unix: i64) -> Result<Rollback, HistoryError> {
    let (site, history) = (SiteFiles::read(dist).unwrap(), History::read(dist).unwrap());
    let r = plan_rollback(&site, &history, dist, wanted, &stamp(unix))?;
    r.update.apply(dist).unwrap();
    Ok(r)
}

/// A few procedures (a small site, quick to publish again and again).
fn small() -> Vec<Procedure> {
    let all = content();
    [Lang::Vi, Lang::Zh]
        .into_iter()
        .flat_map(|l| all.iter().filter(move |p| p.lang == l).take(2).cloned())
        .collect()
}

fn edited(procs: &[Procedure], n: usize) -> Vec<Procedure> {
    let mut procs = procs.to_vec();
    procs[0].title.push_str(&format!(" ({n})"));
    procs
}

#[test]
fn a_record_reads_back_and_names_its_format_and_kind() {
    assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    assert_eq!(rfc3339(1_764_590_461), "2025-12-01T12:01:01Z");
    assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    let record = Record {
        format: HISTORY_FORMAT,
        number: 7,
        kind: Kind::Publish,
        to: None,
        unix: 1_764_590_461,
        time: rfc3339(1_764_590_461),
        by: None,
        version: "0123456789abcdef".into(),
        previous_version: Some("fedcba9876543210".into()),
        added: vec!["vi-a".into()],
        changed: vec![],
        removed: vec![],
        procedures: 3,
        files: [("index.html".to_string(), "ab".to_string())].into(),
    };
    assert_eq!(record.path(), "history/0007-1764590461.json");
    let json = serde_json::to_string_pretty(&record).unwrap();
    for wanted in [
        "\"format\": 1",
        "\"kind\": \"publish\"",
        "\"by\": null",
        "\"time\": \"2025-12-01T12:01:01Z\"",
        "\"index.html\": \"ab\"",
    ] {
        assert!(json.contains(wanted), "{wanted} in {json}");
    }
    assert!(!json.contains("\"to\""), "{json}");
    let path = Path::new(&record.path()).to_path_buf();
    assert_eq!(parse_record(&path, &json).unwrap(), record);

    let back = Record {
        kind: Kind::Rollback,
        to: Some("0123456789abcdef".into()),
        ..record
    };
    let json = serde_json::to_string(&back).unwrap();
    assert!(json.contains(r#""kind":"rollback","to":"0123456789abcdef""#));
    assert_eq!(parse_record(&path, &json).unwrap(), back);

    let newer = json.replace("\"format\":1", "\"format\":2");
    let err = parse_record(&path, &newer).unwrap_err().to_string();
    assert!(err.contains("record format 2, this kb reads 1"), "{err}");
    let err = parse_record(&path, "{\"format\":1}").unwrap_err();
    assert!(matches!(err, HistoryError::Record { .. }), "{err}");
    assert_eq!(stored_name("index.html", "ab"), "index.html-ab");
    assert_eq!(stored_name("index-vi-01.bin", "ab"), "index-vi-01.bin");
}

#[test]
fn a_rollback_restores_every_file_and_a_rollback_of_it_comes_back() {
    let procs = small();
    let d = site(&procs);
    let as_built = snapshot(d.path());
    let a = publish(&edited(&procs, 1), d.path(), 100);
    let site_a = snapshot(d.path());
    let b = publish(&edited(&procs, 2), d.path(), 200);
    let site_b = snapshot(d.path());
    // Record 1 is the site as built, so the first publication can be undone too.
    let start = read_history(d.path()).unwrap().remove(0);
    assert_eq!((start.number, start.kind), (1, Kind::Start));
    assert_eq!(a.previous_version.as_deref(), Some(start.version.as_str()));
    assert_eq!((a.number, b.number, a.kind), (2, 3, Kind::Publish));
    assert_eq!(b.previous_version.as_deref(), Some(a.version.as_str()));
    assert_eq!(b.changed, [procs[0].id.clone()]);
    assert!(b.files.contains_key("sw.js") && b.files.contains_key("index.html"));

    let back = rollback(d.path(), None, 300).unwrap();
    assert_eq!(back.target, a);
    assert_eq!(snapshot(d.path()), site_a, "every file is A's again");
    let r = back.record.unwrap();
    assert_eq!((r.number, r.kind), (4, Kind::Rollback));
    assert_eq!(
        (r.to.as_deref(), r.version.as_str()),
        (Some(&*a.version), &*a.version)
    );
    assert_eq!(
        SiteFiles::read(d.path()).unwrap().version(),
        Some(a.version.clone())
    );
    assert_eq!(r.changed, [procs[0].id.clone()]);
    assert_eq!(r.files, a.files);

    let again = rollback(d.path(), None, 400).unwrap();
    assert_eq!(again.target, b, "the rollback of a rollback");
    assert_eq!(snapshot(d.path()), site_b);
    let numbers: Vec<u32> = read_history(d.path())
        .unwrap()
        .iter()
        .map(|r| r.number)
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);

    // By record number, and by version; the site's own version is nothing to do.
    rollback(d.path(), Some("2"), 500).unwrap();
    assert_eq!(snapshot(d.path()), site_a);
    let same = rollback(d.path(), Some(&a.version), 600).unwrap();
    assert!(same.record.is_none() && same.update.writes.is_empty());
    let err = rollback(d.path(), Some("99"), 700).unwrap_err().to_string();
    assert!(err.contains("no publication 99 in its history"), "{err}");
    assert_eq!(read_history(d.path()).unwrap().len(), 6);
    // And back to the site as it was built, before any publication.
    rollback(d.path(), Some("1"), 800).unwrap();
    assert_eq!(snapshot(d.path()), as_built);
}

#[test]
fn the_files_of_the_last_ten_publications_are_kept_and_older_ones_pruned() {
    let procs = small();
    let d = site(&procs);
    let records: Vec<Record> = (1..=KEEP + 2)
        .map(|n| publish(&edited(&procs, n), d.path(), n as i64))
        .collect();
    let history = read_history(d.path()).unwrap();
    assert_eq!(history[0].kind, Kind::Start);
    assert_eq!(history[1..], records, "every record stays listed");
    let kept: BTreeSet<String> = std::fs::read_dir(d.path().join("history/files"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let live = SiteFiles::read(d.path()).unwrap().files;
    let mut named = BTreeSet::new();
    for r in &records[2..] {
        for (f, sha) in &r.files {
            named.insert(stored_name(f, sha));
            let is_live = live.iter().any(|(l, s)| l == f && s == sha) || f == SW;
            assert!(
                is_live || kept.contains(&stored_name(f, sha)),
                "{f} of #{}",
                r.number
            );
        }
    }
    assert!(kept.is_subset(&named), "{kept:?}");
    let page_of = |r: &Record| stored_name("index.html", &r.files["index.html"]);
    assert!(!kept.contains(&page_of(&records[1])), "pruned");
    assert!(kept.contains(&page_of(&records[2])));

    let before = snapshot(d.path());
    let err = rollback(d.path(), Some("3"), 99).unwrap_err();
    assert!(
        matches!(err, HistoryError::MissingFile { number: 3, .. }),
        "{err}"
    );
    assert_eq!(snapshot(d.path()), before, "refused untouched");
    rollback(d.path(), Some("4"), 100).unwrap();
    assert_eq!(
        SiteFiles::read(d.path()).unwrap().version(),
        Some(records[2].version.clone())
    );
}

#[test]
fn a_rollback_whose_file_is_gone_is_refused_naming_it() {
    let procs = small();
    let d = site(&procs);
    let a = publish(&edited(&procs, 1), d.path(), 1);
    publish(&edited(&procs, 2), d.path(), 2);
    let page = stored_name("index.html", &a.files["index.html"]);
    std::fs::remove_file(d.path().join("history/files").join(&page)).unwrap();
    let before = snapshot(d.path());
    let history = read_history(d.path()).unwrap();
    let err = rollback(d.path(), None, 3).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(&format!(
            "history/files/{page} is gone (the site's index.html)"
        )) && text.contains("the site is unchanged"),
        "{text}"
    );
    assert!(
        std::error::Error::source(&err).is_some(),
        "the io error is kept"
    );
    assert_eq!(snapshot(d.path()), before);
    assert_eq!(read_history(d.path()).unwrap(), history, "nothing recorded");

    std::fs::write(d.path().join("history/files").join(&page), b"not it").unwrap();
    let err = rollback(d.path(), None, 3).unwrap_err().to_string();
    assert!(err.contains("is damaged"), "{err}");
    assert_eq!(snapshot(d.path()), before);

    let empty = site(&procs);
    let err = rollback(empty.path(), None, 1).unwrap_err().to_string();
    assert!(err.contains("no publication recorded yet"), "{err}");
}

/// A site folder as the studio holds it: every file by its path (history included).
fn in_memory(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = snapshot(dir);
    if let Ok(entries) = std::fs::read_dir(dir.join(HISTORY_DIR)) {
        for e in entries {
            let p = e.unwrap().path();
            if p.is_file() {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                all.insert(format!("{HISTORY_DIR}/{name}"), std::fs::read(&p).unwrap());
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir.join(HISTORY_DIR).join("files")) {
        for e in entries {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            all.insert(
                format!("{HISTORY_DIR}/files/{name}"),
                std::fs::read(&p).unwrap(),
            );
        }
    }
    all
}

/// A plan carried out on the in-memory folder: writes in order, then deletes.
fn apply(files: &mut BTreeMap<String, Vec<u8>>, update: &SiteUpdate) {
    for w in &update.writes {
        files.insert(w.path.clone(), w.bytes.clone());
    }
    for d in &update.deletes {
        files.remove(d);
    }
}

/// The folder as `SiteFiles::from_folder` and `History::from_folder` read it, as the studio does.
fn read_in_memory(files: &BTreeMap<String, Vec<u8>>) -> (SiteFiles, History) {
    let list: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(p, b)| (format!("site/{p}"), b.clone()))
        .collect();
    let site = SiteFiles::from_folder("site", &list).unwrap();
    (site, History::from_folder("site", &list).unwrap())
}

fn site_part(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .filter(|(p, _)| !is_history_file(p))
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect()
}

#[test]
fn publications_and_a_rollback_planned_over_files_in_memory_restore_every_byte() {
    let procs = small();
    let d = site(&procs);
    let mut files = in_memory(d.path());
    let original = site_part(&files);
    let publish_in_memory = |files: &mut BTreeMap<String, Vec<u8>>, n: usize| {
        let (site, history) = read_in_memory(files);
        let mut update = plan_publish(&edited(&procs, n), &Synonyms::default(), &site).unwrap();
        let record = with_history(&mut update, &site, &history, files, &stamp(n as i64));
        apply(files, &update);
        record.unwrap().unwrap()
    };
    let a = publish_in_memory(&mut files, 1);
    let after_a = site_part(&files);
    assert_ne!(after_a, original);
    let b = publish_in_memory(&mut files, 2);
    assert_eq!((a.number, b.number), (2, 3));
    assert!(files.contains_key(&b.path()) && files.contains_key(&a.path()));

    let (site, history) = read_in_memory(&files);
    assert_eq!(history.records[1..], [a.clone(), b.clone()]);
    assert_eq!(history.current(site.version().as_deref()), Some(&b));
    let back = plan_rollback(&site, &history, &files, Some("2"), &stamp(3)).unwrap();
    assert_eq!(back.target, a);
    apply(&mut files, &back.update);
    assert_eq!(site_part(&files), after_a, "every byte of A's site again");
    let r = back.record.unwrap();
    assert_eq!(
        (r.number, r.kind, r.to.as_deref()),
        (4, Kind::Rollback, Some(&*a.version))
    );

    // The same plans on disk give the same bytes: one piece of code for both.
    let disk = crate::site::publish::tests::site(&procs);
    publish(&edited(&procs, 1), disk.path(), 1);
    publish(&edited(&procs, 2), disk.path(), 2);
    rollback(disk.path(), Some("2"), 3).unwrap();
    assert_eq!(in_memory(disk.path()), files);
}

#[test]
fn a_rollback_in_memory_whose_stored_file_is_missing_is_refused_naming_it() {
    let procs = small();
    let d = site(&procs);
    let a = publish(&edited(&procs, 1), d.path(), 1);
    publish(&edited(&procs, 2), d.path(), 2);
    let mut files = in_memory(d.path());
    let page = stored_name("index.html", &a.files["index.html"]);
    files.remove(&format!("{HISTORY_DIR}/files/{page}"));
    let (site, history) = read_in_memory(&files);
    let err = plan_rollback(&site, &history, &files, None, &stamp(3)).unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(&err, HistoryError::MissingFile { number: 2, name, .. } if name == "index.html"),
        "{err:?}"
    );
    assert!(
        text.contains(&format!("history/files/{page} is gone")),
        "{text}"
    );

    // Listed but unreadable (the reader has no bytes for it): refused the same way.
    let mut listed = history.clone();
    listed.stored.insert(page.clone());
    let err = plan_rollback(&site, &listed, &files, None, &stamp(3)).unwrap_err();
    assert!(matches!(err, HistoryError::MissingFile { .. }), "{err:?}");
    assert!(
        std::error::Error::source(&err).is_some(),
        "the cause is kept"
    );
}
