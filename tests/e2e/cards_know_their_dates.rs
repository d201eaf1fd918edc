//! Cards with dates on a real desk: a site published with one card that ended yesterday, one
//! that starts tomorrow and one that ends in three days (dates computed as the test runs, in
//! this machine's zone, which the browsers share). The first two are never offered and their
//! links say why; the third carries its last day; when the browser's clock moves past a
//! `valid_from`, the card is offered without a reload.

use crate::e2e::{build_with_script_before_boot, Browser, Engine};
use cuecard::content::clock::{now_ms, LocalZone};
use cuecard::content::validity::Zone;
use cuecard::content::{load_dir, load_synonyms, Date, Moment};
use std::path::Path;

const ENDED: &str = "vi-tu-van-khuyen-mai";
const STARTS: &str = "vi-gap-truong-ca";
const ENDING: &str = "vi-tu-van-dich-vu-va-km";

/// The browser's clock, movable by the test: `Date.now` in the page, shifted by the
/// milliseconds the test writes on the root element (a script run before boot.js, as a test
/// harness fakes a clock: WebDriver scripts may run in a sandbox whose globals the page does
/// not see, while the DOM is shared).
const CLOCK: &str = "const realNow = Date.now.bind(Date);
Date.now = () => realNow() + Number(document.documentElement.dataset.clockShift || 0);
";

/// A copy of the release build with the real content published into it, three cards dated.
fn dated_site() -> tempfile::TempDir {
    let site = build_with_script_before_boot(CLOCK);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let today = LocalZone::system().date_of(now_ms());
    let day = |n: i64| Moment::Day(Date::from_days(today.days() + n));
    let mut procs = load_dir(&dir).unwrap();
    for p in &mut procs {
        match p.id.as_str() {
            ENDED => p.valid.until = Some(day(-1)),
            STARTS => p.valid.from = Some(day(1)),
            ENDING => p.valid.until = Some(day(3)),
            _ => {}
        }
    }
    let synonyms = load_synonyms(&dir).unwrap().synonyms;
    cuecard::site::publish(&procs, &synonyms, site.path()).unwrap();
    site
}

/// Searches `query` and waits until the desk has answered it (a result or the quiet line).
async fn search(b: &Browser, query: &str) -> Vec<String> {
    let input = b.wait_testid("search").await;
    input.clear().await.unwrap();
    input.send_keys(query).await.unwrap();
    b.until(&format!("an answer to {query:?}"), || async {
        let v = b
            .eval(
                "return Array.from(document.querySelectorAll('[data-testid=result]'))
                   .map(a => a.getAttribute('href').replace('#/p/', ''))",
            )
            .await;
        let ids: Vec<String> = serde_json::from_value(v).ok()?;
        (!ids.is_empty()).then_some(ids)
    })
    .await
}

async fn not_in_force_line(b: &Browser) -> String {
    b.wait_testid("search-not-in-force")
        .await
        .text()
        .await
        .unwrap()
}

async fn cards_not_in_force_are_never_offered_and_say_why(engine: Engine) {
    let site = dated_site();
    let (b, _s) = Browser::open_site(engine, site.path().to_path_buf(), "").await;

    let ids = search(&b, "tư vấn khuyến mãi").await;
    assert!(!ids.iter().any(|i| i == ENDED), "{ids:?}");
    let line = not_in_force_line(&b).await;
    assert!(
        line.contains("Tư vấn chương trình khuyến mãi") && line.contains("ended"),
        "{line}"
    );

    let ids = search(&b, "gặp trưởng ca").await;
    assert!(!ids.iter().any(|i| i == STARTS), "{ids:?}");
    assert!(not_in_force_line(&b).await.contains("starts"));

    // The card in its last week is offered with its last day.
    let ids = search(&b, "3 ngày vàng").await;
    let at = ids
        .iter()
        .position(|i| i == ENDING)
        .expect("the card ending soon is offered");
    let until = b.all_testid("result-until").await;
    assert_eq!(until.len(), 1, "only the card ending soon carries its day");
    let row = b.all_testid("result").await.remove(at);
    assert!(row.text().await.unwrap().contains("until"));

    // A link or a bookmark to a card that ended says so.
    b.eval(&format!("location.hash = '#/p/{ENDED}'; return true"))
        .await;
    let notice = b
        .wait_testid("procedure-not-in-force")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        notice.contains("not in force") && notice.contains("ended"),
        "{notice}"
    );
    assert!(
        b.all_testid("step").await.is_empty(),
        "its steps are not shown"
    );
    b.eval(&format!("location.hash = '#/p/{ENDING}'; return true"))
        .await;
    b.wait_testid("procedure-until").await;

    // The desk's clock passes midnight (the browser's clock, moved by the test): the scheduled
    // card is offered at the next search, without a reload or a new publication.
    b.eval(
        "document.documentElement.dataset.clockShift = String(86400000);
         location.hash = '#/'; return true",
    )
    .await;
    b.until("the scheduled card offered", || async {
        search(&b, "gặp trưởng ca")
            .await
            .iter()
            .any(|i| i == STARTS)
            .then_some(())
    })
    .await;
    b.close().await;
}

in_every_engine!(cards_not_in_force_are_never_offered_and_say_why);
