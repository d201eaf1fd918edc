//! The size report `kb site` prints on every build, and the first-load budget it enforces.

use super::names::is_index_blob;
use super::studio::is_studio_file;
use super::SiteError;

/// What the page may cost before its first answer, gzip: the build fails above it, so that a
/// dependency bump cannot quietly bring back hundreds of KB (once, 268 KB of regex tables).
/// Measured: see README "Performance"; raise it only with a reason in the commit.
pub const FIRST_LOAD_BUDGET_GZIP: u64 = 450 * 1024;
/// The same for a desk whose UI language has no procedures (English): it fetches every
/// language's index before its first answer (`Report::first_load_every_language`).
pub const EVERY_LANGUAGE_BUDGET_GZIP: u64 = 480 * 1024;
/// The studio's own first load (`Report::studio_first_load`): an office PC opens it once per
/// session, so it may cost more than a desk's, but not grow unnoticed either.
pub const STUDIO_BUDGET_GZIP: u64 = 1536 * 1024;

/// The limits a release build is held to, in gzip bytes.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub first_load: u64,
    pub every_language: u64,
    pub studio: u64,
}

/// The release build's budget.
pub const BUDGET: Budget = Budget {
    first_load: FIRST_LOAD_BUDGET_GZIP,
    every_language: EVERY_LANGUAGE_BUDGET_GZIP,
    studio: STUDIO_BUDGET_GZIP,
};

/// One shipped file and its sizes, for the build's size report.
#[derive(Debug, Clone)]
pub struct FileSize {
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

#[derive(Debug, Clone)]
pub struct Report {
    /// Identifies this build's cache in the browser (a hash of every file's name and content).
    pub version: String,
    pub files: Vec<FileSize>,
}

impl Report {
    /// Bytes fetched before the first answered query of a desk that searches one language: the
    /// app and the largest language's index (the worker, manifest and icons come after the app
    /// runs, or never; the other languages after the first answer, or never).
    pub fn first_load(&self) -> FileSize {
        let mut sum = FileSize {
            path: "first load".into(),
            raw: 0,
            gzip: 0,
            brotli: 0,
        };
        for f in self.files.iter().filter(|f| self.on_first_load(&f.path)) {
            sum.raw += f.raw;
            sum.gzip += f.gzip;
            sum.brotli += f.brotli;
        }
        sum
    }

    /// The first load of a desk that fetches every language before its first answer (an
    /// English desk: no content language of its own).
    pub fn first_load_every_language(&self) -> FileSize {
        let mut sum = self.first_load();
        sum.path = "first load, every language".into();
        for f in self.files.iter().filter(|f| is_index_blob(&f.path)) {
            if !self.on_first_load(&f.path) {
                sum.raw += f.raw;
                sum.gzip += f.gzip;
                sum.brotli += f.brotli;
            }
        }
        sum
    }

    fn on_first_load(&self, path: &str) -> bool {
        if is_index_blob(path) {
            let largest = self
                .files
                .iter()
                .filter(|f| is_index_blob(&f.path))
                .max_by_key(|f| (f.gzip, std::cmp::Reverse(f.path.as_str())));
            return largest.is_some_and(|f| f.path == path);
        }
        !(path == "sw.js"
            || is_studio_file(path)
            || path.ends_with(".webmanifest")
            || path.ends_with(".png")
            || path.ends_with(".svg"))
    }
}

/// Whether the studio fetches `path` before it is ready: its own files, and the boot script and
/// stylesheet it shares with the desk.
fn on_studio_load(path: &str) -> bool {
    is_studio_file(path)
        || path.starts_with("boot-")
        || (path.starts_with("main-") && path.ends_with(".css"))
}

impl Report {
    /// Bytes the studio fetches before it is ready (its page, glue, wasm and stylesheets, the
    /// boot script): its own bundle, reported beside the desk's first load.
    pub fn studio_first_load(&self) -> FileSize {
        let mut sum = FileSize {
            path: "studio first load".into(),
            raw: 0,
            gzip: 0,
            brotli: 0,
        };
        for f in self.files.iter().filter(|f| on_studio_load(&f.path)) {
            sum.raw += f.raw;
            sum.gzip += f.gzip;
            sum.brotli += f.brotli;
        }
        sum
    }

