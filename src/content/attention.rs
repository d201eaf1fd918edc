//! What needs an editor's attention today: cards expired, ending soon, not yet in force, due for
//! review, drafts and cards with problems. `kb check` warns and counts with it; the studio lists
//! it. Today is given (the caller's clock and zone), so the rules are tested at their edges.

use super::error::ContentError;
use super::folder::Checked;
use super::validity::{Date, Standing, Zone};
use std::path::PathBuf;

/// A card ending within this many days is listed (the desk tells operators within 7).
pub const ENDING_WITHIN_DAYS: i64 = 14;

/// Why a card is listed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Reason {
    /// Its last day was that day.
    Expired(Date),
    /// Its last day is that day, within `ENDING_WITHIN_DAYS`.
    EndingSoon(Date),
    /// It starts on that day.
    NotYet(Date),
    /// Its review was due that day; who answers for it.
    ReviewOverdue(Date, Option<String>),
    Draft,
    /// It has this many problems.
    Problems(usize),
}

/// One card that needs attention, and why (a card may be listed for several reasons).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub path: PathBuf,
    pub title: String,
    pub reason: Reason,
}

/// Every card that needs attention at `now` (Unix ms) in `zone`, in file order.
pub fn attention(checked: &Checked, now: i64, zone: &dyn Zone) -> Vec<Row> {
    let today = zone.date_of(now);
    let mut rows = Vec::new();
    for f in &checked.files {
        let title = f
            .head
            .title
            .clone()
            .unwrap_or_else(|| f.path.display().to_string());
        let mut push = |reason| {
            rows.push(Row {
                path: f.path.clone(),
                title: title.clone(),
                reason,
            })
        };
        let problems = checked.problems_in(&f.path).len();
        if problems > 0 {
            push(Reason::Problems(problems));
        }
        if f.draft {
            push(Reason::Draft);
        }
        let Some((_, p)) = checked.cards.iter().find(|(path, _)| *path == f.path) else {
            continue;
        };
        let soon = |end: Date| end.days() - today.days() < ENDING_WITHIN_DAYS;
        match p.valid.standing(now, zone) {
            Standing::Ended(d) => push(Reason::Expired(d)),
            Standing::NotYet(d) => push(Reason::NotYet(d)),
            Standing::InForce { .. } => {
                if let Some(end) = p.valid.last_day(zone).filter(|d| soon(*d)) {
                    push(Reason::EndingSoon(end));
                }
            }
        }
        if let Some(due) = p.review_by.filter(|d| *d < today) {
            push(Reason::ReviewOverdue(due, p.owner.clone()));
        }
    }
    rows
}

/// `kb check`'s and the studio's warnings for today: an expired card at its `valid_until`, an
/// overdue review at its `review_by` naming the owner. Warnings never stop a publication.
pub fn date_warnings(
    checked: &Checked,
    rows: &[Row],
    now: i64,
    zone: &dyn Zone,
) -> Vec<ContentError> {
    let today = zone.date_of(now);
    let line = |path: &PathBuf, pick: fn(&super::DateLines) -> usize| {
        checked
            .files
            .iter()
            .find(|f| f.path == *path)
            .map_or(1, |f| pick(&f.date_lines).max(1))
    };
    let days = |n: i64| {
        if n == 1 {
            "1 day".to_string()
        } else {
            format!("{n} days")
        }
    };
    rows.iter()
        .filter_map(|r| match &r.reason {
            Reason::Expired(d) => Some(ContentError::new(
                &r.path,
                line(&r.path, |l| l.valid_until),
                format!(
                    "expired {} ago ({d}): operators no longer see it; remove the card or extend `valid_until`",
                    days(today.days() - d.days())
                ),
            )),
            Reason::ReviewOverdue(d, owner) => Some(ContentError::new(
                &r.path,
                line(&r.path, |l| l.review_by),
                format!(
                    "review overdue since {d} ({}): check the card against its source, then move `review_by`",
                    owner.as_deref().map_or("no `owner` named".to_string(), |o| format!("owner: {o}"))
                ),
            )),
            _ => None,
        })
        .collect()
}

/// The folder as `kb check` and the studio judge it today: its date warnings added to
/// `checked.warnings` (in file and line order), and what needs attention returned.
pub fn judge_today(checked: &mut Checked, now: i64, zone: &dyn Zone) -> Vec<Row> {
    let rows = attention(checked, now, zone);
    let warnings = date_warnings(checked, &rows, now, zone);
    checked.warnings.extend(warnings);
    checked
        .warnings
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    rows
}

