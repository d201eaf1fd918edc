//! `settings.toml` beside the cards: the content folder's own settings. Today one: `time_zone`, the zone
//! a card's plain dates (`valid_from = 2026-12-01`) are days of; without it each desk uses its
//! own.

use super::{ContentError, ContentErrors};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The file's name inside the content folder.
pub const FILE: &str = "settings.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    time_zone: Option<Spanned<String>>,
}

/// The settings read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings {
    /// Minutes east of UTC that plain dates are days in (`None`: each desk's own zone).
    pub time_zone: Option<i16>,
}

/// A UTC offset as editors write it: `+07:00`, `-03:30`, `+7`, `UTC+7`, `UTC`, `Z`.
pub fn parse_offset(text: &str) -> Option<i16> {
    let t = text.trim();
    let t = t
        .strip_prefix("UTC")
        .or_else(|| t.strip_prefix("GMT"))
        .unwrap_or(t);
    if t.is_empty() || t == "Z" {
        return Some(0);
    }
    let (sign, rest) = match t.as_bytes()[0] {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (i16, i16) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// Reads the settings file's bytes; every problem has its line.
pub fn settings_from_bytes(path: &Path, bytes: &[u8]) -> Result<Settings, ContentErrors> {
    let line_at = |text: &str, at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
    let text = std::str::from_utf8(bytes).map_err(|_| {
        ContentErrors(vec![ContentError::new(
            path,
            1,
            "not UTF-8: save the file as UTF-8",
        )])
    })?;
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_at(text, s.start));
        let msg = e.message().trim().replace('\n', " ");
        ContentErrors(vec![ContentError::new(
            path,
            line,
            format!("settings: {msg}"),
        )])
    })?;
    let time_zone = match &file.time_zone {
        None => None,
        Some(z) => Some(parse_offset(z.get_ref()).ok_or_else(|| {
            ContentErrors(vec![ContentError::new(
                path,
                line_at(text, z.span().start),
                format!(
                    "settings: time_zone `{}` is not a UTC offset: write it as \"+07:00\" (or leave it out: each desk's own zone)",
                    z.get_ref()
                ),
            )])
        })?),
    };
    Ok(Settings { time_zone })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_read_as_editors_write_them() {
        for (text, mins) in [
            ("+07:00", 420),
            ("+7", 420),
            ("UTC+7", 420),
            ("UTC+08:00", 480),
            ("-03:30", -210),
            ("UTC", 0),
            ("Z", 0),
            (" +03:00 ", 180),
        ] {
            assert_eq!(parse_offset(text), Some(mins), "{text}");
        }
        for bad in [
            "Asia/Ho_Chi_Minh",
            "+25:00",
            "+07:60",
            "7",
            "+",
            "+07:00:00",
        ] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_bad_setting_is_an_error_at_its_line() {
        let path = Path::new("content/settings.toml");
        let ok = settings_from_bytes(path, b"# the centre's zone\ntime_zone = \"+07:00\"\n");
        assert_eq!(
            ok,
            Ok(Settings {
                time_zone: Some(420)
            })
        );
        let bad = settings_from_bytes(path, b"\ntime_zone = \"Asia/Saigon\"\n").unwrap_err();
        assert!(
            bad.0[0]
                .to_string()
                .starts_with("content/settings.toml:2: settings: time_zone `Asia/Saigon`"),
            "{bad:?}"
        );
        let typo = settings_from_bytes(path, b"timezone = \"+07:00\"\n").unwrap_err();
        assert!(
            typo.0[0].to_string().contains("unknown field `timezone`"),
            "{typo:?}"
        );
    }
}
