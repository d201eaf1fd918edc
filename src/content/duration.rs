//! Durations as content editors write them ("30s", "1 min", "2h", "7d").
//! Kept strict and ASCII so a typo is an error at build time, not a wrong timer at the desk.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
#[error("bad duration {0:?}: expected a number and a unit (s, min, h, d), e.g. \"30s\", \"5min\", \"1h\", \"3d\"")]
pub struct DurationError(pub String);

/// Parses a duration into seconds.
pub fn parse_duration(text: &str) -> Result<u64, DurationError> {
    let err = || DurationError(text.to_string());
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num.parse().map_err(|_| err())?;
    let mult = match unit.trim() {
        "s" | "sec" | "secs" | "second" | "seconds" => 1,
        "m" | "min" | "mins" | "minute" | "minutes" => 60,
        "h" | "hour" | "hours" => 3600,
        "d" | "day" | "days" => 86_400,
        _ => return Err(err()),
    };
    n.checked_mul(mult).ok_or_else(err)
}

/// The shortest editor-style spelling of a duration ("90s", "1h", "3d").
pub fn format_duration(secs: u64) -> String {
    match secs {
        s if s > 0 && s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s > 0 && s % 3600 == 0 => format!("{}h", s / 3600),
        s if s > 0 && s % 60 == 0 => format!("{}min", s / 60),
        s => format!("{s}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_spellings() {
        assert_eq!(parse_duration("30s"), Ok(30));
        assert_eq!(parse_duration("60 s"), Ok(60));
        assert_eq!(parse_duration("1 min"), Ok(60));
        assert_eq!(parse_duration("1h"), Ok(3600));
        assert_eq!(parse_duration("2 hours"), Ok(7200));
        assert_eq!(parse_duration("7d"), Ok(604_800));
    }

    #[test]
    fn rejects_words_and_missing_units() {
        for bad in ["một giờ", "60", "h", "", "1.5h", "-1h", "1 week"] {
            assert!(parse_duration(bad).is_err(), "{bad:?} should fail");
        }
        let msg = parse_duration("một giờ").unwrap_err().to_string();
        assert!(msg.starts_with("bad duration \"một giờ\""), "{msg}");
    }

    #[test]
    fn formats_back() {
        for s in ["30s", "1min", "1h", "2h", "3d", "90s"] {
            assert_eq!(format_duration(parse_duration(s).unwrap()), s);
        }
    }
}
