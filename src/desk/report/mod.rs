//! The desk's content loop: what it keeps of searches that failed and of flags raised on cards,
//! scrubbed of the call's names and numbers, for editors to import (`kb gaps`, the studio).
//! Plain data and pure functions, like the rest of `desk`: times are passed in.

pub mod episode;
pub mod flag;
pub mod format;
pub mod gaps;
pub mod log;
pub mod scrub;
pub mod send;

pub use episode::{Ended, Episode, Episodes, Outcome};
pub use flag::{Flag, FlagKind};
pub use format::{parse_reports, Report, ReportError};
pub use gaps::{flags_by_card, gaps, CardFlags, Gap};
pub use log::{Log, Outbox};
pub use scrub::scrub;
pub use send::Backoff;
