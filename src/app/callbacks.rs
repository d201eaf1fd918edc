//! The callback panel: a form (due time defaulting to the open procedure's rule), the pending
//! list soonest first with overdue ones highlighted and announced, done/undo and "clear all".

use super::platform;
use super::store::{Desk, LoadState, Route, Ui};
use super::targets;
use crate::content::{CallbackRule, CountFrom};
use crate::desk::callbacks::{
    default_due_minutes, due_from, due_rule, format_clock, minutes_until, parse_due, parse_moment,
    CallbackError,
};
use crate::i18n::{t, tf, Msg};
use leptos::prelude::*;
use std::collections::HashSet;

#[component]
pub fn CallbackPanel() -> impl IntoView {
    let desk = expect_context::<Desk>();
    let ui = expect_context::<Ui>();
    let lang = move || ui.lang.get();
    let open = ui.callback_form;
    let error = RwSignal::new(None::<Msg>);

    // The rule the open procedure sets for callbacks (e.g. 60 min, 2 h from the porting notice).
    let rule = move || -> Option<CallbackRule> {
        match (ui.route.get(), ui.engine.get()) {
            (Route::Procedure(id), LoadState::Ready(e)) => e
                .procedure(&id)
                .and_then(|p| due_rule(&p.timers.callbacks).cloned()),
            _ => None,
        }
    };
    // What the window counts from, when the operator must enter it (else the end of the call).
    let from_label = move || match rule() {
        Some(CallbackRule {
            from: CountFrom::Entered { label },
            ..
        }) => Some(label),
        _ => None,
    };
    let due = RwSignal::new(String::new());
    let from_at = RwSignal::new(String::new());
    // Opening the form suggests the rule's due time: minutes from now, or, for a window that
    // starts at an entered moment, the clock time that window ends (updated as it is typed).
    let suggest = move || {
        let now = platform::now_ms();
        let tz = &platform::offset_at;
        if from_label().is_some() {
            let start = parse_moment(&from_at.get_untracked(), now, tz).unwrap_or(now);
            due.set(format_clock(due_from(rule().as_ref(), start), tz));
        } else {
            due.set(default_due_minutes(rule().as_ref()).to_string());
        }
    };

    // Announce each due callback once: a notification when permitted, and in the page. Only
    // the customer's name goes out — never the phone number or the note (desk PCs are shared,
    // and notifications show on the lock screen and in the system's history).
    let announced = RwSignal::new(HashSet::<String>::new());
    Effect::new(move |_| {
        let now = ui.now.get();
        let due: Vec<(String, String)> = desk.callbacks.with(|c| {
            c.pending()
                .into_iter()
                .filter(|cb| cb.is_overdue(now))
                .map(|cb| (cb.id.clone(), cb.name.clone()))
                .collect()
        });
        for (id, name) in due {
            if announced.with_untracked(|a| !a.contains(&id)) {
                announced.update(|a| {
                    a.insert(id);
                });
                let title = t(ui.lang.get_untracked(), Msg::CallbackOverdueAlert);
                platform::notify(title, &name);
                ui.announce.set(if name.is_empty() {
                    title.to_string()
                } else {
                    format!("{title}: {name}")
                });
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = |name: &str| platform::form_value(&ev, name);
        let now = platform::now_ms();
        let due = match parse_due(&value("due"), now, &platform::offset_at) {
            Ok(d) => d,
            Err(e) => {
                leptos::logging::log!("callback due: {e}");
                error.set(Some(Msg::DueUnreadable));
                return;
            }
        };
        let id = platform::new_id("cb");
        let procedure = match ui.route.get_untracked() {
            Route::Procedure(p) => Some(p),
            Route::Search => None,
        };
        let result = desk.update_callbacks(|c, now| {
            c.add(
                id.clone(),
                &value("name"),
                &value("phone"),
                &value("note"),
                procedure,
                due,
                now,
            )
        });
        match result {
            Ok(()) => {
                desk.update_call(|c, now| c.add_callback(id, now));
                error.set(None);
                open.set(false);
                platform::ask_notification_permission();
            }
            Err(e) => error.set(Some(match e {
                CallbackError::MissingPhone => Msg::PhoneNeeded,
                CallbackError::Due(_) => Msg::DueUnreadable,
            })),
        }
    };

    // Opening the form (button or `c`) fills in the suggested times.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open && was_open != Some(true) {
            from_at.set(format_clock(platform::now_ms(), &platform::offset_at));
            suggest();
        }
        is_open
    });

    view! {
        <section class="callbacks" aria-labelledby="callbacks-title">
            <h2 id="callbacks-title">
                {move || t(lang(), Msg::Callbacks)} " "
                <span class="badge">{move || desk.callbacks.with(|c| c.pending().len())}</span>
            </h2>
            <button data-testid="callback-new" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                {move || t(lang(), Msg::CallbackNew)}
            </button>
            {move || open.get().then(|| view! {
                <form class="callback-form" on:submit=on_submit>
                    <label class="field"><span>{t(lang(), Msg::CallbackName)}</span><input name="name" type="text" autocomplete="off" data-key=targets::CALLBACK_FIRST_FIELD/></label>
                    <label class="field"><span>{t(lang(), Msg::CallbackPhone)}</span><input name="phone" type="tel" required autocomplete="off"/></label>
                    <label class="field"><span>{t(lang(), Msg::CallbackNote)}</span><input name="note" type="text" autocomplete="off"/></label>
                    {move || from_label().map(|label| view! {
                        <label class="field">
                            <span>{label} " — " {t(lang(), Msg::CallbackFrom)}</span>
                            <input name="from" type="text" data-testid="callback-from" inputmode="numeric"
                                prop:value=move || from_at.get()
                                on:input=move |ev| { from_at.set(event_target_value(&ev)); suggest(); }/>
                        </label>
                    })}
                    <label class="field">
                        <span>{t(lang(), Msg::CallbackDue)} " (" {t(lang(), Msg::CallbackDueHint)} ")"</span>
                        <input name="due" type="text" inputmode="text" prop:value=move || due.get()
                            on:input=move |ev| due.set(event_target_value(&ev))/>
                    </label>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{t(lang(), e)}</p> })}
                    <div class="row">
                        <button type="submit" data-testid="callback-save">{t(lang(), Msg::Save)}</button>
                        <button type="button" on:click=move |_| open.set(false)>{t(lang(), Msg::Cancel)}</button>
                    </div>
                </form>
            })}
            <CallbackList/>
        </section>
    }
}

