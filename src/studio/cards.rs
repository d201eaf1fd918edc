//! The folder's cards, filterable by text: title, language, category, and the draft, problem
//! and changed marks (`workspace::report::rows`).

use super::studio;
use crate::i18n::{t, tf, Msg, StudioMsg};
use crate::workspace::report::{at_once, filter_rows, rows};
use leptos::prelude::*;

#[component]
pub fn CardList() -> impl IntoView {
    let s = studio();
    let filter = RwSignal::new(String::new());
    let all = Memo::new(move |_| s.checked.with(|c| s.ws.with(|w| rows(w, c))));
    // "Show all": every row drawn from then on.
    let show_all = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        all.with(|r| {
            filter.with(|f| {
                let matching = filter_rows(r, f);
                s.selected
                    .with(|p| at_once(&matching, show_all.get(), p.as_deref()))
            })
        })
    });
    view! {
        <nav class="studio-cards" aria-label=move || s.msg(StudioMsg::Cards)>
            <h2>{move || s.msg(StudioMsg::Cards)} " " <span class="muted">{move || all.with(Vec::len)}</span></h2>
            <label>
                <span class="visually-hidden">{move || s.msg(StudioMsg::FilterCards)}</span>
                <input type="search" data-testid="studio-filter" placeholder=move || s.msg(StudioMsg::FilterCards)
                    prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
            </label>
            <ul>
                <For each=move || shown.get().0 key=|r| r.clone() let:row>
                    {
                        let path = row.path.clone();
                        let here = path.clone();
                        let current = move || s.selected.with(|p| p.as_deref() == Some(here.as_str()));
                        view! {
                            <li>
                                <button class="studio-card" class:current=current.clone() data-testid="studio-card"
                                    data-path=path.clone() aria-current=move || current().then_some("true")
                                    on:click=move |_| s.selected.set(Some(path.clone()))>
                                    <span class="studio-card-title">{row.title.clone()}</span>
                                    <span class="studio-card-meta">
                                        {row.lang.map(|l| view! { <span class="lang-badge">{l.code()}</span> " " })}
                                        <span class="category">{row.category.clone().unwrap_or_default()}</span>
                                        {row.draft.then(|| view! { " " <span class="draft-badge" data-testid="studio-draft-mark">{move || t(s.lang.get(), Msg::Draft)}</span> })}
                                        {(row.problems > 0).then(|| {
                                            let n = row.problems.to_string();
                                            view! { " " <span class="studio-problem-mark" data-testid="studio-problem-mark">{move || tf(s.lang.get(), StudioMsg::ProblemsCount, &[("n", &n)])}</span> }
                                        })}
                                        {row.changed.then(|| view! { " " <span class="studio-changed-mark" data-testid="studio-changed-mark">{move || s.msg(StudioMsg::Modified)}</span> })}
                                    </span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || {
                let left = shown.with(|(_, left)| *left);
                (left > 0).then(|| view! {
                    <button type="button" class="studio-small" data-testid="studio-show-all-cards"
                        on:click=move |_| show_all.set(true)>
                        {move || tf(s.lang.get(), StudioMsg::ShowAllCards, &[("n", &left.to_string())])}
                    </button>
                })
            }}
        </nav>
    }
}
