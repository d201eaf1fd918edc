//! The app shell in `index.html` (the search page as the app renders it first, painted before
//! the wasm arrives): its words in every UI language and its example queries, written by the
//! build from the app's own messages (`i18n`) so that nothing is translated twice.
//!
//! An element of the shell names its message: `data-msg="SearchLabel"` for its text,
//! `data-msg-placeholder` / `data-msg-aria-label` for those attributes. The build checks that
//! the English written in the page is the app's, and adds the other languages beside it
//! (`data-vi="…"`, `data-vi-placeholder="…"`), which boot.js puts in place for the desk's
//! language before the app starts. `<ul data-shell-examples>` receives `i18n::EXAMPLES`.

use super::html::PageProblem;
use crate::i18n::{t, Msg, UiLang, EXAMPLES};

/// The attributes that name a message, and the attribute each one's text goes into (`None`:
/// the element's own text).
const NAMING: [(&str, Option<&str>); 3] = [
    ("data-msg", None),
    ("data-msg-placeholder", Some("placeholder")),
    ("data-msg-aria-label", Some("aria-label")),
];

const EXAMPLES_LIST: &str = "<ul class=\"examples\" data-shell-examples></ul>";

/// The page with the shell's translations and examples written in; a page without a shell is
/// returned as it is (the tests' minimal pages).
pub fn fill_shell(page: &str) -> Result<String, PageProblem> {
    let mut out = String::with_capacity(page.len() + 4096);
    let mut rest = page;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find('>').map_or(tail.len(), |e| e + 1);
        let tag = &tail[..end];
        out.push_str(&with_translations(tag, &tail[end..])?);
        rest = &tail[end..];
    }
    out.push_str(rest);
    if out.contains(EXAMPLES_LIST) {
        let items: String = EXAMPLES
            .iter()
            .map(|ex| format!("<li><button class=\"link\">{}</button></li>", escape(ex)))
            .collect();
        out = out.replace(
            EXAMPLES_LIST,
            &format!("<ul class=\"examples\" data-shell-examples>{items}</ul>"),
        );
    }
    Ok(out)
}

/// One open tag with the other languages' words added for each message it names; `after` is
/// the page after the tag, where an element's English text starts.
fn with_translations(tag: &str, after: &str) -> Result<String, PageProblem> {
    let mut added = String::new();
    for (naming, target) in NAMING {
        let Some(key) = attribute(tag, naming) else {
            continue;
        };
        let msg = Msg::ALL
            .iter()
            .copied()
            .find(|m| format!("{m:?}") == key)
            .ok_or_else(|| PageProblem::ShellMessage(key.to_string()))?;
        let written = match target {
            None => after.split('<').next().unwrap_or("").trim().to_string(),
            Some(a) => attribute(tag, a).unwrap_or("").to_string(),
        };
        let english = t(UiLang::En, msg);
        if unescape(&written) != english {
            return Err(PageProblem::ShellWords {
                key: key.to_string(),
                written,
                expected: english.to_string(),
            });
        }
        for lang in UiLang::ALL.into_iter().filter(|l| *l != UiLang::En) {
            let name = match target {
                None => format!("data-{}", lang.code()),
                Some(a) => format!("data-{}-{a}", lang.code()),
            };
            added.push_str(&format!(" {name}=\"{}\"", escape(t(lang, msg))));
        }
    }
    if added.is_empty() {
        return Ok(tag.to_string());
    }
    let close = if tag.ends_with("/>") { 2 } else { 1 };
    let (open, end) = tag.split_at(tag.len() - close);
    Ok(format!("{open}{added}{end}"))
}

/// The value of `name="…"` in an open tag (the exact name, not one it begins).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let from = tag.find(&needle)? + needle.len();
    tag[from..].split('"').next()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = r#"<body><div data-shell><h1 class="page-title" data-msg="SearchLabel">Describe the situation</h1><input placeholder="e.g. customer wants the shift leader" data-msg-placeholder="SearchPlaceholder"><p data-msg="TryExamples">Try:</p><ul class="examples" data-shell-examples></ul></div></body>"#;

    #[test]
    fn the_shell_gets_every_language_and_the_examples() {
        let page = fill_shell(SHELL).unwrap();
        assert!(page.contains(&format!(
            "data-msg=\"SearchLabel\" data-vi=\"{}\" data-zh=\"{}\" data-ru=\"{}\">",
            t(UiLang::Vi, Msg::SearchLabel),
            t(UiLang::Zh, Msg::SearchLabel),
            t(UiLang::Ru, Msg::SearchLabel)
        )));
        assert!(page.contains(&format!(
            "data-vi-placeholder=\"{}\"",
            escape(t(UiLang::Vi, Msg::SearchPlaceholder))
        )));
        for ex in EXAMPLES {
            assert!(page.contains(&format!("<button class=\"link\">{ex}</button>")));
        }
    }

    #[test]
    fn english_that_is_not_the_apps_or_an_unknown_message_fails_the_build() {
        let stale = SHELL.replace(">Try:<", ">Try these:<");
        assert!(matches!(
            fill_shell(&stale),
            Err(PageProblem::ShellWords { key, .. }) if key == "TryExamples"
        ));
        let unknown = SHELL.replace("\"TryExamples\"", "\"TryExampels\"");
        assert_eq!(
            fill_shell(&unknown),
            Err(PageProblem::ShellMessage("TryExampels".into()))
        );
    }

    /// The real page's shell: every message it names is the app's, in English as written.
    #[test]
    fn the_shipped_pages_shell_is_the_apps_words() {
        let page = include_str!("../../index.html");
        let filled = fill_shell(page).unwrap();
        assert!(filled.contains("data-shell-examples><li>"));
        assert!(filled.contains(" data-ru=\""));
    }
}
