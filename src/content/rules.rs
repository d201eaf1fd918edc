//! A procedure's timer rules in words, in the procedure's own language ("Gọi lại sau 3 đến 7
//! ngày: …", "24小时内回电话：…"): shown on the card and indexed, so operators can search by them.

use super::{CallbackRule, CountFrom, Lang, Timers};

/// A duration in the largest unit that divides it, e.g. (2, Hour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
}

fn split(secs: u64) -> (u64, Unit) {
    match secs {
        s if s > 0 && s % 86_400 == 0 => (s / 86_400, Unit::Day),
        s if s > 0 && s % 3600 == 0 => (s / 3600, Unit::Hour),
        s if s > 0 && s % 60 == 0 => (s / 60, Unit::Minute),
        s => (s, Unit::Second),
    }
}

/// The unit's word after a number. Russian takes the genitive that every phrase here needs
/// ("в течение 1 часа / 2 часов", "не более 1 минуты / 30 секунд", "через 3–7 дней").
fn unit_word(unit: Unit, n: u64, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => match unit {
            Unit::Second => "giây",
            Unit::Minute => "phút",
            Unit::Hour => "giờ",
            Unit::Day => "ngày",
        },
        Lang::Zh => match unit {
            Unit::Second => "秒",
            Unit::Minute => "分钟",
            Unit::Hour => "小时",
            Unit::Day => "天",
        },
        Lang::Ru => {
            let one = n % 10 == 1 && n % 100 != 11;
            match (unit, one) {
                (Unit::Second, true) => "секунды",
                (Unit::Second, false) => "секунд",
                (Unit::Minute, true) => "минуты",
                (Unit::Minute, false) => "минут",
                (Unit::Hour, true) => "часа",
                (Unit::Hour, false) => "часов",
                (Unit::Day, true) => "дня",
                (Unit::Day, false) => "дней",
            }
        }
    }
}

fn amount(secs: u64, lang: Lang) -> String {
    let (n, unit) = split(secs);
    let word = unit_word(unit, n, lang);
    match lang {
        Lang::Zh => format!("{n}{word}"),
        Lang::Vi | Lang::Ru => format!("{n} {word}"),
    }
}

/// "3 đến 7 ngày", "3至7天", "3–7 дней" (one unit when both ends share it).
fn range(after: u64, within: u64, lang: Lang) -> String {
    let ((a, ua), (w, uw)) = (split(after), split(within));
    let (to, spaced) = match lang {
        Lang::Vi => (" đến ", true),
        Lang::Zh => ("至", false),
        Lang::Ru => ("–", true),
    };
    if ua == uw {
        let word = unit_word(uw, w, lang);
        if spaced {
            format!("{a}{to}{w} {word}")
        } else {
            format!("{a}{to}{w}{word}")
        }
    } else {
        format!("{}{to}{}", amount(after, lang), amount(within, lang))
    }
}

/// One callback rule in words, with its reason.
pub fn describe_callback(rule: &CallbackRule, lang: Lang) -> String {
    let from = match &rule.from {
        CountFrom::CallEnd => None,
        CountFrom::Entered { label } => Some(label.as_str()),
    };
    let when = match (rule.after_secs, rule.within_secs, lang) {
        (Some(a), Some(w), Lang::Vi) => format!("Gọi lại sau {}", range(a, w, lang)),
        (Some(a), Some(w), Lang::Zh) => format!("{}后回电话", range(a, w, lang)),
        (Some(a), Some(w), Lang::Ru) => format!("Перезвонить через {}", range(a, w, lang)),
        (None, Some(w), Lang::Vi) => format!("Gọi lại trong vòng {}", amount(w, lang)),
        (None, Some(w), Lang::Zh) => format!("{}内回电话", amount(w, lang)),
        (None, Some(w), Lang::Ru) => format!("Перезвонить в течение {}", amount(w, lang)),
        (Some(a), None, Lang::Vi) => format!("Gọi lại sau {}", amount(a, lang)),
        (Some(a), None, Lang::Zh) => format!("{}后回电话", amount(a, lang)),
        (Some(a), None, Lang::Ru) => format!("Перезвонить через {}", amount(a, lang)),
        (None, None, Lang::Vi) => "Gọi lại khi có kết quả".to_string(),
        (None, None, Lang::Zh) => "有结果后回电话".to_string(),
        (None, None, Lang::Ru) => "Перезвонить, когда будет результат".to_string(),
    };
    let when = match (from, lang) {
        (None, _) => when,
        (Some(f), Lang::Vi) => format!("{when} (tính từ khi {f})"),
        (Some(f), Lang::Zh) => format!("自{f}起，{when}"),
        (Some(f), Lang::Ru) => format!("{when} (с момента: {f})"),
    };
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    if rule.reason.trim().is_empty() {
        when
    } else {
        format!("{when}{sep}{}", rule.reason.trim())
    }
}