#[component]
fn CallbackList() -> impl IntoView {
    let desk = expect_context::<Desk>();
    let ui = expect_context::<Ui>();
    let lang = move || ui.lang.get();
    // Rebuilt when the list changes, not on every clock tick (that would also take keyboard focus
    // off a "Done" button four times a second); only the overdue state and due text follow the clock.
    move || {
        let tz = &platform::offset_at;
        let (pending, done) = desk.callbacks.with(|c| {
            (
                c.pending().into_iter().cloned().collect::<Vec<_>>(),
                c.done().into_iter().take(5).cloned().collect::<Vec<_>>(),
            )
        });
        view! {
            {pending.is_empty().then(|| view! { <p class="muted">{t(lang(), Msg::NoCallbacks)}</p> })}
            <ul class="callback-list">
                {pending
                    .into_iter()
                    .map(|cb| {
                        let due_ms = cb.due_ms;
                        let overdue = move || due_ms <= ui.now.get();
                        let id = cb.id.clone();
                        let due_text = move || {
                            let clock = format_clock(due_ms, tz);
                            if overdue() {
                                format!("{} {clock}", t(lang(), Msg::Overdue))
                            } else {
                                let mins = minutes_until(due_ms, ui.now.get());
                                let ahead = tf(lang(), Msg::MinutesAhead, &[("mins", &mins.to_string())]);
                                format!("{} {clock} {ahead}", t(lang(), Msg::DueAt))
                            }
                        };
                        view! {
                            <li class="callback" class:overdue=overdue data-testid="callback-item">
                                <div class="who"><strong>{cb.name.clone()}</strong> " " <a href=format!("tel:{}", cb.phone)>{cb.phone.clone()}</a></div>
                                {(!cb.note.is_empty()).then(|| view! { <div class="muted">{cb.note.clone()}</div> })}
                                <div class="due">
                                    {due_text}
                                </div>
                                <button data-testid="callback-done" on:click=move |_| desk.update_callbacks(|c, now| c.mark_done(&id, now))>{t(lang(), Msg::Done)}</button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(!done.is_empty()).then(|| view! {
                <details class="done-list">
                    <summary>{t(lang(), Msg::RecentlyDone)}</summary>
                    <ul>
                        {done.into_iter().map(|cb| {
                            let id = cb.id.clone();
                            view! {
                                <li><s>{cb.name.clone()} " " {cb.phone.clone()}</s> " "
                                <button on:click=move |_| desk.update_callbacks(|c, now| c.undo_done(&id, now))>{t(lang(), Msg::Undo)}</button></li>
                            }
                        }).collect_view()}
                    </ul>
                </details>
            })}
            <button class="danger" on:click=move |_| {
                if platform::confirm(t(ui.lang.get_untracked(), Msg::ConfirmClearAll)) {
                    desk.update_callbacks(|c, now| c.clear_all(now));
                    desk.update_report(|r, now| r.clear(now));
                    // And the search going on, which would otherwise be kept when it ends.
                    desk.episodes.set_value(Default::default());
                }
            }>{t(lang(), Msg::ClearAll)}</button>
        }
    }
}
