//! Which tests can run here, for the tests that need more than `cargo test` has: the release
//! build in `dist/` (`trunk build --release`), a browser and its WebDriver, trunk itself.
//!
//! Without them a test says it was skipped, and why, and returns; cargo has no "skipped" state,
//! so the line goes straight to stderr (past libtest's capture: it shows in a plain
//! `cargo test`) and the test counts as passed. The end-to-end harness says each reason once
//! and counts the skips in a summary line per test crate. Two variables change that:
//!
//! - `CUECARD_REQUIRE_BROWSERS=1` (exported by `scripts/test.sh`'s browser stage and by CI's
//!   `.ci/run`): whatever is missing is a failure, so CI never skips silently.
//! - `CUECARD_FAST=1` (the fast lane, `scripts/test.sh fast`): these tests are skipped even when
//!   everything is there; the browser stage runs them.
//!
//! An engine left out of `CUECARD_BROWSERS` is skipped (with a line), never counted as run.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

/// Something a test needs beyond `cargo test`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Need {
    /// The release build (`dist/`, or `CUECARD_DIST`).
    Dist,
    /// A WebDriver (`$var`, else `default` on PATH), the browser it starts when the harness
    /// names one (`$var`, else a path) and, for `display`, an X or Wayland display.
    Driver {
        engine: &'static str,
        var: &'static str,
        default: &'static str,
        browser: Option<(&'static str, &'static str)>,
        display: bool,
    },
    /// An engine the run may leave out with `CUECARD_BROWSERS` (`chromium`, `firefox`, `webkit`).
    Enabled(&'static str),
    /// axe-core in `tests/e2e/node_modules` (`npm ci` there; scripts/setup.sh does it).
    Axe,
    /// `trunk` on PATH.
    Trunk,
}

pub fn required() -> bool {
    std::env::var("CUECARD_REQUIRE_BROWSERS").is_ok_and(|v| v == "1")
}

pub fn fast_lane() -> bool {
    std::env::var("CUECARD_FAST").is_ok_and(|v| v == "1")
}

/// The release build's folder (it may not exist).
pub fn dist_dir() -> PathBuf {
    std::env::var_os("CUECARD_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

fn on_path(program: &str) -> bool {
    let p = Path::new(program);
    if p.components().count() > 1 {
        return p.is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// `CUECARD_BROWSERS=chromium,firefox` limits a run to some engines; unset, all run.
pub fn engine_enabled(name: &str) -> bool {
    std::env::var("CUECARD_BROWSERS")
        .map(|v| v.split(',').any(|e| e.trim() == name))
        .unwrap_or(true)
}

/// Why `need` is not met here, if it is not.
fn missing(need: Need) -> Option<String> {
    match need {
        Need::Dist => {
            let d = dist_dir();
            (!d.join("index.html").exists()).then(|| {
                format!(
                    "no release build at {} (run `bash scripts/build.sh`; scripts/test.sh does)",
                    d.display()
                )
            })
        }
        Need::Driver {
            engine,
            var,
            default,
            browser,
            display,
        } => {
            let program = std::env::var(var).unwrap_or_else(|_| default.into());
            let binary = browser
                .map(|(var, default)| (var, std::env::var(var).unwrap_or_else(|_| default.into())));
            if !on_path(&program) {
                Some(format!(
                    "no {engine} WebDriver: `{program}` not found (set {var}, or run scripts/test.sh)"
                ))
            } else if let Some((var, binary)) = binary.filter(|(_, b)| !on_path(b)) {
                Some(format!(
                    "no {engine}: `{binary}` not found (set {var}, or run scripts/test.sh)"
                ))
            } else if display
                && std::env::var_os("DISPLAY").is_none()
                && std::env::var_os("WAYLAND_DISPLAY").is_none()
            {
                Some(format!("no display for {engine} (run under `xvfb-run`)"))
            } else {
                None
            }
        }
        Need::Enabled(name) => {
            (!engine_enabled(name)).then(|| format!("{name} is not in CUECARD_BROWSERS"))
        }
        Need::Axe => {
            let p = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/e2e/node_modules/axe-core/axe.min.js");
            (!p.exists()).then(|| "no axe-core in tests/e2e/node_modules (`npm ci` there)".into())
        }
        Need::Trunk => {
            (!on_path("trunk")).then(|| "no `trunk` on PATH (scripts/setup.sh installs it)".into())
        }
    }
}

/// Prints a line to the test process's stderr, past libtest's output capture. It starts on a
/// line of its own: libtest may be halfway through a `test name ... ok` line of another thread.
pub fn say(line: &str) {
    let _ = std::io::stderr().write_all(format!("\n{line}\n").as_bytes());
}

/// Whether a test runs here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Run,
    /// Skipped, and why.
    Skip(String),
    /// Something it needs is missing and `CUECARD_REQUIRE_BROWSERS=1`: a failure, and why.
    Fail(String),
}

/// Whether `test` can run here: an engine left out with `CUECARD_BROWSERS` is an explicit
/// choice (still a skip); anything else missing fails with `CUECARD_REQUIRE_BROWSERS=1`.
pub fn verdict(test: &str, needs: &[Need]) -> Verdict {
    if fast_lane() {
        return Verdict::Skip("fast lane (CUECARD_FAST=1): the browser stage runs it".into());
    }
    for &need in needs {
        if let Some(why) = missing(need) {
            if required() && !matches!(need, Need::Enabled(_)) {
                return Verdict::Fail(format!(
                    "{test}: {why}; CUECARD_REQUIRE_BROWSERS=1 makes this a failure"
                ));
            }
            return Verdict::Skip(why);
        }
    }
    Verdict::Run
}

/// Why `test` cannot run here (`None`: it can), or a panic with the reason when
/// `CUECARD_REQUIRE_BROWSERS=1` (see `verdict`). Prints nothing; `can_run` does.
pub fn why_not(test: &str, needs: &[Need]) -> Option<String> {
    match verdict(test, needs) {
        Verdict::Run => None,
        Verdict::Skip(why) => Some(why),
        Verdict::Fail(why) => panic!("{why}"),
    }
}

/// Whether `test` can run here; when it cannot, prints `skipped: TEST: why` (see `why_not`).
pub fn can_run(test: &str, needs: &[Need]) -> bool {
    match why_not(test, needs) {
        None => true,
        Some(why) => {
            say(&format!("skipped: {test}: {why}"));
            false
        }
    }
}
