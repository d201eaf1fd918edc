//! "Needs attention": the cards expired, ending within 14 days, not yet in force, due for
//! review, drafts and cards with problems (`content::attention`, as `kb check` counts them);
//! each row opens its card.

use super::studio;
use crate::app::platform::day_text;
use crate::content::attention::Reason;
use crate::i18n::{t, tf, Msg, StudioMsg};
use leptos::prelude::*;

#[component]
pub fn NeedsAttention() -> impl IntoView {
    let s = studio();
    let reason_text = move |r: &Reason| {
        let lang = s.lang.get();
        let on = |msg, d| tf(lang, msg, &[("date", &day_text(d, true))]);
        match r {
            Reason::Expired(d) => on(StudioMsg::AttExpired, *d),
            Reason::EndingSoon(d) => on(StudioMsg::AttEndingSoon, *d),
            Reason::NotYet(d) => on(StudioMsg::AttNotYet, *d),
            Reason::ReviewOverdue(d, owner) => {
                let owner = owner
                    .clone()
                    .unwrap_or_else(|| t(lang, StudioMsg::AttNoOwner).to_string());
                tf(
                    lang,
                    StudioMsg::AttReview,
                    &[("date", &day_text(*d, true)), ("owner", &owner)],
                )
            }
            Reason::Draft => t(lang, Msg::Draft).to_string(),
            Reason::Problems(n) => tf(lang, StudioMsg::ProblemsCount, &[("n", &n.to_string())]),
        }
    };
    let kind = |r: &Reason| match r {
        Reason::Expired(_) => "expired",
        Reason::EndingSoon(_) => "ending",
        Reason::NotYet(_) => "not-yet",
        Reason::ReviewOverdue(..) => "review",
        Reason::Draft => "draft",
        Reason::Problems(_) => "problems",
    };
    view! {
        <section class="studio-attention" data-testid="studio-attention" aria-labelledby="studio-attention-label">
            <h2 id="studio-attention-label">{move || s.msg(StudioMsg::NeedsAttention)} " "
                <span class="muted">{move || s.attention.with(|r| r.len())}</span></h2>
            {move || {
                let rows = s.attention.get();
                if rows.is_empty() {
                    return view! { <p class="muted">{s.msg(StudioMsg::NothingNeedsAttention)}</p> }.into_any();
                }
                view! {
                    <ul>{rows.iter().map(|r| {
                        // The checked paths are the folder's own relative paths (the root is empty).
                        let path = r.path.display().to_string();
                        let open = path.clone();
                        view! {
                            <li>
                                <button class="link" data-testid="studio-attention-row" data-path=path
                                    data-reason=kind(&r.reason) on:click=move |_| s.selected.set(Some(open.clone()))>
                                    {r.title.clone()}
                                </button>
                                " — " {reason_text(&r.reason)}
                            </li>
                        }
                    }).collect_view()}</ul>
                }
                .into_any()
            }}
        </section>
    }
}
