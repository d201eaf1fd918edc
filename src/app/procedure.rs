//! The desk's open procedure: the card (`card`) for the id in the route, over the desk's saved
//! call, with the link back to the results.

use super::card::{CardEnv, ProcedureView, Surface};
use super::platform;
use super::store::{Desk, IndexLoad, LoadProblem, LoadState, Status, Ui};
use crate::content::{Procedure, Standing};
use crate::i18n::{t, tf, Msg, UiLang};
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
            LoadState::Ready(e) => {
                e.related(&id, super::card::RELATED, Some(platform::desk_moment()))
            }
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
            // A link or a bookmark to a card not in force says so, on the desk's clock.
            Some(p) => match platform::desk_moment().standing(p) {
                Standing::InForce { ends } => Shown::Found(p.clone(), ends),
                not => Shown::NotInForce(p.title.clone(), not),
            },
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
            Shown::Found(p, ends) => {
                let until = ends.map(|d| platform::day_text(d, false));
                let id = p.id.clone();
                let bar = move || view! {
                    <div class="card-bar"><BackLink/><super::report::CardFlag id=id.clone()/></div>
                };
                view! { <ProcedureView p=p until=until back=bar/> }.into_any()
            }
            Shown::NotInForce(title, standing) => view! {
                <BackLink/>
                <h1>{title}</h1>
                <p class="not-in-force" role="status" data-testid="procedure-not-in-force">{not_in_force_text(lang, standing, None)}</p>
            }
            .into_any(),
        }
    }
}

#[derive(Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(LoadProblem),
    Missing(String),
    Found(Procedure, Option<crate::content::Date>),
    NotInForce(String, Standing),
}

/// "This procedure is not in force (ended 30/11/2026)", or with a title, the search's line;
/// `None` for a card in force.
pub fn not_in_force_text(lang: UiLang, standing: Standing, title: Option<&str>) -> Option<String> {
    let (msg, date) = match (standing, title) {
        (Standing::InForce { .. }, _) => return None,
        (Standing::Ended(d), None) => (Msg::CardEnded, d),
        (Standing::NotYet(d), None) => (Msg::CardNotYet, d),
        (Standing::Ended(d), Some(_)) => (Msg::MatchEnded, d),
        (Standing::NotYet(d), Some(_)) => (Msg::MatchNotYet, d),
    };
    let date = platform::day_text(date, true);
    Some(tf(
        lang,
        msg,
        &[("date", &date), ("title", title.unwrap_or(""))],
    ))
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
