//! The hold timer: start/stop, m:ss from timestamps, the procedure's limit, a warning colour,
//! a beep and a flashing tab title past the limit; "do not put on hold" where the source says so.

use super::card::{card_env, Surface};
use super::platform;
use super::targets;
use crate::content::Timers;
use crate::desk::edit::CallEdit;
use crate::desk::hold::{format_mmss, HoldLevel, DEFAULT_HOLD_LIMIT_SECS};
use crate::i18n::{t, Msg};
use leptos::prelude::*;

#[component]
pub fn HoldTimer(timers: Timers) -> impl IntoView {
    let env = card_env();
    let lang = move || env.lang.get();
    if timers.no_hold {
        return view! { <p class="no-hold" role="note">"⛔ " {move || t(lang(), Msg::NoHold)}</p> }
            .into_any();
    }
    let limit = timers.hold_limit_secs.unwrap_or(DEFAULT_HOLD_LIMIT_SECS);
    let level = Memo::new(move |_| env.call.with(|c| c.hold.value.level(env.now.get(), limit)));
    let shown = move || format_mmss(env.call.with(|c| c.hold.value.current_secs(env.now.get())));
    // Beep once per hold when it crosses the limit; flash the tab title while it stays over.
    let beeped_for = RwSignal::new(None::<u64>);
    Effect::new(move |_| {
        // The studio's preview shows the timer working, quietly.
        if env.surface == Surface::Preview {
            return;
        }
        let started = env
            .call
            .with(|c| c.hold.value.started_at_ms.map(|s| s as u64));
        if level.get() == HoldLevel::Exceeded {
            if beeped_for.get_untracked() != started {
                // Once per hold: a beep, the page's announcement, and a notification where
                // permitted (the operator may be in another window). No personal data in it.
                beeped_for.set(started);
                platform::beep();
                let lang = env.lang.get_untracked();
                env.announce.run(t(lang, Msg::HoldExceeded).to_string());
                platform::notify(t(lang, Msg::HoldExceeded), t(lang, Msg::HoldExceededNotice));
            }
            let flash = ((env.now.get() / 1000.0) as u64).is_multiple_of(2);
            platform::set_title(if flash {
                "⚠ Cuecard"
            } else {
                t(env.lang.get_untracked(), Msg::HoldExceeded)
            });
        } else {
            platform::set_title("Cuecard");
        }
    });
    if env.surface == Surface::Desk {
        on_cleanup(|| platform::set_title("Cuecard"));
    }
    view! {
        <section
            class="hold"
            class:warning=move || level.get() == HoldLevel::Warning
            class:exceeded=move || level.get() == HoldLevel::Exceeded
        >
            <span class="hold-label">{move || t(lang(), Msg::HoldLabel)}</span>
            <span class="hold-time" data-testid="hold-timer" role="timer">{shown}</span>
            <span class="muted">{move || t(lang(), Msg::HoldLimit)} " " {format_mmss(limit)}</span>
            {move || if env.call.with(|c| c.hold.value.is_running()) {
                view! { <button data-testid="hold-stop" data-key=targets::HOLD on:click=move |_| env.edit.run(CallEdit::StopHold)>{t(lang(), Msg::HoldStop)}</button> }.into_any()
            } else {
                view! { <button data-testid="hold-start" data-key=targets::HOLD on:click=move |_| env.edit.run(CallEdit::StartHold)>{t(lang(), Msg::HoldStart)}</button> }.into_any()
            }}
            {move || (level.get() == HoldLevel::Exceeded).then(|| view! { <p class="hold-alert" role="alert">{t(lang(), Msg::HoldExceeded)}</p> })}
        </section>
    }
    .into_any()
}
