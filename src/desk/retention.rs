//! How long the desk keeps what it stores on a shared PC: one setting, applied at load, on every
//! save and periodically in every tab. A deployment may change it in its page (a meta tag).

use super::{DAY_MS, HOUR_MS};
use crate::content::parse_duration;

/// Lifetimes in milliseconds. Pending callbacks are promises to customers and are never expired.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Retention {
    /// A callback marked done is kept this long (for "undo" and the shift's record), then
    /// deleted: its name, phone and note leave storage.
    pub done_callbacks_ms: f64,
    /// What a deletion leaves behind so other tabs do not bring the item back: only its id and
    /// time. Tombstones themselves go after this long.
    pub tombstones_ms: f64,
    /// Unreadable stored data set aside under a backup key is deleted after this long.
    pub backups_ms: f64,
    /// A call nobody touched for this long is over: its customer's name, notes and progress are
    /// cleared (the operator's own name and company stay).
    pub idle_call_ms: f64,
    /// The searches that failed and the flags raised on cards, kept for editors (already
    /// scrubbed of names and numbers); 0 turns recording off.
    pub search_log_ms: f64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            done_callbacks_ms: 7.0 * DAY_MS,
            tombstones_ms: DAY_MS,
            backups_ms: 7.0 * DAY_MS,
            idle_call_ms: 12.0 * HOUR_MS,
            search_log_ms: 30.0 * DAY_MS,
        }
    }
}

impl Retention {
    /// Reads a setting such as `done-callbacks=7d; tombstones=1d; backups=7d; idle-call=12h;
    /// search-log=30d` (`0` for none) (the page's `<meta name="cuecard-retention">`). Missing entries keep their default; an
    /// unreadable entry is reported and keeps its default too, so a typo never deletes data early.
    pub fn parse(setting: &str) -> (Retention, Vec<String>) {
        let mut r = Retention::default();
        let mut problems = Vec::new();
        for part in setting
            .split([';', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let Some((name, value)) = part.split_once('=') else {
                problems.push(format!("`{part}`: expected name=duration"));
                continue;
            };
            let ms = match parse_duration(value) {
                // Recording off; any other lifetime of 0 is refused, as a likely typo.
                _ if value.trim() == "0" && name.trim() == "search-log" => 0.0,
                Ok(secs) => secs as f64 * 1000.0,
                Err(e) => {
                    problems.push(format!("{}: {e}", name.trim()));
                    continue;
                }
            };
            match name.trim() {
                "done-callbacks" => r.done_callbacks_ms = ms,
                "tombstones" => r.tombstones_ms = ms,
                "backups" => r.backups_ms = ms,
                "idle-call" => r.idle_call_ms = ms,
                "search-log" => r.search_log_ms = ms,
                other => problems.push(format!(
                    "unknown setting `{other}`: expected done-callbacks, tombstones, backups, idle-call or search-log"
                )),
            }
        }
        (r, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let d = Retention::default();
        assert_eq!(d.done_callbacks_ms, 7.0 * DAY_MS);
        assert_eq!(d.tombstones_ms, DAY_MS);
        assert_eq!(d.backups_ms, 7.0 * DAY_MS);
        let (r, problems) = Retention::parse("done-callbacks=2d; backups = 1d");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(r.done_callbacks_ms, 2.0 * DAY_MS);
        assert_eq!(r.backups_ms, DAY_MS);
        assert_eq!(r.tombstones_ms, d.tombstones_ms);
        assert_eq!(d.search_log_ms, 30.0 * DAY_MS);
        let (r, problems) = Retention::parse("search-log=0");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(r.search_log_ms, 0.0);
        let (r, problems) = Retention::parse("idle-call=0; done-callbacks=0");
        assert_eq!(r, Retention::default(), "a bare 0 deletes nothing early");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn a_bad_entry_keeps_the_default_and_is_reported() {
        let (r, problems) = Retention::parse("done-callbacks=soon; colour=1d; x");
        assert_eq!(r, Retention::default());
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
