//! The desk's side of the content loop: its searches told to `desk::report::Episodes` (the
//! rules of what is kept live there), a card's "Report a problem", the report for editors
//! downloaded from the side panel, and new entries sent to the centre's collector when the
//! site names one.

use super::platform;
use super::search::Results;
use super::store::{Desk, Route, Status, Ui};
use super::targets;
use crate::content::Zone;
use crate::desk::report::{send, Backoff, Ended, Episodes, Flag, FlagKind, Outbox};
use crate::i18n::{t, tf, ReportMsg};
use leptos::prelude::*;

/// How often a search left alone is checked for having gone idle (`episode::IDLE_MS`).
const IDLE_CHECK_MS: u32 = 5_000;

/// Runs `f` over the tab's episodes with the call's names, and keeps or counts what it ended.
fn feed(desk: Desk, f: impl FnOnce(&mut Episodes, &[&str]) -> Option<Ended>) {
    let names = desk.names();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let Some(ended) = desk.episodes.try_update_value(|e| f(e, &names)).flatten() else {
        return;
    };
    desk.update_report(|log, now| match ended {
        Ended::Kept(ep) => log.keep_episode(ep, now),
        Ended::FoundAtOnce(card) => log.count_found(&card, now),
    });
}

/// Tells every change of the search box, every card opened from the results and the clock to
/// the tab's episodes. Nothing when the deployment records nothing (`search-log=0`).
pub fn record_searches(ui: Ui, desk: Desk) {
    if !desk.records() {
        return;
    }
    let Results(results) = expect_context::<Results>();
    let last_query = StoredValue::new(String::new());
    Effect::new(move |_| {
        let query = ui.query.get();
        let n = results.with(Vec::len);
        // Nothing is judged before the index can answer: an empty list then says nothing.
        if ui.status.get() != Status::Ready {
            return;
        }
        let changed = last_query.with_value(|q| *q != query);
        last_query.set_value(query.clone());
        // The same query with new results (a language joined): only an episode going on
        // hears of it; after a card was opened, it starts nothing.
        let going = desk.episodes.with_value(|e| e.ongoing.is_some());
        if changed || going {
            let now = platform::now_ms();
            feed(desk, |e, names| {
                e.typed(&query, n, now, names).map(Ended::Kept)
            });
        }
    });
    Effect::new(move |_| {
        let Route::Procedure(id) = ui.route.get() else {
            return;
        };
        let rank = results.with_untracked(|r| r.iter().position(|h| h.id == id));
        if let Some(rank) = rank {
            let now = platform::now_ms();
            feed(desk, |e, names| e.opened(&id, rank + 1, now, names));
        }
    });
    gloo_timers::callback::Interval::new(IDLE_CHECK_MS, move || {
        let now = platform::now_ms();
        feed(desk, |e, names| e.tick(now, names).map(Ended::Kept));
    })
    .forget();
}

/// Sends what the collector has not had (`<meta name="cuecard-report-to">`, `kb site
/// --report-to`). boot.js runs the rounds (a timer, the `online` event, the request, a lease so
/// that one tab sends at a time); each round asks `take` for a batch and tells `sent` whether the
/// collector took it. The decisions are `desk::report`'s: what goes (`Log::outbox`, chosen only
/// after this tab took in the others' stored copies, so nothing goes twice) and when
/// (`Backoff`). All synchronous: nothing here waits on the network or a keystroke.
pub fn send_reports(ui: Ui, desk: Desk) {
    if !desk.records() {
        return;
    }
    // This tab's rounds: when the next may go, and the batch on its way.
    let sending = std::rc::Rc::new(std::cell::RefCell::new((
        Backoff::default(),
        None::<Outbox>,
    )));
    let state = sending.clone();
    let take = move |site_version: String, online: bool| -> Option<String> {
        let now = platform::now_ms();
        let (backoff, pending) = &mut *state.borrow_mut();
        if online {
            backoff.reset();
        }
        if !backoff.due(now) {
            return None;
        }
        // Reads, merges and writes the stored record first: the other tabs' sent marks too.
        desk.update_report(|log, _| log.name_desk(js_sys::Math::random()));
        let lang = ui.lang.get_untracked().code();
        let batch = desk
            .report
            .with_untracked(|l| l.outbox(&site_version, lang, now))?;
        let body = batch.body.clone();
        *pending = Some(batch);
        Some(body)
    };
    let sent = move |taken: bool| {
        let (backoff, pending) = &mut *sending.borrow_mut();
        let Some(batch) = pending.take() else {
            return;
        };
        if taken {
            desk.update_report(|log, _| log.mark_sent(&batch));
            backoff.reset();
        } else {
            backoff.failed(platform::now_ms());
        }
    };
    platform::start_collector(take, sent, send::EVERY_MS);
}

fn kind_msg(kind: FlagKind) -> ReportMsg {
    match kind {
        FlagKind::Wrong => ReportMsg::Wrong,
        FlagKind::Outdated => ReportMsg::Outdated,
        FlagKind::Unclear => ReportMsg::Unclear,
        FlagKind::Missing => ReportMsg::Missing,
    }
}

