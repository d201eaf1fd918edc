//! A planned publication as one `.zip` ("Download site update"), for editors who cannot write
//! into the site's folder themselves: exactly the files to copy over the site, at their paths,
//! and a note (`UPDATE_NOTE`) saying which old files to delete and what changed.

use super::plan::{Publication, SiteUpdate};
use crate::content::Date;
use std::fmt::Write as _;
use std::io::Write as _;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime};

/// The note inside every site update. The site's file listing ignores it, so copying it over
/// the site with the other files changes nothing.
pub const UPDATE_NOTE: &str = "CUECARD-UPDATE.txt";

/// A zip entry's time from Unix seconds (UTC; zip times have no zone and 2-second steps).
/// Outside what zip can say (before 1980), the format's first day.
fn zip_time(unix_secs: i64) -> DateTime {
    let (days, secs) = (unix_secs.div_euclid(86_400), unix_secs.rem_euclid(86_400));
    let d = Date::from_days(days);
    let (h, m, s) = (secs / 3_600, secs / 60 % 60, secs % 60 / 2 * 2);
    u16::try_from(d.year)
        .ok()
        .and_then(|y| {
            DateTime::from_date_and_time(y, d.month, d.day, h as u8, m as u8, s as u8).ok()
        })
        .unwrap_or_default()
}

/// The note's text: what changed, what to copy, what to delete, in plain words.
fn note(update: &SiteUpdate) -> String {
    let p: &Publication = &update.publication;
    let mut t = String::from("Cuecard site update\n===================\n\n");
    if p.is_noop() {
        let _ = writeln!(
            t,
            "The content is unchanged ({} procedures): there is nothing to copy or delete.",
            p.count
        );
        return t;
    }
    let _ = writeln!(
        t,
        "{} procedures, in {}.",
        p.count,
        p.new_indexes.join(", ")
    );
    for (what, ids) in [
        ("Added", &p.added),
        ("Changed", &p.changed),
        ("Removed", &p.removed),
    ] {
        if !ids.is_empty() {
            let _ = writeln!(t, "{what} ({}): {}", ids.len(), ids.join(", "));
        }
    }
    let _ = writeln!(
        t,
        "Site version {} -> {}: open desks are offered the update.\n",
        p.old_version.as_deref().unwrap_or("?"),
        p.new_version
    );
    let _ = writeln!(
        t,
        "1. Copy every other file of this archive into the site's folder (the folder with\n   \
         index.html), replacing the files of the same name. Copying one by one, keep this\n   \
         order (sw.js last):"
    );
    for w in &update.writes {
        let _ = writeln!(t, "     {}", w.path);
    }
    if update.deletes.is_empty() {
        let _ = writeln!(t, "2. Nothing to delete.");
    } else {
        let _ = writeln!(t, "2. Then delete these old files from the site's folder:");
        for d in &update.deletes {
            let _ = writeln!(t, "     {d}");
        }
    }
    let _ = writeln!(
        t,
        "\nThis update was made for the site at version {}. If the site has changed since\n\
         (another publication), make a new update instead of applying this one.\n\
         {UPDATE_NOTE} itself is not part of the site.",
        p.old_version.as_deref().unwrap_or("?")
    );
    t
}

impl SiteUpdate {
    /// The update as a `.zip`: the note first, then every file to write, in the order they are
    /// moved in, each dated `unix_secs` (the page passes `Date.now()`, `kb` the clock: a host
    /// whose ETags are made of time and size must not take a new file for the old one).
    pub fn to_zip(&self, unix_secs: i64) -> Vec<u8> {
        let note = note(self);
        let mut entries: Vec<(&str, &[u8])> = vec![(UPDATE_NOTE, note.as_bytes())];
        entries.extend(
            self.writes
                .iter()
                .map(|w| (w.path.as_str(), w.bytes.as_slice())),
        );
        zip_files(&entries, unix_secs)
    }
}

/// Files as one `.zip` at their relative paths, each dated `unix_secs`: the site update, and the
/// studio's download of several changed cards. Already compressed copies are stored, the rest
/// deflated.
pub fn zip_files(entries: &[(&str, &[u8])], unix_secs: i64) -> Vec<u8> {
    let base = SimpleFileOptions::default()
        .last_modified_time(zip_time(unix_secs))
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Writing into memory fails only past zip's limits (4 GiB without zip64): not a site.
    for (path, bytes) in entries {
        let stored = path.ends_with(".gz") || path.ends_with(".br");
        let method = if stored {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        zip.start_file(*path, base.compression_method(method))
            .expect("in-memory zip");
        zip.write_all(bytes).expect("in-memory zip");
    }
    zip.finish().expect("in-memory zip").into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_times_are_the_utc_date_in_two_second_steps() {
        let t = zip_time(1_764_590_461); // 2025-12-01 12:01:01 UTC
        assert_eq!(
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            (2025, 12, 1, 12, 1, 0)
        );
        let leap = zip_time(951_782_400); // 2000-02-29 00:00:00
        assert_eq!((leap.year(), leap.month(), leap.day()), (2000, 2, 29));
        assert_eq!(zip_time(0), DateTime::default(), "before zip's first day");
    }
}
