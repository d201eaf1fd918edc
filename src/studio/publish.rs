//! Publishing from the studio: what `kb publish` does, with its code (`site::plan_publish`,
//! recorded in the site's history by `site::with_history`, both run by the studio's worker:
//! `workspace::background`), on the site folder the web server serves. Written in place where the browser may (File System Access: the history's kept
//! files, new blobs, then the page, then the worker, then the record, then the old files
//! removed — the order `kb publish` moves them in), else downloaded as a site update (`.zip` of
//! exactly the files to copy over the site, history included, with a note naming the old files
//! to delete). The History panel (`history`) carries out its restores the same two ways.

use super::platform;
use super::state::Studio;
use super::studio;
use crate::i18n::{tf, StudioMsg};
use crate::site::{Publication, SiteUpdate};
use crate::workspace::background::{PublishError, PublishJob, Published};
pub(super) use crate::workspace::site_folder::SiteFolder;
pub(super) use crate::workspace::told;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsValue;

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

/// The publication of the folder as it stands, planned by the worker with `kb publish`'s code
/// (refused while the folder has problems, as `kb publish`) and recorded in the site's history
/// by the editor named in "Your name"; `zip`: packed as a site update.
async fn plan(s: Studio, folder: &SiteFolder, zip: bool) -> Result<Published, String> {
    when_checked(s).await;
    let job = PublishJob {
        site_name: folder.name.clone(),
        site_files: folder
            .files
            .iter()
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect(),
        stamp: s.stamp(),
        zip,
    };
    let (result, ms) = s
        .publish(job)
        .await
        .ok_or_else(|| "replaced by a newer publication".to_string())?;
    platform::record("cuecard:studio-publish", ms);
    result.map_err(|e| match e {
        PublishError::Problems(n) => tf(
            s.lang.get_untracked(),
            StudioMsg::PublishRefused,
            &[("n", &n.to_string())],
        ),
        PublishError::Failed(why) => why,
    })
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
        let update = match open_site(s, &handle).await {
            Ok(folder) => plan(s, &folder, false).await,
            Err(why) => Err(why),
        };
        let update = match update {
            Ok(Published::Update(u)) => u,
            Ok(Published::Zip { .. }) => unreachable!("asked for the writes"),
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

/// "Download site update": the folder as checked, published by the worker into a `.zip` that
/// is handed to the browser (nothing to download when nothing changed).
async fn download_site(s: Studio, found: &SiteFolder) {
    match plan(s, found, true).await {
        Ok(Published::Zip { publication, bytes }) => {
            s.tell(summary(s, &publication));
            if !publication.is_noop() {
                let name = format!("{}-update.zip", found.name);
                if let Err(why) = platform::download(&name, &bytes, "application/zip") {
                    s.failed(StudioMsg::PublishFailed, &why);
                }
            }
        }
        Ok(Published::Update(_)) => unreachable!("asked for the zip"),
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
        leptos::task::spawn_local(async move { download_site(s, &found).await });
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
