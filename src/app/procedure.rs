//! The desk's open procedure: the card (`card`) for the id in the route, over the desk's saved
//! call, with the link back to the results.

use super::card::{CardEnv, ProcedureView, Surface};
use super::platform;
use super::store::{Desk, IndexLoad, LoadProblem, LoadState, Status, Ui};
use crate::content::Procedure;
use crate::i18n::{t, tf, Msg};
use leptos::prelude::*;

/// The desk's side of a card: the saved call (every change saved at once), the engine's
/// related cards, the desk's clock and announcements.
pub fn desk_card_env(ui: Ui, desk: Desk) -> CardEnv {
    CardEnv {
        surface: Surface::Desk,
        lang: ui.lang,
        now: ui.now,
        printing: ui.printing,
        call: desk.call,
        edit: Callback::new(move |e| desk.update_call(|c, now| c.apply(e, now))),
        related: Callback::new(move |id: String| match ui.engine.get_untracked() {
            LoadState::Ready(e) => e.related(&id, super::card::RELATED),
            _ => Vec::new(),
        }),
        announce: Callback::new(move |s| ui.announce.set(s)),
    }
}

#[component]
pub fn ProcedurePage(id: String) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let desk = expect_context::<Desk>();
    provide_context(desk_card_env(ui, desk));
    let id_for_open = id.clone();
    Effect::new(move |_| {
        if ui.status.get() == Status::Ready {
            let id = id_for_open.clone();
            desk.update_call(|c, now| c.open(&id, now));
        }
    });
    // What to show changes when the procedure is found, not each time a language joins: the
    // view (its focus, its hold timer) is built once.
    let shown = Memo::new(move |_| match &*ui.engine.read() {
        LoadState::Loading => Shown::Loading,
        LoadState::Failed(why) => Shown::Failed(why.clone()),
        LoadState::Ready(engine) => match engine.procedure(&id) {
            Some(p) => Shown::Found(p.clone()),
            // The effect in `App` is bringing the other languages.
            None if !ui.index.with_untracked(IndexLoad::all_open) => Shown::Loading,
            None => Shown::Missing(id.clone()),
        },
    });
    move || {
        let lang = ui.lang.get();
        match shown.get() {
            Shown::Loading => view! { <p class="muted">{t(lang, Msg::Loading)}</p> }.into_any(),
            Shown::Failed(why) => view! { <super::banners::LoadProblemBanner why=why/> }.into_any(),
            Shown::Missing(id) => {
                view! { <p class="error" role="alert" data-testid="procedure-missing">{tf(lang, Msg::ProcedureMissing, &[("id", &id)])}</p> <BackLink/> }
                    .into_any()
            }
            Shown::Found(p) => view! { <ProcedureView p=p back=|| view! { <BackLink/> }/> }.into_any(),
        }
    }
}

#[derive(Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(LoadProblem),
    Missing(String),
    Found(Procedure),
}

#[component]
fn BackLink() -> impl IntoView {
    let ui = expect_context::<Ui>();
    view! {
        <a class="back" href="#/" on:click=move |ev| {
            // Back in history keeps the results (and their scroll) as the operator left them.
            if platform::history_len() > 1 && !ui.query.get_untracked().is_empty() {
                ev.prevent_default();
                platform::history_back();
            }
        }>"← " {move || t(ui.lang.get(), Msg::BackToResults)}</a>
    }
}
