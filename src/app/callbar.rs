//! The current call's controls: the call context (names for scripts), notes, "New call" and
//! "Copy call summary" for the CRM.

use super::platform;
use super::store::{Desk, LoadState, Ui};
use crate::desk::call::SummaryLabels;
use crate::desk::callbacks::format_clock;
use crate::i18n::{t, Msg, UiLang};
use leptos::prelude::*;

fn labels(l: UiLang) -> SummaryLabels {
    SummaryLabels {
        procedure: t(l, Msg::SummaryProcedure),
        steps_done: t(l, Msg::SummaryStepsDone),
        hold_time: t(l, Msg::SummaryHoldTime),
        callback: t(l, Msg::SummaryCallback),
        notes: t(l, Msg::SummaryNotes),
    }
}

#[component]
pub fn CallBar() -> impl IntoView {
    let desk = expect_context::<Desk>();
    let ui = expect_context::<Ui>();
    let lang = move || ui.lang.get();
    let copied = RwSignal::new(false);
    let new_call = move |_| {
        if !desk.call.with_untracked(|c| c.has_progress())
            || platform::confirm(t(ui.lang.get_untracked(), Msg::ConfirmNewCall))
        {
            desk.new_call(platform::now_ms());
            platform::set_hash("#/");
            ui.query.set(String::new());
            copied.set(false);
        }
    };
    let copy_summary = move |_| {
        let LoadState::Ready(engine) = ui.engine.get_untracked() else {
            return;
        };
        let now = platform::now_ms();
        let call = desk.call.get_untracked();
        let procs: Vec<_> = call
            .procedures
            .iter()
            .filter_map(|id| engine.procedure(id))
            .collect();
        let callbacks: Vec<String> = desk.callbacks.with_untracked(|cbs| {
            cbs.items
                .iter()
                .filter(|c| call.callbacks.contains(&c.id))
                .map(|c| {
                    format!(
                        "{} {} {}",
                        c.name,
                        c.phone,
                        format_clock(c.due_ms, platform::tz_offset_min())
                    )
                })
                .collect()
        });
        platform::copy_text(&call.summary(
            &procs,
            &callbacks,
            &labels(ui.lang.get_untracked()),
            now,
        ));
        copied.set(true);
    };
    let field = move |msg: Msg,
                      get: fn(&crate::desk::call::CallState) -> String,
                      set: fn(&mut crate::desk::call::CallState, String)| {
        view! {
            <label class="field">
                <span>{move || t(lang(), msg)}</span>
                <input type="text" prop:value=move || desk.call.with(get) on:input=move |ev| desk.update_call(|c| set(c, event_target_value(&ev)))/>
            </label>
        }
    };
    view! {
        <div class="callbar">
            <details class="call-context">
                <summary>{move || t(lang(), Msg::CallContext)}</summary>
                {field(Msg::CustomerName, |c| c.context.customer_name.clone(), |c, v| c.context.customer_name = v)}
                {field(Msg::OperatorName, |c| c.context.operator_name.clone(), |c, v| c.context.operator_name = v)}
                {field(Msg::Company, |c| c.context.company.clone(), |c, v| c.context.company = v)}
                <label class="field">
                    <span>{move || t(lang(), Msg::CallNotes)}</span>
                    <textarea prop:value=move || desk.call.with(|c| c.notes.clone()) on:input=move |ev| desk.update_call(|c| c.notes = event_target_value(&ev))></textarea>
                </label>
            </details>
            <button on:click=copy_summary>{move || if copied.get() { t(lang(), Msg::Copied) } else { t(lang(), Msg::CopySummary) }}</button>
            <button data-testid="new-call" on:click=new_call>{move || t(lang(), Msg::NewCall)}</button>
        </div>
    }
}
