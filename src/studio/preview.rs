//! The card being edited as the operator will see it: the desk's own card views (`app::card`),
//! over a call of the preview's own (tick the steps, choose a branch, try the hold timer; none
//! of it is kept), with related cards from the studio's index.

use super::studio;
use crate::app::card::{CardEnv, ProcedureView, Surface};
use crate::app::platform::now_ms;
use crate::desk::call::CallState;
use crate::i18n::StudioMsg;
use gloo_timers::callback::Interval;
use leptos::prelude::*;

/// How many related cards the preview shows (as the desk does).

#[derive(Clone, PartialEq)]
enum Shown {
    Nothing,
    NotACard,
    Broken,
    /// The card as it last parsed, while the text has a problem of its own.
    Stale(Box<crate::content::Procedure>),
    Card(Box<crate::content::Procedure>),
}

#[component]
pub fn Preview() -> impl IntoView {
    let s = studio();
    let call = RwSignal::new(CallState::default());
    let now = RwSignal::new(now_ms());
    Interval::new(1_000, move || now.set(now_ms())).forget();
    provide_context(CardEnv {
        surface: Surface::Preview,
        lang: s.lang,
        now,
        printing: RwSignal::new(false),
        call,
        edit: Callback::new(move |e| call.update(|c| c.apply(e, now_ms()))),
        related: Callback::new(move |id: String| {
            s.engine
                .with_untracked(|e| {
                    e.as_ref()
                        .map(|e| e.related(&id, crate::app::card::RELATED, None))
                })
                .unwrap_or_default()
        }),
        announce: Callback::new(move |text| s.status.set(text)),
    });
    // Each card as it last parsed: a typo mid-edit keeps the preview, marked, instead of
    // blanking it.
    let last_good =
        StoredValue::new(std::collections::HashMap::<String, crate::content::Procedure>::new());
    let shown = Memo::new(move |_| {
        let Some(path) = s.selected.get() else {
            return Shown::Nothing;
        };
        if !crate::workspace::is_card(&path) {
            return Shown::NotACard;
        }
        let parsed = s.checked.with(|c| {
            c.cards
                .iter()
                .find(|(p, _)| p.to_str() == Some(path.as_str()))
                .map(|(_, p)| p.clone())
        });
        match parsed {
            Some(p) => {
                last_good.update_value(|m| drop(m.insert(path, p.clone())));
                Shown::Card(Box::new(p))
            }
            None => last_good
                .with_value(|m| m.get(&path).cloned())
                .map_or(Shown::Broken, |p| Shown::Stale(Box::new(p))),
        }
    });
    view! {
        <section class="studio-preview" data-testid="studio-preview" aria-labelledby="studio-preview-label">
            <h2 id="studio-preview-label">{move || s.msg(StudioMsg::Preview)}</h2>
            {move || match shown.get() {
                Shown::Nothing => view! { <p class="muted">{s.msg(StudioMsg::NoCardChosen)}</p> }.into_any(),
                Shown::NotACard => view! { <p class="muted">{s.msg(StudioMsg::NotACard)}</p> }.into_any(),
                Shown::Broken => view! { <p class="error" data-testid="studio-preview-broken">{s.msg(StudioMsg::PreviewBroken)}</p> }.into_any(),
                Shown::Stale(p) => view! {
                    <p class="studio-warning" data-testid="studio-preview-stale">{s.msg(StudioMsg::PreviewStale)}</p>
                    <ProcedureView p=*p/>
                }.into_any(),
                Shown::Card(p) => view! { <ProcedureView p=*p/> }.into_any(),
            }}
        </section>
    }
}
