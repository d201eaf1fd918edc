//! The keyboard path through a whole call, and the overlay (`?`) that lists it in the UI
//! language. No shortcut fires while the operator types in a field.

use super::platform;
use super::search::focus_search;
use super::store::{Desk, Route, Ui};
use crate::i18n::{t, Msg};
use leptos::prelude::*;

/// `Alt+1…9` by physical key (`Digit1`…), so layouts and macOS's Option characters agree.
fn digit(code: &str) -> Option<usize> {
    code.strip_prefix("Digit")
        .and_then(|d| d.parse::<usize>().ok())
        .filter(|d| (1..=9).contains(d))
}

pub fn on_key(ui: Ui, _desk: Desk, ev: &web_sys::KeyboardEvent) {
    if ev.default_prevented() {
        return;
    }
    let key = ev.key();
    if ui.shortcuts.get_untracked() {
        if key == "Escape" || key == "?" {
            ev.prevent_default();
            ui.shortcuts.set(false);
        }
        return;
    }
    if platform::typing_in_a_field(ev) || ev.ctrl_key() || ev.meta_key() {
        return;
    }
    if ev.alt_key() {
        if let Some(n) = digit(&ev.code()) {
            ev.prevent_default();
            platform::choose_option(n);
        }
        return;
    }
    let on_procedure = matches!(ui.route.get_untracked(), Route::Procedure(_));
    let handled = match key.as_str() {
        "/" => {
            if on_procedure && !ui.query.with_untracked(|q| q.trim().is_empty()) {
                ui.results_open.set(true);
            }
            // After this key event is done: moving the focus during it lets some engines
            // type the "/" into the box.
            request_animation_frame(focus_search);
            true
        }
        "?" => {
            ui.shortcuts.set(true);
            true
        }
        "h" | "H" if on_procedure => {
            platform::click_testid("hold-start") || platform::click_testid("hold-stop")
        }
        "j" | "J" if on_procedure => {
            platform::focus_step(1);
            true
        }
        "k" | "K" if on_procedure => {
            platform::focus_step(-1);
            true
        }
        "c" | "C" => {
            ui.show_callbacks.set(true);
            ui.callback_form.set(true);
            request_animation_frame(|| {
                platform::focus_selector("form.callback-form input[name=name]")
            });
            true
        }
        "n" | "N" => platform::click_testid("new-call"),
        "Escape" if ui.results_open.get_untracked() => {
            ui.results_open.set(false);
            true
        }
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}

/// The keys, as shown in the overlay: (keys, what they do).
fn rows(lang: crate::i18n::UiLang) -> Vec<(String, &'static str)> {
    vec![
        ("/".into(), t(lang, Msg::KeySearch)),
        ("↑ ↓".into(), t(lang, Msg::KeyResults)),
        ("Enter".into(), t(lang, Msg::KeyOpen)),
        ("h".into(), t(lang, Msg::KeyHold)),
        ("j / k".into(), t(lang, Msg::KeySteps)),
        (t(lang, Msg::KeySpace).to_string(), t(lang, Msg::KeyCheck)),
        ("Alt+1…9".into(), t(lang, Msg::KeyChoose)),
        ("c".into(), t(lang, Msg::KeyCallback)),
        ("n".into(), t(lang, Msg::KeyNewCall)),
        ("?".into(), t(lang, Msg::KeyHelp)),
        ("Esc".into(), t(lang, Msg::KeyClose)),
    ]
}

#[component]
pub fn ShortcutsOverlay() -> impl IntoView {
    let ui = expect_context::<Ui>();
    Effect::new(move |_| {
        if ui.shortcuts.get() {
            request_animation_frame(|| platform::focus_selector("[data-testid=shortcuts] button"));
        }
    });
    move || {
        let lang = ui.lang.get();
        ui.shortcuts.get().then(|| {
            view! {
                <div class="overlay-backdrop" on:click=move |_| ui.shortcuts.set(false)></div>
                <div class="shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts">
                    <h2 id="shortcuts-title">{t(lang, Msg::Shortcuts)}</h2>
                    <table>
                        <tbody>
                            {rows(lang)
                                .into_iter()
                                .map(|(k, what)| view! { <tr><th scope="row"><kbd>{k}</kbd></th><td>{what}</td></tr> })
                                .collect_view()}
                        </tbody>
                    </table>
                    <p class="muted">{t(lang, Msg::ShortcutsHint)}</p>
                    <button on:click=move |_| ui.shortcuts.set(false)>{t(lang, Msg::Dismiss)}</button>
                </div>
            }
        })
    }
}