/// The hold rule in words, when the procedure has one of its own.
pub fn describe_hold(timers: &Timers, lang: Lang) -> Option<String> {
    if timers.no_hold {
        return Some(
            match lang {
                Lang::Vi => "Không để khách hàng chờ máy",
                Lang::Zh => "不得让客户等待",
                Lang::Ru => "Не ставить на удержание",
            }
            .to_string(),
        );
    }
    let limit = timers.hold_limit_secs?;
    Some(match lang {
        Lang::Vi => format!("Thời gian chờ máy tối đa {}", amount(limit, lang)),
        Lang::Zh => format!("等待时间不超过{}", amount(limit, lang)),
        Lang::Ru => format!("Ожидание на линии не более {}", amount(limit, lang)),
    })
}

/// Every rule of a procedure in words: the hold rule first, then each callback.
pub fn describe(timers: &Timers, lang: Lang) -> Vec<String> {
    describe_hold(timers, lang)
        .into_iter()
        .chain(timers.callbacks.iter().map(|r| describe_callback(r, lang)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(after: Option<u64>, within: Option<u64>) -> CallbackRule {
        CallbackRule {
            within_secs: within,
            after_secs: after,
            from: CountFrom::CallEnd,
            reason: "r".into(),
        }
    }

    #[test]
    fn callback_windows_in_each_language() {
        let follow_up = rule(Some(3 * 86_400), Some(7 * 86_400));
        assert_eq!(
            describe_callback(&follow_up, Lang::Vi),
            "Gọi lại sau 3 đến 7 ngày: r"
        );
        assert_eq!(describe_callback(&follow_up, Lang::Zh), "3至7天后回电话：r");
        assert_eq!(
            describe_callback(&follow_up, Lang::Ru),
            "Перезвонить через 3–7 дней: r"
        );
        let day = rule(None, Some(86_400));
        assert_eq!(describe_callback(&day, Lang::Zh), "1天内回电话：r");
        let hours = rule(None, Some(24 * 3600 + 3600));
        assert_eq!(describe_callback(&hours, Lang::Zh), "25小时内回电话：r");
        assert_eq!(
            describe_callback(&rule(None, Some(3600)), Lang::Ru),
            "Перезвонить в течение 1 часа: r"
        );
        assert_eq!(
            describe_callback(&rule(None, Some(2 * 3600)), Lang::Ru),
            "Перезвонить в течение 2 часов: r"
        );
        assert_eq!(
            describe_callback(&rule(None, None), Lang::Vi),
            "Gọi lại khi có kết quả: r"
        );
    }

    #[test]
    fn a_window_from_an_entered_moment_says_so() {
        let mut r = rule(None, Some(2 * 3600));
        r.from = CountFrom::Entered {
            label: "Trung tâm chuyển mạng quốc gia thông báo".into(),
        };
        assert_eq!(
            describe_callback(&r, Lang::Vi),
            "Gọi lại trong vòng 2 giờ (tính từ khi Trung tâm chuyển mạng quốc gia thông báo): r"
        );
    }

    #[test]
    fn hold_rules() {
        let mut t = Timers {
            hold_limit_secs: Some(60),
            ..Timers::default()
        };
        assert_eq!(
            describe_hold(&t, Lang::Vi).unwrap(),
            "Thời gian chờ máy tối đa 1 phút"
        );
        assert_eq!(
            describe_hold(&t, Lang::Ru).unwrap(),
            "Ожидание на линии не более 1 минуты"
        );
        t.hold_limit_secs = Some(90);
        assert_eq!(describe_hold(&t, Lang::Zh).unwrap(), "等待时间不超过90秒");
        t.hold_limit_secs = None;
        assert_eq!(describe_hold(&t, Lang::Vi), None);
        t.no_hold = true;
        assert_eq!(describe(&t, Lang::Ru), vec!["Не ставить на удержание"]);
    }
}
