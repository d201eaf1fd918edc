//! The studio (studio.html): content editors open the content folder, edit a card as text with
//! `kb check`'s problems as they type, see it as the operator will (the desk's own card views),
//! try the search over an index built in the page, and save or publish — with nothing installed.

use leptos::prelude::*;

pub fn mount() {
    leptos::mount::mount_to_body(Studio);
}

#[component]
fn Studio() -> impl IntoView {
    view! { <main class="studio"><h1>"Cuecard Studio"</h1></main> }
}
