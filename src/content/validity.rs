//! When a card is in force: `valid_from` / `valid_until` as data, judged on the desk's own clock
//! and time zone at every search, so an offline desk drops an expired promotion at midnight and
//! shows a scheduled one the minute it starts, without a new publication.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day (proleptic Gregorian), as an editor writes it: `2026-12-31`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const DAY_MS: i64 = 86_400_000;

impl Date {
    /// `None` for a day that does not exist (2026-02-30).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let d = Date { year, month, day };
        (day >= 1 && (1..=12).contains(&month) && Date::from_days(d.days()) == d).then_some(d)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    /// The day `days` after 1970-01-01 (`civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// `YYYY-MM-DD` exactly.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(
            s[..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..].parse().ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Where a day starts: the site's fixed offset, or the desk's own zone (the browser's, which
/// knows its daylight-saving days).
pub trait Zone {
    /// The first millisecond of `date` in this zone (Unix ms).
    fn day_start(&self, date: Date) -> i64;
    /// The day `ms` (Unix ms) falls on in this zone.
    fn date_of(&self, ms: i64) -> Date;
}

/// A zone at a fixed offset from UTC, in minutes (`+07:00` is 420).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedOffset(pub i32);

impl Zone for FixedOffset {
    fn day_start(&self, date: Date) -> i64 {
        date.days() * DAY_MS - i64::from(self.0) * 60_000
    }
    fn date_of(&self, ms: i64) -> Date {
        Date::from_days((ms + i64::from(self.0) * 60_000).div_euclid(DAY_MS))
    }
}

/// One end of a card's time in force, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A whole day: `valid_from` starts at its first moment, `valid_until` ends after its last,
    /// in the zone the desk judges in.
    Day(Date),
    /// An instant with the offset it was written with (`2026-12-01T08:00:00+07:00`).
    At { ms: i64, offset_mins: i16 },
}

impl Moment {
    /// A date (`2026-12-31`) or a date-time with an offset (`2026-12-31T18:00:00+07:00`,
    /// `…Z`; seconds optional). The error says what is expected.
    pub fn parse(s: &str) -> Result<Moment, String> {
        let s = s.trim();
        let bad = || {
            format!(
                "`{s}` is not a date: write it as 2026-12-31, or with a time and its offset as 2026-12-31T18:00:00+07:00"
            )
        };
        if let Some(d) = Date::parse(s) {
            return Ok(Moment::Day(d));
        }
        let (day, rest) = s.split_at_checked(10).ok_or_else(bad)?;
        let date = Date::parse(day).ok_or_else(bad)?;
        let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
        let (time, offset_mins) = if let Some(t) = rest.strip_suffix(['Z', 'z']) {
            (t, 0)
        } else {
            let at = rest.rfind(['+', '-']).ok_or_else(|| {
                format!(
                    "`{s}`: a time needs its offset from UTC, e.g. +07:00 (or write only the date)"
                )
            })?;
            let (t, off) = rest.split_at(at);
            let sign: i16 = if off.starts_with('-') { -1 } else { 1 };
            let (h, m) = off[1..].split_once(':').ok_or_else(bad)?;
            let (h, m): (i16, i16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            if h > 14 || m > 59 || off.len() != 6 {
                return Err(bad());
            }
            (t, sign * (h * 60 + m))
        };
        let mut parts = time.split(':');
        let mut next = |max: u32| -> Result<i64, String> {
            match parts.next() {
                None => Ok(0),
                Some(p) if p.len() == 2 => p
                    .parse::<u32>()
                    .ok()
                    .filter(|v| *v <= max)
                    .map(i64::from)
                    .ok_or_else(bad),
                Some(_) => Err(bad()),
            }
        };
        let (h, m, sec) = (next(23)?, next(59)?, next(59)?);
        if time.len() < 5 || parts.next().is_some() {
            return Err(bad());
        }
        let local = date.days() * DAY_MS + ((h * 60 + m) * 60 + sec) * 1000;
        Ok(Moment::At {
            ms: local - i64::from(offset_mins) * 60_000,
            offset_mins,
        })
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Moment::Day(d) => d.fmt(f),
            Moment::At { ms, offset_mins } => {
                let local = ms + i64::from(offset_mins) * 60_000;
                let date = Date::from_days(local.div_euclid(DAY_MS));
                let secs = local.rem_euclid(DAY_MS) / 1000;
                let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
                let sign = if offset_mins < 0 { '-' } else { '+' };
                let o = offset_mins.unsigned_abs();
                write!(
                    f,
                    "{date}T{h:02}:{m:02}:{s:02}{sign}{:02}:{:02}",
                    o / 60,
                    o % 60
                )
            }
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a date")))
    }
}

impl Serialize for Moment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Moment, D::Error> {
        let s = String::deserialize(d)?;
        Moment::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// How long before its end a card carries "until 31/12" on the desk.
pub const ENDING_SOON_DAYS: i64 = 7;

/// A card's time in force; `Validity::default()` is always.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Moment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Moment>,
    /// The site's zone (minutes east of UTC, `time_zone` in the content folder's `settings.toml`) that plain
    /// dates are days of; `None`: the zone the desk judges in (its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<i16>,
}

/// Where a card stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Offered. `ends` is its last day when that is within `ENDING_SOON_DAYS` (the desk says
    /// "until 31/12").
    InForce { ends: Option<Date> },
    /// Not offered yet: it starts on that day.
    NotYet(Date),
    /// Not offered any more: that was its last day.
    Ended(Date),
}

impl Standing {
    pub fn is_in_force(self) -> bool {
        matches!(self, Standing::InForce { .. })
    }
}

impl Validity {
    pub fn is_always(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// The first millisecond in force.
    pub fn start(&self, zone: &dyn Zone) -> Option<i64> {
        self.from.map(|m| match m {
            Moment::Day(d) => zone.day_start(d),
            Moment::At { ms, .. } => ms,
        })
    }

    /// The first millisecond no longer in force (a day's end is the next day's start).
    pub fn end(&self, zone: &dyn Zone) -> Option<i64> {
        self.until.map(|m| match m {
            Moment::Day(d) => zone.day_start(Date::from_days(d.days() + 1)),
            Moment::At { ms, .. } => ms,
        })
    }

    /// The last day in force, as the desk names it.
    pub fn last_day(&self, zone: &dyn Zone) -> Option<Date> {
        self.until.map(|m| match m {
            Moment::Day(d) => d,
            Moment::At { ms, .. } => zone.date_of(ms - 1),
        })
    }

    /// The first day in force.
    pub fn first_day(&self, zone: &dyn Zone) -> Option<Date> {
        self.from.map(|m| match m {
            Moment::Day(d) => d,
            Moment::At { ms, .. } => zone.date_of(ms),
        })
    }

    /// Where the card stands at `now` (Unix ms), judged in the site's zone when the content
    /// sets one, else in `zone` (the desk's).
    pub fn standing(&self, now: i64, zone: &dyn Zone) -> Standing {
        match self.zone {
            Some(mins) => self.standing_in(now, &FixedOffset(i32::from(mins))),
            None => self.standing_in(now, zone),
        }
    }

    fn standing_in(&self, now: i64, zone: &dyn Zone) -> Standing {
        if self.start(zone).is_some_and(|s| now < s) {
            return Standing::NotYet(self.first_day(zone).expect("a start has a day"));
        }
        match (self.end(zone), self.last_day(zone)) {
            (Some(end), Some(last)) if now >= end => Standing::Ended(last),
            (Some(end), Some(last)) if end - now <= ENDING_SOON_DAYS * DAY_MS => {
                Standing::InForce { ends: Some(last) }
            }
            _ => Standing::InForce { ends: None },
        }
    }

    /// `valid_until` before `valid_from` (whatever the zone, for two days; else as instants).
    pub fn is_reversed(&self) -> bool {
        let utc = FixedOffset(0);
        matches!((self.start(&utc), self.end(&utc)), (Some(s), Some(e)) if e <= s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn ms(s: &str) -> i64 {
        match Moment::parse(s).unwrap() {
            Moment::At { ms, .. } => ms,
            Moment::Day(_) => panic!("{s} is a day"),
        }
    }

    /// A zone that keeps daylight saving: +01:00, and +02:00 from 2026-03-29 01:00 UTC.
    struct Summer;
    const SWITCH: i64 = 1_774_746_000_000; // 2026-03-29T01:00:00Z
    impl Summer {
        fn offset(at_utc: i64) -> i64 {
            if at_utc >= SWITCH {
                120
            } else {
                60
            }
        }
    }
    impl Zone for Summer {
        fn day_start(&self, date: Date) -> i64 {
            let guess = date.days() * DAY_MS - 60 * 60_000;
            date.days() * DAY_MS - Summer::offset(guess) * 60_000
        }
        fn date_of(&self, at: i64) -> Date {
            Date::from_days((at + Summer::offset(at) * 60_000).div_euclid(DAY_MS))
        }
    }

    #[test]
    fn days_round_trip_and_impossible_days_are_refused() {
        for d in [-1_000_000, -1, 0, 1, 19_000, 20_819, 2_000_000] {
            assert_eq!(Date::from_days(d).days(), d);
        }
        assert_eq!(day("1970-01-01").days(), 0);
        assert_eq!(day("2000-03-01").days(), 11_017);
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2028-02-29").is_some());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("2026-1-01").is_none());
    }

    #[test]
    fn moments_parse_with_offsets_and_print_as_written() {
        assert_eq!(
            Moment::parse("2026-12-31"),
            Ok(Moment::Day(day("2026-12-31")))
        );
        for s in [
            "2026-12-01T08:00:00+07:00",
            "2026-12-01T08:00:00-03:30",
            "2026-12-01T08:00:00+00:00",
        ] {
            assert_eq!(Moment::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(ms("2026-12-01T08:00+07:00"), ms("2026-12-01T01:00:00Z"));
        assert_eq!(ms("2026-12-01T01:00:00Z"), 1_796_086_800_000);
        for bad in [
            "2026-12-01T08:00:00",
            "31/12/2026",
            "2026-12-01T25:00+07:00",
            "tomorrow",
        ] {
            assert!(Moment::parse(bad).is_err(), "{bad}");
        }
        let m: Moment = serde_json::from_str("\"2026-12-01T08:00:00+07:00\"").unwrap();
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            "\"2026-12-01T08:00:00+07:00\""
        );
    }

    #[test]
    fn a_plain_date_is_the_whole_day_in_the_zone() {
        let v = Validity {
            from: Some(Moment::Day(day("2026-12-01"))),
            until: Some(Moment::Day(day("2026-12-31"))),
            zone: None,
        };
        let vn = FixedOffset(420);
        // 2026-12-01 starts at 2026-11-30T17:00Z in Vietnam.
        let start = ms("2026-11-30T17:00:00Z");
        assert_eq!(
            v.standing(start - 1, &vn),
            Standing::NotYet(day("2026-12-01"))
        );
        assert!(v.standing(start, &vn).is_in_force());
        // In UTC the same date has not started yet at that instant.
        assert!(!v.standing(start, &FixedOffset(0)).is_in_force());
        let end = ms("2026-12-31T17:00:00Z");
        assert_eq!(
            v.standing(end - 1, &vn),
            Standing::InForce {
                ends: Some(day("2026-12-31"))
            }
        );
        assert_eq!(v.standing(end, &vn), Standing::Ended(day("2026-12-31")));
        // Ending within 7 days is told; 8 days before, it is not.
        assert_eq!(
            v.standing(end - 8 * DAY_MS, &vn),
            Standing::InForce { ends: None }
        );
        assert_eq!(
            v.standing(end - 7 * DAY_MS, &vn),
            Standing::InForce {
                ends: Some(day("2026-12-31"))
            }
        );
    }

    #[test]
    fn an_instant_ends_at_that_instant_and_names_the_desk_s_day() {
        let v = Validity {
            from: None,
            until: Some(Moment::parse("2026-12-01T00:00:00+07:00").unwrap()),
            zone: None,
        };
        let end = ms("2026-11-30T17:00:00Z");
        let vn = FixedOffset(420);
        assert!(v.standing(end - 1, &vn).is_in_force());
        // Ending at midnight: its last day is the day before.
        assert_eq!(v.standing(end, &vn), Standing::Ended(day("2026-11-30")));
        // A desk in Moscow names the day the instant falls on there.
        assert_eq!(
            v.standing(end, &FixedOffset(180)),
            Standing::Ended(day("2026-11-30"))
        );
    }

    #[test]
    fn a_daylight_saving_day_is_23_hours_long() {
        let v = Validity {
            from: Some(Moment::Day(day("2026-03-29"))),
            until: Some(Moment::Day(day("2026-03-29"))),
            zone: None,
        };
        // Starts at local midnight (+01:00), ends at the next local midnight (+02:00).
        assert_eq!(v.start(&Summer), Some(ms("2026-03-28T23:00:00Z")));
        assert_eq!(v.end(&Summer), Some(ms("2026-03-29T22:00:00Z")));
        assert!(v
            .standing(ms("2026-03-29T21:59:59Z"), &Summer)
            .is_in_force());
        assert_eq!(
            v.standing(ms("2026-03-29T22:00:00Z"), &Summer),
            Standing::Ended(day("2026-03-29"))
        );
    }

    #[test]
    fn reversed_dates_are_found_and_one_day_is_not_reversed() {
        let d = |s| Some(Moment::Day(day(s)));
        assert!(Validity {
            from: d("2026-12-02"),
            until: d("2026-12-01"),
            zone: None,
        }
        .is_reversed());
        assert!(!Validity {
            from: d("2026-12-01"),
            until: d("2026-12-01"),
            zone: None,
        }
        .is_reversed());
        assert!(!Validity {
            from: None,
            until: d("2026-12-01"),
            zone: None,
        }
        .is_reversed());
        let at = |s| Some(Moment::parse(s).unwrap());
        assert!(Validity {
            from: at("2026-12-01T10:00:00+07:00"),
            until: at("2026-12-01T09:00:00+07:00"),
            zone: None,
        }
        .is_reversed());
    }
}
