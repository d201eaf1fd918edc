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

/// A duration as a person types it into the studio's form, in any of the content's languages:
/// "1 phút 30 giây", "90 s", "1:30" (minutes:seconds; "1:00:00" is an hour), "1 мин 30 сек",
/// "1分30秒", "2 giờ". Several number-and-unit pairs add up; a bare number is refused, since
/// nobody can tell whether it meant seconds or minutes.
#[cfg(authoring)]
pub fn parse_spoken_duration(text: &str) -> Result<u64, DurationError> {
    let err = || DurationError(text.to_string());
    let t = text.trim().to_lowercase();
    if t.contains(':') {
        let parts: Vec<&str> = t.split(':').map(str::trim).collect();
        if parts.len() > 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(err());
        }
        let mut secs: u64 = 0;
        for (i, p) in parts.iter().enumerate() {
            let n: u64 = p.parse().map_err(|_| err())?;
            if i > 0 && n >= 60 {
                return Err(err());
            }
            secs = secs
                .checked_mul(60)
                .and_then(|s| s.checked_add(n))
                .ok_or_else(err)?;
        }
        return Ok(secs);
    }
    // Runs of digits and of letters, in order: "1phút30giây" reads as 1 phút 30 giây.
    let mut tokens: Vec<String> = Vec::new();
    let mut last: Option<bool> = None;
    for c in t.chars() {
        let digit = c.is_ascii_digit();
        if !digit && !c.is_alphabetic() {
            last = None;
            continue;
        }
        if last == Some(digit) {
            tokens.last_mut().expect("a token is open").push(c);
        } else {
            tokens.push(c.to_string());
        }
        last = Some(digit);
    }
    if tokens.is_empty() || !tokens.len().is_multiple_of(2) {
        return Err(err());
    }
    let mut total: u64 = 0;
    for pair in tokens.chunks(2) {
        let n: u64 = pair[0].parse().map_err(|_| err())?;
        let unit = spoken_unit(&pair[1]).ok_or_else(err)?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(err)?;
    }
    Ok(total)
}

/// Seconds in a unit word (its usual spellings and abbreviations in the content's languages).
#[cfg(authoring)]
fn spoken_unit(word: &str) -> Option<u64> {
    const UNITS: &[(&[&str], u64)] = &[
        (
            &[
                "s",
                "sec",
                "secs",
                "second",
                "seconds",
                "giây",
                "giay",
                "с",
                "сек",
                "секунда",
                "секунды",
                "секунд",
                "秒",
                "秒钟",
            ],
            1,
        ),
        (
            &[
                "m",
                "min",
                "mins",
                "minute",
                "minutes",
                "phút",
                "phut",
                "мин",
                "минута",
                "минуты",
                "минут",
                "分",
                "分钟",
            ],
            60,
        ),
        (
            &[
                "h",
                "hr",
                "hour",
                "hours",
                "giờ",
                "gio",
                "tiếng",
                "tieng",
                "ч",
                "час",
                "часа",
                "часов",
                "小时",
                "时",
                "钟头",
            ],
            3600,
        ),
        (
            &[
                "d", "day", "days", "ngày", "ngay", "д", "дн", "день", "дня", "дней", "天", "日",
            ],
            86_400,
        ),
    ];
    UNITS
        .iter()
        .find(|(words, _)| words.contains(&word))
        .map(|(_, secs)| *secs)
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
    fn reads_durations_as_people_type_them() {
        for (typed, secs) in [
            ("1 phút 30 giây", 90),
            ("1phút30giây", 90),
            ("90 s", 90),
            ("90s", 90),
            ("1:30", 90),
            ("1:00:00", 3600),
            ("1 мин 30 сек", 90),
            ("1分30秒", 90),
            ("2 giờ", 7200),
            ("1 Phút", 60),
            ("3 ngày", 259_200),
            ("1h", 3600),
        ] {
            assert_eq!(parse_spoken_duration(typed), Ok(secs), "{typed:?}");
        }
        for bad in [
            "",
            "90",
            "1:75",
            "phút",
            "1 tuần",
            "1,5 phút",
            "1::2",
            "a:b",
        ] {
            assert!(parse_spoken_duration(bad).is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn formats_back() {
        for s in ["30s", "1min", "1h", "2h", "3d", "90s"] {
            assert_eq!(format_duration(parse_duration(s).unwrap()), s);
        }
    }
}
