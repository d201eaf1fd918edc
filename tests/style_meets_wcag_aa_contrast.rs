//! The page's colour pairs (text on background), read from `style/main.css` for the light and
//! the dark scheme, meet WCAG AA: a contrast ratio of at least 4.5:1 for normal text.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

fn vars(block: &str) -> HashMap<String, String> {
    block
        .split(';')
        .filter_map(|decl| {
            let (k, v) = decl.split_once(':')?;
            let k = k.trim();
            k.starts_with("--")
                .then(|| (k.to_string(), v.trim().to_string()))
        })
        .collect()
}

fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    assert_eq!(hex.len(), 6, "colour {hex}");
    let ch = |i: usize| {
        let c = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(0) + 0.7152 * ch(2) + 0.0722 * ch(4)
}

fn ratio(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Text colour on background colour, as the stylesheet uses them.
const PAIRS: [(&str, &str); 12] = [
    ("--fg", "--bg"),
    ("--fg", "--panel"),
    ("--muted", "--bg"),
    ("--muted", "--panel"),
    ("--accent", "--bg"),
    ("--accent", "--panel"),
    ("--accent-fg", "--accent"),
    ("--fg", "--mark"),
    ("--warn-fg", "--warn-bg"),
    ("--bad-fg", "--bad-bg"),
    ("--bad-fg", "--bg"),
    ("--ok", "--bg"),
];

#[test]
fn light_and_dark_colours_meet_aa() {
    let css =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css")).unwrap();
    let light_start = css.find(":root {").unwrap();
    let light = &css[light_start + 7..light_start + css[light_start..].find('}').unwrap()];
    let dark_start = css.find("@media (prefers-color-scheme: dark)").unwrap();
    let dark_root = dark_start + css[dark_start..].find(":root {").unwrap();
    let dark = &css[dark_root + 7..dark_root + css[dark_root..].find('}').unwrap()];
    let mut failures = Vec::new();
    for (scheme, block) in [("light", light), ("dark", dark)] {
        let v = vars(block);
        for (fg, bg) in PAIRS {
            let r = ratio(&v[fg], &v[bg]);
            println!("{scheme}: {fg} on {bg}: {r:.2}");
            if r < 4.5 {
                failures.push(format!(
                    "{scheme}: {fg} {} on {bg} {}: {r:.2}",
                    v[fg], v[bg]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
}

#[test]
fn the_ratio_can_fail() {
    assert!(ratio("#777777", "#ffffff") < 4.5);
    assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 0.01);
}
