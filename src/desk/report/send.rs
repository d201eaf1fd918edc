//! When the desk sends its record to the centre's collector: every few seconds while there is
//! something new, at once when the network comes back, and less and less often while the
//! collector does not take it (so that a collector that is down is not hammered by every desk).

/// How often the desk looks for something new to send (and the first wait after a failure).
pub const EVERY_MS: f64 = 10_000.0;
/// The longest wait between tries while the collector does not answer.
pub const LONGEST_WAIT_MS: f64 = 300_000.0;

/// When the next try may go.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Backoff {
    wait_ms: f64,
    next_at: f64,
}

impl Backoff {
    pub fn due(&self, now: f64) -> bool {
        now >= self.next_at
    }

    /// The collector did not take a batch: wait twice as long as last time (`EVERY_MS` first, at
    /// most `LONGEST_WAIT_MS`).
    pub fn failed(&mut self, now: f64) {
        self.wait_ms = (self.wait_ms * 2.0).clamp(EVERY_MS, LONGEST_WAIT_MS);
        self.next_at = now + self.wait_ms;
    }

    /// A batch went, or the network is back: the next try may go at once.
    pub fn reset(&mut self) {
        *self = Backoff::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_doubles_the_wait_up_to_a_limit_and_a_success_ends_it() {
        let mut b = Backoff::default();
        assert!(b.due(0.0));
        let mut waits = Vec::new();
        let mut now = 0.0;
        for _ in 0..8 {
            b.failed(now);
            assert!(!b.due(now + b.wait_ms - 1.0));
            assert!(b.due(now + b.wait_ms));
            waits.push(b.wait_ms / 1000.0);
            now += b.wait_ms;
        }
        assert_eq!(waits, [10.0, 20.0, 40.0, 80.0, 160.0, 300.0, 300.0, 300.0]);
        b.reset();
        assert!(b.due(now));
        b.failed(now);
        assert_eq!(b.wait_ms, EVERY_MS);
    }
}