/// "Report a problem" on the open card (`f`): four kinds and a note, one click to send, then
/// back to the call. It never covers the checklist. A plain form, read when sent: no state of
/// its own to carry in the desk's first load.
#[component]
pub fn CardFlag(id: String) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let desk = expect_context::<Desk>();
    if !desk.records() {
        return None;
    }
    let id = StoredValue::new(id);
    let open = RwSignal::new(false);
    let tr = move |m: ReportMsg| t(ui.lang.get(), m);
    let send = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let chosen = platform::form_value(&ev, "flag-kind");
        let Some(kind) = FlagKind::ALL.into_iter().find(|k| k.name() == chosen) else {
            return;
        };
        let note = platform::form_value(&ev, "note");
        let version = match ui.engine.get_untracked() {
            super::store::LoadState::Ready(e) => id.with_value(|id| e.card_version(id)),
            _ => None,
        };
        let names = desk.names();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        desk.update_report(|log, now| {
            let version = version.as_deref().unwrap_or("");
            let flag = id.with_value(|id| Flag::new(now, id, version, kind, &note, &names));
            log.keep_flag(flag, now);
        });
        platform::reset_form(&ev);
        open.set(false);
        let thanks = t(ui.lang.get_untracked(), ReportMsg::FlagThanks);
        ui.announce.set(thanks.to_string());
        platform::focus_selector(&targets::selector(targets::FLAG));
    };
    Some(view! {
        <div class="card-flag">
            <button class="link" data-testid="card-flag" data-key=targets::FLAG
                aria-expanded=move || open.get().to_string()
                on:click=move |_| {
                    open.update(|o| *o = !*o);
                    request_animation_frame(|| platform::focus_selector("[name=flag-kind]"));
                }>"⚑ " {move || tr(ReportMsg::Flag)}</button>
            // Always there, shown or hidden: lighter in the page than a form built on demand.
            <form class="card-flag-form" data-testid="card-flag-form" hidden=move || !open.get() on:submit=send>
                <fieldset>
                    <legend>{move || tr(ReportMsg::FlagTitle)}</legend>
                    {FlagKind::ALL.into_iter().map(|k| view! {
                        <label><input type="radio" name="flag-kind" required value=k.name()/> " " {move || tr(kind_msg(k))}</label>
                    }).collect_view()}
                </fieldset>
                <label class="field">
                    <span>{move || tr(ReportMsg::FlagNote)}</span>
                    <input name="note" type="text" data-testid="card-flag-note" autocomplete="off"
                        maxlength="200" aria-describedby="card-flag-hint"/>
                </label>
                <p class="muted" id="card-flag-hint">{move || tr(ReportMsg::FlagNoteHint)}</p>
                <div class="row">
                    <button type="submit" data-testid="card-flag-send">{move || tr(ReportMsg::FlagSend)}</button>
                    <button type="button" on:click=move |_| open.set(false)>{move || t(ui.lang.get(), crate::i18n::Msg::Cancel)}</button>
                </div>
            </form>
        </div>
    })
}

/// A time kept in the record as the desk's locale writes its day.
fn day_of(ms: f64) -> String {
    platform::day_text(platform::DeskZone.date_of(ms as i64), true)
}

/// The side panel's "For editors": what the record holds, and the button that downloads it as
/// `cuecard-report-<date>.json` (nothing is sent anywhere from here).
#[component]
pub fn ReportExport() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let desk = expect_context::<Desk>();
    if !desk.records() {
        return None;
    }
    let holds = move || {
        let lang = ui.lang.get();
        desk.report.with(|log| match log.span() {
            None => t(lang, ReportMsg::ExportNothing).to_string(),
            Some((from, to)) => tf(
                lang,
                ReportMsg::ExportHolds,
                &[
                    ("count", &log.len().to_string()),
                    ("from", &day_of(from)),
                    ("to", &day_of(to)),
                ],
            ),
        })
    };
    let export = move |_| {
        leptos::task::spawn_local(async move {
            let version = platform::site_version().await;
            let lang = ui.lang.get_untracked();
            let now = platform::now_ms();
            let json = desk
                .report
                .with_untracked(|l| l.report_json(&version, lang.code(), now));
            let file = format!("cuecard-report-{}.json", platform::today_iso());
            let text = platform::indented(&json);
            let said = match platform::download(&file, text.as_bytes(), "application/json") {
                Ok(()) => tf(lang, ReportMsg::ExportDone, &[("file", &file)]),
                Err(e) => e,
            };
            ui.announce.set(said);
        });
    };
    Some(view! {
        <section class="for-editors" aria-labelledby="for-editors-title">
            <h2 id="for-editors-title">{move || t(ui.lang.get(), ReportMsg::ForEditors)}</h2>
            <p class="muted" data-testid="report-holds">{holds}</p>
            <button data-testid="report-export" disabled=move || desk.report.with(|l| l.is_empty())
                on:click=export>{move || t(ui.lang.get(), ReportMsg::Export)}</button>
        </section>
    })
}
