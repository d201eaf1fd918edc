//! The current call's controls: the call context (names for scripts), notes, "New call" and
//! "Copy call summary" for the CRM.

use super::copy::CopyButton;
use super::platform;
use super::store::{Desk, LoadState, Ui};
use super::targets;
use crate::desk::call::CallField;
use crate::desk::summary::SummaryLabels;
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
    let new_call = move |_| {
        if !desk.call.with_untracked(|c| c.has_progress())
            || platform::confirm(t(ui.lang.get_untracked(), Msg::ConfirmNewCall))
        {
            desk.new_call();
            platform::set_hash("#/");
            ui.query.set(String::new());
        }
    };
    // The summary for the CRM, as of the click.
    let summary = Callback::new(move |_| {
        let LoadState::Ready(engine) = ui.engine.get_untracked() else {
            return String::new();
        };
        let now = platform::now_ms();
        let call = desk.call.get_untracked();
        let procs: Vec<_> = call
            .opened()
            .into_iter()
            .filter_map(|id| engine.procedure(id))
            .collect();
        let callbacks: Vec<String> = desk.callbacks.with_untracked(|cbs| {
            cbs.items
                .iter()
                .filter(|c| call.callbacks.contains(&c.id) && !c.deleted)
                .map(|c| c.summary_line(&platform::offset_at))
                .collect()
        });
        call.summary(&procs, &callbacks, &labels(ui.lang.get_untracked()), now)
    });
    let field = move |msg: Msg, f: CallField| {
        view! {
            <label class="field">
                <span>{move || t(lang(), msg)}</span>
                <input type="text" prop:value=move || desk.call.with(|c| c.field(f).to_string())
                    on:input=move |ev| desk.update_call(|c, now| c.set_field(f, event_target_value(&ev), now))/>
            </label>
        }
    };
    view! {
        <div class="callbar">
            <details class="call-context">
                <summary>{move || t(lang(), Msg::CallContext)}</summary>
                {field(Msg::CustomerName, CallField::CustomerName)}
                {field(Msg::OperatorName, CallField::OperatorName)}
                {field(Msg::Company, CallField::Company)}
                <label class="field">
                    <span>{move || t(lang(), Msg::CallNotes)}</span>
                    <textarea prop:value=move || desk.call.with(|c| c.field(CallField::Notes).to_string())
                        on:input=move |ev| desk.update_call(|c, now| c.set_field(CallField::Notes, event_target_value(&ev), now))></textarea>
                </label>
            </details>
            <CopyButton lang=ui.lang text=summary label=Msg::CopySummary testid="copy-summary"/>
            <button data-testid="new-call" data-key=targets::NEW_CALL on:click=new_call>{move || t(lang(), Msg::NewCall)}</button>
        </div>
    }
}
