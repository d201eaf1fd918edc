//! The hold timer as timestamps: what is shown is derived from the clock on every tick, so it is
//! right after a reload and in a throttled background tab.

use serde::{Deserialize, Serialize};

/// The hold limit where a procedure sets none.
pub const DEFAULT_HOLD_LIMIT_SECS: u64 = 30;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Hold {
    /// When the current hold began; `None` when the caller is not on hold.
    pub started_at_ms: Option<f64>,
    /// Time on hold in earlier, finished holds of this call.
    pub finished_ms: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldLevel {
    Idle,
    Ok,
    /// The last fifth of the limit: the operator should go back to the caller.
    Warning,
    Exceeded,
}

impl Hold {
    pub fn is_running(&self) -> bool {
        self.started_at_ms.is_some()
    }

    pub fn start(&mut self, now_ms: f64) {
        if self.started_at_ms.is_none() {
            self.started_at_ms = Some(now_ms);
        }
    }

    pub fn stop(&mut self, now_ms: f64) {
        if let Some(s) = self.started_at_ms.take() {
            self.finished_ms += (now_ms - s).max(0.0);
        }
    }

    /// Seconds of the current hold (0 when not on hold); a clock that went back counts as 0.
    pub fn current_secs(&self, now_ms: f64) -> u64 {
        self.started_at_ms
            .map(|s| ((now_ms - s).max(0.0) / 1000.0) as u64)
            .unwrap_or(0)
    }

    /// Seconds on hold in the whole call, for the summary.
    pub fn total_secs(&self, now_ms: f64) -> u64 {
        let current = self
            .started_at_ms
            .map(|s| (now_ms - s).max(0.0))
            .unwrap_or(0.0);
        ((self.finished_ms + current) / 1000.0) as u64
    }

    pub fn level(&self, now_ms: f64, limit_secs: u64) -> HoldLevel {
        if !self.is_running() {
            return HoldLevel::Idle;
        }
        let s = self.current_secs(now_ms);
        if s > limit_secs {
            HoldLevel::Exceeded
        } else if s * 5 >= limit_secs * 4 {
            HoldLevel::Warning
        } else {
            HoldLevel::Ok
        }
    }
}

/// `m:ss`, as shown on the timer.
pub fn format_mmss(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_comes_from_timestamps() {
        let mut h = Hold::default();
        assert_eq!(h.level(0.0, 30), HoldLevel::Idle);
        h.start(1_000.0);
        h.start(5_000.0); // a second start does not restart the hold
        assert_eq!(h.current_secs(24_999.0), 23);
        assert_eq!(h.level(24_999.0, 30), HoldLevel::Ok);
        assert_eq!(h.level(25_000.0, 30), HoldLevel::Warning);
        assert_eq!(h.level(31_000.0, 30), HoldLevel::Warning);
        assert_eq!(h.level(32_000.0, 30), HoldLevel::Exceeded);
        h.stop(61_000.0);
        assert_eq!(h.current_secs(100_000.0), 0);
        h.start(100_000.0);
        assert_eq!(h.total_secs(110_000.0), 70);
    }

    #[test]
    fn a_clock_going_back_never_shows_negative_time() {
        let mut h = Hold::default();
        h.start(10_000.0);
        assert_eq!(h.current_secs(5_000.0), 0);
        h.stop(5_000.0);
        assert_eq!(h.finished_ms, 0.0);
    }

    #[test]
    fn formats_minutes_and_seconds() {
        assert_eq!(format_mmss(0), "0:00");
        assert_eq!(format_mmss(65), "1:05");
        assert_eq!(format_mmss(3600), "60:00");
    }
}
