//! The studio's header: opening the content folder (a folder input in every browser; the File
//! System Access API where it exists, to save in place), a new card, the studio's language.

use super::platform;
use super::studio;
use crate::content::Lang;
use crate::i18n::{t, StudioMsg, UiLang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn FolderBar() -> impl IntoView {
    let s = studio();
    let on_files = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        leptos::task::spawn_local(async move {
            match platform::input_files(&input).await {
                Ok((name, files)) if !files.is_empty() => s.open(name, files, None),
                Ok(_) => {}
                Err(why) => s.tell(why),
            }
        });
    };
    let pick = move |_| {
        leptos::task::spawn_local(async move {
            let handle = match platform::pick_folder().await {
                Ok(Some(h)) => h,
                Ok(None) => return,
                Err(why) => return s.tell(why),
            };
            match platform::read_folder(&handle).await {
                Ok((name, files)) => s.open(name, files, Some(handle)),
                Err(why) => s.tell(why),
            }
        });
    };
    view! {
        <div class="studio-folder">
            <label class="button-like">
                <span>{move || s.msg(StudioMsg::ChooseFolder)}</span>
                // `webkitdirectory`: every engine's folder input; the browser asks for the folder.
                <input type="file" class="visually-hidden" data-testid="studio-folder" multiple
                    prop:webkitdirectory=true on:change=on_files/>
            </label>
            {platform::can_open_folders().then(|| view! {
                <button data-testid="studio-open-folder" on:click=pick>{move || s.msg(StudioMsg::OpenFolder)}</button>
            })}
            <NewCard/>
        </div>
    }
}

#[component]
fn NewCard() -> impl IntoView {
    let s = studio();
    let title = RwSignal::new(String::new());
    let lang = RwSignal::new(Lang::Vi);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = title.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        s.new_card(lang.get_untracked(), &text);
        title.set(String::new());
    };
    view! {
        <details class="studio-new">
            <summary data-testid="studio-new">{move || s.msg(StudioMsg::NewCard)}</summary>
            <form on:submit=create>
                <label>
                    <span>{move || s.msg(StudioMsg::NewCardTitle)}</span>
                    <input type="text" data-testid="studio-new-title" required
                        prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{move || s.msg(StudioMsg::NewCardLang)}</span>
                    <select data-testid="studio-new-lang" on:change=move |ev| {
                        if let Some(l) = Lang::from_code(&event_target_value(&ev)) {
                            lang.set(l);
                        }
                    }>
                        {Lang::ALL.into_iter().map(|l| view! { <option value=l.code()>{l.code()}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit" data-testid="studio-new-create">{move || s.msg(StudioMsg::Create)}</button>
            </form>
        </details>
    }
}

#[component]
pub fn LangPicker() -> impl IntoView {
    let s = studio();
    view! {
        <label class="studio-lang">
            <span class="visually-hidden">{move || s.msg(StudioMsg::UiLanguage)}</span>
            <select data-testid="studio-ui-lang" on:change=move |ev| {
                let code = event_target_value(&ev);
                if let Some(l) = UiLang::ALL.into_iter().find(|l| l.code() == code) {
                    s.lang.set(l);
                }
            }>
                {UiLang::ALL.into_iter().map(|l| view! {
                    <option value=l.code() selected=move || s.lang.get() == l>{t(l, StudioMsg::UiLanguage)} " (" {l.code()} ")"</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// The element an event came from, as the type it is.
fn event_target<T: JsCast>(ev: &leptos::ev::Event) -> T {
    ev.target().expect("an event's target").unchecked_into()
}
