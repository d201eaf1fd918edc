//! Publishing from the studio: what `kb publish` does, with its code (`site::plan_publish`,
//! recorded in the site's history by `site::with_history`), on the site folder the web server
//! serves. Written in place where the browser may (File System Access: the history's kept
//! files, new blobs, then the page, then the worker, then the record, then the old files
//! removed — the order `kb publish` moves them in), else downloaded as a site update (`.zip` of
//! exactly the files to copy over the site, history included, with a note naming the old files
//! to delete). The History panel (`history`) carries out its restores the same two ways.

use super::platform;
use super::state::Studio;
use super::studio;
use crate::i18n::{tf, StudioMsg};
use crate::site::{plan_publish, with_history, History, Publication, SiteFiles, SiteUpdate};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// An error as `kb` prints it: the message, then each cause.
pub(super) fn told(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(&format!(": {c}"));
        cause = c.source();
    }
    text
}

/// A site folder as the studio read it: what a publication needs (`site`), its history, and
/// its files by their path in the folder (where the history's planning reads bytes).
#[derive(Debug)]
pub struct SiteFolder {
    pub name: String,
    pub site: SiteFiles,
    pub history: History,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl SiteFolder {
    /// The folder's files as a folder input or `platform::read_site_folder` gives them.
    pub fn read(name: String, files: Vec<(String, Vec<u8>)>) -> Result<SiteFolder, String> {
        let prefix = format!("{name}/");
        let files: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|(p, b)| (p.strip_prefix(&prefix).map(String::from).unwrap_or(p), b))
            .collect();
        let site = SiteFiles::from_folder(&name, &files).map_err(|e| told(&e))?;
        let history = History::from_folder(&name, &files).map_err(|e| told(&e))?;
        Ok(SiteFolder {
            name,
            site,
            history,
            files: files.into_iter().collect(),
        })
    }
}

/// Reads the site folder behind `handle` (again) and makes it the studio's site folder.
pub(super) async fn open_site(s: Studio, handle: &JsValue) -> Result<Arc<SiteFolder>, String> {
    let (name, files) = platform::read_site_folder(handle).await?;
    let folder = Arc::new(SiteFolder::read(name, files)?);
    s.site.set(Some(folder.clone()));
    s.site_handle.set_value(Some(handle.clone()));
    Ok(folder)
}

/// Carries a plan out in the folder behind `handle`: every write in the plan's order, then
/// the deletes.
pub(super) async fn write_in_place(handle: &JsValue, update: &SiteUpdate) -> Result<(), String> {
    for w in &update.writes {
        platform::write_file(handle, &w.path, &w.bytes).await?;
    }
    for old in &update.deletes {
        // Already gone is as good as removed.
        let _ = platform::remove_file(handle, old).await;
    }
    Ok(())
}

/// Hands the plan to the browser as a site update `.zip` named `name`.
pub(super) fn download_update(name: &str, update: &SiteUpdate) -> Result<(), String> {
    let zip = update.to_zip(platform::now_secs());
    platform::download(name, &zip, "application/zip")
}

/// Waits until the folder as edited has been checked (an edit's check comes from the worker a
/// moment after typing stops): a publication is of the text on screen, never of an older check.
pub(super) async fn when_checked(s: Studio) {
    while s.checking.get_untracked() {
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
}

/// The plan for the folder as it stands, refused while it has problems (as `kb publish`), with
/// its record in the site's history, by the editor named in "Your name".
fn plan(s: Studio, folder: &SiteFolder) -> Result<SiteUpdate, String> {
    let checked = s.checked.get_untracked();
    if !checked.errors.is_empty() {
        let n = checked.errors.len().to_string();
        return Err(tf(
            s.lang.get_untracked(),
            StudioMsg::PublishRefused,
            &[("n", &n)],
        ));
    }
    let mut update = platform::measured("cuecard:studio-publish", || {
        plan_publish(&checked.published(), &checked.synonyms, &folder.site)
    })
    .map_err(|e| told(&e))?;
    let (site, history, files) = (&folder.site, &folder.history, &folder.files);
    with_history(&mut update, site, history, files, &s.stamp()).map_err(|e| told(&e))?;
    Ok(update)
}

fn summary(s: Studio, p: &Publication) -> String {
    let lang = s.lang.get_untracked();
    if p.is_noop() {
        return crate::i18n::t(lang, StudioMsg::NothingToPublish).to_string();
    }
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "0".to_string()
        } else {
            format!("{} ({})", ids.len(), ids.join(", "))
        }
    };
    tf(
        lang,
        StudioMsg::Published,
        &[
            ("count", &p.count.to_string()),
            ("added", &list(&p.added)),
            ("changed", &list(&p.changed)),
            ("removed", &list(&p.removed)),
        ],
    )
}

