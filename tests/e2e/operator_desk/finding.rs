//! Finding the card during a call: search in three languages and a wrong keyboard layout, the
//! keyboard alone, Back to the results, a deep link, and a desk that downloads only its language.

use super::open;
use crate::e2e;

use e2e::{Browser, Engine};
use fantoccini::Locator;

pub(super) async fn search_finds_procedures_in_vietnamese_chinese_and_russian(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    b.search_expect("客户投诉", "投诉").await;
    b.search_expect("клиент оскорбляет оператора", "оскорбляет")
        .await;
    let input = b.wait_testid("search").await;
    input.clear().await.unwrap();
    input.send_keys("zzzz qqqq").await.unwrap();
    b.until("the no-results state", || async {
        let empty = b
            .client
            .find(Locator::Css("p.empty[role=status]"))
            .await
            .ok()?;
        (b.all_testid("result").await.is_empty() && !empty.text().await.ok()?.is_empty())
            .then_some(())
    })
    .await;
    b.close().await;
}

/// Russian typed with the keyboard on the Latin layout finds its card, and the results say what
/// was searched (#24).
pub(super) async fn a_wrong_layout_query_says_what_was_searched(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    b.search_expect("rkbtyn euhj;ftn", "угрож").await;
    b.until("the searched-as line", || async {
        let line = b
            .client
            .find(Locator::Css("[data-testid=searched-as]"))
            .await
            .ok()?;
        line.text()
            .await
            .ok()?
            .contains("клиент угрожает")
            .then_some(())
    })
    .await;
    // A query typed as meant says nothing of the kind.
    b.search_expect("клиент угрожает", "угрож").await;
    b.until("no searched-as line", || async {
        b.client
            .find(Locator::Css("[data-testid=searched-as]"))
            .await
            .is_err()
            .then_some(())
    })
    .await;
    b.close().await;
}

pub(super) async fn a_deep_link_opens_its_procedure(engine: Engine) {
    let (b, _s) = open(engine, "#/p/ru-spam").await;
    let title = b.wait_testid("procedure-title").await.text().await.unwrap();
    assert!(title.contains("спам"), "{title}");
    b.close().await;
}

/// The content languages whose index the page fetched (resource timing) or opened (its
/// `cuecard:index-open:<lang>` marks: a warm start reads the offline cache, which leaves no
/// resource entry), e.g. "ru,vi,zh".
async fn indexes_fetched(b: &Browser) -> String {
    b.eval(
        r"const fetched = performance.getEntriesByType('resource').map(e => e.name)
            .map(n => (n.match(/\/index-([a-z]+)-[0-9a-f]{16}\.bin/) || [])[1]);
          const opened = performance.getEntriesByType('mark').map(m => m.name)
            .map(n => (n.match(/^cuecard:index-open:([a-z]+)$/) || [])[1]);
          return fetched.concat(opened).filter(Boolean)
            .filter((l, i, all) => all.indexOf(l) === i).sort().join(',')",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

pub(super) async fn a_desk_that_searches_one_language_downloads_only_its_index(engine: Engine) {
    // A new English desk: every language at once.
    let (b, _s) = open(engine, "").await;
    b.search_expect("客户投诉", "投诉").await;
    b.until("all three indexes fetched", || async {
        (indexes_fetched(&b).await == "ru,vi,zh").then_some(())
    })
    .await;
    // The desk searches Vietnamese only; the choice is kept for its next start.
    let filter = b.wait_testid("lang-filter").await;
    filter.select_by_value("vi").await.unwrap();
    b.until("the desk's language to be stored", || async {
        let prefs = b
            .eval(&format!(
                "return localStorage.getItem({:?})",
                e2e::key("prefs")
            ))
            .await;
        prefs
            .as_str()?
            .contains(r#""index_first":"vi""#)
            .then_some(())
    })
    .await;
    b.reload().await;
    b.search_expect("khach muon gap truong ca", "Trưởng ca")
        .await;
    assert_eq!(
        indexes_fetched(&b).await,
        "vi",
        "only Vietnamese downloaded"
    );
    // Chinese is not searched: no results (not "loading"), and nothing more downloaded. (A
    // word of a synonym group, 投诉 = khiếu nại, would find the Vietnamese card: not this one.)
    let input = b.wait_testid("search").await;
    input.clear().await.unwrap();
    input.send_keys("接听电话").await.unwrap();
    b.client
        .wait()
        .for_element(Locator::Css("p.empty[role=status]"))
        .await
        .unwrap();
    assert_eq!(indexes_fetched(&b).await, "vi");
    // A link to a Russian card brings the other languages in and opens it.
    b.eval("location.hash = '#/p/ru-spam'").await;
    let title = b.wait_testid("procedure-title").await.text().await.unwrap();
    assert!(title.contains("спам"), "{title}");
    b.eval("location.hash = '#/'").await;
    // All languages again: the Chinese results come.
    let filter = b.wait_testid("lang-filter").await;
    filter.select_by_value("").await.unwrap();
    b.search_expect("客户投诉", "投诉").await;
    assert_eq!(indexes_fetched(&b).await, "ru,vi,zh");
    b.close().await;
}

pub(super) async fn the_keyboard_alone_finds_opens_and_returns(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    let search = b.wait_testid("search").await;
    b.until("the search box to have focus on load", || async {
        (b.eval("return document.activeElement && document.activeElement.dataset.testid")
            .await
            == "search")
            .then_some(())
    })
    .await;
    search.send_keys("客户投诉").await.unwrap();
    b.until("results", || async {
        (!b.result_titles().await.is_empty()).then_some(())
    })
    .await;
    search.send_keys("\u{E015}").await.unwrap(); // ArrowDown
    search.send_keys("\u{E007}").await.unwrap(); // Enter
    b.wait_testid("procedure").await;
    b.until("the opened procedure to take the keyboard", || async {
        (b.eval("return document.activeElement && document.activeElement.dataset.testid")
            .await
            == "procedure-title")
            .then_some(())
    })
    .await;
    // "/" from anywhere puts the keyboard in the header's search box, query kept.
    b.client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("/")
        .await
        .unwrap();
    let search = b.wait_testid("search").await;
    b.until("the query to be kept", || async {
        (search.prop("value").await.ok()??.as_str() == "客户投诉").then_some(())
    })
    .await;
    b.wait_testid("results-overlay").await;
    search.send_keys("\u{E00C}").await.unwrap(); // Escape: back to the procedure
    b.wait_gone("the results over the procedure to close", "results-overlay")
        .await;
    b.wait_testid("procedure").await;
    // On the search page, Escape clears the query.
    b.client.back().await.unwrap();
    let search = b.wait_testid("search").await;
    search.send_keys("\u{E00C}").await.unwrap();
    b.until("the query to be cleared", || async {
        search.prop("value").await.ok()?.filter(|v| v.is_empty())
    })
    .await;
    b.close().await;
}

pub(super) async fn back_returns_to_the_results_with_the_query_intact(engine: Engine) {
    let (b, _s) = open(engine, "").await;
    b.search_expect("ребёнок на линии", "Разговор с детьми")
        .await;
    b.all_testid("result").await[0].click().await.unwrap();
    b.wait_testid("procedure").await;
    b.client.back().await.unwrap();
    let search = b.wait_testid("search").await;
    b.until("the query after Back", || async {
        (search.prop("value").await.ok()??.as_str() == "ребёнок на линии").then_some(())
    })
    .await;
    b.until("the results after Back", || async {
        (!b.result_titles().await.is_empty()).then_some(())
    })
    .await;
    b.close().await;
}