/// "Needs attention: 1 expired, 1 ending within 14 days, …" (`None` when nothing does).
pub fn summary(rows: &[Row]) -> Option<String> {
    let count = |f: fn(&Reason) -> bool| rows.iter().filter(|r| f(&r.reason)).count();
    let parts: Vec<String> = [
        (
            count(|r| matches!(r, Reason::Expired(_))),
            "expired".to_string(),
        ),
        (
            count(|r| matches!(r, Reason::EndingSoon(_))),
            format!("ending within {ENDING_WITHIN_DAYS} days"),
        ),
        (
            count(|r| matches!(r, Reason::NotYet(_))),
            "not yet in force".into(),
        ),
        (
            count(|r| matches!(r, Reason::ReviewOverdue(..))),
            "review overdue".into(),
        ),
        (count(|r| matches!(r, Reason::Draft)), "draft".into()),
        (
            count(|r| matches!(r, Reason::Problems(_))),
            "with problems".into(),
        ),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    (!parts.is_empty()).then(|| format!("needs attention: {}", parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::validity::{FixedOffset, Standing};
    use crate::content::{check_folder, Folder};
    use std::path::PathBuf;

    fn card(id: &str, extra: &str) -> (PathBuf, Vec<u8>) {
        let text = format!(
            "+++\nid = \"{id}\"\nlang = \"vi\"\ntitle = \"Thẻ {id}\"\ncategory = \"Khuyến mãi\"\nsituations = [\"khách hỏi {id}\"]\n{extra}\n[source]\nfile = \"s.pdf\"\nsection = \"KM\"\n+++\n\n## Steps\n\n1. Làm việc {id}.\n"
        );
        (PathBuf::from(format!("{id}.md")), text.into_bytes())
    }

    fn checked(cards: Vec<(PathBuf, Vec<u8>)>) -> Checked {
        check_folder(&Folder {
            root: PathBuf::from("content"),
            files: cards,
            unreadable: Vec::new(),
        })
    }

    /// 2026-12-07 10:00 in Vietnam.
    const NOW: i64 = 1_796_612_400_000;
    const VN: FixedOffset = FixedOffset(420);

    #[test]
    fn each_reason_is_found_at_its_edge() {
        let c = checked(vec![
            card("vi-a", "valid_until = 2026-12-04"),
            card("vi-b", "valid_until = 2026-12-20"),
            card("vi-c", "valid_until = 2026-12-21"),
            card("vi-d", "valid_from = 2026-12-08"),
            card("vi-e", "review_by = 2026-12-06\nowner = \"Tổ đào tạo\""),
            card("vi-f", "review_by = 2026-12-07\ndraft = true"),
            card("vi-g", "valid_from = 2026-12-07\nvalid_until = 2026-12-07"),
        ]);
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_eq!(VN.date_of(NOW), Date::parse("2026-12-07").unwrap());
        let rows = attention(&c, NOW, &VN);
        let reasons: Vec<(String, Reason)> = rows
            .iter()
            .map(|r| (r.path.display().to_string(), r.reason.clone()))
            .collect();
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(
            reasons,
            vec![
                ("content/vi-a.md".into(), Reason::Expired(d("2026-12-04"))),
                (
                    "content/vi-b.md".into(),
                    Reason::EndingSoon(d("2026-12-20"))
                ),
                ("content/vi-d.md".into(), Reason::NotYet(d("2026-12-08"))),
                (
                    "content/vi-e.md".into(),
                    Reason::ReviewOverdue(d("2026-12-06"), Some("Tổ đào tạo".into()))
                ),
                ("content/vi-f.md".into(), Reason::Draft),
                (
                    "content/vi-g.md".into(),
                    Reason::EndingSoon(d("2026-12-07"))
                ),
            ]
        );
        let warnings: Vec<String> = date_warnings(&c, &rows, NOW, &VN)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            warnings,
            vec![
                "content/vi-a.md:7: expired 3 days ago (2026-12-04): operators no longer see it; remove the card or extend `valid_until`",
                "content/vi-e.md:7: review overdue since 2026-12-06 (owner: Tổ đào tạo): check the card against its source, then move `review_by`",
            ]
        );
        assert_eq!(
            summary(&rows).as_deref(),
            Some("needs attention: 1 expired, 2 ending within 14 days, 1 not yet in force, 1 review overdue, 1 draft")
        );
    }

    #[test]
    fn the_site_s_time_zone_makes_plain_dates_days_there_on_every_desk() {
        let mut files = vec![card("vi-a", "valid_until = 2026-12-06")];
        // 2026-12-06 ends at 17:00 UTC in Vietnam: a desk judging in UTC agrees once the site
        // says so.
        let utc = FixedOffset(0);
        let after_vn_midnight = 1_796_576_400_000; // 2026-12-06T17:00:00Z
        let c = checked(files.clone());
        assert_eq!(c.cards[0].1.valid.zone, None);
        let d = Date::parse("2026-12-06").unwrap();
        assert_eq!(
            attention(&c, after_vn_midnight, &utc)[0].reason,
            Reason::EndingSoon(d)
        );
        files.push((
            PathBuf::from("settings.toml"),
            b"time_zone = \"+07:00\"\n".to_vec(),
        ));
        let c = checked(files);
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_eq!(c.cards[0].1.valid.zone, Some(420));
        assert_eq!(
            attention(&c, after_vn_midnight, &utc)[0].reason,
            Reason::Expired(d)
        );
        assert_eq!(
            c.cards[0].1.valid.standing(after_vn_midnight - 1, &utc),
            Standing::InForce { ends: Some(d) }
        );
    }

    #[test]
    fn reversed_and_malformed_dates_are_errors_at_their_line() {
        let c = checked(vec![
            card("vi-a", "valid_from = 2026-12-10\nvalid_until = 2026-12-01"),
            card("vi-b", "valid_from = \"next week\""),
            card("vi-c", "review_by = 2026-12-01T10:00:00+07:00"),
        ]);
        let errors: Vec<String> = c.errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].starts_with(
                "content/vi-a.md:8: `valid_until` (2026-12-01) is before `valid_from` (2026-12-10)"
            ),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("content/vi-b.md:7: valid_from: `next week` is not a date"),
            "{errors:?}"
        );
        assert!(
            errors[2].starts_with("content/vi-c.md:7: `review_by` is a day"),
            "{errors:?}"
        );
        assert!(summary(&[]).is_none());
    }
}
