//! The page build (Trunk's pre_build hook runs `kb index`) stops on broken content with the same
//! `PATH:LINE: message` as `kb check`, and ships nothing: no partial index, no dist/.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

#[path = "support/stage.rs"]
mod stage;

#[test]
fn trunk_build_fails_with_path_and_line_and_writes_no_site() {
    // A whole trunk build: part of the browser stage, skipped (with a line) without trunk.
    if !stage::can_run(
        "trunk_build_fails_with_path_and_line_and_writes_no_site",
        &[stage::Need::Trunk],
    ) {
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let content = tempfile::tempdir().unwrap();
    std::fs::copy(
        format!("{root}/content/vi-gap-truong-ca.md"),
        content.path().join("vi-gap-truong-ca.md"),
    )
    .unwrap();
    let broken = content.path().join("vi-broken.md");
    std::fs::write(
        &broken,
        "+++\nid = \"vi-broken\"\nlang = \"vi\"\ntitle = \"T\"\ncategory = \"C\"\nsituations = [\"s\"]\nholdlimit = \"60s\"\n[source]\nfile = \"000.txt\"\nsection = \"1\"\n+++\n## Steps\n1. Bước.\n",
    )
    .unwrap();
    let dist = tempfile::tempdir().unwrap();
    let out = Command::new("trunk")
        .args(["build", "--offline", "--dist"])
        .arg(dist.path())
        .current_dir(root)
        .env("CUECARD_CONTENT", content.path())
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .output()
        .expect("trunk on PATH (scripts/setup.sh installs it)");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "the build must fail:\n{log}");
    let expected = format!(
        "{}:7: front matter: unknown field `holdlimit`",
        broken.display()
    );
    assert!(log.contains(&expected), "expected {expected:?} in:\n{log}");
    assert!(
        !dist.path().join("index.html").exists(),
        "nothing is shipped from a failed build"
    );
}
