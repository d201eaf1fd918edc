//! UI strings in English, Vietnamese, Chinese and Russian; content stays in its own language.
//! One exhaustive match, so a missing translation is a compile-time gap, not a runtime failure.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum UiLang {
    #[default]
    En,
    Vi,
    Zh,
    Ru,
}

impl UiLang {
    pub const ALL: [UiLang; 4] = [UiLang::En, UiLang::Vi, UiLang::Zh, UiLang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            UiLang::En => "en",
            UiLang::Vi => "vi",
            UiLang::Zh => "zh",
            UiLang::Ru => "ru",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            UiLang::En => "English",
            UiLang::Vi => "Tiếng Việt",
            UiLang::Zh => "中文",
            UiLang::Ru => "Русский",
        }
    }

    /// The first supported language among the browser's preferences ("vi-VN" → vi), else English.
    pub fn from_browser<'a>(prefs: impl IntoIterator<Item = &'a str>) -> UiLang {
        prefs
            .into_iter()
            .find_map(|p| {
                let base = p
                    .split(['-', '_'])
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                UiLang::ALL.into_iter().find(|l| l.code() == base)
            })
            .unwrap_or_default()
    }

    fn col(self) -> usize {
        self as usize
    }
}

#[macro_use]
mod messages;
mod report;
// The studio's form view only: the operator page's wasm does not carry its strings.
#[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
mod form;
// The studio's Gaps panel only, as `form`.
#[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
mod gaps;
mod studio;

#[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
pub use form::FormMsg;
#[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
pub use gaps::GapsMsg;
use messages::row;
pub use messages::Msg;
pub use report::ReportMsg;
pub use studio::StudioMsg;

/// A message with its row of translations [en, vi, zh, ru]: the desk's and the studio's.
pub trait Text: Copy {
    fn row(self) -> [&'static str; 4];
}

impl Text for Msg {
    fn row(self) -> [&'static str; 4] {
        row(self)
    }
}

pub fn t(lang: UiLang, msg: impl Text) -> &'static str {
    msg.row()[lang.col()]
}

/// A message with its `{name}` placeholders filled in (`tf(lang, Msg::MinutesAhead, &[("mins",
/// "5")])`): the words around a value are the translator's, never the call site's.
pub fn tf(lang: UiLang, msg: impl Text, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(t(lang, msg).to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// The CLDR plural category of a whole number, for the four UI languages (what
/// `Intl.PluralRules` answers; the page asks this instead of building an Intl object per count).
pub fn plural_category(lang: UiLang, n: usize) -> &'static str {
    match lang {
        UiLang::En => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
        UiLang::Vi | UiLang::Zh => "other",
        UiLang::Ru => match (n % 10, n % 100) {
            (1, h) if h != 11 => "one",
            (2..=4, h) if !(12..=14).contains(&h) => "few",
            _ => "many",
        },
    }
}

/// "1 result", "2 results", "2 результата", "5 результатов", "3个结果": a count of search results,
/// worded for the plural `category` of `n` in `lang`.
pub fn results_count(lang: UiLang, n: usize, category: &str) -> String {
    let word = match (lang, category) {
        (UiLang::En, "one") => "result",
        (UiLang::En, _) => "results",
        (UiLang::Vi, _) => "kết quả",
        (UiLang::Zh, _) => "个结果",
        (UiLang::Ru, "one") => "результат",
        (UiLang::Ru, "few") => "результата",
        (UiLang::Ru, "many") => "результатов",
        // Fractions: never a count of results, but Intl may say so for "other".
        (UiLang::Ru, _) => "результата",
    };
    match lang {
        UiLang::Zh => format!("{n}{word}"),
        _ => format!("{n} {word}"),
    }
}

/// Example situations for the empty state, one per content language.
pub const EXAMPLES: [&str; 4] = [
    "khách muốn gặp trưởng ca",
    "客户投诉",
    "клиент оскорбляет оператора",
    "lãnh đạo gọi tổng đài",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}`s of a message, in order of first appearance.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for part in text.split('{').skip(1) {
            if let Some((name, _)) = part.split_once('}') {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out.sort();
        out
    }

    /// Every row, the desk's and the studio's.
    fn all_rows() -> impl Iterator<Item = (String, [&'static str; 4])> {
        let desk = Msg::ALL.iter().map(|m| (format!("{m:?}"), m.row()));
        desk.chain(StudioMsg::ALL.iter().map(|m| (format!("{m:?}"), m.row())))
            .chain(FormMsg::ALL.iter().map(|m| (format!("{m:?}"), m.row())))
            .chain(ReportMsg::ALL.iter().map(|m| (format!("{m:?}"), m.row())))
            .chain(GapsMsg::ALL.iter().map(|m| (format!("{m:?}"), m.row())))
    }

    #[test]
    fn every_translation_has_the_same_placeholders() {
        for (m, r) in all_rows() {
            let [en, rest @ ..] = r;
            for other in rest {
                assert_eq!(placeholders(en), placeholders(other), "{m}: {other}");
            }
        }
    }

    #[test]
    fn placeholders_are_filled_in_each_language() {
        let mins = |lang| tf(lang, Msg::MinutesAhead, &[("mins", "5")]);
        assert_eq!(mins(UiLang::En), "(in 5 min)");
        assert_eq!(mins(UiLang::Vi), "(còn 5 phút)");
        assert_eq!(mins(UiLang::Ru), "(через 5 мин)");
        for lang in UiLang::ALL {
            assert!(!tf(lang, Msg::ProcedureMissing, &[("id", "vi-x")]).contains('{'));
        }
    }

    #[test]
    fn no_translation_is_empty() {
        for (m, r) in all_rows() {
            assert!(r.iter().all(|s| !s.trim().is_empty()), "{m}");
        }
    }

    #[test]
    fn counts_take_each_language_s_plural_forms() {
        let count = |lang, n| results_count(lang, n, plural_category(lang, n));
        assert_eq!(count(UiLang::En, 1), "1 result");
        assert_eq!(count(UiLang::En, 0), "0 results");
        assert_eq!(count(UiLang::En, 2), "2 results");
        assert_eq!(count(UiLang::Vi, 1), "1 kết quả");
        assert_eq!(count(UiLang::Zh, 3), "3个结果");
        for (n, want) in [
            (1, "1 результат"),
            (2, "2 результата"),
            (4, "4 результата"),
            (5, "5 результатов"),
            (11, "11 результатов"),
            (12, "12 результатов"),
            (21, "21 результат"),
            (22, "22 результата"),
            (25, "25 результатов"),
            (111, "111 результатов"),
        ] {
            assert_eq!(count(UiLang::Ru, n), want);
        }
    }

    #[test]
    fn browser_language_picks_a_supported_one() {
        assert_eq!(UiLang::from_browser(["fr-FR", "vi-VN", "en"]), UiLang::Vi);
        assert_eq!(UiLang::from_browser(["zh-Hans-CN"]), UiLang::Zh);
        assert_eq!(UiLang::from_browser(["de"]), UiLang::En);
    }
}