    /// Fails when the first load is over the budget, or the first load of a desk that fetches
    /// every language over its own, or the studio's over its own, naming the largest files.
    pub fn check_budget(&self, limits: Budget) -> Result<(), SiteError> {
        let one = self.first_load();
        let every = self.first_load_every_language();
        let studio = self.studio_first_load();
        type Counted<'a> = Box<dyn Fn(&str) -> bool + 'a>;
        let (total, budget, counted): (_, _, Counted) = if one.gzip > limits.first_load {
            (one, limits.first_load, Box::new(|p| self.on_first_load(p)))
        } else if every.gzip > limits.every_language {
            let f = |p: &str| self.on_first_load(p) || is_index_blob(p);
            (every, limits.every_language, Box::new(f))
        } else if studio.gzip > limits.studio {
            (studio, limits.studio, Box::new(on_studio_load))
        } else {
            return Ok(());
        };
        let mut files: Vec<&FileSize> = self.files.iter().filter(|f| counted(&f.path)).collect();
        files.sort_by_key(|f| std::cmp::Reverse(f.gzip));
        let largest = files
            .iter()
            .take(3)
            .map(|f| format!("{} {} B", f.path, f.gzip))
            .collect::<Vec<_>>()
            .join(", ");
        Err(SiteError::OverBudget {
            load: total.path,
            actual: total.gzip,
            budget,
            largest,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_load_over_budget_fails_the_build_naming_the_largest_files() {
        let report = Report {
            version: "v".into(),
            files: vec![
                FileSize {
                    path: "app.wasm".into(),
                    raw: 9,
                    gzip: 900,
                    brotli: 800,
                },
                FileSize {
                    path: "index-vi-x.bin".into(),
                    raw: 9,
                    gzip: 200,
                    brotli: 150,
                },
                FileSize {
                    path: "index-zh-x.bin".into(),
                    raw: 9,
                    gzip: 150,
                    brotli: 100,
                },
                FileSize {
                    path: "icon-512.png".into(),
                    raw: 9,
                    gzip: 5_000,
                    brotli: 5_000,
                },
            ],
        };
        assert!(
            report
                .check_budget(Budget {
                    first_load: 1_100,
                    every_language: 1_250,
                    studio: 0,
                })
                .is_ok(),
            "icons and the smaller language's index are not in the first load"
        );
        let err = report
            .check_budget(Budget {
                first_load: 1_000,
                every_language: 1_250,
                studio: 0,
            })
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "the first load is 1100 bytes gzip, over the budget of 1000 (FIRST_LOAD_BUDGET_GZIP, \
             EVERY_LANGUAGE_BUDGET_GZIP and STUDIO_BUDGET_GZIP in src/site/report.rs; the shipped \
             build is scripts/build.sh, with the page's size settings); largest files: app.wasm \
             900 B, index-vi-x.bin 200 B"
        );
        // An English desk fetches the other language too.
        let err = report
            .check_budget(Budget {
                first_load: 1_100,
                every_language: 1_200,
                studio: 0,
            })
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "the first load, every language is 1250 bytes gzip, over the budget of 1200 \
             (FIRST_LOAD_BUDGET_GZIP, EVERY_LANGUAGE_BUDGET_GZIP and STUDIO_BUDGET_GZIP in \
             src/site/report.rs; the shipped build is scripts/build.sh, with the page's size \
             settings); largest files: app.wasm 900 B, index-vi-x.bin 200 B, index-zh-x.bin 150 B"
        );
    }

    #[test]
    fn a_studio_over_its_budget_fails_the_build_and_the_desk_pays_nothing_for_it() {
        let file = |path: &str, gzip| FileSize {
            path: path.into(),
            raw: 9,
            gzip,
            brotli: gzip,
        };
        let report = Report {
            version: "v".into(),
            files: vec![
                file("app.wasm", 900),
                file("boot-1.js", 10),
                file("studio.html", 5),
                file("studio/studio-1_bg.wasm", 2_000),
            ],
        };
        let budget = |studio| Budget {
            first_load: 1_000,
            every_language: 1_000,
            studio,
        };
        assert_eq!(report.first_load().gzip, 910);
        assert_eq!(report.studio_first_load().gzip, 2_015);
        assert!(report.check_budget(budget(2_015)).is_ok());
        let err = report.check_budget(budget(2_000)).unwrap_err().to_string();
        assert_eq!(
            err,
            "the studio first load is 2015 bytes gzip, over the budget of 2000 \
             (FIRST_LOAD_BUDGET_GZIP, EVERY_LANGUAGE_BUDGET_GZIP and STUDIO_BUDGET_GZIP in \
             src/site/report.rs; the shipped build is scripts/build.sh, with the page's size \
             settings); largest files: studio/studio-1_bg.wasm 2000 B, boot-1.js 10 B, \
             studio.html 5 B"
        );
    }
}
