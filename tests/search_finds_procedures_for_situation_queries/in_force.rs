//! Cards with dates on the real index: at the desk's moment, a card not in force is never
//! offered (results, related) and the search names it; a card in its last week carries its day.

use super::root;
use cuecard::content::validity::FixedOffset;
use cuecard::content::{load_dir, load_synonyms, Date, Moment, Standing};
use cuecard::search::{At, Engine};

const VN: FixedOffset = FixedOffset(420);
/// 2026-12-07 10:00 in Vietnam.
const NOW: i64 = 1_796_612_400_000;

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// The real content with the promotion card ended, the shift-leader card scheduled and the
/// 3-golden-days card ending in three days.
fn dated_engine() -> Engine {
    let dir = root().join("content");
    let mut procs = load_dir(&dir).unwrap();
    for p in &mut procs {
        match p.id.as_str() {
            "vi-tu-van-khuyen-mai" => p.valid.until = Some(Moment::Day(day("2026-12-06"))),
            "vi-gap-truong-ca" => p.valid.from = Some(Moment::Day(day("2026-12-08"))),
            "vi-tu-van-dich-vu-va-km" => p.valid.until = Some(Moment::Day(day("2026-12-10"))),
            _ => {}
        }
    }
    let synonyms = load_synonyms(&dir).unwrap().synonyms;
    Engine::from_content(&procs, &synonyms).unwrap()
}

fn at(now: i64) -> Option<At<'static>> {
    Some(At { now, zone: &VN })
}

#[test]
fn a_card_not_in_force_is_never_offered_and_the_search_names_it() {
    let e = dated_engine();
    let ids = |q: &str, now| -> Vec<String> {
        e.try_find_at(q, None, 10, at(now))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    // Without a moment (the studio), every card is offered.
    let all = e.try_find("tư vấn khuyến mãi", None, 10).unwrap();
    assert_eq!(all.hits[0].id, "vi-tu-van-khuyen-mai");
    assert!(all.not_in_force.is_none());

    let found = e
        .try_find_at("tư vấn khuyến mãi", None, 10, at(NOW))
        .unwrap();
    assert!(
        found.hits.iter().all(|h| h.id != "vi-tu-van-khuyen-mai"),
        "{:?}",
        found.hits
    );
    let named = found.not_in_force.expect("the ended card is named");
    assert_eq!(named.id, "vi-tu-van-khuyen-mai");
    assert_eq!(named.standing, Standing::Ended(day("2026-12-06")));

    assert!(!ids("gặp trưởng ca", NOW).contains(&"vi-gap-truong-ca".to_string()));
    let scheduled = e.try_find_at("gặp trưởng ca", None, 10, at(NOW)).unwrap();
    assert_eq!(
        scheduled.not_in_force.map(|n| n.standing),
        Some(Standing::NotYet(day("2026-12-08")))
    );
    // The next midnight in Vietnam, it is offered; the desk needs no new publication.
    let midnight = 1_796_662_800_000; // 2026-12-08T00:00:00+07:00
    assert!(!ids("gặp trưởng ca", midnight - 1).contains(&"vi-gap-truong-ca".to_string()));
    assert_eq!(ids("gặp trưởng ca", midnight)[0], "vi-gap-truong-ca");
}

#[test]
fn a_card_in_its_last_week_carries_its_last_day_and_related_skips_the_ended() {
    let e = dated_engine();
    let found = e.try_find_at("3 ngày vàng", None, 10, at(NOW)).unwrap();
    let hit = found
        .hits
        .iter()
        .find(|h| h.id == "vi-tu-van-dich-vu-va-km")
        .expect("the card ending in three days is offered");
    assert_eq!(hit.ends, Some(day("2026-12-10")));
    assert!(found
        .hits
        .iter()
        .filter(|h| h.id != hit.id)
        .all(|h| h.ends.is_none()));

    let related = |now| -> Vec<String> {
        e.related("vi-tu-van-dich-vu-va-km", 4, at(now))
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    assert!(e
        .related("vi-tu-van-dich-vu-va-km", 4, None)
        .iter()
        .any(|h| h.id == "vi-tu-van-khuyen-mai"));
    assert!(!related(NOW).contains(&"vi-tu-van-khuyen-mai".to_string()));
}
