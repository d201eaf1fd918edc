//! Runs the `kb` binary of this build as an editor would, for the CLI tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// `kb ARGS`: exit code, standard output, standard error.
pub fn kb(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kb"))
        .args(args)
        .output()
        .expect("run kb");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// A copy of the real content, to edit.
pub fn content_copy() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for e in std::fs::read_dir(root).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, copy.path().join(p.file_name().unwrap())).unwrap();
    }
    copy
}

/// `kb new --content DIR --lang LANG TITLE`, which must succeed: the new card's path.
pub fn new_card(dir: &Path, lang: &str, title: &str) -> std::path::PathBuf {
    let d = dir.to_str().unwrap();
    let (code, out, err) = kb(&["new", "--content", d, "--lang", lang, title]);
    assert_eq!(code, 0, "{err}");
    out.trim().into()
}