/// Publishes into a site folder opened with the File System Access API, then reads it again
/// (the History panel shows the new record).
fn publish_in_place(s: Studio) {
    leptos::task::spawn_local(async move {
        let fail = |why: String| s.failed(StudioMsg::PublishFailed, &why);
        let handle = match platform::pick_folder().await {
            Ok(Some(h)) => h,
            Ok(None) => return,
            Err(why) => return fail(why),
        };
        when_checked(s).await;
        let update = match open_site(s, &handle).await {
            Ok(folder) => plan(s, &folder),
            Err(why) => Err(why),
        };
        let update = match update {
            Ok(u) => u,
            Err(why) => return fail(why),
        };
        if let Err(why) = write_in_place(&handle, &update).await {
            return fail(why);
        }
        s.tell(summary(s, &update.publication));
        if let Err(why) = open_site(s, &handle).await {
            fail(why);
        }
    });
}

/// "Download site update": the plan for the folder as checked, handed to the browser as a
/// `.zip` (nothing to download when nothing changed).
fn download_site(s: Studio, found: &SiteFolder) {
    match plan(s, found) {
        Ok(update) => {
            s.tell(summary(s, &update.publication));
            if !update.publication.is_noop() {
                let name = format!("{}-update.zip", found.name);
                if let Err(why) = download_update(&name, &update) {
                    s.failed(StudioMsg::PublishFailed, &why);
                }
            }
        }
        Err(why) => s.failed(StudioMsg::PublishFailed, &why),
    }
}

#[component]
pub fn PublishPanel() -> impl IntoView {
    let s = studio();
    let on_site = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = super::folder::event_target(&ev);
        leptos::task::spawn_local(async move {
            match platform::input_files(&input).await {
                Ok((name, files)) => match SiteFolder::read(name, files) {
                    Ok(found) => {
                        s.site.set(Some(Arc::new(found)));
                        s.site_handle.set_value(None);
                    }
                    Err(why) => s.failed(StudioMsg::PublishFailed, &why),
                },
                Err(why) => s.failed(StudioMsg::PublishFailed, &why),
            }
        });
    };
    let download = move |_| {
        let Some(found) = s.site.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            when_checked(s).await;
            download_site(s, &found);
        });
    };
    view! {
        <section class="studio-publish" aria-labelledby="studio-publish-label">
            <h2 id="studio-publish-label">{move || s.msg(StudioMsg::Publish)}</h2>
            <label class="studio-by">
                <span>{move || s.msg(StudioMsg::YourName)}</span>
                <input type="text" data-testid="studio-by" autocomplete="name"
                    prop:value=move || s.by.get() on:input=move |ev| s.set_by(event_target_value(&ev))/>
            </label>
            <div class="studio-actions">
                {platform::can_open_folders().then(|| view! {
                    <button data-testid="studio-publish" on:click=move |_| publish_in_place(s)>{move || s.msg(StudioMsg::PublishToSite)}</button>
                })}
                <label class="button-like">
                    <span>{move || s.msg(StudioMsg::ChooseSite)}</span>
                    <input type="file" class="visually-hidden" data-testid="studio-site-folder" multiple
                        prop:webkitdirectory=true on:change=on_site/>
                </label>
                <button data-testid="studio-download-site" disabled=move || s.site.with(Option::is_none)
                    on:click=download>{move || s.msg(StudioMsg::DownloadSiteUpdate)}</button>
            </div>
            {move || s.site.get().map(|f| view! { <p class="muted" data-testid="studio-site-name">{f.name.clone()}</p> })}
        </section>
    }
}
