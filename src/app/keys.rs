//! The keyboard path through a whole call, and the overlay (`?`) that lists it in the UI
//! language. No shortcut fires while the operator types in a field.

use super::platform;
use super::search::focus_search;
use super::store::{Desk, Route, Ui};
use super::targets;
use crate::i18n::{t, Msg};
use crate::page::keys::{action, KeyAction, KeyContext};
use leptos::prelude::*;

/// Reads the event and the page's state, asks `page::keys::action` what the key does, and does it.
pub fn on_key(ui: Ui, _desk: Desk, ev: &web_sys::KeyboardEvent) {
    if ev.default_prevented() {
        return;
    }
    let cx = KeyContext {
        shortcuts_open: ui.shortcuts.get_untracked(),
        typing: platform::typing_in_a_field(ev),
        ctrl_or_meta: ev.ctrl_key() || ev.meta_key(),
        alt: ev.alt_key(),
        on_procedure: matches!(ui.route.get_untracked(), Route::Procedure(_)),
        has_query: !ui.query.with_untracked(|q| q.trim().is_empty()),
        results_open: ui.results.with_untracked(|r| r.open),
    };
    let Some(action) = action(cx, &ev.key(), &ev.code()) else {
        return;
    };
    let handled = match action {
        KeyAction::CloseShortcuts => {
            ui.shortcuts.set(false);
            true
        }
        KeyAction::Choose(n) => {
            platform::choose_option(n);
            true
        }
        KeyAction::Search { reopen_results } => {
            if reopen_results {
                ui.results.update(|r| r.open = true);
            }
            // After this key event is done: moving the focus during it lets some engines
            // type the "/" into the box.
            request_animation_frame(focus_search);
            true
        }
        KeyAction::ShowShortcuts => {
            ui.shortcuts.set(true);
            true
        }
        KeyAction::ToggleHold => platform::click(&targets::selector(targets::HOLD)),
        KeyAction::Step(by) => {
            platform::focus_step(by);
            true
        }
        KeyAction::NewCallback => {
            ui.show_callbacks.set(true);
            ui.callback_form.set(true);
            request_animation_frame(|| {
                platform::focus_selector(&targets::selector(targets::CALLBACK_FIRST_FIELD))
            });
            true
        }
        KeyAction::NewCall => platform::click(&targets::selector(targets::NEW_CALL)),
        KeyAction::Flag => platform::click(&targets::selector(targets::FLAG)),
        KeyAction::CloseResults => {
            ui.results.update(|r| r.open = false);
            true
        }
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
        ("f".into(), t(lang, crate::i18n::ReportMsg::KeyFlag)),
        ("?".into(), t(lang, Msg::KeyHelp)),
        ("Esc".into(), t(lang, Msg::KeyClose)),
    ]
}

#[component]
pub fn ShortcutsOverlay() -> impl IntoView {
    let ui = expect_context::<Ui>();
    Effect::new(move |_| {
        if ui.shortcuts.get() {
            request_animation_frame(|| {
                platform::focus_selector(&targets::selector(targets::SHORTCUTS_CLOSE))
            });
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
                    <button data-key=targets::SHORTCUTS_CLOSE on:click=move |_| ui.shortcuts.set(false)>{t(lang, Msg::Dismiss)}</button>
                </div>
            }
        })
    }
}
