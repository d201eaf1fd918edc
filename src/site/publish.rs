//! Publishes new content into an already built site, without the wasm toolchain: reads what
//! the site holds (`SiteFiles::read`), lets `plan_publish` decide every byte, and carries the
//! plan out (`SiteUpdate::apply`). Everything is written beside the site first and moved in at
//! the end, so a failure leaves the old site as it was.

use super::files::list_files;
use super::html::current_indexes;
use super::names::sha256_hex;
use super::plan::{plan_publish, Publication, SiteFiles, SiteUpdate};
use super::worker::{precached, SW};
use super::{io, SiteError};
use crate::content::Procedure;
use crate::content::Synonyms;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

impl SiteFiles {
    /// What the built site in `dist` holds, as a publication needs it: the page, every file's
    /// SHA-256, and the bytes of the blobs the page points at (an unreadable one is left out).
    pub fn read(dist: &Path) -> Result<SiteFiles, SiteError> {
        let page_path = dist.join("index.html");
        let page = std::fs::read_to_string(&page_path).map_err(io(&page_path))?;
        let pointed: Vec<String> = current_indexes(&page).into_iter().map(|(_, f)| f).collect();
        let (mut files, mut blobs, mut has_worker) = (Vec::new(), BTreeMap::new(), false);
        for f in list_files(dist)? {
            if f == SW {
                has_worker = true;
            }
            if !precached(&f) {
                continue;
            }
            let p = dist.join(&f);
            let bytes = std::fs::read(&p).map_err(io(&p))?;
            files.push((f.clone(), sha256_hex(&bytes)));
            if pointed.contains(&f) {
                blobs.insert(f, bytes);
            }
        }
        Ok(SiteFiles {
            dir: dist.to_path_buf(),
            page,
            files,
            has_worker,
            blobs,
        })
    }
}

/// A scratch folder inside the site (same file system, so moving out of it is a rename),
/// removed however the publication ends.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl SiteUpdate {
    /// Carries the plan out on the site in `dist`, the one it was planned from: every file is
    /// written into a scratch folder inside the site first, then moved in in the plan's order
    /// (a rename each), then the replaced files go. A failure before the moves changes nothing.
    pub fn apply(&self, dist: &Path) -> Result<(), SiteError> {
        if self.writes.is_empty() && self.deletes.is_empty() {
            return Ok(());
        }
        let scratch = Scratch(dist.join(format!(".publish-{}", std::process::id())));
        let stage = &scratch.0;
        let _ = std::fs::remove_dir_all(stage);
        std::fs::create_dir_all(stage).map_err(io(stage))?;
        for w in &self.writes {
            let to = stage.join(&w.path);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            std::fs::write(&to, &w.bytes).map_err(io(&to))?;
        }
        // Folders the moves need (`history/files/`), made before the first move.
        for w in &self.writes {
            if let Some(parent) = dist.join(&w.path).parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
        }
        for w in &self.writes {
            let (from, to) = (stage.join(&w.path), dist.join(&w.path));
            std::fs::rename(&from, &to).map_err(io(&to))?;
        }
        for old in &self.deletes {
            let _ = std::fs::remove_file(dist.join(old));
        }
        Ok(())
    }
}

