//! The search as the operator's page answers it, over the folder as edited (drafts included):
//! an editor types what an operator would and sees whether their card comes first.

use super::studio;
use crate::i18n::{t, Msg, StudioMsg};
use leptos::prelude::*;

/// As many results as the desk lists.
const LIMIT: usize = 10;

#[component]
pub fn TrySearch() -> impl IntoView {
    let s = studio();
    let query = RwSignal::new(String::new());
    let found = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        s.engine.with(|e| {
            e.as_ref()
                .map(|e| e.try_find(&q, None, LIMIT).map_err(|e| e.to_string()))
        })
    });
    view! {
        <section class="studio-search" aria-labelledby="studio-search-label">
            <h2 id="studio-search-label">{move || s.msg(StudioMsg::TrySearch)}</h2>
            <input type="search" data-testid="studio-search" aria-labelledby="studio-search-label"
                placeholder=move || s.msg(StudioMsg::TrySearchPlaceholder)
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            {move || s.indexing.get().then(|| view! { <p class="muted" data-testid="studio-indexing">{s.msg(StudioMsg::IndexBuilding)}</p> })}
            {move || match found.get() {
                None => ().into_any(),
                Some(Err(why)) => view! { <p class="error">{why}</p> }.into_any(),
                Some(Ok(f)) if f.hits.is_empty() => view! { <p class="muted">{t(s.lang.get(), Msg::NoResults)}</p> }.into_any(),
                Some(Ok(f)) => view! {
                    {f.searched_as.map(|a| view! { <p class="muted">{t(s.lang.get(), Msg::SearchedAs)} " " {a}</p> })}
                    <ol class="studio-results">
                        {f.hits.into_iter().map(|h| {
                            let (id, shown_id) = (h.id.clone(), h.id.clone());
                            view! {
                                <li>
                                    <button class="studio-result" data-testid="studio-result" data-id=h.id.clone()
                                        on:click=move |_| s.open_card(&id)>
                                        <span class="lang-badge">{h.lang.code()}</span> " " {h.title} " "
                                        <span class="muted">{shown_id}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
    }
}
