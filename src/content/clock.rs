//! The machine's clock and time zone, for `kb` (the desk and the studio read the browser's in
//! `app::platform::clock`): today's warnings are judged where the editor runs the check.

use super::validity::{Date, Zone};
use jiff::{civil, tz::TimeZone, Timestamp};

/// The system's time zone (`TZ`, else `/etc/localtime`; UTC when neither can be read).
pub struct LocalZone(TimeZone);

impl LocalZone {
    pub fn system() -> LocalZone {
        LocalZone(TimeZone::try_system().unwrap_or(TimeZone::UTC))
    }
}

impl Zone for LocalZone {
    fn day_start(&self, d: Date) -> i64 {
        civil::Date::new(d.year as i16, d.month as i8, d.day as i8)
            .and_then(|d| d.to_zoned(self.0.clone()))
            .map_or(0, |z| z.timestamp().as_millisecond())
    }

    fn date_of(&self, ms: i64) -> Date {
        let d = Timestamp::from_millisecond(ms)
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .to_zoned(self.0.clone())
            .date();
        Date {
            year: i32::from(d.year()),
            month: d.month() as u8,
            day: d.day() as u8,
        }
    }
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_zone_names_today_and_starts_it() {
        let z = LocalZone(TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap());
        let d = Date::parse("2026-03-29").unwrap();
        // Central Europe (written as a POSIX rule: no tz database needed): the
        // daylight-saving day starts at +01:00.
        assert_eq!(z.day_start(d), 1_774_738_800_000); // 2026-03-28T23:00:00Z
        assert_eq!(z.date_of(1_774_738_800_000), d);
        assert_eq!(
            z.date_of(1_774_738_800_000 - 1),
            Date::parse("2026-03-28").unwrap()
        );
    }
}