/// Replaces the site's content by `procedures` (already checked): read, plan, apply. The site
/// must have been finished by `finish` (a `scripts/build.sh` output, or a copy of it).
pub fn publish(
    procedures: &[Procedure],
    synonyms: &Synonyms,
    dist: &Path,
) -> Result<Publication, SiteError> {
    let update = plan_publish(procedures, synonyms, &SiteFiles::read(dist)?)?;
    update.apply(dist)?;
    Ok(update.publication)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::content::load_dir;
    use crate::search::{build_blobs, read_procedures, BLOB_FORMAT};
    use crate::site::UPDATE_NOTE;

    /// The version of the site as it stands, computed from its files on disk.
    fn worker_version(dist: &Path) -> Option<String> {
        let version = crate::site::worker::version;
        dist.join(SW).is_file().then(|| version(dist).unwrap())
    }

    pub(crate) fn content() -> Vec<Procedure> {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap()
    }

    /// A finished site like `trunk build --release` writes, with the real content's blob.
    pub(crate) fn site(procs: &[Procedure]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'\">\n<meta name=\"cuecard-index\" content=\"index.bin\"><link rel=\"modulepreload\" href=\"./app-1.js\"><script type=\"module\" src=\"./boot.js\" data-js=\"./app-1.js\" data-wasm=\"./app-1.wasm\"></script></head><body></body></html>";
        std::fs::write(d.path().join("index.html"), page).unwrap();
        std::fs::create_dir(d.path().join("index")).unwrap();
        for b in build_blobs(procs, &Synonyms::default()).unwrap() {
            let path = d.path().join(format!("index/{}.bin", b.lang.code()));
            std::fs::write(path, b.bytes).unwrap();
        }
        std::fs::write(d.path().join("boot.js"), b"// boot").unwrap();
        std::fs::write(d.path().join("app-1.wasm"), vec![7u8; 4000]).unwrap();
        std::fs::write(d.path().join("app-1.js"), b"// glue").unwrap();
        crate::site::finish(d.path(), None, None).unwrap();
        d
    }

    fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            out.insert(
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            );
        }
        out
    }

    #[test]
    fn new_content_gets_a_new_blob_page_and_worker_version() {
        let mut procs = content();
        let d = site(&procs);
        let before = snapshot(d.path());
        let old_version = worker_version(d.path()).unwrap();
        let sw = std::fs::read_to_string(d.path().join("sw.js")).unwrap();
        assert!(
            sw.contains(&format!("const VERSION = \"{old_version}\"")),
            "the version of the built site is the one its worker carries"
        );

        let same = publish(&procs, &Synonyms::default(), d.path()).unwrap();
        assert!(same.is_noop());
        assert_eq!(
            snapshot(d.path()),
            before,
            "unchanged content: nothing written"
        );

        // Vietnamese content changes; Chinese and Russian do not.
        let vi = |p: &Procedure| p.lang == crate::content::Lang::Vi;
        let first = procs.iter().position(vi).unwrap();
        procs[first].title.push_str(" (sửa)");
        let last = procs.iter().rposition(vi).unwrap();
        let removed = procs.remove(last).id;
        let mut extra = procs[first].clone();
        extra.id = "vi-the-moi".into();
        procs.push(extra);
        let r = publish(&procs, &Synonyms::default(), d.path()).unwrap();
        assert_eq!(r.added, ["vi-the-moi"]);
        assert_eq!(r.changed, [procs[first].id.clone()]);
        assert_eq!(r.removed, [removed]);
        assert_ne!(r.new_version, old_version);
        assert_eq!(worker_version(d.path()), Some(r.new_version.clone()));
        let sw = std::fs::read_to_string(d.path().join("sw.js")).unwrap();
        assert!(
            sw.contains(&format!("const VERSION = \"{}\"", r.new_version)),
            "the worker carries the version"
        );
        let page = std::fs::read_to_string(d.path().join("index.html")).unwrap();
        let pointed: Vec<String> = current_indexes(&page).into_iter().map(|(_, f)| f).collect();
        assert_eq!(pointed, r.new_indexes);
        let mut read_back = Vec::new();
        for name in &r.new_indexes {
            let blob = std::fs::read(d.path().join(name)).unwrap();
            assert!(page.contains(&crate::site::sri(&blob)));
            read_back.extend(read_procedures(&blob).unwrap());
            assert!(d.path().join(format!("{name}.gz")).exists());
        }
        let key = |p: &Procedure| p.id.clone();
        let (mut a, mut b) = (read_back, procs.clone());
        a.sort_by_key(key);
        b.sort_by_key(key);
        assert_eq!(a, b);
        // Only the Vietnamese blob is new; the others keep their names (desks keep them cached).
        let kept: Vec<&String> = r
            .new_indexes
            .iter()
            .filter(|n| r.old_indexes.contains(n))
            .collect();
        assert_eq!(kept.len(), 2, "{:?} -> {:?}", r.old_indexes, r.new_indexes);
        assert!(kept.iter().all(|n| !n.starts_with("index-vi-")));
        let sw = std::fs::read_to_string(d.path().join("sw.js")).unwrap();
        for old in r.old_indexes.iter().filter(|o| !r.new_indexes.contains(o)) {
            assert!(!d.path().join(old).exists(), "the old blob is gone");
            assert!(!d.path().join(format!("{old}.br")).exists());
            assert!(!sw.contains(old.as_str()));
        }
        assert!(r.new_indexes.iter().all(|n| sw.contains(n.as_str())));
        assert!(
            !snapshot(d.path()).keys().any(|k| k.starts_with(".publish")),
            "no scratch left"
        );
    }

    #[test]
    fn a_site_built_for_another_index_format_is_refused_untouched() {
        let procs = content();
        let d = site(&procs);
        let page = std::fs::read_to_string(d.path().join("index.html")).unwrap();
        let blob = d.path().join(&current_indexes(&page)[1].1);
        let mut old = std::fs::read(&blob).unwrap();
        old[8..12].copy_from_slice(&(BLOB_FORMAT - 1).to_le_bytes());
        std::fs::write(&blob, &old).unwrap();
        let before = snapshot(d.path());
        let err = publish(&procs, &Synonyms::default(), d.path())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("reads index format {}", BLOB_FORMAT - 1))
                && err.contains("rebuild the site"),
            "{err}"
        );
        assert_eq!(snapshot(d.path()), before);
    }

    #[test]
    fn a_folder_that_is_not_a_built_site_is_refused_untouched() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("index.html"), "<html></html>").unwrap();
        let err = publish(&content(), &Synonyms::default(), d.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("is this a Cuecard build?"), "{err}");
        assert_eq!(snapshot(d.path()).len(), 1);
    }

    /// Another copy of a (flat) site folder.
    fn copy_of(dir: &Path) -> tempfile::TempDir {
        let copy = tempfile::tempdir().unwrap();
        for (name, bytes) in snapshot(dir) {
            std::fs::write(copy.path().join(name), bytes).unwrap();
        }
        copy
    }

    #[test]
    fn a_site_update_zip_unpacked_over_a_copy_equals_publishing_into_it() {
        let mut procs = content();
        let (published, unzipped) = (site(&procs), site(&procs));
        let unzipped = copy_of(unzipped.path());
        assert_eq!(snapshot(published.path()), snapshot(unzipped.path()));
        let at = procs
            .iter()
            .position(|p| p.lang == crate::content::Lang::Zh)
            .unwrap();
        procs[at].title.push_str("（新）");

        let update = plan_publish(
            &procs,
            &Synonyms::default(),
            &SiteFiles::read(unzipped.path()).unwrap(),
        )
        .unwrap();
        let zip = update.to_zip(1_764_590_461);
        let r = publish(&procs, &Synonyms::default(), published.path()).unwrap();
        assert_eq!(r, update.publication, "the same plan as kb publish's");
        assert_eq!(r.changed, [procs[at].id.clone()]);

        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        let mut names = Vec::new();
        let mut note = String::new();
        for i in 0..archive.len() {
            use std::io::Read;
            let mut entry = archive.by_index(i).unwrap();
            let name = entry.name().to_string();
            let time = entry.last_modified().unwrap();
            assert_eq!((time.year(), time.month(), time.day()), (2025, 12, 1));
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            if name == UPDATE_NOTE {
                note = String::from_utf8(bytes).unwrap();
            } else {
                std::fs::write(unzipped.path().join(&name), bytes).unwrap();
            }
            names.push(name);
        }
        // The note, then exactly the files that change: the new Chinese blob, the page, the
        // worker, each with its copies; the Vietnamese and Russian blobs are already there.
        let written: Vec<&str> = update.writes.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(names[0], UPDATE_NOTE);
        assert_eq!(names[1..], written);
        assert_eq!(written.len(), 9, "{written:?}");
        assert!(written[0].starts_with("index-zh-") && written[8] == "sw.js.br");
        assert_eq!(
            update.deletes.len(),
            3,
            "the old Chinese blob and its copies"
        );
        for old in &update.deletes {
            assert!(note.contains(&format!("     {old}\n")), "{note}");
            std::fs::remove_file(unzipped.path().join(old)).unwrap();
        }
        assert!(
            note.contains(&format!("Changed (1): {}", procs[at].id)),
            "{note}"
        );
        assert_eq!(
            snapshot(unzipped.path()),
            snapshot(published.path()),
            "the same files, byte for byte"
        );
        // Copied over the site by mistake, the note changes neither the site's files nor its
        // version.
        let before = SiteFiles::read(published.path()).unwrap();
        std::fs::write(published.path().join(UPDATE_NOTE), &note).unwrap();
        assert_eq!(SiteFiles::read(published.path()).unwrap(), before);
    }

    #[test]
    fn a_served_site_reads_as_its_folder_does() {
        let mut procs = content();
        let d = site(&procs);
        let served = |dir: &Path| {
            let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
            let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
            let blobs = current_indexes(&page)
                .into_iter()
                .map(|(_, f)| (f.clone(), std::fs::read(dir.join(f)).unwrap()))
                .collect();
            SiteFiles::from_worker(dir, page, &sw, blobs).unwrap()
        };
        assert_eq!(served(d.path()), SiteFiles::read(d.path()).unwrap());
        procs.pop();
        let r = publish(&procs, &Synonyms::default(), d.path()).unwrap();
        assert_eq!(served(d.path()), SiteFiles::read(d.path()).unwrap());
        assert_eq!(served(d.path()).version(), Some(r.new_version));
        // Unchanged content: a plan that writes and deletes nothing.
        let same = plan_publish(&procs, &Synonyms::default(), &served(d.path())).unwrap();
        assert!(same.publication.is_noop() && same.writes.is_empty() && same.deletes.is_empty());
        let err = SiteFiles::from_worker(d.path(), String::new(), "// no list", BTreeMap::new())
            .unwrap_err();
        assert!(err
            .to_string()
            .ends_with("sw.js: no precache list: is this a Cuecard build?"));
    }

    #[test]
    fn a_site_folder_picked_in_the_studio_reads_as_kb_reads_it() {
        let d = site(&content());
        // What a folder input gives: every file under the folder's name, a sub-folder's too.
        let files: Vec<(String, Vec<u8>)> = crate::site::files::list_files(d.path())
            .unwrap()
            .into_iter()
            .chain(["sw.js".to_string()])
            .map(|f| {
                (
                    format!("dist/{f}"),
                    std::fs::read(d.path().join(&f)).unwrap(),
                )
            })
            .collect();
        let picked = SiteFiles::from_folder("dist", &files).unwrap();
        let read = SiteFiles::read(d.path()).unwrap();
        assert_eq!(
            (picked.page, picked.files, picked.blobs),
            (read.page, read.files, read.blobs)
        );
        let err =
            SiteFiles::from_folder("content", &[("content/vi-a.md".into(), vec![])]).unwrap_err();
        assert!(
            err.to_string().starts_with("content: no index.html here"),
            "{err}"
        );
    }
}
