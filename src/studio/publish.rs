//! Publishing from the studio: what `kb publish` does, with its code (`site::plan_publish`), on
//! the site folder the web server serves. Written in place where the browser may (File System
//! Access: new blobs, then the page, then the worker, then the old blobs removed — the order
//! `kb publish` moves them in), else downloaded as a site update (`.zip` of exactly the files to
//! copy over the site, with a note naming the old files to delete).

use super::platform;
use super::state::Studio;
use super::studio;
use crate::i18n::{tf, StudioMsg};
use crate::site::{plan_publish, Publication, SiteFiles, SiteUpdate};
use leptos::prelude::*;

/// An error as `kb` prints it: the message, then each cause.
fn told(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(&format!(": {c}"));
        cause = c.source();
    }
    text
}

/// The plan for the folder as it stands, refused while it has problems (as `kb publish`).
fn plan(s: Studio, site: &SiteFiles) -> Result<SiteUpdate, String> {
    let checked = s.checked.get_untracked();
    if !checked.errors.is_empty() {
        let n = checked.errors.len().to_string();
        return Err(tf(
            s.lang.get_untracked(),
            StudioMsg::PublishRefused,
            &[("n", &n)],
        ));
    }
    platform::measured("cuecard:studio-publish", || {
        plan_publish(&checked.published(), &checked.synonyms, site)
    })
    .map_err(|e| told(&e))
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

/// Publishes into a site folder opened with the File System Access API.
fn publish_in_place(s: Studio) {
    leptos::task::spawn_local(async move {
        let fail = |why: String| s.failed(StudioMsg::PublishFailed, &why);
        let handle = match platform::pick_folder().await {
            Ok(Some(h)) => h,
            Ok(None) => return,
            Err(why) => return fail(why),
        };
        let site = match platform::read_folder(&handle).await {
            Ok((name, files)) => SiteFiles::from_folder(&name, &files).map_err(|e| told(&e)),
            Err(why) => Err(why),
        };
        let update = match site.and_then(|site| plan(s, &site)) {
            Ok(u) => u,
            Err(why) => return fail(why),
        };
        for w in &update.writes {
            if let Err(why) = platform::write_file(&handle, &w.path, &w.bytes).await {
                return fail(why);
            }
        }
        for old in &update.deletes {
            // Already gone is as good as removed.
            let _ = platform::remove_file(&handle, old).await;
        }
        s.tell(summary(s, &update.publication));
    });
}

#[component]
pub fn PublishPanel() -> impl IntoView {
    let s = studio();
    let site = StoredValue::new(None::<SiteFiles>);
    let site_name = RwSignal::new(None::<String>);
    let on_site = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = super::folder::event_target(&ev);
        leptos::task::spawn_local(async move {
            match platform::input_files(&input).await {
                Ok((name, files)) => match SiteFiles::from_folder(&name, &files) {
                    Ok(found) => {
                        site.set_value(Some(found));
                        site_name.set(Some(name));
                    }
                    Err(e) => s.failed(StudioMsg::PublishFailed, &told(&e)),
                },
                Err(why) => s.failed(StudioMsg::PublishFailed, &why),
            }
        });
    };
    let download = move |_| {
        let Some(found) = site.get_value() else {
            return;
        };
        match plan(s, &found) {
            Ok(update) => {
                s.tell(summary(s, &update.publication));
                if !update.publication.is_noop() {
                    let name = format!(
                        "{}-update.zip",
                        site_name.get_untracked().unwrap_or_default()
                    );
                    let zip = update.to_zip(platform::now_secs());
                    if let Err(why) = platform::download(&name, &zip, "application/zip") {
                        s.failed(StudioMsg::PublishFailed, &why);
                    }
                }
            }
            Err(why) => s.failed(StudioMsg::PublishFailed, &why),
        }
    };
    view! {
        <section class="studio-publish" aria-labelledby="studio-publish-label">
            <h2 id="studio-publish-label">{move || s.msg(StudioMsg::Publish)}</h2>
            <div class="studio-actions">
                {platform::can_open_folders().then(|| view! {
                    <button data-testid="studio-publish" on:click=move |_| publish_in_place(s)>{move || s.msg(StudioMsg::PublishToSite)}</button>
                })}
                <label class="button-like">
                    <span>{move || s.msg(StudioMsg::ChooseSite)}</span>
                    <input type="file" class="visually-hidden" data-testid="studio-site-folder" multiple
                        prop:webkitdirectory=true on:change=on_site/>
                </label>
                <button data-testid="studio-download-site" disabled=move || site_name.with(Option::is_none)
                    on:click=download>{move || s.msg(StudioMsg::DownloadSiteUpdate)}</button>
            </div>
            {move || site_name.get().map(|n| view! { <p class="muted" data-testid="studio-site-name">{n}</p> })}
        </section>
    }
}
