//! The studio (studio.html): content editors open the content folder, edit a card as text with
//! `kb check`'s problems as they type, see it as the operator will (the desk's own card views,
//! `app::card`), try the search over an index built in the page, save or publish, and restore
//! an earlier publication from the site's history — with nothing installed. State and actions are in `state`, pure logic in `crate::workspace`.

mod attention;
mod background;
mod cards;
mod changes;
mod editor;
mod folder;
mod form;
mod gaps;
mod gaps_fix;
mod history;
mod outline;
mod platform;
mod preview;
mod publish;
mod state;
mod try_search;

use crate::i18n::{t, StudioMsg};
use leptos::prelude::*;
use state::Studio;

/// The studio's page, or in the studio's worker (`studio/worker.js` starts this same wasm) the
/// folder's check and index build.
pub fn start() {
    if background::in_worker() {
        background::serve();
        return;
    }
    crate::app::platform::on_panic_show_banner();
    leptos::mount::mount_to_body(StudioPage);
}

fn studio() -> Studio {
    expect_context::<Studio>()
}

#[component]
fn StudioPage() -> impl IntoView {
    let s = Studio::new();
    provide_context(s);
    platform::ask_before_leaving(move || s.ws.with_untracked(|w| !w.changes().is_empty()));
    platform::on_save_key(move || changes::save(s));
    // The preview's links to other cards (`#/p/<id>`) open them in the editor.
    platform::on_hash_change(move |hash| {
        let Some(id) = hash.strip_prefix("#/p/") else {
            return;
        };
        s.open_card(id);
    });
    Effect::new(move |_| {
        let lang = s.lang.get();
        crate::app::platform::set_document_lang(lang.code());
        crate::app::platform::set_title(t(lang, StudioMsg::Title));
    });
    view! {
        // `data-checked-in`: where the last check ran (the tests' hook: "worker" or "page").
        <div class="studio" data-checked-in=move || if s.checked_in_worker.get() { "worker" } else { "page" }>
            <header class="studio-header">
                <h1>{move || s.msg(StudioMsg::Title)}</h1>
                <folder::FolderBar/>
                <folder::LangPicker/>
            </header>
            <p class="studio-status" role="status" data-testid="studio-status">{move || s.status.get()}</p>
            {move || s.ws.with(|w| w.paths().is_empty()).then(|| view! { <p class="studio-intro">{s.msg(StudioMsg::Intro)}</p> })}
            {move || (!s.storage_ok.get()).then(|| view! {
                <p class="studio-warning" role="alert">{s.msg(StudioMsg::StorageOff)}</p>
            })}
            <main class="studio-main">
                <cards::CardList/>
                <editor::Editor/>
                <preview::Preview/>
            </main>
            <div class="studio-lower">
                <attention::NeedsAttention/>
                <try_search::TrySearch/>
                <changes::ChangesPanel/>
                <publish::PublishPanel/>
                <history::HistoryPanel/>
                // Full width, below the others: long once a week of reports is open.
                <gaps::GapsPanel/>
            </div>
        </div>
    }
}
